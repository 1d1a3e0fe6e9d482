'use strict'
// verifyConnector: every case of every tests/vectors/connector/<name>.json, with the body as a
// string, a Buffer and a Uint8Array view at an offset, and the headers in every container a Node
// server has; then the argument handling around it.
const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const util = require('node:util')

const revtain = require('..')
const { loadConnectorVectors, hex, offsetView } = require('./vectors')

const { verifyConnector, CONNECTORS, ConnectorEvent } = revtain
const FILES = loadConnectorVectors()
const KIND_NAMES = Object.fromEntries(revtain.errorKinds().map((k) => [k.code, k.name]))
const VECTOR_OPTIONS = { tolerance: 'tolerance', now: 'now', notification_url: 'notificationUrl', public_key: 'publicKey' }

// The docs/spec.md §2.4 table, in its order.
const SPEC_ORDER = [
  'stripe', 'chargebee', 'recharge', 'recurly', 'paddle', 'braintree', 'maxio', 'shopify',
  'gocardless', 'checkout', 'razorpay', 'lemonsqueezy', 'square', 'paystack', 'adyen', 'standard',
]

/** A vector's options (snake_case) as verifyConnector's (camelCase). */
function optionsOf(c) {
  const options = {}
  for (const [key, value] of Object.entries(c.options ?? {})) {
    if (!(key in VECTOR_OPTIONS)) throw new Error(`${c.id}: unknown vector option ${key}`)
    options[VECTOR_OPTIONS[key]] = value
  }
  return options
}

const bodyOf = (c) => (c.body_hex !== undefined ? hex(c.body_hex) : Buffer.from(c.body, 'utf8'))

/** The case's headers in each container verifyConnector takes, by a label. */
function headerForms(c) {
  const pairs = c.headers
  const forms = { pairs, rawHeaders: pairs.flat() }
  // Map and req.headersDistinct-style object: a repeated name becomes an array value.
  const map = new Map()
  const distinct = Object.create(null)
  for (const [name, value] of pairs) {
    map.set(name, map.has(name) ? [].concat(map.get(name), value) : value)
    const lower = name.toLowerCase()
    distinct[lower] = lower in distinct ? [].concat(distinct[lower], value) : value
  }
  forms.Map = map
  forms.object = distinct
  // WHATWG Headers joins a repeated name with ', ' (a different request), so only without one;
  // and it refuses some values (NUL, line breaks) a raw request can still carry.
  const lowerNames = pairs.map(([n]) => n.toLowerCase())
  if (new Set(lowerNames).size === lowerNames.length) {
    try {
      forms.Headers = new Headers(pairs)
    } catch {
      // not representable as Headers
    }
  }
  return forms
}

function outcomeOf(name, headers, body, secret, options) {
  try {
    return { event: verifyConnector(name, headers, body, secret, options) }
  } catch (err) {
    return { err }
  }
}

function checkOutcome(name, c, { event, err }, how) {
  const label = `${c.id} (${how})`
  if (c.expect === 'ok') {
    if (err) assert.fail(`${label}: refused with ${err.code}: ${err.message}; expected ok`)
    assert.ok(event instanceof ConnectorEvent, label)
    assert.equal(event.connector, name, label)
    assert.equal(event.timestamp, c.timestamp ?? null, `${label}: timestamp`)
    assert.equal(event.id, c.event_id ?? null, `${label}: id`)
    assert.equal(event.payload === null ? null : event.payload.toString('utf8'), c.payload ?? null, `${label}: payload`)
    if (event.payload !== null) assert.ok(Buffer.isBuffer(event.payload), label)
    return
  }
  if (!err) assert.fail(`${label}: verified; expected ${c.expect}`)
  if (!(err instanceof Error) || err.code === undefined) throw err
  assert.equal(err.code, c.expect, `${label}: ${err.message}`)
  assert.equal(err.name, KIND_NAMES[c.expect], label)
  assert.equal(err.family, 'ConnectorError', label)
  assert.ok(revtain.isRevtainError(err), label)
  assert.equal(err.header, c.header ?? undefined, `${label}: header`)
  assert.equal(err.age, c.age ?? undefined, `${label}: age`)
  assert.equal(err.tolerance, c.tolerance ?? undefined, `${label}: tolerance`)
  // The secret is never shown (a secret of a few characters could occur by chance).
  if (c.secret.length >= 4) {
    assert.ok(!err.message.includes(c.secret), `${label}: the message shows the secret`)
    assert.ok(!util.inspect(err).includes(c.secret), `${label}: util.inspect shows the secret`)
    assert.ok(!JSON.stringify(err).includes(c.secret), `${label}: JSON shows the secret`)
  }
}

test('CONNECTORS is the frozen list of the 16 names, in docs/spec.md order', () => {
  assert.ok(Object.isFrozen(CONNECTORS))
  assert.deepEqual([...CONNECTORS], SPEC_ORDER)
  // The file is strict: pushing onto a frozen array throws.
  assert.throws(() => CONNECTORS.push('x'), TypeError)
})

test('every connector has its vector file, and no file is for an unknown one', () => {
  assert.deepEqual(new Set(Object.keys(FILES)), new Set(CONNECTORS))
})

for (const [name, vectors] of Object.entries(FILES)) {
  test.describe(`vectors: ${name}.json`, () => {
    test('names its connector and has cases', () => {
      assert.equal(vectors.connector, name)
      assert.ok(vectors.cases.length > 0)
      assert.equal(new Set(vectors.cases.map((c) => c.id)).size, vectors.cases.length, 'case ids are unique')
    })
    for (const c of vectors.cases) {
      test(c.id, () => {
        const body = bodyOf(c)
        const options = optionsOf(c)
        const secret = Buffer.from(c.secret, 'utf8')
        // The body in every form, the secret as a string, a Buffer and a view at an offset.
        if (c.body_hex === undefined) {
          checkOutcome(name, c, outcomeOf(name, c.headers, c.body, c.secret, options), 'string body')
        }
        checkOutcome(name, c, outcomeOf(name, c.headers, body, secret, options), 'Buffer body and secret')
        checkOutcome(name, c, outcomeOf(name, c.headers, offsetView(body), offsetView(secret), options), 'Uint8Array views at an offset')
        // The headers in every container.
        for (const [how, headers] of Object.entries(headerForms(c))) {
          checkOutcome(name, c, outcomeOf(name, headers, body, c.secret, options), `headers as ${how}`)
        }
      })
    }
  })
}

// ------------------------------------------------------------------ header containers

const STRIPE_SECRET = 'whsec_test_node_connectors'
const BODY = '{"id":"evt_1","object":"event","type":"invoice.paid"}'
const T = 1700000000

function stripeHeader(body = BODY, t = T, secret = STRIPE_SECRET) {
  const v1 = crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
  return `t=${t},v1=${v1}`
}

test('headers: req.headers object, Headers, Map, pairs, rawHeaders', () => {
  const sig = stripeHeader()
  const forms = {
    'IncomingHttpHeaders': { 'content-type': 'application/json', 'stripe-signature': sig, 'x-absent': undefined },
    'any casing': { 'Stripe-Signature': sig },
    'Headers': new Headers({ 'Stripe-Signature': sig, 'Content-Type': 'application/json' }),
    'Map': new Map([['Stripe-Signature', sig]]),
    'pairs': [['content-type', 'application/json'], ['Stripe-Signature', sig]],
    'rawHeaders': ['Content-Type', 'application/json', 'Stripe-Signature', sig],
    'array value of one': { 'stripe-signature': [sig] },
    'number value': { 'content-length': 53, 'stripe-signature': sig },
    'null-prototype object': Object.assign(Object.create(null), { 'stripe-signature': sig }),
  }
  for (const [how, headers] of Object.entries(forms)) {
    const event = verifyConnector('stripe', headers, BODY, STRIPE_SECRET, { now: T })
    assert.equal(event.timestamp, T, how)
  }
})

test('headers: a NUL in a hand-made value does not split it', () => {
  const sig = stripeHeader()
  assert.equal(verifyConnector('stripe', [['x-odd', 'a\0stripe-signature\0x'], ['stripe-signature', sig]], BODY, STRIPE_SECRET, { now: T }).timestamp, T)
  assert.throws(() => verifyConnector('stripe', [['x-odd', `a\0stripe-signature\0${sig}`]], BODY, STRIPE_SECRET, { now: T }), {
    code: 'REVTAIN_RESULT_CONNECTOR_HEADER_MISSING',
  })
})

test('headers: a repeated header (array value, pairs, Map) is malformed, never a choice', () => {
  const sig = stripeHeader()
  for (const headers of [
    { 'stripe-signature': [sig, sig] },
    [['Stripe-Signature', sig], ['stripe-signature', sig]],
    ['Stripe-Signature', sig, 'STRIPE-SIGNATURE', sig],
    new Map([['stripe-signature', [sig, sig]]]),
  ]) {
    assert.throws(() => verifyConnector('stripe', headers, BODY, STRIPE_SECRET, { now: T }), (err) => {
      assert.equal(err.code, 'REVTAIN_RESULT_CONNECTOR_HEADER_MALFORMED')
      assert.equal(err.name, 'ConnectorHeaderMalformed')
      assert.equal(err.header, 'Stripe-Signature')
      assert.match(err.message, /more than once/)
      return true
    })
  }
})

test('headers: absent (undefined, empty array, nothing) is HEADER_MISSING naming the header', () => {
  for (const headers of [{}, { 'stripe-signature': undefined }, { 'stripe-signature': [] }, [], new Headers(), new Map()]) {
    assert.throws(() => verifyConnector('stripe', headers, BODY, STRIPE_SECRET, { now: T }), {
      code: 'REVTAIN_RESULT_CONNECTOR_HEADER_MISSING',
      name: 'ConnectorHeaderMissing',
      header: 'Stripe-Signature',
    })
  }
})

test('a stale webhook has age and tolerance; tolerance and now are options', () => {
  const headers = { 'stripe-signature': stripeHeader() }
  assert.throws(() => verifyConnector('stripe', headers, BODY, STRIPE_SECRET, { now: T + 301 }), {
    code: 'REVTAIN_RESULT_CONNECTOR_TIMESTAMP_OUT_OF_TOLERANCE',
    age: 301,
    tolerance: 300,
  })
  assert.throws(() => verifyConnector('stripe', headers, BODY, STRIPE_SECRET, { now: T - 11, tolerance: 10 }), {
    age: -11,
    tolerance: 10,
  })
  assert.equal(verifyConnector('stripe', headers, BODY, STRIPE_SECRET, { now: T + 3600, tolerance: 3600 }).timestamp, T)
  // Without `now`, the clock: a webhook signed now verifies, one from 2023 is stale.
  const now = Math.floor(Date.now() / 1000)
  assert.equal(verifyConnector('stripe', { 'stripe-signature': stripeHeader(BODY, now) }, BODY, STRIPE_SECRET).timestamp, now)
  assert.throws(() => verifyConnector('stripe', headers, BODY, STRIPE_SECRET), { code: 'REVTAIN_RESULT_CONNECTOR_TIMESTAMP_OUT_OF_TOLERANCE' })
})

test('Standard Webhooks: the event id comes back', () => {
  const key = crypto.randomBytes(24)
  const secret = `whsec_${key.toString('base64')}`
  const sig = crypto.createHmac('sha256', key).update(`msg_2Lx.${T}.${BODY}`).digest('base64')
  const event = verifyConnector(
    'standard',
    new Headers({ 'webhook-id': 'msg_2Lx', 'webhook-timestamp': String(T), 'webhook-signature': `v1,${sig}` }),
    Buffer.from(BODY),
    secret,
    { now: T },
  )
  assert.deepEqual(event.toJSON(), { connector: 'standard', timestamp: T, id: 'msg_2Lx', payload: null })
})

// ----------------------------------------------------------------------- the event object

test('ConnectorEvent: frozen, made by verifyConnector only, sane inspect and JSON', () => {
  const event = verifyConnector('stripe', { 'stripe-signature': stripeHeader() }, BODY, STRIPE_SECRET, { now: T })
  assert.ok(Object.isFrozen(event))
  assert.equal(util.inspect(event, { breakLength: Infinity }), `ConnectorEvent { connector: 'stripe', timestamp: ${T}, id: null, payload: null }`)
  assert.equal(JSON.stringify(event), `{"connector":"stripe","timestamp":${T},"id":null,"payload":null}`)
  assert.throws(() => new ConnectorEvent({}), TypeError)
})

// ------------------------------------------------------------------ errors and arguments

test('an unknown connector is REVTAIN_RESULT_CONNECTOR_UNKNOWN, listing the known ones', () => {
  for (const name of ['strype', 'Stripe', '', 'x'.repeat(1000)]) {
    assert.throws(() => verifyConnector(name, {}, BODY, STRIPE_SECRET), (err) => {
      assert.equal(err.code, 'REVTAIN_RESULT_CONNECTOR_UNKNOWN')
      assert.equal(err.name, 'ConnectorUnknown')
      assert.equal(err.family, 'ConnectorError')
      assert.match(err.message, /stripe, chargebee, .*standard/)
      assert.ok(err.message.length < 400, 'the name is cut short')
      return true
    })
  }
})

test('arguments of the wrong type are TypeErrors that never show the secret', () => {
  const headers = { 'stripe-signature': stripeHeader() }
  const cases = [
    [undefined, headers, BODY, STRIPE_SECRET],
    [42, headers, BODY, STRIPE_SECRET],
    ['stripe', null, BODY, STRIPE_SECRET],
    ['stripe', 'stripe-signature: t=1', BODY, STRIPE_SECRET],
    ['stripe', { 'stripe-signature': { v: 1 } }, BODY, STRIPE_SECRET],
    ['stripe', { 'stripe-signature': [1] }, BODY, STRIPE_SECRET],
    ['stripe', [['stripe-signature']], BODY, STRIPE_SECRET],
    ['stripe', ['stripe-signature'], BODY, STRIPE_SECRET],
    ['stripe', [[1, 'x']], BODY, STRIPE_SECRET],
    ['stripe', headers, undefined, STRIPE_SECRET],
    ['stripe', headers, 42, STRIPE_SECRET],
    ['stripe', headers, JSON.parse(BODY), STRIPE_SECRET],
    ['stripe', headers, new Uint16Array(4), STRIPE_SECRET],
    ['stripe', headers, BODY, undefined],
    ['stripe', headers, BODY, 1234567],
    ['stripe', headers, BODY, [STRIPE_SECRET]],
  ]
  for (const args of cases) {
    assert.throws(() => verifyConnector(...args), (err) => {
      assert.ok(err instanceof TypeError, `${util.inspect(args)}: ${err}`)
      assert.ok(!err.message.includes(STRIPE_SECRET) && !err.message.includes('1234567'), err.message)
      return true
    })
  }
  assert.throws(() => verifyConnector('stripe', headers, { a: 1 }, STRIPE_SECRET), /express\.raw/)
})

test('options: unknown (snake_case) names and bad values are INVALID_OPTIONS, wrong types TypeErrors', () => {
  const headers = { 'stripe-signature': stripeHeader() }
  const invalid = (options, pattern) =>
    assert.throws(() => verifyConnector('stripe', headers, BODY, STRIPE_SECRET, options), (err) => {
      assert.ok(err instanceof revtain.ConnectorInvalidOptions && err instanceof revtain.ConnectorError)
      assert.equal(err.code, 'REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS')
      assert.equal(err.name, 'ConnectorInvalidOptions')
      assert.equal(err.family, 'ConnectorError')
      assert.match(err.message, pattern)
      return true
    })
  const wrongType = (options, pattern) =>
    assert.throws(() => verifyConnector('stripe', headers, BODY, STRIPE_SECRET, options), (err) => {
      assert.ok(err instanceof TypeError && !(err instanceof revtain.RevtainError), String(err))
      assert.match(err.message, pattern)
      return true
    })
  invalid({ notification_url: 'https://x' }, /unknown option "notification_url" \(did you mean notificationUrl\?\)/)
  invalid({ public_key: 'k' }, /did you mean publicKey\?/)
  invalid({ nw: 1 }, /unknown option "nw"; the options are tolerance, now, notificationUrl, publicKey/)
  invalid({ now: -1 }, /^invalid stripe options: now must be unix seconds, a whole number >= 0, not -1$/)
  invalid({ now: T + 0.5 }, /whole number/)
  invalid({ now: 2 ** 64 }, /at most 253402300799/)
  invalid({ now: Date.now() }, /looks like milliseconds/)
  invalid({ tolerance: -5 }, /^invalid stripe options: tolerance must be a whole number of seconds >= 0, not -5$/)
  invalid({ tolerance: NaN }, /not NaN$/)
  wrongType('now', /must be an object/)
  wrongType([T], /must be an object/)
  wrongType({ now: String(T) }, /now must be a number/)
  wrongType({ notificationUrl: 1 }, /notificationUrl must be a string/)
  wrongType({ publicKey: {} }, /publicKey must be a string/)
  // Absent, undefined and null options are the defaults.
  for (const options of [undefined, null, {}, { now: T, tolerance: null, notificationUrl: undefined }]) {
    const o = options && options.now === undefined ? { ...options, now: T } : options
    if (o === undefined || o === null) continue
    assert.equal(verifyConnector('stripe', headers, BODY, STRIPE_SECRET, o).timestamp, T)
  }
})

test('the schemes that need an option say so: Square without notificationUrl, Braintree without publicKey', () => {
  assert.throws(() => verifyConnector('square', { 'x-square-hmacsha256-signature': 'AAAA' }, BODY, 'sq_secret'), {
    code: 'REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS',
  })
  assert.throws(() => verifyConnector('braintree', {}, 'bt_signature=a%7Cb&bt_payload=eA%3D%3D', 'private_key'), {
    code: 'REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS',
  })
})

test('ESM exports verifyConnector, CONNECTORS and ConnectorEvent', async () => {
  const esm = await import('revtain')
  assert.equal(esm.verifyConnector, verifyConnector)
  assert.equal(esm.CONNECTORS, CONNECTORS)
  assert.equal(esm.ConnectorEvent, ConnectorEvent)
})

test('examples/node/connector.js runs', () => {
  const { execFileSync } = require('node:child_process')
  const path = require('node:path')
  const out = execFileSync(process.execPath, [path.join(__dirname, '..', '..', '..', 'examples', 'node', 'connector.js')], { encoding: 'utf8' })
  assert.match(out, /stripe +: verified/)
  assert.match(out, /standard +: verified, id msg_/)
  assert.match(out, /refused \(REVTAIN_RESULT_CONNECTOR_SIGNATURE_MISMATCH\)/)
})

test('requireTimestamp: the legacy ReCharge scheme is refused, schemes without one cannot meet it', () => {
  const crypto = require('node:crypto')
  const secret = 'client-secret'
  const body = Buffer.from('{"charge":{"id":1}}')
  const legacy = { 'x-recharge-hmac-sha256': crypto.createHash('sha256').update(secret).update(body).digest('hex') }
  assert.equal(verifyConnector('recharge', legacy, body, secret).timestamp, null)
  assert.throws(() => verifyConnector('recharge', legacy, body, secret, { requireTimestamp: true }), {
    code: 'REVTAIN_RESULT_CONNECTOR_HEADER_MISSING',
    header: 'X-Recharge-Webhook-Signature',
  })
  assert.throws(() => verifyConnector('shopify', {}, body, secret, { requireTimestamp: true }), {
    code: 'REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS',
    message: /signs no timestamp/,
  })
  assert.throws(() => verifyConnector('recharge', legacy, body, secret, { requireTimestamp: 'yes' }), TypeError)
  assert.throws(() => verifyConnector('recharge', legacy, body, secret, { require_timestamp: true }), /did you mean requireTimestamp/)
})
