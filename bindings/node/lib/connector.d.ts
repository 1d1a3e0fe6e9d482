// Connector verifiers (docs/spec.md §2.4).
import type { ConnectorError } from './errors'

/** The billing platforms `verifyConnector` knows, in docs/spec.md's order. */
export type ConnectorName =
  | 'stripe'
  | 'chargebee'
  | 'recharge'
  | 'recurly'
  | 'paddle'
  | 'braintree'
  | 'maxio'
  | 'shopify'
  | 'gocardless'
  | 'checkout'
  | 'razorpay'
  | 'lemonsqueezy'
  | 'square'
  | 'paystack'
  | 'adyen'
  | 'standard'

/** Every connector name `verifyConnector` accepts (frozen), in docs/spec.md's order. */
export declare const CONNECTORS: readonly ConnectorName[]

/**
 * Request headers as a Node server has them: `req.headers` / `req.headersDistinct` (a
 * `string[]` value is a repeated header), a WHATWG `Headers`, a `Map`, an array of
 * `[name, value]` pairs, or a flat `[name, value, …]` array (`req.rawHeaders`). Names match
 * case-insensitively; `undefined` values are skipped.
 */
export type ConnectorHeaders =
  | Record<string, string | string[] | number | undefined>
  | Iterable<readonly [string, string | string[]]>
  | ReadonlyArray<readonly [string, string | string[]]>
  | readonly string[]

/** Options of `verifyConnector`. Unknown names (snake_case included) are refused. */
export interface ConnectorOptions {
  /** The replay window in seconds, both ways (default: the platform's, e.g. 300 for Stripe). */
  tolerance?: number | null
  /** The current time in unix seconds (default: the clock). */
  now?: number | null
  /** The notification URL exactly as configured on the platform (Square signs it; required). */
  notificationUrl?: string | null
  /** The merchant's public key, which picks the signature to check (Braintree; required). */
  publicKey?: string | null
  /**
   * Accept only a webhook whose signature covers a timestamp: ReCharge's timestamped header is
   * then required; for a scheme that signs none it throws `REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS`.
   */
  requireTimestamp?: boolean
}

/** A verified webhook from a billing platform. Made by `verifyConnector`. */
export declare class ConnectorEvent {
  private constructor()
  /** The connector that verified it. */
  readonly connector: ConnectorName
  /** The signed timestamp, unix seconds (Recurly's milliseconds / 1000, rounded down), or null. */
  readonly timestamp: number | null
  /**
   * The event id a header carries: Standard Webhooks `webhook-id` (signed), Shopify
   * `X-Shopify-Webhook-Id`, Razorpay `X-Razorpay-Event-Id`; otherwise null.
   */
  readonly id: string | null
  /** Braintree's base64-decoded `bt_payload` (XML); null when the body itself is the message. */
  readonly payload: Buffer | null
  /** `{ connector, timestamp, id, payload }`, the payload as UTF-8 text. */
  toJSON(): { connector: ConnectorName; timestamp: number | null; id: string | null; payload: string | null }
}

/** How a connector webhook was refused (thrown by `verifyConnector`). */
export type ConnectorVerifyError = ConnectorError

/**
 * Verifies an inbound webhook from the billing platform `name`: `body` is the raw request body
 * as received (a Buffer from `express.raw()`, never re-serialised JSON), `secret` the platform
 * secret exactly as configured. Synchronous. Throws a `ConnectorVerifyError` when the webhook is
 * refused (`header` names a missing or malformed header; `age` and `tolerance` come with a
 * stale timestamp), a `TypeError` for an argument of the wrong type.
 */
export declare function verifyConnector(
  name: ConnectorName | (string & {}),
  headers: ConnectorHeaders,
  body: string | Uint8Array,
  secret: string | Uint8Array,
  options?: ConnectorOptions,
): ConnectorEvent
