'use strict'
// RateLimiter in memory: bursts, exact Retry-After with an injected clock, spaced requests never
// refused, random arrival sequences against a reference sliding log (never more than the limit
// in any rolling window), headers, keys in every form, errors.
const test = require('node:test')
const assert = require('node:assert/strict')
const util = require('node:util')
const revtain = require('..')
const { RateLimiter, Decision } = revtain
const { offsetView } = require('./vectors.js')

// Times as integer microseconds, handed over as unix seconds (read back to the microsecond).
const T0_US = 1_700_000_000_000_000
const at = (us) => (T0_US + us) / 1e6
const usOf = (seconds) => Math.round(seconds * 1e6)

const INVALID_CONFIG = 'REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG'
const INVALID_KEY = 'REVTAIN_RESULT_RATE_LIMIT_INVALID_KEY'

/** A seeded PRNG (mulberry32): the same sequences on every run. */
function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The reference: a sliding log per key, in integer microseconds. */
class Model {
  constructor(limit, windowUs) {
    this.limit = limit
    this.windowUs = windowUs
    this.logs = new Map()
  }

  check(key, nowUs) {
    const log = (this.logs.get(key) ?? []).filter((t) => nowUs - t < this.windowUs)
    const allowed = log.length < this.limit
    if (allowed) log.push(nowUs)
    this.logs.set(key, log)
    return {
      allowed,
      remaining: this.limit - log.length,
      retryAfterUs: allowed || log.length === 0 ? 0 : log[0] + this.windowUs - nowUs,
      resetAfterUs: log.length === 0 ? 0 : log[log.length - 1] + this.windowUs - nowUs,
    }
  }
}

test('a burst of the limit is admitted, then refused until the oldest leaves the window', () => {
  const limiter = new RateLimiter({ limit: 3, window: 10 })
  const remaining = []
  for (let i = 0; i < 3; i++) {
    const d = limiter.checkSync('rev_key_a', { now: at(i * 1_000_000) })
    assert.equal(d.allowed, true)
    assert.equal(d.retryAfter, 0)
    assert.equal(d.resetAfter, 10)
    remaining.push(d.remaining)
  }
  assert.deepEqual(remaining, [2, 1, 0])
  let d = limiter.checkSync('rev_key_a', { now: at(4_250_000) })
  assert.equal(d.allowed, false)
  assert.equal(d.remaining, 0)
  assert.equal(d.retryAfter, 5.75) // the first admission (T0) leaves at T0 + 10 s
  assert.equal(d.resetAfter, 7.75) // the newest (T0 + 2 s) at T0 + 12 s
  assert.equal(d.at, at(4_250_000))
  assert.equal(d.resetAt, 1_700_000_012)
  assert.equal(d.window, 10)
  assert.equal(d.limit, 3)
  assert.equal(d.storeError, null)
  // Refusals are not counted: one microsecond early is still refused, on time is admitted.
  d = limiter.checkSync('rev_key_a', { now: at(9_999_999) })
  assert.equal(d.allowed, false)
  assert.equal(usOf(d.retryAfter), 1)
  d = limiter.checkSync('rev_key_a', { now: at(10_000_000) })
  assert.equal(d.allowed, true)
  assert.equal(d.remaining, 0)
  // Another key has its own budget.
  assert.equal(limiter.checkSync('rev_key_b', { now: at(4_250_000) }).remaining, 2)
})

test('check() resolves with the same decisions as checkSync()', async () => {
  const a = new RateLimiter({ limit: 2, window: 1 })
  const b = new RateLimiter({ limit: 2, window: 1 })
  for (let i = 0; i < 6; i++) {
    const now = at(i * 300_000)
    const p = a.check('k', { now })
    assert.ok(p instanceof Promise)
    const d = await p
    const e = b.checkSync('k', { now })
    assert.ok(d instanceof Decision)
    assert.deepEqual(d, e)
    assert.deepEqual(d.headers(), e.headers())
  }
})

test('requests spaced at the rate are never refused', () => {
  for (const [limit, windowUs] of [[60, 60_000_000], [8, 1_000_000], [1, 250_000], [1000, 1_000_000]]) {
    const limiter = new RateLimiter({ limit, window: windowUs / 1e6 })
    const spacing = windowUs / limit
    assert.ok(Number.isInteger(spacing))
    for (let i = 0; i < 5 * limit; i++) {
      const d = limiter.checkSync('k', { now: at(i * spacing) })
      assert.ok(d.allowed, `limit ${limit}, request ${i}`)
    }
    // One microsecond closer is one too many, once per window.
    const tight = new RateLimiter({ limit, window: windowUs / 1e6 })
    const refused = Array.from({ length: limit + 1 }, (_, i) => tight.checkSync('k', { now: at(i * (spacing - 1)) }))
    assert.deepEqual(refused.map((d) => d.allowed), [...Array(limit).fill(true), false], `limit ${limit}`)
  }
})

test('random arrivals: the reference sliding log, and never more than the limit in any window', () => {
  const rand = prng(0x5eed)
  let checked = 0
  let refused = 0
  for (let round = 0; round < 40; round++) {
    const limit = [1, 2, 3, 5, 10, 60][round % 6]
    const windowUs = [1_000_000, 2_500_000, 60_000_000, 1_000][Math.floor(rand() * 4)]
    const limiter = new RateLimiter({ limit, window: windowUs / 1e6 })
    const model = new Model(limit, windowUs)
    const keys = Array.from({ length: 1 + Math.floor(rand() * 6) }, (_, i) => `rev_key_${round}_${i}`)
    const admitted = new Map(keys.map((k) => [k, []]))
    let now = Math.floor(rand() * 1_000_000)
    for (let i = 0; i < 400; i++) {
      const key = keys[Math.floor(rand() * keys.length)]
      const log = admitted.get(key)
      const r = rand()
      if (r < 0.3) {
        // a burst: the same instant
      } else if (r < 0.45 && log.length > 0) {
        // exactly at a window edge of an earlier admission, or a microsecond before it
        const edge = log[Math.max(0, log.length - 1 - Math.floor(rand() * limit))] + windowUs - (rand() < 0.5 ? 1 : 0)
        now = Math.max(now, edge)
      } else if (r < 0.9) {
        now += Math.floor(rand() * (2 * windowUs / limit))
      } else {
        now += Math.floor(rand() * 3 * windowUs)
      }
      const d = limiter.checkSync(key, { now: at(now) })
      const m = model.check(key, now)
      assert.deepEqual(
        { allowed: d.allowed, remaining: d.remaining, retryAfterUs: usOf(d.retryAfter), resetAfterUs: usOf(d.resetAfter) },
        m,
        `round ${round} request ${i}`,
      )
      if (d.allowed) log.push(now)
      else refused++
      checked++
    }
    for (const [key, log] of admitted) {
      // Sorted admissions: the (i + limit)-th is at least a window after the i-th.
      for (let i = 0; i + limit < log.length; i++) {
        assert.ok(log[i + limit] - log[i] >= windowUs, `${key}: ${limit + 1} admissions within ${windowUs} µs`)
      }
    }
  }
  assert.equal(checked, 40 * 400)
  // The sequences do reach the limit (about one request in nine is refused).
  assert.ok(refused > 1000, `${refused} refusals`)
})

test('headers: exact values and real names, Retry-After on refusals only', () => {
  const limiter = new RateLimiter({ limit: 2, window: 60 })
  let d = limiter.checkSync('k', { now: at(500_000) })
  assert.deepEqual(Object.entries(d.headers()), [
    ['RateLimit-Policy', '"default";q=2;w=60'],
    ['RateLimit', '"default";r=1;t=60'],
    ['X-RateLimit-Limit', '2'],
    ['X-RateLimit-Remaining', '1'],
    ['X-RateLimit-Reset', '1700000061'],
  ])
  limiter.checkSync('k', { now: at(1_000_000) })
  d = limiter.checkSync('k', { now: at(1_200_000) })
  assert.equal(d.allowed, false)
  assert.deepEqual(d.headers(), {
    'RateLimit-Policy': '"default";q=2;w=60',
    RateLimit: '"default";r=0;t=60', // 59.8 s, rounded up
    'X-RateLimit-Limit': '2',
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': '1700000061',
    'Retry-After': '60', // 59.3 s, rounded up
  })
  // A fractional window is rounded up; a refusal never says to retry at once.
  const fast = new RateLimiter({ limit: 1, window: 1.5 })
  fast.checkSync('k', { now: at(0) })
  d = fast.checkSync('k', { now: at(1_499_999) })
  assert.equal(d.headers()['RateLimit-Policy'], '"default";q=1;w=2')
  assert.equal(d.headers()['Retry-After'], '1')
  assert.equal(usOf(d.retryAfter), 1)
})

test('string, Buffer and Uint8Array keys (at any offset) are the same key', async () => {
  const limiter = new RateLimiter({ limit: 3, window: 60 })
  const utf8 = Buffer.from('rev_clé_😀', 'utf8')
  const forms = ['rev_clé_😀', utf8, offsetView(utf8), new Uint8Array(utf8)]
  const seen = []
  for (const [i, key] of forms.entries()) seen.push((await limiter.check(key, { now: at(i) })).remaining)
  assert.deepEqual(seen, [2, 1, 0, 0])
  assert.equal(limiter.checkSync(offsetView(Buffer.from('rev_cle')), { now: at(9) }).remaining, 2)
  assert.equal(limiter.trackedKeys(), 2)
  // The longest key accepted is 1024 bytes, counted in UTF-8.
  assert.equal(limiter.checkSync('é'.repeat(512)).allowed, true)
  assert.throws(() => limiter.checkSync('é'.repeat(512) + 'x'), { code: INVALID_KEY, name: 'RateLimitInvalidKey' })
})

test('key errors: thrown by checkSync, rejected by check (never thrown)', async () => {
  const limiter = new RateLimiter()
  for (const key of ['', Buffer.alloc(0), new Uint8Array(1025), 'k'.repeat(1025)]) {
    assert.throws(() => limiter.checkSync(key), { code: INVALID_KEY, name: 'RateLimitInvalidKey', family: 'RateLimitError' })
    let p
    assert.doesNotThrow(() => (p = limiter.check(key)))
    await assert.rejects(p, (err) => err.code === INVALID_KEY && revtain.isRevtainError(err) && /empty|1025 bytes/.test(err.message))
  }
  // A key of the wrong type is a TypeError (never thrown by check: it rejects).
  for (const key of [undefined, null, 42, {}, ['k'], new Uint16Array(2), new ArrayBuffer(4)]) {
    assert.throws(() => limiter.checkSync(key), { name: 'TypeError', message: /must be a string, Buffer or Uint8Array/ })
    let p
    assert.doesNotThrow(() => (p = limiter.check(key)))
    await assert.rejects(p, TypeError)
  }
  // A bad `now` value: the core's error, the same message as in Python and C.
  for (const [now, shown] of [[-1, '-1'], [NaN, 'NaN'], [Infinity, 'infinity']]) {
    const message = `invalid rate limiter configuration: now must be unix seconds, a number >= 0, not ${shown}`
    assert.throws(() => limiter.checkSync('k', { now }), { code: INVALID_CONFIG, message })
    await assert.rejects(limiter.check('k', { now }), { code: INVALID_CONFIG, message })
  }
  assert.throws(() => limiter.checkSync('k', { now: '1700000000' }), TypeError)
  assert.throws(() => limiter.checkSync('k', 1700000000), TypeError)
  assert.equal(limiter.trackedKeys(), 0)
})

test('configuration: defaults, getters, errors', () => {
  const d = new RateLimiter()
  assert.deepEqual([d.limit, d.window, d.shared], [60, 60, false])
  assert.equal(util.inspect(d), "RateLimiter(limit=60, window=60, store='memory')")
  assert.equal(String(new RateLimiter({ limit: 5, window: 0.0015 })), "RateLimiter(limit=5, window=0.0015, store='memory')")
  assert.equal(JSON.stringify({ d }), `{"d":"RateLimiter(limit=60, window=60, store='memory')"}`)
  assert.equal(new RateLimiter({ window: 1.0000004 }).window, 1) // read to the microsecond
  assert.equal(new RateLimiter(undefined).limit, 60)
  assert.equal(new RateLimiter({ limit: undefined, redisUrl: null }).shared, false)
  assert.equal(new RateLimiter({ limit: null }).limit, 60) // null and undefined are the default
  const bad = [
    { limit: 0 }, { limit: -1 }, { limit: 1.5 }, { limit: 1_000_001 }, { limit: 2 ** 32 }, { limit: NaN },
    { window: 0 }, { window: 0.0009 }, { window: -1 }, { window: NaN },
    { window: Infinity }, { window: 31_622_401 }, { timeout: 0 }, { timeout: -1 },
    { timeout: NaN }, { redisUrl: 'not a url' },
    { redisUrl: '' }, { redis_url: 'redis://localhost' }, { fail_open: false }, { limt: 5 },
  ]
  for (const options of bad) {
    assert.throws(() => new RateLimiter(options), (err) => {
      assert.equal(err.code, INVALID_CONFIG, JSON.stringify(options))
      assert.ok(err instanceof revtain.RateLimitInvalidConfig && err instanceof revtain.RateLimitError)
      assert.equal(err.name, 'RateLimitInvalidConfig')
      assert.equal(err.family, 'RateLimitError')
      return true
    })
  }
  for (const options of [{ limit: '60' }, { window: '60' }, { timeout: '1' }, { failOpen: 'no' }, { prefix: 1 }, { redisUrl: 42 }, 60]) {
    assert.throws(() => new RateLimiter(options), TypeError, JSON.stringify(options))
  }
  assert.throws(() => new RateLimiter({ redis_url: 'x' }), /did you mean redisUrl/)
  assert.throws(() => new RateLimiter({ limit: 0 }), { message: 'invalid rate limiter configuration: limit must be a whole number from 1 to 1000000, not 0' })
  // The timeout is checked in memory too: a bad value is bad whatever the store.
  assert.throws(() => new RateLimiter({ timeout: 0 }), { message: 'invalid rate limiter configuration: timeout must be seconds, a number above 0, not 0' })
})

test('a Redis-backed limiter: checkSync throws, inspect hides the password (no connection made)', async () => {
  const limiter = new RateLimiter({ redisUrl: 'redis://app:hunter2@127.0.0.1:1/0', limit: 5, prefix: 'p:' })
  assert.equal(limiter.shared, true)
  assert.equal(limiter.trackedKeys(), null)
  assert.equal(limiter.evictIdle(), 0)
  assert.throws(() => limiter.checkSync('k'), /checkSync\(\) cannot be used with a Redis-backed RateLimiter.*await limiter\.check/)
  const shown = [util.inspect(limiter), String(limiter), JSON.stringify(limiter)]
  for (const s of shown) {
    assert.ok(!s.includes('hunter2'), s)
    assert.match(s, /store='redis'.*redis:\/\/app:\*\*\*\*@127\.0\.0\.1:1\/0.*prefix=\\?"p:\\?".*failOpen=true/)
  }
})

test('idle keys are evicted without changing a decision', () => {
  const limiter = new RateLimiter({ limit: 2, window: 10 })
  for (let i = 0; i < 100; i++) limiter.checkSync(`k${i}`, { now: at(i * 100_000) })
  limiter.checkSync('k0', { now: at(9_950_000) })
  assert.equal(limiter.trackedKeys(), 100)
  assert.equal(limiter.evictIdle({ now: at(10_000_000) }), 0)
  assert.equal(limiter.evictIdle({ now: at(10_100_000) }), 1) // k1, admitted at 0.1 s
  assert.equal(limiter.evictIdle({ now: at(19_900_000) }), 98) // k2 .. k99, not k0 (9.95 s)
  assert.equal(limiter.trackedKeys(), 1)
  assert.equal(limiter.checkSync('k0', { now: at(19_900_000) }).remaining, 0) // 9.95 s still counts
  assert.equal(limiter.evictIdle(), 1) // the clock: long after 2023
  assert.equal(limiter.trackedKeys(), 0)
})

test('Decisions are made by the limiter only; ping resolves in memory', async () => {
  assert.throws(() => new Decision(), TypeError)
  await new RateLimiter().ping()
  const d = new RateLimiter().checkSync('k')
  assert.ok(Math.abs(d.at - Date.now() / 1000) < 5, 'the default clock is the system clock')
})
