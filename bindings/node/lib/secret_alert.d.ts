// Leaked-key reports from GitHub secret scanning (docs/spec.md §2.10).
import type { HeaderContainer } from './webhook'

/** `'https://api.github.com/meta/public_keys/secret_scanning'`: where GitHub publishes its keys. */
export declare const GITHUB_PUBLIC_KEYS_URL: string

/**
 * One match of a verified alert. `toString()`, `toJSON()` and `util.inspect` show the token
 * redacted: it is a leaked credential.
 */
export declare class SecretAlert {
  /** A match as GitHub reports it (replaying a stored alert, tests); `isRevtainKey` is decided here. */
  constructor(alert: { token: string; type: string; url?: string | null; source?: string | null })
  /** The string GitHub found: a leaked Revtain API key, or a false positive. */
  readonly token: string
  /** The token type GitHub matched. */
  readonly type: string
  /** Where it was found, or null. */
  readonly url: string | null
  /** What kind of place it was found in (`content`, `commit`, …), or null. */
  readonly source: string | null
  /** Whether the token is a well-formed Revtain API key. */
  readonly isRevtainKey: boolean
  toString(): string
  toJSON(): string
}

/**
 * Verifies a GitHub secret-scanning alert request (the raw body, the request's headers and
 * GitHub's public-key document as published) and returns its matches. Throws an Error whose
 * `code` is `REVTAIN_RESULT_SECRET_ALERT_*`.
 */
export declare function verifyGithubSecretAlert(
  body: string | Uint8Array,
  headers: HeaderContainer,
  publicKeys: string | Uint8Array,
): SecretAlert[]

/**
 * GitHub's feedback body (JSON) for `alerts`: `isKnown(token)` is asked only about Revtain API
 * keys.
 */
export declare function secretAlertResponse(
  alerts: readonly SecretAlert[],
  isKnown: (token: string) => boolean | Promise<boolean>,
): Promise<Buffer>
