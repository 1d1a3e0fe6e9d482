// Card data safety and card-update links (docs/spec.md §2.7).
export {
  CardUpdateClaims,
  CardUpdateLinks,
  CardUpdateLinksOptions,
  MintOptions,
  generateCardUpdateSecret,
  validateGatewayToken,
} from '../index'

/** The gateways whose token shapes `validateGatewayToken` knows. */
export declare const GATEWAYS: readonly string[]

/** Where card numbers are in `text`: `[start, end]` string indices, or byte offsets for bytes. */
export declare function findPans(text: string | Uint8Array): Array<[number, number]>

/** `text` with every card number's digits but the last four replaced by `*`. */
export declare function redactPans(text: string): string
export declare function redactPans(text: Uint8Array): Buffer
