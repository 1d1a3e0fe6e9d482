// API keys (docs/spec.md §2.1).
export { ApiKey, findApiKeys, generateApiKey, verifyApiKey } from '../index'

/** `text` with every API key replaced by its redacted form. */
export declare function redactApiKeys(text: string): string
export declare function redactApiKeys(text: Uint8Array): Buffer
