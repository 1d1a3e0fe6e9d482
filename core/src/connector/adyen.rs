//! Adyen: the signature is not in a header but in the body. Each notification item carries
//! `additionalData.hmacSignature`, base64 HMAC-SHA256 keyed with the **hex-decoded** HMAC key
//! over eight fields joined by colons: `pspReference:originalReference:merchantAccountCode:
//! merchantReference:value:currency:eventCode:success` (value and currency from `amount`; a
//! missing field is empty). A batch is accepted only when every item verifies: one forged item
//! must not ride along with genuine ones.

use serde_json::Value;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::{
    base64_signature, ct_eq, decode_lower_hex, event, hmac, mismatch, nonempty_secret, Connector,
    ConnectorError, ConnectorEvent, Request, VerifyOptions,
};

const FIELD: &str = "additionalData.hmacSignature";

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
        let body: Value = serde_json::from_slice(request.body())
            .map_err(|e| bad(format!("it is not JSON ({e})")))?;
        let items = body
            .get("notificationItems")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("it has no notificationItems array".into()))?;
        if items.is_empty() {
            return Err(bad("notificationItems is empty: nothing to verify".into()));
        }
        let mut all = true;
        for (i, item) in items.iter().enumerate() {
            let item = item
                .get("NotificationRequestItem")
                .filter(|v| v.is_object())
                .ok_or_else(|| bad(format!("item {i} has no NotificationRequestItem object")))?;
            let Some(sig) = item
                .get("additionalData")
                .and_then(|d| d.get("hmacSignature"))
                .and_then(Value::as_str)
            else {
                return Err(ConnectorError::HeaderMissing { header: FIELD });
            };
            let received = base64_signature(FIELD, sig.as_bytes(), 32)?;
            let amount = item.get("amount");
            let fields = [
                text(item.get("pspReference")),
                text(item.get("originalReference")),
                text(item.get("merchantAccountCode")),
                text(item.get("merchantReference")),
                text(amount.and_then(|a| a.get("value"))),
                text(amount.and_then(|a| a.get("currency"))),
                text(item.get("eventCode")),
                text(item.get("success")),
            ];
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

/// A field as it enters the signed text: strings verbatim, numbers and booleans as their JSON
/// text, missing or null as the empty string.
fn text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}
