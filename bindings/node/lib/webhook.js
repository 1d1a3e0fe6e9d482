'use strict'
// Revtain webhooks (docs/spec.md §2.3): Webhook (the verifier, a JavaScript class over a keyed
// native handle: napi-rs class methods cost more than the verification, see src/raw.rs),
// WebhookSigner, generateWebhookSecret, generateWebhookSigningKey and webhookPublicKey.
const util = require('node:util')
const native = require('./native.js')
const errors = require('./errors.js')
const { spellings, headerPairs, bytesOf, numberOption, checkedOptions, nowOf } = require('./convert.js')

Object.defineProperty(native.WebhookSigner.prototype, util.inspect.custom, {
  value: function inspect() {
    return this.toString()
  },
})

const SIGNATURE_HEADER = 'X-Revtain-Signature'
// The lower-case spellings the core's header rule matches for X-Revtain-Signature.
const WEBHOOK_OPTIONS = ['tolerance']
const SIGNATURE_KEYS = spellings(native._webhookHeaderKeys())
// Where `_webhookVerifyEvent` writes the numbers of a verified event (read right after the call;
// JavaScript runs one call at a time, so one array serves every Webhook).
const EVENT_PARTS = new Float64Array(4)

/**
 * Verifies Revtain webhooks. Make one at start-up and reuse it: the secrets are decoded and
 * the HMAC keyed once, in the constructor. Never shows a secret (toString, JSON, inspect).
 */
class Webhook {
  #verifier

  /**
   * @param {string | string[]} secret `whsec_...` or an Ed25519 public key `whpk_...`, or
   *   several while rotating or migrating
   * @param {{ tolerance?: number }} [options] seconds, both directions (default 300)
   */
  constructor(secret, options) {
    const { tolerance } = checkedOptions(options, WEBHOOK_OPTIONS, '{ tolerance: 300 }', errors.WebhookInvalidOptions, 'invalid webhook options')
    this.#verifier = native._webhookNew(secret, numberOption('tolerance', tolerance))
  }

  /**
   * Verifies like `verifySignature` and, when that fails, says what most likely went wrong (a
   * re-serialised body, a lost or added newline, Stripe-style keying, milliseconds, …), one
   * sentence per finding; empty when the webhook verifies. For debugging: it signs the body a
   * few dozen ways.
   * @returns {string[]}
   */
  diagnose(body, signatureHeader, options) {
    if (signatureHeader !== undefined && signatureHeader !== null && typeof signatureHeader !== 'string') {
      throw new TypeError('the X-Revtain-Signature header value must be a string')
    }
    return native._webhookDiagnose(this.#verifier, bytesOf(body), signatureHeader ?? undefined, nowOf(options))
  }

  /** The tolerance in seconds. */
  get tolerance() {
    return native._webhookTolerance(this.#verifier)
  }

  /**
   * Verifies the raw `body` against an `X-Revtain-Signature` value and returns the signed
   * timestamp (unix seconds). `options.now` (unix seconds) defaults to the clock.
   */
  verifySignature(body, signatureHeader, options) {
    // Without options, `now` is not passed at all: not even read by the native side.
    return options === undefined
      ? native._webhookVerify(this.#verifier, bytesOf(body), signatureHeader)
      : native._webhookVerify(this.#verifier, bytesOf(body), signatureHeader, nowOf(options))
  }

  /**
   * Finds `X-Revtain-Signature` in `headers`, verifies the raw `body`, and returns the event:
   * `{ id, type, created, data }`.
   */
  verify(body, headers, options) {
    const bytes = bytesOf(body)
    const flat = headerPairs(headers, SIGNATURE_KEYS)
    // Two of them are already one too many (the core's error says so): no need to pass more.
    if (flat.length > 4) flat.length = 4
    const now = options === undefined ? undefined : nowOf(options)
    // The core validated the envelope: it returns id and type as one string and writes
    // [created, dataStart, dataEnd, idLength] into EVENT_PARTS; `data` is parsed here once,
    // from the body, where the core found it.
    const idType = flat.length === 2
      ? native._webhookVerifyEvent(this.#verifier, bytes, EVENT_PARTS, now, 2, flat[0], flat[1])
      : native._webhookVerifyEvent(this.#verifier, bytes, EVENT_PARTS, now, flat.length, ...flat)
    const [created, dataStart, dataEnd, idLength] = EVENT_PARTS
    const text = bytes instanceof Buffer ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    return {
      id: idType.slice(0, idLength),
      type: idType.slice(idLength),
      created,
      data: JSON.parse(text.toString('utf8', dataStart, dataEnd)),
    }
  }

  toString() {
    return native._webhookDescribe(this.#verifier)
  }

  toJSON() {
    return this.toString()
  }

  [util.inspect.custom]() {
    return this.toString()
  }
}

module.exports = {
  SIGNATURE_HEADER,
  Webhook,
  WebhookSigner: native.WebhookSigner,
  generateWebhookSecret: native.generateWebhookSecret,
  generateWebhookSigningKey: native.generateWebhookSigningKey,
  webhookPublicKey: native.webhookPublicKey,
}
