'use strict'
// tests/vectors/arguments.json: the same arguments give the same code and message here as in
// Rust, C and Python. Header cases run in every container Node servers hand over.
const test = require('node:test')
const assert = require('node:assert/strict')

const revtain = require('..')
const { loadVectors } = require('./vectors')

const V = loadVectors('arguments.json')
const SPECIAL = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity }
// The options of each call by their Python names (the vectors') and their names here.
const CAMEL = { max_attempts: 'maxAttempts', notification_url: 'notificationUrl', public_key: 'publicKey' }

const num = (c, name) => (typeof c[name] === 'string' && c[name] in SPECIAL ? SPECIAL[c[name]] : c[name])

/** The options object a case gives: its named numbers, plus any raw `options` (unknown names). */
function options(c, names) {
  const o = {}
  for (const n of names) if (c[n] !== undefined) o[CAMEL[n] ?? n] = num(c, n)
  return { ...o, ...(c.options ?? {}) }
}

/**
 * Every container Node servers hand headers over in that holds `pairs` as they are (`rawHeaders`,
 * `headersDistinct`, pairs, a Map and a plain object when no name repeats), and the joined form
 * of those that fold a repeated header into one value (`req.headers`, WHATWG `Headers`).
 */
function containers(pairs) {
  const distinct = {}
  for (const [n, v] of pairs) (distinct[n.toLowerCase()] ??= []).push(v)
  const out = [
    ['rawHeaders', pairs.flat()],
    ['pairs', pairs.map((p) => [...p])],
    ['headersDistinct', distinct],
  ]
  if (new Set(pairs.map(([n]) => n)).size === pairs.length) {
    out.push(['object', Object.fromEntries(pairs)], ['Map', new Map(pairs)])
  }
  const folded = Object.values(distinct).some((v) => v.length > 1)
  const joined = Object.fromEntries(Object.entries(distinct).map(([n, v]) => [n, v.join(', ')]))
  const headers = new Headers()
  for (const [n, v] of pairs) if (!n.includes('_')) headers.append(n, v)
  return { exact: out, joined: folded ? [['req.headers', joined], ['Headers', headers]] : [] }
}

function call(c, headers) {
  switch (c.call) {
    case 'webhook.new': {
      const w = new revtain.Webhook(c.secret, options(c, ['tolerance']))
      return { tolerance: w.tolerance }
    }
    case 'webhook.verify_signature':
      return { timestamp: new revtain.Webhook(c.secret).verifySignature(c.body, c.header, { now: num(c, 'now') }) }
    case 'webhook.verify': {
      const e = new revtain.Webhook(c.secret).verify(c.body, headers, { now: num(c, 'now') })
      return { id: e.id, type: e.type, created: e.created }
    }
    case 'webhook.sign':
      return { signature: new revtain.WebhookSigner(c.secret).sign(c.body, c.event_id, num(c, 'timestamp'))['X-Revtain-Signature'] }
    case 'connector.verify': {
      const e = revtain.verifyConnector(c.connector, headers, c.body, c.secret, options(c, ['tolerance', 'now']))
      return { timestamp: e.timestamp }
    }
    case 'ratelimit.new':
    case 'ratelimit.check': {
      const l = new revtain.RateLimiter(options(c, ['limit', 'window', 'timeout']))
      if (c.call === 'ratelimit.new') return { limit: l.limit, window: l.window }
      return { allowed: l.checkSync(c.key, { now: num(c, 'now') }).allowed }
    }
    case 'retry.policy':
    case 'retry.delay': {
      const p = new revtain.RetryPolicy(options(c, ['base', 'cap', 'max_attempts', 'deadline', 'jitter']))
      if (c.call === 'retry.delay') return { delay: p.delay(num(c, 'n'), 0.5) }
      return { base: p.base, cap: p.cap, max_attempts: p.maxAttempts, deadline: p.deadline, jitter: p.jitter }
    }
    case 'gateway.client': {
      const client = new revtain.GatewayClient('https://api.example.com', options(c, ['timeout']))
      return { timeout: Number(/timeout=([0-9.]+)/.exec(String(client))[1]) }
    }
    case 'card.links':
    case 'card.create': {
      const links = new revtain.CardUpdateLinks(V.card_update_secret, 'cli_args', 'https://pay.example.com/card', options(c, ['leeway']))
      if (c.call === 'card.create') links.create('cus_args', options(c, ['ttl', 'now']))
      return {}
    }
    default:
      throw new Error(`unknown call ${c.call}`)
  }
}

function expect(c, thunk, message) {
  if (!c.error) {
    const got = thunk()
    for (const [k, v] of Object.entries(c.ok)) assert.equal(got[k], v, k)
    return
  }
  assert.throws(thunk, (err) => {
    assert.ok(err instanceof revtain.RevtainError, `${err}`)
    assert.equal(err.code, c.error.code)
    assert.equal(err.message, message ?? c.error.message)
    assert.ok(err instanceof revtain[err.name] && err.name === revtain.errorKinds().find((k) => k.code === err.code).name)
    return true
  })
}

for (const c of V.cases) {
  // A case the vector says has no Node.js form is not registered (none does today).
  if (c.skip?.node) continue
  test(c.id, () => {
    if (!c.headers) return expect(c, () => call(c))
    const { exact, joined } = containers(c.headers)
    for (const [name, headers] of exact) {
      try {
        expect(c, () => call(c, headers))
      } catch (e) {
        e.message = `container ${name}: ${e.message}`
        throw e
      }
    }
    for (const [name, headers] of joined) {
      try {
        expect(c, () => call(c, headers), c.joined_message)
      } catch (e) {
        e.message = `container ${name} (joined): ${e.message}`
        throw e
      }
    }
  })
}

test('every case of the file ran here or says why not', () => {
  assert.ok(V.cases.length > 50)
  assert.deepEqual(V.cases.filter((c) => c.skip?.node).map((c) => c.id), [])
})
