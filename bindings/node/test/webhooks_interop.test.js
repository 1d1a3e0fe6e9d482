'use strict'
// Interop: our signer's Standard Webhooks headers verify with the npm `standardwebhooks`
// package, a signature made by hand with node:crypto per the SPEC verifies with ours, and
// both reject the same alterations. (`standardwebhooks` is a devDependency.)
const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const { Webhook: StandardWebhook } = require('standardwebhooks')
const revtain = require('..')

const SECRET = revtain.generateWebhookSecret()
const BODY = '{"id":"evt_i","type":"card.updated","created":1700000000,"data":{"customer":"cus_1"}}'
const now = () => Math.floor(Date.now() / 1000)
const sign = (body = BODY, t = now(), secret = SECRET) => new revtain.WebhookSigner(secret).sign(body, 'evt_i', t)
const standard = (h) => Object.fromEntries(Object.entries(h).filter(([k]) => k.startsWith('webhook-')))

test('standardwebhooks verifies our headers, rotation included', () => {
  assert.deepEqual(new StandardWebhook(SECRET).verify(BODY, standard(sign())), JSON.parse(BODY))
  const other = revtain.generateWebhookSecret()
  const h = new revtain.WebhookSigner([other, SECRET]).sign(BODY, 'evt_i', now())
  new StandardWebhook(SECRET).verify(BODY, standard(h))
  new StandardWebhook(other).verify(BODY, standard(h))
})

test('a node:crypto signature made per the SPEC verifies with ours', () => {
  const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64')
  const t = now()
  const v1 = crypto.createHmac('sha256', key).update(`${t}.${BODY}`).digest('hex')
  assert.equal(new revtain.Webhook(SECRET).verifySignature(Buffer.from(BODY), `t=${t},v1=${v1}`), t)
})

const mutations = {
  'tampered body': () => [BODY.replace('cus_1', 'cus_2'), sign(), SECRET],
  'wrong secret': () => [BODY, sign(), revtain.generateWebhookSecret()],
  stale: () => [BODY, sign(BODY, now() - 3600), SECRET],
  future: () => [BODY, sign(BODY, now() + 3600), SECRET],
  'trailing newline': () => [`${BODY}\n`, sign(), SECRET],
}
for (const [name, make] of Object.entries(mutations)) {
  test(`both reject: ${name}`, () => {
    const [body, h, secret] = make()
    assert.throws(() => new StandardWebhook(secret).verify(body, standard(h)))
    assert.throws(() => new revtain.Webhook(secret).verify(body, h), (err) => revtain.isRevtainError(err))
  })
}
