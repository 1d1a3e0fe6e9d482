//! Credential vault: `Keyring` with `seal`, `seal_bytes`, `open`, `needs_rotation`, `reseal`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use revtain::vault::{self, Context};

use crate::convert::with_bytes;
use crate::errors::err;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Keyring>()?;
    m.add("VAULT_OVERHEAD", vault::OVERHEAD)?;
    Ok(())
}

/// Converts a `Mapping[str, str]` into a context; a plain `dict` is read without calling
/// Python methods.
fn context<'py>(py: Python<'py>, obj: &Bound<'py, PyAny>) -> PyResult<Context> {
    let mut items: Vec<(Bound<'py, PyString>, Bound<'py, PyString>)> = Vec::new();
    let mut add = |k: Bound<'py, PyAny>, v: Bound<'py, PyAny>| -> PyResult<()> {
        match (k.cast_into::<PyString>(), v.cast_into::<PyString>()) {
            (Ok(k), Ok(v)) => {
                items.push((k, v));
                Ok(())
            }
            _ => Err(PyTypeError::new_err("context keys and values must be str")),
        }
    };
    if let Ok(d) = obj.cast::<PyDict>() {
        for (k, v) in d.iter() {
            add(k, v)?;
        }
    } else if obj.hasattr("items")? {
        for item in obj.call_method0("items")?.try_iter()? {
            let (k, v): (Bound<'py, PyAny>, Bound<'py, PyAny>) = item?.extract()?;
            add(k, v)?;
        }
    } else {
        return Err(PyTypeError::new_err(format!(
            "context must be a Mapping[str, str], not {}",
            obj.get_type().name()?
        )));
    }
    // Borrow the strings' UTF-8 (no copies until the one canonical encoding).
    let mut pairs = Vec::with_capacity(items.len());
    for (k, v) in &items {
        pairs.push((
            crate::convert::text_of(k)?.as_bytes(),
            crate::convert::text_of(v)?.as_bytes(),
        ));
    }
    Context::from_pairs(pairs).map_err(err(py))
}

/// AES-256 keys by id, the first primary. `repr()` shows the key ids only.
#[pyclass(frozen, module = "revtain", name = "Keyring")]
pub struct Keyring {
    inner: vault::Keyring,
}

#[pymethods]
impl Keyring {
    /// Parses `<key_id>:<base64 of 32 bytes>[,...]`, the first entry primary.
    #[staticmethod]
    fn from_text(py: Python<'_>, text: crate::convert::Text) -> PyResult<Self> {
        vault::Keyring::from_text(&text)
            .map(|inner| Keyring { inner })
            .map_err(err(py))
    }

    /// Reads the text form from the environment variable `name` (as `os.environ` has it).
    #[staticmethod]
    #[pyo3(signature = (name = None))]
    fn from_env(py: Python<'_>, name: Option<crate::convert::Text>) -> PyResult<Self> {
        // Python's own view of the environment (os.environ), which Python code may change.
        let environ = py.import("os")?.getattr("environ")?;
        let value =
            environ.call_method1("get", (name.as_deref().unwrap_or(vault::KEYRING_ENV),))?;
        let text = value
            .cast::<PyString>()
            .ok()
            .map(|s| crate::convert::text_of(s))
            .transpose()?;
        vault::Keyring::from_env_value(name.as_deref(), text)
            .map(|inner| Keyring { inner })
            .map_err(err(py))
    }

    /// A keyring of one new random key with a random id.
    #[staticmethod]
    fn generate(py: Python<'_>) -> PyResult<Self> {
        vault::Keyring::generate()
            .map(|inner| Keyring { inner })
            .map_err(err(py))
    }

    /// A new keyring whose primary is a new random key, keeping every key of this one.
    fn rotate(&self, py: Python<'_>) -> PyResult<Self> {
        self.inner
            .rotate()
            .map(|inner| Keyring { inner })
            .map_err(err(py))
    }

    /// The text form. It is the key material: keep it secret.
    fn to_text(&self) -> String {
        self.inner.to_text().to_string()
    }

    /// The id of the primary key, which seals.
    #[getter]
    fn primary_key_id(&self) -> u32 {
        self.inner.primary_key_id()
    }

    /// Every key id, primary first.
    #[getter]
    fn key_ids(&self) -> Vec<u32> {
        self.inner.key_ids()
    }

    /// Seals `plaintext` under the primary key, bound to `context`: text form `rvc1:...`.
    fn seal(
        &self,
        py: Python<'_>,
        plaintext: &Bound<'_, PyAny>,
        context: &Bound<'_, PyAny>,
    ) -> PyResult<String> {
        let ctx = self::context(py, context)?;
        with_bytes(plaintext, "plaintext", |pt| self.inner.seal(pt, &ctx))?.map_err(err(py))
    }

    /// Seals into the binary form.
    fn seal_bytes<'py>(
        &self,
        py: Python<'py>,
        plaintext: &Bound<'py, PyAny>,
        context: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let ctx = self::context(py, context)?;
        // Encrypt straight into the bytes object that is returned.
        with_bytes(plaintext, "plaintext", |pt| {
            PyBytes::new_with(py, pt.len() + vault::OVERHEAD, |out| {
                self.inner.seal_into(pt, &ctx, out).map_err(err(py))
            })
        })?
    }

    /// Opens a text (`str` or bytes starting with `rvc1:`) or binary envelope.
    fn open<'py>(
        &self,
        py: Python<'py>,
        envelope: &Bound<'py, PyAny>,
        context: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let ctx = self::context(py, context)?;
        with_bytes(envelope, "envelope", |env| {
            // Decrypt straight into the new bytes object: the plaintext is copied out once.
            let binary = vault::decode_envelope(env).map_err(err(py))?;
            let header = vault::Keyring::inspect(&binary).map_err(err(py))?;
            PyBytes::new_with(py, header.plaintext_len, |out| {
                self.inner
                    .open_binary_into(&binary, &ctx, out)
                    .map_err(err(py))
            })
        })?
    }

    /// Whether the envelope was sealed under a key other than the primary.
    fn needs_rotation(&self, py: Python<'_>, envelope: &Bound<'_, PyAny>) -> PyResult<bool> {
        with_bytes(envelope, "envelope", |env| self.inner.needs_rotation(env))?.map_err(err(py))
    }

    /// Opens, then seals under the primary key: text form.
    fn reseal(
        &self,
        py: Python<'_>,
        envelope: &Bound<'_, PyAny>,
        context: &Bound<'_, PyAny>,
    ) -> PyResult<String> {
        let ctx = self::context(py, context)?;
        with_bytes(envelope, "envelope", |env| self.inner.reseal(env, &ctx))?.map_err(err(py))
    }

    /// Opens, then seals under the primary key: binary form.
    fn reseal_bytes<'py>(
        &self,
        py: Python<'py>,
        envelope: &Bound<'py, PyAny>,
        context: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let ctx = self::context(py, context)?;
        let sealed = with_bytes(envelope, "envelope", |env| {
            self.inner.reseal_bytes(env, &ctx)
        })?
        .map_err(err(py))?;
        Ok(PyBytes::new(py, &sealed))
    }

    fn __repr__(&self) -> String {
        format!(
            "Keyring(primary_key_id={}, key_ids={:?})",
            self.inner.primary_key_id(),
            self.inner.key_ids()
        )
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "Keyring cannot be pickled: keep its text form in a secret store (Keyring.from_env)",
        ))
    }
}
