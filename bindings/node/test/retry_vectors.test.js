'use strict'
// tests/vectors/retry.json through the Node surface: delay ceilings and jittered delays of
// RetryPolicy, the classification of attempts (classifyAttempt) and Retry-After parsing
// (parseRetryAfter), with the core's errors for outcomes that cannot be classified.
const test = require('node:test')
const assert = require('node:assert/strict')
const revtain = require('..')
const { loadVectors } = require('./vectors.js')

const V = loadVectors('retry.json')
const close = (got, want) => Math.abs(got - want) < V.delay_tolerance

for (const c of V.delays) {
  test(`delay ${c.id}`, () => {
    const p = c.policy
    const policy = new revtain.RetryPolicy({ base: p.base, cap: p.cap, maxAttempts: p.max_attempts, deadline: p.deadline, jitter: p.jitter })
    assert.ok(close(policy.ceiling(c.n), c.ceiling), `ceiling ${policy.ceiling(c.n)} != ${c.ceiling}`)
    assert.ok(close(policy.delay(c.n, c.uniform), c.delay), `delay ${policy.delay(c.n, c.uniform)} != ${c.delay}`)
  })
}

for (const c of V.classify) {
  test(`classify ${c.id}`, () => {
    const got = revtain.classifyAttempt(c.status, c.headers, { transport: c.transport, now: c.now })
    assert.deepEqual(got, { verdict: c.verdict, retryAfter: c.retry_after })
    // Headers as a Map give the same verdict.
    assert.deepEqual(revtain.classifyAttempt(c.status, new Map(Object.entries(c.headers)), { transport: c.transport, now: c.now }), got)
  })
}

for (const c of V.invalid) {
  test(`invalid ${c.id}`, () => {
    assert.throws(() => revtain.classifyAttempt(c.status), (err) => {
      assert.ok(err instanceof revtain.GatewayInvalidRequest)
      assert.equal(err.code, c.code)
      assert.equal(err.message, c.message)
      return true
    })
  })
}

for (const c of V.retry_after) {
  test(`retry_after ${c.id}`, () => {
    assert.equal(revtain.parseRetryAfter(c.value, { now: c.now }), c.seconds)
  })
}

test('classifyAttempt checks its options', () => {
  assert.throws(() => revtain.classifyAttempt(503, {}, { transport: 'reset' }), /connection_failed, timed_out/)
  assert.throws(() => revtain.classifyAttempt(503, {}, { trnasport: 'timed_out' }), { code: 'REVTAIN_RESULT_GATEWAY_INVALID_REQUEST' })
  assert.throws(() => revtain.classifyAttempt('503'), TypeError)
  assert.throws(() => revtain.parseRetryAfter(7), TypeError)
})
