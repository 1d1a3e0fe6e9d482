'use strict'
// The credential vault (docs/spec.md §2.2): the native Keyring, with an inspect that never
// shows a key.
const util = require('node:util')
const native = require('./native.js')

Object.defineProperty(native.Keyring.prototype, util.inspect.custom, {
  value: function inspect() {
    return this.toString()
  },
})

module.exports = { Keyring: native.Keyring }
