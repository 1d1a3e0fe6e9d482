'use strict'
// Verify a 1 KiB Revtain webhook through the Node binding, side by side in one process with
// the verifiers merchants would otherwise use, on equal work. Run:
//
//   node bindings/node/bench/bench_webhook.js
//
// Every case verifies a genuine 1 KiB Buffer body signed at the current time, with its
// verifier made once where the API allows. Two groups, so that like is compared with like:
// - signature only (no JSON parsed): revtain webhook.verifySignature(body, header);
//   revtain verifyConnector('stripe', headers, body, secret) with a 7-header plain object
//   (the shape of req.headers in Express/Fastify/http) and with a WHATWG Headers (fetch,
//   Next.js, edge runtimes); stripe's webhooks.signature.verifyHeader on a header made by
//   its generateTestHeaderString; svix 2's Webhook.verify (which returns nothing, parses
//   nothing); node:crypto createHmac(key).update(t.body).digest() + timingSafeEqual (key
//   decoded and signed bytes prepared outside the loop).
// - with the JSON parse: revtain webhook.verify(body, headers) (envelope checked in Rust,
//   event object built); standardwebhooks' Webhook.verify (JSON.parse of the body; it has no
//   form that skips the parse); stripe verifyHeader + JSON.parse; stripe constructEvent.
// The floor beside them: one crypto.createHash('sha256') of the same signed bytes (an HMAC is
// two passes of SHA-256 over them, so no verification can cost less than one).
// Bars (docs/spec.md §4): >= 5x stripe's verifyHeader, >= 15x standardwebhooks and svix, >= 2x
// node:crypto; verifyConnector (7 headers) <= 1.5x verifySignature and >= 3x verifyHeader.
// standardwebhooks parses the JSON, so its bar is taken against our verify, which does too.
// Each sample runs one case for about 4 ms; rounds interleave the cases in a rotating order,
// and each ratio is the median over rounds of the ratio within the round. ROUNDS=n to change
// the number of rounds (default 31).
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
// A Stripe webhook's headers as a Node framework hands them over: seven of them.
const FRAMEWORK = {
  host: 'merchant.example',
  'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
  'content-type': 'application/json; charset=utf-8',
  'content-length': '1024',
  accept: '*/*; q=0.5, application/xml',
  'cache-control': 'no-cache',
  'stripe-signature': stripeHeader,
}
const WHATWG = new Headers(FRAMEWORK)

const OURS_SIG = 'revtain Webhook.verifySignature'
const OURS_CONNECTOR = 'revtain verifyConnector (7-header object)'
const OURS_EVENT = 'revtain Webhook.verify (+ JSON event)'
const STRIPE_HEADER = 'stripe webhooks.signature.verifyHeader'
const STANDARD = 'standardwebhooks Webhook.verify (+ JSON.parse)'
const FLOOR = 'floor: one createHash(sha256) of the signed bytes'

const signatureOnly = {
  [OURS_SIG]: () => ours.verifySignature(BODY, SIG),
  [OURS_CONNECTOR]: () => revtain.verifyConnector('stripe', FRAMEWORK, BODY, SECRET),
  'revtain verifyConnector (WHATWG Headers)': () => revtain.verifyConnector('stripe', WHATWG, BODY, SECRET),
  [STRIPE_HEADER]: () => stripe.webhooks.signature.verifyHeader(BODY_STR, stripeHeader, SECRET, 300),
  'svix Webhook.verify (parses nothing)': () => svix.verify(BODY, svixHeaders),
  'node:crypto createHmac + timingSafeEqual': () =>
    crypto.timingSafeEqual(crypto.createHmac('sha256', KEY).update(SIGNED).digest(), EXPECTED),
  [FLOOR]: () => crypto.createHash('sha256').update(SIGNED).digest(),
}
const withJson = {
  [OURS_EVENT]: () => ours.verify(BODY, headers),
  [STANDARD]: () => standard.verify(BODY, stdHeaders),
  'stripe verifyHeader + JSON.parse': () => (
    stripe.webhooks.signature.verifyHeader(BODY_STR, stripeHeader, SECRET, 300), JSON.parse(BODY_STR)),
  'stripe webhooks.constructEvent': () => stripe.webhooks.constructEvent(BODY_STR, stripeHeader, SECRET),
  'JSON.parse of the body alone (no verification)': () => JSON.parse(BODY_STR),
}
// [case, against, bar]: case / against must be at least bar, or at most -bar when negative.
const BARS = [
  [STRIPE_HEADER, OURS_SIG, 5],
  ['svix Webhook.verify (parses nothing)', OURS_SIG, 15],
  [STANDARD, OURS_EVENT, 15],
  ['node:crypto createHmac + timingSafeEqual', OURS_SIG, 2],
  [OURS_CONNECTOR, OURS_SIG, -1.5],
  [STRIPE_HEADER, OURS_CONNECTOR, 3],
]

function timeOne(fn, n) {
  const start = process.hrtime.bigint()
  for (let i = 0; i < n; i++) fn()
  return Number(process.hrtime.bigint() - start) / n / 1000
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const cases = { ...signatureOnly, ...withJson }
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
// A ratio is taken within each round and the median of those reported: steadier than a
// ratio of medians when the load changes.
const ratio = (a, b) => median(samples[a].map((t, r) => t / samples[b][r]))
const path = require('node:path')
const fs = require('node:fs')
const versionOf = (p) => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'node_modules', p, 'package.json'))).version
const versions = ['stripe', 'standardwebhooks', 'svix'].map((p) => `${p} ${versionOf(p)}`)
console.log(`node ${process.version}; ${versions.join(', ')}; ${rounds} rounds, medians`)
for (const [title, group, base] of [['signature only', signatureOnly, OURS_SIG], ['with the JSON parse', withJson, OURS_EVENT]]) {
  console.log(`\n${`${title} (1 KiB body)`.padEnd(52)} ${'µs'.padStart(8)} ${`÷ ${base.split(' ')[1]}`.padStart(26)}`)
  for (const name of Object.keys(group)) {
    console.log(`  ${name.padEnd(50)} ${median(samples[name]).toFixed(2).padStart(8)} ${ratio(name, base).toFixed(2).padStart(25)}x`)
  }
}
console.log('\nbars')
for (const [name, against, bar] of BARS) {
  const x = ratio(name, against)
  const met = bar > 0 ? x >= bar : x <= -bar
  console.log(`  ${name} ÷ ${against}: ${x.toFixed(2)}× (${bar > 0 ? '≥' : '≤'} ${Math.abs(bar)}×: ${met ? 'met' : 'MISSED'})`)
}
