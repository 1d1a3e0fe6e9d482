// Types of the `revtain` package: the generated declarations of the native module
// (index.d.ts), with overloads where the generator cannot express them.
export { ApiKey, ErrorKindInfo, Keyring, errorKinds, findApiKeys, generateApiKey, verifyApiKey, version } from './index'

/** The `code` of every error this package throws: the C library's result-code names. */
export type RevtainErrorCode =
  | 'REVTAIN_RESULT_RANDOM_UNAVAILABLE'
  | 'REVTAIN_RESULT_API_KEY_WRONG_PREFIX'
  | 'REVTAIN_RESULT_API_KEY_WRONG_LENGTH'
  | 'REVTAIN_RESULT_API_KEY_BAD_CHARACTER'
  | 'REVTAIN_RESULT_INVALID_LOOKUP_HASH'
  | 'REVTAIN_RESULT_VAULT_MALFORMED_ENVELOPE'
  | 'REVTAIN_RESULT_VAULT_UNKNOWN_KEY_ID'
  | 'REVTAIN_RESULT_VAULT_AUTHENTICATION_FAILED'
  | 'REVTAIN_RESULT_VAULT_INVALID_CONTEXT'
  | 'REVTAIN_RESULT_KEYRING_INVALID'
  | 'REVTAIN_RESULT_WEBHOOK_HEADER_MISSING'
  | 'REVTAIN_RESULT_WEBHOOK_HEADER_MALFORMED'
  | 'REVTAIN_RESULT_WEBHOOK_NO_SIGNATURE'
  | 'REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE'
  | 'REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH'
  | 'REVTAIN_RESULT_WEBHOOK_INVALID_SECRET'
  | 'REVTAIN_RESULT_WEBHOOK_INVALID_EVENT_ID'
  | 'REVTAIN_RESULT_WEBHOOK_INVALID_PAYLOAD'
  | 'REVTAIN_RESULT_CARD_PAN_DETECTED'
  | 'REVTAIN_RESULT_CARD_UNKNOWN_GATEWAY'
  | 'REVTAIN_RESULT_CARD_INVALID_GATEWAY_TOKEN'
  | 'REVTAIN_RESULT_CARD_UPDATE_INVALID_SECRET'
  | 'REVTAIN_RESULT_CARD_UPDATE_INVALID_PARAMETER'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_MALFORMED'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_ALGORITHM'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_SIGNATURE_MISMATCH'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_EXPIRED'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_NOT_YET_VALID'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_AUDIENCE'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_ISSUER'
  | 'REVTAIN_RESULT_CARD_UPDATE_TOKEN_INVALID_CLAIMS'

/** An error thrown by this package. `name` is the kind (as the Python exception class). */
export interface RevtainError extends Error {
  code: RevtainErrorCode
  /** The family of the kind, for example `'InvalidApiKey'`. */
  family?: string
  /** For `REVTAIN_RESULT_API_KEY_BAD_CHARACTER`: 0-based index of the offending character. */
  position?: number
  /** For wrong-length errors: the length found. */
  length?: number
  /** For `REVTAIN_RESULT_VAULT_UNKNOWN_KEY_ID`: the key id the envelope names. */
  keyId?: number
}

/** Whether `err` was thrown by revtain. */
export declare function isRevtainError(err: unknown): err is RevtainError

/** `text` with every API key replaced by its redacted form. */
export declare function redactApiKeys(text: string): string
export declare function redactApiKeys(text: Uint8Array): Buffer
