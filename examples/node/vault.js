'use strict'
// Gateway credentials at rest: seal for one tenant, fail to open as another, rotate keys.
const revtain = require('revtain')

const keyring = revtain.Keyring.generate() // in production: revtain.Keyring.fromEnv()
const tenantA = { tenant: 'ten_a', gateway: 'stripe', field: 'secret_key' }
const tenantB = { ...tenantA, tenant: 'ten_b' }

const sealed = keyring.seal('sk_live_51H8xYzExample', tenantA)
console.log(`[node]   sealed for ten_a      : ${sealed.slice(0, 40)}...`)
console.log(`[node]   opened as ten_a       : ${keyring.open(sealed, tenantA).toString()}`)
try {
  keyring.open(sealed, tenantB)
  throw new Error('a copied ciphertext must not open for another tenant')
} catch (err) {
  if (err.code !== 'REVTAIN_RESULT_VAULT_AUTHENTICATION_FAILED') throw err
  console.log('[node]   opened as ten_b       : refused (authentication failed)')
}

const rotated = keyring.rotate()
console.log(
  `[node]   rotated keyring       : primary ${keyring.primaryKeyId} -> ${rotated.primaryKeyId}, ` +
    `needs_rotation = ${rotated.needsRotation(sealed)}`,
)
const resealed = rotated.reseal(sealed, tenantA)
console.log(`[node]   after reseal          : needs_rotation = ${rotated.needsRotation(resealed)}`)
