// Types of the `revtain` package: the generated declarations of the native module
// (index.d.ts), with overloads where the generator cannot express them.
export {
  ApiKey,
  CardUpdateClaims,
  CardUpdateLinks,
  CardUpdateLinksOptions,
  MintOptions,
  generateCardUpdateSecret,
  validateGatewayToken,
  ErrorKindInfo,
  Keyring,
  WebhookSigner,
  errorKinds,
  findApiKeys,
  generateApiKey,
  generateWebhookSecret,
  verifyApiKey,
  version,
} from './index'

/** The gateways whose token shapes `validateGatewayToken` knows. */
export declare const GATEWAYS: readonly string[]

/** Where card numbers are in `text`: `[start, end]` string indices, or byte offsets for bytes. */
export declare function findPans(text: string | Uint8Array): Array<[number, number]>

/** `text` with every card number's digits but the last four replaced by `*`. */
export declare function redactPans(text: string): string
export declare function redactPans(text: Uint8Array): Buffer

/** `'X-Revtain-Signature'`. */
export declare const SIGNATURE_HEADER: 'X-Revtain-Signature'

/**
 * What `WebhookSigner.sign` returns: the four headers keyed by their real names,
 * `X-Revtain-Signature`, `webhook-id`, `webhook-timestamp` and `webhook-signature`.
 */
export type SignedWebhookHeaders = ReturnType<import('./index').WebhookSigner['sign']>

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
  /** A verifier for `secret` (`whsec_...`), or several while rotating. */
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
  toString(): string
  toJSON(): string
}

/** The `code` of every error this package throws: the C library's result-code names. */
export type RevtainErrorCode =
  | 'REVTAIN_RESULT_RANDOM_UNAVAILABLE'
  | 'REVTAIN_RESULT_API_KEY_WRONG_PREFIX'
  | 'REVTAIN_RESULT_API_KEY_WRONG_LENGTH'
  | 'REVTAIN_RESULT_API_KEY_BAD_CHARACTER'
  | 'REVTAIN_RESULT_INVALID_LOOKUP_HASH'
  | 'REVTAIN_RESULT_VAULT_MALFORMED_ENVELOPE'
  | 'REVTAIN_RESULT_VAULT_UNKNOWN_KEY_ID'
  | 'REVTAIN_RESULT_VAULT_AUTHENTICATION_FAILED'
  | 'REVTAIN_RESULT_VAULT_INVALID_CONTEXT'
  | 'REVTAIN_RESULT_KEYRING_INVALID'
  | 'REVTAIN_RESULT_WEBHOOK_HEADER_MISSING'
  | 'REVTAIN_RESULT_WEBHOOK_HEADER_MALFORMED'
  | 'REVTAIN_RESULT_WEBHOOK_NO_SIGNATURE'
  | 'REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE'
  | 'REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH'
  | 'REVTAIN_RESULT_WEBHOOK_INVALID_SECRET'
  | 'REVTAIN_RESULT_WEBHOOK_INVALID_EVENT_ID'
  | 'REVTAIN_RESULT_WEBHOOK_INVALID_PAYLOAD'
  | 'REVTAIN_RESULT_CARD_PAN_DETECTED'
  | 'REVTAIN_RESULT_CARD_UNKNOWN_GATEWAY'
  | 'REVTAIN_RESULT_CARD_INVALID_GATEWAY_TOKEN'
  | 'REVTAIN_RESULT_CARD_UPDATE_INVALID_SECRET'
  | 'REVTAIN_RESULT_CARD_UPDATE_INVALID_PARAMETER'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_MALFORMED'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_ALGORITHM'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_SIGNATURE_MISMATCH'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_EXPIRED'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_NOT_YET_VALID'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_AUDIENCE'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_ISSUER'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_INVALID_CLAIMS'

/** An error thrown by this package. `name` is the kind (as the Python exception class). */
export interface RevtainError extends Error {
  code: RevtainErrorCode
  /** The family of the kind, for example `'InvalidApiKey'`. */
  family?: string
  /** For `REVTAIN_RESULT_API_KEY_BAD_CHARACTER`: 0-based index of the offending character. */
  position?: number
  /** For wrong-length errors: the length found. */
  length?: number
  /** For `REVTAIN_RESULT_VAULT_UNKNOWN_KEY_ID`: the key id the envelope names. */
  keyId?: number
  /**
   * For `REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE`: now minus the signed timestamp,
   * in seconds (negative: in the future). For `REVTAIN_RESULT_CARD_UPDATE_TOKEN_EXPIRED`:
   * seconds since `exp`; for `..._NOT_YET_VALID`: now minus `iat`/`nbf` (negative).
   */
  age?: number
  /** For `REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE`: the tolerance applied. */
  tolerance?: number
}

/** Whether `err` was thrown by revtain. */
export declare function isRevtainError(err: unknown): err is RevtainError

/** `text` with every API key replaced by its redacted form. */
export declare function redactApiKeys(text: string): string
export declare function redactApiKeys(text: Uint8Array): Buffer
