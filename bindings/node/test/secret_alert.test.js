'use strict'
// tests/vectors/secret_alert.json through the Node surface: GitHub secret-scanning alerts
// verified against GitHub's published key document, errors, inspect, and the feedback body.
const test = require('node:test')
const assert = require('node:assert/strict')
const util = require('node:util')
const revtain = require('..')
const { loadVectors } = require('./vectors.js')

const V = loadVectors('secret_alert.json')
const DOCS = V.public_key_documents
const asObject = (a) => ({ token: a.token, type: a.type, url: a.url, source: a.source, is_revtain_key: a.isRevtainKey })

for (const c of V.verify) {
  test(c.id, () => {
    const doc = DOCS[c.public_keys]
    for (const [body, keys] of [[c.body, doc], [Buffer.from(c.body), Buffer.from(doc)]]) {
      if (c.alerts) {
        const alerts = revtain.verifyGithubSecretAlert(body, c.headers, keys)
        assert.deepEqual(alerts.map(asObject), c.alerts)
        for (const a of alerts.filter((a) => a.token.length > 12)) {
          for (const shown of [util.inspect(a), String(a), JSON.stringify(a)]) assert.ok(!shown.includes(a.token), shown)
        }
      } else {
        assert.throws(() => revtain.verifyGithubSecretAlert(body, c.headers, keys), (e) => {
          assert.equal(e.code, c.error, e.message)
          assert.equal(e.family, 'SecretAlertError')
          assert.equal(e.header ?? undefined, c.header)
          return true
        })
      }
    }
  })
}

for (const c of [...V.public_key_errors, ...V.unusable_keys]) {
  test(c.id, () => {
    assert.throws(() => revtain.verifyGithubSecretAlert(c.body ?? '[]', c.headers ?? {}, c.document), (e) => e.code === c.error)
  })
}

for (const c of V.response) {
  test(c.id, async () => {
    const alerts = c.alerts.map((a) => new revtain.SecretAlert(a))
    assert.deepEqual(alerts.map((a) => a.isRevtainKey), c.alerts.map((a) => a.is_revtain_key))
    const asked = []
    const body = await revtain.secretAlertResponse(alerts, async (token) => {
      asked.push(token)
      return c.known.includes(token)
    })
    assert.equal(body.toString(), c.body)
    assert.deepEqual(asked, c.asked)
    // A synchronous lookup works the same.
    assert.equal((await revtain.secretAlertResponse(alerts, (t) => c.known.includes(t))).toString(), c.body)
  })
}

test('headers in every container; twice is refused; a lookup that throws rejects', async () => {
  const c = V.verify[0]
  const doc = DOCS[c.public_keys]
  const id = c.headers['Github-Public-Key-Identifier']
  const sig = c.headers['Github-Public-Key-Signature']
  for (const headers of [
    { 'github-public-key-identifier': id, 'github-public-key-signature': sig },
    new Headers({ 'Github-Public-Key-Identifier': id, 'Github-Public-Key-Signature': sig }),
    new Map([['GITHUB-PUBLIC-KEY-IDENTIFIER', id], ['GITHUB-PUBLIC-KEY-SIGNATURE', sig]]),
  ]) {
    assert.equal(revtain.verifyGithubSecretAlert(c.body, headers, doc)[0].token, 'some_token')
  }
  assert.throws(() => revtain.verifyGithubSecretAlert(c.body, [['Github-Public-Key-Identifier', id], ['github-public-key-identifier', id], ['Github-Public-Key-Signature', sig]], doc),
    (e) => e.code === 'REVTAIN_RESULT_SECRET_ALERT_SIGNATURE_MISMATCH' && /more than once/.test(e.message))
  const key = new revtain.SecretAlert({ token: V.response[0].alerts[0].token, type: 'revtain_api_key' })
  await assert.rejects(revtain.secretAlertResponse([key], async () => { throw new Error('database down') }), /database down/)
  assert.throws(() => new revtain.SecretAlert({ token: 1, type: 'x' }), TypeError)
  const m = await import('../revtain.mjs')
  assert.equal(m.verifyGithubSecretAlert, revtain.verifyGithubSecretAlert)
  assert.equal(m.GITHUB_PUBLIC_KEYS_URL, 'https://api.github.com/meta/public_keys/secret_scanning')
})
