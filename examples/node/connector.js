'use strict'
// Connector verifiers: check inbound webhooks from billing platforms, each signed its own way,
// with one call. Here a Stripe webhook and a Standard Webhooks (Svix) one, signed with
// node:crypto as the platforms do, then a tampered body refused with its diagnosis.
// Run: node examples/node/connector.js
const crypto = require('node:crypto')
const revtain = require('revtain')

const now = 1700000000
const body = Buffer.from('{"id":"evt_1Q2w3E","object":"event","type":"invoice.paid","data":{"amount":4900}}')

// Stripe: Stripe-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "{t}.{body}">, keyed with the
// whole whsec_ string (not base64-decoded).
const stripeSecret = 'whsec_5b1Zq3kQ9dR2vT7xW4yA8cE6gH0jL3mN'
const v1 = crypto.createHmac('sha256', stripeSecret).update(`${now}.`).update(body).digest('hex')
const stripeHeaders = { 'content-type': 'application/json', 'stripe-signature': `t=${now},v1=${v1}` }

const stripe = revtain.verifyConnector('stripe', stripeHeaders, body, stripeSecret, { now: now + 42 })
console.log(`[node]   ${'stripe'.padEnd(22)}: verified, signed at ${stripe.timestamp}`)

// Standard Webhooks (Svix): webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{t}.{body}">,
// keyed with the base64-decoded part of the whsec_ secret.
const key = Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'utf8')
const standardSecret = `whsec_${key.toString('base64')}`
const msgId = 'msg_2LxYh8Gk'
const sig = crypto.createHmac('sha256', key).update(`${msgId}.${now}.`).update(body).digest('base64')
const standardHeaders = new Headers({
  'webhook-id': msgId,
  'webhook-timestamp': String(now),
  'webhook-signature': `v1,${sig}`,
})

const standard = revtain.verifyConnector('standard', standardHeaders, body, standardSecret, { now })
console.log(`[node]   ${'standard'.padEnd(22)}: verified, id ${standard.id}, signed at ${standard.timestamp}`)

// A body changed after signing (or re-serialised by a JSON parser) is refused, with why.
try {
  const tampered = Buffer.from(body.toString().replace('4900', '1'))
  revtain.verifyConnector('stripe', stripeHeaders, tampered, stripeSecret, { now })
  throw new Error('a tampered body must be refused')
} catch (err) {
  if (err.code !== 'REVTAIN_RESULT_CONNECTOR_SIGNATURE_MISMATCH') throw err
  console.log(`[node]   ${'stripe, tampered body'.padEnd(22)}: refused (${err.code})`)
  console.log(`[node]   ${''.padEnd(22)}  ${err.message}`)
}

console.log(`[node]   ${'connectors'.padEnd(22)}: ${revtain.CONNECTORS.join(', ')}`)
