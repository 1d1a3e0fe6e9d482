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

test('revtain.d.ts lists exactly the core codes', () => {
  const dts = fs.readFileSync(path.join(__dirname, '..', 'revtain.d.ts'), 'utf8')
  const union = dts.match(/export type RevtainErrorCode =([^;]*?)\n\n/s)[1]
  const declared = [...union.matchAll(/'(REVTAIN_RESULT_[A-Z0-9_]+)'/g)].map((m) => m[1]).sort()
  assert.deepEqual(declared, revtain.errorKinds().map((k) => k.code).sort())
})

test('ESM import exposes the same names', async () => {
  const esm = await import('revtain')
  for (const name of Object.keys(revtain)) {
    assert.equal(esm[name], revtain[name], name)
  }
})
