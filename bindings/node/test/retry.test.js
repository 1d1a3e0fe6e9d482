'use strict'
// Resilient gateway calls (docs/spec.md §2.5) against a real node:http server on 127.0.0.1, scripted
// per request and recording what it saw: 5xx then success, 429 with Retry-After, final 4xx,
// Stripe's hint, resets, slow answers, Retry-After past the deadline, a spent budget; and the
// call runs off the event loop (the server shares the loop with the test). The hardening tests at
// the end use raw sockets: answers over the limits, malformed, cut short or trickled; a counting
// proxy; a TLS server whose certificate nobody trusts.
const test = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const net = require('node:net')
const tls = require('node:tls')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const childProcess = require('node:child_process')
const util = require('node:util')

const revtain = require('..')
const { RetryPolicy, GatewayClient, GatewayResponse, isRevtainError } = revtain

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const FAST = { base: 0.01, cap: 0.1 }

/**
 * Starts a server that answers request i with script[i] (the last step repeated). A step is
 * `{ status, headers, body, delay }` (delay in ms before answering) or `'destroy'`.
 */
async function serve(script) {
  const seen = []
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const i = seen.length
      seen.push({
        method: req.method,
        path: req.url,
        headers: req.headers,
        idempotencyKeys: req.headersDistinct['idempotency-key'] ?? [],
        body: Buffer.concat(chunks),
        at: Date.now(),
      })
      const step = script[Math.min(i, script.length - 1)]
      if (step === 'destroy') {
        req.socket.destroy()
        return
      }
      const answer = () => {
        if (res.destroyed) return
        res.writeHead(step.status, { 'content-type': 'application/json', ...(step.headers || {}) })
        res.end(step.body ?? JSON.stringify({ attempt: i + 1 }))
      }
      if (step.delay) setTimeout(answer, step.delay)
      else answer()
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${server.address().port}`
  return {
    url,
    seen,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    },
  }
}

async function withServer(script, fn) {
  const s = await serve(script)
  try {
    return await fn(s)
  } finally {
    await s.close()
  }
}

test('503, 503, 200: three attempts, one idempotency key on all', () =>
  withServer([{ status: 503 }, { status: 503 }, { status: 200, body: '{"id":"ch_1"}' }], async (s) => {
    const client = new GatewayClient(s.url, { policy: FAST, headers: { Authorization: 'Bearer sk_test_123' } })
    const resp = await client.request('POST', '/v1/charges', { body: 'amount=100', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    assert.ok(resp instanceof GatewayResponse)
    assert.equal(resp.status, 200)
    assert.deepEqual(resp.json(), { id: 'ch_1' })
    assert.equal(resp.text(), '{"id":"ch_1"}')
    assert.ok(Buffer.isBuffer(resp.body))
    assert.equal(resp.headers['content-type'], 'application/json')
    assert.deepEqual(resp.attempts.map((a) => a.status), [503, 503, 200])
    assert.equal(resp.attempts[0].delay, 0)
    for (const a of resp.attempts) {
      assert.equal(a.error, null)
      assert.ok(a.duration >= 0 && a.delay >= 0 && a.delay <= 0.1)
    }
    assert.equal(s.seen.length, 3)
    assert.match(resp.idempotencyKey, UUID_V4)
    for (const r of s.seen) {
      assert.equal(r.method, 'POST')
      assert.equal(r.path, '/v1/charges')
      assert.equal(r.headers['idempotency-key'], resp.idempotencyKey)
      assert.equal(r.headers.authorization, 'Bearer sk_test_123')
      assert.equal(r.headers['content-type'], 'application/x-www-form-urlencoded')
      assert.equal(r.body.toString(), 'amount=100')
    }
  }))

test('a new call gets a new key; a caller key is used; GET has none', () =>
  withServer([{ status: 200 }], async (s) => {
    const client = new GatewayClient(s.url, { policy: FAST })
    const a = await client.request('POST', '/a')
    const b = await client.request('POST', '/b', { body: Buffer.from([1, 2, 3]) })
    const c = await client.request('POST', '/c', { idempotencyKey: 'order-42', body: new Uint8Array([9]) })
    const d = await client.request('GET', '/d')
    assert.notEqual(a.idempotencyKey, b.idempotencyKey)
    assert.equal(c.idempotencyKey, 'order-42')
    assert.equal(s.seen[2].headers['idempotency-key'], 'order-42')
    assert.deepEqual([...s.seen[1].body], [1, 2, 3])
    assert.deepEqual([...s.seen[2].body], [9])
    assert.equal(d.idempotencyKey, null)
    assert.equal(s.seen[3].headers['idempotency-key'], undefined)
    assert.equal(s.seen[3].method, 'GET')
  }))

// Sent beside a generated key, the caller's key could be ignored by the gateway, and a charge
// re-issued after a crash could go through twice.
for (const spelling of ['Idempotency-Key', 'idempotency-key', 'IDEMPOTENCY-KEY']) {
  test(`a caller's ${spelling} header is the only key sent, and the one reported`, () =>
    withServer([{ status: 503 }, { status: 200 }], async (s) => {
      const client = new GatewayClient(s.url, { policy: FAST })
      const resp = await client.request('POST', '/v1/charges', { body: 'amount=1', headers: { [spelling]: 'order-42' } })
      assert.equal(resp.idempotencyKey, 'order-42')
      assert.deepEqual(s.seen.map((r) => r.idempotencyKeys), [['order-42'], ['order-42']])
    }))
}

test('an idempotency key given twice: one on the wire when equal, refused when not', () =>
  withServer([{ status: 200 }], async (s) => {
    const client = new GatewayClient(s.url, { policy: FAST })
    const ok = await client.request('POST', '/', { headers: { 'Idempotency-Key': 'k1' }, idempotencyKey: 'k1' })
    assert.equal(ok.idempotencyKey, 'k1')
    assert.deepEqual(s.seen[0].idempotencyKeys, ['k1'])
    for (const options of [
      { headers: { 'Idempotency-Key': 'k1' }, idempotencyKey: 'k2' },
      { headers: { 'Idempotency-Key': 'k1', 'idempotency-key': 'k1' } },
    ]) {
      await assert.rejects(client.request('POST', '/', options), { code: 'REVTAIN_RESULT_GATEWAY_INVALID_REQUEST' })
    }
    assert.equal(s.seen.length, 1)
  }))

test('a client-wide Idempotency-Key header is refused', () => {
  assert.throws(
    () => new GatewayClient('https://api.stripe.com', { headers: { 'idempotency-key': 'same-for-all' } }),
    (e) => e.code === 'REVTAIN_RESULT_GATEWAY_INVALID_REQUEST' && /client-wide/.test(e.message) && !e.message.includes('same-for-all'),
  )
})

test('repeated response headers are joined', () =>
  withServer([{ status: 200, headers: { 'Set-Cookie': ['a=1', 'b=2'], 'X-Request-Id': 'req_1' } }], async (s) => {
    const resp = await new GatewayClient(s.url, { policy: FAST }).request('GET', '/')
    assert.equal(resp.headers['set-cookie'], 'a=1, b=2')
    assert.equal(resp.headers['x-request-id'], 'req_1')
  }))

test('429 with Retry-After: 1 waits at least that long', () =>
  withServer([{ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 }], async (s) => {
    const resp = await new GatewayClient(s.url, { policy: FAST }).request('POST', '/v1/charges')
    assert.equal(resp.status, 200)
    assert.deepEqual(resp.attempts.map((a) => a.status), [429, 200])
    assert.ok(resp.attempts[1].delay >= 1, `delay ${resp.attempts[1].delay}`)
    assert.ok(s.seen[1].at - s.seen[0].at >= 990, `gap ${s.seen[1].at - s.seen[0].at} ms`)
  }))

for (const status of [400, 402]) {
  test(`${status} is a final answer: resolved, not retried`, () =>
    withServer([{ status, body: '{"error":"card_declined"}' }, { status: 200 }], async (s) => {
      const resp = await new GatewayClient(s.url, { policy: FAST }).request('POST', '/v1/charges')
      assert.equal(resp.status, status)
      assert.equal(resp.json().error, 'card_declined')
      assert.equal(resp.attempts.length, 1)
      assert.equal(s.seen.length, 1)
    }))
}

test('500 with Stripe-Should-Retry: false is not retried', () =>
  withServer([{ status: 500, headers: { 'Stripe-Should-Retry': 'false' } }, { status: 200 }], async (s) => {
    const resp = await new GatewayClient(s.url, { policy: FAST }).request('POST', '/v1/charges')
    assert.equal(resp.status, 500)
    assert.equal(resp.attempts.length, 1)
    assert.equal(s.seen.length, 1)
  }))

test('a destroyed socket is retried', () =>
  withServer(['destroy', { status: 200 }], async (s) => {
    const resp = await new GatewayClient(s.url, { policy: FAST }).request('POST', '/v1/charges')
    assert.equal(resp.status, 200)
    assert.equal(resp.attempts.length, 2)
    assert.equal(resp.attempts[0].status, null)
    assert.equal(typeof resp.attempts[0].error, 'string')
    assert.equal(s.seen.length, 2)
    assert.equal(s.seen[0].headers['idempotency-key'], s.seen[1].headers['idempotency-key'])
  }))

test('an answer slower than the attempt timeout is retried', () =>
  withServer([{ status: 200, delay: 1000 }, { status: 200 }], async (s) => {
    const client = new GatewayClient(s.url, { policy: FAST, timeout: 0.2 })
    const resp = await client.request('POST', '/v1/charges')
    assert.equal(resp.status, 200)
    assert.equal(resp.attempts.length, 2)
    assert.equal(resp.attempts[0].status, null)
    assert.match(resp.attempts[0].error, /timed out/)
    assert.ok(resp.attempts[0].duration < 0.9, `duration ${resp.attempts[0].duration}`)
  }))

test('Retry-After past the deadline rejects at once with the time asked for', () =>
  withServer([{ status: 503, headers: { 'Retry-After': '60' } }, { status: 200 }], async (s) => {
    const client = new GatewayClient(s.url, { policy: { ...FAST, deadline: 5 } })
    const started = Date.now()
    const err = await client.request('POST', '/v1/charges').then(
      () => assert.fail('resolved'),
      (e) => e,
    )
    assert.ok(Date.now() - started < 2000)
    assert.ok(err instanceof Error)
    assert.ok(isRevtainError(err))
    assert.equal(err.code, 'REVTAIN_RESULT_GATEWAY_RETRY_AFTER_BEYOND_DEADLINE')
    assert.equal(err.name, 'GatewayRetryAfterBeyondDeadline')
    assert.equal(err.family, 'GatewayError')
    assert.equal(err.requested, 60)
    assert.equal(err.attempts.length, 1)
    assert.ok(err.response instanceof GatewayResponse)
    assert.equal(err.response.status, 503)
    assert.equal(err.response.headers['retry-after'], '60')
    assert.equal(s.seen.length, 1)
  }))

test('a spent budget rejects without retrying', () =>
  withServer([{ status: 503 }, { status: 200 }], async (s) => {
    const client = new GatewayClient(s.url, { policy: FAST })
    assert.equal(client.host(), new URL(s.url).host)
    assert.equal(client.budgetAvailable(), 500)
    client.setBudget(0)
    assert.equal(client.budgetAvailable(), 0)
    const err = await client.request('POST', '/v1/charges').then(
      () => assert.fail('resolved'),
      (e) => e,
    )
    assert.equal(err.code, 'REVTAIN_RESULT_GATEWAY_BUDGET_EXHAUSTED')
    assert.equal(err.name, 'GatewayBudgetExhausted')
    assert.equal(err.attempts.length, 1)
    assert.equal(err.response.status, 503)
    assert.equal(err.requested, undefined)
    assert.equal(s.seen.length, 1)
    client.setBudget(500)
    assert.equal(client.budgetAvailable(), 500)
  }))

test('all attempts used: RETRIES_EXHAUSTED with every attempt and the last response', () =>
  withServer([{ status: 503, body: 'down' }], async (s) => {
    const client = new GatewayClient(s.url, { policy: FAST })
    const err = await client.request('POST', '/v1/charges').then(
      () => assert.fail('resolved'),
      (e) => e,
    )
    assert.equal(err.code, 'REVTAIN_RESULT_GATEWAY_RETRIES_EXHAUSTED')
    assert.equal(err.name, 'GatewayRetriesExhausted')
    assert.equal(err.family, 'GatewayError')
    assert.equal(err.attempts.length, 4)
    assert.deepEqual(err.attempts.map((a) => a.status), [503, 503, 503, 503])
    assert.equal(err.response.status, 503)
    assert.equal(err.response.text(), 'down')
    assert.equal(err.response.attempts.length, 4)
    assert.match(err.response.idempotencyKey, UUID_V4)
    assert.equal(s.seen.length, 4)
    assert.equal(new Set(s.seen.map((r) => r.headers['idempotency-key'])).size, 1)
    // Each retry cost the budget 5 tokens.
    assert.equal(client.budgetAvailable(), 500 - 3 * 5)
  }))

test('deadline shorter than the next delay: DEADLINE_EXCEEDED', () =>
  withServer([{ status: 503 }], async (s) => {
    const client = new GatewayClient(s.url, { policy: { base: 1, cap: 1, deadline: 0.5, jitter: 'none' } })
    const err = await client.request('GET', '/').then(
      () => assert.fail('resolved'),
      (e) => e,
    )
    assert.equal(err.code, 'REVTAIN_RESULT_GATEWAY_DEADLINE_EXCEEDED')
    assert.equal(err.attempts.length, 1)
    assert.equal(s.seen.length, 1)
  }))

test('timers keep firing during a slow, retried call (it runs off the event loop)', () =>
  // The server answers from this same event loop: if request() blocked it, the server could not
  // answer at all and both attempts would time out, rejecting the call.
  withServer([{ status: 503, delay: 300 }, { status: 200, delay: 300 }], async (s) => {
    const client = new GatewayClient(s.url, { policy: FAST, timeout: 2 })
    let ticks = 0
    const timer = setInterval(() => ticks++, 10)
    const started = Date.now()
    let resp
    try {
      resp = await client.request('POST', '/v1/charges')
    } finally {
      clearInterval(timer)
    }
    const elapsed = Date.now() - started
    assert.equal(resp.status, 200)
    assert.deepEqual(resp.attempts.map((a) => a.status), [503, 200])
    assert.ok(elapsed >= 600, `elapsed ${elapsed} ms`)
    // About 60 ticks in 600 ms; a blocked loop would give at most one.
    assert.ok(ticks >= 20, `only ${ticks} ticks in ${elapsed} ms`)
  }))

test('concurrent calls proceed in parallel', () =>
  withServer([{ status: 200, delay: 300 }], async (s) => {
    const client = new GatewayClient(s.url, { policy: FAST })
    const started = Date.now()
    const all = await Promise.all([1, 2, 3].map((i) => client.request('GET', `/${i}`)))
    assert.deepEqual(all.map((r) => r.status), [200, 200, 200])
    assert.ok(Date.now() - started < 850, `took ${Date.now() - started} ms`)
  }))

test('plain http to a non-loopback host is refused', () => {
  for (const url of ['http://api.stripe.com', 'http://10.0.0.1:8080']) {
    assert.throws(
      () => new GatewayClient(url),
      (e) => e.code === 'REVTAIN_RESULT_GATEWAY_INVALID_REQUEST' && e.name === 'GatewayInvalidRequest' && e.family === 'GatewayError',
    )
  }
  // Allowed when asked for (never do this for a payment gateway), and https always.
  new GatewayClient('http://10.0.0.1:8080', { allowInsecureHttp: true })
  new GatewayClient('https://api.stripe.com')
})

test('invalid requests reject with GATEWAY_INVALID_REQUEST, wrong types with TypeError', async () => {
  const client = new GatewayClient('http://127.0.0.1:9', { policy: FAST })
  const bad = [
    ['POST', 'no-slash'],
    ['POST', '//evil.example/x'],
    ['BAD METHOD', '/'],
    ['POST', '/', { headers: { 'X-Bad': 'a\r\nb' } }],
    ['POST', '/', { idempotencyKey: '' }],
    ['POST', '/', { idempotency_key: 'k' }],
  ]
  for (const args of bad) {
    await assert.rejects(
      client.request(...args),
      (e) => e instanceof revtain.GatewayInvalidRequest && e.code === 'REVTAIN_RESULT_GATEWAY_INVALID_REQUEST',
      JSON.stringify(args),
    )
  }
  for (const args of [
    [42, '/'],
    ['POST', '/', { body: 42 }],
    ['POST', '/', { headers: { 'X-Num': 1 } }],
  ]) {
    await assert.rejects(client.request(...args), TypeError, JSON.stringify(args))
  }
  for (const [url, options] of [
    ['ftp://127.0.0.1', {}],
    ['not a url', {}],
    ['https://api.stripe.com?x=1', {}],
    ['https://api.stripe.com', { timeout: 0 }],
    ['https://api.stripe.com', { timeout: -1 }],
    ['https://api.stripe.com', { headers: { 'Bad Name': 'x' } }],
    ['https://api.stripe.com', { retries: 3 }],
  ]) {
    assert.throws(() => new GatewayClient(url, options), (e) => e.code === 'REVTAIN_RESULT_GATEWAY_INVALID_REQUEST', url)
  }
  for (const options of [{ timeout: '10' }, { allowInsecureHttp: 'yes' }]) {
    assert.throws(() => new GatewayClient('https://api.stripe.com', options), TypeError, JSON.stringify(options))
  }
})

test('util.inspect and toString never show header values', () => {
  const secret = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'
  const client = new GatewayClient('https://api.stripe.com/', {
    headers: { Authorization: `Bearer ${secret}`, 'Stripe-Version': '2024-06-20' },
    policy: new RetryPolicy({ maxAttempts: 3 }),
    timeout: 5,
  })
  for (const shown of [util.inspect(client), util.inspect(client, { showHidden: true, depth: 10 }), String(client), JSON.stringify({ client }), util.format('%o', client)]) {
    assert.ok(!shown.includes(secret), shown)
    assert.ok(!shown.includes('2024-06-20'), shown)
  }
  const shown = util.inspect(client)
  assert.match(shown, /api\.stripe\.com/)
  assert.match(shown, /Authorization/)
  assert.match(shown, /Stripe-Version/)
  assert.match(shown, /maxAttempts=3/)
  assert.match(shown, /timeout=5/)
})

test('RetryPolicy: defaults, getters, delay and ceiling from the core', () => {
  const p = new RetryPolicy()
  assert.deepEqual([p.base, p.cap, p.maxAttempts, p.deadline, p.jitter], [0.5, 20, 4, 30, 'full'])
  assert.equal(p.ceiling(0), 0.5)
  assert.equal(p.ceiling(3), 4)
  assert.equal(p.ceiling(10), 20)
  assert.equal(p.ceiling(1000), 20)
  assert.equal(p.delay(1, 0.5), 0.5)
  assert.equal(p.delay(0, 0), 0)
  assert.equal(new RetryPolicy({ jitter: 'equal' }).delay(0, 0), 0.25)
  assert.equal(new RetryPolicy({ jitter: 'none' }).delay(2, 0.3), 2)
  const q = new RetryPolicy({ base: 0.0000015, cap: 1.5, maxAttempts: 7, deadline: 2.25, jitter: 'none' })
  assert.deepEqual([q.base, q.cap, q.maxAttempts, q.deadline, q.jitter], [0.000002, 1.5, 7, 2.25, 'none'])
  assert.equal(String(q), "RetryPolicy(base=0.000002, cap=1.5, maxAttempts=7, deadline=2.25, jitter='none')")
  assert.equal(util.inspect(q), String(q))
  assert.throws(() => p.delay(-1, 0.5), revtain.RetryInvalidPolicy)
  assert.throws(() => p.ceiling(1.5), { code: 'REVTAIN_RESULT_RETRY_INVALID_POLICY', message: 'invalid retry policy: n must be a whole number from 0 to 4294967295, not 1.5' })
  assert.throws(() => p.ceiling('1'), TypeError)
})

test('RetryPolicy: invalid values throw RETRY_INVALID_POLICY', () => {
  for (const options of [
    { base: 2, cap: 1 },
    { maxAttempts: 0 },
    { maxAttempts: 101 },
    { maxAttempts: 2.5 },
    { deadline: 0 },
    { base: -1 },
    { cap: Number.NaN },
    { deadline: Infinity },
    { jitter: 'half' },
    { max_attempts: 3 },
  ]) {
    assert.throws(
      () => new RetryPolicy(options),
      (e) => e instanceof revtain.RetryInvalidPolicy && e instanceof revtain.GatewayError && e.name === 'RetryInvalidPolicy' && e.family === 'GatewayError',
      JSON.stringify(options),
    )
  }
  for (const options of [{ jitter: 1 }, { base: '0.5' }, 'fast']) {
    assert.throws(() => new RetryPolicy(options), TypeError, JSON.stringify(options))
  }
  assert.throws(() => new GatewayClient('https://api.stripe.com', { policy: { cap: 0.1 } }), (e) => e.code === 'REVTAIN_RESULT_RETRY_INVALID_POLICY')
})

test('GatewayResponse cannot be constructed directly', () => {
  assert.throws(() => new GatewayResponse(), TypeError)
})

// --- hardening: credentials, framing headers, proxies, answers never sent again ------------

const SECRET = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'
const REJECTED = revtain.GatewayResponseRejected
const TLS_FAILED = revtain.GatewayTlsFailed

const shown = (e) => `${e.message} ${util.inspect(e)} ${JSON.stringify(e)}`

test('a base URL with credentials is refused, and no refused URL is ever echoed', () => {
  for (const url of [`https://${SECRET}:@api.example`, `https://user:${SECRET}@api.example/v1`, `http://${SECRET}@127.0.0.1:9`]) {
    assert.throws(
      () => new GatewayClient(url),
      (e) => e instanceof revtain.GatewayInvalidRequest && /credentials/.test(e.message) && !shown(e).includes(SECRET),
      url,
    )
  }
  for (const url of [`https://${SECRET}:pass word@api.example`, `https://${SECRET} x`, SECRET, `ftp://${SECRET}/`, `http://${SECRET}.example`]) {
    assert.throws(() => new GatewayClient(url), (e) => e instanceof revtain.GatewayInvalidRequest && !shown(e).includes(SECRET), url)
  }
})

test('framing headers are refused, client-wide and per request, naming the header and not its value', async () =>
  withServer([{ status: 200 }], async (s) => {
    const value = 'sk_live_VALUE_NOT_SHOWN'
    for (const name of ['Content-Length', 'transfer-encoding', 'HOST', 'Connection', 'upgrade']) {
      const ok = (e) => e instanceof revtain.GatewayInvalidRequest && e.message.toLowerCase().includes(name.toLowerCase()) && !shown(e).includes(value)
      assert.throws(() => new GatewayClient(s.url, { headers: { [name]: value } }), ok, name)
      const client = new GatewayClient(s.url, { policy: FAST })
      await assert.rejects(client.request('POST', '/', { body: 'amount=1', headers: { [name]: value } }), ok, name)
    }
    assert.equal(s.seen.length, 0)
    await new GatewayClient(s.url, { policy: FAST }).request('POST', '/', { body: 'amount=1' })
    assert.equal(s.seen[0].headers['content-length'], '8')
    assert.equal(s.seen[0].body.toString(), 'amount=1')
  }))

/** A raw TCP server: reads each request head, counts it, then runs `answer(socket)`. */
async function rawServer(answer) {
  const state = { requests: 0 }
  const sockets = new Set()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    let head = Buffer.alloc(0)
    const onData = (chunk) => {
      head = Buffer.concat([head, chunk])
      if (!head.includes('\r\n\r\n')) return
      socket.off('data', onData)
      state.requests++
      answer(socket)
    }
    socket.on('data', onData)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${server.address().port}`
  state.settled = async () => {
    await new Promise((resolve) => setTimeout(resolve, 150))
    return state.requests
  }
  state.close = () => {
    for (const socket of sockets) socket.destroy()
    return new Promise((resolve) => server.close(resolve))
  }
  return state
}

async function withRaw(answer, fn) {
  const s = await rawServer(answer)
  try {
    return await fn(s)
  } finally {
    await s.close()
  }
}

/** Streams `total` bytes of body (chunked, or with its Content-Length), as fast as the client reads. */
function stream(total, chunked) {
  return (socket) => {
    socket.write(chunked ? 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' : `HTTP/1.1 200 OK\r\nContent-Length: ${total}\r\n\r\n`)
    const block = Buffer.alloc(65536, 'x')
    const framed = Buffer.concat([Buffer.from(`${block.length.toString(16)}\r\n`), block, Buffer.from('\r\n')])
    let sent = 0
    const pump = () => {
      while (sent < total && !socket.destroyed) {
        sent += block.length
        if (!socket.write(chunked ? framed : block)) return socket.once('drain', pump)
      }
      if (chunked && !socket.destroyed) socket.end('0\r\n\r\n')
    }
    pump()
  }
}

async function rejectedOnce(s, call, status) {
  const err = await call().then(
    () => assert.fail('resolved'),
    (e) => e,
  )
  assert.ok(err instanceof REJECTED, util.inspect(err))
  assert.equal(err.family, 'GatewayError')
  assert.equal(err.attempts.length, 1)
  assert.equal(await s.settled(), 1, 'an answered request must not be sent again')
  assert.equal(err.attempts[0].status, status)
  assert.equal(typeof err.attempts[0].error, 'string')
  if (status === null) assert.equal(err.response, null)
  else {
    assert.ok(err.response instanceof GatewayResponse)
    assert.equal(err.response.status, status)
    assert.equal(err.response.body.length, 0)
  }
  assert.match(err.message, /not sent again/)
  return err
}

test('a body over 16 MiB is final, keeping its status (a 1 GiB answer was sent three times)', async () => {
  await withRaw(stream(2 ** 30, false), async (s) => {
    const started = Date.now()
    const err = await rejectedOnce(s, () => new GatewayClient(s.url, { policy: FAST }).request('POST', '/v1/charges', { body: 'amount=1' }), 200)
    assert.match(err.attempts[0].error, /16 MiB/)
    assert.ok(Date.now() - started < 2000)
  })
  await withRaw(stream(64 * 2 ** 20, true), async (s) => {
    const err = await rejectedOnce(s, () => new GatewayClient(s.url, { policy: FAST, timeout: 4 }).request('POST', '/v1/charges'), 200)
    assert.match(err.attempts[0].error, /16 MiB/)
  })
})

test('a huge or malformed head is final', async () => {
  const filler = Array.from({ length: 20 }, (_, i) => `X-F${i}: ${'y'.repeat(4096)}\r\n`).join('')
  for (const [data, want] of [
    [`HTTP/1.1 200 OK\r\n${filler}\r\n`, /64 KiB/],
    ['HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n', /malformed/],
    ['SMTP ready\r\n\r\n', /malformed/],
  ]) {
    await withRaw(
      (socket) => socket.end(data),
      async (s) => {
        const err = await rejectedOnce(s, () => new GatewayClient(s.url, { policy: FAST }).request('POST', '/'), null)
        assert.match(err.attempts[0].error, want)
      },
    )
  }
})

test('a body cut short or trickled is final, keeping its status', async () => {
  await withRaw(
    (socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhalf'),
    async (s) => {
      const err = await rejectedOnce(s, () => new GatewayClient(s.url, { policy: FAST }).request('POST', '/'), 200)
      assert.match(err.attempts[0].error, /closed/)
    },
  )
  const timers = new Set()
  await withRaw(
    (socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n')
      let left = 100
      const timer = setInterval(() => {
        if (socket.destroyed || --left === 0) return clearInterval(timer)
        socket.write('x')
      }, 50)
      timers.add(timer)
    },
    async (s) => {
      const started = Date.now()
      const err = await rejectedOnce(s, () => new GatewayClient(s.url, { policy: FAST, timeout: 0.4 }).request('POST', '/'), 200)
      assert.match(err.attempts[0].error, /timeout/)
      assert.ok(Date.now() - started < 2000)
    },
  )
  for (const timer of timers) clearInterval(timer)
})

/** Counts connections; answers a CONNECT with 200, then the tunnelled request itself ("via proxy"). */
async function countingProxy() {
  const state = { connections: 0, heads: [] }
  const server = net.createServer((socket) => {
    state.connections++
    socket.on('error', () => {})
    let buf = Buffer.alloc(0)
    let tunnelled = false
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk])
      const end = buf.indexOf('\r\n\r\n')
      if (end < 0) return
      const head = buf.subarray(0, end + 4).toString('latin1')
      buf = buf.subarray(end + 4)
      state.heads.push(head)
      if (!tunnelled && head.startsWith('CONNECT ')) {
        tunnelled = true
        socket.write('HTTP/1.1 200 Connection established\r\n\r\n')
      } else {
        socket.end('HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\nvia proxy')
      }
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${server.address().port}`
  state.close = () => new Promise((resolve) => server.close(resolve))
  return state
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy']

test('HTTPS_PROXY and the like are ignored: no request goes to a proxy nobody chose', async () => {
  const proxy = await countingProxy()
  const saved = Object.fromEntries([...PROXY_VARIABLES, 'NO_PROXY', 'no_proxy'].map((v) => [v, process.env[v]]))
  try {
    for (const v of PROXY_VARIABLES) process.env[v] = proxy.url
    delete process.env.NO_PROXY
    delete process.env.no_proxy
    await withServer([{ status: 200, body: 'from the gateway' }], async (s) => {
      const client = new GatewayClient(s.url, { policy: FAST, headers: { Authorization: 'Bearer sk_test_x' } })
      assert.equal(client.proxy, null)
      assert.equal((await client.request('POST', '/v1/charges')).text(), 'from the gateway')
      assert.equal(proxy.connections, 0)
      assert.equal(s.seen.length, 1)
    })
  } finally {
    for (const [v, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[v]
      else process.env[v] = value
    }
    await proxy.close()
  }
})

test('an explicit proxy is used, and its credentials are never shown', async () => {
  const proxy = await countingProxy()
  try {
    await withServer([{ status: 200 }], async (s) => {
      const withCredentials = proxy.url.replace('http://', `http://user:${SECRET}@`)
      const client = new GatewayClient(s.url, { policy: FAST, proxy: withCredentials, allowInsecureHttp: true })
      assert.equal(client.proxy, proxy.url)
      for (const text of [String(client), JSON.stringify({ client }), util.inspect(client, { showHidden: true, depth: 10 })]) {
        assert.ok(!text.includes(SECRET), text)
      }
      assert.match(String(client), new RegExp(`proxy="${proxy.url}"`))
      assert.equal((await client.request('GET', '/v1/x')).text(), 'via proxy')
      assert.equal(proxy.connections, 1)
      assert.equal(s.seen.length, 0)
      assert.ok(proxy.heads[0].startsWith(`CONNECT ${new URL(s.url).host} HTTP/1.1`), proxy.heads[0])
      assert.match(proxy.heads[0], /Proxy-Authorization: Basic /)
      // Plain http through a proxy needs allowInsecureHttp: the proxy would read it all.
      assert.throws(() => new GatewayClient(s.url, { proxy: proxy.url }), (e) => e instanceof revtain.GatewayInvalidRequest && /proxy/.test(e.message))
    })
  } finally {
    await proxy.close()
  }
  for (const bad of ['socks5://127.0.0.1:1080', '127.0.0.1:3128', `http://user:${SECRET}@`, `not a url ${SECRET}`]) {
    assert.throws(() => new GatewayClient('https://api.example', { proxy: bad }), (e) => e instanceof revtain.GatewayInvalidRequest && !shown(e).includes(SECRET), bad)
  }
  assert.throws(() => new GatewayClient('https://api.example', { proxy: 3128 }), TypeError)
})

/** A self-signed certificate for localhost from the openssl command, or null without one. */
function selfSigned() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revtain-tls-'))
  const key = path.join(dir, 'key.pem')
  const cert = path.join(dir, 'cert.pem')
  try {
    childProcess.execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'],
      { stdio: 'ignore' },
    )
    return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) }
  } catch {
    return null
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

test('a certificate that does not verify is final: not retried against it', async (t) => {
  const pair = selfSigned()
  if (!pair) return t.skip('no openssl command to make a certificate')
  let connections = 0
  const server = tls.createServer(pair, (socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'))
  server.on('connection', () => connections++)
  server.on('tlsClientError', () => {})
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const client = new GatewayClient(`https://localhost:${server.address().port}`, { policy: FAST })
    const err = await client.request('POST', '/v1/charges').then(
      () => assert.fail('resolved'),
      (e) => e,
    )
    assert.ok(err instanceof TLS_FAILED, util.inspect(err))
    assert.match(err.message, /certificate/)
    assert.match(err.message, /not retried/)
    assert.equal(err.attempts.length, 1)
    assert.equal(err.attempts[0].status, null)
    assert.equal(err.response, null)
    await new Promise((resolve) => setTimeout(resolve, 100))
    assert.equal(connections, 1)
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
})
