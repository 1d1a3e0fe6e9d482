// Revtain webhooks (docs/spec.md §2.3, §2.9).
export { WebhookSigner, generateWebhookSecret, generateWebhookSigningKey, webhookPublicKey } from '../index'

/** `'X-Revtain-Signature'`. */
export declare const SIGNATURE_HEADER: 'X-Revtain-Signature'

/**
 * What `WebhookSigner.sign` returns: the four headers keyed by their real names,
 * `X-Revtain-Signature`, `webhook-id`, `webhook-timestamp` and `webhook-signature`.
 */
export type SignedWebhookHeaders = ReturnType<import('../index').WebhookSigner['sign']>

/** A verified Revtain event: the JSON body of a webhook. */
export interface WebhookEvent {
  /** The event id (`evt_...`). */
  id: string
  /** For example `'payment.recovered'`, `'card.updated'`. */
  type: string
  /** When the event happened, unix seconds. */
  created: number
  /** The event's data object, parsed. */
  data: Record<string, unknown>
}

/**
 * Request headers in any of the forms Node servers have them: `IncomingHttpHeaders`
 * (lower-case keys, string or string[] values), a WHATWG `Headers`, a `Map`, or a plain
 * object with any casing.
 */
export type HeaderContainer =
  | { get(name: string): string | null | undefined; has(name: string): boolean }
  | Record<string, string | string[] | undefined>

/** Options of `verify` and `verifySignature`. */
export interface VerifyOptions {
  /** The current time in unix seconds (default: the clock). */
  now?: number
}

/** Options of `new Webhook(secret, options)`. */
export interface WebhookOptions {
  /** Seconds a timestamp may be off, in both directions (default 300). */
  tolerance?: number
}

/**
 * Verifies Revtain webhooks. Make one at start-up and reuse it: the secrets are decoded and
 * the HMAC keyed once, in the constructor. `toString()`, `toJSON()` and `util.inspect` show how
 * many secrets it holds, never them.
 */
export declare class Webhook {
  /**
   * A verifier for `secret` (`whsec_...`) or an Ed25519 public key (`whpk_...`, checking `v1a`
   * entries), or several of either while rotating or migrating. A signing key (`whsk_...`) is
   * refused: a verifier never holds the key that signs.
   */
  constructor(secret: string | string[], options?: WebhookOptions)
  /** The tolerance in seconds. */
  get tolerance(): number
  /**
   * Finds `X-Revtain-Signature` in `headers`, verifies the raw `body` (a Buffer from
   * `express.raw()`, never a re-serialised JSON) and returns the event.
   */
  verify(body: string | Uint8Array, headers: HeaderContainer, options?: VerifyOptions): WebhookEvent
  /** Verifies the raw `body` against an `X-Revtain-Signature` value; returns its timestamp. */
  verifySignature(body: string | Uint8Array, signatureHeader: string | null | undefined, options?: VerifyOptions): number
  /** What most likely went wrong with a signature that does not verify: one sentence per finding, none when it verifies. */
  diagnose(body: string | Uint8Array, signatureHeader: string | null | undefined, options?: VerifyOptions): string[]
  toString(): string
  toJSON(): string
}
