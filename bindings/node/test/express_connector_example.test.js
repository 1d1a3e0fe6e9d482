'use strict'
// examples/node/express_connector.js on 127.0.0.1: platform webhooks POSTed over real HTTP.
const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const http = require('node:http')
const path = require('node:path')

const { createApp, fromEnv } = require(path.join(__dirname, '..', '..', '..', 'examples', 'node', 'express_connector.js'))

const STRIPE = 'whsec_5b1Zq3kQ9dR2vT7xW4yA8cE6gH0jL3mN'
const KEY = crypto.randomBytes(24)
const STANDARD = `whsec_${KEY.toString('base64')}`
const BODY = '{"id":"evt_1","object":"event","type":"invoice.paid","data":{"amount":4900}}'

const nowSeconds = () => Math.floor(Date.now() / 1000)
const stripeSignature = (body, t = nowSeconds()) =>
  `t=${t},v1=${crypto.createHmac('sha256', STRIPE).update(`${t}.${body}`).digest('hex')}`

async function listen(t) {
  const server = createApp({ secrets: { stripe: STRIPE, standard: STANDARD } }).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  t.after(() => new Promise((resolve) => server.close(resolve)))
  return `http://127.0.0.1:${server.address().port}/webhooks`
}

test('express.raw() endpoint verifies platform webhooks over HTTP', async (t) => {
  const base = await listen(t)
  const post = (connector, body, headers) =>
    fetch(`${base}/${connector}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })

  let r = await post('stripe', BODY, { 'Stripe-Signature': stripeSignature(BODY) })
  assert.equal(r.status, 200)
  assert.equal((await r.json()).received, 'stripe')

  const t0 = nowSeconds()
  const sig = crypto.createHmac('sha256', KEY).update(`msg_1.${t0}.${BODY}`).digest('base64')
  r = await post('standard', BODY, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(t0), 'webhook-signature': `v1,${sig}` })
  assert.equal(r.status, 200)
  assert.deepEqual(await r.json(), { received: 'standard', id: 'msg_1', timestamp: t0 })

  r = await post('stripe', BODY.replace('4900', '1'), { 'Stripe-Signature': stripeSignature(BODY) })
  assert.equal(r.status, 400)
  const refused = await r.json()
  assert.equal(refused.error, 'REVTAIN_RESULT_CONNECTOR_SIGNATURE_MISMATCH')
  assert.ok(!refused.message.includes(STRIPE))

  r = await post('stripe', BODY, {})
  assert.equal(r.status, 400)
  assert.deepEqual(await r.json().then(({ error, header }) => ({ error, header })), {
    error: 'REVTAIN_RESULT_CONNECTOR_HEADER_MISSING',
    header: 'Stripe-Signature',
  })

  r = await post('stripe', BODY, { 'Stripe-Signature': stripeSignature(BODY, nowSeconds() - 3600) })
  assert.equal(r.status, 400)
  assert.equal((await r.json()).error, 'REVTAIN_RESULT_CONNECTOR_TIMESTAMP_OUT_OF_TOLERANCE')

  r = await fetch(`${base}/stripe`, { method: 'POST', headers: { 'Stripe-Signature': stripeSignature('') } })
  assert.equal(r.status, 200, 'an empty body verifies as empty')

  r = await post('paddle', BODY, {})
  assert.equal(r.status, 404)
})

test('a Stripe-Signature sent twice is refused', async (t) => {
  const base = await listen(t)
  const sig = stripeSignature(BODY)
  // Two header lines (fetch would join them); Node joins them into one value with ', '.
  const status = await new Promise((resolve, reject) => {
    const req = http.request(`${base}/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'Stripe-Signature': [sig, sig] } }, (res) => {
      res.resume()
      resolve(res.statusCode)
    })
    req.once('error', reject)
    req.end(BODY)
  })
  assert.equal(status, 400)
})

test('fromEnv reads <CONNECTOR>_WEBHOOK_SECRET and the options', () => {
  const { secrets, options } = fromEnv({ STRIPE_WEBHOOK_SECRET: 'whsec_a', SQUARE_WEBHOOK_SECRET: 'sq', SQUARE_NOTIFICATION_URL: 'https://m.example/sq' })
  assert.deepEqual(secrets, { stripe: 'whsec_a', square: 'sq' })
  assert.equal(options.square.notificationUrl, 'https://m.example/sq')
})
