//! Leaked-key reports from GitHub secret scanning: `verify_github_secret_alert`, `SecretAlert`,
//! `secret_alert_response`.

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use revtain::secret_alert::{self, GithubPublicKeys, KEY_ID_HEADER, SIGNATURE_HEADER};

use crate::convert::{header_pairs, with_bytes};
use crate::errors::err;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(verify_github_secret_alert, m)?)?;
    m.add_function(wrap_pyfunction!(secret_alert_response, m)?)?;
    m.add_class::<SecretAlert>()?;
    m.add("GITHUB_PUBLIC_KEYS_URL", secret_alert::PUBLIC_KEYS_URL)?;
    Ok(())
}

/// Verifies a GitHub secret-scanning alert request and returns its matches: the raw `body`,
/// the request's `headers` (any mapping), and GitHub's public-key document `public_keys` (the
/// JSON GitHub publishes, `bytes` or `str`; fetch and cache it, and fetch it again on
/// `SecretAlertUnknownKey`).
#[pyfunction]
fn verify_github_secret_alert(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    headers: &Bound<'_, PyAny>,
    public_keys: &Bound<'_, PyAny>,
) -> PyResult<Vec<SecretAlert>> {
    let keys = with_bytes(public_keys, "public_keys", GithubPublicKeys::parse)?.map_err(err(py))?;
    let headers = header_pairs(headers, &[KEY_ID_HEADER, SIGNATURE_HEADER])?;
    let alerts = with_bytes(body, "body", |body| {
        secret_alert::verify_github_secret_alert(body, headers.iter().map(|(n, v)| (n, v)), &keys)
    })?
    .map_err(err(py))?;
    Ok(alerts
        .into_iter()
        .map(|inner| SecretAlert { inner })
        .collect())
}

/// GitHub's feedback body for `alerts` (`bytes`, JSON): `is_known(token)` is called only for
/// the tokens that are Revtain API keys and says whether the key exists; those are
/// `true_positive`, every other token `false_positive`. An exception from `is_known`
/// propagates.
#[pyfunction]
fn secret_alert_response<'py>(
    py: Python<'py>,
    alerts: &Bound<'py, PyAny>,
    is_known: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let alerts: Vec<secret_alert::SecretAlert> = alerts
        .try_iter()?
        .map(|a| Ok(a?.cast_into::<SecretAlert>()?.get().inner.clone()))
        .collect::<PyResult<_>>()?;
    let body = secret_alert::secret_alert_response(&alerts, |token| {
        is_known.call1((token,))?.is_truthy()
    })?;
    Ok(PyBytes::new(py, &body))
}

/// One match of a verified GitHub secret-scanning alert. `repr()` shows the token redacted
/// (its first and last four characters): it is a leaked credential.
#[pyclass(frozen, module = "revtain", name = "SecretAlert")]
pub struct SecretAlert {
    inner: secret_alert::SecretAlert,
}

#[pymethods]
impl SecretAlert {
    /// A match as GitHub reports it (for replaying stored alerts and for tests);
    /// `is_revtain_key` is decided here, by the API-key rule.
    #[new]
    #[pyo3(signature = (token, r#type, url = None, source = None))]
    fn new(token: String, r#type: String, url: Option<String>, source: Option<String>) -> Self {
        SecretAlert {
            inner: secret_alert::SecretAlert::new(token, r#type, url, source),
        }
    }

    /// The string GitHub found: a leaked Revtain API key, or a false positive.
    #[getter]
    fn token(&self) -> &str {
        &self.inner.token
    }

    /// The token type GitHub matched.
    #[getter]
    fn r#type(&self) -> &str {
        &self.inner.token_type
    }

    /// Where it was found, when GitHub says.
    #[getter]
    fn url(&self) -> Option<&str> {
        self.inner.url.as_deref()
    }

    /// What kind of place it was found in (`content`, `commit`, …), when GitHub says.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.inner.source.as_deref()
    }

    /// Whether the token is a well-formed Revtain API key.
    #[getter]
    fn is_revtain_key(&self) -> bool {
        self.inner.is_revtain_key
    }

    fn __repr__(&self) -> String {
        self.inner.describe()
    }
}
