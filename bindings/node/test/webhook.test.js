'use strict'
// tests/vectors/webhook.json and the Node surface of webhooks: body types, header
// containers, errors, inspect.
const test = require('node:test')
const assert = require('node:assert/strict')
const util = require('node:util')
const revtain = require('..')
const { loadVectors, hex, offsetView } = require('./vectors.js')

const V = loadVectors('webhook.json')
const bodyOf = (c) => Buffer.concat(Array(c.body_repeat ?? 1).fill(hex(c.body_hex)))
const secretArg = (c) => (c.secrets.length === 1 ? c.secrets[0] : c.secrets)

/** The same body as a Buffer, a Uint8Array view at an offset, and a string when it is UTF-8. */
function bodyKinds(body) {
  const kinds = [body, offsetView(body)]
  const text = body.toString('utf8')
  if (Buffer.from(text, 'utf8').equals(body)) kinds.push(text)
  return kinds
}

/** The header in each container a server hands over; none holds it when `value` is null. */
function containers(value) {
  const present = value !== null
  const out = {
    'IncomingHttpHeaders': present ? { 'x-revtain-signature': value, 'content-type': 'application/json' } : {},
    'IncomingHttpHeaders array of one': present ? { 'x-revtain-signature': [value] } : { 'x-revtain-signature': [] },
    'plain object canonical case': present ? { 'X-Revtain-Signature': value } : { 'X-Other': 'x' },
    'plain object odd case': present ? { 'x-REVTAIN-Signature': value } : {},
    Map: new Map(present ? [['X-Revtain-Signature', value]] : []),
  }
  // WHATWG Headers trims the value (the parser ignores that whitespace too) and refuses some.
  try {
    out.Headers = new Headers(present ? { 'X-Revtain-Signature': value } : {})
  } catch {
    // A value Headers refuses: this case has no Headers form.
  }
  return out
}

for (const c of V.sign) {
  test(c.id, () => {
    const signer = new revtain.WebhookSigner(secretArg(c))
    const headers = signer.sign(bodyOf(c), c.event_id, c.timestamp)
    assert.deepEqual(headers, c.headers)
    assert.deepEqual(Object.keys(headers), ['X-Revtain-Signature', 'webhook-id', 'webhook-timestamp', 'webhook-signature'])
    for (const body of bodyKinds(bodyOf(c))) {
      assert.deepEqual(signer.sign(body, c.event_id, c.timestamp), c.headers)
      assert.equal(signer.signatureHeader(body, c.timestamp), c.headers['X-Revtain-Signature'])
    }
    // A verifier holding each signing key's public key accepts what the signer made.
    const webhook = new revtain.Webhook(c.verify_keys)
    assert.equal(webhook.verifySignature(bodyOf(c), headers['X-Revtain-Signature'], { now: c.timestamp }), c.timestamp)
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

/** Checks a thrown error against a verify case. */
function expectError(c, err, where) {
  assert.equal(err.code, c.error, `${where}: ${err.message}`)
  assert.ok(revtain.isRevtainError(err))
  assert.equal(err.family, 'WebhookError')
  assert.equal(err.age, c.age)
  if ('age' in c) assert.equal(err.tolerance, c.tolerance)
  for (const s of c.secrets) assert.ok(!err.message.includes(s))
  return true
}

for (const c of V.verify) {
  test(c.id, () => {
    const make = () => new revtain.Webhook(c.secrets, { tolerance: c.tolerance })
    if (c.error === 'REVTAIN_RESULT_WEBHOOK_INVALID_SECRET') {
      assert.throws(make, (err) => expectError(c, err, 'constructor'))
      return
    }
    const webhook = make()
    for (const body of bodyKinds(bodyOf(c))) {
      const where = `verifySignature, ${typeof body === 'string' ? 'string' : body.constructor.name} body`
      const run = () => webhook.verifySignature(body, c.header, { now: c.now })
      if ('timestamp' in c) assert.equal(run(), c.timestamp, where)
      else assert.throws(run, (err) => expectError(c, err, where))
    }
    // verify() finds the header in every container, then parses the body as an event.
    for (const [name, headers] of Object.entries(containers(c.header))) {
      const where = `verify, ${name}`
      try {
        const event = webhook.verify(bodyOf(c), headers, { now: c.now })
        assert.ok('timestamp' in c, `${where}: accepted`)
        assert.equal(typeof event.id, 'string')
      } catch (err) {
        if ('timestamp' in c) assert.equal(err.code, 'REVTAIN_RESULT_WEBHOOK_INVALID_PAYLOAD', `${where}: ${err.message}`)
        else expectError(c, err, where)
      }
    }
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
  assert.throws(() => w.verify(BODY, { 'x-revtain-signature': 42 }), TypeError)
  assert.throws(() => w.verify(BODY, { 'x-revtain-signature': [42] }), TypeError)
  assert.throws(() => w.verify(BODY, { 'x-revtain-signature': SIG }, { now: '1700000000' }), TypeError)
  assert.throws(() => w.verifySignature(42, SIG, { now: T }), TypeError)
  // Bad values: the core's errors, with the same messages as in Python and C.
  const options = (message) => ({ code: 'REVTAIN_RESULT_WEBHOOK_INVALID_OPTIONS', name: 'WebhookInvalidOptions', message })
  assert.throws(() => w.verifySignature(BODY, SIG, { now: -1 }), options('invalid webhook options: now must be unix seconds, a whole number >= 0, not -1'))
  assert.throws(() => w.verifySignature(BODY, SIG, { now: 1.5 }), options('invalid webhook options: now must be unix seconds, a whole number >= 0, not 1.5'))
  assert.throws(() => w.verify(BODY, { 'x-revtain-signature': SIG }, { now: NaN }), options('invalid webhook options: now must be unix seconds, a whole number >= 0, not NaN'))
  assert.throws(() => w.verifySignature(BODY, SIG, { now: Date.now() }), /looks like milliseconds/)
  assert.throws(() => new revtain.Webhook(SECRET, { tolerance: -1 }), options('invalid webhook options: tolerance must be a whole number of seconds >= 0, not -1'))
  assert.throws(() => new revtain.Webhook(SECRET, { tolerence: 1 }), options('invalid webhook options: unknown option "tolerence"; the options are tolerance'))
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

test('the native verify checks its arguments itself', () => {
  const native = require('../index.js')
  const handle = native._webhookNew(SECRET)
  const ok = (...args) => native._webhookVerify(handle, ...args)
  assert.equal(ok(BODY, SIG, T), T)
  assert.equal(ok(offsetView(BODY), SIG, T), T)
  for (const notHandle of [{}, 1, null, native._webhookNew, new Uint8Array(8)]) {
    assert.throws(() => native._webhookVerify(notHandle, BODY, SIG, T), /not a Webhook verifier handle/)
  }
  for (const body of ['x', new Int16Array(4), new DataView(new ArrayBuffer(4)), new Uint8ClampedArray(4), null]) {
    assert.throws(() => ok(body, SIG, T), /body must be a string, Buffer or Uint8Array/)
  }
  assert.throws(() => ok(BODY, 42, T), /header must be a string/)
  for (const now of [-1, 0.5, NaN, Infinity, 2 ** 53]) {
    assert.throws(() => ok(BODY, SIG, now), { code: 'REVTAIN_RESULT_WEBHOOK_INVALID_OPTIONS', message: /now must be unix seconds/ })
  }
  assert.throws(() => ok(BODY, SIG, '1700000000'), { message: /now must be a number/ })
  assert.throws(() => ok(BODY, SIG), { code: 'REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE' })
  assert.throws(() => ok(BODY, SIG, null), { code: 'REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE' })
})

test('the native verify of an event checks its arguments itself', () => {
  const native = require('../index.js')
  const handle = native._webhookNew(SECRET)
  const out = new Float64Array(4)
  const EVENT_T = 1700000000
  const EVENT_BODY = Buffer.from('{"id":"evt_1","type":"payment.recovered","created":1700000000,"data":{"invoice":"in_42"}}')
  const EVENT_DATA = { start: EVENT_BODY.indexOf('{"invoice"'), end: EVENT_BODY.length - 1 }
  const EVENT_SIG = new revtain.WebhookSigner(SECRET).sign(EVENT_BODY, 'evt_1', EVENT_T)['X-Revtain-Signature']
  const verify = (...args) => native._webhookVerifyEvent(handle, EVENT_BODY, out, EVENT_T, ...args)
  const idType = verify(2, 0, EVENT_SIG)
  assert.equal(idType, 'evt_1payment.recovered')
  assert.deepEqual([...out], [EVENT_T, EVENT_DATA.start, EVENT_DATA.end, 'evt_1'.length])
  // Indices name the core's header names (one here): anything else is refused, not guessed.
  for (const index of [1, -1, 0.5, NaN, null]) {
    assert.throws(() => verify(2, index, EVENT_SIG), /a header index out of range/, String(index))
  }
  assert.throws(() => verify(2, '0', EVENT_SIG), /a header index must be a number/)
  for (const n of [3, -2, 34, 0.5]) assert.throws(() => verify(n, 0, EVENT_SIG), /too many headers/, String(n))
  assert.throws(() => verify(2, 0, 42), /header values must be strings/)
  assert.throws(() => verify(0), { code: 'REVTAIN_RESULT_WEBHOOK_HEADER_MISSING' })
  assert.throws(() => verify(4, 0, EVENT_SIG, 0, EVENT_SIG), { code: 'REVTAIN_RESULT_WEBHOOK_HEADER_MALFORMED' })
  for (const bad of [undefined, new Float64Array(3), new Float32Array(4), [0, 0, 0, 0]]) {
    assert.throws(() => native._webhookVerifyEvent(handle, EVENT_BODY, bad, EVENT_T, 2, 0, EVENT_SIG), /out must be a Float64Array of 4/)
  }
})

test('long and non-ASCII headers are read whole', () => {
  const w = new revtain.Webhook(SECRET)
  // Past the stack buffer, with a multi-byte character across its end: a cut header would
  // hide the second t and verify.
  for (const pad of [400, 500, 505, 506, 507, 508, 509, 510, 600]) {
    const header = `${SIG},x=${'a'.repeat(pad - SIG.length)}é€😀,t=1`
    assert.throws(() => w.verifySignature(BODY, header, { now: T }), { code: 'REVTAIN_RESULT_WEBHOOK_HEADER_MALFORMED' }, `pad ${pad}`)
    assert.equal(w.verifySignature(BODY, `${SIG},x=${'a'.repeat(pad - SIG.length)}é€😀`, { now: T }), T)
  }
  assert.throws(() => w.verifySignature(BODY, `${SIG},x=${'a'.repeat(5000)}`, { now: T }), (err) => {
    assert.equal(err.code, 'REVTAIN_RESULT_WEBHOOK_HEADER_MALFORMED')
    assert.match(err.message, /bytes long; at most 4096/)
    return true
  })
})

test('the body is verified as given, never re-encoded', () => {
  const w = new revtain.Webhook(SECRET)
  // The same view verified twice, and a body changed in place after signing refused.
  const copy = Buffer.from(BODY)
  assert.equal(w.verifySignature(copy, SIG, { now: T }), T)
  copy[copy.length - 2] ^= 1
  assert.throws(() => w.verifySignature(copy, SIG, { now: T }), { code: 'REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH' })
  // A string is its UTF-8 bytes.
  const text = '{"id":"evt_u","type":"card.updated","created":1,"data":{"name":"Zoë 😀"}}'
  const h = new revtain.WebhookSigner(SECRET).signatureHeader(Buffer.from(text), T)
  assert.equal(w.verifySignature(text, h, { now: T }), T)
  assert.deepEqual(w.verify(text, { 'x-revtain-signature': h }, { now: T }).data, { name: 'Zoë 😀' })
})

test('diagnose names the usual mistakes', () => {
  const w = new revtain.Webhook(SECRET)
  assert.deepEqual(w.diagnose(BODY, SIG, { now: T }), [])
  // What express.json() then JSON.stringify(req.body, null, 2) make of the body.
  const pretty = JSON.stringify(JSON.parse(BODY.toString('utf8')), null, 2)
  const hints = w.diagnose(pretty, SIG, { now: T })
  assert.ok(hints.some((h) => /pretty-printed JSON \(2-space indent\).*compact JSON/.test(h)), hints.join('\n'))
  assert.ok(w.diagnose(Buffer.concat([BODY, Buffer.from('\n')]), SIG, { now: T }).some((h) => h.includes('trailing')))
  assert.throws(() => w.diagnose(BODY, 42), TypeError)
  assert.throws(() => w.diagnose(BODY, SIG, { now: -1 }), revtain.WebhookInvalidOptions)
})

// Ed25519 (docs/spec.md §2.9): whsk_ signing keys, whpk_ public keys, v1a entries.
const crypto = require('node:crypto')
const ED_BODY = Buffer.from('{"id":"evt_ed","type":"card.updated","created":1700000000,"data":{}}')
const ED_T = 1700000000

test('generated signing keys sign, their public keys verify', async () => {
  const { secretKey, publicKey } = revtain.generateWebhookSigningKey()
  assert.match(secretKey, /^whsk_[A-Za-z0-9+/]{43}=$/)
  assert.match(publicKey, /^whpk_[A-Za-z0-9+/]{43}=$/)
  assert.equal(revtain.webhookPublicKey(secretKey), publicKey)
  const signer = new revtain.WebhookSigner([SECRET, secretKey])
  assert.equal(String(signer), 'WebhookSigner(secrets=1, signing_keys=1)')
  const headers = signer.sign(ED_BODY, 'evt_ed', ED_T)
  assert.match(headers['X-Revtain-Signature'], /,v1=[0-9a-f]{64},v1a=[A-Za-z0-9+/]{86}==$/)
  assert.match(headers['webhook-signature'], /^v1,\S+ v1a,\S+$/)
  const webhook = new revtain.Webhook(publicKey)
  assert.equal(util.inspect(webhook), 'Webhook(secrets=0, public_keys=1, tolerance=300)')
  assert.equal(webhook.verify(ED_BODY, headers, { now: ED_T }).id, 'evt_ed')
  assert.equal(new revtain.Webhook([SECRET, publicKey]).verifySignature(ED_BODY, headers['X-Revtain-Signature'], { now: ED_T }), ED_T)
  assert.throws(() => webhook.verifySignature(Buffer.concat([ED_BODY, Buffer.from(' ')]), headers['X-Revtain-Signature'], { now: ED_T }),
    (e) => e.code === 'REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH' && /1 configured public key/.test(e.message))
  const m = await import('../revtain.mjs')
  assert.equal(m.generateWebhookSigningKey, revtain.generateWebhookSigningKey)
  assert.equal(m.webhookPublicKey, revtain.webhookPublicKey)
})

test('node:crypto (OpenSSL) verifies what the signer made, in both headers', () => {
  const { secretKey, publicKey } = revtain.generateWebhookSigningKey()
  const headers = new revtain.WebhookSigner(secretKey).sign(ED_BODY, 'evt_ind', ED_T)
  // An Ed25519 SubjectPublicKeyInfo is a fixed 12-byte prefix and the 32-byte key.
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(publicKey.slice(5), 'base64')])
  const key = crypto.createPublicKey({ key: spki, format: 'der', type: 'spki' })
  const v1a = Buffer.from(headers['X-Revtain-Signature'].split(',v1a=')[1], 'base64')
  assert.ok(crypto.verify(null, Buffer.concat([Buffer.from(`${ED_T}.`), ED_BODY]), key, v1a))
  const std = Buffer.from(headers['webhook-signature'].split('v1a,')[1], 'base64')
  assert.ok(crypto.verify(null, Buffer.concat([Buffer.from(`evt_ind.${ED_T}.`), ED_BODY]), key, std))
  // And a signature node:crypto makes, from the same seed, verifies here.
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(secretKey.slice(5), 'base64')])
  const priv = crypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
  const theirs = crypto.sign(null, Buffer.concat([Buffer.from(`${ED_T}.`), ED_BODY]), priv).toString('base64')
  assert.equal(new revtain.Webhook(publicKey).verifySignature(ED_BODY, `t=${ED_T},v1a=${theirs}`, { now: ED_T }), ED_T)
})

test('each role refuses the other key; the standard connector takes a public key', () => {
  const { secretKey, publicKey } = revtain.generateWebhookSigningKey()
  assert.throws(() => new revtain.Webhook(secretKey),
    (e) => e.code === 'REVTAIN_RESULT_WEBHOOK_INVALID_SECRET' && /only the sender may hold/.test(e.message) && !e.message.includes(secretKey.slice(5)))
  assert.throws(() => new revtain.WebhookSigner(publicKey), (e) => e.code === 'REVTAIN_RESULT_WEBHOOK_INVALID_SECRET')
  assert.throws(() => revtain.webhookPublicKey(publicKey), (e) => e.code === 'REVTAIN_RESULT_WEBHOOK_INVALID_SECRET')
  const headers = new revtain.WebhookSigner(secretKey).sign(ED_BODY, 'evt_std', ED_T)
  assert.equal(revtain.verifyConnector('standard', headers, ED_BODY, publicKey, { now: ED_T }).id, 'evt_std')
  assert.throws(() => revtain.verifyConnector('standard', headers, ED_BODY, secretKey, { now: ED_T }),
    (e) => e.code === 'REVTAIN_RESULT_CONNECTOR_INVALID_SECRET')
})
