'use strict'
// Card data safety: redact card numbers in a log line, refuse a PAN where a gateway token
// belongs, and mint and verify a card-update link. Run: node examples/node/card.js
// (examples/node/card_update.js is the same inside an Express backend.)
const revtain = require('revtain')

const log = '2026-11-28 WARN retry failed card=4242 4242 4242 4242 code=do_not_honor'
console.log(`[node]   ${'redacted log line'.padEnd(22)}: ${revtain.redactPans(log)}`)
console.log(`[node]   ${'gateway token'.padEnd(22)}: ok (${revtain.validateGatewayToken('stripe', 'pm_1MqLiJLkdIwHu7ixUEgbFdYF')})`)
try {
  revtain.validateGatewayToken('stripe', '4242424242424242')
  throw new Error('a PAN must be refused')
} catch (err) {
  if (err.code !== 'REVTAIN_RESULT_CARD_PAN_DETECTED') throw err
  console.log(`[node]   ${'PAN as a token'.padEnd(22)}: refused (${err.code})`)
}

const secret = revtain.generateCardUpdateSecret() // one per merchant, from Revtain's dashboard
const links = new revtain.CardUpdateLinks(secret, 'cli_acme', 'https://pay.revtain.com/card-update')
const url = links.create('cus_42', { ttl: 86400, returnUrl: 'https://acme.example/account', now: 1700000000 })
console.log(`[node]   ${'card-update link'.padEnd(22)}: ${url.slice(0, 72)}...`)
const token = url.split('token=')[1]
const claims = links.verify(token, { now: 1700000600 })
console.log(`[node]   ${'verified'.padEnd(22)}: customer ${claims.sub} until ${claims.exp}`)
try {
  links.verify(token, { now: 1700100000 })
  throw new Error('an expired link must be refused')
} catch (err) {
  if (err.code !== 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_EXPIRED') throw err
  console.log(`[node]   ${'a day later'.padEnd(22)}: refused, expired ${err.age} s ago`)
}
