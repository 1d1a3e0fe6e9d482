'use strict'
// The `revtain` package: one file per capability in lib/ (beside src/<capability>.rs), each
// over the native module; this file only gathers their exports.
const native = require('./lib/native.js')
const errors = require('./lib/errors.js')

module.exports = {
  version: native.version,
  errorKinds: native.errorKinds,
  ...require('./lib/api_key.js'),
  ...require('./lib/vault.js'),
  ...require('./lib/webhook.js'),
  ...require('./lib/card.js'),
  ...require('./lib/ratelimit.js'),
  ...require('./lib/retry.js'),
  ...require('./lib/connector.js'),
  ...require('./lib/secret_alert.js'),
}
// The error classes and isRevtainError, generated from the core's error table (lib/errors.js).
for (const [name, value] of Object.entries(errors)) {
  if (name !== 'BY_CODE' && name !== 'makeError') module.exports[name] = value
}
