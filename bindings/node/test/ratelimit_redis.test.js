'use strict'
// RateLimiter shared through a real redis-server started here: one limit across limiters, the
// same decisions as in memory, failing open or closed when Redis is unreachable, and the round
// trip off the event loop. Without redis-server these tests fail, unless REVTAIN_SKIP_REDIS=1.
const { describe, test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const { performance } = require('node:perf_hooks')
const util = require('node:util')
const { RateLimiter } = require('..')
const { SKIP_REDIS, freePort, startRedis } = require('./redis_server.js')

const STORE_UNAVAILABLE = 'REVTAIN_RESULT_RATE_LIMIT_STORE_UNAVAILABLE'
const INVALID_KEY = 'REVTAIN_RESULT_RATE_LIMIT_INVALID_KEY'
const T0_US = 1_700_000_000_000_000
const at = (us) => (T0_US + us) / 1e6
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

let prefixes = 0
/** A prefix of its own for each test: limiters on different prefixes share nothing. */
const freshPrefix = () => `revtain:test:${process.pid}:${prefixes++}:`

describe('RateLimiter on Redis', { skip: SKIP_REDIS }, () => {
  let redis
  before(async () => {
    redis = await startRedis()
  })
  after(() => redis?.stop())

  test('two limiters on one Redis and prefix enforce one limit', async () => {
    const prefix = freshPrefix()
    const a = new RateLimiter({ redisUrl: redis.url, prefix })
    const b = new RateLimiter({ redisUrl: redis.url, prefix })
    assert.equal(a.shared, true)
    const sequential = []
    for (let i = 0; i < 100; i++) sequential.push(await (i % 2 ? b : a).check('rev_key_shared'))
    const admitted = sequential.filter((d) => d.allowed)
    assert.equal(admitted.length, 60)
    assert.deepEqual(admitted.map((d) => d.remaining), Array.from({ length: 60 }, (_, i) => 59 - i))
    assert.ok(sequential.slice(60).every((d) => !d.allowed && d.retryAfter > 0 && d.storeError === null))
    // Another prefix is another limit.
    const other = new RateLimiter({ redisUrl: redis.url, prefix: freshPrefix() })
    assert.equal((await other.check('rev_key_shared')).remaining, 59)
  })

  test('many concurrent checks from two limiters: exactly the limit admitted', async () => {
    const prefix = freshPrefix()
    const limiters = [new RateLimiter({ redisUrl: redis.url, prefix }), new RateLimiter({ redisUrl: redis.url, prefix })]
    const decisions = await Promise.all(Array.from({ length: 100 }, (_, i) => limiters[i % 2].check('rev_key_burst')))
    const admitted = decisions.filter((d) => d.allowed)
    assert.equal(admitted.length, 60)
    // Each admission saw a different count: the script is atomic.
    assert.deepEqual(admitted.map((d) => d.remaining).sort((x, y) => x - y), Array.from({ length: 60 }, (_, i) => i))
    assert.ok(decisions.every((d) => d.storeError === null))
  })

  test('the same decisions and headers as in memory for the same times', async () => {
    const shared = new RateLimiter({ limit: 3, window: 2, redisUrl: redis.url, prefix: freshPrefix() })
    const memory = new RateLimiter({ limit: 3, window: 2 })
    let seed = 12345
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    let now = 0
    let refused = 0
    for (let i = 0; i < 300; i++) {
      const r = rand()
      now += r < 0.3 ? 0 : r < 0.5 ? 2_000_000 - Math.floor(rand() * 2) : Math.floor(rand() * 900_000)
      const key = ['k1', Buffer.from('k2'), 'k3'][Math.floor(rand() * 3)]
      const d = await shared.check(key, { now: at(now) })
      const m = memory.checkSync(key, { now: at(now) })
      assert.deepEqual(d, m, `request ${i}`)
      assert.deepEqual(d.headers(), m.headers(), `request ${i}`)
      if (!d.allowed) refused++
    }
    assert.ok(refused > 30, `${refused} refusals`)
  })

  test('Redis holds hashes of the keys, never the keys; ping resolves', async () => {
    const prefix = freshPrefix()
    const limiter = new RateLimiter({ redisUrl: redis.url, prefix, limit: 5, window: 30 })
    await limiter.ping()
    const d = await limiter.check('rev_key_secret_value')
    assert.ok(Math.abs(d.at - Date.now() / 1000) < 5, 'the clock is Redis TIME')
    assert.deepEqual([d.allowed, d.remaining, d.resetAfter, d.storeError], [true, 4, 30, null])
    assert.equal(limiter.trackedKeys(), null)
    assert.equal(limiter.evictIdle(), 0)
    const keys = execFileSync('redis-cli', ['-p', String(redis.port), '--raw', 'KEYS', `${prefix}*`], { encoding: 'utf8' })
      .trim()
      .split('\n')
    assert.equal(keys.length, 1)
    assert.match(keys[0], new RegExp(`^${prefix}[0-9a-f]{32}$`))
    await assert.rejects(limiter.check(''), { code: INVALID_KEY })
    await assert.rejects(limiter.check(42), TypeError)
    await assert.rejects(limiter.check('k', { now: -1 }), { code: 'REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG' })
  })

  test('timers keep firing while a check waits for Redis: the round trip is off the event loop', async () => {
    const limiter = new RateLimiter({ redisUrl: redis.url, prefix: freshPrefix(), timeout: 5 })
    await limiter.ping() // a pooled connection, so that only the slow Redis is measured
    // Another client makes Redis sleep 300 ms: every command behind it waits.
    const sleeping = redis.send('DEBUG', 'SLEEP', '0.3')
    await sleeping.sent
    await sleep(20) // Redis has read it by now
    let ticks = 0
    const timer = setInterval(() => ticks++, 10)
    const started = performance.now()
    try {
      const d = await limiter.check('rev_key_slow')
      const elapsed = performance.now() - started
      assert.ok(elapsed > 150, `the check took ${elapsed} ms: Redis was not sleeping`)
      assert.ok(ticks >= 5, `only ${ticks} timer ticks in ${elapsed} ms`)
      assert.deepEqual([d.allowed, d.storeError], [true, null])
    } finally {
      clearInterval(timer)
    }
    assert.equal(await sleeping.reply, '+OK')
  })

  test('util.inspect shows the store, never the password', () => {
    const url = redis.url.replace('redis://', 'redis://default:hunter2@')
    const limiter = new RateLimiter({ redisUrl: url, limit: 7, window: 1.5, failOpen: false })
    const shown = util.inspect(limiter)
    assert.equal(shown, `RateLimiter(limit=7, window=1.5, store='redis', redisUrl="${redis.url.replace('redis://', 'redis://default:****@')}", prefix="revtain:rl:", failOpen=false)`)
  })
})

describe('RateLimiter when Redis stops answering', { skip: SKIP_REDIS }, () => {
  test('a timeout says so, and the decision is made in-process', async () => {
    const redis = await startRedis()
    try {
      const limiter = new RateLimiter({ redisUrl: redis.url, prefix: freshPrefix(), timeout: 0.1 })
      assert.equal((await limiter.check('rev_key_t')).storeError, null)
      assert.equal(await redis.send('CLIENT', 'PAUSE', '600').reply, '+OK')
      const d = await limiter.check('rev_key_t')
      assert.match(d.storeError, /the Redis store did not answer within 100 ms/)
      assert.doesNotMatch(d.storeError, /os error/)
      assert.equal(d.allowed, true)
      assert.match(d.storeError, /decided in-process/)
      await sleep(700)
      assert.equal((await limiter.check('rev_key_t')).storeError, null)
    } finally {
      redis.stop()
    }
  })

  test('killed and restarted: in-process meanwhile, Redis again within about a second', async () => {
    let redis = await startRedis()
    const port = redis.port
    try {
      const limiter = new RateLimiter({ redisUrl: redis.url, limit: 3, window: 60 })
      assert.equal((await limiter.check('rev_key_r')).storeError, null)
      redis.stop()
      await sleep(50)
      const during = []
      for (let i = 0; i < 5; i++) during.push(await limiter.check('rev_key_r'))
      assert.ok(during.every((d) => /decided in-process/.test(d.storeError)))
      // This process's own limit, counted from the outage on: 3 admitted, then refusals.
      assert.deepEqual(during.map((d) => d.allowed), [true, true, true, false, false])
      redis = await startRedis(port)
      const back = performance.now()
      let d
      for (let i = 0; i < 300; i++) {
        d = await limiter.check('rev_key_r')
        if (d.storeError === null) break
        await sleep(10)
      }
      const recovery = performance.now() - back
      assert.equal(d.storeError, null)
      assert.ok(recovery < 1500, `Redis's decisions again ${recovery} ms after it came back`)
      // Redis came back empty (no persistence): its count starts again.
      assert.deepEqual([d.allowed, d.remaining], [true, 2])
    } finally {
      redis.stop()
    }
  })
})

describe('Redis URLs never show a password', () => {
  const secret = 'hunter2'
  test('a password holding ? or a URL without ://, refused: the message masks it', () => {
    for (const redisUrl of [`redis://alice:pa?ss-${secret}@127.0.0.1:6379/0`, `alice:${secret}@127.0.0.1:6379`, `redis:${secret}@127.0.0.1:6379`, `${secret}@127.0.0.1:6379`]) {
      assert.throws(
        () => new RateLimiter({ redisUrl }),
        (err) => {
          assert.equal(err.code, 'REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG')
          assert.ok(!err.message.includes(secret) && !err.message.includes('ss-'), err.message)
          assert.match(err.message, /\*\*\*\*/)
          return true
        },
      )
    }
  })

  test('a password holding ?, accepted: inspect, toString, toJSON, storeError and ping mask it', async () => {
    const redisUrl = `redis://127.0.0.1:${await freePort()}?${secret}@elsewhere/`
    const limiter = new RateLimiter({ redisUrl, timeout: 0.2 })
    const shown = `RateLimiter(limit=60, window=60, store='redis', redisUrl="redis://127.0.0.1:****@elsewhere/", prefix="revtain:rl:", failOpen=true)`
    assert.equal(util.inspect(limiter), shown)
    assert.equal(String(limiter), shown)
    assert.equal(JSON.stringify({ limiter }), JSON.stringify({ limiter: shown }))
    const d = await limiter.check('rev_key')
    assert.ok(!d.storeError.includes(secret) && d.storeError.includes('****'), d.storeError)
    await assert.rejects(limiter.ping(), (err) => !err.message.includes(secret) && err.message.includes('****'))
  })
})

describe('RateLimiter on an unreachable Redis', () => {
  let url
  before(async () => {
    url = `redis://app:hunter2@127.0.0.1:${await freePort()}/0`
  })

  test('failOpen (the default) decides in-process by the same limit, and says why', async () => {
    const limiter = new RateLimiter({ redisUrl: url, limit: 10 })
    const memory = new RateLimiter({ limit: 10 })
    for (let i = 0; i < 15; i++) {
      const d = await limiter.check('rev_key_a', { now: at(i) })
      const m = memory.checkSync('rev_key_a', { now: at(i) })
      assert.equal(d.allowed, i < 10)
      assert.deepEqual({ ...d, storeError: null }, { ...m })
      assert.deepEqual(d.headers(), m.headers())
      assert.match(d.storeError, /failing open: decided in-process/)
      assert.match(d.storeError, /cannot connect to Redis at redis:\/\/app:\*\*\*\*@127\.0\.0\.1/)
      assert.ok(!d.storeError.includes('hunter2'))
    }
    // The in-process keys are swept like an in-memory limiter's.
    assert.equal(limiter.evictIdle({ now: at(14) + 60 }), 1)
  })

  test('failOpen: false refuses with Retry-After', async () => {
    const limiter = new RateLimiter({ redisUrl: url, failOpen: false })
    const d = await limiter.check('rev_key_a', { now: at(0) })
    assert.equal(d.allowed, false)
    assert.equal(d.remaining, 0)
    assert.match(d.storeError, /failing closed/)
    assert.equal(d.at, at(0))
    assert.equal(d.headers()['Retry-After'], '1')
  })

  test('ping rejects with RateLimitStoreUnavailable', async () => {
    const limiter = new RateLimiter({ redisUrl: url })
    await assert.rejects(limiter.ping(), (err) => {
      assert.equal(err.code, STORE_UNAVAILABLE)
      assert.equal(err.name, 'RateLimitStoreUnavailable')
      assert.equal(err.family, 'RateLimitError')
      assert.ok(err instanceof Error)
      assert.match(err.message, /unavailable: cannot connect to Redis at redis:\/\/app:\*\*\*\*@/)
      assert.ok(!err.message.includes('hunter2'))
      return true
    })
  })
})
