// Rate limiting (docs/spec.md §2.6).

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
   * With Redis: when Redis cannot be reached, times out or errs, whether the decision is made
   * in-process by the same policy (`true`, the default: a limit per process, never none) or is
   * a refusal (`false`); either way the decision's `storeError` says why.
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
   * Why Redis could not decide, or null. The decision was then made in-process by the same
   * policy (`… (failing open: decided in-process, …)`) or is a refusal (`… (failing closed)`).
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
  /**
   * Drops the keys whose newest admission has left the window; returns how many (with Redis,
   * those of the in-process store that decides while Redis cannot).
   */
  evictIdle(options?: EvictIdleOptions): number
  toString(): string
  toJSON(): string
}
