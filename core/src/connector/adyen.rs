//! Adyen: the signature is not in a header but in the body. Each notification item carries
//! `additionalData.hmacSignature`, base64 HMAC-SHA256 keyed with the **hex-decoded** HMAC key
//! over eight fields joined by colons: `pspReference:originalReference:merchantAccountCode:
//! merchantReference:value:currency:eventCode:success` (value and currency from `amount`; a
//! missing field is empty). A batch is accepted only when every item verifies: one forged item
//! must not ride along with genuine ones.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::wire;

use super::{
    base64_signature, ct_eq, decode_lower_hex, event, hmac, mismatch, nonempty_secret, Connector,
    ConnectorError, ConnectorEvent, Request, VerifyOptions,
};

const FIELD: &str = "additionalData.hmacSignature";

/// The largest body verified. Adyen's notifications are a few KiB; the signature is inside the
/// body, so it must be parsed before anything is known about it: the cap bounds that work.
pub(crate) const MAX_BODY: usize = 1024 * 1024;

/// What of the body the scheme reads, and nothing else (other members are skipped unparsed). A
/// member given twice anywhere along these paths is refused: with a JSON parser where the last
/// copy wins, `"pspReference":"FORGED","pspReference":"<genuine>"` would verify while the
/// receiver's parser may read the first.
#[derive(Deserialize)]
struct Body<'a> {
    #[serde(rename = "notificationItems", borrow)]
    items: Option<Vec<Wrapper<'a>>>,
}

#[derive(Deserialize)]
struct Wrapper<'a> {
    #[serde(rename = "NotificationRequestItem", borrow)]
    item: Option<Item<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item<'a> {
    #[serde(borrow)]
    psp_reference: Option<&'a RawValue>,
    #[serde(borrow)]
    original_reference: Option<&'a RawValue>,
    #[serde(borrow)]
    merchant_account_code: Option<&'a RawValue>,
    #[serde(borrow)]
    merchant_reference: Option<&'a RawValue>,
    #[serde(borrow)]
    amount: Option<Amount<'a>>,
    #[serde(borrow)]
    event_code: Option<&'a RawValue>,
    #[serde(borrow)]
    success: Option<&'a RawValue>,
    #[serde(borrow)]
    additional_data: Option<AdditionalData<'a>>,
}

#[derive(Deserialize)]
struct Amount<'a> {
    #[serde(borrow)]
    value: Option<&'a RawValue>,
    #[serde(borrow)]
    currency: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct AdditionalData<'a> {
    #[serde(rename = "hmacSignature", borrow)]
    hmac_signature: Option<Cow<'a, str>>,
}

#[derive(Debug)]
pub(crate) struct Adyen;

impl Connector for Adyen {
    fn name(&self) -> &'static str {
        "adyen"
    }

    fn default_tolerance(&self) -> Option<u64> {
        None
    }

    fn header_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn verify(
        &self,
        request: &Request<'_>,
        secret: &[u8],
        _options: &VerifyOptions<'_>,
    ) -> Result<ConnectorEvent, ConnectorError> {
        let secret = nonempty_secret(self.name(), secret)?;
        let key = Zeroizing::new(decode_lower_hex(&secret.to_ascii_lowercase()).ok_or(
            ConnectorError::InvalidSecret {
                connector: self.name(),
                reason: "expected the HMAC key as hex, as shown in the Customer Area",
            },
        )?);
        let bad = |reason: String| ConnectorError::PayloadMalformed {
            connector: "adyen",
            reason,
        };
        if request.body().len() > MAX_BODY {
            return Err(bad(format!(
                "it is larger than {MAX_BODY} bytes (Adyen's notifications are a few KiB)"
            )));
        }
        let body: Body<'_> = serde_json::from_slice(request.body()).map_err(|e| {
            bad(format!(
                "it is not a JSON notification ({})",
                wire::json_error(&e)
            ))
        })?;
        let items = body
            .items
            .ok_or_else(|| bad("it has no notificationItems array".into()))?;
        if items.is_empty() {
            return Err(bad("notificationItems is empty: nothing to verify".into()));
        }
        let mut all = true;
        for (i, wrapper) in items.into_iter().enumerate() {
            let item = wrapper
                .item
                .ok_or_else(|| bad(format!("item {i} has no NotificationRequestItem object")))?;
            let Some(sig) = item.additional_data.and_then(|d| d.hmac_signature) else {
                return Err(ConnectorError::HeaderMissing { header: FIELD });
            };
            let received = base64_signature(FIELD, sig.as_bytes(), 32)?;
            let (value, currency) = item.amount.map_or((None, None), |a| (a.value, a.currency));
            let fields = [
                item.psp_reference,
                item.original_reference,
                item.merchant_account_code,
                item.merchant_reference,
                value,
                currency,
                item.event_code,
                item.success,
            ]
            .map(text);
            let signed = fields.join(":");
            all &= ct_eq(&hmac::<Sha256>(&key, &[signed.as_bytes()]), &received);
        }
        if !all {
            return Err(mismatch(
                "Adyen signs pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success of each item with HMAC-SHA256 keyed with the hex-decoded HMAC key of this webhook; every item must verify",
            ));
        }
        Ok(event(self.name(), None))
    }
}

/// A field as it enters the signed text: strings verbatim (unescaped), numbers and booleans as
/// their JSON text, missing or null as the empty string.
fn text(v: Option<&RawValue>) -> String {
    let Some(raw) = v.map(RawValue::get) else {
        return String::new();
    };
    if raw.starts_with('"') {
        // A JSON string the parser already checked: unescape it.
        return serde_json::from_str::<Cow<'_, str>>(raw)
            .map_or_else(|_| String::new(), Cow::into_owned);
    }
    if raw == "null" {
        return String::new();
    }
    raw.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    const KEY_HEX: &str = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";

    fn sign(fields: &str) -> String {
        let key = decode_lower_hex(KEY_HEX.to_ascii_lowercase().as_bytes()).unwrap();
        base64::engine::general_purpose::STANDARD
            .encode(&*hmac::<Sha256>(&key, &[fields.as_bytes()]))
    }

    fn verify(body: &[u8]) -> Result<ConnectorEvent, ConnectorError> {
        Adyen.verify(
            &Request::new(&[], body),
            KEY_HEX.as_bytes(),
            &VerifyOptions::default(),
        )
    }

    fn body(item: &str) -> Vec<u8> {
        format!(r#"{{"live":"false","notificationItems":[{{"NotificationRequestItem":{item}}}]}}"#)
            .into_bytes()
    }

    #[test]
    fn a_member_given_twice_is_refused_not_last_wins() {
        let sig = sign(
            "7914073381342284::TestMerchant:TestPayment-1407325143704:1130:EUR:AUTHORISATION:true",
        );
        let genuine = format!(
            r#"{{"pspReference":"7914073381342284","merchantAccountCode":"TestMerchant","merchantReference":"TestPayment-1407325143704","amount":{{"value":1130,"currency":"EUR"}},"eventCode":"AUTHORISATION","success":"true","additionalData":{{"hmacSignature":"{sig}"}}}}"#
        );
        assert!(verify(&body(&genuine)).is_ok());
        for (what, forged) in [
            (
                "pspReference",
                genuine.replace(
                    r#""pspReference":"#,
                    r#""pspReference":"FORGED","pspReference":"#,
                ),
            ),
            (
                "value",
                genuine.replace(r#""value":1130"#, r#""value":1,"value":1130"#),
            ),
            (
                "hmacSignature",
                genuine.replace(
                    r#""hmacSignature":"#,
                    r#""hmacSignature":"x","hmacSignature":"#,
                ),
            ),
            (
                "amount",
                genuine.replace(r#""amount":"#, r#""amount":{"value":1},"amount":"#),
            ),
        ] {
            match verify(&body(&forged)) {
                Err(ConnectorError::PayloadMalformed { reason, .. }) => {
                    assert!(reason.contains("duplicate field"), "{what}: {reason}")
                }
                other => panic!("{what} twice: {other:?}"),
            }
        }
        let twice = format!(
            r#"{{"notificationItems":[],"notificationItems":[{{"NotificationRequestItem":{genuine}}}]}}"#
        );
        assert!(matches!(
            verify(twice.as_bytes()),
            Err(ConnectorError::PayloadMalformed { .. })
        ));
    }

    #[test]
    fn a_body_over_the_cap_is_refused_before_it_is_parsed() {
        let mut big = body(r#"{"pspReference":"1"}"#);
        big.splice(1..1, std::iter::repeat_n(b' ', MAX_BODY));
        match verify(&big) {
            Err(ConnectorError::PayloadMalformed { reason, .. }) => {
                assert!(reason.contains("larger than"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn fields_enter_the_signed_text_as_before() {
        fn of(s: &str) -> String {
            text(Some(serde_json::from_str::<&RawValue>(s).unwrap()))
        }
        assert_eq!(text(None), "");
        assert_eq!(of("null"), "");
        assert_eq!(of(r#""a\"b\u00e9""#), "a\"bé");
        assert_eq!(of("1130"), "1130");
        assert_eq!(of("true"), "true");
    }
}
