'use strict'
// Error-code parity: every core error kind is thrown with its code and name, and the
// TypeScript union of codes lists exactly the core's codes.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const revtain = require('..')

test('every core kind has a code and a name', () => {
  const kinds = revtain.errorKinds()
  assert.ok(kinds.length > 0)
  for (const k of kinds) {
    assert.match(k.code, /^REVTAIN_RESULT_[A-Z0-9_]+$/)
    assert.match(k.name, /^[A-Z][A-Za-z0-9]+$/)
  }
})

test('lib/errors.d.ts lists exactly the core codes, revtain.d.ts re-exports them', () => {
  const dts = fs.readFileSync(path.join(__dirname, '..', 'lib', 'errors.d.ts'), 'utf8')
  const union = dts.match(/export type RevtainErrorCode =([^;]*?)\n\n/s)[1]
  const declared = [...union.matchAll(/'(REVTAIN_RESULT_[A-Z0-9_]+)'/g)].map((m) => m[1]).sort()
  assert.deepEqual(declared, revtain.errorKinds().map((k) => k.code).sort())
  const main = fs.readFileSync(path.join(__dirname, '..', 'revtain.d.ts'), 'utf8')
  assert.match(main, /export \* from '\.\/lib\/errors'/)
})

test('every kind is a class under its family and RevtainError, with the code and name', () => {
  for (const k of revtain.errorKinds()) {
    const cls = revtain[k.name]
    assert.equal(typeof cls, 'function', k.name)
    const err = new cls('m', { age: 3, header: null })
    assert.ok(err instanceof revtain.RevtainError && err instanceof Error)
    if (k.family) assert.ok(err instanceof revtain[k.family], `${k.name} under ${k.family}`)
    assert.equal(err.code, k.code)
    assert.equal(err.name, k.name)
    assert.equal(err.message, 'm')
    assert.equal(err.age, 3)
    assert.ok(!('header' in err), 'an absent field is not set')
    assert.match(err.stack, new RegExp(`^${k.name}: m`))
  }
})

test('errors thrown by the native module are instances of their classes', () => {
  assert.throws(() => revtain.ApiKey.parse('rev_short'), (err) => {
    assert.ok(err instanceof revtain.ApiKeyWrongLength && err instanceof revtain.InvalidApiKey)
    assert.ok(err instanceof revtain.RevtainError && revtain.isRevtainError(err))
    assert.equal(err.length, 9)
    return true
  })
  assert.throws(() => new revtain.Webhook('sk_live_x'), revtain.WebhookInvalidSecret)
})

test('ESM import exposes the same names', async () => {
  const esm = await import('revtain')
  for (const name of Object.keys(revtain)) {
    assert.equal(esm[name], revtain[name], name)
  }
})
