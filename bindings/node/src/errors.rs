//! Maps core errors onto the JavaScript error classes of `lib/errors.js` (generated from the
//! core's error table): `revtain.js` registers that module's `makeError(code, message, fields)`
//! at load time, and every error thrown here is made by it, so each is an instance of its kind's
//! class and family with the core's own message and its fields.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use revtain::{ErrorDetail, ErrorKind};

/// `makeError(code, message, header, age, tolerance, timestamp, keyId, position, length,
/// requested)`: the fields that do not apply are `null`.
pub type Factory = FunctionRef<FnArgs<Args>, Unknown<'static>>;
pub type Args = (
    &'static str,
    String,
    Option<&'static str>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
);

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
            family: k.family().map(|f| f.name().to_owned()),
            is_input_error: k.is_input_error(),
        })
        .collect()
}

/// Registers `makeError` (from `lib/errors.js`) for this environment.
#[napi(js_name = "_setErrorFactory")]
pub fn set_error_factory(
    env: &Env,
    #[napi(ts_arg_type = "(code: string, message: string, ...fields: unknown[]) => Error")]
    factory: Unknown<'_>,
) -> Result<()> {
    // The reference keeps the function alive for the environment's life.
    env.set_instance_data(crate::raw::function_ref(&factory)?, (), |_| {})
}

/// A new error for `detail`, made by the registered factory, with `extra` (host values: a
/// gateway error's `attempts` and `response`) set on it too.
pub fn error_object<'e>(
    env: &'e Env,
    detail: &ErrorDetail,
    extra: impl FnOnce(&mut Object<'e>) -> Result<()>,
) -> Result<Object<'e>> {
    let Some(factory) = env.get_instance_data::<Factory>()? else {
        return Err(Error::new(
            Status::GenericFailure,
            "revtain: the error classes are not registered (load the package through revtain.js)",
        ));
    };
    let made = factory.borrow_back(env)?.call(FnArgs::from((
        detail.kind.code(),
        detail.message.clone(),
        detail.header,
        detail.age.map(|v| v as f64),
        detail.tolerance.map(|v| v as f64),
        detail.timestamp.map(|v| v as f64),
        detail.key_id.map(f64::from),
        detail.position.map(|v| v as f64),
        detail.length.map(|v| v as f64),
        detail.requested,
    )))?;
    let mut err = crate::raw::object(&made)?;
    extra(&mut err)?;
    Ok(err)
}

/// Throws `err` and returns the error napi-rs should pass up: the exception is already pending,
/// so napi-rs does not throw a second one.
pub fn throw_object(env: &Env, err: Result<Object<'_>>) -> Error {
    match err.and_then(|err| env.throw(err)) {
        Ok(()) => Error::new(Status::PendingException, String::new()),
        Err(e) => e,
    }
}

/// Throws the error for `detail`.
pub fn throw_detail(env: &Env, detail: &ErrorDetail) -> Error {
    throw_object(env, error_object(env, detail, |_| Ok(())))
}

/// `map_err(err(env))`: throws the error for any core error.
pub fn err<E>(env: &Env) -> impl FnOnce(E) -> Error + '_
where
    for<'e> ErrorDetail: From<&'e E>,
{
    move |e| throw_detail(env, &ErrorDetail::from(&e))
}

/// The error an async task rejects its promise with: the error object itself (napi-rs rejects
/// with the object an `Error` refers to, so its class, `code` and fields survive).
pub fn rejection(env: &Env, detail: &ErrorDetail) -> Error {
    match error_object(env, detail, |_| Ok(())) {
        Ok(err) => Error::from(err.to_unknown()),
        Err(e) => e,
    }
}
