'use strict'
// tests/vectors/webhooks.json and the Node surface of webhooks: body types, header
// containers, errors, inspect.
const test = require('node:test')
const assert = require('node:assert/strict')
const util = require('node:util')
const revtain = require('..')
const { loadVectors, hex, offsetView } = require('./vectors.js')

const V = loadVectors('webhooks.json')
const bodyOf = (c) => Buffer.concat(Array(c.body_repeat ?? 1).fill(hex(c.body_hex)))
const secretArg = (c) => (c.secrets.length === 1 ? c.secrets[0] : c.secrets)

for (const c of V.sign) {
  test(c.id, () => {
    const signer = new revtain.WebhookSigner(secretArg(c))
    const headers = signer.sign(bodyOf(c), c.event_id, c.timestamp)
    assert.deepEqual(headers, c.headers)
    assert.deepEqual(Object.keys(headers), ['X-Revtain-Signature', 'webhook-id', 'webhook-timestamp', 'webhook-signature'])
    assert.equal(signer.signatureHeader(bodyOf(c), c.timestamp), c.headers['X-Revtain-Signature'])
  })
}

for (const c of V.sign_errors) {
  test(c.id, () => {
    assert.throws(
      () => new revtain.WebhookSigner(c.secrets).sign('{}', c.event_id, 1),
      (err) => {
        assert.equal(err.code, c.error)
        assert.equal(err.family, 'WebhookError')
        for (const s of c.secrets) assert.ok(!err.message.includes(s))
        return true
      },
    )
  })
}

for (const c of V.verify) {
  test(c.id, () => {
    const run = () => new revtain.Webhook(c.secrets, { tolerance: c.tolerance }).verifySignature(bodyOf(c), c.header, { now: c.now })
    if ('timestamp' in c) {
      assert.equal(run(), c.timestamp)
      return
    }
    assert.throws(run, (err) => {
      assert.equal(err.code, c.error, err.message)
      assert.ok(revtain.isRevtainError(err))
      assert.equal(err.family, 'WebhookError')
      assert.equal(err.age, c.age)
      if ('age' in c) assert.equal(err.tolerance, c.tolerance)
      for (const s of c.secrets) assert.ok(!err.message.includes(s))
      return true
    })
  })
}

const SIGN = V.sign[0]
const SECRET = SIGN.secrets[0]

for (const c of V.events) {
  test(c.id, () => {
    const body = hex(c.body_hex)
    const headers = new revtain.WebhookSigner(SECRET).sign(body, 'evt_x', 1700000000)
    const webhook = new revtain.Webhook(SECRET)
    if (c.event) {
      assert.deepEqual(webhook.verify(body, headers, { now: 1700000000 }), c.event)
    } else {
      assert.throws(() => webhook.verify(body, headers, { now: 1700000000 }), { code: c.error, name: 'WebhookInvalidPayload' })
    }
  })
}

const BODY = bodyOf(SIGN)
const T = SIGN.timestamp
const SIG = SIGN.headers['X-Revtain-Signature']

test('every body type: string, Buffer, Uint8Array view at an offset', () => {
  const w = new revtain.Webhook(SECRET)
  for (const body of [BODY, BODY.toString('utf8'), offsetView(BODY), new Uint8Array(BODY)]) {
    assert.equal(w.verifySignature(body, SIG, { now: T }), T)
    assert.equal(w.verify(body, SIGN.headers, { now: T }).type, 'payment.recovered')
  }
})

test('every header container', () => {
  const w = new revtain.Webhook(SECRET)
  const containers = {
    'IncomingHttpHeaders (lower case)': { 'x-revtain-signature': SIG, 'content-type': 'application/json' },
    'IncomingHttpHeaders array of one': { 'x-revtain-signature': [SIG] },
    'plain object canonical': { 'X-Revtain-Signature': SIG },
    'plain object odd case': { 'X-REVTAIN-signature': SIG },
    'WHATWG Headers': new Headers({ 'X-Revtain-Signature': SIG }),
    'Map exact': new Map([['x-revtain-signature', SIG]]),
    'Map odd case': new Map([['X-Revtain-SIGNATURE', SIG]]),
    'our signer output': SIGN.headers,
  }
  for (const [name, headers] of Object.entries(containers)) {
    assert.equal(w.verify(BODY, headers, { now: T }).id, 'evt_1Nq8wR2eZvKYlo2C', name)
  }
})

test('missing and repeated headers', () => {
  const w = new revtain.Webhook(SECRET)
  for (const headers of [{}, new Headers(), new Map(), { 'webhook-signature': 'v1,x' }, { 'x-revtain-signature': [] }]) {
    assert.throws(() => w.verify(BODY, headers, { now: T }), { code: 'REVTAIN_RESULT_WEBHOOK_HEADER_MISSING' })
  }
  assert.throws(() => w.verifySignature(BODY, null, { now: T }), { code: 'REVTAIN_RESULT_WEBHOOK_HEADER_MISSING' })
  assert.throws(() => w.verifySignature(BODY, undefined), { code: 'REVTAIN_RESULT_WEBHOOK_HEADER_MISSING' })
  assert.throws(() => w.verify(BODY, { 'x-revtain-signature': [SIG, SIG] }, { now: T }), {
    code: 'REVTAIN_RESULT_WEBHOOK_HEADER_MALFORMED',
    name: 'WebhookHeaderMalformed',
  })
  // WHATWG Headers joins a repeated header with ", ": two t entries are malformed.
  const h = new Headers()
  h.append('x-revtain-signature', SIG)
  h.append('x-revtain-signature', SIG)
  assert.throws(() => w.verify(BODY, h, { now: T }), { code: 'REVTAIN_RESULT_WEBHOOK_HEADER_MALFORMED' })
})

test('bad arguments are TypeErrors or precise errors', () => {
  const w = new revtain.Webhook(SECRET)
  assert.throws(() => w.verify(BODY, null), TypeError)
  assert.throws(() => w.verify(BODY, 'x-revtain-signature'), TypeError)
  assert.throws(() => w.verifySignature(42, SIG, { now: T }))
  assert.throws(() => w.verifySignature(BODY, SIG, { now: -1 }), /unix seconds/)
  assert.throws(() => w.verifySignature(BODY, SIG, { now: 1.5 }), /unix seconds/)
  assert.throws(() => new revtain.Webhook(SECRET, { tolerance: -1 }), /tolerance/)
  assert.throws(() => new revtain.Webhook([]), { code: 'REVTAIN_RESULT_WEBHOOK_INVALID_SECRET' })
  assert.throws(() => new revtain.Webhook('sk_live_x'), { code: 'REVTAIN_RESULT_WEBHOOK_INVALID_SECRET' })
})

test('now defaults to the clock, in unix seconds', () => {
  const secret = revtain.generateWebhookSecret()
  const headers = new revtain.WebhookSigner(secret).sign(BODY, 'evt_now')
  assert.ok(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000) < 5)
  assert.equal(new revtain.Webhook(secret).verify(BODY, headers).created, 1700000000)
  assert.throws(() => new revtain.Webhook(SECRET).verifySignature(BODY, SIG), (err) => err.age > 300)
})

test('inspect, toString and JSON never show a secret', () => {
  const w = new revtain.Webhook([SECRET, SECRET], { tolerance: 60 })
  const s = new revtain.WebhookSigner(SECRET)
  for (const shown of [util.inspect(w), String(w), JSON.stringify({ w }), util.inspect(s), String(s), JSON.stringify(s)]) {
    assert.ok(!shown.includes(SECRET.slice(6, 20)), shown)
  }
  assert.equal(String(w), 'Webhook(secrets=2, tolerance=60)')
  assert.equal(w.tolerance, 60)
  assert.equal(String(s), 'WebhookSigner(secrets=1)')
})

test('generated secrets', () => {
  const a = revtain.generateWebhookSecret()
  assert.match(a, /^whsec_[A-Za-z0-9+/]{43}=$/)
  assert.notEqual(a, revtain.generateWebhookSecret())
  assert.equal(revtain.SIGNATURE_HEADER, 'X-Revtain-Signature')
})

test('ES module exports', async () => {
  const m = await import('../revtain.mjs')
  assert.equal(m.Webhook, revtain.Webhook)
  assert.equal(m.generateWebhookSecret, revtain.generateWebhookSecret)
})
