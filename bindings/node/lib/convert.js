'use strict'
// Host values as the core takes them, shared by every capability: header containers reduced to
// the entries the core's rule would match, bytes, numbers and option objects. Types are checked
// here (a wrong type is a TypeError); values are the core's to judge.

/**
 * What a value is, for a TypeError, never what it holds: a string or a number given in the wrong
 * place may be a secret or a card number (`new RateLimiter(process.env.REDIS_URL)`,
 * `validateGatewayToken('stripe', Number(pan))`).
 */
function describe(v) {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (v instanceof Uint8Array) return 'a Buffer or Uint8Array'
  switch (typeof v) {
    case 'string':
      return 'a string'
    case 'number':
      return 'a number'
    case 'bigint':
      return 'a bigint'
    case 'boolean':
      return 'a boolean'
    case 'undefined':
      return 'undefined'
    case 'function':
      return 'a function'
    case 'symbol':
      return 'a symbol'
    default:
      return 'an object'
  }
}

/**
 * The lower-case spellings the core's rule matches for a list of header names, each mapped to
 * the index of the name it spells (the core lists two spellings per name, in order), with the
 * set of their lengths (a quick first filter).
 */
function spellings(keys) {
  const map = new Map(keys.map((k, i) => [k, i >> 1]))
  map.lengths = new Set(keys.map((k) => k.length))
  return map
}

/**
 * Appends one header to `flat` as the index of the name it matched and its value: a string
 * value, or each string of an array (a repeated header). `name` is the request's spelling, for
 * the error messages.
 */
function pushHeader(flat, index, name, value) {
  if (value === undefined || value === null) return
  if (typeof value === 'string') {
    flat.push(index, value)
  } else if (Array.isArray(value)) {
    for (const v of value) {
      // The value itself is never shown: it may be a credential (Chargebee's Authorization).
      if (typeof v !== 'string') throw new TypeError(`the values of header ${JSON.stringify(name)} must be strings, not ${typeof v}`)
      flat.push(index, v)
    }
  } else {
    throw new TypeError(`the value of header ${JSON.stringify(name)} must be a string or an array of strings, not ${typeof value}`)
  }
}

/**
 * The request headers whose lower-cased name is one of `keys`, as `[index0, value0, …]` (the
 * index of the name each matched in the core's list), in order and a repeated header repeated:
 * from Node's IncomingHttpHeaders (`req.headers`, `req.headersDistinct`), a WHATWG Headers, a
 * Map, an array of `[name, value]` pairs, or a flat `[name, value, …]` array (`req.rawHeaders`).
 * `keys` are the core's lower-case spellings of the names a scheme reads
 * (`revtain::headers::lowercase_spellings`), so the core's rule (any case, the CGI spelling, a
 * header present twice is malformed) sees exactly the entries it would match, each under the
 * core's own spelling of its name; the others never cross into Rust. Passing an index rather
 * than the request's spelling saves reading one string per header on the native side.
 */
function headerPairs(headers, keys) {
  if (headers === null || typeof headers !== 'object') {
    throw new TypeError(`headers must be req.headers, a Headers, a Map or an array of [name, value] pairs, not ${describe(headers)}`)
  }
  const flat = []
  const proto = Object.getPrototypeOf(headers)
  if (proto === Object.prototype || proto === null) {
    // A plain object (Node's req.headers, a hand-made one): the usual case, without a closure;
    // a name of another length than every spelling sought is passed over at once.
    const lengths = keys.lengths
    for (const name in headers) {
      if (lengths.has(name.length) && Object.prototype.hasOwnProperty.call(headers, name)) {
        const index = keys.get(name) ?? keys.get(name.toLowerCase())
        if (index !== undefined) pushHeader(flat, index, name, headers[name])
      }
    }
    return flat
  }
  const take = (name, value) => {
    if (typeof name !== 'string') throw new TypeError(`header names must be strings, not ${describe(name)}`)
    const index = keys.get(name) ?? keys.get(name.toLowerCase())
    if (index !== undefined) pushHeader(flat, index, name, value)
  }
  if (Array.isArray(headers)) {
    if (headers.length > 0 && typeof headers[0] === 'string') {
      // req.rawHeaders: names and values alternate.
      if (headers.length % 2 !== 0) throw new TypeError('a flat array of headers (req.rawHeaders) must have an even length: name, value, …')
      for (let i = 0; i < headers.length; i += 2) take(headers[i], headers[i + 1])
      return flat
    }
    for (const pair of headers) {
      if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError('each header must be a [name, value] pair')
      take(pair[0], pair[1])
    }
    return flat
  }
  if (typeof headers[Symbol.iterator] === 'function') {
    // Headers (lower-case names) and Map iterate as [name, value].
    for (const entry of headers) {
      if (!Array.isArray(entry) || entry.length !== 2) throw new TypeError('an iterable of headers must yield [name, value] pairs')
      take(entry[0], entry[1])
    }
    return flat
  }
  for (const name in headers) {
    if (Object.prototype.hasOwnProperty.call(headers, name)) take(name, headers[name])
  }
  return flat
}

/** A string body as its UTF-8 bytes; Buffers and other Uint8Arrays as they are. */
function bytesOf(body) {
  if (typeof body === 'string') return Buffer.from(body, 'utf8')
  if (body instanceof Uint8Array) return body
  throw new TypeError('body must be a string, Buffer or Uint8Array (the raw request body)')
}

/** A number option as the core takes it (`undefined` for the default); other types are a TypeError. */
function numberOption(name, value) {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, not ${describe(value)}`)
  return value
}

// Python's option names, for a "did you mean" hint.
const SNAKE_OPTIONS = {
  redis_url: 'redisUrl',
  fail_open: 'failOpen',
  max_attempts: 'maxAttempts',
  allow_insecure_http: 'allowInsecureHttp',
  idempotency_key: 'idempotencyKey',
  notification_url: 'notificationUrl',
  public_key: 'publicKey',
  require_timestamp: 'requireTimestamp',
}
/**
 * `options` as an object whose keys are all in `known`. Unknown names are Node's own concern
 * (Python takes keyword arguments, so a misspelt one is Python's TypeError there; C takes
 * positional ones): the error is the capability's kind `cls`, its message prefixed as the core
 * prefixes that kind's (`prefix`).
 */
function checkedOptions(options, known, example, cls, prefix) {
  if (options === undefined || options === null) return {}
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`the options must be an object such as ${example}, not ${describe(options)}`)
  }
  for (const name of Object.keys(options)) {
    if (!known.includes(name)) {
      const hint = SNAKE_OPTIONS[name] ? ` (did you mean ${SNAKE_OPTIONS[name]}?)` : ''
      throw new cls(`${prefix}: unknown option ${JSON.stringify(name)}${hint}; the options are ${known.join(', ')}`)
    }
  }
  return options
}

/** `options.now` as the core takes it: a number of unix seconds, or undefined for the clock. */
function nowOf(options) {
  if (options === undefined || options === null) return undefined
  if (typeof options !== 'object') throw new TypeError(`the options must be an object such as { now }, not ${describe(options)}`)
  return numberOption('now', options.now)
}

/** Raw bytes: a string as UTF-8, any Uint8Array view (Buffer included) as it is. */
function rawBytes(value, what) {
  if (typeof value === 'string') return Buffer.from(value, 'utf8')
  if (value instanceof Uint8Array) return value
  if (what === 'body' && value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    throw new TypeError(
      'body must be the raw request body (a string, Buffer or Uint8Array), not a parsed object: ' +
        "verify before parsing, with express.raw({ type: '*/*' }) in Express",
    )
  }
  // Never the value itself: it may be the secret.
  throw new TypeError(`${what} must be a string, Buffer or Uint8Array, not ${value === null ? 'null' : typeof value}`)
}

function stringOption(option, value, example) {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw new TypeError(`${option} must be a string such as ${example}, not ${describe(value)}`)
  return value
}

module.exports = {
  describe,
  spellings,
  headerPairs,
  bytesOf,
  numberOption,
  checkedOptions,
  nowOf,
  rawBytes,
  stringOption,
}
