//! Card data safety and card-update links: `find_pans`, `redact_pans`,
//! `validate_gateway_token`, `generate_card_update_secret`, `CardUpdateLinks`,
//! `CardUpdateClaims`.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyTuple};
use revtain::card;

use crate::api_key::find_in;
use crate::convert::{number, with_bytes};
use crate::errors::err;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(find_pans, m)?)?;
    m.add_function(wrap_pyfunction!(redact_pans, m)?)?;
    m.add_function(wrap_pyfunction!(validate_gateway_token, m)?)?;
    m.add_function(wrap_pyfunction!(generate_card_update_secret, m)?)?;
    m.add_class::<CardUpdateLinks>()?;
    m.add_class::<CardUpdateClaims>()?;
    m.add("GATEWAYS", PyTuple::new(m.py(), card::GATEWAYS)?)?;
    m.add("CARD_UPDATE_AUDIENCE", card::AUDIENCE)?;
    Ok(())
}

/// `now` for a card-update call, checked by the core; `None` is the clock.
fn now_of(py: Python<'_>, now: Option<&Bound<'_, PyAny>>) -> PyResult<u64> {
    card::now_from(number(now, "now")?).map_err(err(py))
}

/// Where card numbers are in `text`: `(start, end)` pairs, `str` indices for a `str`, byte
/// offsets for bytes.
#[pyfunction]
fn find_pans(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<(usize, usize)>> {
    find_in(py, text, card::find_pans)
}

/// `text` with every card number's digits but the last four replaced by `*` (`str` in, `str`
/// out; bytes in, bytes out). The result holds no card number.
#[pyfunction]
fn redact_pans<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if let Ok(s) = text.cast::<PyString>() {
        return Ok(PyString::new(py, &card::redact_pans(crate::convert::text_of(s)?)).into_any());
    }
    let out = with_bytes(text, "text", card::redact_pans_bytes)?;
    Ok(PyBytes::new(py, &out).into_any())
}

/// Checks that `token` is a token of `gateway` and returns its kind (for example
/// `"stripe.payment_method"`). A card number is refused with `PanDetected`, never echoed.
#[pyfunction]
fn validate_gateway_token(
    py: Python<'_>,
    gateway: crate::convert::Text,
    token: crate::convert::Text,
) -> PyResult<&'static str> {
    card::validate_gateway_token(&gateway, &token)
        .map(|k| k.name())
        .map_err(err(py))
}

/// A new card-update secret: `cusec_` + base64 of 32 random bytes.
#[pyfunction]
fn generate_card_update_secret(py: Python<'_>) -> PyResult<String> {
    card::generate_card_update_secret()
        .map(|s| s.as_str().to_owned())
        .map_err(err(py))
}

/// The verified claims of a card-update token.
#[pyclass(frozen, module = "revtain", name = "CardUpdateClaims")]
pub struct CardUpdateClaims {
    /// The merchant's client id.
    #[pyo3(get)]
    iss: String,
    /// The merchant's customer reference.
    #[pyo3(get)]
    sub: String,
    /// `revtain:card-update`.
    #[pyo3(get)]
    aud: String,
    /// Issued at, unix seconds.
    #[pyo3(get)]
    iat: i64,
    /// Expires at, unix seconds.
    #[pyo3(get)]
    exp: i64,
    /// The token's random id.
    #[pyo3(get)]
    jti: String,
    /// Where to send the customer afterwards, if given.
    #[pyo3(get)]
    return_url: Option<String>,
}

#[pymethods]
impl CardUpdateClaims {
    /// The customer reference (`sub`).
    #[getter]
    fn customer(&self) -> &str {
        &self.sub
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "CardUpdateClaims(iss={}, sub={}, exp={}, jti={})",
            PyString::new(py, &self.iss).repr()?,
            PyString::new(py, &self.sub).repr()?,
            self.exp,
            PyString::new(py, &self.jti).repr()?,
        ))
    }
}

/// Mints and verifies card-update links for one merchant. `repr()` never shows the secret.
#[pyclass(frozen, module = "revtain", name = "CardUpdateLinks")]
pub struct CardUpdateLinks {
    inner: card::CardUpdateLinks,
    base_url: String,
}

#[pymethods]
impl CardUpdateLinks {
    #[new]
    #[pyo3(signature = (secret, client_id, base_url, leeway = None, max_lifetime = None))]
    fn new(
        py: Python<'_>,
        secret: crate::convert::Text,
        client_id: crate::convert::Text,
        base_url: crate::convert::Text,
        leeway: Option<&Bound<'_, PyAny>>,
        max_lifetime: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let leeway = card::leeway_from(number(leeway, "leeway")?).map_err(err(py))?;
        let max_lifetime =
            card::max_lifetime_from(number(max_lifetime, "max_lifetime")?).map_err(err(py))?;
        let inner = card::CardUpdateLinks::new(&secret, &client_id, &base_url)
            .map_err(err(py))?
            .with_leeway(leeway)
            .with_max_lifetime(max_lifetime);
        Ok(CardUpdateLinks {
            inner,
            base_url: base_url.to_owned(),
        })
    }

    /// The longest lifetime of a link in seconds (default a week): longer ones are neither minted
    /// nor accepted.
    #[getter]
    fn max_lifetime(&self) -> u64 {
        self.inner.max_lifetime()
    }

    /// A new link for `customer`: the base URL with `token=<JWS>` added to its query.
    #[pyo3(signature = (customer, ttl = None, return_url = None, now = None))]
    fn create(
        &self,
        py: Python<'_>,
        customer: crate::convert::Text,
        ttl: Option<&Bound<'_, PyAny>>,
        return_url: Option<crate::convert::Text>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let ttl = card::ttl_from(number(ttl, "ttl")?).map_err(err(py))?;
        let now = now_of(py, now)?;
        self.inner
            .create(&customer, ttl, return_url.as_deref(), now)
            .map_err(err(py))
    }

    /// A new token for `customer` (the compact JWS alone).
    #[pyo3(signature = (customer, ttl = None, return_url = None, now = None))]
    fn token(
        &self,
        py: Python<'_>,
        customer: crate::convert::Text,
        ttl: Option<&Bound<'_, PyAny>>,
        return_url: Option<crate::convert::Text>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let ttl = card::ttl_from(number(ttl, "ttl")?).map_err(err(py))?;
        let now = now_of(py, now)?;
        self.inner
            .token(&customer, ttl, return_url.as_deref(), now)
            .map_err(err(py))
    }

    /// Verifies a token (HS256 only) and returns its claims.
    #[pyo3(signature = (token, now = None))]
    fn verify(
        &self,
        py: Python<'_>,
        token: crate::convert::Text,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<CardUpdateClaims> {
        let now = now_of(py, now)?;
        let c = self.inner.verify(&token, now).map_err(err(py))?;
        Ok(CardUpdateClaims {
            iss: c.iss,
            sub: c.sub,
            aud: c.aud,
            iat: c.iat,
            exp: c.exp,
            jti: c.jti,
            return_url: c.return_url,
        })
    }

    /// The client id (`iss`).
    #[getter]
    fn client_id(&self) -> &str {
        self.inner.client_id()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "CardUpdateLinks(client_id={}, base_url={})",
            PyString::new(py, self.inner.client_id()).repr()?,
            PyString::new(py, &self.base_url).repr()?,
        ))
    }
}
