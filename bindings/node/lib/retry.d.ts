// Resilient gateway calls (docs/spec.md §2.5).
import type { GatewayError } from './errors'

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
  /**
   * An HTTP CONNECT proxy for every request: `http://host:port` or `https://host:port`,
   * `user:password@` allowed (never shown). Without it no proxy is used, whatever
   * `HTTPS_PROXY`, `HTTP_PROXY` or `ALL_PROXY` say. With a plain http base URL it needs
   * `allowInsecureHttp`.
   */
  proxy?: string | null
}

/** Options of `GatewayClient.request`. */
export interface GatewayRequestOptions {
  /** The request body (copied before the call starts). */
  body?: string | Uint8Array | null
  /** Headers of this request, after the client's own (never the framing ones: `Content-Length`, `Transfer-Encoding`, `Host`, `Connection`, `Upgrade`). */
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

/**
 * How a gateway call failed (the promise of `GatewayClient.request` rejects with it): with
 * `attempts`, `response` and `requested` where they apply (see `GatewayError`).
 */
export type GatewayCallError = GatewayError

/**
 * A client for one gateway's API that retries by its policy (docs/spec.md §2.5). Every call, attempts
 * and sleeps included, runs off the event loop. `toString()`, `toJSON()` and `util.inspect` show
 * the base URL, the policy, the timeout and the header names, never a header value.
 */
export declare class GatewayClient {
  /**
   * Throws `REVTAIN_RESULT_GATEWAY_INVALID_REQUEST` (bad URL, credentials in it, plain http to a
   * remote host, a framing header such as `Content-Length`, a bad proxy, …), never showing the
   * URL or a header's value.
   */
  constructor(baseUrl: string, options?: GatewayClientOptions)
  /** The proxy every request goes through, as `scheme://host:port` (never its credentials), or null. */
  get proxy(): string | null
  /**
   * Sends `method path`, retrying by the policy. Resolves with any answer that is not retried
   * (2xx, or a final 4xx such as 402); rejects with a `GatewayCallError`, also when an answer
   * is rejected (headers over 64 KiB, a body over 16 MiB, malformed, cut short: never sent
   * again, `response` holding its status and headers) or TLS fails.
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

/** How the retry policy treats one attempt's outcome (`classifyAttempt`). */
export interface AttemptVerdict {
  verdict: 'success' | 'retry' | 'final'
  /** The `Retry-After` floor in seconds, or null. */
  retryAfter: number | null
}

/** Options of `classifyAttempt`. */
export interface ClassifyOptions {
  /** What the attempt came to (default `'response'`). */
  transport?: 'response' | 'connection_failed' | 'timed_out'
  /** Unix seconds that date an HTTP-date `Retry-After` (default: the clock). */
  now?: number
}

/**
 * How the retry policy treats one attempt's outcome: the same rules as `GatewayClient`
 * applies (5xx but 501/505, 408, 429, connection failures and timeouts are retried; other
 * 4xx are final; `Stripe-Should-Retry` and `Retry-After` are obeyed).
 */
export declare function classifyAttempt(
  status: number | null | undefined,
  headers?: Record<string, string> | Map<string, string> | Headers | null,
  options?: ClassifyOptions,
): AttemptVerdict

/** A `Retry-After` value in seconds, or null when it is neither delta seconds nor an HTTP date. */
export declare function parseRetryAfter(value: string, options?: { now?: number }): number | null
