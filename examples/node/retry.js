'use strict'
// Resilient gateway calls: a local stand-in gateway answers 503, 503, then 200; the client
// retries with backoff, off the event loop, with one idempotency key on every attempt.
// Run: node examples/node/retry.js
const http = require('node:http')
const revtain = require('revtain')

const script = [503, 503, 200]
const seenKeys = []
const server = http.createServer((req, res) => {
  seenKeys.push(req.headers['idempotency-key'])
  const status = script[Math.min(seenKeys.length - 1, script.length - 1)]
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(status === 200 ? '{"id":"ch_demo","status":"succeeded"}' : '{"error":"unavailable"}')
})

server.listen(0, '127.0.0.1', async () => {
  try {
    const client = new revtain.GatewayClient(`http://127.0.0.1:${server.address().port}`, {
      policy: new revtain.RetryPolicy({ base: 0.1, cap: 0.4, maxAttempts: 4, deadline: 5 }),
      timeout: 2,
      headers: { Authorization: 'Bearer sk_test_demo' },
    })
    console.log('[node]   client               :', client)
    const resp = await client.request('POST', '/v1/charges', { body: 'amount=1000&currency=eur' })
    resp.attempts.forEach((a, i) => {
      const what = a.status === null ? a.error : String(a.status)
      console.log(`[node]   attempt ${i + 1}            : ${what} after waiting ${(a.delay * 1000).toFixed(0)} ms (took ${(a.duration * 1000).toFixed(1)} ms)`)
    })
    console.log(`[node]   result               : ${resp.status} ${resp.json().id}`)
    console.log(`[node]   idempotency key      : ${resp.idempotencyKey} (on all ${seenKeys.length} attempts: ${seenKeys.every((k) => k === resp.idempotencyKey)})`)
    if (resp.status !== 200 || resp.attempts.length !== 3 || !seenKeys.every((k) => k === resp.idempotencyKey)) {
      throw new Error('unexpected result')
    }
  } catch (err) {
    console.error(err)
    process.exitCode = 1
  } finally {
    server.close()
  }
})
