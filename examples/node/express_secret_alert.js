'use strict'
// An Express endpoint for GitHub secret-scanning alerts: GitHub reports Revtain API keys it
// found in public code; the endpoint verifies the report, revokes each key that exists, and
// tells GitHub which matches were real.
//
//   REVTAIN_PEPPER_HEX=... node examples/node/express_secret_alert.js
//
// GitHub's public keys are fetched once and cached; they are fetched again when an alert names a
// key the cached document lacks (GitHub rotates them).
const express = require('express')
const revtain = require('revtain')

async function fetchGithubKeys() {
  const r = await fetch(revtain.GITHUB_PUBLIC_KEYS_URL)
  if (!r.ok) throw new Error(`GitHub's public keys: HTTP ${r.status}`)
  return Buffer.from(await r.arrayBuffer())
}

/** Stands in for the API-key table: the lookup hashes of the keys that exist. */
class KeyStore {
  constructor(pepper) {
    this.pepper = pepper
    this.hashes = new Set()
    this.revoked = []
  }

  add(key) {
    this.hashes.add(revtain.ApiKey.parse(key).lookupHash(this.pepper).toString('hex'))
  }

  /** Asked only about Revtain API keys: revoke it if it exists (a database call, so async). */
  async revokeIfKnown(token) {
    const h = revtain.ApiKey.parse(token).lookupHash(this.pepper).toString('hex')
    if (!this.hashes.delete(h)) return false
    this.revoked.push(h) // and e-mail the key's owner
    return true
  }
}

function createApp(keys, fetchKeys = fetchGithubKeys) {
  let document = null
  async function verify(body, headers) {
    document ??= await fetchKeys()
    try {
      return revtain.verifyGithubSecretAlert(body, headers, document)
    } catch (err) {
      if (err.code !== 'REVTAIN_RESULT_SECRET_ALERT_UNKNOWN_KEY') throw err
      document = await fetchKeys() // GitHub published a new key
      return revtain.verifyGithubSecretAlert(body, headers, document)
    }
  }
  const app = express()
  app.post('/github/secret-scanning', express.raw({ type: 'application/json' }), async (req, res, next) => {
    let alerts
    try {
      alerts = await verify(req.body, req.headers)
    } catch (err) {
      if (!revtain.isRevtainError(err)) return next(err)
      return res.status(400).json({ error: err.code, message: err.message })
    }
    try {
      const body = await revtain.secretAlertResponse(alerts, (token) => keys.revokeIfKnown(token))
      return res.type('application/json').send(body)
    } catch (err) {
      return next(err)
    }
  })
  return app
}

module.exports = { createApp, KeyStore }

if (require.main === module) {
  const app = createApp(new KeyStore(Buffer.from(process.env.REVTAIN_PEPPER_HEX ?? '', 'hex')))
  const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    console.log(`listening on http://127.0.0.1:${server.address().port}/github/secret-scanning`)
  })
}
