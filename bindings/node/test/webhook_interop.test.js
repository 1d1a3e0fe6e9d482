'use strict'
// Interop: our signer's Standard Webhooks headers verify with the npm `standardwebhooks` and
// `svix` packages, signatures made by hand with node:crypto per docs/spec.md verify with ours (and
// equal our signer's), and all of them reject the same alterations. (`standardwebhooks` and
// `svix` are devDependencies.)
const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const { Webhook: StandardWebhook } = require('standardwebhooks')
const { Webhook: SvixWebhook } = require('svix')
const revtain = require('..')

const SECRET = revtain.generateWebhookSecret()
const BODY = '{"id":"evt_i","type":"card.updated","created":1700000000,"data":{"customer":"cus_1"}}'
const now = () => Math.floor(Date.now() / 1000)
const sign = (body = BODY, t = now(), secret = SECRET) => new revtain.WebhookSigner(secret).sign(body, 'evt_i', t)
const standard = (h) => Object.fromEntries(Object.entries(h).filter(([k]) => k.startsWith('webhook-')))

const svixHeaders = (h) => ({
  'svix-id': h['webhook-id'],
  'svix-timestamp': h['webhook-timestamp'],
  'svix-signature': h['webhook-signature'],
})

test('standardwebhooks and svix verify our headers, rotation included', () => {
  const h = sign()
  assert.deepEqual(new StandardWebhook(SECRET).verify(BODY, standard(h)), JSON.parse(BODY))
  // svix 2 returns nothing: it only throws on failure.
  new SvixWebhook(SECRET).verify(BODY, standard(h))
  new SvixWebhook(SECRET).verify(Buffer.from(BODY), svixHeaders(h))
  const other = revtain.generateWebhookSecret()
  const both = new revtain.WebhookSigner([other, SECRET]).sign(BODY, 'evt_i', now())
  for (const secret of [SECRET, other]) {
    new StandardWebhook(secret).verify(BODY, standard(both))
    new SvixWebhook(secret).verify(BODY, svixHeaders(both))
    new revtain.Webhook(secret).verify(BODY, both)
  }
})

const keyOf = (secret) => Buffer.from(secret.slice('whsec_'.length), 'base64')
const hexMac = (secret, text) => crypto.createHmac('sha256', keyOf(secret)).update(text).digest('hex')
const b64Mac = (secret, text) => crypto.createHmac('sha256', keyOf(secret)).update(text).digest('base64')

test('node:crypto signatures made per docs/spec.md verify with ours', () => {
  const t = now()
  const body = Buffer.from(BODY)
  const ours = new revtain.Webhook(SECRET)
  const v1 = hexMac(SECRET, `${t}.${BODY}`)
  assert.equal(ours.verifySignature(body, `t=${t},v1=${v1}`), t)
  // Rotation, entries in another order, spaces around them, an unknown key.
  const old = revtain.generateWebhookSecret()
  const rotated = ` v1=${hexMac(old, `${t}.${BODY}`)} , t=${t},v0=x,\tv1=${v1}`
  assert.equal(ours.verifySignature(body, rotated), t)
  assert.equal(new revtain.Webhook(old).verifySignature(body, rotated), t)
  // Bytes that are not UTF-8 are signed and verified as they are.
  const raw = Buffer.from([0xff, 0x00, 0xfe, 0x80])
  const mac = crypto.createHmac('sha256', keyOf(SECRET)).update(Buffer.concat([Buffer.from(`${t}.`), raw])).digest('hex')
  assert.equal(ours.verifySignature(raw, `t=${t},v1=${mac}`), t)
})

test('our signer writes exactly what node:crypto computes per docs/spec.md', () => {
  const t = 1700000000
  const other = revtain.generateWebhookSecret()
  const h = new revtain.WebhookSigner([SECRET, other]).sign(BODY, 'evt_i', t)
  assert.deepEqual(h, {
    'X-Revtain-Signature': `t=${t},v1=${hexMac(SECRET, `${t}.${BODY}`)},v1=${hexMac(other, `${t}.${BODY}`)}`,
    'webhook-id': 'evt_i',
    'webhook-timestamp': String(t),
    'webhook-signature': `v1,${b64Mac(SECRET, `evt_i.${t}.${BODY}`)} v1,${b64Mac(other, `evt_i.${t}.${BODY}`)}`,
  })
})

const MISMATCH = 'REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH'
const STALE = 'REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE'
const mutations = {
  'tampered body': () => [BODY.replace('cus_1', 'cus_2'), sign(), SECRET, MISMATCH],
  'wrong secret': () => [BODY, sign(), revtain.generateWebhookSecret(), MISMATCH],
  stale: () => [BODY, sign(BODY, now() - 3600), SECRET, STALE],
  future: () => [BODY, sign(BODY, now() + 3600), SECRET, STALE],
  'trailing newline': () => [`${BODY}\n`, sign(), SECRET, MISMATCH],
  're-serialised JSON': () => [JSON.stringify(JSON.parse(BODY), null, 1), sign(), SECRET, MISMATCH],
}
for (const [name, make] of Object.entries(mutations)) {
  test(`all reject: ${name}`, () => {
    const [body, h, secret, code] = make()
    assert.throws(() => new StandardWebhook(secret).verify(body, standard(h)))
    assert.throws(() => new SvixWebhook(secret).verify(body, svixHeaders(h)))
    assert.throws(() => new revtain.Webhook(secret).verify(body, h), { code })
    // The same request made by hand with node:crypto: ours rejects it alike.
    const t = Number(h['webhook-timestamp'])
    const byHand = `t=${t},v1=${hexMac(name === 'wrong secret' ? SECRET : secret, `${t}.${BODY}`)}`
    assert.throws(() => new revtain.Webhook(secret).verifySignature(body, byHand), { code })
  })
}
