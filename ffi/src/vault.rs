//! Credential vault (SPEC §2.2): `revtain_keyring_*`.
//!
//! A context is passed as parallel arrays: `context_keys[i]` (`context_key_lens[i]` bytes) maps
//! to `context_values[i]` (`context_value_lens[i]` bytes), for `i < context_len`. The arrays
//! may be NULL when `context_len` is 0. Order does not matter; a repeated key is an error.

use std::ffi::c_char;

use revtain::vault::{self, Context, Keyring, VaultError};

use crate::revtain_result;
use crate::util::{ffi_boundary, input, out, try_ffi, write_text};

/// A keyring: AES-256 keys by id, the first primary. Made by `revtain_keyring_from_text`,
/// `revtain_keyring_generate` or `revtain_keyring_rotate`; released by `revtain_keyring_free`.
/// Key material is wiped when it is freed. Safe to use from several threads at once.
///
/// The functions that take a context take it as parallel arrays: `context_keys[i]`
/// (`context_key_lens[i]` bytes) maps to `context_values[i]` (`context_value_lens[i]` bytes),
/// for `i < context_len`; the arrays may be NULL when `context_len` is 0. Order does not
/// matter; a repeated key is `REVTAIN_RESULT_VAULT_INVALID_CONTEXT`.
pub struct revtain_keyring {
    inner: Keyring,
}

/// Bytes an envelope adds to its plaintext (6 header + 12 nonce + 16 tag).
pub const REVTAIN_VAULT_OVERHEAD: usize = 34;

const _: () = assert!(REVTAIN_VAULT_OVERHEAD == vault::OVERHEAD);

fn err(e: VaultError) -> revtain_result {
    crate::error::fail(&e)
}

unsafe fn give(
    out: *mut *mut revtain_keyring,
    result: Result<Keyring, VaultError>,
) -> revtain_result {
    match result {
        Ok(inner) => {
            *out = Box::into_raw(Box::new(revtain_keyring { inner }));
            revtain_result::Ok
        }
        Err(e) => err(e),
    }
}

unsafe fn context(
    keys: *const *const u8,
    key_lens: *const usize,
    values: *const *const u8,
    value_lens: *const usize,
    len: usize,
) -> Result<Context, revtain_result> {
    if len == 0 {
        return Ok(Context::new());
    }
    if keys.is_null() || key_lens.is_null() || values.is_null() || value_lens.is_null() {
        return Err(revtain_result::NullParameter);
    }
    let mut pairs = Vec::with_capacity(len);
    for i in 0..len {
        let k = input(*keys.add(i), *key_lens.add(i))?;
        let v = input(*values.add(i), *value_lens.add(i))?;
        pairs.push((k, v));
    }
    Context::from_pairs(pairs).map_err(err)
}

/// Which form of envelope a function writes.
#[derive(Clone, Copy)]
enum Form {
    Binary,
    Text,
}

/// Sets `*out_len` to the size of an envelope holding `plaintext_len` bytes in `form` and
/// borrows the caller's buffer for it (plus the NUL of the text form), before any work is done.
unsafe fn envelope_out<'a>(
    plaintext_len: usize,
    form: Form,
    buf: *mut u8,
    buf_len: usize,
    out_len: *mut usize,
) -> Result<&'a mut [u8], revtain_result> {
    let binary_len = plaintext_len + vault::OVERHEAD;
    let (needed, nul) = match form {
        Form::Binary => (binary_len, 0),
        Form::Text => (vault::text_envelope_len(binary_len), 1),
    };
    *out(out_len)? = needed;
    if buf_len < needed + nul {
        return Err(revtain_result::InsufficientSize);
    }
    if buf.is_null() {
        return Err(revtain_result::NullParameter);
    }
    Ok(std::slice::from_raw_parts_mut(buf, needed + nul))
}

/// Seals `plaintext` into `dest` (sized by `envelope_out`): the binary form is encrypted in
/// place, the text form is written with its NUL.
fn seal_to(
    kr: &Keyring,
    plaintext: &[u8],
    ctx: &Context,
    form: Form,
    dest: &mut [u8],
) -> revtain_result {
    let sealed = match form {
        Form::Binary => kr.seal_into(plaintext, ctx, dest),
        Form::Text => kr.seal(plaintext, ctx).map(|text| {
            let (body, nul) = dest.split_at_mut(text.len());
            body.copy_from_slice(text.as_bytes());
            nul[0] = 0;
        }),
    };
    match sealed {
        Ok(()) => revtain_result::Ok,
        Err(e) => err(e),
    }
}

/// The body of `revtain_keyring_seal` and `revtain_keyring_seal_text`.
#[allow(clippy::too_many_arguments)]
unsafe fn seal_impl(
    keyring: *const revtain_keyring,
    plaintext: *const u8,
    plaintext_len: usize,
    context_keys: *const *const u8,
    context_key_lens: *const usize,
    context_values: *const *const u8,
    context_value_lens: *const usize,
    context_len: usize,
    form: Form,
    buf: *mut u8,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let kr = try_ffi!(keyring_ref(keyring));
        let pt = try_ffi!(input(plaintext, plaintext_len));
        let ctx = try_ffi!(context(
            context_keys,
            context_key_lens,
            context_values,
            context_value_lens,
            context_len
        ));
        let dest = try_ffi!(envelope_out(pt.len(), form, buf, buf_len, out_len));
        seal_to(kr, pt, &ctx, form, dest)
    })
}

/// The body of `revtain_keyring_reseal` and `revtain_keyring_reseal_text`.
#[allow(clippy::too_many_arguments)]
unsafe fn reseal_impl(
    keyring: *const revtain_keyring,
    envelope: *const u8,
    envelope_len: usize,
    context_keys: *const *const u8,
    context_key_lens: *const usize,
    context_values: *const *const u8,
    context_value_lens: *const usize,
    context_len: usize,
    form: Form,
    buf: *mut u8,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let kr = try_ffi!(keyring_ref(keyring));
        let env = try_ffi!(input(envelope, envelope_len));
        let ctx = try_ffi!(context(
            context_keys,
            context_key_lens,
            context_values,
            context_value_lens,
            context_len
        ));
        // The size is known from the header, before anything is decrypted.
        let header = match Keyring::inspect(env) {
            Ok(h) => h,
            Err(e) => return err(e),
        };
        let dest = try_ffi!(envelope_out(
            header.plaintext_len,
            form,
            buf,
            buf_len,
            out_len
        ));
        match kr.open(env, &ctx) {
            Ok(plaintext) => seal_to(kr, &plaintext, &ctx, form, dest),
            Err(e) => err(e),
        }
    })
}

/// Parses the keyring text form, `<key_id>:<base64 of 32 bytes>[,…]` (the first entry
/// primary), into a new keyring stored in `*keyring_out` (NULL on failure).
///
/// # Safety
/// `text` is valid for `text_len` bytes; `keyring_out` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_keyring_from_text(
    text: *const c_char,
    text_len: usize,
    keyring_out: *mut *mut revtain_keyring,
) -> revtain_result {
    ffi_boundary(|| {
        let out_ptr = try_ffi!(out(keyring_out));
        *out_ptr = std::ptr::null_mut();
        let text = try_ffi!(input(text, text_len));
        let result = match std::str::from_utf8(text) {
            Ok(t) => Keyring::from_text(t),
            Err(_) => Err(VaultError::InvalidKeyring("it is not UTF-8".into())),
        };
        give(keyring_out, result)
    })
}

/// Makes a keyring of one new random key with a random id, stored in `*keyring_out`.
///
/// # Safety
/// `keyring_out` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_keyring_generate(
    keyring_out: *mut *mut revtain_keyring,
) -> revtain_result {
    ffi_boundary(|| {
        let out_ptr = try_ffi!(out(keyring_out));
        *out_ptr = std::ptr::null_mut();
        give(keyring_out, Keyring::generate())
    })
}

/// Makes a new keyring whose primary is a new random key, keeping every key of `keyring` so
/// that old envelopes still open (then `revtain_keyring_reseal` them).
///
/// # Safety
/// `keyring` is a live keyring; `keyring_out` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_keyring_rotate(
    keyring: *const revtain_keyring,
    keyring_out: *mut *mut revtain_keyring,
) -> revtain_result {
    ffi_boundary(|| {
        let out_ptr = try_ffi!(out(keyring_out));
        *out_ptr = std::ptr::null_mut();
        let kr = try_ffi!(keyring_ref(keyring));
        give(keyring_out, kr.rotate())
    })
}

unsafe fn keyring_ref<'a>(ptr: *const revtain_keyring) -> Result<&'a Keyring, revtain_result> {
    ptr.as_ref()
        .map(|k| &k.inner)
        .ok_or(revtain_result::NullParameter)
}

/// Frees a keyring and wipes its keys. NULL is fine.
///
/// # Safety
/// `keyring` is NULL or a keyring made by this library and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn revtain_keyring_free(keyring: *mut revtain_keyring) {
    let _ = ffi_boundary(|| {
        if !keyring.is_null() {
            drop(Box::from_raw(keyring));
        }
        revtain_result::Ok
    });
}

/// Writes the keyring's text form (the key material: keep it secret) into `buf`.
///
/// # Safety
/// `keyring` is live; `buf` is valid for `buf_len` bytes; `out_len` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_keyring_to_text(
    keyring: *const revtain_keyring,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let kr = try_ffi!(keyring_ref(keyring));
        write_text(kr.to_text().as_bytes(), buf, buf_len, out_len)
    })
}

/// Stores the id of the primary key (the one that seals) in `*key_id`.
///
/// # Safety
/// `keyring` is live; `key_id` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_keyring_primary_key_id(
    keyring: *const revtain_keyring,
    key_id: *mut u32,
) -> revtain_result {
    ffi_boundary(|| {
        let kr = try_ffi!(keyring_ref(keyring));
        *try_ffi!(out(key_id)) = kr.primary_key_id();
        revtain_result::Ok
    })
}

/// Seals `plaintext` under the primary key, bound to the context, into a binary envelope of
/// `plaintext_len + REVTAIN_VAULT_OVERHEAD` bytes written to `out_buf`. The nonce comes from
/// the OS CSPRNG. The size is checked before any work: pass `NULL, 0` to ask for it.
///
/// # Safety
/// Each pointer is NULL (where allowed) or valid for the length given with it; outputs are
/// writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_keyring_seal(
    keyring: *const revtain_keyring,
    plaintext: *const u8,
    plaintext_len: usize,
    context_keys: *const *const u8,
    context_key_lens: *const usize,
    context_values: *const *const u8,
    context_value_lens: *const usize,
    context_len: usize,
    out_buf: *mut u8,
    out_buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    seal_impl(
        keyring,
        plaintext,
        plaintext_len,
        context_keys,
        context_key_lens,
        context_values,
        context_value_lens,
        context_len,
        Form::Binary,
        out_buf,
        out_buf_len,
        out_len,
    )
}

/// As `revtain_keyring_seal`, but writes the text form `rvc1:…` (NUL-terminated).
///
/// # Safety
/// As `revtain_keyring_seal`.
#[no_mangle]
pub unsafe extern "C" fn revtain_keyring_seal_text(
    keyring: *const revtain_keyring,
    plaintext: *const u8,
    plaintext_len: usize,
    context_keys: *const *const u8,
    context_key_lens: *const usize,
    context_values: *const *const u8,
    context_value_lens: *const usize,
    context_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    seal_impl(
        keyring,
        plaintext,
        plaintext_len,
        context_keys,
        context_key_lens,
        context_values,
        context_value_lens,
        context_len,
        Form::Text,
        buf.cast(),
        buf_len,
        out_len,
    )
}

/// Opens a binary or text envelope (told apart by the `rvc1:` prefix) with the key it names
/// and the same context it was sealed with, writing the plaintext to `out_buf`. The plaintext
/// length is known from the envelope before decrypting: pass `NULL, 0` to ask for it. Nothing
/// is decrypted unless the tag verifies; on failure the buffer holds no plaintext.
///
/// # Safety
/// As `revtain_keyring_seal`.
#[no_mangle]
pub unsafe extern "C" fn revtain_keyring_open(
    keyring: *const revtain_keyring,
    envelope: *const u8,
    envelope_len: usize,
    context_keys: *const *const u8,
    context_key_lens: *const usize,
    context_values: *const *const u8,
    context_value_lens: *const usize,
    context_len: usize,
    out_buf: *mut u8,
    out_buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let kr = try_ffi!(keyring_ref(keyring));
        let env = try_ffi!(input(envelope, envelope_len));
        let ctx = try_ffi!(context(
            context_keys,
            context_key_lens,
            context_values,
            context_value_lens,
            context_len
        ));
        let out_len = try_ffi!(out(out_len));
        *out_len = 0;
        let binary = match vault::decode_envelope(env) {
            Ok(b) => b,
            Err(e) => return err(e),
        };
        let header = match Keyring::inspect(&binary) {
            Ok(h) => h,
            Err(e) => return err(e),
        };
        *out_len = header.plaintext_len;
        if out_buf_len < header.plaintext_len {
            return revtain_result::InsufficientSize;
        }
        let dest: &mut [u8] = if header.plaintext_len == 0 {
            &mut []
        } else if out_buf.is_null() {
            return revtain_result::NullParameter;
        } else {
            std::slice::from_raw_parts_mut(out_buf, header.plaintext_len)
        };
        match kr.open_binary_into(&binary, &ctx, dest) {
            Ok(()) => revtain_result::Ok,
            Err(e) => err(e),
        }
    })
}

/// Stores in `*needs_rotation` whether the envelope was sealed under a key other than the
/// primary. An envelope under a key the keyring lacks gives
/// `REVTAIN_RESULT_VAULT_UNKNOWN_KEY_ID`.
///
/// # Safety
/// As `revtain_keyring_seal`.
#[no_mangle]
pub unsafe extern "C" fn revtain_keyring_needs_rotation(
    keyring: *const revtain_keyring,
    envelope: *const u8,
    envelope_len: usize,
    needs_rotation: *mut bool,
) -> revtain_result {
    ffi_boundary(|| {
        let kr = try_ffi!(keyring_ref(keyring));
        let env = try_ffi!(input(envelope, envelope_len));
        let slot = try_ffi!(out(needs_rotation));
        *slot = false;
        match kr.needs_rotation(env) {
            Ok(b) => {
                *slot = b;
                revtain_result::Ok
            }
            Err(e) => err(e),
        }
    })
}

/// Opens the envelope (binary or text) and seals its plaintext again under the primary key
/// with a fresh nonce, writing a binary envelope (same size as the binary form of the input).
///
/// # Safety
/// As `revtain_keyring_seal`.
#[no_mangle]
pub unsafe extern "C" fn revtain_keyring_reseal(
    keyring: *const revtain_keyring,
    envelope: *const u8,
    envelope_len: usize,
    context_keys: *const *const u8,
    context_key_lens: *const usize,
    context_values: *const *const u8,
    context_value_lens: *const usize,
    context_len: usize,
    out_buf: *mut u8,
    out_buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    reseal_impl(
        keyring,
        envelope,
        envelope_len,
        context_keys,
        context_key_lens,
        context_values,
        context_value_lens,
        context_len,
        Form::Binary,
        out_buf,
        out_buf_len,
        out_len,
    )
}

/// As `revtain_keyring_reseal`, but writes the text form `rvc1:…` (NUL-terminated).
///
/// # Safety
/// As `revtain_keyring_seal`.
#[no_mangle]
pub unsafe extern "C" fn revtain_keyring_reseal_text(
    keyring: *const revtain_keyring,
    envelope: *const u8,
    envelope_len: usize,
    context_keys: *const *const u8,
    context_key_lens: *const usize,
    context_values: *const *const u8,
    context_value_lens: *const usize,
    context_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    reseal_impl(
        keyring,
        envelope,
        envelope_len,
        context_keys,
        context_key_lens,
        context_values,
        context_value_lens,
        context_len,
        Form::Text,
        buf.cast(),
        buf_len,
        out_len,
    )
}
