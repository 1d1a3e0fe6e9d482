'use strict'
const fs = require('node:fs')
const path = require('node:path')

const DIR = path.join(__dirname, '..', '..', '..', 'tests', 'vectors')

/** Loads a shared vector file from tests/vectors. */
function loadVectors(name) {
  return JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8'))
}

const hex = (s) => Buffer.from(s, 'hex')

const CONNECTOR_DIR = path.join(DIR, 'connector')

/** The connector vector files present, as `{ name: contents }` (tests/vectors/connector/*.json). */
function loadConnectorVectors() {
  const files = {}
  for (const file of fs.readdirSync(CONNECTOR_DIR).sort()) {
    if (file.endsWith('.json')) files[file.slice(0, -'.json'.length)] = loadVectors(path.join('connector', file))
  }
  return files
}

/** The same bytes as a Uint8Array view at a non-zero offset into a larger buffer. */
function offsetView(buf) {
  const big = new Uint8Array(buf.length + 7)
  big.set(buf, 5)
  return big.subarray(5, 5 + buf.length)
}

module.exports = { loadVectors, loadConnectorVectors, hex, offsetView }
