'use strict'
// API keys (docs/spec.md §2.1): the native ApiKey class and functions, with a redacted
// util.inspect.
const util = require('node:util')
const native = require('./native.js')

// util.inspect (console.log) shows the redacted form, never the key.
Object.defineProperty(native.ApiKey.prototype, util.inspect.custom, {
  value: function inspect() {
    return `ApiKey(${this.redacted})`
  },
})

module.exports = {
  ApiKey: native.ApiKey,
  generateApiKey: native.generateApiKey,
  verifyApiKey: native.verifyApiKey,
  findApiKeys: native.findApiKeys,
  redactApiKeys: native.redactApiKeys,
}
