'use strict'
// Revtain webhooks: sign an event as Revtain does, verify it as a merchant does, and see a
// tampered body and a replayed one refused. Run: node examples/node/webhook.js
const revtain = require('revtain')

const secret = revtain.generateWebhookSecret() // the merchant copies it from the dashboard
const body = Buffer.from(
  '{"id":"evt_1Q2w3E","type":"payment.recovered","created":1700000000,"data":{"invoice":"in_42","amount":4900,"currency":"eur"}}',
)

// Revtain's side.
const headers = new revtain.WebhookSigner(secret).sign(body, 'evt_1Q2w3E', 1700000000)
for (const [name, value] of Object.entries(headers)) {
  console.log(`[node]   ${name.padEnd(22)}: ${value.length > 40 ? `${value.slice(0, 40)}...` : value}`)
}

// The merchant's side: the raw body and the request's headers.
const webhook = new revtain.Webhook(secret)
const event = webhook.verify(body, headers, { now: 1700000042 })
console.log(`[node]   ${'verified'.padEnd(22)}: ${event.type} ${event.id} ${JSON.stringify(event.data)}`)

try {
  webhook.verify(Buffer.from(body.toString().replace('4900', '1')), headers, { now: 1700000042 })
  throw new Error('a tampered body must be refused')
} catch (err) {
  if (err.code !== 'REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH') throw err
  console.log(`[node]   ${'tampered body'.padEnd(22)}: refused (${err.code})`)
}
try {
  webhook.verify(body, headers, { now: 1700003600 })
  throw new Error('a stale webhook must be refused')
} catch (err) {
  if (err.code !== 'REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE') throw err
  console.log(`[node]   ${'replayed an hour later'.padEnd(22)}: refused, age ${err.age} s`)
}
