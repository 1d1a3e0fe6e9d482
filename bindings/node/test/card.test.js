'use strict'
// tests/vectors/card.json and the Node surface of card data: PANs with string indices,
// gateway tokens, card-update links.
const test = require('node:test')
const assert = require('node:assert/strict')
const util = require('node:util')
const revtain = require('..')
const { loadVectors } = require('./vectors.js')

const V = loadVectors('card.json')
const L = V.links
const links = (leeway = 60) => new revtain.CardUpdateLinks(L.secret, L.client_id, L.base_url, { leeway })
const claimsOf = (c) => {
  const out = { iss: c.iss, sub: c.sub, aud: c.aud, iat: c.iat, exp: c.exp, jti: c.jti }
  if (c.returnUrl !== undefined && c.returnUrl !== null) out.return_url = c.returnUrl
  return out
}

for (const c of V.pans) {
  test(c.id, () => {
    assert.deepEqual(revtain.findPans(c.text), c.matches.map((m) => m.utf16))
    assert.deepEqual(revtain.findPans(Buffer.from(c.text)), c.matches.map((m) => m.bytes))
    assert.equal(revtain.redactPans(c.text), c.redacted)
    assert.deepEqual(revtain.redactPans(Buffer.from(c.text)), Buffer.from(c.redacted))
  })
}

for (const c of V.tokens) {
  test(c.id, () => {
    if (c.kind) {
      assert.equal(revtain.validateGatewayToken(c.gateway, c.token), c.kind)
      return
    }
    assert.throws(() => revtain.validateGatewayToken(c.gateway, c.token), (err) => {
      assert.equal(err.code, c.error)
      assert.equal(err.family, 'CardError')
      const digits = c.token.replace(/\D/g, '')
      if (digits.length >= 8) assert.ok(!err.message.includes(digits))
      return true
    })
  })
}

for (const c of V.mint) {
  test(c.id, () => {
    assert.deepEqual(claimsOf(links().verify(c.token, { now: L.now })), c.claims)
    const want = c.claims
    const url = links().create(want.sub, { ttl: want.exp - want.iat, returnUrl: want.return_url, now: want.iat })
    assert.ok(url.startsWith(`${L.base_url}?token=`))
    const fresh = links().verify(url.split('?token=')[1], { now: want.iat })
    assert.equal(fresh.sub, want.sub)
    assert.equal(fresh.exp, want.exp)
    assert.equal(fresh.returnUrl ?? undefined, want.return_url)
  })
}

for (const c of V.verify) {
  test(c.id, () => {
    const run = () => links(c.leeway).verify(c.token, { now: c.now })
    if (c.claims) assert.deepEqual(claimsOf(run()), c.claims)
    else assert.throws(run, { code: c.error })
  })
}

for (const c of V.link_errors) {
  test(c.id, () => {
    assert.throws(() => new revtain.CardUpdateLinks(c.secret, c.client_id, c.base_url), (err) => {
      assert.equal(err.code, c.error)
      assert.ok(!err.message.includes(c.secret.slice(6)))
      return true
    })
  })
}

for (const c of V.create_errors) {
  test(c.id, () => {
    assert.throws(() => links().create(c.customer, { ttl: c.ttl, returnUrl: c.return_url, now: L.now }), (err) => {
      assert.equal(err.code, c.error)
      assert.ok(!err.message.includes('4242'))
      return true
    })
  })
}

test('expired and not-yet-valid carry the age', () => {
  const token = links().token('cus_1', { ttl: 600, now: 1700000000 })
  assert.throws(() => links().verify(token, { now: 1700000661 }), { code: 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_EXPIRED', age: 61 })
  assert.throws(() => links().verify(token, { now: 1699999900 }), { code: 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_NOT_YET_VALID', age: -100 })
})

test('defaults, the clock, and a base URL with a query', () => {
  const secret = revtain.generateCardUpdateSecret()
  assert.match(secret, /^cusec_[A-Za-z0-9+/]{43}=$/)
  const l = new revtain.CardUpdateLinks(secret, 'cli_x', 'https://pay.example/card?lang=en')
  const url = l.create('cus_9')
  assert.ok(url.startsWith('https://pay.example/card?lang=en&token='))
  const claims = l.verify(url.split('&token=')[1])
  assert.equal(claims.exp - claims.iat, 86400)
  assert.equal(claims.sub, 'cus_9')
  assert.equal(l.clientId, 'cli_x')
  assert.throws(() => l.create('cus_9', { ttl: -1 }), /ttl/)
  assert.throws(() => l.verify('x', { now: -1 }), /unix seconds/)
})

test('inspect, toString and JSON never show the secret', () => {
  const l = links()
  for (const shown of [util.inspect(l), String(l), JSON.stringify({ l })]) {
    assert.ok(!shown.includes(L.secret.slice(6, 20)), shown)
  }
  assert.deepEqual([...revtain.GATEWAYS], ['stripe', 'braintree', 'adyen', 'checkout', 'square', 'gocardless', 'paddle'])
})
