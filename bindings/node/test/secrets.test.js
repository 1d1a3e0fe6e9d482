'use strict'
// Secret sweep (Node.js surface): every object that holds a secret, rendered every way Node can
// render it, and every error thrown for a malformed, wrong or misplaced secret, must never hold a
// byte sequence of a secret.
//
// Renderings: util.inspect (default; depth Infinity with showHidden; getters; customInspect off),
// util.format (%s %o %O %j), String(x), template literals, x + '', toString(), toJSON(),
// JSON.stringify, console.log / console.error / console.dir captured (the global console with
// process.stdout/stderr intercepted, and a Console on a stream), the values of Object.keys,
// Object.getOwnPropertyNames, own symbols, for…in and the prototype chain's getters and zero-argument
// methods (except RETURNS_SECRET_BY_DESIGN), structuredClone and v8.serialize (must throw or not leak).
// Errors also: .message, .stack, util.inspect(err), every own property (enumerable or not) and the
// .cause chain.
//
// A secret is found in any of its forms (the whole string, its base64 payload, the hex of its raw
// bytes, the raw bytes in a Buffer) or as any 12-character run of one. Secrets are random per run.
// 'the scanner finds planted secrets' proves the scanner can fail. The leaks this sweep found when
// it was written are fixed: their tests (named after what leaked) guard the fixes.
const { describe, test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const http = require('node:http')
const net = require('node:net')
const os = require('node:os')
const path = require('node:path')
const { PassThrough } = require('node:stream')
const { Console } = require('node:console')
const util = require('node:util')
const v8 = require('node:v8')
const revtain = require('..')

const WINDOW = 12

// Methods that return the secret itself, on purpose: never called by the sweep (every other
// zero-argument method is, and its result swept).
const RETURNS_SECRET_BY_DESIGN = new Set(['ApiKey.exposeSecret', 'Keyring.toText'])

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

// ---------------------------------------------------------------------------------- secrets

class Secret {
  constructor(label, ...forms) {
    this.label = label
    this.forms = []
    // Found only whole, spaces aside: the decimal byte lists of a Buffer's JSON or inspect ([119,104,…]).
    this.exact = []
    this.with(...forms)
  }

  with(...forms) {
    for (const f of forms.filter((f) => f)) {
      this.forms.push(f)
      if (f.length >= 20) this.bytes(Buffer.from(f.slice(6, 18)))
    }
    return this
  }

  bytes(b) {
    this.exact.push(Array.from(b).join(','))
  }

  /** Every encoding of the raw bytes a rendering might use. */
  withRaw(raw) {
    return this.with(
      raw.toString('base64'),
      raw.toString('base64').replace(/=+$/, ''),
      raw.toString('base64url'),
      raw.toString('hex'),
      raw.toString('hex').toUpperCase(),
      raw.toString('latin1'), // the bytes themselves, in a Buffer rendering
      Array.from(raw.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join(' '), // <Buffer 0c 22 …>
    ).bytesOf(raw)
  }

  bytesOf(raw) {
    this.bytes(raw.subarray(0, 12))
    this.bytes(raw.subarray(12, 24))
    return this
  }
}

function randomText(n, alphabet = ALNUM) {
  let out = ''
  for (let i = 0; i < n; i++) out += alphabet[crypto.randomInt(alphabet.length)]
  return out
}

/** `prefix` + standard base64 of 32 random bytes (`whsec_…`, `cusec_…`). */
function prefixed(label, prefix) {
  const raw = crypto.randomBytes(32)
  const text = prefix + raw.toString('base64')
  return { text, raw, secret: new Secret(label, text).withRaw(raw) }
}

/** A random Luhn-valid 16-digit Visa number; the forms are what a redaction must hide. */
function randomPan() {
  const digits = [4, ...Array.from({ length: 14 }, () => crypto.randomInt(10))]
  let sum = 0
  digits
    .slice()
    .reverse()
    .forEach((d, i) => {
      const x = i % 2 === 0 ? d * 2 : d
      sum += x > 9 ? x - 9 : x
    })
  digits.push((10 - (sum % 10)) % 10)
  const pan = digits.join('')
  const groups = [pan.slice(0, 4), pan.slice(4, 8), pan.slice(8, 12)]
  return { pan, secret: new Secret('PAN', pan.slice(0, 12), groups.join(' '), groups.join('-'), pan) }
}

function gatewayToken() {
  const token = `sk_live_${randomText(32)}`
  return { token, secret: new Secret('Authorization', `Bearer ${token}`, token, token.slice(8)) }
}

function findLeak(text, secret) {
  if (typeof text !== 'string') text = Buffer.from(text).toString('latin1')
  // Byte lists are looked for with every space and line break removed (util.inspect aligns them).
  const squeezed = text.replace(/\s+/g, '')
  for (const form of secret.exact) if (squeezed.includes(form)) return `${secret.label} (as bytes ${form})`
  for (const form of secret.forms) {
    if (form.length <= WINDOW) {
      if (text.includes(form)) return `${secret.label} (form ${JSON.stringify(form)})`
      continue
    }
    for (let start = 0; start + WINDOW <= form.length; start++) {
      const run = form.slice(start, start + WINDOW)
      if (text.includes(run)) return `${secret.label} (run ${JSON.stringify(run)} of form ${JSON.stringify(form)})`
    }
  }
  return null
}

// ---------------------------------------------------------------------------------- renderings

/** What console.* wrote while `fn` ran: the global console (stdout and stderr intercepted). */
function captured(fn) {
  const chunks = []
  const out = process.stdout.write
  const err = process.stderr.write
  const grab = (chunk) => {
    chunks.push(String(chunk))
    return true
  }
  process.stdout.write = grab
  process.stderr.write = grab
  try {
    fn()
  } finally {
    process.stdout.write = out
    process.stderr.write = err
  }
  return chunks.join('')
}

const INSPECT_OPTIONS = [
  {},
  { depth: Infinity, showHidden: true },
  { depth: Infinity, showHidden: true, getters: true },
  { depth: Infinity, showHidden: true, customInspect: false, getters: true },
]

class Sweep {
  constructor(...secrets) {
    this.secrets = secrets
    this.leaks = []
    this.count = 0
    this.pending = []
    this.stream = new PassThrough()
    this.console = new Console({ stdout: this.stream, stderr: this.stream })
  }

  add(...secrets) {
    this.secrets.push(...secrets)
  }

  text(what, text) {
    this.count++
    for (const s of this.secrets) {
      const leak = findLeak(text, s)
      if (leak) {
        const shown = typeof text === 'string' ? text : Buffer.from(text).toString('latin1')
        this.leaks.push(`${what}: shows ${leak}\n      rendering: ${JSON.stringify(shown.slice(0, 400))}`)
      }
    }
  }

  /** Each rendering, or its exception's message when it throws (never expected to leak either). */
  rendered(what, fn) {
    let text
    try {
      text = fn()
    } catch (e) {
      text = `threw ${e && e.message}`
    }
    if (text !== undefined) this.text(what, text)
  }

  printed(what, fn) {
    this.text(`${what} (global console)`, captured(fn))
    this.stream.read()
  }

  /** Every way Node turns a value into text. */
  formatted(what, x) {
    INSPECT_OPTIONS.forEach((o, i) => this.rendered(`${what} util.inspect #${i}`, () => util.inspect(x, o)))
    this.rendered(`${what} util.format`, () => util.format('%s | %o | %O | %j', x, x, x, x))
    this.rendered(`${what} String()`, () => String(x))
    this.rendered(`${what} template literal`, () => `${x}`)
    this.rendered(`${what} + ''`, () => x + '')
    this.rendered(`${what} toString()`, () => (x && typeof x.toString === 'function' ? x.toString() : undefined))
    this.rendered(`${what} toJSON()`, () => (x && typeof x.toJSON === 'function' ? JSON.stringify(x.toJSON()) : undefined))
    this.rendered(`${what} JSON.stringify`, () => JSON.stringify(x))
    this.rendered(`${what} JSON.stringify({ x })`, () => JSON.stringify({ x }, null, 2))
    this.rendered(`${what} Object.prototype.toString`, () => Object.prototype.toString.call(x))
    this.printed(`${what} console.log`, () => console.log(x))
    this.printed(`${what} console.error`, () => console.error('failed:', x))
    this.printed(`${what} console.log %s %o`, () => console.log('%s %o', x, x))
    this.printed(`${what} console.dir`, () => console.dir(x, { depth: Infinity, showHidden: true }))
    this.console.log(x)
    this.console.error(x)
    this.console.dir(x, { depth: Infinity, showHidden: true })
    this.text(`${what} Console on a stream`, String(this.stream.read() ?? ''))
  }

  /** A value an object or error hands out: class instances in full, containers by item. */
  value(what, v, depth = 0) {
    if (depth > 5) return
    if (v instanceof Error) return this.error(what, v, depth + 1)
    if (typeof v === 'string') return this.text(what, v)
    if (v instanceof Uint8Array) {
      this.text(`${what} bytes`, v)
      this.text(`${what} hex`, Buffer.from(v).toString('hex'))
      return this.text(`${what} inspect`, util.inspect(v))
    }
    if (v === null || typeof v !== 'object') {
      if (typeof v !== 'function') this.text(what, String(v))
      return
    }
    if (v instanceof Promise) return
    const proto = Object.getPrototypeOf(v)
    if (Array.isArray(v) || v instanceof Map || v instanceof Set || proto === Object.prototype || proto === null) {
      // Plain data: its renderings, then each item (never a full sweep of a container).
      this.rendered(`${what} inspect`, () => util.inspect(v, { depth: Infinity, showHidden: true }))
      this.rendered(`${what} JSON`, () => JSON.stringify(v))
      this.rendered(`${what} String`, () => String(v))
      const items = v instanceof Map || v instanceof Set ? [...v.entries()] : Reflect.ownKeys(v).map((k) => [k, v[k]])
      for (const [k, item] of items) {
        if (typeof k === 'string' || typeof k === 'symbol') this.text(`${what} key`, String(k))
        this.value(`${what}[${String(k)}]`, item, depth + 1)
      }
      return
    }
    this.obj(what, v, { depth: depth + 1 })
  }

  /** The value of every own property (enumerable or not, symbols too), the keys for…in and
   * Object.keys list, and the getters and zero-argument methods of the prototype chain. */
  props(what, x, depth, { callMethods = true } = {}) {
    for (const key of Reflect.ownKeys(x)) {
      let v
      try {
        v = x[key]
      } catch (e) {
        this.error(`${what}[${String(key)}] getter`, e, depth + 1)
        continue
      }
      this.value(`${what}.${String(key)}`, v, depth)
    }
    const own = new Set(Reflect.ownKeys(x))
    for (const key in x) if (!own.has(key)) this.value(`${what} for…in .${key}`, x[key], depth)
    this.text(`${what} Object.keys`, Object.keys(x).join(','))
    this.text(`${what} Object.getOwnPropertyNames`, Object.getOwnPropertyNames(x).join(','))
    const cls = x.constructor && x.constructor.name
    for (let proto = Object.getPrototypeOf(x); proto && proto !== Object.prototype && proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const key of Reflect.ownKeys(proto)) {
        if (key === 'constructor' || typeof key === 'symbol') continue
        const desc = Object.getOwnPropertyDescriptor(proto, key)
        if (desc.get) {
          try {
            this.value(`${what}.${key} (getter)`, desc.get.call(x), depth)
          } catch (e) {
            this.error(`${what}.${key} (getter)`, e, depth + 1)
          }
        } else if (typeof desc.value === 'function' && callMethods && depth < 3) {
          if (RETURNS_SECRET_BY_DESIGN.has(`${cls}.${key}`)) continue
          let result
          try {
            result = desc.value.call(x)
          } catch (e) {
            this.error(`${what}.${key}()`, e, depth + 1)
            continue
          }
          if (result instanceof Promise) {
            // Swept when it settles, before check() decides.
            this.pending.push(
              result.then(
                (r) => this.value(`${what}.${key}() resolved`, r, depth + 1),
                (e) => this.error(`${what}.${key}() rejected`, e, depth + 1),
              ),
            )
          } else {
            this.value(`${what}.${key}()`, result, depth + 1)
          }
        }
      }
    }
  }

  /** An object of the package, in every rendering. */
  obj(what, x, { depth = 0, secretHolder = false } = {}) {
    this.formatted(what, x)
    if (depth < 5) this.props(what, x, depth)
    for (const [how, fn] of [
      ['structuredClone', () => structuredClone(x)],
      ['v8.deserialize(v8.serialize)', () => v8.deserialize(v8.serialize(x))],
    ]) {
      let copy
      try {
        copy = fn()
      } catch (e) {
        this.text(`${what} ${how} threw`, String(e && e.message))
        continue
      }
      this.text(`${what} ${how}`, util.inspect(copy, { depth: Infinity, showHidden: true }))
      this.rendered(`${what} ${how} JSON`, () => JSON.stringify(copy))
    }
    this.rendered(`${what} v8.serialize bytes`, () => v8.serialize(x).toString('latin1'))
    if (secretHolder) {
      // A copy made without the library (structured clone, a JSON round trip) holds nothing that
      // works as the object: it is data, never the secret-holding object again.
      for (const copy of [this.cloned(x), JSON.parse(JSON.stringify(x) ?? 'null')]) {
        assert.ok(copy === null || typeof copy !== 'object' || Object.getPrototypeOf(copy) !== Object.getPrototypeOf(x), `${what}: a copy is the object again`)
      }
    }
  }

  cloned(x) {
    try {
      return structuredClone(x)
    } catch {
      return null
    }
  }

  /** An error: .message, .stack, every rendering, every own property, the .cause chain. */
  error(what, e, depth = 0) {
    if (!(e instanceof Error)) return this.value(`${what} (thrown non-error)`, e, depth + 1)
    this.text(`${what} .message`, String(e.message))
    this.text(`${what} .stack`, String(e.stack))
    this.text(`${what} .name`, String(e.name))
    this.formatted(what, e)
    if (depth < 4) {
      for (const key of Reflect.ownKeys(e)) this.value(`${what} own .${String(key)}`, e[key], depth + 1)
      this.props(`${what}`, e, depth + 1, { callMethods: false })
    }
    for (const [how, fn] of [
      ['structuredClone', () => structuredClone(e)],
      ['v8.serialize', () => v8.serialize(e).toString('latin1')],
    ]) {
      this.rendered(`${what} ${how}`, () => util.inspect(fn(), { depth: Infinity, showHidden: true }))
    }
    if (e.cause !== undefined && depth < 4) this.value(`${what} .cause`, e.cause, depth + 1)
  }

  /** Calls `fn` (sync or async) and sweeps what it threw or rejected with, or what it returned. */
  async call(what, fn, { mustFail = true } = {}) {
    let result
    try {
      result = await fn()
    } catch (e) {
      this.error(what, e)
      return e
    }
    if (mustFail) this.leaks.push(`${what}: expected an error, returned ${util.inspect(result).slice(0, 80)}`)
    this.value(`${what} result`, result)
    return result
  }

  async check() {
    while (this.pending.length) await this.pending.shift()
    assert.ok(this.count > 0, 'nothing was rendered')
    assert.deepEqual(this.leaks, [], `${this.leaks.length} of ${this.count} renderings show a secret:\n  ${this.leaks.join('\n  ')}`)
  }
}

test('the scanner finds planted secrets', async () => {
  const { text: whsec, raw, secret: s } = prefixed('whsec', 'whsec_')
  const payload = whsec.slice(6)
  for (const planted of ['x' + whsec, `secret: ${payload}!`, `key=${raw.toString('hex')}`, `cut ${payload.slice(3, 15)}…`]) {
    assert.ok(findLeak(planted, s), planted)
  }
  assert.ok(findLeak(Buffer.concat([Buffer.from([0]), raw]), s))
  assert.ok(findLeak(util.inspect(raw), s), 'util.inspect of a Buffer')
  assert.ok(findLeak(util.inspect(new Uint8Array(raw)), s), 'util.inspect of a Uint8Array')
  const { pan, secret: p } = randomPan()
  assert.ok(findLeak(`card ${pan}`, p) && findLeak(`${pan.slice(0, 4)} ${pan.slice(4, 8)} ${pan.slice(8, 12)} ${pan.slice(12)}`, p))
  assert.equal(findLeak(`card **** **** **** ${pan.slice(12)}`, p), null)
  assert.equal(findLeak('Webhook(secrets=1, tolerance=300)', s), null)
  const sweep = new Sweep(s)
  sweep.printed('planted', () => console.log('x' + whsec))
  sweep.error('planted error', new Error('x' + whsec))
  sweep.error('planted field', Object.assign(new Error('clean'), { detail: { deep: ['x' + whsec] } }))
  assert.ok(sweep.leaks.length >= 3)
  await assert.rejects(() => sweep.check(), /show a secret/)
  const clean = new Sweep(s)
  clean.obj('Webhook', new revtain.Webhook(whsec), { secretHolder: true })
  await clean.check()
})

// ---------------------------------------------------------------------------------- helpers

const now = () => Math.floor(Date.now() / 1000)
const fastPolicy = () => new revtain.RetryPolicy({ base: 0.001, cap: 0.001, maxAttempts: 2, deadline: 5, jitter: 'none' })

function closedPort() {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

// ---------------------------------------------------------------------------------- API keys

test('ApiKey', async () => {
  const key = revtain.ApiKey.generate()
  const k = key.exposeSecret()
  const s = new Secret('API key', k, k.slice(4)).withRaw(Buffer.from(k.slice(4), 'base64url'))
  const sweep = new Sweep(s)
  sweep.obj('ApiKey', key, { secretHolder: true })
  sweep.obj('ApiKey.parse', revtain.ApiKey.parse(k), { secretHolder: true })
  sweep.text('redactApiKeys', revtain.redactApiKeys(`ticket: key ${k} pasted`))
  sweep.value('redactApiKeys(Buffer)', revtain.redactApiKeys(Buffer.from(`k=${k}`)))
  sweep.value('findApiKeys', revtain.findApiKeys(`k=${k}`))
  await sweep.check()
})

const API_KEY_MISTAKES = {
  'trailing newline': (k) => k + '\n',
  'surrounding spaces': (k) => ` ${k} `,
  'one character short': (k) => k.slice(0, 35),
  'one character more': (k) => k + 'A',
  'upper-case prefix': (k) => 'REV_' + k.slice(4),
  'no prefix': (k) => k.slice(4),
  "a '+' inside": (k) => k.slice(0, 20) + '+' + k.slice(21),
  'a non-ASCII letter inside': (k) => k.slice(0, 30) + 'é' + k.slice(31),
  'a lone surrogate inside': (k) => k.slice(0, 30) + '\udcff' + k.slice(31),
  padding: (k) => k + '==',
  quoted: (k) => `"${k}"`,
  'Bearer header value': (k) => `Bearer ${k}`,
  'a webhook secret': (_k, w) => w,
}

describe('API key errors', () => {
  for (const [mistake, make] of Object.entries(API_KEY_MISTAKES)) {
    test(mistake, async () => {
      const key = revtain.ApiKey.generate()
      const k = key.exposeSecret()
      const w = prefixed('whsec given as an API key', 'whsec_')
      const bad = make(k, w.text)
      const sweep = new Sweep(new Secret('API key', k, k.slice(4)).withRaw(Buffer.from(k.slice(4), 'base64url')), w.secret)
      await sweep.call(`ApiKey.parse(${mistake})`, () => revtain.ApiKey.parse(bad))
      await sweep.call(`verifyApiKey(${mistake})`, () => revtain.verifyApiKey(bad, key.lookupHash()), { mustFail: false })
      await sweep.call(`verifyApiKey(${mistake}, itself as the hash)`, () => revtain.verifyApiKey(bad, Buffer.from(bad)), { mustFail: false })
      await sweep.call('matches(key as the hash)', () => key.matches(Buffer.from(k)))
      await sweep.call('verifyApiKey(key as the hash)', () => revtain.verifyApiKey(k, Buffer.from(k)))
      await sweep.check()
    })
  }
})

// ---------------------------------------------------------------------------------- vault

function keyringSecret(k) {
  const text = k.toText()
  const s = new Secret('keyring text', text)
  for (const entry of text.split(',')) s.withRaw(Buffer.from(entry.split(':')[1], 'base64'))
  return s
}

test('Keyring', async () => {
  const k = revtain.Keyring.generate()
  const rotated = k.rotate()
  const sweep = new Sweep(keyringSecret(rotated))
  sweep.obj('Keyring', k, { secretHolder: true })
  sweep.obj('Keyring rotated (2 keys)', rotated, { secretHolder: true })
  sweep.obj('Keyring.fromText', revtain.Keyring.fromText(rotated.toText()), { secretHolder: true })
  process.env.REVTAIN_SECRET_SWEEP_KEYRING = rotated.toText()
  try {
    sweep.obj('Keyring.fromEnv', revtain.Keyring.fromEnv('REVTAIN_SECRET_SWEEP_KEYRING'), { secretHolder: true })
  } finally {
    delete process.env.REVTAIN_SECRET_SWEEP_KEYRING
  }
  const ctx = { tenant: 't_1', field: 'secret_key' }
  const sealed = rotated.seal(Buffer.from('sk_live_plaintext'), ctx)
  const stranger = revtain.Keyring.generate()
  sweep.add(keyringSecret(stranger))
  await sweep.call('open(wrong context)', () => rotated.open(sealed, { tenant: 't_2' }))
  await sweep.call('open(another keyring)', () => stranger.open(sealed, ctx))
  await sweep.call('open(altered)', () => rotated.open(sealed.slice(0, -1) + (sealed.endsWith('A') ? 'B' : 'A'), ctx))
  const text = rotated.toText()
  await sweep.call('open(keyring text as the envelope)', () => rotated.open(text, ctx))
  await sweep.call('needsRotation(keyring text)', () => rotated.needsRotation(text))
  await sweep.call('reseal(keyring text)', () => rotated.reseal(text, ctx))
  await sweep.call('seal(context = keyring text)', () => rotated.seal('x', text))
  await sweep.check()
})

const KEYRING_MISTAKES = {
  'second entry 31 bytes': (a, b, raw) => `1:${a},2:${raw.subarray(0, 31).toString('base64')}`,
  'repeated id': (a, b) => `1:${a},1:${b}`,
  'id not decimal': (a) => `x:${a}`,
  'no id': (a) => a,
  'id with a leading zero': (a) => `01:${a}`,
  unpadded: (a) => `1:${a.replace(/=+$/, '')}`,
  'url-safe base64': (a, b, raw) => `1:${raw.toString('base64url')}`,
  'hex instead of base64': (a, b, raw) => `1:${raw.toString('hex')}`,
  'semicolon separator': (a, b) => `1:${a};2:${b}`,
  'newline separator': (a, b) => `1:${a}\n2:${b}`,
  'trailing comma': (a) => `1:${a},`,
  'id too large': (a) => `4294967296:${a}`,
  'env-style assignment': (a) => `REVTAIN_KEYRING=1:${a}`,
  quoted: (a) => `"1:${a}"`,
  'a character replaced': (a) => `1:${a.slice(0, 10)}!${a.slice(11)}`,
  'a lone surrogate': (a) => `1:${a}\udcff`,
}

describe('keyring text errors', () => {
  for (const [mistake, make] of Object.entries(KEYRING_MISTAKES)) {
    test(mistake, async () => {
      const raw = crypto.randomBytes(32)
      const raw2 = crypto.randomBytes(32)
      const a = raw.toString('base64')
      const b = raw2.toString('base64')
      const text = make(a, b, raw)
      const sweep = new Sweep(new Secret('key 1', a).withRaw(raw), new Secret('key 2', b).withRaw(raw2))
      await sweep.call(`Keyring.fromText(${mistake})`, () => revtain.Keyring.fromText(text))
      process.env.REVTAIN_SECRET_SWEEP_KEYRING = text
      try {
        await sweep.call(`Keyring.fromEnv(${mistake})`, () => revtain.Keyring.fromEnv('REVTAIN_SECRET_SWEEP_KEYRING'))
      } finally {
        delete process.env.REVTAIN_SECRET_SWEEP_KEYRING
      }
      await sweep.check()
    })
  }
})

// ---------------------------------------------------------------------------------- webhooks

test('Webhook and WebhookSigner', async () => {
  const a = prefixed('whsec A', 'whsec_')
  const b = prefixed('whsec B', 'whsec_')
  const sweep = new Sweep(a.secret, b.secret)
  const one = new revtain.Webhook(a.text)
  const two = new revtain.Webhook([a.text, b.text], { tolerance: 60 })
  const signer = new revtain.WebhookSigner([a.text, b.text])
  sweep.obj('Webhook (1 secret)', one, { secretHolder: true })
  sweep.obj('Webhook (2 secrets)', two, { secretHolder: true })
  sweep.obj('WebhookSigner (1 secret)', new revtain.WebhookSigner(a.text), { secretHolder: true })
  sweep.obj('WebhookSigner (2 secrets)', signer, { secretHolder: true })
  const body = Buffer.from('{"id":"evt_1","type":"card.updated","created":1700000000,"data":{}}')
  const t = now()
  const headers = signer.sign(body, 'evt_1', t)
  sweep.value('sign()', headers)
  sweep.value('signatureHeader()', signer.signatureHeader(body, t))
  sweep.value('Event', two.verify(body, headers, { now: t }))
  const c = prefixed('whsec C (wrong)', 'whsec_')
  sweep.add(c.secret)
  const wrong = new revtain.Webhook(c.text)
  const sig = headers['X-Revtain-Signature']
  await sweep.call('verify(wrong secret)', () => wrong.verify(body, headers, { now: t }))
  await sweep.call('verifySignature(wrong secret)', () => wrong.verifySignature(body, sig, { now: t }))
  sweep.value('diagnose(wrong secret)', wrong.diagnose(body, sig, { now: t }))
  // The secret given where the header or body belongs, or as the event id (swapped arguments).
  await sweep.call('verifySignature(secret as the header)', () => one.verifySignature(body, a.text, { now: t }))
  sweep.value('diagnose(secret as the header)', one.diagnose(body, a.text, { now: t }))
  await sweep.call('verifySignature(secret as the body)', () => one.verifySignature(a.text, sig, { now: t }))
  sweep.value('diagnose(secret as the body)', one.diagnose(a.text, sig, { now: t }))
  await sweep.call('verify(secret as a header value)', () => one.verify(body, { 'x-revtain-signature': a.text }, { now: t }))
  await sweep.call('verify(secret as the header list)', () => one.verify(body, [a.text, a.text], { now: t }))
  await sweep.call('sign(secret as the event id)', () => signer.sign(body, a.text + ' ', t))
  await sweep.call('verifySignature(header not a string)', () => one.verifySignature(body, Buffer.from(a.text), { now: t }))
  await sweep.call('diagnose(header not a string)', () => one.diagnose(body, Buffer.from(a.text)))
  await sweep.check()
})

test('Ed25519 signing key', async () => {
  // A whsk_ signing key (its seed) never shows: not in a signer, not in what it signs, not in
  // the error of a verifier it is wrongly given to, nor of the public-key call.
  const { secretKey, publicKey } = revtain.generateWebhookSigningKey()
  const sweep = new Sweep(new Secret('whsk seed', secretKey).withRaw(Buffer.from(secretKey.slice(5), 'base64')))
  const signer = new revtain.WebhookSigner(secretKey)
  sweep.obj('WebhookSigner (whsk)', signer, { secretHolder: true })
  sweep.obj('Webhook (whpk)', new revtain.Webhook(publicKey), { secretHolder: true })
  const body = Buffer.from('{"id":"evt_1","type":"card.updated","created":1700000000,"data":{}}')
  const t = now()
  const headers = signer.sign(body, 'evt_1', t)
  sweep.value('sign() with whsk', headers)
  sweep.value('webhookPublicKey()', revtain.webhookPublicKey(secretKey))
  await sweep.call('Webhook(whsk)', () => new revtain.Webhook(secretKey))
  await sweep.call('Webhook([whpk, whsk])', () => new revtain.Webhook([publicKey, secretKey]))
  await sweep.call('Webhook(whsk one character off)', () => new revtain.Webhook('whsk_' + secretKey.slice(6)))
  await sweep.call('WebhookSigner(whsk cut)', () => new revtain.WebhookSigner(secretKey.slice(0, 30)))
  await sweep.call('webhookPublicKey(whsk cut)', () => revtain.webhookPublicKey(secretKey.slice(0, 30)))
  await sweep.call('verifyConnector(standard, whsk)', () => revtain.verifyConnector('standard', headers, body, secretKey, { now: t }))
  await sweep.call('sign(whsk as the event id)', () => signer.sign(body, secretKey + ' ', t))
  await sweep.check()
})

const WHSEC_MISTAKES = {
  'no prefix': (p) => p,
  'upper-case prefix': (p) => 'WHSEC_' + p,
  '31 bytes': (p, raw) => 'whsec_' + raw.subarray(0, 31).toString('base64'),
  '33 bytes': (p, raw) => 'whsec_' + Buffer.concat([raw, raw.subarray(0, 1)]).toString('base64'),
  "a '!' inside": (p) => 'whsec_' + p.slice(0, 10) + '!' + p.slice(11),
  hex: (p, raw) => 'whsec_' + raw.toString('hex'),
  'a card-update secret': (p) => 'cusec_' + p,
  quoted: (p) => `"whsec_${p}"`,
  'env-style': (p) => `REVTAIN_WEBHOOK_SECRET=whsec_${p}`,
  'an inner space': (p) => `whsec_${p.slice(0, 20)} ${p.slice(20)}`,
  'a lone surrogate': (p) => `whsec_${p}\udcff`,
}

describe('webhook secret errors', () => {
  for (const [mistake, make] of Object.entries(WHSEC_MISTAKES)) {
    test(mistake, async () => {
      const raw = crypto.randomBytes(32)
      const payload = raw.toString('base64')
      const good = prefixed('valid whsec beside', 'whsec_')
      const bad = make(payload, raw)
      const sweep = new Sweep(new Secret('whsec payload', payload).withRaw(raw), good.secret)
      await sweep.call(`Webhook(${mistake})`, () => new revtain.Webhook(bad))
      await sweep.call(`WebhookSigner(${mistake})`, () => new revtain.WebhookSigner(bad))
      await sweep.call(`Webhook([valid, ${mistake}])`, () => new revtain.Webhook([good.text, bad]))
      await sweep.call(`WebhookSigner([${mistake}, valid])`, () => new revtain.WebhookSigner([bad, good.text]))
      await sweep.call(`Webhook(${mistake} as a Buffer)`, () => new revtain.Webhook(Buffer.from(bad)))
      await sweep.call(`Webhook([valid, ${mistake} as a Buffer])`, () => new revtain.Webhook([good.text, Buffer.from(bad)]))
      await sweep.call(`WebhookSigner([valid, ${mistake} as a number])`, () => new revtain.WebhookSigner([good.text, 5]))
      await sweep.check()
    })
  }
})

// ---------------------------------------------------------------------------------- connectors

test('connector errors', async () => {
  const w = prefixed('connector whsec', 'whsec_')
  const hmacRaw = crypto.randomBytes(32)
  const adyenKey = hmacRaw.toString('hex').toUpperCase()
  const user = `user_${randomText(8)}`
  const password = randomText(24)
  const basic = `${user}:${password}`
  const wrongPassword = randomText(24)
  const wrongBasic = Buffer.from(`${user}:${wrongPassword}`).toString('base64')
  const shared = randomText(32)
  const sweep = new Sweep(
    w.secret,
    new Secret('Adyen HMAC key', adyenKey).withRaw(hmacRaw),
    new Secret('Chargebee password', password, Buffer.from(basic).toString('base64')),
    new Secret('Chargebee credentials sent', wrongPassword, wrongBasic),
    new Secret('shared secret', shared),
  )
  const t = now()
  const body = Buffer.from('{"id":"evt_1","type":"invoice.paid"}')
  const zeros = '0'.repeat(64)
  const zeroSig = Buffer.alloc(32).toString('base64')
  const standard = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(t), 'webhook-signature': `v1,${zeroSig}` }
  const adyenBody = Buffer.from(
    JSON.stringify({
      live: 'false',
      notificationItems: [
        {
          NotificationRequestItem: {
            pspReference: '7914073381342284',
            merchantAccountCode: 'Acme',
            merchantReference: 'r1',
            amount: { value: 1130, currency: 'EUR' },
            eventCode: 'AUTHORISATION',
            success: 'true',
            additionalData: { hmacSignature: zeroSig },
          },
        },
      ],
    }),
  )
  const auth = { authorization: `Basic ${wrongBasic}` }
  const cases = [
    ['stripe wrong secret', 'stripe', { 'stripe-signature': `t=${t},v1=${zeros}` }, body, w.text],
    ['standard wrong secret', 'standard', standard, body, w.text],
    ['shopify wrong secret', 'shopify', { 'x-shopify-hmac-sha256': zeroSig }, body, shared],
    ['gocardless wrong secret', 'gocardless', new Map([['Webhook-Signature', zeros]]), body, Buffer.from(shared)],
    ['adyen wrong key', 'adyen', {}, adyenBody, adyenKey],
    ['chargebee wrong password', 'chargebee', auth, body, basic],
    ['chargebee wrong password, raw headers', 'chargebee', ['Authorization', auth.authorization], body, new Uint8Array(Buffer.from(basic))],
    ['chargebee no Basic', 'chargebee', { authorization: password }, body, basic],
    ['chargebee secret without a colon', 'chargebee', auth, body, password],
    ['adyen secret not hex', 'adyen', {}, adyenBody, w.text],
    ['standard secret not base64', 'standard', standard, body, `whsec_!${shared}`],
    ['stripe secret as the header', 'stripe', { 'stripe-signature': w.text }, body, w.text],
    ['shopify secret as the header', 'shopify', { 'x-shopify-hmac-sha256': shared }, body, shared],
    ['standard secret as the signature', 'standard', { ...standard, 'webhook-signature': w.text }, body, w.text],
    ['adyen key as the body', 'adyen', {}, Buffer.from(adyenKey), adyenKey],
    ['braintree secret as the body', 'braintree', {}, shared, shared],
    // Unknown connector names: the secret given as the name (swapped arguments).
    ['whsec secret as the name', w.text, { 'stripe-signature': `t=${t},v1=${zeros}` }, body, 'stripe'],
    ['shared secret as the name', shared, {}, body, shared],
    ['credentials as the name', basic, auth, body, 'chargebee'],
  ]
  for (const [what, name, headers, b, secret] of cases) {
    await sweep.call(`verifyConnector(${what})`, () => revtain.verifyConnector(name, headers, b, secret, { now: t }))
    await sweep.call(`verifyConnector(${what}, no options)`, () => revtain.verifyConnector(name, headers, b, secret))
  }
  await sweep.call('verifyConnector(secret as the name, bad tolerance)', () => revtain.verifyConnector(w.text, {}, body, 'stripe', { tolerance: -1 }))
  await sweep.call('verifyConnector(secret as the name, an unknown option)', () => revtain.verifyConnector(w.text, {}, body, 'stripe', { tolerence: 5 }))
  await sweep.call('verifyConnector(secret as the name, requireTimestamp)', () => revtain.verifyConnector(w.text, {}, body, 'stripe', { requireTimestamp: true }))
  await sweep.call('verifyConnector(secret a number)', () => revtain.verifyConnector('stripe', {}, body, 5))
  await sweep.call('verifyConnector(secret an object)', () => revtain.verifyConnector('stripe', {}, body, { k: w.text }))
  await sweep.call('verifyConnector(header value not a string)', () => revtain.verifyConnector('chargebee', { authorization: [5] }, body, basic))
  await sweep.check()
})

// ---------------------------------------------------------------------------------- card data

test('CardUpdateLinks', async () => {
  const { text: secret, secret: s } = prefixed('cusec secret', 'cusec_')
  const sweep = new Sweep(s)
  const links = new revtain.CardUpdateLinks(secret, 'cli_acme', 'https://pay.example.com/card?x=1', { leeway: 5 })
  sweep.obj('CardUpdateLinks', links, { secretHolder: true })
  const t = now()
  const token = links.token('cus_42', { ttl: 600, now: t })
  sweep.text('token', token)
  sweep.text('create', links.create('cus_42', { ttl: 600, returnUrl: 'https://shop.example.com/done', now: t }))
  sweep.value('claims', links.verify(token, { now: t }))
  const other = prefixed('other cusec secret', 'cusec_')
  sweep.add(other.secret)
  const stranger = new revtain.CardUpdateLinks(other.text, 'cli_acme', 'https://pay.example.com/card')
  await sweep.call('verify(another secret)', () => stranger.verify(token, { now: t }))
  // The secret given as the token, URL or client id (swapped or misplaced arguments).
  await sweep.call('verify(secret as the token)', () => links.verify(secret, { now: t }))
  await sweep.call('create(secret as the returnUrl)', () => links.create('cus_42', { returnUrl: secret, now: t }))
  await sweep.call('new(secret as the base URL)', () => new revtain.CardUpdateLinks(secret, 'cli_acme', secret))
  await sweep.call('new(client id and secret swapped)', () => new revtain.CardUpdateLinks('cli_acme', secret, 'https://pay.example.com/card'))
  // (A password without '/': one with it has a test of its own below.)
  const password = randomText(24)
  sweep.add(new Secret('base URL password', password))
  await sweep.call("new(secret in the base URL's userinfo)", () => new revtain.CardUpdateLinks(secret, 'cli_acme', `https://u:${password}@pay.example.com/`))
  await sweep.call("new(secret as the base URL's userinfo)", () => new revtain.CardUpdateLinks(secret, 'cli_acme', `https://${password}@pay.example.com/`))
  await sweep.check()
})

test(
  'card-update base URL credentials with a slash are refused',
  async () => {
    const { text: secret, secret: s } = prefixed('cusec secret', 'cusec_')
    const password = `${randomText(12)}/${randomText(12)}`
    const sweep = new Sweep(s, new Secret('base URL password', password, password.slice(0, 12), password.slice(13)))
    await sweep.call('CardUpdateLinks(base URL with u:pa/ss@)', () => new revtain.CardUpdateLinks(secret, 'cli_acme', `https://u:${password}@pay.example.com/`))
    await sweep.check()
  },
)

const CUSEC_MISTAKES = {
  'no prefix': (p) => p,
  'a webhook secret': (p) => 'whsec_' + p,
  '31 bytes': (p, raw) => 'cusec_' + raw.subarray(0, 31).toString('base64'),
  '33 bytes': (p, raw) => 'cusec_' + Buffer.concat([raw, raw.subarray(0, 1)]).toString('base64'),
  "a '!' inside": (p) => 'cusec_' + p.slice(0, 10) + '!' + p.slice(11),
  hex: (p, raw) => 'cusec_' + raw.toString('hex'),
  quoted: (p) => `"cusec_${p}"`,
  'a lone surrogate': (p) => `cusec_${p}\udcff`,
}

describe('card-update secret errors', () => {
  for (const [mistake, make] of Object.entries(CUSEC_MISTAKES)) {
    test(mistake, async () => {
      const raw = crypto.randomBytes(32)
      const payload = raw.toString('base64')
      const bad = make(payload, raw)
      const sweep = new Sweep(new Secret('cusec payload', payload).withRaw(raw))
      await sweep.call(`CardUpdateLinks(${mistake})`, () => new revtain.CardUpdateLinks(bad, 'cli_acme', 'https://pay.example.com/card'))
      await sweep.check()
    })
  }
})

test('card numbers are never shown', async () => {
  const { pan, secret: p } = randomPan()
  const spaced = `${pan.slice(0, 4)} ${pan.slice(4, 8)} ${pan.slice(8, 12)} ${pan.slice(12)}`
  const dashed = spaced.replaceAll(' ', '-')
  const sweep = new Sweep(p)
  for (const text of [`card ${pan} exp 12/30`, `card ${spaced}`, `card ${dashed}`, JSON.stringify({ number: pan }), `number=${pan}&cvc=123`, `tok_${pan}`]) {
    sweep.text('redactPans', revtain.redactPans(text))
    sweep.value('redactPans(Buffer)', revtain.redactPans(Buffer.from(text)))
    sweep.value('redactPans(Uint8Array)', revtain.redactPans(new Uint8Array(Buffer.from(text))))
    sweep.value('findPans', revtain.findPans(text))
  }
  for (const gateway of revtain.GATEWAYS) {
    for (const token of [pan, spaced, dashed, `tok_${pan}`, `pm_${pan}`]) {
      await sweep.call(`validateGatewayToken(${gateway}, PAN)`, () => revtain.validateGatewayToken(gateway, token))
    }
  }
  await sweep.call('validateGatewayToken(PAN as the gateway)', () => revtain.validateGatewayToken(pan, 'pm_1MqLiJLkdIwHu7ixUEgbFdYF'))
  await sweep.call('validateGatewayToken(PAN, PAN)', () => revtain.validateGatewayToken(pan, pan))
  await sweep.call('validateGatewayToken(spaced PAN as the gateway)', () => revtain.validateGatewayToken(spaced, 'x'))
  const c = prefixed('cusec', 'cusec_')
  sweep.add(c.secret)
  await sweep.call('CardUpdateLinks(PAN as the client id)', () => new revtain.CardUpdateLinks(c.text, pan, 'https://pay.example.com/card'))
  const links = new revtain.CardUpdateLinks(c.text, 'cli_acme', 'https://pay.example.com/card')
  const t = now()
  await sweep.call('create(PAN as the customer)', () => links.create(pan, { ttl: 600, now: t }))
  await sweep.call('token(spaced PAN as the customer)', () => links.token(spaced, { ttl: 600, now: t }))
  await sweep.call('ApiKey.parse(PAN)', () => revtain.ApiKey.parse(pan))
  // 32 digits are a valid key body: accepted, and its redacted form shows 4 + 4 digits only.
  await sweep.call('ApiKey.parse(rev_ + PAN + PAN)', () => revtain.ApiKey.parse(`rev_${pan}${pan}`), { mustFail: false })
  const w = prefixed('whsec', 'whsec_')
  sweep.add(w.secret)
  await sweep.call('sign(PAN with a space as the event id)', () => new revtain.WebhookSigner(w.text).sign('{}', spaced, t))
  await sweep.check()
})

test(
  'a card number as the token algorithm is not shown',
  async () => {
    const { pan, secret: p } = randomPan()
    const links = new revtain.CardUpdateLinks(prefixed('cusec', 'cusec_').text, 'cli_acme', 'https://pay.example.com/card')
    const header = Buffer.from(JSON.stringify({ alg: pan, typ: 'JWT' })).toString('base64url')
    const sweep = new Sweep(p)
    await sweep.call('verify(token whose alg is a PAN)', () => links.verify(`${header}.e30.AAAA`))
    await sweep.check()
  },
)

test(
  'a card number in a malformed Adyen body is not shown',
  async () => {
    const { pan, secret: p } = randomPan()
    const body = Buffer.from(JSON.stringify({ live: 'false', notificationItems: pan }))
    const sweep = new Sweep(p)
    await sweep.call('verifyConnector(adyen, body with a PAN)', () => revtain.verifyConnector('adyen', {}, body, crypto.randomBytes(32).toString('hex')))
    await sweep.check()
  },
)

// ---------------------------------------------------------------------------------- rate limiter

function redisUrls(pw, sock) {
  return [
    'redis://:hunter2@127.0.0.1:1/0',
    `redis://alice:${pw}@127.0.0.1:1/0`,
    `redis://${pw}@127.0.0.1:1`,
    `rediss://alice:${pw}@127.0.0.1:1/0`,
    `redis://:hun?ter${pw}@127.0.0.1:1/0`,
    `redis://alice:hun?ter${pw}@127.0.0.1:1/0?db=1`,
    `redis://alice:${pw}#x@127.0.0.1:1/0`,
    `redis://alice:p@ss${pw}@127.0.0.1:1/0`,
    // No `://`.
    `alice:${pw}@127.0.0.1:1`,
    `redis:${pw}@127.0.0.1:1`,
    `${pw}@127.0.0.1:1`,
    '127.0.0.1:1?password=hunter2',
    `redis+unix://${sock}?pass=${pw}`,
    `redis+unix://${sock}?db=0&password=${pw}&user=u`,
    `redis://127.0.0.1:1/0?password=${pw}`,
  ]
}

describe('RateLimiter with a Redis password', () => {
  redisUrls('x', '/s').forEach((_, index) => {
    test(`URL #${index}`, async () => {
      const pw = randomText(20)
      const url = redisUrls(pw, path.join(os.tmpdir(), `revtain-sweep-${randomText(8)}.sock`))[index]
      const sweep = new Sweep(new Secret('hunter2', 'hunter2'), new Secret('Redis password', pw), new Secret('Redis password with ?', `hun?ter${pw}`, `ter${pw}`))
      const started = Date.now()
      for (const failOpen of [true, false]) {
        const limiter = await sweep.call(`RateLimiter(failOpen=${failOpen})`, () => new revtain.RateLimiter({ redisUrl: url, timeout: 0.05, failOpen }), { mustFail: false })
        if (limiter instanceof revtain.RateLimiter) {
          sweep.obj(`RateLimiter(failOpen=${failOpen})`, limiter, { secretHolder: true })
          for (let i = 0; i < 2; i++) sweep.obj(`Decision #${i}`, await limiter.check('api-key-1'))
          await sweep.call('ping()', () => limiter.ping())
          await sweep.call('checkSync()', () => limiter.checkSync('k'))
          await sweep.call('check(key = object)', () => limiter.check({ url }))
        }
      }
      await sweep.call('RateLimiter(redisUrl as a Buffer)', () => new revtain.RateLimiter({ redisUrl: Buffer.from(url) }))
      await sweep.call('RateLimiter(prefix too long)', () => new revtain.RateLimiter({ redisUrl: url, prefix: url.repeat(30) }))
      await sweep.call('RateLimiter(unknown option)', () => new revtain.RateLimiter({ redis_url: url }))
      assert.ok(Date.now() - started < 20000, 'a Redis URL to 127.0.0.1:1 must not hang')
      await sweep.check()
    })
  })
})

test('a RateLimiter with a Redis password is built lazily', async () => {
  const limiter = new revtain.RateLimiter({ redisUrl: 'redis://:hunter2@127.0.0.1:1/0', timeout: 0.05 })
  assert.equal(limiter.shared, true)
  const sweep = new Sweep(new Secret('hunter2', 'hunter2'))
  sweep.obj('RateLimiter', limiter, { secretHolder: true })
  sweep.obj('RateLimiter in memory', new revtain.RateLimiter())
  await sweep.check()
})

// ---------------------------------------------------------------------------------- misplaced arguments

/** The secrets of one misplaced-argument case: a whsec, a Redis URL, a gateway token, a PAN. */
function misplaced() {
  const w = prefixed('whsec', 'whsec_')
  const w2 = prefixed('second whsec', 'whsec_')
  const pw = randomText(20)
  const g = gatewayToken()
  const { pan, secret: p } = randomPan()
  const k = revtain.Keyring.generate()
  const key = revtain.ApiKey.generate().exposeSecret()
  const c = prefixed('cusec', 'cusec_')
  return {
    w,
    w2,
    url: `redis://:${pw}@127.0.0.1:1/0`,
    bearer: `Bearer ${g.token}`,
    pan,
    keyring: k,
    key,
    cusec: c.text,
    secrets: [w.secret, w2.secret, new Secret('Redis password', pw), g.secret, p, keyringSecret(k), new Secret('API key', key, key.slice(4)), c.secret],
  }
}

// lib/convert.js's describe() writes a string argument into the TypeError of a wrong type as
// JSON.stringify(value): a secret given where an option object, a number or a header object belongs
// is then the error's message (and stack).
// Fixed leak: lib/convert.js describe() quoted a string given where another type belongs.
const DESCRIBED = {
  'new Webhook(a, b): rotation as two arguments, the second secret lands in the options': (m) => new revtain.Webhook(m.w.text, m.w2.text),
  'new RateLimiter(REDIS_URL): the URL given as the options': (m) => new revtain.RateLimiter(m.url),
  'new RateLimiter({ limit: REDIS_URL })': (m) => new revtain.RateLimiter({ limit: m.url }),
  'verifyConnector(..., secret, { tolerance: secret })': (m) => revtain.verifyConnector('stripe', {}, '{}', m.w.text, { tolerance: m.w.text }),
  'verifyConnector(..., secret, secret2): a second secret given as the options': (m) => revtain.verifyConnector('stripe', {}, '{}', m.w.text, m.w2.text),
  'verifyConnector(chargebee, req.headers.authorization, ...): the header value as the headers': (m) => revtain.verifyConnector('chargebee', m.bearer, '{}', 'u:p'),
  'new GatewayClient(url, { headers: "Bearer …" })': (m) => new revtain.GatewayClient('https://api.example.com', { headers: m.bearer }),
  'new GatewayClient(url, "Bearer …"): the header value as the options': (m) => new revtain.GatewayClient('https://api.example.com', m.bearer),
  'new GatewayClient(url, { timeout: token })': (m) => new revtain.GatewayClient('https://api.example.com', { timeout: m.bearer }),
  "client.request('POST', path, body): a form body with a card number given as the options": (m) =>
    new revtain.GatewayClient('http://127.0.0.1:1').request('POST', '/v1/charges', `amount=100&number=${m.pan}`),
  'webhook.verifySignature(body, header, secret): the secret as the options': (m) => new revtain.Webhook(m.w.text).verifySignature('{}', 't=1', m.w2.text),
  'limiter.checkSync(key, secret): a secret as the options': (m) => new revtain.RateLimiter().checkSync('k', m.w.text),
  'classifyAttempt(status, "Bearer …")': (m) => revtain.classifyAttempt(500, m.bearer),
}

// napi-rs's own conversion error for a value of the wrong type, "Failed to convert JavaScript value
// `Object {…}` into rust type `String`", writes the value: objects as JSON, a Buffer as the list of
// its bytes, numbers as they are.
// Fixed leak: napi-rs conversion errors wrote the value (lib/native.js now replaces them).
const CONVERTED = {
  'Keyring.fromText(fs.readFileSync(path)): the keyring as a Buffer': (m) => revtain.Keyring.fromText(Buffer.from(m.keyring.toText())),
  'new CardUpdateLinks(Buffer secret, …)': (m) => new revtain.CardUpdateLinks(Buffer.from(m.cusec), 'cli_acme', 'https://pay.example.com'),
  'ApiKey.parse(Buffer key)': (m) => revtain.ApiKey.parse(Buffer.from(m.key)),
  'ApiKey.parse([key])': (m) => revtain.ApiKey.parse([m.key]),
  "keyring.seal(x, { field: Buffer })": (m) => m.keyring.seal('x', { k: Buffer.from(m.w.text) }),
  "validateGatewayToken('stripe', PAN as a number)": (m) => revtain.validateGatewayToken('stripe', Number(m.pan)),
  "validateGatewayToken('stripe', { number: PAN })": (m) => revtain.validateGatewayToken('stripe', { number: m.pan }),
  'links.create(PAN as a number)': (m) => new revtain.CardUpdateLinks(m.cusec, 'cli_acme', 'https://pay.example.com').create(Number(m.pan)),
  'links.verify({ token: secret })': (m) => new revtain.CardUpdateLinks(m.cusec, 'cli_acme', 'https://pay.example.com').verify({ token: m.w.text }),
  'signer.sign(body, { id: secret })': (m) => new revtain.WebhookSigner(m.w.text).sign('{}', { id: m.w2.text }, 1),
}

describe('a secret given in the wrong place', () => {
  for (const [group, cases] of [
    ['TypeError of lib/convert.js', DESCRIBED],
    ['napi-rs conversion error', CONVERTED],
  ]) {
    for (const [what, call] of Object.entries(cases)) {
      test(`${group}: ${what}`, async () => {
        const m = misplaced()
        const sweep = new Sweep(...m.secrets)
        await sweep.call(what, () => call(m))
        await sweep.check()
      })
    }
  }

  test('where the secret is not shown', async () => {
    const m = misplaced()
    const sweep = new Sweep(...m.secrets)
    const links = new revtain.CardUpdateLinks(m.cusec, 'cli_acme', 'https://pay.example.com')
    await sweep.call('new WebhookSigner(a, b): the second argument is ignored', () => new revtain.WebhookSigner(m.w.text, m.w2.text), { mustFail: false })
    await sweep.call('new Webhook({ secret })', () => new revtain.Webhook({ secret: m.w.text }))
    await sweep.call('new Webhook([a, Buffer])', () => new revtain.Webhook([m.w.text, Buffer.from(m.w2.text)]))
    await sweep.call('new RateLimiter({ redisUrl: { url } })', () => new revtain.RateLimiter({ redisUrl: { url: m.url } }))
    await sweep.call('new RateLimiter({ redisUrl: Buffer })', () => new revtain.RateLimiter({ redisUrl: Buffer.from(m.url) }))
    await sweep.call('new GatewayClient({ url })', () => new revtain.GatewayClient({ url: m.bearer }))
    await sweep.call('verifyConnector(name = { secret })', () => revtain.verifyConnector({ s: m.w.text }, {}, '', 'x'))
    await sweep.call('verifyConnector(secret = { secret })', () => revtain.verifyConnector('stripe', {}, '', { s: m.w.text }))
    await sweep.call('verifyApiKey(key, key as the hash string)', () => revtain.verifyApiKey(m.key, m.key))
    await sweep.call('apiKey.lookupHash({ pepper: secret })', () => revtain.ApiKey.generate().lookupHash({ p: m.w.text }))
    await sweep.call('redactPans(PAN as a number)', () => revtain.redactPans(Number(m.pan)))
    await sweep.call('links.create(customer, { ttl: PAN })', () => links.create('cus_1', { ttl: m.pan }))
    await sweep.call('keyring.open(envelope, keyring text as the context)', () => m.keyring.open('rvc1:AA', m.keyring.toText()))
    await sweep.call('signer.signatureHeader({ body: secret })', () => new revtain.WebhookSigner(m.w.text).signatureHeader({ b: m.w2.text }, 1))
    await sweep.check()
  })
})

// ---------------------------------------------------------------------------------- gateway client

describe('GatewayClient', () => {
  let server
  let base
  before(async () => {
    server = http.createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        res.writeHead(503, { 'Content-Length': '11', 'X-Request-Id': 'req_1' })
        res.end('unavailable')
      })
    })
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${server.address().port}`
  })
  after(() => new Promise((resolve) => server.close(resolve)))

  test('headers are never shown, nor in the errors of a failing call', async () => {
    const a = gatewayToken()
    const b = gatewayToken()
    const sweep = new Sweep(a.secret, b.secret)
    const client = new revtain.GatewayClient(base, { policy: fastPolicy(), timeout: 2, headers: { Authorization: `Bearer ${a.token}`, 'X-Api-Key': a.token } })
    sweep.obj('GatewayClient', client, { secretHolder: true })
    const withHeaders = new revtain.GatewayClient(base, { policy: fastPolicy(), headers: new Headers({ Authorization: `Bearer ${a.token}` }) })
    sweep.obj('GatewayClient (WHATWG Headers)', withHeaders, { secretHolder: true })
    const e = await sweep.call('request to a 503 server', () =>
      client.request('POST', '/v1/charges', { body: 'amount=100', headers: { 'Stripe-Account': b.token, Authorization: `Bearer ${b.token}` } }),
    )
    assert.ok(e instanceof revtain.GatewayError, String(e))
    assert.equal(e.response.status, 503)
    sweep.obj('error.response', e.response)
    const refused = new revtain.GatewayClient(`http://127.0.0.1:${await closedPort()}`, { policy: fastPolicy(), headers: { Authorization: `Bearer ${a.token}` } })
    sweep.obj('GatewayClient (refused port)', refused, { secretHolder: true })
    await sweep.call('request to a closed port', () => refused.request('GET', '/v1/balance', { headers: new Map([['Authorization', `Bearer ${b.token}`]]), idempotencyKey: b.token }))
    await sweep.check()
  })

  test('requests that cannot be sent never show the secret in them', async () => {
    const { token, secret: s } = gatewayToken()
    const sweep = new Sweep(s)
    const bearer = `Bearer ${token}`
    const api = 'https://api.example.com'
    const builds = {
      'header value with a newline': () => new revtain.GatewayClient(api, { headers: { Authorization: bearer + '\r\n' } }),
      'header value with a NUL': () => new revtain.GatewayClient(api, { headers: { Authorization: bearer + '\0' } }),
      'header name is the secret': () => new revtain.GatewayClient(api, { headers: { [bearer]: 'x' } }),
      'header value not a string': () => new revtain.GatewayClient(api, { headers: { Authorization: Buffer.from(bearer) } }),
      'headers an array of pairs': () => new revtain.GatewayClient(api, { headers: [['Authorization', bearer]] }),
      'secret as the base URL': () => new revtain.GatewayClient(bearer, { headers: { Authorization: bearer } }),
      'token as the base URL': () => new revtain.GatewayClient(token),
      'secret in the query': () => new revtain.GatewayClient(`${api}/?key=${token}`),
      'secret in the fragment': () => new revtain.GatewayClient(`${api}/#${token}`),
      'plain http with the secret': () => new revtain.GatewayClient(`http://api.example.com/${token}/`),
      'client-wide idempotency key': () => new revtain.GatewayClient(api, { headers: { 'Idempotency-Key': token } }),
      'framing header with the secret': () => new revtain.GatewayClient(api, { headers: { Host: token } }),
      'headers passed as the options': () => new revtain.GatewayClient(api, { Authorization: bearer }),
    }
    for (const [what, build] of Object.entries(builds)) await sweep.call(`GatewayClient(${what})`, build)
    // A lone surrogate is sent as U+FFFD (JavaScript strings cross as UTF-8): accepted, and swept.
    await sweep.call('GatewayClient(a lone surrogate in the header)', () => new revtain.GatewayClient(api, { headers: { Authorization: bearer + '\udcff' } }), { mustFail: false })
    const client = new revtain.GatewayClient(`http://127.0.0.1:${await closedPort()}`, { policy: fastPolicy() })
    const newline = bearer + '\r\nX-Injected: 1'
    const requests = {
      'secret as the method': () => client.request(token, '/v1/charges'),
      'Bearer as the method': () => client.request(bearer, '/v1/charges'),
      'secret as the path': () => client.request('GET', token),
      'secret in a path with a space': () => client.request('GET', bearer),
      'header value with a newline': () => client.request('GET', '/v1', { headers: { Authorization: newline } }),
      'header name is the secret': () => client.request('GET', '/v1', { headers: { [bearer]: 'x' } }),
      'framing header with the secret': () => client.request('GET', '/v1', { headers: { 'Content-Length': token } }),
      'idempotency key with a newline': () => client.request('POST', '/v1', { idempotencyKey: newline }),
      'two idempotency keys': () => client.request('POST', '/v1', { headers: { 'Idempotency-Key': token }, idempotencyKey: 'other' }),
      'HEAD with a body': () => client.request('HEAD', '/v1', { body: token, headers: { Authorization: bearer } }),
      'body not bytes': () => client.request('POST', '/v1', { body: { secret: token } }),
      'header value not a string': () => client.request('GET', '/v1', { headers: { Authorization: 5 } }),
      'headers passed as the options': () => client.request('GET', '/v1', { Authorization: bearer }),
    }
    for (const [what, req] of Object.entries(requests)) await sweep.call(`request(${what})`, req)
    await sweep.check()
  })

  function baseUrls(password, token, port) {
    return [
      `https://user:${password}@api.example.com`,
      `https://:${password}@api.example.com/v1`,
      `https://${token}@api.example.com`,
      `https://${token}:@api.example.com`,
      `https://user:${password}@127.0.0.1:${port}`,
      `http://user:${password}@127.0.0.1:${port}`,
      `http://user:${password}@localhost:${port}/`,
      `https://user:p@ss${password}@api.example.com`,
      `https://user:${password}#x@api.example.com`,
      `https://user:${password}?x@api.example.com`,
      `https://user:${password}\\x@api.example.com`,
      `https://user:${password} x@api.example.com`,
      `https://user:${password}\n@api.example.com`,
      `HTTPS://user:${password}@api.example.com`,
      `user:${password}@api.example.com`,
      `//user:${password}@api.example.com`,
      `https:user:${password}@api.example.com`,
      `https://user%3A${password}@api.example.com`,
      `https://user:${password}%2Fx@api.example.com`,
      `https://api.example.com@user:${password}@evil.example.com`,
    ]
  }

  /** Builds a client for `url` and sweeps the refusal, or the client when it is accepted (a request
   * is sent only to loopback, never to a name that would need DNS). */
  async function sweepBaseUrl(sweep, url, token) {
    const client = await sweep.call('GatewayClient(base URL)', () => new revtain.GatewayClient(url, { policy: fastPolicy(), timeout: 0.5, headers: { Authorization: `Bearer ${token}` } }), { mustFail: false })
    if (client instanceof revtain.GatewayClient) {
      sweep.obj('GatewayClient (accepted)', client, { secretHolder: true })
      if (url.includes('127.0.0.1') || url.includes('localhost')) await sweep.call('request', () => client.request('GET', '/v1'))
    }
  }

  baseUrls('p', 't', 1).forEach((_, index) => {
    test(`base URL credentials #${index}`, async () => {
      const password = `pw${randomText(20)}`
      const { token, secret: s } = gatewayToken()
      const sweep = new Sweep(s, new Secret('URL password', password))
      await sweepBaseUrl(sweep, baseUrls(password, token, await closedPort())[index], token)
      await sweep.check()
    })
  })

  for (const shape of ['user:PW/x@', 'PW/x@']) {
    test(
      `base URL credentials with a slash (${shape}) are refused`,
      async () => {
        const password = `pw${randomText(20)}`
        const { token, secret: s } = gatewayToken()
        const sweep = new Sweep(s, new Secret('URL password', password))
        await sweepBaseUrl(sweep, `https://${shape.replace('PW', password)}api.example.com`, token)
        await sweep.check()
      },
    )
  }

  test(
    'a header name and value swapped is refused',
    async () => {
      const { token, secret: s } = gatewayToken()
      const sweep = new Sweep(s)
      const client = await sweep.call('GatewayClient(header name and value swapped)', () => new revtain.GatewayClient('https://api.example.com', { headers: { [token]: 'Authorization' } }), { mustFail: false })
      sweep.value('client', client)
      await sweep.check()
    },
  )
})
