//! Gateway tokens: what a stored card is called at each gateway, and the refusal of PANs.

use super::pan::{contains_pan, is_pan};
use super::CardError;

/// The gateways whose token shapes are known, by the name every surface uses.
pub const GATEWAYS: &[&str] = &[
    "stripe",
    "braintree",
    "adyen",
    "checkout",
    "square",
    "gocardless",
    "paddle",
];

/// The most bytes a token may have.
pub const MAX_TOKEN_LEN: usize = 255;

/// What a valid token is, for each gateway.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Stripe PaymentMethod `pm_…`.
    StripePaymentMethod,
    /// Stripe Card `card_…`.
    StripeCard,
    /// Stripe Source `src_…`.
    StripeSource,
    /// Stripe Token `tok_…`.
    StripeToken,
    /// Braintree payment method token.
    BraintreePaymentMethod,
    /// Adyen stored payment method id (`storedPaymentMethodId`, `recurringDetailReference`).
    AdyenStoredPaymentMethod,
    /// Checkout.com payment source `src_…`.
    CheckoutSource,
    /// Square card on file `ccof:…`.
    SquareCardOnFile,
    /// GoCardless mandate `MD…`.
    GoCardlessMandate,
    /// Paddle Billing payment method `paymtd_…`.
    PaddlePaymentMethod,
}

impl TokenKind {
    /// A stable name: `stripe.payment_method`, `adyen.stored_payment_method`, …
    pub const fn name(self) -> &'static str {
        match self {
            TokenKind::StripePaymentMethod => "stripe.payment_method",
            TokenKind::StripeCard => "stripe.card",
            TokenKind::StripeSource => "stripe.source",
            TokenKind::StripeToken => "stripe.token",
            TokenKind::BraintreePaymentMethod => "braintree.payment_method",
            TokenKind::AdyenStoredPaymentMethod => "adyen.stored_payment_method",
            TokenKind::CheckoutSource => "checkout.source",
            TokenKind::SquareCardOnFile => "square.card_on_file",
            TokenKind::GoCardlessMandate => "gocardless.mandate",
            TokenKind::PaddlePaymentMethod => "paddle.payment_method",
        }
    }
}

/// Refuses `value` if it is or holds a card number (`4242…`, `tok_4242…`, `cus_4242…`), with
/// [`CardError::PanDetected`] naming `what` (the value is never repeated).
pub fn ensure_not_pan(value: &str, what: &'static str) -> Result<(), CardError> {
    if is_pan(value) {
        Err(CardError::PanDetected { what, whole: true })
    } else if contains_pan(value) {
        Err(CardError::PanDetected { what, whole: false })
    } else {
        Ok(())
    }
}

fn all(s: &str, f: impl Fn(u8) -> bool) -> bool {
    s.bytes().all(f)
}

fn alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

fn upper_alnum(b: u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit()
}

/// Checks that `token` is a token of `gateway` (one of [`GATEWAYS`], lower case) and says
/// which kind.
///
/// A card number is refused first, for every gateway, with [`CardError::PanDetected`]: no
/// gateway's token is a Luhn-valid 13–19 digit number starting with 2 to 6. Digit-only tokens
/// that are not card numbers are accepted where the gateway issues them (Adyen ids; Braintree
/// tokens chosen by the merchant).
pub fn validate_gateway_token(gateway: &str, token: &str) -> Result<TokenKind, CardError> {
    ensure_not_pan(token, "gateway token")?;
    // Before any message that names the gateway: a name that is not one of ours is never
    // repeated (swapped arguments would put a card number or a secret there).
    if !GATEWAYS.contains(&gateway) {
        return Err(CardError::UnknownGateway);
    }
    let bad = |reason: &str| CardError::InvalidGatewayToken {
        gateway: gateway.to_owned(),
        reason: reason.to_owned(),
    };
    if token.is_empty() {
        return Err(bad("it is empty"));
    }
    if token.len() > MAX_TOKEN_LEN {
        return Err(bad("it is longer than 255 bytes"));
    }
    if token.trim() != token {
        return Err(bad("it has leading or trailing whitespace"));
    }
    match gateway {
        "stripe" => {
            let (kind, rest) = [
                ("pm_", TokenKind::StripePaymentMethod),
                ("card_", TokenKind::StripeCard),
                ("src_", TokenKind::StripeSource),
                ("tok_", TokenKind::StripeToken),
            ]
            .iter()
            .find_map(|(p, k)| token.strip_prefix(p).map(|rest| (*k, rest)))
            .ok_or_else(|| bad("a Stripe token starts with pm_, card_, src_ or tok_"))?;
            if rest.len() < 8 || !all(rest, alnum) {
                return Err(bad(
                    "after its prefix a Stripe token has at least 8 letters and digits",
                ));
            }
            Ok(kind)
        }
        "braintree" => {
            if token.len() > 36 || !all(token, |b| alnum(b) || b == b'_' || b == b'-') {
                return Err(bad(
                    "a Braintree payment method token is 1 to 36 letters, digits, _ or -",
                ));
            }
            Ok(TokenKind::BraintreePaymentMethod)
        }
        "adyen" => {
            if token.len() != 16 || !all(token, upper_alnum) {
                return Err(bad(
                    "an Adyen stored payment method id is 16 upper-case letters or digits",
                ));
            }
            Ok(TokenKind::AdyenStoredPaymentMethod)
        }
        "checkout" => match token.strip_prefix("src_") {
            Some(rest) if rest.len() == 26 && all(rest, lower_alnum) => {
                Ok(TokenKind::CheckoutSource)
            }
            _ => Err(bad(
                "a Checkout.com source id is src_ followed by 26 lower-case letters or digits",
            )),
        },
        "square" => match token.strip_prefix("ccof:") {
            Some(rest)
                if (10..=64).contains(&rest.len())
                    && all(rest, |b| alnum(b) || b == b'_' || b == b'-') =>
            {
                Ok(TokenKind::SquareCardOnFile)
            }
            _ => Err(bad(
                "a Square card on file id is ccof: followed by 10 to 64 letters, digits, _ or -",
            )),
        },
        "gocardless" => match token.strip_prefix("MD") {
            Some(rest) if (8..=20).contains(&rest.len()) && all(rest, upper_alnum) => {
                Ok(TokenKind::GoCardlessMandate)
            }
            _ => Err(bad(
                "a GoCardless mandate id is MD followed by 8 to 20 upper-case letters or digits",
            )),
        },
        "paddle" => match token.strip_prefix("paymtd_") {
            Some(rest) if rest.len() == 26 && all(rest, lower_alnum) => {
                Ok(TokenKind::PaddlePaymentMethod)
            }
            _ => Err(bad(
                "a Paddle payment method id is paymtd_ followed by 26 lower-case letters or digits",
            )),
        },
        _ => Err(CardError::UnknownGateway),
    }
}
