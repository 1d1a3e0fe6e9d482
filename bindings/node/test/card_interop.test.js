'use strict'
// Interop: card-update tokens made by us verify with `jose`, HS256 tokens made by `jose`
// verify with ours, and ours refuses what it must. (`jose` is a devDependency.)
const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const revtain = require('..')

const SECRET = revtain.generateCardUpdateSecret()
const KEY = Buffer.from(SECRET.slice('cusec_'.length), 'base64')
const CLIENT = 'cli_acme'
const links = new revtain.CardUpdateLinks(SECRET, CLIENT, 'https://pay.revtain.example/card')
const now = () => Math.floor(Date.now() / 1000)
const claims = (over = {}) => ({ iss: CLIENT, sub: 'cus_7', aud: 'revtain:card-update', iat: now(), exp: now() + 600, jti: 'jose-1', ...over })

test('our token verifies with jose', async () => {
  const { jwtVerify, decodeProtectedHeader } = await import('jose')
  const token = links.token('cus_42', { ttl: 3600, returnUrl: 'https://merchant.example/done' })
  const { payload } = await jwtVerify(token, KEY, { algorithms: ['HS256'], audience: 'revtain:card-update', issuer: CLIENT })
  assert.equal(payload.sub, 'cus_42')
  assert.equal(payload.exp - payload.iat, 3600)
  assert.equal(payload.return_url, 'https://merchant.example/done')
  assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT' })
})

test('a jose HS256 token verifies with ours', async () => {
  const { SignJWT } = await import('jose')
  const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256' }).sign(KEY)
  const c = links.verify(token)
  assert.equal(c.sub, 'cus_7')
  assert.equal(c.jti, 'jose-1')
})

const b64 = (x) => Buffer.from(x).toString('base64url')
function handMade(header, payload, key = KEY, hash = 'sha256') {
  const signing = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}`
  return `${signing}.${crypto.createHmac(hash, key).update(signing).digest('base64url')}`
}

const refused = {
  'alg none (unsigned)': async () => [`${b64('{"alg":"none"}')}.${b64(JSON.stringify(claims()))}.`, 'ALGORITHM'],
  HS512: async () => {
    const { SignJWT } = await import('jose')
    return [await new SignJWT(claims()).setProtectedHeader({ alg: 'HS512' }).sign(Buffer.concat([KEY, KEY])), 'ALGORITHM']
  },
  'RS256 header, HMAC signature': async () => [handMade({ alg: 'RS256' }, claims()), 'ALGORITHM'],
  'wrong aud': async () => [handMade({ alg: 'HS256' }, claims({ aud: 'revtain:other' })), 'AUDIENCE'],
  expired: async () => [handMade({ alg: 'HS256' }, claims({ iat: now() - 7200, exp: now() - 3600 })), 'EXPIRED'],
  'iat in the future': async () => [handMade({ alg: 'HS256' }, claims({ iat: now() + 3600, exp: now() + 7200 })), 'NOT_YET_VALID'],
  'http return_url': async () => [handMade({ alg: 'HS256' }, claims({ return_url: 'http://merchant.example/' })), 'INVALID_CLAIMS'],
  'tampered payload': async () => {
    const [h, , s] = links.token('cus_42').split('.')
    return [`${h}.${b64(JSON.stringify(claims({ sub: 'cus_43' })))}.${s}`, 'SIGNATURE_MISMATCH']
  },
}
for (const [name, make] of Object.entries(refused)) {
  test(`ours refuses: ${name}`, async () => {
    const [token, code] = await make()
    assert.throws(() => links.verify(token), { code: `REVTAIN_RESULT_CARD_UPDATE_TOKEN_${code}` })
  })
}
