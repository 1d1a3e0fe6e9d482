'use strict'
// tests/vectors/ratelimit.json through the Node surface: every decision and its headers, key
// and configuration errors. Times are unix seconds read to the nearest microsecond.
const test = require('node:test')
const assert = require('node:assert/strict')
const { RateLimiter } = require('..')
const { loadVectors, offsetView } = require('./vectors.js')

const V = loadVectors('ratelimit.json')
const us = (s) => Math.round(s * 1e6)

for (const c of V.cases) {
  test(`ratelimit vectors: ${c.id}`, () => {
    const limiter = new RateLimiter({ limit: c.limit, window: c.window })
    c.requests.forEach((r, i) => {
      // The same key as a string, a Buffer and a Uint8Array view at an offset: one key.
      const utf8 = Buffer.from(r.key, 'utf8')
      const key = [r.key, utf8, offsetView(utf8)][i % 3]
      const d = limiter.checkSync(key, { now: r.now })
      assert.deepEqual(
        [d.allowed, d.remaining, us(d.retryAfter), us(d.resetAfter)],
        [r.allowed, r.remaining, us(r.retry_after), us(r.reset_after)],
        `request ${i}`
      )
      assert.deepEqual(Object.entries(d.headers()), Object.entries(r.headers), `headers of ${i}`)
      assert.equal(d.limit, c.limit)
      assert.equal(d.window, c.window)
      assert.equal(d.storeError, null)
    })
  })
}

test('ratelimit vectors: key errors', async () => {
  const limiter = new RateLimiter({ limit: 1, window: 1 })
  for (const e of V.errors) {
    assert.throws(() => limiter.checkSync(e.key), (err) => err.code === e.error)
    await assert.rejects(limiter.check(e.key), (err) => err.code === e.error)
  }
})

test('ratelimit vectors: configuration errors', () => {
  for (const c of V.config_errors) {
    assert.throws(
      () => new RateLimiter({ limit: c.limit, window: c.window }),
      (err) => err.code === 'REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG',
      JSON.stringify(c)
    )
  }
})
