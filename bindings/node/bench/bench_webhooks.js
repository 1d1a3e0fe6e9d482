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
// - standardwebhooks / svix: Webhook.verify(body, headers) on our Standard Webhooks headers
//   (standardwebhooks also JSON-parses the body; svix 2 returns nothing).
// - node:crypto: only createHmac(key).update(t.body).digest() + timingSafeEqual against the
//   expected bytes, key decoded and signed bytes prepared outside the loop.
// Bars (SPEC §4): >= 5x stripe, >= 15x standardwebhooks and svix, >= 2x node:crypto.
// Each sample runs one case for about 4 ms; rounds interleave the cases in a rotating order,
// and each ratio is the median over rounds of (peer / ours) within the round. ROUNDS=n to
// change the number of rounds (default 31).
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

// Warm up (each case accepts the genuine webhook; this also warms the JIT), then size each
// sample to about 4 ms so that a slow case and a fast one see the same stretch of machine time.
const names = Object.keys(cases)
const iterations = {}
for (const name of names) {
  const fn = cases[name]
  for (let i = 0; i < 3000; i++) fn()
  iterations[name] = Math.max(100, Math.round(4000 / timeOne(fn, 1000)))
}
const rounds = Number(process.env.ROUNDS ?? 31)
const samples = Object.fromEntries(names.map((k) => [k, []]))
for (let r = 0; r < rounds; r++) {
  // Interleaved, in a rotating order: drift on a shared machine hits every case alike.
  for (let j = 0; j < names.length; j++) {
    const name = names[(r + j) % names.length]
    samples[name].push(timeOne(cases[name], iterations[name]))
  }
}
// A ratio is taken within each round (the peer's sample over ours from the same round), and
// the median of those is reported: steadier than a ratio of medians when the load changes.
const OURS = 'revtain Webhook.verifySignature'
const ratio = (name) => median(samples[name].map((t, r) => t / samples[OURS][r]))
console.log(`node ${process.version}, ${rounds} rounds, median of per-round ratios`)
console.log(`${'case (1 KiB body)'.padEnd(42)} ${'median µs'.padStart(10)} ${'revtain is'.padStart(11)}   bar`)
for (const name of names) {
  const bar = bars[name]
  const x = ratio(name)
  const verdict = bar === undefined ? '' : x >= bar ? `>=${bar}x met` : `>=${bar}x MISSED`
  console.log(`${name.padEnd(42)} ${median(samples[name]).toFixed(2).padStart(10)} ${x.toFixed(1).padStart(10)}x   ${verdict}`)
}
