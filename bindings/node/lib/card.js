'use strict'
// Card data safety and card-update links (docs/spec.md §2.7): the native functions and
// CardUpdateLinks, with an inspect that never shows the secret.
const util = require('node:util')
const native = require('./native.js')

Object.defineProperty(native.CardUpdateLinks.prototype, util.inspect.custom, {
  value: function inspect() {
    return this.toString()
  },
})

module.exports = {
  findPans: native.findPans,
  redactPans: native.redactPans,
  validateGatewayToken: native.validateGatewayToken,
  generateCardUpdateSecret: native.generateCardUpdateSecret,
  GATEWAYS: Object.freeze(native.gateways()),
  CardUpdateLinks: native.CardUpdateLinks,
}
