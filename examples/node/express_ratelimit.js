'use strict'
// An Express API rate-limited per API key: 60 requests in any rolling minute (docs/spec.md §2.6).
//
//   node examples/node/express_ratelimit.js                                        # in memory
//   REVTAIN_REDIS_URL=redis://localhost:6379/0 node examples/node/express_ratelimit.js  # shared
//
// Every response carries the RateLimit-Policy / RateLimit / X-RateLimit-* headers; a refused
// request gets a 429 with Retry-After and {"error": "rate_limited", "retry_after": <seconds>}.
// With Redis every process and server pointing at it enforces one limit; the check runs off the
// event loop. If Redis is down, each process limits on its own (failOpen: decided in-process by the
// same policy) and decision.storeError says why.
const express = require('express')
const revtain = require('revtain')

/**
 * The API key of `Authorization: Bearer <key>`, else the client's address.
 *
 * In production, authenticate the key first (or limit by address before): every distinct key
 * holds a little memory for one window, so random keys should not reach the limiter.
 */
function rateLimitKey(req) {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')
  return m ? m[1] : (req.ip ?? 'unknown')
}

/** Express middleware: one check per request, its headers on every response. */
function rateLimit(limiter) {
  return async function rateLimited(req, res, next) {
    let decision
    try {
      decision = await limiter.check(rateLimitKey(req))
    } catch (err) {
      // An empty key or one over 1024 bytes: not a key this API issues.
      if (err.code === 'REVTAIN_RESULT_RATE_LIMIT_INVALID_KEY') {
        return res.status(400).json({ error: 'invalid_api_key' })
      }
      throw err
    }
    const headers = decision.headers()
    res.set(headers)
    if (!decision.allowed) {
      return res.status(429).json({ error: 'rate_limited', retry_after: Number(headers['Retry-After']) })
    }
    return next()
  }
}

/**
 * The app. `options` go to `new revtain.RateLimiter()`; by default 60 per 60 s, shared through
 * Redis when REVTAIN_REDIS_URL is set, in memory otherwise.
 */
function createApp(options = {}) {
  // Once, at start-up, shared by every request.
  const limiter = new revtain.RateLimiter({ redisUrl: process.env.REVTAIN_REDIS_URL || undefined, ...options })
  const app = express()
  app.locals.limiter = limiter
  app.use(rateLimit(limiter))
  app.get('/v1/invoices/:invoice/recovery', (req, res) => {
    res.json({ invoice: req.params.invoice, status: 'retrying' })
  })
  return app
}

module.exports = { createApp, rateLimit, rateLimitKey }

if (require.main === module) {
  const app = createApp()
  const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    console.log(`${app.locals.limiter}`)
    console.log(`listening on http://127.0.0.1:${server.address().port}/v1/invoices/in_42/recovery`)
  })
}
