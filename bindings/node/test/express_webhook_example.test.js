'use strict'
// examples/node/express_webhook.js on 127.0.0.1: POSTed to over real HTTP.
const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const revtain = require('..')

const { createApp } = require(path.join(__dirname, '..', '..', '..', 'examples', 'node', 'express_webhook.js'))

const SECRET = revtain.generateWebhookSecret()
const BODY = JSON.stringify({ id: 'evt_x', type: 'payment.recovered', created: 1700000000, data: { invoice: 'in_1', amount: 4900 } })

test('express.raw() endpoint verifies over HTTP', async (t) => {
  const server = createApp(SECRET).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  t.after(() => new Promise((resolve) => server.close(resolve)))
  const url = `http://127.0.0.1:${server.address().port}/webhooks/revtain`
  const post = (body, headers) =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })
  const signed = (t = Math.floor(Date.now() / 1000)) => new revtain.WebhookSigner(SECRET).sign(BODY, 'evt_x', t)

  let r = await post(BODY, signed())
  assert.equal(r.status, 200)
  assert.deepEqual(await r.json(), { received: 'evt_x' })

  r = await post(BODY.replace('4900', '1'), signed())
  assert.equal(r.status, 400)
  const refused = await r.json()
  assert.equal(refused.error, 'REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH')
  assert.match(refused.message, /re-serialised the body/)

  r = await post(BODY, {})
  assert.equal(r.status, 400)
  assert.equal((await r.json()).error, 'REVTAIN_RESULT_WEBHOOK_HEADER_MISSING')

  r = await post(BODY, signed(Math.floor(Date.now() / 1000) - 3600))
  assert.equal(r.status, 400)
  assert.equal((await r.json()).error, 'REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE')
})

test('run directly: reads REVTAIN_WEBHOOK_SECRET and listens on 127.0.0.1, port from PORT or 0', async (t) => {
  const { spawn } = require('node:child_process')
  const example = path.join(__dirname, '..', '..', '..', 'examples', 'node', 'express_webhook.js')
  const child = spawn(process.execPath, [example], {
    env: { ...process.env, REVTAIN_WEBHOOK_SECRET: SECRET, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  t.after(() => child.kill())
  const url = await new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/webhooks\/revtain/)
      if (m) resolve(m[0])
    })
    child.once('exit', (code) => reject(new Error(`the example exited with ${code}: ${out}`)))
  })
  const headers = new revtain.WebhookSigner(SECRET).sign(BODY, 'evt_x', Math.floor(Date.now() / 1000))
  const r = await fetch(url, { method: 'POST', body: BODY, headers: { 'content-type': 'application/json', ...headers } })
  assert.equal(r.status, 200)
  assert.deepEqual(await r.json(), { received: 'evt_x' })
})
