//! Leaked-key reports from GitHub secret scanning: the native half of
//! `verifyGithubSecretAlert` and `secretAlertResponse` (`lib/secret_alert.js`).

use napi::bindgen_prelude::*;
use napi_derive::napi;
use revtain::secret_alert::{self, GithubPublicKeys, SecretAlert, KEY_ID_HEADER, SIGNATURE_HEADER};

use crate::errors::err;

/// The headers the core reads, in the order `_secretAlertHeaderKeys` spells them.
const HEADERS: [&str; 2] = [KEY_ID_HEADER, SIGNATURE_HEADER];

/// The lower-case spellings the core's header rule matches for the two GitHub headers.
#[napi(js_name = "_secretAlertHeaderKeys")]
pub fn secret_alert_header_keys() -> Vec<String> {
    HEADERS
        .iter()
        .flat_map(|n| revtain::headers::lowercase_spellings(n))
        .collect()
}

/// One match, as `lib/secret_alert.js` wraps it in a `SecretAlert`.
#[napi(object, js_name = "_SecretAlertParts")]
pub struct SecretAlertParts {
    pub token: String,
    pub token_type: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub is_revtain_key: bool,
    /// The core's `describe()`: what `toString`, `inspect` and `toJSON` show.
    pub shown: String,
}

fn parts(a: SecretAlert) -> SecretAlertParts {
    SecretAlertParts {
        shown: a.describe(),
        is_revtain_key: a.is_revtain_key,
        token: a.token,
        token_type: a.token_type,
        url: a.url,
        source: a.source,
    }
}

/// `new SecretAlert({ token, type, url, source })`: a match as GitHub reports it (replaying a
/// stored alert, tests); whether it is a Revtain key is the core's verdict.
#[napi(js_name = "_secretAlertMake")]
pub fn secret_alert_make(
    token: String,
    token_type: String,
    url: Option<String>,
    source: Option<String>,
) -> SecretAlertParts {
    parts(SecretAlert::new(token, token_type, url, source))
}

/// Verifies a GitHub secret-scanning alert: `indices[i]` names which of the two headers
/// `values[i]` is (0 the key id, 1 the signature), as `headerPairs` found them.
#[napi(js_name = "_secretAlertVerify")]
pub fn secret_alert_verify(
    env: &Env,
    body: &[u8],
    public_keys: &[u8],
    indices: Vec<u32>,
    values: Vec<String>,
) -> Result<Vec<SecretAlertParts>> {
    let keys = GithubPublicKeys::parse(public_keys).map_err(err(env))?;
    let headers: Vec<(&str, &str)> = indices
        .iter()
        .zip(&values)
        .filter_map(|(&i, v)| HEADERS.get(i as usize).map(|n| (*n, v.as_str())))
        .collect();
    let alerts =
        secret_alert::verify_github_secret_alert(body, headers, &keys).map_err(err(env))?;
    Ok(alerts.into_iter().map(parts).collect())
}

/// GitHub's feedback body: the alerts' tokens and types, and `known[i]`, the caller's answer
/// for alert `i` (read only for Revtain keys, which is all the core asks about).
#[napi(js_name = "_secretAlertResponse")]
pub fn secret_alert_response(
    tokens: Vec<String>,
    types: Vec<String>,
    known: Vec<bool>,
) -> Result<Buffer> {
    let alerts: Vec<SecretAlert> = tokens
        .into_iter()
        .zip(types)
        .map(|(token, token_type)| SecretAlert::new(token, token_type, None, None))
        .collect();
    let body = secret_alert::secret_alert_response_indexed(&alerts, |i, _| {
        Ok::<bool, std::convert::Infallible>(known.get(i).copied().unwrap_or(false))
    });
    match body {
        Ok(body) => Ok(body.into()),
        Err(never) => match never {},
    }
}
