'use strict'
// A merchant's Express backend: mints a card-update link for a customer whose payment failed,
// and handles the `card.updated` Revtain webhook once the customer has replaced the card.
//
//   REVTAIN_CARD_UPDATE_SECRET=cusec_... REVTAIN_CLIENT_ID=cli_... \
//   REVTAIN_WEBHOOK_SECRET=whsec_... node examples/node/card_update.js
//
// No card number ever passes through here: the hosted page sends it from the browser straight
// to the gateway, and the webhook carries the gateway's token.
const express = require('express')
const revtain = require('revtain')

function createApp({
  cardUpdateSecret = process.env.REVTAIN_CARD_UPDATE_SECRET,
  clientId = process.env.REVTAIN_CLIENT_ID,
  webhookSecret = process.env.REVTAIN_WEBHOOK_SECRET,
  baseUrl = 'https://pay.revtain.com/card-update',
  onCardUpdated = () => {},
} = {}) {
  // Once, at start-up.
  const links = new revtain.CardUpdateLinks(cardUpdateSecret, clientId, baseUrl)
  const webhook = new revtain.Webhook(webhookSecret)
  const app = express()

  // The merchant's app asks for a link to e-mail to the customer.
  app.post('/customers/:id/card-update-link', (req, res) => {
    try {
      const url = links.create(req.params.id, { ttl: 3 * 86400, returnUrl: 'https://merchant.example/account' })
      res.json({ url })
    } catch (err) {
      if (!revtain.isRevtainError(err)) throw err
      res.status(400).json({ error: err.code, message: err.message }) // e.g. a PAN as customer id
    }
  })

  // Revtain tells us the card was replaced; the raw body is verified, never re-serialised.
  app.post('/webhooks/revtain', express.raw({ type: 'application/json' }), (req, res) => {
    let event
    try {
      event = webhook.verify(req.body, req.headers)
    } catch (err) {
      if (!revtain.isRevtainError(err)) throw err
      return res.status(400).json({ error: err.code, message: err.message })
    }
    if (event.type === 'card.updated') {
      const { customer, gateway, payment_method: paymentMethod } = event.data
      revtain.validateGatewayToken(gateway, paymentMethod) // a token, never a card number
      onCardUpdated({ customer, gateway, paymentMethod })
    }
    return res.json({ received: event.id })
  })
  return app
}

module.exports = { createApp }

if (require.main === module) {
  const server = createApp().listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    console.log(`listening on http://127.0.0.1:${server.address().port}`)
  })
}
