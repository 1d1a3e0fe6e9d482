'use strict'
// examples/node/express_secret_alert.js on 127.0.0.1: GitHub's alerts (tests/vectors/
// secret_alert.json) POSTed over real HTTP; a known Revtain key is revoked and reported as a
// true positive; an unknown key id makes it fetch GitHub's keys again.
const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const path = require('node:path')
const { loadVectors } = require('./vectors.js')

const { createApp, KeyStore } = require(path.join(__dirname, '..', '..', '..', 'examples', 'node', 'express_secret_alert.js'))
const V = loadVectors('secret_alert.json')
const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex')

test('the endpoint verifies, revokes known keys and answers GitHub', async (t) => {
  const keys = new KeyStore(Buffer.from('pepper'))
  const c = V.verify.find((c) => c.id === 'two-matches-one-revtain-key')
  const revtainKey = c.alerts[0].token
  keys.add(revtainKey)
  // The first fetch returns GitHub's own document (without the key that signed), the second the
  // document that has it: the endpoint must fetch again on an unknown key id.
  const fetched = [V.public_key_documents.github, V.public_key_documents.test]
  let fetches = 0
  const server = createApp(keys, async () => fetched[Math.min(fetches++, 1)]).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  t.after(() => new Promise((resolve) => server.close(resolve)))
  const url = `http://127.0.0.1:${server.address().port}/github/secret-scanning`
  const post = (body, headers) => fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })

  let r = await post(c.body, c.headers)
  assert.equal(r.status, 200)
  assert.equal(fetches, 2)
  assert.deepEqual(await r.json(), [
    { token_hash: sha256(revtainKey), token_type: 'revtain_api_key', label: 'true_positive' },
    { token_hash: sha256(c.alerts[1].token), token_type: 'revtain_api_key', label: 'false_positive' },
  ])
  assert.equal(keys.revoked.length, 1)
  // Sent again: the key is gone, so it is no longer a true positive.
  r = await post(c.body, c.headers)
  assert.equal((await r.json())[0].label, 'false_positive')

  // GitHub's published example: not a Revtain key.
  const gh = V.verify[0]
  r = await post(gh.body, gh.headers)
  assert.deepEqual(await r.json(), [{ token_hash: sha256('some_token'), token_type: 'some_type', label: 'false_positive' }])

  r = await post(gh.body.replace('some_token', 'other_token'), gh.headers)
  assert.equal(r.status, 400)
  assert.equal((await r.json()).error, 'REVTAIN_RESULT_SECRET_ALERT_SIGNATURE_MISMATCH')
  r = await post(gh.body, {})
  assert.equal(r.status, 400)
  assert.equal((await r.json()).error, 'REVTAIN_RESULT_SECRET_ALERT_HEADER_MISSING')
})
