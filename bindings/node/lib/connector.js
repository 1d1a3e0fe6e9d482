'use strict'
// Connector verifiers (docs/spec.md §2.4): verifyConnector, CONNECTORS and ConnectorEvent.
const native = require('./native.js')
const errors = require('./errors.js')
const { describe, spellings, headerPairs, numberOption, checkedOptions, rawBytes, stringOption } = require('./convert.js')

/** Every connector name `verifyConnector` accepts, in the core's (docs/spec.md's) order. */
const CONNECTORS = Object.freeze(native._connectors())
const CONNECTOR_OPTIONS = ['tolerance', 'now', 'notificationUrl', 'publicKey', 'requireTimestamp']
// Only verifyConnector makes ConnectorEvents.
const MAKE_EVENT = Symbol('ConnectorEvent')
// Per connector, the lower-case spellings of the headers it reads (from the core).
const CONNECTOR_KEYS = new Map(CONNECTORS.map((name) => [name, spellings(native._connectorHeaderKeys(name))]))
const NO_KEYS = spellings([])
const NO_OPTIONS = Object.freeze({})

/**
 * A verified webhook from a billing platform: `connector`, `timestamp` (the signed unix seconds,
 * or null), `id` (the event id a header carries, or null) and `payload` (the message a
 * form-encoded scheme carries in the body, Braintree's, as a Buffer; otherwise null: the body
 * itself is the message).
 */
class ConnectorEvent {
  constructor(token, connector, timestamp, id, payload) {
    if (token !== MAKE_EVENT) throw new TypeError('ConnectorEvents are made by verifyConnector()')
    /** The connector that verified it. */
    this.connector = connector
    /** The signed timestamp, unix seconds, or null when the scheme signs none. */
    this.timestamp = timestamp ?? null
    /** The event id a header carries (`webhook-id`, `X-Shopify-Webhook-Id`, …), or null. */
    this.id = id ?? null
    /** Braintree's decoded `bt_payload` (XML), or null. */
    this.payload = payload ?? null
    Object.freeze(this)
  }

  /** `{ connector, timestamp, id, payload }` with the payload as UTF-8 text. */
  toJSON() {
    return {
      connector: this.connector,
      timestamp: this.timestamp,
      id: this.id,
      payload: this.payload === null ? null : this.payload.toString('utf8'),
    }
  }
}

/**
 * Verifies an inbound webhook from the billing platform `name` (one of CONNECTORS): `headers` as
 * the server has them, `body` the raw bytes as received, `secret` the platform secret as the
 * merchant configured it. `options`: `tolerance` (seconds, both ways; the platform's default),
 * `now` (unix seconds; the clock), `notificationUrl` (Square), `publicKey` (Braintree).
 * Synchronous (microseconds). Returns a ConnectorEvent; throws an Error whose `code` is
 * `REVTAIN_RESULT_CONNECTOR_*` (with `header`, or `age` and `tolerance`, where they apply).
 * @returns {ConnectorEvent}
 */
function verifyConnector(name, headers, body, secret, options) {
  if (typeof name !== 'string') {
    throw new TypeError(`the connector name must be a string such as 'stripe' (one of CONNECTORS), not ${describe(name)}`)
  }
  const flat = headerPairs(headers, CONNECTOR_KEYS.get(name) ?? NO_KEYS)
  const bytes = rawBytes(body, 'body')
  if (typeof secret !== 'string' && !(secret instanceof Uint8Array)) rawBytes(secret, 'secret')
  const o = options === undefined ? NO_OPTIONS : checkedOptions(options, CONNECTOR_OPTIONS, '{ tolerance: 300, now }', errors.ConnectorInvalidOptions, `invalid ${CONNECTORS.includes(name) ? name : 'connector'} options`)
  if (flat.length > 32) throw new TypeError('too many headers of the names the scheme reads (at most 16)')
  // The headers (index, value) follow their count; the options, when there are any, follow them.
  let parts
  if (o === NO_OPTIONS) {
    parts = flat.length === 2 ? native._connectorVerify(name, bytes, secret, 2, flat[0], flat[1]) : native._connectorVerify(name, bytes, secret, flat.length, ...flat)
  } else {
    parts = native._connectorVerify(
      name,
      bytes,
      secret,
      flat.length,
      ...flat,
      numberOption('tolerance', o.tolerance),
      numberOption('now', o.now),
      stringOption('notificationUrl', o.notificationUrl, "'https://example.com/webhooks/square'"),
      stringOption('publicKey', o.publicKey, "'your_braintree_public_key'"),
      booleanOption('requireTimestamp', o.requireTimestamp),
    )
  }
  // A timestamp (or null) alone, or { timestamp, id, payload } when the event carries more.
  if (parts !== null && typeof parts === 'object') return new ConnectorEvent(MAKE_EVENT, name, parts.timestamp, parts.id, parts.payload)
  return new ConnectorEvent(MAKE_EVENT, name, parts, null, null)
}

/** A boolean option (`undefined` for the default); another type is a TypeError. */
function booleanOption(option, value) {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') throw new TypeError(`${option} must be true or false, not ${describe(value)}`)
  return value
}

module.exports = { CONNECTORS, verifyConnector, ConnectorEvent }
