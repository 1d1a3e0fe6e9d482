//! Every raw N-API call of the Node.js binding, and so all of its `unsafe` code: `lib.rs` denies
//! `unsafe_code` for the rest of the crate, which goes through napi-rs or the safe functions here.
//!
//! Why not napi-rs for these: its `#[napi]` functions open a native-borrow scope on every call
//! (an `Arc<Mutex<…>>` allocated and freed, thread-local pushes and pops) and copy every
//! `String` argument, and an `External<T>` argument opens another; together ≈ 0.2–0.4 µs, a third
//! of verifying a 1 KiB webhook. The three hot paths, `_webhookVerify` (`Webhook.verifySignature`,
//! 2.25 → 0.86 µs), `_webhookVerifyEvent` (`Webhook.verify`, 3.7 → 2.4 µs) and
//! `_connectorVerify` (`verifyConnector`, 2.4 → 1.25 µs, measured with
//! `bench/bench_webhook.js`), are plain N-API callbacks that read each argument with one N-API
//! call into stack buffers and allocate nothing on the usual path; the verifier behind `Webhook`
//! is a type-tagged external, checked on every use. The other helpers wrap the few casts napi-rs
//! marks unsafe.

use std::collections::HashMap;
use std::ffi::c_void;

use napi::bindgen_prelude::*;
use napi::sys;
use revtain::connector::{self, VerifyOptions};
use revtain::{webhook, ErrorDetail};

use crate::convert::number;
use crate::errors::{throw_detail, Factory};

/// Fails with `what` unless N-API answered `napi_ok`.
pub fn check(status: sys::napi_status, what: &str) -> Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(Error::new(Status::GenericFailure, format!("{what} failed")))
    }
}

// ------------------------------------------------------------------------- tagged externals

/// A type tag: an external tagged with it is known to hold a `T` made by [`tagged_external`].
pub struct Tag(sys::napi_type_tag);

impl Tag {
    /// A tag from two words unique to its type.
    pub const fn new(lower: u64, upper: u64) -> Tag {
        Tag(sys::napi_type_tag { lower, upper })
    }
}

unsafe extern "C" fn drop_boxed<T>(_env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    // SAFETY: `data` is the Box made in `tagged_external::<T>`, finalized once by the engine.
    drop(unsafe { Box::from_raw(data.cast::<T>()) });
}

/// `value` as a JavaScript external tagged with `tag`; the engine drops it when collected.
pub fn tagged_external<'e, T: 'static>(env: &'e Env, value: T, tag: &Tag) -> Result<Unknown<'e>> {
    let data = Box::into_raw(Box::new(value));
    let mut external = std::ptr::null_mut();
    // SAFETY: `data` is a fresh Box handed to the engine, which calls `drop_boxed::<T>` once when
    // the external is collected; on failure to create it we drop it here.
    unsafe {
        let status = sys::napi_create_external(
            env.raw(),
            data.cast(),
            Some(drop_boxed::<T>),
            std::ptr::null_mut(),
            &mut external,
        );
        if status != sys::Status::napi_ok {
            drop(Box::from_raw(data));
            return Err(Error::new(
                Status::GenericFailure,
                "napi_create_external failed",
            ));
        }
        check(
            sys::napi_type_tag_object(env.raw(), external, &tag.0),
            "napi_type_tag_object",
        )?;
        Unknown::from_napi_value(env.raw(), external)
    }
}

/// The `T` behind an external made by [`tagged_external`] with `tag`; anything else is a
/// `TypeError` saying it is not `what`.
pub fn tagged_ref<'a, T: 'static>(
    env: &Env,
    handle: &Unknown<'a>,
    tag: &Tag,
    what: &str,
) -> Result<&'a T> {
    let mut tagged = false;
    // SAFETY: plain N-API calls on a live value of this callback.
    unsafe {
        // A value that is not an object fails the call: not a handle either. (For `null` and
        // `undefined` N-API has also thrown a TypeError from its object conversion: cleared, so
        // that the error below is the one thrown.)
        let status = sys::napi_check_object_type_tag(env.raw(), handle.raw(), &tag.0, &mut tagged);
        if status != sys::Status::napi_ok {
            let mut pending = std::ptr::null_mut();
            sys::napi_get_and_clear_last_exception(env.raw(), &mut pending);
        }
        if status != sys::Status::napi_ok || !tagged {
            return Err(Error::new(
                Status::InvalidArg,
                format!("not a {what} handle"),
            ));
        }
        let mut data = std::ptr::null_mut();
        check(
            sys::napi_get_value_external(env.raw(), handle.raw(), &mut data),
            "napi_get_value_external",
        )?;
        // The tag proves `data` is a `T` made by `tagged_external`; the handle argument keeps it
        // alive for the whole call.
        Ok(&*data.cast::<T>())
    }
}

// ----------------------------------------------------------------------------- casts

/// A function argument kept as a reference (the error factory of `lib/errors.js`).
pub fn function_ref(value: &Unknown<'_>) -> Result<Factory> {
    if value.get_type()? != ValueType::Function {
        return Err(Error::new(
            Status::InvalidArg,
            "the error factory must be a function",
        ));
    }
    // SAFETY: the value was just checked to be a function.
    unsafe { value.cast() }
}

/// An object value (what the error factory returned).
pub fn object<'e>(value: &Unknown<'e>) -> Result<Object<'e>> {
    if value.get_type()? != ValueType::Object {
        return Err(Error::new(
            Status::GenericFailure,
            "the error factory must return an object",
        ));
    }
    // SAFETY: the value was just checked to be an object.
    unsafe { value.cast() }
}

/// A plain object of string values as a map; anything else is a `TypeError`.
pub fn string_map(value: &Unknown<'_>, what: &str) -> Result<HashMap<String, String>> {
    if value.get_type()? != ValueType::Object || value.is_array()? {
        return Err(Error::new(Status::InvalidArg, what.to_owned()));
    }
    // SAFETY: the value was just checked to be a (non-array) object; the conversion itself
    // checks that every value is a string.
    unsafe { value.cast() }
}

/// The elements of a `Float64Array` argument, to write into.
pub fn float64_mut<'a>(array: &'a mut Float64ArraySlice<'_>) -> &'a mut [f64] {
    // SAFETY: the array is an argument of a synchronous call that runs no JavaScript: nothing
    // else reads or writes its memory meanwhile.
    unsafe { array.as_mut() }
}

// ------------------------------------------------------------------ raw callback arguments

/// The arguments of a raw callback, missing ones `undefined` (and not read at all).
struct Args<const N: usize> {
    env: sys::napi_env,
    argv: [sys::napi_value; N],
    /// How many were passed.
    argc: usize,
}

impl<const N: usize> Args<N> {
    /// # Safety
    /// `env` and `info` are those of a live N-API callback.
    unsafe fn read(env: sys::napi_env, info: sys::napi_callback_info) -> Result<Args<N>> {
        let mut argc = N;
        let mut argv = [std::ptr::null_mut(); N];
        check(
            // SAFETY: see the function's contract; the engine fills `argc` slots at most and
            // keeps the values alive until the callback returns (missing ones read as
            // `undefined`).
            unsafe {
                sys::napi_get_cb_info(
                    env,
                    info,
                    &mut argc,
                    argv.as_mut_ptr(),
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                )
            },
            "napi_get_cb_info",
        )?;
        Ok(Args { env, argv, argc })
    }

    fn value_type(&self, i: usize) -> Result<sys::napi_valuetype> {
        let mut t = 0;
        check(
            // SAFETY: a plain N-API call on a live argument.
            unsafe { sys::napi_typeof(self.env, self.argv[i], &mut t) },
            "napi_typeof",
        )?;
        Ok(t)
    }

    fn is_nullish(&self, i: usize) -> Result<bool> {
        if i >= self.argc {
            return Ok(true);
        }
        let t = self.value_type(i)?;
        Ok(t == sys::ValueType::napi_undefined || t == sys::ValueType::napi_null)
    }

    fn unknown(&self, i: usize) -> Unknown<'_> {
        // SAFETY: a live argument of this callback.
        unsafe { Unknown::from_raw_unchecked(self.env, self.argv[i]) }
    }

    /// A number; `undefined`/`null` is `None`; another type a `TypeError` naming `what`.
    fn optional_number(&self, i: usize, what: &str) -> Result<Option<f64>> {
        if i >= self.argc {
            return Ok(None);
        }
        let mut v = 0f64;
        // SAFETY: a plain N-API call on a live argument.
        match unsafe { sys::napi_get_value_double(self.env, self.argv[i], &mut v) } {
            sys::Status::napi_ok => Ok(Some(v)),
            _ if self.is_nullish(i)? => Ok(None),
            _ => Err(Error::new(
                Status::InvalidArg,
                format!("{what} must be a number"),
            )),
        }
    }

    /// A boolean; `undefined`/`null` is `None`; another type a `TypeError` naming `what`.
    fn optional_bool(&self, i: usize, what: &str) -> Result<Option<bool>> {
        if i >= self.argc || self.is_nullish(i)? {
            return Ok(None);
        }
        let mut v = false;
        // SAFETY: a plain N-API call on a live argument.
        match unsafe { sys::napi_get_value_bool(self.env, self.argv[i], &mut v) } {
            sys::Status::napi_ok => Ok(Some(v)),
            _ => Err(Error::new(
                Status::InvalidArg,
                format!("{what} must be a boolean"),
            )),
        }
    }

    /// Reads a string as UTF-8 into `buf` with one N-API call: the length written, or `None`
    /// when the argument is not a string. N-API writes whole characters and a NUL, so the
    /// string was cut short exactly when the length is within 4 bytes (the longest character)
    /// of `buf.len()`; with an empty `buf` it only reports the whole length.
    fn utf8_into(&self, i: usize, buf: &mut [u8]) -> Result<Option<usize>> {
        if i >= self.argc {
            return Ok(None);
        }
        let mut len = 0usize;
        let ptr = if buf.is_empty() {
            std::ptr::null_mut()
        } else {
            buf.as_mut_ptr().cast()
        };
        // SAFETY: `buf` is valid for `buf.len()` bytes; N-API writes at most that many, NUL
        // included, and reports the bytes written without the NUL (a null `buf`: the length).
        let status = unsafe {
            sys::napi_get_value_string_utf8(self.env, self.argv[i], ptr, buf.len(), &mut len)
        };
        match status {
            sys::Status::napi_ok => Ok(Some(len)),
            sys::Status::napi_string_expected => Ok(None),
            _ => Err(Error::new(
                Status::GenericFailure,
                "cannot read a string argument",
            )),
        }
    }

    /// A string argument's UTF-8 bytes, in `stack` when they fit, else in `heap`; `None` when
    /// it is not a string.
    fn utf8<'b>(
        &self,
        i: usize,
        stack: &'b mut [u8],
        heap: &'b mut Vec<u8>,
    ) -> Result<Option<&'b [u8]>> {
        match self.utf8_into(i, stack)? {
            None => Ok(None),
            Some(len) if len + 4 < stack.len() => Ok(Some(&stack[..len])),
            Some(_) => {
                let whole = self.utf8_into(i, &mut [])?.unwrap_or(0);
                heap.resize(whole + 1, 0);
                let len = self.utf8_into(i, heap)?.unwrap_or(0);
                Ok(Some(&heap[..len]))
            }
        }
    }

    /// The bytes of a `Uint8Array` argument (a Buffer, or a view at any offset), borrowed;
    /// `None` when it is not one.
    fn uint8_array(&self, i: usize) -> Result<Option<&[u8]>> {
        if i >= self.argc {
            return Ok(None);
        }
        let mut kind = 0;
        let mut len = 0usize;
        let mut data = std::ptr::null_mut();
        // SAFETY: the argument is kept alive by the engine until the callback returns, and
        // nothing here runs JavaScript that could detach it; N-API's `data` already points at
        // the view's first byte (the byte offset applied). A value that is not a typed array is
        // refused by N-API.
        unsafe {
            let status = sys::napi_get_typedarray_info(
                self.env,
                self.argv[i],
                &mut kind,
                &mut len,
                &mut data,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            );
            if status != sys::Status::napi_ok || kind != sys::TypedarrayType::uint8_array {
                return Ok(None);
            }
            if len == 0 || data.is_null() {
                return Ok(Some(&[]));
            }
            Ok(Some(std::slice::from_raw_parts(data.cast::<u8>(), len)))
        }
    }

    /// The elements of a `Float64Array` argument, to write into; `None` when it is not one.
    // The slice is the engine's memory, not `self`'s: `&self` is only the argument list, and
    // each caller takes this argument once.
    #[allow(clippy::mut_from_ref)]
    fn float64_array_mut(&self, i: usize) -> Result<Option<&mut [f64]>> {
        if i >= self.argc {
            return Ok(None);
        }
        let mut kind = 0;
        let mut len = 0usize;
        let mut data = std::ptr::null_mut();
        // SAFETY: as for `uint8_array`; and the array is an argument of a synchronous call that
        // runs no JavaScript, so nothing else reads or writes its memory meanwhile. Each call
        // hands out the slice once (the callers read each argument once).
        unsafe {
            let status = sys::napi_get_typedarray_info(
                self.env,
                self.argv[i],
                &mut kind,
                &mut len,
                &mut data,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            );
            if status != sys::Status::napi_ok || kind != sys::TypedarrayType::float64_array {
                return Ok(None);
            }
            if len == 0 || data.is_null() {
                return Ok(Some(&mut []));
            }
            Ok(Some(std::slice::from_raw_parts_mut(
                data.cast::<f64>(),
                len,
            )))
        }
    }

    /// A `string` (as UTF-8, in `stack` or `heap`) or `Uint8Array` argument; another type is a
    /// `TypeError` naming `what`.
    fn bytes<'b>(
        &'b self,
        i: usize,
        what: &str,
        stack: &'b mut [u8],
        heap: &'b mut Vec<u8>,
    ) -> Result<&'b [u8]> {
        if let Some(b) = self.uint8_array(i)? {
            return Ok(b);
        }
        self.utf8(i, stack, heap)?.ok_or_else(|| {
            Error::new(
                Status::InvalidArg,
                format!("{what} must be a string, Buffer or Uint8Array"),
            )
        })
    }
}

/// Runs a raw callback's body, turning a panic into an error and an error into a thrown
/// exception (a pending one, thrown by the error factory, is left as it is).
///
/// # Safety
/// `env` is the callback's own.
unsafe fn raw_callback(
    env: sys::napi_env,
    body: impl FnOnce() -> Result<sys::napi_value>,
) -> sys::napi_value {
    let error = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(Ok(value)) => return value,
        Ok(Err(e)) => e,
        Err(_) => Error::new(Status::GenericFailure, "revtain: internal error (panic)"),
    };
    // SAFETY: `env` is live.
    unsafe { JsError::from(error).throw_into(env) };
    std::ptr::null_mut()
}

fn double(env: sys::napi_env, v: f64) -> Result<sys::napi_value> {
    let mut value = std::ptr::null_mut();
    check(
        // SAFETY: a plain N-API call in a callback's env.
        unsafe { sys::napi_create_double(env, v, &mut value) },
        "napi_create_double",
    )?;
    Ok(value)
}

/// Room on the stack for the usual header (up to three `v1`) and the usual secret.
const STACK: usize = 512;

// ------------------------------------------------------------------------ _webhookVerify

/// `_webhookVerify(handle, body, header, now?)`, behind `Webhook.verifySignature`: `body` any
/// `Uint8Array` (`revtain.js` encodes strings), borrowed; `header` a string (`null`/`undefined`:
/// missing); `now` unix seconds (`null`/`undefined`: the clock). Returns the verified timestamp.
unsafe extern "C" fn webhook_verify(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    // SAFETY: this callback's own env and info.
    unsafe {
        raw_callback(env, || {
            let a = Args::<4>::read(env, info)?;
            let napi_env = Env::from_raw(env);
            let verifier = crate::webhook::verifier_of(&napi_env, &a.unknown(0))?;
            let body = a.uint8_array(1)?.ok_or_else(|| {
                Error::new(
                    Status::InvalidArg,
                    "body must be a string, Buffer or Uint8Array (the raw request body)",
                )
            })?;
            let now = a.optional_number(3, "now")?;
            let (mut stack, mut heap) = ([0u8; STACK], Vec::new());
            let header = match a.utf8(2, &mut stack, &mut heap)? {
                Some(h) => Some(h),
                None if a.is_nullish(2)? => None,
                None => {
                    return Err(Error::new(
                        Status::InvalidArg,
                        "the X-Revtain-Signature header must be a string",
                    ))
                }
            };
            let t = crate::webhook::verify_with(&napi_env, verifier, body, header, now)?;
            double(env, t as f64)
        })
    }
}

// ---------------------------------------------------------------------------- headers

/// The most header arguments (indices and values) a raw callback takes: no scheme reads more
/// than six headers, so even repeated ones fit.
const MAX_HEADER_ARGS: usize = 32;

/// The request headers a scheme reads, passed as separate arguments `n, i0, v0, …, i(n/2-1),
/// v(n/2-1)`: each the index of the name it matched in the core's list of the names the scheme
/// reads (`revtain.js` matches by the core's spellings, so an entry is passed under the core's
/// own spelling of its name: the core's rule only matches and counts entries, so no verdict
/// changes) and its value, read straight from its argument (joining them in JavaScript would cost
/// a flattening copy), on the stack when the request's are of the usual size.
struct HeaderArgs {
    stack: [u8; STACK],
    heaps: Vec<Vec<u8>>,
    /// Per header: its name, the value on the heap?, where (offset in the stack or index in
    /// `heaps`), length.
    entries: [(&'static str, bool, usize, usize); MAX_HEADER_ARGS / 2],
    pairs: usize,
}

impl HeaderArgs {
    /// Reads the count at argument `at` and the headers after it; `names` are the names the
    /// scheme reads, as the core lists them.
    fn read<const N: usize>(
        a: &Args<N>,
        at: usize,
        names: &'static [&'static str],
    ) -> Result<HeaderArgs> {
        let n = a.optional_number(at, "the header count")?.unwrap_or(0.0);
        if !(n >= 0.0
            && n <= MAX_HEADER_ARGS as f64
            && n.fract() == 0.0
            && (n as usize).is_multiple_of(2))
        {
            return Err(Error::new(
                Status::InvalidArg,
                "too many headers of the scheme's names",
            ));
        }
        let mut out = HeaderArgs {
            stack: [0u8; STACK],
            heaps: Vec::new(),
            entries: [("", false, 0, 0); MAX_HEADER_ARGS / 2],
            pairs: n as usize / 2,
        };
        let mut used = 0;
        for k in 0..out.pairs {
            let (i, v) = (at + 1 + 2 * k, at + 2 + 2 * k);
            let name = a
                .optional_number(i, "a header index")?
                .filter(|x| x.fract() == 0.0 && *x >= 0.0)
                .and_then(|x| names.get(x as usize))
                .ok_or_else(|| Error::new(Status::InvalidArg, "a header index out of range"))?;
            match a.utf8_into(v, &mut out.stack[used..])? {
                None => {
                    return Err(Error::new(
                        Status::InvalidArg,
                        "header values must be strings",
                    ))
                }
                Some(len) if used + len + 4 < STACK => {
                    out.entries[k] = (name, false, used, len);
                    used += len;
                }
                Some(_) => {
                    let mut heap = Vec::new();
                    let got = a.utf8(v, &mut [], &mut heap)?.map_or(0, <[u8]>::len);
                    heap.truncate(got);
                    out.entries[k] = (name, true, out.heaps.len(), got);
                    out.heaps.push(heap);
                }
            }
        }
        Ok(out)
    }

    /// How many headers.
    fn count(&self) -> usize {
        self.pairs
    }

    /// The `k`-th (name, value) pair.
    fn pair(&self, k: usize) -> (&[u8], &[u8]) {
        let (name, on_heap, at, len) = self.entries[k];
        let value = if on_heap {
            &self.heaps[at][..len]
        } else {
            &self.stack[at..at + len]
        };
        (name.as_bytes(), value)
    }

    /// The argument after the last header, given the count's.
    fn end(&self, at: usize) -> usize {
        at + 1 + 2 * self.pairs
    }
}

// ------------------------------------------------------------------- _webhookVerifyEvent

/// `_webhookVerifyEvent(handle, body, out, now, n, i0, v0, …)`, behind `Webhook.verify` (the
/// headers as [`HeaderArgs`], of the one name `X-Revtain-Signature`): finds the signature
/// header among them, verifies, checks the event envelope, writes
/// `[created, dataStart, dataEnd, idLength]` into `out` (a `Float64Array` of 4, reused by
/// `revtain.js`) and returns the id and the type as one string (`idLength` UTF-16 units of id,
/// then the type). Making one string and no object is a third of the cost of returning an
/// array or an object of the five parts (≈ 0.5 µs, measured with `bench/bench_webhook.js`);
/// `data` is where the core found it in the body, for `JSON.parse`.
unsafe extern "C" fn webhook_verify_event(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    // SAFETY: this callback's own env and info.
    unsafe {
        raw_callback(env, || {
            let a = Args::<{ 5 + MAX_HEADER_ARGS }>::read(env, info)?;
            let napi_env = Env::from_raw(env);
            let verifier = crate::webhook::verifier_of(&napi_env, &a.unknown(0))?;
            let body = a.uint8_array(1)?.ok_or_else(|| {
                Error::new(
                    Status::InvalidArg,
                    "body must be a string, Buffer or Uint8Array (the raw request body)",
                )
            })?;
            let out = match a.float64_array_mut(2)? {
                Some(out) if out.len() >= 4 => out,
                _ => {
                    return Err(Error::new(
                        Status::InvalidArg,
                        "out must be a Float64Array of 4",
                    ))
                }
            };
            let now = a.optional_number(3, "now")?;
            let headers = HeaderArgs::read(&a, 4, &[webhook::SIGNATURE_HEADER])?;
            let pairs = (0..headers.count()).map(|k| headers.pair(k));
            let event = crate::webhook::verify_event_with(&napi_env, verifier, body, pairs, now)?;
            out[0] = event.created as f64;
            out[1] = event.data.start as f64;
            out[2] = event.data.end as f64;
            out[3] = event.id.encode_utf16().count() as f64;
            let mut joined = event.id;
            joined.push_str(&event.event_type);
            let mut value = std::ptr::null_mut();
            check(
                sys::napi_create_string_utf8(
                    env,
                    joined.as_ptr().cast(),
                    joined.len() as isize,
                    &mut value,
                ),
                "napi_create_string_utf8",
            )?;
            Ok(value)
        })
    }
}

// ---------------------------------------------------------------------- _connectorVerify

/// `_connectorVerify(name, body, secret, n, i0, v0, …, i(n/2-1), v(n/2-1), tolerance?, now?,
/// notificationUrl?, publicKey?, requireTimestamp?)`, behind `verifyConnector`: the connector name; `body` a
/// `Uint8Array`; `secret` a string or `Uint8Array`; the headers as [`HeaderArgs`] (indices into
/// the names the connector reads; one pair, usually); then the options as JavaScript has them,
/// checked by the core, and not passed at all when none is given. Returns the signed timestamp (or `null`) when the event carries nothing else, else
/// `{ timestamp, id, payload }`.
unsafe extern "C" fn connector_verify(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    // SAFETY: this callback's own env and info.
    unsafe {
        raw_callback(env, || {
            let a = Args::<{ 4 + MAX_HEADER_ARGS + 5 }>::read(env, info)?;
            let napi_env = Env::from_raw(env);
            let (mut name_stack, mut name_heap) = ([0u8; 64], Vec::new());
            let name = a.utf8(0, &mut name_stack, &mut name_heap)?.ok_or_else(|| {
                Error::new(Status::InvalidArg, "the connector name must be a string")
            })?;
            let name = std::str::from_utf8(name).unwrap_or("");
            let body = a.uint8_array(1)?.ok_or_else(|| {
                Error::new(
                    Status::InvalidArg,
                    "body must be a string, Buffer or Uint8Array",
                )
            })?;
            let (mut secret_stack, mut secret_heap) = ([0u8; 128], Vec::new());
            let secret = a.bytes(2, "secret", &mut secret_stack, &mut secret_heap)?;
            let args = HeaderArgs::read(&a, 3, connector::header_names(name))?;
            let n = args.count();
            let mut headers: [(&[u8], &[u8]); MAX_HEADER_ARGS / 2] =
                [(&[], &[]); MAX_HEADER_ARGS / 2];
            for (k, slot) in headers.iter_mut().enumerate().take(n) {
                *slot = args.pair(k);
            }
            let o = args.end(3);
            // Rarely given (Square, Braintree): read into the heap, no stack to clear.
            let (mut url_heap, mut key_heap) = (Vec::new(), Vec::new());
            let url = a.utf8(o + 2, &mut [], &mut url_heap)?;
            let public_key = a.utf8(o + 3, &mut [], &mut key_heap)?;
            // N-API writes JavaScript strings as valid UTF-8.
            fn as_str(b: Option<&[u8]>) -> Option<&str> {
                b.map(|b| std::str::from_utf8(b).unwrap_or_default())
            }
            let mut options = VerifyOptions::from_host(
                name,
                number(a.optional_number(o, "tolerance")?),
                number(a.optional_number(o + 1, "now")?),
                as_str(url),
                as_str(public_key),
            )
            .map_err(|e| throw_detail(&napi_env, &ErrorDetail::from(&e)))?;
            options.require_timestamp =
                a.optional_bool(o + 4, "requireTimestamp")?.unwrap_or(false);
            let event = connector::verify(name, &headers[..n], body, secret, &options)
                .map_err(|e| throw_detail(&napi_env, &ErrorDetail::from(&e)))?;
            if event.id.is_none() && event.payload.is_none() {
                return match event.timestamp {
                    Some(t) => double(env, t as f64),
                    None => Null::to_napi_value(env, Null),
                };
            }
            let mut out = Object::new(&napi_env)?;
            out.set_named_property("timestamp", event.timestamp.map(|t| t as f64))?;
            out.set_named_property("id", event.id)?;
            out.set_named_property("payload", event.payload.map(Buffer::from))?;
            Ok(out.raw())
        })
    }
}

/// Adds the raw callbacks to the exports.
pub fn register(exports: &Object<'_>, env: &Env) -> Result<()> {
    type Callback = unsafe extern "C" fn(sys::napi_env, sys::napi_callback_info) -> sys::napi_value;
    let callbacks: [(&std::ffi::CStr, Callback); 3] = [
        (c"_webhookVerify", webhook_verify),
        (c"_webhookVerifyEvent", webhook_verify_event),
        (c"_connectorVerify", connector_verify),
    ];
    for (name, callback) in callbacks {
        let mut function = std::ptr::null_mut();
        // SAFETY: plain N-API calls during module initialisation; the callbacks are valid for
        // the module's whole life.
        unsafe {
            check(
                sys::napi_create_function(
                    env.raw(),
                    name.as_ptr(),
                    name.to_bytes().len() as isize,
                    Some(callback),
                    std::ptr::null_mut(),
                    &mut function,
                ),
                "napi_create_function",
            )?;
            check(
                sys::napi_set_named_property(env.raw(), exports.raw(), name.as_ptr(), function),
                "napi_set_named_property",
            )?;
        }
    }
    Ok(())
}
