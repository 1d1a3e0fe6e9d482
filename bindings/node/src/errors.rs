//! Maps core errors onto JavaScript `Error` objects with `code`, `name` and extra fields.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use revtain::ErrorKind;

/// One core error kind as seen from JavaScript.
#[napi(object)]
pub struct ErrorKindInfo {
    /// The C result-code name, which is the error's `code`.
    pub code: String,
    /// The error's `name`, as the Python exception class.
    pub name: String,
    /// The family (for example `InvalidApiKey`), if any.
    pub family: Option<String>,
    /// Whether it reports a bad argument value.
    pub is_input_error: bool,
}

/// Every core error kind.
#[napi]
pub fn error_kinds() -> Vec<ErrorKindInfo> {
    ErrorKind::ALL
        .iter()
        .map(|k| ErrorKindInfo {
            code: k.code().to_owned(),
            name: k.class_name().to_owned(),
            family: k.family().map(str::to_owned),
            is_input_error: k.is_input_error(),
        })
        .collect()
}

/// A new `Error` for `kind`: `message`, `name` (the Python class), `code`, `family` and the
/// extra numeric `fields` that are set.
pub fn error_object<'e>(
    env: &'e Env,
    kind: ErrorKind,
    message: String,
    fields: &[(&str, Option<f64>)],
) -> Result<Object<'e>> {
    let mut err = env.create_error(Error::from_reason(message))?;
    err.set_named_property("name", kind.class_name())?;
    err.set_named_property("code", kind.code())?;
    if let Some(family) = kind.family() {
        err.set_named_property("family", family)?;
    }
    for (name, value) in fields {
        if let Some(value) = value {
            err.set_named_property(name, *value)?;
        }
    }
    Ok(err)
}

/// Throws an `Error` for `kind` and returns the error napi-rs should pass up: the exception is
/// already pending, so napi-rs does not throw a second one.
pub fn throw(env: &Env, kind: ErrorKind, message: String, fields: &[(&str, Option<f64>)]) -> Error {
    throw_object(env, error_object(env, kind, message, fields))
}

/// Throws an error object made by [`error_object`] (and completed by the caller) and returns the
/// error napi-rs should pass up, as [`throw`] does.
pub fn throw_object(env: &Env, err: Result<Object<'_>>) -> Error {
    match err.and_then(|err| env.throw(err)) {
        Ok(()) => Error::new(Status::PendingException, String::new()),
        Err(e) => e,
    }
}

/// The error an async task rejects its promise with: the `Error` object for `kind` itself
/// (napi-rs rejects with the object an `Error` refers to, so `code` and `name` survive).
pub fn rejection(env: &Env, kind: ErrorKind, message: String) -> Error {
    match error_object(env, kind, message, &[]) {
        Ok(err) => Error::from(err.to_unknown()),
        Err(e) => e,
    }
}

/// Throws the core's API-key errors.
pub fn api_key_error(env: &Env, e: revtain::keys::ApiKeyError) -> Error {
    let position = e.position().map(|p| p as f64);
    let length = e.length().map(|l| l as f64);
    throw(
        env,
        e.kind(),
        e.to_string(),
        &[("position", position), ("length", length)],
    )
}

/// Throws a failure of the OS random number generator.
pub fn random_error(env: &Env, e: revtain::RandomUnavailable) -> Error {
    throw(env, e.kind(), e.to_string(), &[])
}
