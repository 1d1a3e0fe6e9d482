'use strict'
const fs = require('node:fs')
const path = require('node:path')

const DIR = path.join(__dirname, '..', '..', '..', 'tests', 'vectors')

/** Loads a shared vector file from tests/vectors. */
function loadVectors(name) {
  return JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8'))
}

module.exports = { loadVectors }
