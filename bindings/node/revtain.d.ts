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
  /** What most likely went wrong with a signature that does not verify: one sentence per finding, none when it verifies. */
  diagnose(body: string | Uint8Array, signatureHeader: string | null | undefined, options?: VerifyOptions): string[]
  toString(): string
  toJSON(): string
}

// The error classes and the unions of their codes, generated from the core's error table.
export * from './lib/errors'
import type { RevtainError, GatewayError, ConnectorError } from './lib/errors'

/** Whether `err` was thrown by revtain. */
export declare function isRevtainError(err: unknown): err is RevtainError

/** `text` with every API key replaced by its redacted form. */
export declare function redactApiKeys(text: string): string
export declare function redactApiKeys(text: Uint8Array): Buffer

/** Options of `new RateLimiter(options)`. */
export interface RateLimiterOptions {
  /** The most admissions per key in any rolling window: 1 to 1000000 (default 60). */
  limit?: number
  /** The window in seconds, 0.001 to 31622400 (366 days), read to the microsecond (default 60). */
  window?: number
  /**
   * Share the counts through Redis (`redis://[user:password@]host[:port][/db]`,
   * `redis+unix:///path`): every limiter on the same Redis and `prefix` enforces one limit.
   * In memory when absent.
   */
  redisUrl?: string | null
  /**
   * With Redis: whether a request is admitted (`true`, the default) or refused when Redis cannot
   * be reached; either way the decision's `storeError` says why.
   */
  failOpen?: boolean
  /** With Redis: the prefix of every key the limiter writes (default `'revtain:rl:'`). */
  prefix?: string
  /** With Redis: the connect, read and write timeout in seconds (default 0.25). */
  timeout?: number
}

/** Options of `check` and `checkSync`. */
export interface CheckOptions {
  /** The time of the request in unix seconds (default: the clock, or Redis `TIME` with Redis). */
  now?: number | null
}

/** Options of `evictIdle`. */
export interface EvictIdleOptions {
  /** The current time in unix seconds (default: the clock). */
  now?: number | null
}

/**
 * What `Decision.headers()` returns, keyed by the real header names. `Retry-After` (whole
 * seconds, at least 1) is there on refusals only.
 */
export interface RateLimitHeaders {
  /** `"default";q=<limit>;w=<window s>` */
  'RateLimit-Policy': string
  /** `"default";r=<remaining>;t=<seconds until reset>` */
  RateLimit: string
  'X-RateLimit-Limit': string
  'X-RateLimit-Remaining': string
  /** Epoch seconds. */
  'X-RateLimit-Reset': string
  'Retry-After'?: string
  [name: string]: string | undefined
}

/** The outcome of one `RateLimiter.check`. Made by the limiter, never constructed directly. */
export declare class Decision {
  private constructor()
  /** Whether the request is admitted (and was counted). */
  readonly allowed: boolean
  /** The limit per window. */
  readonly limit: number
  /** Admissions left in the window after this decision. */
  readonly remaining: number
  /** Seconds until a request for this key would be admitted; 0 when allowed. */
  readonly retryAfter: number
  /** Seconds until the key is back to its full limit. */
  readonly resetAfter: number
  /** The window, in seconds. */
  readonly window: number
  /** When the decision was made, unix seconds (Redis `TIME` with Redis). */
  readonly at: number
  /** `at + resetAfter` in whole unix seconds, rounded up (`X-RateLimit-Reset`). */
  readonly resetAt: number
  /**
   * Why the store could not decide (the decision is then the configured failure mode, saying
   * `failing open` or `failing closed`), or null.
   */
  readonly storeError: string | null
  /** The response headers, keyed by their real names. */
  headers(): RateLimitHeaders
}

/**
 * A keyed rate limiter: at most `limit` admissions per key in any rolling `window` seconds
 * (bursts up to the limit are admitted; requests spaced at the rate are never refused). In
 * memory, or shared through Redis. `toString()`, `toJSON()` and `util.inspect` show the limit,
 * the window and the store, never a Redis password.
 */
export declare class RateLimiter {
  /** Throws `REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG` for a bad or unknown option. */
  constructor(options?: RateLimiterOptions)
  /** The most admissions per key in any window. */
  get limit(): number
  /** The window, in seconds. */
  get window(): number
  /** Whether the counts live in Redis (shared with other limiters). */
  get shared(): boolean
  /**
   * Decides one request for `key` (a string as UTF-8, a Buffer or any Uint8Array view) and
   * counts it when admitted. With Redis the round trip runs off the event loop. Never throws:
   * an invalid key rejects with `REVTAIN_RESULT_RATE_LIMIT_INVALID_KEY` (empty, or longer than
   * 1024 bytes); an unreachable Redis is not an error but a decision with `storeError`.
   */
  check(key: string | Uint8Array, options?: CheckOptions): Promise<Decision>
  /** `check` for an in-memory limiter, synchronously. Throws on a Redis-backed limiter. */
  checkSync(key: string | Uint8Array, options?: CheckOptions): Decision
  /** Resolves when the store answers; rejects with `REVTAIN_RESULT_RATE_LIMIT_STORE_UNAVAILABLE`. */
  ping(): Promise<void>
  /** How many keys the in-memory store holds; null with Redis. */
  trackedKeys(): number | null
  /** Drops the keys whose newest admission has left the window; returns how many (0 with Redis). */
  evictIdle(options?: EvictIdleOptions): number
  toString(): string
  toJSON(): string
}

/** Options of `new RetryPolicy(options)`; durations in seconds (read to the microsecond). */
export interface RetryPolicyOptions {
  /** The base delay (default 0.5). */
  base?: number
  /** The cap on one delay, at least `base` (default 20). */
  cap?: number
  /** Attempts in all, the first one included: 1 to 100 (default 4). */
  maxAttempts?: number
  /** The total deadline of a logical call, more than zero (default 30). */
  deadline?: number
  /** How a delay is drawn from `[0, min(cap, base·2^n)]` (default `'full'`). */
  jitter?: 'full' | 'equal' | 'none'
}

/**
 * When and how often a gateway call is retried: exponential backoff, full jitter by default.
 * Throws `REVTAIN_RESULT_RETRY_INVALID_POLICY` for a bad or unknown option.
 */
export declare class RetryPolicy {
  constructor(options?: RetryPolicyOptions)
  /** The base delay, seconds. */
  get base(): number
  /** The cap on one delay, seconds. */
  get cap(): number
  /** Attempts in all, the first one included. */
  get maxAttempts(): number
  /** The total deadline, seconds. */
  get deadline(): number
  get jitter(): 'full' | 'equal' | 'none'
  /** The delay before retry `n` (0 for the first retry), seconds, for `uniform` in [0, 1). */
  delay(n: number, uniform: number): number
  /** `min(cap, base·2^n)`, seconds. */
  ceiling(n: number): number
  toString(): string
  toJSON(): string
}

/** Options of `new GatewayClient(baseUrl, options)`. */
export interface GatewayClientOptions {
  /** The retry policy, or its options (default `new RetryPolicy()`). */
  policy?: RetryPolicy | RetryPolicyOptions | null
  /** The timeout of one attempt, seconds (default 10). */
  timeout?: number
  /** Headers sent with every request (an `Authorization`, say); their values are never shown. */
  headers?: Record<string, string>
  /** Allows plain http to hosts other than loopback. Never do this for a payment gateway. */
  allowInsecureHttp?: boolean
}

/** Options of `GatewayClient.request`. */
export interface GatewayRequestOptions {
  /** The request body (copied before the call starts). */
  body?: string | Uint8Array | null
  /** Headers of this request, after the client's own. */
  headers?: Record<string, string>
  /** The `Idempotency-Key` of every attempt (default for a POST: a new UUIDv4 per call). */
  idempotencyKey?: string | null
}

/** One attempt of a logical call. */
export interface GatewayAttempt {
  /** The response status, when a response came. */
  status: number | null
  /** What went wrong when no response came (connection refused, reset, timed out, …). */
  error: string | null
  /** The delay waited before this attempt (0 for the first), seconds. */
  delay: number
  /** How long the attempt took, seconds. */
  duration: number
}

/** A gateway's answer, with the history of the call. Made by the client. */
export declare class GatewayResponse {
  private constructor()
  /** The status of the last attempt. */
  readonly status: number
  /** Its headers, keyed by lower-case name; repeated names joined with `', '`. */
  readonly headers: Record<string, string>
  /** Its body. */
  readonly body: Buffer
  /** Every attempt, the last one included. */
  readonly attempts: GatewayAttempt[]
  /** The idempotency key sent with every attempt, or null. */
  readonly idempotencyKey: string | null
  /** The body as UTF-8 text. */
  text(): string
  /** The body parsed as JSON. */
  json(): any
}

/** How a gateway call failed (the promise of `GatewayClient.request` rejects with it). */
export type GatewayCallError = GatewayError

/** Every attempt made (absent for an invalid request). */
  attempts?: GatewayAttempt[]
  /** The last response, when the last attempt had one. */
  response?: GatewayResponse | null
  /** For `..._RETRY_AFTER_BEYOND_DEADLINE`: the wait the gateway asked for, seconds. */
  requested?: number
}

/**
 * A client for one gateway's API that retries by its policy (SPEC §2.5). Every call, attempts
 * and sleeps included, runs off the event loop. `toString()`, `toJSON()` and `util.inspect` show
 * the base URL, the policy, the timeout and the header names, never a header value.
 */
export declare class GatewayClient {
  /** Throws `REVTAIN_RESULT_GATEWAY_INVALID_REQUEST` (bad URL, plain http to a remote host, …). */
  constructor(baseUrl: string, options?: GatewayClientOptions)
  /**
   * Sends `method path`, retrying by the policy. Resolves with any answer that is not retried
   * (2xx, or a final 4xx such as 402); rejects with a `GatewayCallError`.
   */
  request(method: string, path: string, options?: GatewayRequestOptions): Promise<GatewayResponse>
  /** The host (authority) the retry budget is kept for. */
  host(): string
  /** The tokens left in this host's retry budget. */
  budgetAvailable(): number
  /** Sets this host's retry budget (0 to 500 tokens). */
  setBudget(tokens: number): void
  toString(): string
  toJSON(): string
}

/** The billing platforms `verifyConnector` knows, in the SPEC's order. */
export type ConnectorName =
  | 'stripe'
  | 'chargebee'
  | 'recharge'
  | 'recurly'
  | 'paddle'
  | 'braintree'
  | 'maxio'
  | 'shopify'
  | 'gocardless'
  | 'checkout'
  | 'razorpay'
  | 'lemonsqueezy'
  | 'square'
  | 'paystack'
  | 'adyen'
  | 'standard'

/** Every connector name `verifyConnector` accepts (frozen), in the SPEC's order. */
export declare const CONNECTORS: readonly ConnectorName[]

/**
 * Request headers as a Node server has them: `req.headers` / `req.headersDistinct` (a
 * `string[]` value is a repeated header), a WHATWG `Headers`, a `Map`, an array of
 * `[name, value]` pairs, or a flat `[name, value, …]` array (`req.rawHeaders`). Names match
 * case-insensitively; `undefined` values are skipped.
 */
export type ConnectorHeaders =
  | Record<string, string | string[] | number | undefined>
  | Iterable<readonly [string, string | string[]]>
  | ReadonlyArray<readonly [string, string | string[]]>
  | readonly string[]

/** Options of `verifyConnector`. Unknown names (snake_case included) are refused. */
export interface ConnectorOptions {
  /** The replay window in seconds, both ways (default: the platform's, e.g. 300 for Stripe). */
  tolerance?: number | null
  /** The current time in unix seconds (default: the clock). */
  now?: number | null
  /** The notification URL exactly as configured on the platform (Square signs it; required). */
  notificationUrl?: string | null
  /** The merchant's public key, which picks the signature to check (Braintree; required). */
  publicKey?: string | null
}

/** A verified webhook from a billing platform. Made by `verifyConnector`. */
export declare class ConnectorEvent {
  private constructor()
  /** The connector that verified it. */
  readonly connector: ConnectorName
  /** The signed timestamp, unix seconds (Recurly's milliseconds / 1000, rounded down), or null. */
  readonly timestamp: number | null
  /**
   * The event id a header carries: Standard Webhooks `webhook-id` (signed), Shopify
   * `X-Shopify-Webhook-Id`, Razorpay `X-Razorpay-Event-Id`; otherwise null.
   */
  readonly id: string | null
  /** Braintree's base64-decoded `bt_payload` (XML); null when the body itself is the message. */
  readonly payload: Buffer | null
  /** `{ connector, timestamp, id, payload }`, the payload as UTF-8 text. */
  toJSON(): { connector: ConnectorName; timestamp: number | null; id: string | null; payload: string | null }
}

/** How a connector webhook was refused (thrown by `verifyConnector`). */
export type ConnectorVerifyError = ConnectorError

/**
 * Verifies an inbound webhook from the billing platform `name`: `body` is the raw request body
 * as received (a Buffer from `express.raw()`, never re-serialised JSON), `secret` the platform
 * secret exactly as configured. Synchronous. Throws a `ConnectorVerifyError` when the webhook is
 * refused (`header` names a missing or malformed header; `age` and `tolerance` come with a
 * stale timestamp), a `TypeError` for an argument of the wrong type.
 */
export declare function verifyConnector(
  name: ConnectorName | (string & {}),
  headers: ConnectorHeaders,
  body: string | Uint8Array,
  secret: string | Uint8Array,
  options?: ConnectorOptions,
): ConnectorEvent
