'use strict'
// tests/vectors/vault.json and the Node surface of the vault.
const test = require('node:test')
const assert = require('node:assert/strict')
const util = require('node:util')

const revtain = require('..')
const { loadVectors, hex, offsetView } = require('./vectors')

const v = loadVectors('vault.json')
const keyring = revtain.Keyring.fromText(v.keyring)

test('seal', async (t) => {
  for (const c of v.seal) {
    await t.test(c.id, () => {
      const pt = hex(c.plaintext_hex)
      const env = hex(c.envelope_hex)
      assert.deepEqual(keyring.open(env, c.context), pt)
      assert.deepEqual(keyring.open(offsetView(env), c.context), pt)
      assert.deepEqual(keyring.open(c.envelope_text, c.context), pt)
      assert.equal(keyring.needsRotation(env), c.needs_rotation)
      const resealed = keyring.reseal(c.envelope_text, c.context)
      assert.ok(resealed.startsWith('rvc1:'))
      assert.equal(keyring.needsRotation(resealed), false)
      assert.deepEqual(keyring.open(resealed, c.context), pt)
      assert.deepEqual(keyring.open(keyring.sealBytes(offsetView(pt), c.context), c.context), pt)
      assert.equal(keyring.resealBytes(env, c.context).length, env.length)
    })
  }
})

test('open_errors', async (t) => {
  for (const c of v.open_errors) {
    await t.test(c.id, () => {
      const env = c.envelope_hex !== undefined ? hex(c.envelope_hex) : c.envelope_text
      assert.throws(
        () => keyring.open(env, c.context),
        (err) => {
          assert.equal(err.code, c.error)
          assert.equal(err.family, 'VaultError')
          if (c.reason) assert.ok(err.message.startsWith(`malformed envelope: ${c.reason}`), err.message)
          if (err.code === 'REVTAIN_RESULT_VAULT_UNKNOWN_KEY_ID') {
            assert.equal(typeof err.keyId, 'number')
            assert.ok(!keyring.keyIds.includes(err.keyId))
          }
          return true
        },
      )
    })
  }
})

test('keyring_valid', async (t) => {
  for (const c of v.keyring_valid) {
    await t.test(c.id, () => {
      const kr = revtain.Keyring.fromText(c.text)
      assert.deepEqual(kr.keyIds, c.key_ids)
      assert.equal(kr.primaryKeyId, c.key_ids[0])
      assert.deepEqual(revtain.Keyring.fromText(kr.toText()).keyIds, c.key_ids)
      const shown = util.inspect(kr) + JSON.stringify({ kr }) + String(kr)
      assert.ok(!shown.includes(kr.toText().split(':')[1]))
    })
  }
})

test('keyring_invalid', async (t) => {
  for (const c of v.keyring_invalid) {
    await t.test(c.id, () => {
      assert.throws(() => revtain.Keyring.fromText(c.text), { code: c.error, name: 'KeyringInvalid' })
    })
  }
})

test('context_invalid', async (t) => {
  for (const c of v.context_invalid) {
    await t.test(c.id, () => {
      const ctx = { ['k'.repeat(c.key_len)]: 'v'.repeat(c.value_len) }
      assert.throws(() => keyring.seal('x', ctx), { code: c.error })
    })
  }
})

test('fromEnv', () => {
  process.env.REVTAIN_TEST_KEYRING = v.keyring
  assert.deepEqual(revtain.Keyring.fromEnv('REVTAIN_TEST_KEYRING').keyIds, keyring.keyIds)
  delete process.env.REVTAIN_TEST_KEYRING
  assert.throws(() => revtain.Keyring.fromEnv('REVTAIN_TEST_KEYRING'), { code: 'REVTAIN_RESULT_KEYRING_INVALID' })
})

test('rotation and tenant binding', () => {
  const old = revtain.Keyring.generate()
  const a = { tenant: 't_a', gateway: 'stripe', field: 'secret_key' }
  const sealed = old.seal('sk_live_123', a)
  assert.throws(() => old.open(sealed, { ...a, tenant: 't_b' }), { code: 'REVTAIN_RESULT_VAULT_AUTHENTICATION_FAILED' })
  const next = old.rotate()
  assert.equal(next.needsRotation(sealed), true)
  const resealed = next.reseal(sealed, a)
  assert.equal(next.open(resealed, a).toString(), 'sk_live_123')
  assert.throws(() => old.open(resealed, a), { code: 'REVTAIN_RESULT_VAULT_UNKNOWN_KEY_ID', keyId: next.primaryKeyId })
})

test('wrong context types throw', () => {
  assert.throws(() => keyring.seal('x', { tenant: 1 }))
  assert.throws(() => keyring.seal('x', 'tenant'))
})
