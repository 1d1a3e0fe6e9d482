'use strict'
// An Express endpoint that receives webhooks from billing platforms: POST /webhooks/<connector>.
//
//   STRIPE_WEBHOOK_SECRET=whsec_... SHOPIFY_WEBHOOK_SECRET=... node examples/node/express_connector.js
//
// Each platform's secret comes from <CONNECTOR>_WEBHOOK_SECRET (SQUARE_NOTIFICATION_URL and
// BRAINTREE_PUBLIC_KEY for the schemes that need them). express.raw() keeps the body as the exact
// bytes received: verify those, never JSON.stringify(req.body) after express.json().
const express = require('express')
const revtain = require('revtain')

/** The secrets and options of every connector configured in `env`. */
function fromEnv(env = process.env) {
  const secrets = {}
  for (const name of revtain.CONNECTORS) {
    const secret = env[`${name.toUpperCase()}_WEBHOOK_SECRET`]
    if (secret) secrets[name] = secret
  }
  const options = {
    square: { notificationUrl: env.SQUARE_NOTIFICATION_URL },
    braintree: { publicKey: env.BRAINTREE_PUBLIC_KEY },
  }
  return { secrets, options }
}

function createApp({ secrets, options = {} } = fromEnv()) {
  const app = express()
  app.post('/webhooks/:connector', express.raw({ type: '*/*' }), (req, res) => {
    const name = req.params.connector
    if (!Object.hasOwn(secrets, name)) return res.status(404).json({ error: `no ${name} webhooks here` })
    let event
    try {
      // req.body is undefined when the request has no body.
      event = revtain.verifyConnector(name, req.headers, req.body ?? Buffer.alloc(0), secrets[name], options[name])
    } catch (err) {
      if (!revtain.isRevtainError(err)) throw err
      // err.code says which check failed; err.header which header, err.age how stale.
      return res.status(400).json({ error: err.code, header: err.header ?? null, message: err.message })
    }
    // Genuine: now parse req.body the platform's way and handle the event (idempotently: a
    // platform retries, so the same event may come again; event.id where the scheme has one).
    return res.json({ received: event.connector, id: event.id, timestamp: event.timestamp })
  })
  return app
}

module.exports = { createApp, fromEnv }

if (require.main === module) {
  const { secrets } = fromEnv()
  const server = createApp().listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const names = Object.keys(secrets)
    console.log(`listening on http://127.0.0.1:${server.address().port}/webhooks/<connector> for ${names.join(', ') || 'no connector (set <CONNECTOR>_WEBHOOK_SECRET)'}`)
  })
}
