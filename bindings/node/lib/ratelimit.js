'use strict'
// Rate limiting (docs/spec.md §2.6): RateLimiter (in memory or Redis) and its Decision.
const util = require('node:util')
const native = require('./native.js')
const errors = require('./errors.js')
const { describe, numberOption, checkedOptions, nowOf } = require('./convert.js')

const RATE_LIMITER_OPTIONS = ['limit', 'window', 'redisUrl', 'failOpen', 'prefix', 'timeout']
// checkSync's decision: [allowed, remaining, retryAfter µs, resetAfter µs, at µs, resetAt s],
// written by the native check and read at once (JavaScript runs one call at a time).
const SCRATCH = new Float64Array(6)
// Only RateLimiter makes Decisions.
const MAKE_DECISION = Symbol('Decision')

/** The key as the native module takes it; another type is a TypeError. */
function keyOf(key) {
  if (typeof key === 'string' || key instanceof Uint8Array) return key
  throw new TypeError(`the rate limit key must be a string, Buffer or Uint8Array, not ${describe(key)}`)
}

/**
 * The outcome of one `RateLimiter.check`: `allowed`, `limit`, `remaining`, `retryAfter` and
 * `resetAfter` (seconds), `window` (seconds), `at` (unix seconds), `resetAt` (whole unix
 * seconds), `storeError` (why the store could not decide, or null); `headers()`.
 */
class Decision {
  // The durations as the core holds them (whole microseconds), for headers().
  #windowUs
  #retryAfterUs
  #resetAfterUs
  #atUs

  constructor(token, allowed, limit, remaining, windowUs, retryAfterUs, resetAfterUs, atUs, resetAt, storeError) {
    if (token !== MAKE_DECISION) throw new TypeError('Decisions are made by RateLimiter.check()')
    this.#windowUs = windowUs
    this.#retryAfterUs = retryAfterUs
    this.#resetAfterUs = resetAfterUs
    this.#atUs = atUs
    /** Whether the request is admitted (and was counted). */
    this.allowed = allowed
    /** The limit per window. */
    this.limit = limit
    /** Admissions left in the window after this decision. */
    this.remaining = remaining
    /** Seconds until a request for this key would be admitted; 0 when allowed. */
    this.retryAfter = retryAfterUs / 1e6
    /** Seconds until the key is back to its full limit. */
    this.resetAfter = resetAfterUs / 1e6
    /** The window, in seconds. */
    this.window = windowUs / 1e6
    /** When the decision was made, unix seconds (Redis TIME with Redis). */
    this.at = atUs / 1e6
    /** `at + resetAfter` in whole unix seconds, rounded up (`X-RateLimit-Reset`). */
    this.resetAt = resetAt
    /**
     * Why Redis could not decide, or null: the decision was then made in-process by the same
     * policy (failOpen, "… (failing open: decided in-process, …)") or is a refusal ("… (failing
     * closed)").
     */
    this.storeError = storeError ?? null
  }

  /**
   * The response headers, keyed by their real names: `RateLimit-Policy`, `RateLimit`,
   * `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset`, and `Retry-After` on
   * refusals only. Pass it to `res.set()` / `res.setHeaders()`.
   */
  headers() {
    return native._rateLimitHeaders(
      this.allowed,
      this.limit,
      this.remaining,
      this.#windowUs,
      this.#retryAfterUs,
      this.#resetAfterUs,
      this.#atUs,
    )
  }
}

/**
 * A keyed rate limiter: at most `limit` admissions per key in any rolling `window` seconds,
 * in memory, or shared by every limiter pointing at the same Redis and prefix.
 */
class RateLimiter {
  #handle
  #limit
  #windowUs
  #shared
  #description

  /**
   * @param {{ limit?: number, window?: number, redisUrl?: string, failOpen?: boolean,
   *   prefix?: string, timeout?: number }} [options] `window` and `timeout` in seconds
   */
  constructor(options) {
    const o = checkedOptions(options, RATE_LIMITER_OPTIONS, '{ limit: 60, window: 60 }', errors.RateLimitInvalidConfig, 'invalid rate limiter configuration')
    for (const [name, type] of [['redisUrl', 'string'], ['prefix', 'string'], ['failOpen', 'boolean']]) {
      if (o[name] !== undefined && o[name] !== null && typeof o[name] !== type) throw new TypeError(`${name} must be a ${type}, not ${describe(o[name])}`)
    }
    // Every value is checked, and every default filled in, by the core.
    this.#handle = native._rateLimiterNew(
      numberOption('limit', o.limit),
      numberOption('window', o.window),
      o.redisUrl ?? undefined,
      o.failOpen ?? undefined,
      o.prefix ?? undefined,
      numberOption('timeout', o.timeout),
    )
    const info = native._rateLimiterInfo(this.#handle)
    this.#limit = info.limit
    this.#windowUs = info.windowUs
    this.#shared = info.shared
    this.#description = `RateLimiter(limit=${info.limit}, window=${info.windowUs / 1e6}, store='${info.shared ? 'redis' : 'memory'}'`
    if (info.shared) {
      this.#description += `, redisUrl=${JSON.stringify(info.redisUrl)}, prefix=${JSON.stringify(info.prefix)}, failOpen=${info.failOpen}`
    }
    this.#description += ')'
  }

  /** The most admissions per key in any window. */
  get limit() {
    return this.#limit
  }

  /** The window, in seconds. */
  get window() {
    return this.#windowUs / 1e6
  }

  /** Whether the counts live in Redis (shared with other limiters). */
  get shared() {
    return this.#shared
  }

  /**
   * Decides one request for `key` (an API key, a client id: a string as UTF-8, a Buffer or
   * any Uint8Array view) and counts it when admitted. `options.now` (unix seconds) replaces the
   * clock; by default the system clock, or Redis `TIME` with Redis.
   *
   * With Redis the round trip runs on the libuv thread pool, off the event loop; in memory the
   * decision is made at once. Never throws: a bad key or `now` rejects the promise.
   * @returns {Promise<Decision>}
   */
  async check(key, options) {
    if (!this.#shared) return this.checkSync(key, options)
    const p = await native._rateLimiterCheckAsync(this.#handle, keyOf(key), nowOf(options))
    return new Decision(
      MAKE_DECISION,
      p.allowed,
      this.#limit,
      p.remaining,
      this.#windowUs,
      p.retryAfterUs,
      p.resetAfterUs,
      p.atUs,
      p.resetAt,
      p.storeError,
    )
  }

  /**
   * `check` for an in-memory limiter, returning the Decision itself (about a microsecond).
   * Throws on a Redis-backed limiter: a network round trip would block the event loop.
   * @returns {Decision}
   */
  checkSync(key, options) {
    if (this.#shared) {
      throw new Error(
        'checkSync() cannot be used with a Redis-backed RateLimiter: the round trip would block the event loop; use `await limiter.check(key)`',
      )
    }
    const storeError = native._rateLimiterCheck(this.#handle, keyOf(key), nowOf(options), SCRATCH)
    return new Decision(
      MAKE_DECISION,
      SCRATCH[0] === 1,
      this.#limit,
      SCRATCH[1],
      this.#windowUs,
      SCRATCH[2],
      SCRATCH[3],
      SCRATCH[4],
      SCRATCH[5],
      storeError,
    )
  }

  /**
   * Checks that the store answers (one `PING` with Redis, off the event loop); rejects with
   * `REVTAIN_RESULT_RATE_LIMIT_STORE_UNAVAILABLE` otherwise. Always resolves in memory.
   * @returns {Promise<void>}
   */
  async ping() {
    if (this.#shared) await native._rateLimiterPing(this.#handle)
  }

  /** How many keys the in-memory store holds; null with Redis. */
  trackedKeys() {
    return native._rateLimiterTrackedKeys(this.#handle)
  }

  /**
   * Drops the keys whose newest admission has left the window (as of `options.now`, unix
   * seconds, or the clock) and returns how many. Never changes a decision. With Redis, sweeps
   * the in-process store that decides while Redis cannot (Redis expires its own keys).
   */
  evictIdle(options) {
    return native._rateLimiterEvictIdle(this.#handle, nowOf(options))
  }

  /** `RateLimiter(limit=…, window=…, store=…)`: never a Redis password. */
  toString() {
    return this.#description
  }

  toJSON() {
    return this.#description
  }

  [util.inspect.custom]() {
    return this.#description
  }
}

module.exports = { RateLimiter, Decision }
