'use strict'
// Resilient gateway calls (docs/spec.md §2.5): RetryPolicy, GatewayClient and GatewayResponse.
const util = require('node:util')
const native = require('./native.js')
const errors = require('./errors.js')
const { describe, numberOption, checkedOptions, nowOf } = require('./convert.js')

const RETRY_POLICY_OPTIONS = ['base', 'cap', 'maxAttempts', 'deadline', 'jitter']
const GATEWAY_CLIENT_OPTIONS = ['policy', 'timeout', 'headers', 'allowInsecureHttp', 'proxy']
const REQUEST_OPTIONS = ['body', 'headers', 'idempotencyKey']
const CLASSIFY_OPTIONS = ['transport', 'now']
// Only GatewayClient makes GatewayResponses.
const MAKE_RESPONSE = Symbol('GatewayResponse')

/** Headers (a plain object, a Map or a WHATWG Headers) as `[name0, value0, …]`. */
function flatHeaders(headers, what) {
  if (headers === undefined || headers === null) return []
  if (typeof headers !== 'object' || Array.isArray(headers)) {
    throw new TypeError(`${what} must be an object of header names to string values, not ${describe(headers)}`)
  }
  const entries = typeof headers.entries === 'function' && typeof headers.get === 'function' ? [...headers.entries()] : Object.entries(headers)
  const flat = []
  for (const [name, value] of entries) {
    if (typeof value !== 'string') {
      // The value itself is never shown: it may be a secret.
      throw new TypeError(`the value of header ${JSON.stringify(name)} must be a string, not ${typeof value}`)
    }
    flat.push(String(name), value)
  }
  return flat
}

/**
 * When and how often a gateway call is retried: exponential backoff with full jitter by default;
 * the delay before retry n (n = 0, 1, …) is drawn from `[0, min(cap, base·2^n)]`. Seconds.
 */
class RetryPolicy {
  #handle
  #info

  /**
   * @param {{ base?: number, cap?: number, maxAttempts?: number, deadline?: number,
   *   jitter?: 'full' | 'equal' | 'none' }} [options] seconds (default 0.5, 20, 4, 30, 'full')
   */
  constructor(options) {
    const o = checkedOptions(options, RETRY_POLICY_OPTIONS, '{ base: 0.5, maxAttempts: 4 }', errors.RetryInvalidPolicy, 'invalid retry policy')
    if (o.jitter !== undefined && o.jitter !== null && typeof o.jitter !== 'string') {
      throw new TypeError(`jitter must be a string ('full', 'equal' or 'none'), not ${describe(o.jitter)}`)
    }
    // Every value is checked, and every default filled in, by the core.
    this.#handle = native._retryPolicyNew(
      numberOption('base', o.base),
      numberOption('cap', o.cap),
      numberOption('maxAttempts', o.maxAttempts),
      numberOption('deadline', o.deadline),
      o.jitter ?? undefined,
    )
    this.#info = native._retryPolicyInfo(this.#handle)
  }

  /** The base delay, seconds. */
  get base() {
    return this.#info.base
  }

  /** The cap on one delay, seconds. */
  get cap() {
    return this.#info.cap
  }

  /** Attempts in all, the first one included. */
  get maxAttempts() {
    return this.#info.maxAttempts
  }

  /** The total deadline of a logical call, seconds. */
  get deadline() {
    return this.#info.deadline
  }

  /** `'full'`, `'equal'` or `'none'`. */
  get jitter() {
    return this.#info.jitter
  }

  /** The delay before retry `n` (0 for the first retry), seconds, for `uniform` in [0, 1). */
  delay(n, uniform) {
    if (typeof n !== 'number') throw new TypeError(`n must be a number, not ${describe(n)}`)
    if (typeof uniform !== 'number') throw new TypeError(`uniform must be a number in [0, 1), not ${describe(uniform)}`)
    return native._retryPolicyDelay(this.#handle, n, uniform)
  }

  /** The ceiling of the delay before retry `n`: `min(cap, base·2^n)`, seconds. */
  ceiling(n) {
    if (typeof n !== 'number') throw new TypeError(`n must be a number, not ${describe(n)}`)
    return native._retryPolicyCeiling(this.#handle, n)
  }

  /** The native handle, for GatewayClient. */
  static _handle(policy) {
    return policy.#handle
  }

  toString() {
    const i = this.#info
    return `RetryPolicy(base=${i.base}, cap=${i.cap}, maxAttempts=${i.maxAttempts}, deadline=${i.deadline}, jitter='${i.jitter}')`
  }

  toJSON() {
    return this.toString()
  }

  [util.inspect.custom]() {
    return this.toString()
  }
}

function attemptsOf(parts) {
  return parts.map((a) => ({
    status: a.status ?? null,
    error: a.error ?? null,
    delay: a.delay,
    duration: a.duration,
  }))
}

/**
 * A gateway's answer with the history of the call: `status`, `headers` (lower-case names,
 * repeated ones joined with ', '), `body` (a Buffer), `attempts`, `idempotencyKey`.
 */
class GatewayResponse {
  constructor(token, parts) {
    if (token !== MAKE_RESPONSE) throw new TypeError('GatewayResponses are made by GatewayClient.request()')
    const headers = {}
    for (let i = 0; i + 1 < parts.headers.length; i += 2) {
      const name = parts.headers[i]
      headers[name] = Object.prototype.hasOwnProperty.call(headers, name) ? `${headers[name]}, ${parts.headers[i + 1]}` : parts.headers[i + 1]
    }
    /** The status of the last attempt. */
    this.status = parts.status
    /** Its headers, keyed by lower-case name. */
    this.headers = headers
    /** Its body. */
    this.body = parts.body
    /** Every attempt: `{ status, error, delay, duration }` (seconds), the last one included. */
    this.attempts = attemptsOf(parts.attempts)
    /** The idempotency key sent with every attempt, or null. */
    this.idempotencyKey = parts.idempotencyKey ?? null
  }

  /** The body as UTF-8 text. */
  text() {
    return this.body.toString('utf8')
  }

  /** The body parsed as JSON. */
  json() {
    return JSON.parse(this.text())
  }
}

/** The body as the native module takes it (it copies it before the call starts). */
function bodyOf(body) {
  if (body === undefined || body === null) return null
  if (typeof body === 'string' || body instanceof Uint8Array) return body
  throw new TypeError(`body must be a string, Buffer or Uint8Array, not ${describe(body)}`)
}

/**
 * A client for one gateway's API that retries by its RetryPolicy, with one idempotency key per
 * logical call. Every call runs off the event loop (the libuv thread pool). Never shows a header
 * value (toString, JSON, inspect).
 */
class GatewayClient {
  #handle
  #description

  /**
   * @param {string} baseUrl `https://api.stripe.com`, say (plain http to loopback only; never
   *   `user:password@`: credentials go in an Authorization header)
   * @param {{ policy?: RetryPolicy | object, timeout?: number,
   *   headers?: Record<string, string>, allowInsecureHttp?: boolean, proxy?: string | null }} [options]
   *   `proxy`: an HTTP CONNECT proxy for every request (`http://host:port`, credentials allowed,
   *   never shown); without it no proxy is used, whatever HTTPS_PROXY and the like say
   */
  constructor(baseUrl, options) {
    if (typeof baseUrl !== 'string') throw new TypeError(`baseUrl must be a string such as 'https://api.stripe.com', not ${describe(baseUrl)}`)
    const o = checkedOptions(options, GATEWAY_CLIENT_OPTIONS, '{ timeout: 10, headers: { Authorization } }', errors.GatewayInvalidRequest, 'invalid gateway request')
    let retryPolicy = o.policy
    if (retryPolicy === undefined || retryPolicy === null) retryPolicy = new RetryPolicy()
    else if (!(retryPolicy instanceof RetryPolicy)) retryPolicy = new RetryPolicy(retryPolicy)
    const allowInsecureHttp = o.allowInsecureHttp ?? false
    if (typeof allowInsecureHttp !== 'boolean') throw new TypeError(`allowInsecureHttp must be true or false, not ${describe(allowInsecureHttp)}`)
    const proxy = o.proxy ?? null
    // The value is never shown: it may carry the proxy's credentials.
    if (proxy !== null && typeof proxy !== 'string') throw new TypeError(`proxy must be a URL string such as 'http://proxy.internal:3128', not ${typeof proxy}`)
    const flat = flatHeaders(o.headers, 'headers')
    this.#handle = native._gatewayClientNew(baseUrl, RetryPolicy._handle(retryPolicy), numberOption('timeout', o.timeout), flat, allowInsecureHttp, proxy)
    const names = flat.filter((_, i) => i % 2 === 0)
    // From the core: the base URL has no credentials (refused), the proxy shows none.
    const shownProxy = native._gatewayProxy(this.#handle) ?? null
    this.#description = `GatewayClient(baseUrl=${JSON.stringify(native._gatewayBaseUrl(this.#handle))}, policy=${retryPolicy}, timeout=${native._gatewayTimeout(this.#handle)}, headers=${JSON.stringify(names)}, proxy=${JSON.stringify(shownProxy)})`
  }

  /** The proxy every request goes through, as `scheme://host:port` (never its credentials), or null. */
  get proxy() {
    return native._gatewayProxy(this.#handle) ?? null
  }

  /**
   * Sends `method path`, retrying by the policy; a POST gets an `Idempotency-Key` (UUIDv4,
   * the same on every attempt) unless `options.idempotencyKey` gives one. Resolves with any
   * answer that is not retried (2xx, or a final 4xx such as 402); rejects with a GatewayError
   * (`code`, `attempts`, `response`) when attempts, time or budget run out, when an answer is
   * rejected (over the limits, malformed, cut short: never sent again) or when TLS fails.
   * @returns {Promise<GatewayResponse>}
   */
  async request(method, path, options) {
    if (typeof method !== 'string') throw new TypeError(`method must be a string such as 'POST', not ${describe(method)}`)
    if (typeof path !== 'string') throw new TypeError(`path must be a string such as '/v1/charges', not ${describe(path)}`)
    const { body, headers, idempotencyKey } = checkedOptions(options, REQUEST_OPTIONS, '{ body, headers, idempotencyKey }', errors.GatewayInvalidRequest, 'invalid gateway request')
    if (idempotencyKey !== undefined && idempotencyKey !== null && typeof idempotencyKey !== 'string') {
      throw new TypeError(`idempotencyKey must be a string, not ${describe(idempotencyKey)}`)
    }
    let parts
    try {
      parts = await native._gatewayRequest(this.#handle, method, path, bodyOf(body), flatHeaders(headers, 'headers'), idempotencyKey ?? null)
    } catch (err) {
      if (err && Array.isArray(err.attempts)) {
        err.attempts = attemptsOf(err.attempts)
        err.response = err.response ? new GatewayResponse(MAKE_RESPONSE, err.response) : null
      }
      throw err
    }
    return new GatewayResponse(MAKE_RESPONSE, parts)
  }

  /** The host (authority) the retry budget is kept for. */
  host() {
    return native._gatewayHost(this.#handle)
  }

  /** The tokens left in this host's retry budget (capacity 500; a retry costs 5). */
  budgetAvailable() {
    return native._gatewayBudgetAvailable(this.#handle)
  }

  /** Sets this host's retry budget (0 to 500 tokens). */
  setBudget(tokens) {
    if (typeof tokens !== 'number') throw new TypeError(`tokens must be a number, not ${describe(tokens)}`)
    native._gatewaySetBudget(this.#handle, tokens)
  }

  /** `GatewayClient(baseUrl=…, policy=…, timeout=…, headers=[names], proxy=…)`: never a header value or a credential. */
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

/**
 * How the retry policy treats one attempt's outcome: `{ verdict, retryAfter }`, the verdict
 * `'success'`, `'retry'` or `'final'` and `retryAfter` the `Retry-After` floor in seconds (or
 * null). `options.transport` is `'response'` (the default: `status` and `headers` are the
 * response's), `'connection_failed'` or `'timed_out'`; `options.now` (unix seconds, default the
 * clock) dates an HTTP-date `Retry-After`. The same rules as `GatewayClient` applies.
 */
function classifyAttempt(status, headers, options) {
  const o = checkedOptions(options, CLASSIFY_OPTIONS, "{ transport: 'timed_out', now }", errors.GatewayInvalidRequest, 'invalid gateway request')
  if (o.transport !== undefined && o.transport !== null && typeof o.transport !== 'string') {
    throw new TypeError(`transport must be a string such as 'timed_out', not ${describe(o.transport)}`)
  }
  const v = native._classifyAttempt(numberOption('status', status), flatHeaders(headers, 'headers'), o.transport ?? undefined, numberOption('now', o.now))
  return { verdict: v.verdict, retryAfter: v.retryAfter ?? null }
}

/**
 * A `Retry-After` value in seconds (delta seconds, or an HTTP date relative to `options.now`,
 * unix seconds, default the clock; a date in the past is 0), or null for a value that is
 * neither (ignored, as HTTP says).
 */
function parseRetryAfter(value, options) {
  if (typeof value !== 'string') throw new TypeError(`a Retry-After value must be a string, not ${describe(value)}`)
  return native._parseRetryAfter(value, nowOf(options)) ?? null
}

module.exports = { RetryPolicy, GatewayClient, GatewayResponse, classifyAttempt, parseRetryAfter }
