//! Card data safety and card-update links (docs/spec.md §2.7).
//!
//! Revtain never handles raw card numbers (PANs). This module makes that promise hard to break:
//!
//! - [`find_pans`] / [`redact_pans`]: find card numbers in any text (logs, JSON, form bodies)
//!   and redact them keeping the last four digits.
//! - [`validate_gateway_token`]: check a gateway's token shape (Stripe `pm_…`, Adyen ids, …)
//!   and refuse a PAN passed where a token belongs, without ever repeating it.
//! - [`CardUpdateLinks`]: mint and verify the signed, expiring links to the hosted card-update
//!   page: compact JWS tokens, HS256 only, secret `cusec_…`.
//!
//! ```
//! use revtain::card::{redact_pans, validate_gateway_token, CardError, CardUpdateLinks};
//!
//! assert_eq!(redact_pans("card 4242 4242 4242 4242"), "card **** **** **** 4242");
//! assert!(validate_gateway_token("stripe", "pm_1MqLiJLkdIwHu7ixUEgbFdYF").is_ok());
//! assert!(matches!(
//!     validate_gateway_token("stripe", "4242424242424242"),
//!     Err(CardError::PanDetected { .. })
//! ));
//!
//! let secret = revtain::card::generate_card_update_secret()?;
//! let links = CardUpdateLinks::new(&secret, "cli_acme", "https://pay.revtain.com/card")?;
//! let url = links.create("cus_42", 86_400, None, 1_700_000_000)?;
//! let token = url.split_once("token=").unwrap().1;
//! assert_eq!(links.verify(token, 1_700_000_100)?.sub, "cus_42");
//! # Ok::<(), revtain::Error>(())
//! ```

mod link;
mod pan;
mod token;

pub use link::{
    check_https_url, generate_card_update_secret, leeway_from, max_lifetime_from, now_from,
    ttl_from, CardUpdateClaims, CardUpdateLinks, AUDIENCE, DEFAULT_LEEWAY, DEFAULT_MAX_LIFETIME,
    DEFAULT_TTL, HEADER_JSON, MAX_TTL, SECRET_BYTES, SECRET_PREFIX,
};
pub use pan::{
    contains_pan, find_pans, is_pan, is_pan_digits, luhn_valid, redact_pans, redact_pans_bytes,
    KEEP_LAST, MASK, MAX_PAN_DIGITS, MIN_PAN_DIGITS,
};
pub use token::{ensure_not_pan, validate_gateway_token, TokenKind, GATEWAYS};

use thiserror::Error;

use crate::{ErrorKind, RandomUnavailable};

/// Why card data or a card-update token was refused. No variant carries a card number, a
/// secret or a token.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CardError {
    /// A card number was passed where a token or reference belongs, alone or inside the value.
    #[error(
        "the {what} {} a card number (PAN): Revtain never accepts raw card numbers; pass the \
         gateway's token for the card instead (for example Stripe's pm_...)",
        if *whole { "is" } else { "contains" }
    )]
    PanDetected {
        /// What the value was meant to be.
        what: &'static str,
        /// Whether the whole value is the card number (else it holds one).
        whole: bool,
    },
    /// The gateway is not one of [`GATEWAYS`]. The name given is never repeated: a swapped
    /// argument would put the token there.
    #[error("unknown gateway: expected one of stripe, braintree, adyen, checkout, square, gocardless, paddle")]
    UnknownGateway,
    /// The token does not have the gateway's shape.
    #[error("not a {gateway} token: {reason}")]
    InvalidGatewayToken {
        /// The gateway.
        gateway: String,
        /// What is wrong.
        reason: String,
    },
    /// A card-update secret is not `cusec_` + base64 of 32 bytes.
    #[error("invalid card-update secret: {0}")]
    InvalidSecret(String),
    /// A client id, customer reference, URL or lifetime cannot be used; says which.
    #[error("invalid card-update link parameter: {0}")]
    InvalidParameter(String),
    /// The token is not a compact JWS; says what is wrong.
    #[error("malformed card-update token: {0}")]
    TokenMalformed(String),
    /// The token's `alg` is not `HS256`.
    #[error("card-update token refused: its algorithm is {0}; only HS256 is accepted")]
    TokenAlgorithm(String),
    /// The token's signature does not verify with this secret.
    #[error("card-update token refused: the signature does not match (altered, or signed with another secret)")]
    TokenSignature,
    /// The token has expired.
    #[error("card-update token expired {ago} s ago")]
    TokenExpired {
        /// Seconds since `exp`.
        ago: i64,
    },
    /// The token's `iat` is in the future beyond the leeway.
    #[error(
        "card-update token refused: it is issued {ahead} s in the future (a clock that is off?)"
    )]
    TokenNotYetValid {
        /// Seconds until `iat`.
        ahead: i64,
    },
    /// The token's `aud` is not `revtain:card-update`.
    #[error("card-update token refused: its audience is not revtain:card-update")]
    TokenAudience,
    /// The token's `iss` is not this client id.
    #[error("card-update token refused: it was issued for another client id")]
    TokenIssuer,
    /// A claim is missing or of the wrong type; says which.
    #[error("card-update token refused: {0}")]
    TokenClaims(String),
    /// The OS random number generator failed.
    #[error(transparent)]
    Random(#[from] RandomUnavailable),
}

impl CardError {
    /// The error kind shared with the C, Python and Node surfaces.
    pub fn kind(&self) -> ErrorKind {
        match self {
            CardError::PanDetected { .. } => ErrorKind::CardPanDetected,
            CardError::UnknownGateway => ErrorKind::CardUnknownGateway,
            CardError::InvalidGatewayToken { .. } => ErrorKind::CardInvalidGatewayToken,
            CardError::InvalidSecret(_) => ErrorKind::CardUpdateInvalidSecret,
            CardError::InvalidParameter(_) => ErrorKind::CardUpdateInvalidParameter,
            CardError::TokenMalformed(_) => ErrorKind::CardUpdateTokenMalformed,
            CardError::TokenAlgorithm(_) => ErrorKind::CardUpdateTokenAlgorithm,
            CardError::TokenSignature => ErrorKind::CardUpdateTokenSignatureMismatch,
            CardError::TokenExpired { .. } => ErrorKind::CardUpdateTokenExpired,
            CardError::TokenNotYetValid { .. } => ErrorKind::CardUpdateTokenNotYetValid,
            CardError::TokenAudience => ErrorKind::CardUpdateTokenAudience,
            CardError::TokenIssuer => ErrorKind::CardUpdateTokenIssuer,
            CardError::TokenClaims(_) => ErrorKind::CardUpdateTokenInvalidClaims,
            CardError::Random(e) => e.kind(),
        }
    }

    /// For expired or not-yet-valid tokens: `now - exp` (positive, seconds since expiry) or
    /// `now - iat` / `now - nbf` (negative, seconds until valid).
    pub fn age(&self) -> Option<i64> {
        match self {
            CardError::TokenExpired { ago } => Some(*ago),
            CardError::TokenNotYetValid { ahead } => Some(-*ahead),
            _ => None,
        }
    }
}

impl From<&CardError> for crate::ErrorDetail {
    fn from(e: &CardError) -> crate::ErrorDetail {
        crate::ErrorDetail {
            age: e.age(),
            ..crate::ErrorDetail::new(e.kind(), e.to_string())
        }
    }
}
