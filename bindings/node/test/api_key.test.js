'use strict'
// tests/vectors/api_key.json and the Node surface of API keys.
const test = require('node:test')
const assert = require('node:assert/strict')
const util = require('node:util')

const revtain = require('..')
const { loadVectors, hex, offsetView } = require('./vectors')

const v = loadVectors('api_key.json')

test('valid', async (t) => {
  for (const c of v.valid) {
    await t.test(c.id, () => {
      const key = revtain.ApiKey.parse(c.key)
      assert.equal(key.exposeSecret(), c.key)
      assert.equal(key.redacted, c.redacted)
      assert.equal(String(key), c.redacted)
      assert.equal(`${key}`, c.redacted)
      assert.equal(JSON.stringify({ key }), JSON.stringify({ key: c.redacted }))
      assert.equal(util.inspect(key), `ApiKey(${c.redacted})`)
      assert.ok(!util.inspect(key, { showHidden: true, depth: 5 }).includes(c.key.slice(4)))
    })
  }
})

test('invalid', async (t) => {
  for (const c of v.invalid) {
    await t.test(c.id, () => {
      assert.throws(
        () => revtain.ApiKey.parse(c.key),
        (err) => {
          assert.ok(err instanceof Error)
          assert.ok(revtain.isRevtainError(err))
          assert.equal(err.code, c.error)
          assert.equal(err.family, 'InvalidApiKey')
          assert.equal(err.position, c.position)
          assert.equal(err.length, c.length)
          if (c.key.length > 8) assert.ok(!err.message.includes(c.key.slice(4)))
          return true
        },
      )
    })
  }
})

test('lookup_hash', async (t) => {
  for (const c of v.lookup_hash) {
    await t.test(c.id, () => {
      const key = revtain.ApiKey.parse(c.key)
      const pepper = hex(c.pepper_hex)
      const want = hex(c.hash_hex)
      assert.deepEqual(key.lookupHash(pepper), want)
      assert.deepEqual(key.lookupHash(offsetView(pepper)), want)
      if (pepper.length === 0) assert.deepEqual(key.lookupHash(), want)
      assert.equal(key.matches(want, pepper), true)
      assert.equal(revtain.verifyApiKey(c.key, offsetView(want), offsetView(pepper)), true)
    })
  }
})

test('verify', async (t) => {
  for (const c of v.verify) {
    await t.test(c.id, () => {
      const args = [c.key, hex(c.stored_hash_hex), hex(c.pepper_hex)]
      if ('matches' in c) {
        assert.equal(revtain.verifyApiKey(...args), c.matches)
      } else {
        assert.throws(() => revtain.verifyApiKey(...args), { code: c.error, name: 'InvalidLookupHash' })
      }
    })
  }
})

test('scan', async (t) => {
  for (const c of v.scan) {
    await t.test(c.id, () => {
      assert.deepEqual(
        revtain.findApiKeys(c.text),
        c.matches.map((m) => m.utf16),
      )
      for (const m of c.matches) {
        assert.ok(revtain.ApiKey.parse(c.text.slice(m.utf16[0], m.utf16[1])))
      }
      assert.equal(revtain.redactApiKeys(c.text), c.redacted)
      const raw = Buffer.from(c.text, 'utf8')
      assert.deepEqual(revtain.findApiKeys(offsetView(raw)), c.matches.map((m) => m.bytes))
      assert.deepEqual(revtain.redactApiKeys(raw), Buffer.from(c.redacted, 'utf8'))
    })
  }
})

test('generate', () => {
  const a = revtain.generateApiKey()
  const b = revtain.generateApiKey()
  assert.notEqual(a, b)
  assert.equal(a.length, 36)
  assert.equal(revtain.ApiKey.parse(a).exposeSecret(), a)
  const k = revtain.ApiKey.generate()
  assert.ok(k.equals(revtain.ApiKey.parse(k.exposeSecret())))
  assert.ok(!k.equals(revtain.ApiKey.generate()))
})

test('wrong argument types throw TypeError-like errors, not crashes', () => {
  assert.throws(() => revtain.ApiKey.parse(42))
  assert.throws(() => revtain.findApiKeys({}))
  assert.throws(() => revtain.verifyApiKey('rev_x', 'not bytes'))
})

test('error stack names the kind', () => {
  try {
    revtain.ApiKey.parse('sk_live_x')
    assert.fail('accepted')
  } catch (err) {
    assert.equal(err.name, 'ApiKeyWrongPrefix')
    assert.match(err.stack, /^ApiKeyWrongPrefix: /)
  }
})
