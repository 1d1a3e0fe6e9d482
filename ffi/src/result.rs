use std::ffi::c_char;

use revtain::ErrorKind;

use crate::util::{ffi_boundary, write_text};

/// The result of every fallible function. Values are stable and never renumbered: a new code
/// gets a new value. Capabilities own blocks of 100.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum revtain_result {
    /// Success.
    Ok = 0,
    /// A pointer argument that must not be NULL was NULL (or NULL with a non-zero length).
    NullParameter = 1,
    /// The output buffer is too small; the needed size is in `*out_len`.
    InsufficientSize = 2,
    /// The library hit an internal error (a Rust panic) and stopped it at the boundary.
    Panic = 3,
    /// The operating system's random number generator could not be read.
    RandomUnavailable = 10,
    /// An API key does not start with `rev_` (lower case).
    ApiKeyWrongPrefix = 100,
    /// An API key is not 36 characters long.
    ApiKeyWrongLength = 101,
    /// An API key has a character outside the base64url alphabet.
    ApiKeyBadCharacter = 102,
    /// A stored API-key lookup hash is not 32 bytes long.
    InvalidLookupHash = 103,
    /// A vault envelope is malformed (version, algorithm, length, encoding or prefix).
    VaultMalformedEnvelope = 200,
    /// A vault envelope names a key id the keyring does not hold.
    VaultUnknownKeyId = 201,
    /// A vault envelope failed authentication: altered, or opened with another context.
    VaultAuthenticationFailed = 202,
    /// A vault context cannot be encoded (a key or value over 65535 bytes, or a repeated key).
    VaultInvalidContext = 203,
    /// A keyring text is invalid.
    KeyringInvalid = 204,
    /// A webhook has no `X-Revtain-Signature` header (the signature header argument was NULL).
    WebhookHeaderMissing = 300,
    /// The signature header is not `t=<unix seconds>,v1=<hex>...`.
    WebhookHeaderMalformed = 301,
    /// The signature header has no `v1` entry of 64 lowercase hex characters.
    WebhookNoSignature = 302,
    /// A signature matched but its timestamp is outside the tolerance.
    WebhookTimestampOutOfTolerance = 303,
    /// No `v1` signature matches the body under any of the secrets.
    WebhookSignatureMismatch = 304,
    /// A webhook signing secret is not `whsec_` + base64 of 32 bytes.
    WebhookInvalidSecret = 305,
    /// An event id is empty, longer than 256 bytes or not visible ASCII.
    WebhookInvalidEventId = 306,
    /// The verified body is not a Revtain event envelope.
    WebhookInvalidPayload = 307,
    /// The connector name is not one of `revtain_connector_name`'s.
    ConnectorUnknown = 400,
    /// The connector's signature header (or signed body field) is absent.
    ConnectorHeaderMissing = 401,
    /// The connector's signature header (or field) does not have the scheme's shape.
    ConnectorHeaderMalformed = 402,
    /// A signature matched but its timestamp is outside the window.
    ConnectorTimestampOutOfTolerance = 403,
    /// No signature matches the body under the secret.
    ConnectorSignatureMismatch = 404,
    /// The secret is empty or not of the scheme's form.
    ConnectorInvalidSecret = 405,
    /// An option the scheme needs is missing or unusable.
    ConnectorInvalidOptions = 406,
    /// A body the connector must parse cannot be parsed.
    ConnectorPayloadMalformed = 407,
    /// A card number was passed where a token or reference belongs.
    CardPanDetected = 700,
    /// The gateway name is not a known gateway.
    CardUnknownGateway = 701,
    /// A gateway token does not have the gateway's shape.
    CardInvalidGatewayToken = 702,
    /// A card-update secret is not `cusec_` + base64 of 32 bytes.
    CardUpdateInvalidSecret = 703,
    /// A client id, customer reference, URL or lifetime cannot be used.
    CardUpdateInvalidParameter = 704,
    /// A card-update token is not a compact JWS with a supported header.
    CardUpdateTokenMalformed = 705,
    /// A card-update token's `alg` is not `HS256`.
    CardUpdateTokenAlgorithm = 706,
    /// A card-update token's signature does not verify.
    CardUpdateTokenSignatureMismatch = 707,
    /// A card-update token has expired.
    CardUpdateTokenExpired = 708,
    /// A card-update token's `iat` or `nbf` is in the future.
    CardUpdateTokenNotYetValid = 709,
    /// A card-update token's `aud` is not `revtain:card-update`.
    CardUpdateTokenAudience = 710,
    /// A card-update token was issued for another client id.
    CardUpdateTokenIssuer = 711,
    /// A card-update token's claims are missing or of the wrong type.
    CardUpdateTokenInvalidClaims = 712,
    /// A retry policy setting is out of range.
    RetryInvalidPolicy = 500,
    /// A gateway client or request cannot be used (URL, scheme, method, path, header).
    GatewayInvalidRequest = 501,
    /// A gateway call used every attempt on retryable outcomes.
    GatewayRetriesExhausted = 502,
    /// A gateway call's next retry would end past its deadline.
    GatewayDeadlineExceeded = 503,
    /// A gateway asked (`Retry-After`) to wait past the call's deadline.
    GatewayRetryAfterBeyondDeadline = 504,
    /// The gateway host's retry budget is spent: no retry was sent.
    GatewayBudgetExhausted = 505,
    /// A rate limiter setting is out of range (limit 1 to 1000000, window 1 ms to 366 days).
    RateLimitInvalidConfig = 600,
    /// A rate-limit key is empty or longer than 1024 bytes.
    RateLimitInvalidKey = 601,
    /// The rate limiter's shared store could not be reached (not returned by the C API, which
    /// has the in-memory limiter only; listed so every core kind has a code).
    RateLimitStoreUnavailable = 602,
}

impl revtain_result {
    /// Every code, in value order.
    pub const ALL: &'static [revtain_result] = &[
        Self::Ok,
        Self::NullParameter,
        Self::InsufficientSize,
        Self::Panic,
        Self::RandomUnavailable,
        Self::ApiKeyWrongPrefix,
        Self::ApiKeyWrongLength,
        Self::ApiKeyBadCharacter,
        Self::InvalidLookupHash,
        Self::VaultMalformedEnvelope,
        Self::VaultUnknownKeyId,
        Self::VaultAuthenticationFailed,
        Self::VaultInvalidContext,
        Self::KeyringInvalid,
        Self::WebhookHeaderMissing,
        Self::WebhookHeaderMalformed,
        Self::WebhookNoSignature,
        Self::WebhookTimestampOutOfTolerance,
        Self::WebhookSignatureMismatch,
        Self::WebhookInvalidSecret,
        Self::WebhookInvalidEventId,
        Self::WebhookInvalidPayload,
        Self::RetryInvalidPolicy,
        Self::GatewayInvalidRequest,
        Self::GatewayRetriesExhausted,
        Self::GatewayDeadlineExceeded,
        Self::GatewayRetryAfterBeyondDeadline,
        Self::GatewayBudgetExhausted,
        Self::RateLimitInvalidConfig,
        Self::RateLimitInvalidKey,
        Self::RateLimitStoreUnavailable,
        Self::ConnectorUnknown,
        Self::ConnectorHeaderMissing,
        Self::ConnectorHeaderMalformed,
        Self::ConnectorTimestampOutOfTolerance,
        Self::ConnectorSignatureMismatch,
        Self::ConnectorInvalidSecret,
        Self::ConnectorInvalidOptions,
        Self::ConnectorPayloadMalformed,
        Self::CardPanDetected,
        Self::CardUnknownGateway,
        Self::CardInvalidGatewayToken,
        Self::CardUpdateInvalidSecret,
        Self::CardUpdateInvalidParameter,
        Self::CardUpdateTokenMalformed,
        Self::CardUpdateTokenAlgorithm,
        Self::CardUpdateTokenSignatureMismatch,
        Self::CardUpdateTokenExpired,
        Self::CardUpdateTokenNotYetValid,
        Self::CardUpdateTokenAudience,
        Self::CardUpdateTokenIssuer,
        Self::CardUpdateTokenInvalidClaims,
    ];

    /// The code for a value, if it is one.
    pub fn from_u32(value: u32) -> Option<Self> {
        Self::ALL.iter().copied().find(|r| *r as u32 == value)
    }

    /// The enumerator's name in `revtain.h`, which is also the core's [`ErrorKind::code`].
    pub const fn name(self) -> &'static str {
        match self {
            Self::Ok => "REVTAIN_RESULT_OK",
            Self::NullParameter => "REVTAIN_RESULT_NULL_PARAMETER",
            Self::InsufficientSize => "REVTAIN_RESULT_INSUFFICIENT_SIZE",
            Self::Panic => "REVTAIN_RESULT_PANIC",
            Self::RandomUnavailable => "REVTAIN_RESULT_RANDOM_UNAVAILABLE",
            Self::ApiKeyWrongPrefix => "REVTAIN_RESULT_API_KEY_WRONG_PREFIX",
            Self::ApiKeyWrongLength => "REVTAIN_RESULT_API_KEY_WRONG_LENGTH",
            Self::ApiKeyBadCharacter => "REVTAIN_RESULT_API_KEY_BAD_CHARACTER",
            Self::InvalidLookupHash => "REVTAIN_RESULT_INVALID_LOOKUP_HASH",
            Self::VaultMalformedEnvelope => "REVTAIN_RESULT_VAULT_MALFORMED_ENVELOPE",
            Self::VaultUnknownKeyId => "REVTAIN_RESULT_VAULT_UNKNOWN_KEY_ID",
            Self::VaultAuthenticationFailed => "REVTAIN_RESULT_VAULT_AUTHENTICATION_FAILED",
            Self::VaultInvalidContext => "REVTAIN_RESULT_VAULT_INVALID_CONTEXT",
            Self::KeyringInvalid => "REVTAIN_RESULT_KEYRING_INVALID",
            Self::WebhookHeaderMissing => "REVTAIN_RESULT_WEBHOOK_HEADER_MISSING",
            Self::WebhookHeaderMalformed => "REVTAIN_RESULT_WEBHOOK_HEADER_MALFORMED",
            Self::WebhookNoSignature => "REVTAIN_RESULT_WEBHOOK_NO_SIGNATURE",
            Self::WebhookTimestampOutOfTolerance => {
                "REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE"
            }
            Self::WebhookSignatureMismatch => "REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH",
            Self::WebhookInvalidSecret => "REVTAIN_RESULT_WEBHOOK_INVALID_SECRET",
            Self::WebhookInvalidEventId => "REVTAIN_RESULT_WEBHOOK_INVALID_EVENT_ID",
            Self::WebhookInvalidPayload => "REVTAIN_RESULT_WEBHOOK_INVALID_PAYLOAD",
            Self::ConnectorUnknown => "REVTAIN_RESULT_CONNECTOR_UNKNOWN",
            Self::ConnectorHeaderMissing => "REVTAIN_RESULT_CONNECTOR_HEADER_MISSING",
            Self::ConnectorHeaderMalformed => "REVTAIN_RESULT_CONNECTOR_HEADER_MALFORMED",
            Self::ConnectorTimestampOutOfTolerance => {
                "REVTAIN_RESULT_CONNECTOR_TIMESTAMP_OUT_OF_TOLERANCE"
            }
            Self::ConnectorSignatureMismatch => "REVTAIN_RESULT_CONNECTOR_SIGNATURE_MISMATCH",
            Self::ConnectorInvalidSecret => "REVTAIN_RESULT_CONNECTOR_INVALID_SECRET",
            Self::ConnectorInvalidOptions => "REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS",
            Self::ConnectorPayloadMalformed => "REVTAIN_RESULT_CONNECTOR_PAYLOAD_MALFORMED",
            Self::CardPanDetected => "REVTAIN_RESULT_CARD_PAN_DETECTED",
            Self::CardUnknownGateway => "REVTAIN_RESULT_CARD_UNKNOWN_GATEWAY",
            Self::CardInvalidGatewayToken => "REVTAIN_RESULT_CARD_INVALID_GATEWAY_TOKEN",
            Self::CardUpdateInvalidSecret => "REVTAIN_RESULT_CARD_UPDATE_INVALID_SECRET",
            Self::CardUpdateInvalidParameter => "REVTAIN_RESULT_CARD_UPDATE_INVALID_PARAMETER",
            Self::CardUpdateTokenMalformed => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_MALFORMED",
            Self::CardUpdateTokenAlgorithm => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_ALGORITHM",
            Self::CardUpdateTokenSignatureMismatch => {
                "REVTAIN_RESULT_CARD_UPDATE_TOKEN_SIGNATURE_MISMATCH"
            }
            Self::CardUpdateTokenExpired => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_EXPIRED",
            Self::CardUpdateTokenNotYetValid => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_NOT_YET_VALID",
            Self::CardUpdateTokenAudience => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_AUDIENCE",
            Self::CardUpdateTokenIssuer => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_ISSUER",
            Self::CardUpdateTokenInvalidClaims => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_INVALID_CLAIMS",
            Self::RateLimitInvalidConfig => "REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG",
            Self::RateLimitInvalidKey => "REVTAIN_RESULT_RATE_LIMIT_INVALID_KEY",
            Self::RateLimitStoreUnavailable => "REVTAIN_RESULT_RATE_LIMIT_STORE_UNAVAILABLE",
            Self::RetryInvalidPolicy => "REVTAIN_RESULT_RETRY_INVALID_POLICY",
            Self::GatewayInvalidRequest => "REVTAIN_RESULT_GATEWAY_INVALID_REQUEST",
            Self::GatewayRetriesExhausted => "REVTAIN_RESULT_GATEWAY_RETRIES_EXHAUSTED",
            Self::GatewayDeadlineExceeded => "REVTAIN_RESULT_GATEWAY_DEADLINE_EXCEEDED",
            Self::GatewayRetryAfterBeyondDeadline => {
                "REVTAIN_RESULT_GATEWAY_RETRY_AFTER_BEYOND_DEADLINE"
            }
            Self::GatewayBudgetExhausted => "REVTAIN_RESULT_GATEWAY_BUDGET_EXHAUSTED",
        }
    }

    const fn c_name(self) -> &'static str {
        match self {
            Self::Ok => "REVTAIN_RESULT_OK\0",
            Self::NullParameter => "REVTAIN_RESULT_NULL_PARAMETER\0",
            Self::InsufficientSize => "REVTAIN_RESULT_INSUFFICIENT_SIZE\0",
            Self::Panic => "REVTAIN_RESULT_PANIC\0",
            Self::RandomUnavailable => "REVTAIN_RESULT_RANDOM_UNAVAILABLE\0",
            Self::ApiKeyWrongPrefix => "REVTAIN_RESULT_API_KEY_WRONG_PREFIX\0",
            Self::ApiKeyWrongLength => "REVTAIN_RESULT_API_KEY_WRONG_LENGTH\0",
            Self::ApiKeyBadCharacter => "REVTAIN_RESULT_API_KEY_BAD_CHARACTER\0",
            Self::InvalidLookupHash => "REVTAIN_RESULT_INVALID_LOOKUP_HASH\0",
            Self::VaultMalformedEnvelope => "REVTAIN_RESULT_VAULT_MALFORMED_ENVELOPE\0",
            Self::VaultUnknownKeyId => "REVTAIN_RESULT_VAULT_UNKNOWN_KEY_ID\0",
            Self::VaultAuthenticationFailed => "REVTAIN_RESULT_VAULT_AUTHENTICATION_FAILED\0",
            Self::VaultInvalidContext => "REVTAIN_RESULT_VAULT_INVALID_CONTEXT\0",
            Self::KeyringInvalid => "REVTAIN_RESULT_KEYRING_INVALID\0",
            Self::WebhookHeaderMissing => "REVTAIN_RESULT_WEBHOOK_HEADER_MISSING\0",
            Self::WebhookHeaderMalformed => "REVTAIN_RESULT_WEBHOOK_HEADER_MALFORMED\0",
            Self::WebhookNoSignature => "REVTAIN_RESULT_WEBHOOK_NO_SIGNATURE\0",
            Self::WebhookTimestampOutOfTolerance => {
                "REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE\0"
            }
            Self::WebhookSignatureMismatch => "REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH\0",
            Self::WebhookInvalidSecret => "REVTAIN_RESULT_WEBHOOK_INVALID_SECRET\0",
            Self::WebhookInvalidEventId => "REVTAIN_RESULT_WEBHOOK_INVALID_EVENT_ID\0",
            Self::WebhookInvalidPayload => "REVTAIN_RESULT_WEBHOOK_INVALID_PAYLOAD\0",
            Self::ConnectorUnknown => "REVTAIN_RESULT_CONNECTOR_UNKNOWN\0",
            Self::ConnectorHeaderMissing => "REVTAIN_RESULT_CONNECTOR_HEADER_MISSING\0",
            Self::ConnectorHeaderMalformed => "REVTAIN_RESULT_CONNECTOR_HEADER_MALFORMED\0",
            Self::ConnectorTimestampOutOfTolerance => {
                "REVTAIN_RESULT_CONNECTOR_TIMESTAMP_OUT_OF_TOLERANCE\0"
            }
            Self::ConnectorSignatureMismatch => "REVTAIN_RESULT_CONNECTOR_SIGNATURE_MISMATCH\0",
            Self::ConnectorInvalidSecret => "REVTAIN_RESULT_CONNECTOR_INVALID_SECRET\0",
            Self::ConnectorInvalidOptions => "REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS\0",
            Self::ConnectorPayloadMalformed => "REVTAIN_RESULT_CONNECTOR_PAYLOAD_MALFORMED\0",
            Self::CardPanDetected => "REVTAIN_RESULT_CARD_PAN_DETECTED\0",
            Self::CardUnknownGateway => "REVTAIN_RESULT_CARD_UNKNOWN_GATEWAY\0",
            Self::CardInvalidGatewayToken => "REVTAIN_RESULT_CARD_INVALID_GATEWAY_TOKEN\0",
            Self::CardUpdateInvalidSecret => "REVTAIN_RESULT_CARD_UPDATE_INVALID_SECRET\0",
            Self::CardUpdateInvalidParameter => "REVTAIN_RESULT_CARD_UPDATE_INVALID_PARAMETER\0",
            Self::CardUpdateTokenMalformed => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_MALFORMED\0",
            Self::CardUpdateTokenAlgorithm => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_ALGORITHM\0",
            Self::CardUpdateTokenSignatureMismatch => {
                "REVTAIN_RESULT_CARD_UPDATE_TOKEN_SIGNATURE_MISMATCH\0"
            }
            Self::CardUpdateTokenExpired => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_EXPIRED\0",
            Self::CardUpdateTokenNotYetValid => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_NOT_YET_VALID\0",
            Self::CardUpdateTokenAudience => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_AUDIENCE\0",
            Self::CardUpdateTokenIssuer => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_ISSUER\0",
            Self::CardUpdateTokenInvalidClaims => {
                "REVTAIN_RESULT_CARD_UPDATE_TOKEN_INVALID_CLAIMS\0"
            }
            Self::RateLimitInvalidConfig => "REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG\0",
            Self::RateLimitInvalidKey => "REVTAIN_RESULT_RATE_LIMIT_INVALID_KEY\0",
            Self::RateLimitStoreUnavailable => "REVTAIN_RESULT_RATE_LIMIT_STORE_UNAVAILABLE\0",
            Self::RetryInvalidPolicy => "REVTAIN_RESULT_RETRY_INVALID_POLICY\0",
            Self::GatewayInvalidRequest => "REVTAIN_RESULT_GATEWAY_INVALID_REQUEST\0",
            Self::GatewayRetriesExhausted => "REVTAIN_RESULT_GATEWAY_RETRIES_EXHAUSTED\0",
            Self::GatewayDeadlineExceeded => "REVTAIN_RESULT_GATEWAY_DEADLINE_EXCEEDED\0",
            Self::GatewayRetryAfterBeyondDeadline => {
                "REVTAIN_RESULT_GATEWAY_RETRY_AFTER_BEYOND_DEADLINE\0"
            }
            Self::GatewayBudgetExhausted => "REVTAIN_RESULT_GATEWAY_BUDGET_EXHAUSTED\0",
        }
    }

    /// A sentence describing the code.
    pub const fn message(self) -> &'static str {
        match self {
            Self::Ok => "success",
            Self::NullParameter => "a required pointer argument was NULL (or NULL with a non-zero length)",
            Self::InsufficientSize => "the output buffer is too small; the needed size is in *out_len (text needs one more byte for the NUL)",
            Self::Panic => "internal error in the Revtain library (a bug: please report it)",
            Self::RandomUnavailable => "the operating system's random number generator is unavailable",
            Self::ApiKeyWrongPrefix => "not a Revtain API key: it must start with \"rev_\" (lower case)",
            Self::ApiKeyWrongLength => "not a Revtain API key: it must be 36 characters long (check for surrounding whitespace)",
            Self::ApiKeyBadCharacter => "not a Revtain API key: a character is not in the base64url alphabet (A-Z a-z 0-9 - _); its position is in *error_position",
            Self::InvalidLookupHash => "a stored API-key lookup hash must be 32 raw bytes (HMAC-SHA256), not hex or base64",
            Self::VaultMalformedEnvelope => "malformed envelope: not a version-1 AES-256-GCM envelope (bad version, algorithm, length, encoding or prefix)",
            Self::VaultUnknownKeyId => "unknown key id: the keyring does not hold the key this envelope was sealed with",
            Self::VaultAuthenticationFailed => "authentication failed: the envelope was altered, or the context differs from the one it was sealed with",
            Self::VaultInvalidContext => "invalid context: a key or value is over 65535 bytes, there are over 65535 entries, or a key repeats",
            Self::KeyringInvalid => "invalid keyring: expected <key_id>:<base64 of 32 bytes>[,...] with decimal ids, padded standard base64 and no repeated id",
            Self::WebhookHeaderMissing => "the X-Revtain-Signature header is missing: the request was not signed by Revtain, or a proxy dropped the header",
            Self::WebhookHeaderMalformed => "the X-Revtain-Signature header is malformed: expected t=<unix seconds>,v1=<64 lowercase hex>[,v1=...] with exactly one t",
            Self::WebhookNoSignature => "the X-Revtain-Signature header has no usable v1 signature (none, or none of 64 lowercase hex characters)",
            Self::WebhookTimestampOutOfTolerance => "the signature is genuine but its timestamp is outside the tolerance: a replayed webhook, or a clock that is off",
            Self::WebhookSignatureMismatch => "signature mismatch: the usual causes are a framework that parsed and re-serialised the body (verify the raw bytes as received), or the wrong webhook secret",
            Self::WebhookInvalidSecret => "invalid webhook secret: expected whsec_ followed by the standard base64 of 32 bytes",
            Self::WebhookInvalidEventId => "invalid event id: it must be 1 to 256 visible ASCII characters (it becomes the webhook-id header)",
            Self::WebhookInvalidPayload => "the webhook body is not a Revtain event: expected a JSON object with string id, string type, integer created and object data",
            Self::ConnectorUnknown => "unknown connector: the name is not one of the connectors this library knows (see revtain_connector_name)",
            Self::ConnectorHeaderMissing => "the connector's signature header (or signed body field) is missing: the request was not signed by the platform, or a proxy dropped the header",
            Self::ConnectorHeaderMalformed => "the connector's signature header is malformed: it does not have the platform's shape (timestamp, separators, or a signature of the wrong length or encoding)",
            Self::ConnectorTimestampOutOfTolerance => "the signature is genuine but its timestamp is outside the window: a replayed webhook, or a clock that is off",
            Self::ConnectorSignatureMismatch => "signature mismatch: the usual causes are a framework that parsed and re-serialised the body (verify the raw bytes as received), or the wrong secret",
            Self::ConnectorInvalidSecret => "invalid connector secret: it is empty or not of the platform's form (Standard Webhooks: base64, Adyen: hex, Chargebee: user:password)",
            Self::ConnectorInvalidOptions => "invalid connector options: Square needs the notification URL, Braintree the public key",
            Self::ConnectorPayloadMalformed => "the body cannot be parsed the way the platform sends it (Adyen: JSON notification items; Braintree: a form with bt_signature and bt_payload)",
            Self::CardPanDetected => "a card number (PAN) was passed where a gateway token or reference belongs: Revtain never accepts raw card numbers",
            Self::CardUnknownGateway => "unknown gateway: expected stripe, braintree, adyen, checkout, square, gocardless or paddle",
            Self::CardInvalidGatewayToken => "not a token of that gateway: see docs/card.md for each gateway's token shape",
            Self::CardUpdateInvalidSecret => "invalid card-update secret: expected cusec_ followed by the standard base64 of 32 bytes",
            Self::CardUpdateInvalidParameter => "invalid card-update link parameter: client id or customer 1-255 bytes without control characters, https URLs, ttl 1 s to 30 days",
            Self::CardUpdateTokenMalformed => "malformed card-update token: expected three unpadded base64url parts and a JWS header without crit or b64",
            Self::CardUpdateTokenAlgorithm => "card-update token refused: only alg HS256 is accepted (never none or another algorithm)",
            Self::CardUpdateTokenSignatureMismatch => "card-update token refused: the signature does not match (altered, or signed with another secret)",
            Self::CardUpdateTokenExpired => "card-update token expired (beyond the leeway)",
            Self::CardUpdateTokenNotYetValid => "card-update token refused: issued or valid only in the future, beyond the leeway (a clock that is off?)",
            Self::CardUpdateTokenAudience => "card-update token refused: its audience is not revtain:card-update",
            Self::CardUpdateTokenIssuer => "card-update token refused: it was issued for another client id",
            Self::CardUpdateTokenInvalidClaims => "card-update token refused: a claim is missing or of the wrong type, exp is not after iat, or return_url is not https",
            Self::RateLimitInvalidConfig => "invalid rate limiter configuration: the limit must be 1 to 1000000 and the window 1 ms to 366 days",
            Self::RateLimitInvalidKey => "invalid rate-limit key: it must be 1 to 1024 bytes long",
            Self::RateLimitStoreUnavailable => "the rate limiter's shared store (Redis) could not be reached or answered with an error",
            Self::RetryInvalidPolicy => "invalid retry policy: base must not exceed cap, max_attempts 1 to 100, a deadline above zero, jitter full, equal or none",
            Self::GatewayInvalidRequest => "invalid gateway request: https base URL (plain http to loopback only), a method, a path starting with a single /, valid headers",
            Self::GatewayRetriesExhausted => "the gateway call failed on every attempt the policy allows (5xx, 429, 408, connection failures or timeouts)",
            Self::GatewayDeadlineExceeded => "the gateway call stopped: its next retry would end past the call's deadline",
            Self::GatewayRetryAfterBeyondDeadline => "the gateway asked (Retry-After) to wait past the call's deadline, so the call stopped at once",
            Self::GatewayBudgetExhausted => "the gateway host's retry budget is spent (it is failing for many calls), so no retry was sent",
        }
    }
}

impl From<ErrorKind> for revtain_result {
    fn from(kind: ErrorKind) -> Self {
        // Exhaustive: a new core error kind does not compile until it has a C code.
        match kind {
            ErrorKind::RandomUnavailable => Self::RandomUnavailable,
            ErrorKind::ApiKeyWrongPrefix => Self::ApiKeyWrongPrefix,
            ErrorKind::ApiKeyWrongLength => Self::ApiKeyWrongLength,
            ErrorKind::ApiKeyBadCharacter => Self::ApiKeyBadCharacter,
            ErrorKind::InvalidLookupHash => Self::InvalidLookupHash,
            ErrorKind::VaultMalformedEnvelope => Self::VaultMalformedEnvelope,
            ErrorKind::VaultUnknownKeyId => Self::VaultUnknownKeyId,
            ErrorKind::VaultAuthenticationFailed => Self::VaultAuthenticationFailed,
            ErrorKind::VaultInvalidContext => Self::VaultInvalidContext,
            ErrorKind::KeyringInvalid => Self::KeyringInvalid,
            ErrorKind::WebhookHeaderMissing => Self::WebhookHeaderMissing,
            ErrorKind::WebhookHeaderMalformed => Self::WebhookHeaderMalformed,
            ErrorKind::WebhookNoSignature => Self::WebhookNoSignature,
            ErrorKind::WebhookTimestampOutOfTolerance => Self::WebhookTimestampOutOfTolerance,
            ErrorKind::WebhookSignatureMismatch => Self::WebhookSignatureMismatch,
            ErrorKind::WebhookInvalidSecret => Self::WebhookInvalidSecret,
            ErrorKind::WebhookInvalidEventId => Self::WebhookInvalidEventId,
            ErrorKind::WebhookInvalidPayload => Self::WebhookInvalidPayload,
            ErrorKind::ConnectorUnknown => Self::ConnectorUnknown,
            ErrorKind::ConnectorHeaderMissing => Self::ConnectorHeaderMissing,
            ErrorKind::ConnectorHeaderMalformed => Self::ConnectorHeaderMalformed,
            ErrorKind::ConnectorTimestampOutOfTolerance => Self::ConnectorTimestampOutOfTolerance,
            ErrorKind::ConnectorSignatureMismatch => Self::ConnectorSignatureMismatch,
            ErrorKind::ConnectorInvalidSecret => Self::ConnectorInvalidSecret,
            ErrorKind::ConnectorInvalidOptions => Self::ConnectorInvalidOptions,
            ErrorKind::ConnectorPayloadMalformed => Self::ConnectorPayloadMalformed,
            ErrorKind::CardPanDetected => Self::CardPanDetected,
            ErrorKind::CardUnknownGateway => Self::CardUnknownGateway,
            ErrorKind::CardInvalidGatewayToken => Self::CardInvalidGatewayToken,
            ErrorKind::CardUpdateInvalidSecret => Self::CardUpdateInvalidSecret,
            ErrorKind::CardUpdateInvalidParameter => Self::CardUpdateInvalidParameter,
            ErrorKind::CardUpdateTokenMalformed => Self::CardUpdateTokenMalformed,
            ErrorKind::CardUpdateTokenAlgorithm => Self::CardUpdateTokenAlgorithm,
            ErrorKind::CardUpdateTokenSignatureMismatch => Self::CardUpdateTokenSignatureMismatch,
            ErrorKind::CardUpdateTokenExpired => Self::CardUpdateTokenExpired,
            ErrorKind::CardUpdateTokenNotYetValid => Self::CardUpdateTokenNotYetValid,
            ErrorKind::CardUpdateTokenAudience => Self::CardUpdateTokenAudience,
            ErrorKind::CardUpdateTokenIssuer => Self::CardUpdateTokenIssuer,
            ErrorKind::CardUpdateTokenInvalidClaims => Self::CardUpdateTokenInvalidClaims,
            ErrorKind::RateLimitInvalidConfig => Self::RateLimitInvalidConfig,
            ErrorKind::RateLimitInvalidKey => Self::RateLimitInvalidKey,
            ErrorKind::RateLimitStoreUnavailable => Self::RateLimitStoreUnavailable,
            ErrorKind::RetryInvalidPolicy => Self::RetryInvalidPolicy,
            ErrorKind::GatewayInvalidRequest => Self::GatewayInvalidRequest,
            ErrorKind::GatewayRetriesExhausted => Self::GatewayRetriesExhausted,
            ErrorKind::GatewayDeadlineExceeded => Self::GatewayDeadlineExceeded,
            ErrorKind::GatewayRetryAfterBeyondDeadline => Self::GatewayRetryAfterBeyondDeadline,
            ErrorKind::GatewayBudgetExhausted => Self::GatewayBudgetExhausted,
        }
    }
}

/// Writes the message for `code` into `buf` (see the text-output convention). `code` is a
/// plain integer so that any value is safe; an unknown value gets a message saying so.
///
/// # Safety
/// `buf` is NULL (with `buf_len` 0) or valid for `buf_len` bytes; `out_len` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_result_message(
    code: u32,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let text = match revtain_result::from_u32(code) {
            Some(r) => r.message().to_owned(),
            None => format!("unknown revtain_result value {code}"),
        };
        write_text(text.as_bytes(), buf, buf_len, out_len)
    })
}

/// The enumerator name of `code` (for example `"REVTAIN_RESULT_API_KEY_WRONG_PREFIX"`) as a
/// static NUL-terminated string, or `"REVTAIN_RESULT_UNKNOWN"` for a value that is not a code.
/// Never NULL; do not free.
#[no_mangle]
pub extern "C" fn revtain_result_name(code: u32) -> *const c_char {
    match revtain_result::from_u32(code) {
        Some(r) => r.c_name().as_ptr().cast(),
        None => c"REVTAIN_RESULT_UNKNOWN".as_ptr(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_kind_has_a_c_code_with_the_same_name() {
        for kind in ErrorKind::ALL {
            let r = revtain_result::from(*kind);
            assert_eq!(r.name(), kind.code());
        }
    }

    #[test]
    fn codes_are_unique_and_names_agree() {
        let mut values: Vec<u32> = revtain_result::ALL.iter().map(|r| *r as u32).collect();
        values.dedup();
        assert_eq!(values.len(), revtain_result::ALL.len());
        for r in revtain_result::ALL {
            assert_eq!(revtain_result::from_u32(*r as u32), Some(*r));
            assert_eq!(r.c_name().trim_end_matches('\0'), r.name());
            assert!(!r.message().is_empty());
        }
    }
}
