'use strict'
// Leaked-key reports from GitHub secret scanning (docs/spec.md §2.10): verifyGithubSecretAlert,
// SecretAlert and secretAlertResponse.
const util = require('node:util')
const native = require('./native.js')
const { describe, spellings, headerPairs, rawBytes } = require('./convert.js')

// The lower-case spellings of Github-Public-Key-Identifier and Github-Public-Key-Signature.
const KEYS = spellings(native._secretAlertHeaderKeys())
const GITHUB_PUBLIC_KEYS_URL = 'https://api.github.com/meta/public_keys/secret_scanning'
const MAKE = Symbol('SecretAlert')

/**
 * One match of a verified GitHub secret-scanning alert: `token` (a leaked Revtain API key, or a
 * false positive), `type`, `url` and `source` (null when GitHub did not say), `isRevtainKey`.
 * `toString()`, `toJSON()` and `util.inspect` show the token redacted: it is a leaked
 * credential.
 */
class SecretAlert {
  #shown

  /**
   * A match as GitHub reports it, `{ token, type, url, source }` (replaying a stored alert,
   * tests); `isRevtainKey` is the core's verdict. verifyGithubSecretAlert makes them too.
   */
  constructor(alert, parts) {
    if (alert !== MAKE) {
      if (alert === null || typeof alert !== 'object' || typeof alert.token !== 'string' || typeof alert.type !== 'string') {
        throw new TypeError(`a SecretAlert is made from { token, type, url, source } with string token and type, not ${describe(alert)}`)
      }
      for (const k of ['url', 'source']) {
        if (alert[k] !== undefined && alert[k] !== null && typeof alert[k] !== 'string') throw new TypeError(`${k} must be a string or null`)
      }
      parts = native._secretAlertMake(alert.token, alert.type, alert.url ?? undefined, alert.source ?? undefined)
    }
    /** The string GitHub found. */
    this.token = parts.token
    /** The token type GitHub matched. */
    this.type = parts.tokenType
    /** Where it was found, or null. */
    this.url = parts.url ?? null
    /** What kind of place it was found in (`content`, `commit`, …), or null. */
    this.source = parts.source ?? null
    /** Whether the token is a well-formed Revtain API key. */
    this.isRevtainKey = parts.isRevtainKey
    this.#shown = parts.shown
    Object.freeze(this)
  }

  toString() {
    return this.#shown
  }

  toJSON() {
    return this.#shown
  }

  [util.inspect.custom]() {
    return this.#shown
  }
}

/**
 * Verifies a GitHub secret-scanning alert request and returns its matches: the raw `body`
 * (`express.raw()`), the request's `headers`, and GitHub's public-key document `publicKeys`
 * (the JSON GitHub publishes at GITHUB_PUBLIC_KEYS_URL, a string or Buffer; fetch and cache it,
 * and fetch it again on `REVTAIN_RESULT_SECRET_ALERT_UNKNOWN_KEY`). Synchronous.
 * @returns {SecretAlert[]}
 */
function verifyGithubSecretAlert(body, headers, publicKeys) {
  const flat = headerPairs(headers, KEYS)
  const indices = []
  const values = []
  for (let i = 0; i < flat.length; i += 2) {
    if (typeof flat[i + 1] !== 'string') throw new TypeError(`a header value must be a string, not ${describe(flat[i + 1])}`)
    indices.push(flat[i])
    values.push(flat[i + 1])
  }
  const parts = native._secretAlertVerify(rawBytes(body, 'body'), rawBytes(publicKeys, 'publicKeys'), indices, values)
  return parts.map((p) => new SecretAlert(MAKE, p))
}

/**
 * GitHub's feedback body for `alerts` (a Buffer of JSON): `isKnown(token)` (sync or async) is
 * called only for the tokens that are Revtain API keys and says whether the key exists; those
 * are `true_positive`, every other token `false_positive`. Always returns a Promise.
 * @returns {Promise<Buffer>}
 */
async function secretAlertResponse(alerts, isKnown) {
  if (typeof isKnown !== 'function') throw new TypeError(`isKnown must be a function (token) => boolean, not ${describe(isKnown)}`)
  const known = []
  for (const a of alerts) {
    if (!(a instanceof SecretAlert)) throw new TypeError('alerts must be the SecretAlerts verifyGithubSecretAlert returned')
    // The core asks about Revtain keys only (isRevtainKey is its verdict); it cannot await a
    // Promise, so the answers are gathered first and passed by index.
    known.push(a.isRevtainKey ? Boolean(await isKnown(a.token)) : false)
  }
  return native._secretAlertResponse(alerts.map((a) => a.token), alerts.map((a) => a.type), known)
}

module.exports = { GITHUB_PUBLIC_KEYS_URL, SecretAlert, verifyGithubSecretAlert, secretAlertResponse }
