//! ReCharge: two schemes. The timestamped `X-Recharge-Webhook-Signature: t=…,v1=…` (HMAC-SHA256
//! with the client secret over `{t}.{body}`, 48 h window) is preferred when present; otherwise
//! the legacy `X-Recharge-Hmac-Sha256`, which is **not** an HMAC: SHA-256 of the client secret
//! followed by the body, hex. A request carrying the timestamped header is judged by it alone:
//! a failing timestamped signature never falls back to the legacy one, which has no replay
//! window.

use sha2::{Digest, Sha256};

use super::stripe::verify_t_v1;
use super::{
    ct_eq, event, lower_hex, mismatch, nonempty_secret, Connector, ConnectorError, ConnectorEvent,
    Request, VerifyOptions,
};

const TIMESTAMPED: &str = "X-Recharge-Webhook-Signature";
const LEGACY: &str = "X-Recharge-Hmac-Sha256";

#[derive(Debug)]
pub(crate) struct Recharge;

impl Connector for Recharge {
    fn name(&self) -> &'static str {
        "recharge"
    }

    fn default_tolerance(&self) -> Option<u64> {
        Some(48 * 3600)
    }

    fn header_names(&self) -> &'static [&'static str] {
        &[TIMESTAMPED, LEGACY]
    }

    fn verify(
        &self,
        request: &Request<'_>,
        secret: &[u8],
        options: &VerifyOptions<'_>,
    ) -> Result<ConnectorEvent, ConnectorError> {
        let secret = nonempty_secret(self.name(), secret)?;
        if let Some(value) = request.header(TIMESTAMPED)? {
            let t = verify_t_v1(
                self,
                TIMESTAMPED,
                value,
                request.body(),
                secret,
                options,
                "ReCharge signs {t}.{raw body} with HMAC-SHA256 keyed with the API client secret; check the secret and that the body is the raw bytes as received",
            )?;
            return Ok(event(self.name(), Some(t)));
        }
        let Some(value) = request.header(LEGACY)? else {
            return Err(ConnectorError::HeaderMissing { header: LEGACY });
        };
        let received = lower_hex(LEGACY, value, 32)?;
        let expected = Sha256::new()
            .chain_update(secret)
            .chain_update(request.body())
            .finalize();
        if !ct_eq(&expected, &received) {
            return Err(mismatch(
                "ReCharge's X-Recharge-Hmac-Sha256 is a plain SHA-256 of client secret + raw body (not an HMAC); check the API client secret and that the body is the raw bytes as received",
            ));
        }
        Ok(event(self.name(), None))
    }
}
