'use strict'
// Verify a 1 KiB Revtain webhook through the Node binding, side by side in one process with
// the verifiers merchants would otherwise use. Run:
//
//   node bindings/node/bench/bench_webhooks.js
//
// Every case verifies a genuine 1 KiB Buffer body signed at the current time, with its
// verifier made once:
// - revtain: webhook.verifySignature(body, header): parse, HMAC, compare, clock.
// - stripe: stripe.webhooks.signature.verifyHeader(payload, header, secret, tolerance) on a
//   header made by stripe.webhooks.generateTestHeaderString (Stripe keys HMAC with the whole
//   whsec_ string).
// - standardwebhooks / svix: Webhook.verify(body, headers) on our Standard Webhooks headers.
// - node:crypto: only createHmac(key).update(t.body).digest() + timingSafeEqual against the
//   expected bytes, key decoded and signed bytes prepared outside the loop.
// Bars (SPEC §4): >= 5x stripe, >= 15x standardwebhooks and svix, >= 2x node:crypto.
const crypto = require('node:crypto')
const Stripe = require('stripe')
const { Webhook: StandardWebhook } = require('standardwebhooks')
const { Webhook: SvixWebhook } = require('svix')
const revtain = require('..')

const SECRET = revtain.generateWebhookSecret()
const prefix = '{"id":"evt_1","type":"payment.recovered","created":1700000000,"data":{"pad":"'
const BODY = Buffer.from(prefix + 'x'.repeat(1024 - prefix.length - 3) + '"}}')
if (BODY.length !== 1024) throw new Error('body must be 1 KiB')
const BODY_STR = BODY.toString()
const T = Math.floor(Date.now() / 1000)

const ours = new revtain.Webhook(SECRET)
const headers = new revtain.WebhookSigner(SECRET).sign(BODY, 'evt_1', T)
const SIG = headers['X-Revtain-Signature']
const stdHeaders = Object.fromEntries(Object.entries(headers).filter(([k]) => k.startsWith('webhook-')))
const svixHeaders = { 'svix-id': 'evt_1', 'svix-timestamp': String(T), 'svix-signature': headers['webhook-signature'] }
const standard = new StandardWebhook(SECRET)
const svix = new SvixWebhook(SECRET)
const stripe = new Stripe('sk_test_bench')
const stripeHeader = stripe.webhooks.generateTestHeaderString({ payload: BODY_STR, secret: SECRET, timestamp: T })
const KEY = Buffer.from(SECRET.slice(6), 'base64')
const SIGNED = Buffer.concat([Buffer.from(`${T}.`), BODY])
const EXPECTED = Buffer.from(SIG.split('v1=')[1], 'hex')

const cases = {
  'revtain Webhook.verifySignature': () => ours.verifySignature(BODY, SIG),
  'revtain Webhook.verify (+ JSON event)': () => ours.verify(BODY, headers),
  'stripe webhooks.signature.verifyHeader': () => stripe.webhooks.signature.verifyHeader(BODY_STR, stripeHeader, SECRET, 300),
  'standardwebhooks Webhook.verify': () => standard.verify(BODY, stdHeaders),
  'svix Webhook.verify': () => svix.verify(BODY, svixHeaders),
  'node:crypto createHmac + timingSafeEqual': () =>
    crypto.timingSafeEqual(crypto.createHmac('sha256', KEY).update(SIGNED).digest(), EXPECTED),
}
const bars = {
  'stripe webhooks.signature.verifyHeader': 5,
  'standardwebhooks Webhook.verify': 15,
  'svix Webhook.verify': 15,
  'node:crypto createHmac + timingSafeEqual': 2,
}

function timeOne(fn, n) {
  const start = process.hrtime.bigint()
  for (let i = 0; i < n; i++) fn()
  return Number(process.hrtime.bigint() - start) / n / 1000
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

for (const fn of Object.values(cases)) {
  for (let i = 0; i < 2000; i++) fn() // each accepts the genuine webhook; warms the JIT
}
const rounds = 15
const n = 3000
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
for (let r = 0; r < rounds; r++) {
  // interleaved, so drift on a shared machine hits every case alike
  for (const [name, fn] of Object.entries(cases)) samples[name].push(timeOne(fn, n))
}
const med = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
const base = med['revtain Webhook.verifySignature']
console.log(`${'case (1 KiB body)'.padEnd(42)} ${'median µs'.padStart(10)} ${'revtain is'.padStart(11)}   bar`)
for (const [name, m] of Object.entries(med)) {
  const bar = bars[name]
  const verdict = bar === undefined ? '' : m / base >= bar ? `>=${bar}x met` : `>=${bar}x MISSED`
  console.log(`${name.padEnd(42)} ${m.toFixed(2).padStart(10)} ${(m / base).toFixed(1).padStart(10)}x   ${verdict}`)
}
