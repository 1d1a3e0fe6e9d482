'use strict'
// examples/node/card_update.js on 127.0.0.1: mint a link over HTTP, verify its token, and
// deliver a signed card.updated webhook.
const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const revtain = require('..')

const { createApp } = require(path.join(__dirname, '..', '..', '..', 'examples', 'node', 'card_update.js'))

test('card-update example: link, then card.updated webhook', async (t) => {
  const cardUpdateSecret = revtain.generateCardUpdateSecret()
  const webhookSecret = revtain.generateWebhookSecret()
  const updates = []
  const app = createApp({ cardUpdateSecret, clientId: 'cli_demo', webhookSecret, onCardUpdated: (u) => updates.push(u) })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  t.after(() => new Promise((resolve) => server.close(resolve)))
  const base = `http://127.0.0.1:${server.address().port}`

  let r = await fetch(`${base}/customers/cus_42/card-update-link`, { method: 'POST' })
  assert.equal(r.status, 200)
  const { url } = await r.json()
  assert.ok(url.startsWith('https://pay.revtain.com/card-update?token='))
  const claims = new revtain.CardUpdateLinks(cardUpdateSecret, 'cli_demo', 'https://pay.revtain.com/card-update').verify(url.split('token=')[1])
  assert.equal(claims.sub, 'cus_42')
  assert.equal(claims.returnUrl, 'https://merchant.example/account')

  r = await fetch(`${base}/customers/4242424242424242/card-update-link`, { method: 'POST' })
  assert.equal(r.status, 400)
  const refused = await r.json()
  assert.equal(refused.error, 'REVTAIN_RESULT_CARD_PAN_DETECTED')
  assert.ok(!refused.message.includes('4242424242424242'))

  const body = JSON.stringify({
    id: 'evt_cu1', type: 'card.updated', created: Math.floor(Date.now() / 1000),
    data: { customer: 'cus_42', gateway: 'stripe', payment_method: 'pm_1MqLiJLkdIwHu7ixUEgbFdYF' },
  })
  const headers = new revtain.WebhookSigner(webhookSecret).sign(body, 'evt_cu1')
  r = await fetch(`${base}/webhooks/revtain`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })
  assert.equal(r.status, 200)
  assert.deepEqual(updates, [{ customer: 'cus_42', gateway: 'stripe', paymentMethod: 'pm_1MqLiJLkdIwHu7ixUEgbFdYF' }])

  r = await fetch(`${base}/webhooks/revtain`, { method: 'POST', body: body.replace('cus_42', 'cus_43'), headers: { 'content-type': 'application/json', ...headers } })
  assert.equal(r.status, 400)
  assert.equal(updates.length, 1)
})
