'use strict'
// Revtain's rate limiter: 5 requests in any rolling 10 s per API key; a burst is admitted up to
// the limit, the next request is refused with Retry-After, and waiting that long is enough.
// Times are given explicitly so the demo runs at once. Run: node examples/node/ratelimit.js
const assert = require('node:assert')
const revtain = require('revtain')

const T0 = 1_700_000_000 // unix seconds
const limiter = new revtain.RateLimiter({ limit: 5, window: 10 }) // redisUrl: 'redis://...' to share it
console.log(`[node]   ${'limiter'.padEnd(22)}: ${limiter}`)

async function main() {
  // A burst of 6 requests at T0 + 0.0 .. 0.5 s: 5 admitted, the 6th refused.
  const decisions = []
  for (let i = 0; i < 6; i++) decisions.push(await limiter.check('rev_key_merchant_a', { now: T0 + i / 10 }))
  decisions.forEach((d, i) => {
    const verdict = d.allowed ? 'admitted' : `refused, retry after ${d.retryAfter.toFixed(1)} s`
    console.log(`[node]   ${`request ${i + 1}`.padEnd(22)}: ${verdict}, remaining ${d.remaining}`)
  })
  assert.deepEqual(decisions.map((d) => d.allowed), [true, true, true, true, true, false])
  const refused = decisions[5]
  for (const [name, value] of Object.entries(refused.headers())) {
    console.log(`[node]   ${name.padEnd(22)}: ${value}`)
  }

  // Another key has its own budget; the refused one gets in once its oldest request is 10 s old.
  const other = await limiter.check('rev_key_merchant_b', { now: refused.at })
  console.log(`[node]   ${'another key'.padEnd(22)}: ${other.allowed ? 'admitted' : 'refused'}, remaining ${other.remaining}`)
  const later = await limiter.check('rev_key_merchant_a', { now: refused.at + refused.retryAfter })
  console.log(`[node]   ${'after Retry-After'.padEnd(22)}: ${later.allowed ? 'admitted' : 'refused'}, remaining ${later.remaining}`)
  assert.ok(other.allowed && later.allowed)
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
