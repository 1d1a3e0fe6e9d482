'use strict'
// examples/node/express_ratelimit.js on 127.0.0.1, driven with fetch: in memory, then two app
// instances sharing one limit through a real redis-server (REVTAIN_SKIP_REDIS=1 skips that).
const { describe, test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { SKIP_REDIS, startRedis } = require('./redis_server.js')

const EXAMPLE = path.join(__dirname, '..', '..', '..', 'examples', 'node', 'express_ratelimit.js')
const { createApp } = require(EXAMPLE)

/** Serves `app` on 127.0.0.1 (port 0) until the test ends; returns its URL. */
async function serve(t, app) {
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  t.after(() => new Promise((resolve) => server.close(resolve)))
  return `http://127.0.0.1:${server.address().port}/v1/invoices/in_42/recovery`
}

const get = (url, key) => fetch(url, { headers: key ? { authorization: `Bearer ${key}` } : {} })

/** `limit` requests for one key pass with falling X-RateLimit-Remaining, the next gets 429. */
async function exerciseLimit(urls, limit, window) {
  const remaining = []
  for (let i = 0; i < limit; i++) {
    const r = await get(urls[i % urls.length], 'rev_key_merchant_a')
    assert.equal(r.status, 200, `request ${i}`)
    assert.deepEqual(await r.json(), { invoice: 'in_42', status: 'retrying' })
    assert.equal(r.headers.get('ratelimit-policy'), `"default";q=${limit};w=${window}`)
    assert.equal(r.headers.get('x-ratelimit-limit'), String(limit))
    assert.match(r.headers.get('x-ratelimit-reset'), /^\d{10}$/)
    assert.match(r.headers.get('ratelimit'), new RegExp(`^"default";r=${limit - 1 - i};t=\\d+$`))
    assert.equal(r.headers.get('retry-after'), null)
    remaining.push(Number(r.headers.get('x-ratelimit-remaining')))
  }
  assert.deepEqual(remaining, Array.from({ length: limit }, (_, i) => limit - 1 - i))

  const refused = await get(urls[limit % urls.length], 'rev_key_merchant_a')
  assert.equal(refused.status, 429)
  const body = await refused.json()
  assert.equal(body.error, 'rate_limited')
  assert.ok(Number.isInteger(body.retry_after) && body.retry_after >= 1 && body.retry_after <= window, body.retry_after)
  assert.equal(refused.headers.get('retry-after'), String(body.retry_after))
  assert.equal(refused.headers.get('x-ratelimit-remaining'), '0')

  // Another key, and a request without one (keyed by address), have their own budgets.
  for (const [j, url] of urls.entries()) {
    const other = await get(url, 'rev_key_merchant_b')
    assert.equal(other.status, 200)
    assert.equal(other.headers.get('x-ratelimit-remaining'), String(limit - 1 - j))
  }
  const anonymous = await get(urls[0])
  assert.equal(anonymous.status, 200)
  assert.equal(anonymous.headers.get('x-ratelimit-remaining'), String(limit - 1))
  // A key no API issues (over 1024 bytes) is a 400, not a 500.
  const tooLong = await get(urls[0], 'k'.repeat(1025))
  assert.equal(tooLong.status, 400)
}

test('in memory: the limit per API key over HTTP', async (t) => {
  const app = createApp({ limit: 5, window: 30, redisUrl: undefined })
  assert.equal(app.locals.limiter.shared, false)
  await exerciseLimit([await serve(t, app)], 5, 30)
})

test('run directly: listens on 127.0.0.1, in memory without REVTAIN_REDIS_URL', async (t) => {
  const { spawn } = require('node:child_process')
  const env = { ...process.env, PORT: '0' }
  delete env.REVTAIN_REDIS_URL
  const child = spawn(process.execPath, [EXAMPLE], { env, stdio: ['ignore', 'pipe', 'inherit'] })
  t.after(() => child.kill())
  let out = ''
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/\S+/)
      if (m) resolve(m[0])
    })
    child.once('exit', (code) => reject(new Error(`the example exited with ${code}: ${out}`)))
  })
  assert.match(out, /RateLimiter\(limit=60, window=60, store='memory'\)/)
  const r = await get(url, 'rev_key_x')
  assert.equal(r.status, 200)
  assert.equal(r.headers.get('x-ratelimit-remaining'), '59')
})

describe('with Redis', { skip: SKIP_REDIS }, () => {
  let redis
  before(async () => {
    redis = await startRedis()
  })
  after(() => redis?.stop())

  test('two servers on one Redis enforce one limit per API key', async (t) => {
    const options = { limit: 5, window: 30, redisUrl: redis.url, prefix: `revtain:test:express:${process.pid}:` }
    const apps = [createApp(options), createApp(options)]
    assert.ok(apps.every((app) => app.locals.limiter.shared))
    await exerciseLimit([await serve(t, apps[0]), await serve(t, apps[1])], 5, 30)
  })

  test('REVTAIN_REDIS_URL selects Redis', () => {
    const saved = process.env.REVTAIN_REDIS_URL
    process.env.REVTAIN_REDIS_URL = redis.url
    try {
      assert.equal(createApp().locals.limiter.shared, true)
    } finally {
      if (saved === undefined) delete process.env.REVTAIN_REDIS_URL
      else process.env.REVTAIN_REDIS_URL = saved
    }
  })
})
