'use strict'
// An Express endpoint that receives Revtain webhooks.
//
//   REVTAIN_WEBHOOK_SECRET=whsec_... node examples/node/express_webhook.js
//
// express.raw() keeps the body as the exact bytes received: verify those, never
// JSON.stringify(req.body) after express.json().
const express = require('express')
const revtain = require('revtain')

function createApp(secret = process.env.REVTAIN_WEBHOOK_SECRET) {
  // Once, at start-up: the secret is decoded and the HMAC keyed here.
  const webhook = new revtain.Webhook(secret)
  const app = express()
  app.post('/webhooks/revtain', express.raw({ type: 'application/json' }), (req, res) => {
    let event
    try {
      event = webhook.verify(req.body, req.headers)
    } catch (err) {
      if (!revtain.isRevtainError(err)) throw err
      // err.code says which check failed; a stale webhook also has err.age.
      return res.status(400).json({ error: err.code, message: err.message })
    }
    switch (event.type) {
      case 'payment.recovered':
        break // mark the invoice event.data.invoice paid
      case 'card.updated':
        break // the customer replaced their card at the gateway
      default:
        break
    }
    return res.json({ received: event.id })
  })
  return app
}

module.exports = { createApp }

if (require.main === module) {
  const server = createApp().listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    console.log(`listening on http://127.0.0.1:${server.address().port}/webhooks/revtain`)
  })
}
