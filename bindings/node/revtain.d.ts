// Types of the `revtain` package: the generated declarations of the native module
// (index.d.ts), with overloads where the generator cannot express them.
export { ApiKey, ErrorKindInfo, errorKinds, findApiKeys, generateApiKey, verifyApiKey, version } from './index'

/** The `code` of every error this package throws: the C library's result-code names. */
export type RevtainErrorCode =
  | 'REVTAIN_RESULT_RANDOM_UNAVAILABLE'
  | 'REVTAIN_RESULT_API_KEY_WRONG_PREFIX'
  | 'REVTAIN_RESULT_API_KEY_WRONG_LENGTH'
  | 'REVTAIN_RESULT_API_KEY_BAD_CHARACTER'
  | 'REVTAIN_RESULT_INVALID_LOOKUP_HASH'

/** An error thrown by this package. `name` is the kind (as the Python exception class). */
export interface RevtainError extends Error {
  code: RevtainErrorCode
  /** The family of the kind, for example `'InvalidApiKey'`. */
  family?: string
  /** For `REVTAIN_RESULT_API_KEY_BAD_CHARACTER`: 0-based index of the offending character. */
  position?: number
  /** For wrong-length errors: the length found. */
  length?: number
}

/** Whether `err` was thrown by revtain. */
export declare function isRevtainError(err: unknown): err is RevtainError

/** `text` with every API key replaced by its redacted form. */
export declare function redactApiKeys(text: string): string
export declare function redactApiKeys(text: Uint8Array): Buffer
