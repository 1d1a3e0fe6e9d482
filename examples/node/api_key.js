'use strict'
// API keys end to end from Node.js: generate, store the lookup hash, verify, redact a log line.
const revtain = require('revtain')

const pepper = Buffer.from('demo pepper: keep the real one outside the database')

const key = revtain.ApiKey.generate()
const stored = key.lookupHash(pepper)
console.log(`[node]   new key (shown once) : ${key.exposeSecret()}`)
console.log('[node]   redacted             :', key)
console.log(`[node]   lookup hash          : ${stored.toString('hex')}`)

if (!revtain.verifyApiKey(key.exposeSecret(), stored, pepper)) throw new Error('verify failed')
if (revtain.verifyApiKey(key.exposeSecret(), stored, 'wrong pepper')) throw new Error('pepper ignored')

const log = `POST /v1/recoveries key=${key.exposeSecret()} status=401`
console.log(`[node]   redacted log line    : ${revtain.redactApiKeys(log)}`)

try {
  revtain.ApiKey.parse('rev_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')
} catch (err) {
  console.log(`[node]   rejected             : ${err.code} at position ${err.position}`)
}
