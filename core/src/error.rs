use thiserror::Error;

use crate::card::CardError;
use crate::connectors::ConnectorError;
use crate::keys::ApiKeyError;
use crate::ratelimit::RateLimitError;
#[cfg(feature = "http")]
use crate::retry::GatewayError;
use crate::retry::InvalidRetryPolicy;
use crate::rng::RandomUnavailable;
use crate::vault::VaultError;
use crate::webhook::WebhookError;

/// Every kind of error this library can report, across all capabilities.
///
/// This is the one list that every surface maps: each kind has exactly one C result code
/// (`revtain_result`), one Python exception class and one Node `err.code`. The bindings match
/// on it exhaustively, so a kind added here does not compile until every surface maps it, and
/// each binding's test suite checks its mapping against [`ErrorKind::ALL`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The OS random number generator could not be read.
    RandomUnavailable,
    /// An API key does not start with `rev_`.
    ApiKeyWrongPrefix,
    /// An API key is not 36 characters long.
    ApiKeyWrongLength,
    /// An API key has a character outside the base64url alphabet.
    ApiKeyBadCharacter,
    /// A stored API-key lookup hash is not 32 bytes long.
    InvalidLookupHash,
    /// A vault envelope is malformed (version, algorithm, length, encoding or prefix).
    VaultMalformedEnvelope,
    /// A vault envelope names a key id the keyring does not hold.
    VaultUnknownKeyId,
    /// A vault envelope failed authentication (altered, wrong key or wrong context).
    VaultAuthenticationFailed,
    /// A vault context cannot be encoded.
    VaultInvalidContext,
    /// A keyring text is invalid.
    KeyringInvalid,
    /// A webhook has no `X-Revtain-Signature` header.
    WebhookHeaderMissing,
    /// A webhook signature header is malformed.
    WebhookHeaderMalformed,
    /// A webhook signature header has no usable `v1` signature.
    WebhookNoSignature,
    /// A webhook's timestamp is outside the tolerance.
    WebhookTimestampOutOfTolerance,
    /// No webhook signature matches the body under any secret.
    WebhookSignatureMismatch,
    /// A webhook signing secret is invalid.
    WebhookInvalidSecret,
    /// An event id cannot be signed.
    WebhookInvalidEventId,
    /// A verified webhook body is not a Revtain event.
    WebhookInvalidPayload,
    /// The connector name is not one this library knows.
    ConnectorUnknown,
    /// A connector's signature header (or signed body field) is absent.
    ConnectorHeaderMissing,
    /// A connector's signature header (or field) does not have the scheme's shape.
    ConnectorHeaderMalformed,
    /// A connector webhook's signed timestamp is outside the window.
    ConnectorTimestampOutOfTolerance,
    /// No connector signature matches the body under the secret.
    ConnectorSignatureMismatch,
    /// A connector secret is empty or not of the scheme's form.
    ConnectorInvalidSecret,
    /// A connector option the scheme needs is missing or unusable.
    ConnectorInvalidOptions,
    /// A body the connector must parse (Adyen JSON, Braintree form) cannot be parsed.
    ConnectorPayloadMalformed,
    /// A card number was passed where a token or reference belongs.
    CardPanDetected,
    /// The gateway name is not a known gateway.
    CardUnknownGateway,
    /// A gateway token does not have the gateway's shape.
    CardInvalidGatewayToken,
    /// A card-update secret is not `cusec_` + base64 of 32 bytes.
    CardUpdateInvalidSecret,
    /// A client id, customer reference, URL or lifetime cannot be used.
    CardUpdateInvalidParameter,
    /// A card-update token is not a compact JWS with a supported header.
    CardUpdateTokenMalformed,
    /// A card-update token's `alg` is not `HS256`.
    CardUpdateTokenAlgorithm,
    /// A card-update token's signature does not verify.
    CardUpdateTokenSignatureMismatch,
    /// A card-update token has expired.
    CardUpdateTokenExpired,
    /// A card-update token's `iat` or `nbf` is in the future.
    CardUpdateTokenNotYetValid,
    /// A card-update token's `aud` is not `revtain:card-update`.
    CardUpdateTokenAudience,
    /// A card-update token was issued for another client id.
    CardUpdateTokenIssuer,
    /// A card-update token's claims are missing or of the wrong type.
    CardUpdateTokenInvalidClaims,
    /// A rate limiter setting is out of range or unusable.
    RateLimitInvalidConfig,
    /// A rate-limit key is empty or too long.
    RateLimitInvalidKey,
    /// The rate limiter's shared store could not be reached.
    RateLimitStoreUnavailable,
    /// A retry policy setting is out of range.
    RetryInvalidPolicy,
    /// A gateway client or request cannot be used (URL, scheme, method, path, header).
    GatewayInvalidRequest,
    /// A gateway call used every attempt on retryable outcomes.
    GatewayRetriesExhausted,
    /// A gateway call's next retry would end past its deadline.
    GatewayDeadlineExceeded,
    /// A gateway asked (`Retry-After`) to wait past the call's deadline.
    GatewayRetryAfterBeyondDeadline,
    /// The gateway host's retry budget is spent.
    GatewayBudgetExhausted,
}

impl ErrorKind {
    /// Every kind, in a stable order.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::RandomUnavailable,
        ErrorKind::ApiKeyWrongPrefix,
        ErrorKind::ApiKeyWrongLength,
        ErrorKind::ApiKeyBadCharacter,
        ErrorKind::InvalidLookupHash,
        ErrorKind::VaultMalformedEnvelope,
        ErrorKind::VaultUnknownKeyId,
        ErrorKind::VaultAuthenticationFailed,
        ErrorKind::VaultInvalidContext,
        ErrorKind::KeyringInvalid,
        ErrorKind::WebhookHeaderMissing,
        ErrorKind::WebhookHeaderMalformed,
        ErrorKind::WebhookNoSignature,
        ErrorKind::WebhookTimestampOutOfTolerance,
        ErrorKind::WebhookSignatureMismatch,
        ErrorKind::WebhookInvalidSecret,
        ErrorKind::WebhookInvalidEventId,
        ErrorKind::WebhookInvalidPayload,
        ErrorKind::ConnectorUnknown,
        ErrorKind::ConnectorHeaderMissing,
        ErrorKind::ConnectorHeaderMalformed,
        ErrorKind::ConnectorTimestampOutOfTolerance,
        ErrorKind::ConnectorSignatureMismatch,
        ErrorKind::ConnectorInvalidSecret,
        ErrorKind::ConnectorInvalidOptions,
        ErrorKind::ConnectorPayloadMalformed,
        ErrorKind::CardPanDetected,
        ErrorKind::CardUnknownGateway,
        ErrorKind::CardInvalidGatewayToken,
        ErrorKind::CardUpdateInvalidSecret,
        ErrorKind::CardUpdateInvalidParameter,
        ErrorKind::CardUpdateTokenMalformed,
        ErrorKind::CardUpdateTokenAlgorithm,
        ErrorKind::CardUpdateTokenSignatureMismatch,
        ErrorKind::CardUpdateTokenExpired,
        ErrorKind::CardUpdateTokenNotYetValid,
        ErrorKind::CardUpdateTokenAudience,
        ErrorKind::CardUpdateTokenIssuer,
        ErrorKind::CardUpdateTokenInvalidClaims,
        ErrorKind::RateLimitInvalidConfig,
        ErrorKind::RateLimitInvalidKey,
        ErrorKind::RateLimitStoreUnavailable,
        ErrorKind::RetryInvalidPolicy,
        ErrorKind::GatewayInvalidRequest,
        ErrorKind::GatewayRetriesExhausted,
        ErrorKind::GatewayDeadlineExceeded,
        ErrorKind::GatewayRetryAfterBeyondDeadline,
        ErrorKind::GatewayBudgetExhausted,
    ];

    /// The stable cross-language name: the C enumerator's name, which is also the Python
    /// exception's `.code` and the Node error's `code`.
    pub const fn code(self) -> &'static str {
        match self {
            ErrorKind::RandomUnavailable => "REVTAIN_RESULT_RANDOM_UNAVAILABLE",
            ErrorKind::ApiKeyWrongPrefix => "REVTAIN_RESULT_API_KEY_WRONG_PREFIX",
            ErrorKind::ApiKeyWrongLength => "REVTAIN_RESULT_API_KEY_WRONG_LENGTH",
            ErrorKind::ApiKeyBadCharacter => "REVTAIN_RESULT_API_KEY_BAD_CHARACTER",
            ErrorKind::InvalidLookupHash => "REVTAIN_RESULT_INVALID_LOOKUP_HASH",
            ErrorKind::VaultMalformedEnvelope => "REVTAIN_RESULT_VAULT_MALFORMED_ENVELOPE",
            ErrorKind::VaultUnknownKeyId => "REVTAIN_RESULT_VAULT_UNKNOWN_KEY_ID",
            ErrorKind::VaultAuthenticationFailed => "REVTAIN_RESULT_VAULT_AUTHENTICATION_FAILED",
            ErrorKind::VaultInvalidContext => "REVTAIN_RESULT_VAULT_INVALID_CONTEXT",
            ErrorKind::KeyringInvalid => "REVTAIN_RESULT_KEYRING_INVALID",
            ErrorKind::WebhookHeaderMissing => "REVTAIN_RESULT_WEBHOOK_HEADER_MISSING",
            ErrorKind::WebhookHeaderMalformed => "REVTAIN_RESULT_WEBHOOK_HEADER_MALFORMED",
            ErrorKind::WebhookNoSignature => "REVTAIN_RESULT_WEBHOOK_NO_SIGNATURE",
            ErrorKind::WebhookTimestampOutOfTolerance => {
                "REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE"
            }
            ErrorKind::WebhookSignatureMismatch => "REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH",
            ErrorKind::WebhookInvalidSecret => "REVTAIN_RESULT_WEBHOOK_INVALID_SECRET",
            ErrorKind::WebhookInvalidEventId => "REVTAIN_RESULT_WEBHOOK_INVALID_EVENT_ID",
            ErrorKind::WebhookInvalidPayload => "REVTAIN_RESULT_WEBHOOK_INVALID_PAYLOAD",
            ErrorKind::ConnectorUnknown => "REVTAIN_RESULT_CONNECTOR_UNKNOWN",
            ErrorKind::ConnectorHeaderMissing => "REVTAIN_RESULT_CONNECTOR_HEADER_MISSING",
            ErrorKind::ConnectorHeaderMalformed => "REVTAIN_RESULT_CONNECTOR_HEADER_MALFORMED",
            ErrorKind::ConnectorTimestampOutOfTolerance => {
                "REVTAIN_RESULT_CONNECTOR_TIMESTAMP_OUT_OF_TOLERANCE"
            }
            ErrorKind::ConnectorSignatureMismatch => "REVTAIN_RESULT_CONNECTOR_SIGNATURE_MISMATCH",
            ErrorKind::ConnectorInvalidSecret => "REVTAIN_RESULT_CONNECTOR_INVALID_SECRET",
            ErrorKind::ConnectorInvalidOptions => "REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS",
            ErrorKind::ConnectorPayloadMalformed => "REVTAIN_RESULT_CONNECTOR_PAYLOAD_MALFORMED",
            ErrorKind::CardPanDetected => "REVTAIN_RESULT_CARD_PAN_DETECTED",
            ErrorKind::CardUnknownGateway => "REVTAIN_RESULT_CARD_UNKNOWN_GATEWAY",
            ErrorKind::CardInvalidGatewayToken => "REVTAIN_RESULT_CARD_INVALID_GATEWAY_TOKEN",
            ErrorKind::CardUpdateInvalidSecret => "REVTAIN_RESULT_CARD_UPDATE_INVALID_SECRET",
            ErrorKind::CardUpdateInvalidParameter => "REVTAIN_RESULT_CARD_UPDATE_INVALID_PARAMETER",
            ErrorKind::CardUpdateTokenMalformed => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_MALFORMED",
            ErrorKind::CardUpdateTokenAlgorithm => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_ALGORITHM",
            ErrorKind::CardUpdateTokenSignatureMismatch => {
                "REVTAIN_RESULT_CARD_UPDATE_TOKEN_SIGNATURE_MISMATCH"
            }
            ErrorKind::CardUpdateTokenExpired => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_EXPIRED",
            ErrorKind::CardUpdateTokenNotYetValid => {
                "REVTAIN_RESULT_CARD_UPDATE_TOKEN_NOT_YET_VALID"
            }
            ErrorKind::CardUpdateTokenAudience => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_AUDIENCE",
            ErrorKind::CardUpdateTokenIssuer => "REVTAIN_RESULT_CARD_UPDATE_TOKEN_ISSUER",
            ErrorKind::CardUpdateTokenInvalidClaims => {
                "REVTAIN_RESULT_CARD_UPDATE_TOKEN_INVALID_CLAIMS"
            }
            ErrorKind::RateLimitInvalidConfig => "REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG",
            ErrorKind::RateLimitInvalidKey => "REVTAIN_RESULT_RATE_LIMIT_INVALID_KEY",
            ErrorKind::RateLimitStoreUnavailable => "REVTAIN_RESULT_RATE_LIMIT_STORE_UNAVAILABLE",
            ErrorKind::RetryInvalidPolicy => "REVTAIN_RESULT_RETRY_INVALID_POLICY",
            ErrorKind::GatewayInvalidRequest => "REVTAIN_RESULT_GATEWAY_INVALID_REQUEST",
            ErrorKind::GatewayRetriesExhausted => "REVTAIN_RESULT_GATEWAY_RETRIES_EXHAUSTED",
            ErrorKind::GatewayDeadlineExceeded => "REVTAIN_RESULT_GATEWAY_DEADLINE_EXCEEDED",
            ErrorKind::GatewayRetryAfterBeyondDeadline => {
                "REVTAIN_RESULT_GATEWAY_RETRY_AFTER_BEYOND_DEADLINE"
            }
            ErrorKind::GatewayBudgetExhausted => "REVTAIN_RESULT_GATEWAY_BUDGET_EXHAUSTED",
        }
    }

    /// The exception class name used by the Python package, and the `name` of Node errors.
    pub const fn class_name(self) -> &'static str {
        match self {
            ErrorKind::RandomUnavailable => "RandomUnavailable",
            ErrorKind::ApiKeyWrongPrefix => "ApiKeyWrongPrefix",
            ErrorKind::ApiKeyWrongLength => "ApiKeyWrongLength",
            ErrorKind::ApiKeyBadCharacter => "ApiKeyBadCharacter",
            ErrorKind::InvalidLookupHash => "InvalidLookupHash",
            ErrorKind::VaultMalformedEnvelope => "MalformedEnvelope",
            ErrorKind::VaultUnknownKeyId => "UnknownKeyId",
            ErrorKind::VaultAuthenticationFailed => "AuthenticationFailed",
            ErrorKind::VaultInvalidContext => "InvalidContext",
            ErrorKind::KeyringInvalid => "InvalidKeyring",
            ErrorKind::WebhookHeaderMissing => "WebhookHeaderMissing",
            ErrorKind::WebhookHeaderMalformed => "WebhookHeaderMalformed",
            ErrorKind::WebhookNoSignature => "WebhookNoSignature",
            ErrorKind::WebhookTimestampOutOfTolerance => "WebhookTimestampOutOfTolerance",
            ErrorKind::WebhookSignatureMismatch => "WebhookSignatureMismatch",
            ErrorKind::WebhookInvalidSecret => "InvalidWebhookSecret",
            ErrorKind::WebhookInvalidEventId => "InvalidEventId",
            ErrorKind::WebhookInvalidPayload => "WebhookInvalidPayload",
            ErrorKind::ConnectorUnknown => "UnknownConnector",
            ErrorKind::ConnectorHeaderMissing => "ConnectorHeaderMissing",
            ErrorKind::ConnectorHeaderMalformed => "ConnectorHeaderMalformed",
            ErrorKind::ConnectorTimestampOutOfTolerance => "ConnectorTimestampOutOfTolerance",
            ErrorKind::ConnectorSignatureMismatch => "ConnectorSignatureMismatch",
            ErrorKind::ConnectorInvalidSecret => "InvalidConnectorSecret",
            ErrorKind::ConnectorInvalidOptions => "InvalidConnectorOptions",
            ErrorKind::ConnectorPayloadMalformed => "ConnectorPayloadMalformed",
            ErrorKind::CardPanDetected => "PanDetected",
            ErrorKind::CardUnknownGateway => "UnknownGateway",
            ErrorKind::CardInvalidGatewayToken => "InvalidGatewayToken",
            ErrorKind::CardUpdateInvalidSecret => "InvalidCardUpdateSecret",
            ErrorKind::CardUpdateInvalidParameter => "InvalidCardUpdateParameter",
            ErrorKind::CardUpdateTokenMalformed => "CardUpdateTokenMalformed",
            ErrorKind::CardUpdateTokenAlgorithm => "CardUpdateTokenAlgorithm",
            ErrorKind::CardUpdateTokenSignatureMismatch => "CardUpdateTokenSignatureMismatch",
            ErrorKind::CardUpdateTokenExpired => "CardUpdateTokenExpired",
            ErrorKind::CardUpdateTokenNotYetValid => "CardUpdateTokenNotYetValid",
            ErrorKind::CardUpdateTokenAudience => "CardUpdateTokenAudience",
            ErrorKind::CardUpdateTokenIssuer => "CardUpdateTokenIssuer",
            ErrorKind::CardUpdateTokenInvalidClaims => "CardUpdateTokenInvalidClaims",
            ErrorKind::RateLimitInvalidConfig => "InvalidRateLimitConfig",
            ErrorKind::RateLimitInvalidKey => "InvalidRateLimitKey",
            ErrorKind::RateLimitStoreUnavailable => "RateLimitStoreUnavailable",
            ErrorKind::RetryInvalidPolicy => "InvalidRetryPolicy",
            ErrorKind::GatewayInvalidRequest => "InvalidGatewayRequest",
            ErrorKind::GatewayRetriesExhausted => "GatewayRetriesExhausted",
            ErrorKind::GatewayDeadlineExceeded => "GatewayDeadlineExceeded",
            ErrorKind::GatewayRetryAfterBeyondDeadline => "GatewayRetryAfterBeyondDeadline",
            ErrorKind::GatewayBudgetExhausted => "GatewayBudgetExhausted",
        }
    }

    /// The family the kind belongs to: the Python base class between `RevtainError` and the
    /// kind's own class (for example `InvalidApiKey`), or `None` when the kind derives from
    /// `RevtainError` directly.
    pub const fn family(self) -> Option<&'static str> {
        match self {
            ErrorKind::ApiKeyWrongPrefix
            | ErrorKind::ApiKeyWrongLength
            | ErrorKind::ApiKeyBadCharacter => Some("InvalidApiKey"),
            ErrorKind::VaultMalformedEnvelope
            | ErrorKind::VaultUnknownKeyId
            | ErrorKind::VaultAuthenticationFailed
            | ErrorKind::VaultInvalidContext
            | ErrorKind::KeyringInvalid => Some("VaultError"),
            ErrorKind::WebhookHeaderMissing
            | ErrorKind::WebhookHeaderMalformed
            | ErrorKind::WebhookNoSignature
            | ErrorKind::WebhookTimestampOutOfTolerance
            | ErrorKind::WebhookSignatureMismatch
            | ErrorKind::WebhookInvalidSecret
            | ErrorKind::WebhookInvalidEventId
            | ErrorKind::WebhookInvalidPayload => Some("WebhookError"),
            ErrorKind::ConnectorUnknown
            | ErrorKind::ConnectorHeaderMissing
            | ErrorKind::ConnectorHeaderMalformed
            | ErrorKind::ConnectorTimestampOutOfTolerance
            | ErrorKind::ConnectorSignatureMismatch
            | ErrorKind::ConnectorInvalidSecret
            | ErrorKind::ConnectorInvalidOptions
            | ErrorKind::ConnectorPayloadMalformed => Some("ConnectorError"),
            ErrorKind::CardPanDetected
            | ErrorKind::CardUnknownGateway
            | ErrorKind::CardInvalidGatewayToken
            | ErrorKind::CardUpdateInvalidSecret
            | ErrorKind::CardUpdateInvalidParameter
            | ErrorKind::CardUpdateTokenMalformed
            | ErrorKind::CardUpdateTokenAlgorithm
            | ErrorKind::CardUpdateTokenSignatureMismatch
            | ErrorKind::CardUpdateTokenExpired
            | ErrorKind::CardUpdateTokenNotYetValid
            | ErrorKind::CardUpdateTokenAudience
            | ErrorKind::CardUpdateTokenIssuer
            | ErrorKind::CardUpdateTokenInvalidClaims => Some("CardError"),
            ErrorKind::RateLimitInvalidConfig
            | ErrorKind::RateLimitInvalidKey
            | ErrorKind::RateLimitStoreUnavailable => Some("RateLimitError"),
            ErrorKind::RetryInvalidPolicy
            | ErrorKind::GatewayInvalidRequest
            | ErrorKind::GatewayRetriesExhausted
            | ErrorKind::GatewayDeadlineExceeded
            | ErrorKind::GatewayRetryAfterBeyondDeadline
            | ErrorKind::GatewayBudgetExhausted => Some("GatewayError"),
            ErrorKind::RandomUnavailable | ErrorKind::InvalidLookupHash => None,
        }
    }

    /// Whether the kind means the caller passed a bad value (Python: also a `ValueError`).
    pub const fn is_input_error(self) -> bool {
        match self {
            ErrorKind::ApiKeyWrongPrefix
            | ErrorKind::ApiKeyWrongLength
            | ErrorKind::ApiKeyBadCharacter
            | ErrorKind::InvalidLookupHash
            | ErrorKind::VaultMalformedEnvelope
            | ErrorKind::VaultInvalidContext
            | ErrorKind::KeyringInvalid
            | ErrorKind::WebhookInvalidSecret
            | ErrorKind::WebhookInvalidEventId
            | ErrorKind::ConnectorUnknown
            | ErrorKind::ConnectorInvalidSecret
            | ErrorKind::ConnectorInvalidOptions
            | ErrorKind::CardPanDetected
            | ErrorKind::CardUnknownGateway
            | ErrorKind::CardInvalidGatewayToken
            | ErrorKind::CardUpdateInvalidSecret
            | ErrorKind::CardUpdateInvalidParameter
            | ErrorKind::RateLimitInvalidConfig
            | ErrorKind::RateLimitInvalidKey
            | ErrorKind::RetryInvalidPolicy
            | ErrorKind::GatewayInvalidRequest => true,
            ErrorKind::RandomUnavailable
            | ErrorKind::VaultUnknownKeyId
            | ErrorKind::VaultAuthenticationFailed
            | ErrorKind::WebhookHeaderMissing
            | ErrorKind::WebhookHeaderMalformed
            | ErrorKind::WebhookNoSignature
            | ErrorKind::WebhookTimestampOutOfTolerance
            | ErrorKind::WebhookSignatureMismatch
            | ErrorKind::WebhookInvalidPayload
            | ErrorKind::ConnectorHeaderMissing
            | ErrorKind::ConnectorHeaderMalformed
            | ErrorKind::ConnectorTimestampOutOfTolerance
            | ErrorKind::ConnectorSignatureMismatch
            | ErrorKind::ConnectorPayloadMalformed
            | ErrorKind::CardUpdateTokenMalformed
            | ErrorKind::CardUpdateTokenAlgorithm
            | ErrorKind::CardUpdateTokenSignatureMismatch
            | ErrorKind::CardUpdateTokenExpired
            | ErrorKind::CardUpdateTokenNotYetValid
            | ErrorKind::CardUpdateTokenAudience
            | ErrorKind::CardUpdateTokenIssuer
            | ErrorKind::CardUpdateTokenInvalidClaims
            | ErrorKind::RateLimitStoreUnavailable
            | ErrorKind::GatewayRetriesExhausted
            | ErrorKind::GatewayDeadlineExceeded
            | ErrorKind::GatewayRetryAfterBeyondDeadline
            | ErrorKind::GatewayBudgetExhausted => false,
        }
    }

    /// Looks a kind up by its [`code`](Self::code).
    pub fn from_code(code: &str) -> Option<ErrorKind> {
        ErrorKind::ALL.iter().copied().find(|k| k.code() == code)
    }
}

/// Any error of this library; each capability also has its own error type.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Error {
    /// See [`ApiKeyError`].
    #[error(transparent)]
    ApiKey(#[from] ApiKeyError),
    /// See [`RandomUnavailable`].
    #[error(transparent)]
    Random(#[from] RandomUnavailable),
    /// See [`VaultError`].
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// See [`WebhookError`].
    #[error(transparent)]
    Webhook(#[from] WebhookError),
    /// See [`ConnectorError`].
    #[error(transparent)]
    Connector(#[from] ConnectorError),
    /// See [`CardError`].
    #[error(transparent)]
    Card(#[from] CardError),
    /// See [`RateLimitError`].
    #[error(transparent)]
    RateLimit(#[from] RateLimitError),
    /// See [`InvalidRetryPolicy`].
    #[error(transparent)]
    RetryPolicy(#[from] InvalidRetryPolicy),
    /// See [`GatewayError`].
    #[cfg(feature = "http")]
    #[error(transparent)]
    Gateway(#[from] GatewayError),
}

impl Error {
    /// The error kind shared with the C, Python and Node surfaces.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::ApiKey(e) => e.kind(),
            Error::Random(e) => e.kind(),
            Error::Vault(e) => e.kind(),
            Error::Webhook(e) => e.kind(),
            Error::Connector(e) => e.kind(),
            Error::Card(e) => e.kind(),
            Error::RateLimit(e) => e.kind(),
            Error::RetryPolicy(e) => e.kind(),
            #[cfg(feature = "http")]
            Error::Gateway(e) => e.kind(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn all_lists_every_kind_once() {
        // Adding a variant breaks this match, pointing here: add it to ALL as well.
        fn witness(k: ErrorKind) {
            match k {
                ErrorKind::RandomUnavailable
                | ErrorKind::ApiKeyWrongPrefix
                | ErrorKind::ApiKeyWrongLength
                | ErrorKind::ApiKeyBadCharacter
                | ErrorKind::InvalidLookupHash
                | ErrorKind::VaultMalformedEnvelope
                | ErrorKind::VaultUnknownKeyId
                | ErrorKind::VaultAuthenticationFailed
                | ErrorKind::VaultInvalidContext
                | ErrorKind::KeyringInvalid
                | ErrorKind::WebhookHeaderMissing
                | ErrorKind::WebhookHeaderMalformed
                | ErrorKind::WebhookNoSignature
                | ErrorKind::ConnectorUnknown
                | ErrorKind::ConnectorHeaderMissing
                | ErrorKind::ConnectorHeaderMalformed
                | ErrorKind::ConnectorTimestampOutOfTolerance
                | ErrorKind::ConnectorSignatureMismatch
                | ErrorKind::ConnectorInvalidSecret
                | ErrorKind::ConnectorInvalidOptions
                | ErrorKind::ConnectorPayloadMalformed
                | ErrorKind::WebhookTimestampOutOfTolerance
                | ErrorKind::WebhookSignatureMismatch
                | ErrorKind::WebhookInvalidSecret
                | ErrorKind::WebhookInvalidEventId
                | ErrorKind::WebhookInvalidPayload
                | ErrorKind::CardPanDetected
                | ErrorKind::CardUnknownGateway
                | ErrorKind::CardInvalidGatewayToken
                | ErrorKind::CardUpdateInvalidSecret
                | ErrorKind::CardUpdateInvalidParameter
                | ErrorKind::CardUpdateTokenMalformed
                | ErrorKind::CardUpdateTokenAlgorithm
                | ErrorKind::CardUpdateTokenSignatureMismatch
                | ErrorKind::CardUpdateTokenExpired
                | ErrorKind::CardUpdateTokenNotYetValid
                | ErrorKind::CardUpdateTokenAudience
                | ErrorKind::CardUpdateTokenIssuer
                | ErrorKind::CardUpdateTokenInvalidClaims
                | ErrorKind::RateLimitInvalidConfig
                | ErrorKind::RateLimitInvalidKey
                | ErrorKind::RateLimitStoreUnavailable
                | ErrorKind::RetryInvalidPolicy
                | ErrorKind::GatewayInvalidRequest
                | ErrorKind::GatewayRetriesExhausted
                | ErrorKind::GatewayDeadlineExceeded
                | ErrorKind::GatewayRetryAfterBeyondDeadline
                | ErrorKind::GatewayBudgetExhausted => {}
            }
        }
        ErrorKind::ALL.iter().copied().for_each(witness);
        assert_eq!(ErrorKind::ALL.len(), 48);
        let codes: HashSet<_> = ErrorKind::ALL.iter().map(|k| k.code()).collect();
        let names: HashSet<_> = ErrorKind::ALL.iter().map(|k| k.class_name()).collect();
        assert_eq!(codes.len(), ErrorKind::ALL.len());
        assert_eq!(names.len(), ErrorKind::ALL.len());
        for k in ErrorKind::ALL {
            assert!(k.code().starts_with("REVTAIN_RESULT_"));
            assert_eq!(ErrorKind::from_code(k.code()), Some(*k));
        }
    }
}
