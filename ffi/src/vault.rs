//! Credential vault (docs/spec.md §2.2): `revtain_keyring_*`.
//!
//! A context is passed as an array of `context_len` `revtain_vault_context_entry` (a key and a
//! value, each bytes), NULL when `context_len` is 0. Order does not matter; a repeated key is
//! an error.

use std::ffi::c_char;

use revtain::vault::{self, Context, Keyring, VaultError};

use crate::revtain_result;
use crate::util::{array, ffi_boundary, handle, input, out, try_ffi, write_text};

/// A keyring: AES-256 keys by id, the first primary. Made by `revtain_keyring_from_text`,
/// `revtain_keyring_generate` or `revtain_keyring_rotate`; released by `revtain_keyring_free`.
/// Key material is wiped when it is freed. Safe to use from several threads at once.
///
/// The functions that take a context take it as an array of `context_len`
/// `revtain_vault_context_entry`, NULL when `context_len` is 0. Order does not matter; a
/// repeated key is `REVTAIN_RESULT_VAULT_INVALID_CONTEXT`.
pub struct revtain_keyring {
    inner: Keyring,
}

/// One entry of an encryption context (for example `"tenant"` → `"ten_8f3a"`): what a sealed
/// value is bound to, so that it opens only with the same context. Both are bytes, borrowed
/// for the duration of the call; NULL only with a length of 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct revtain_vault_context_entry {
    /// The entry's key.
    pub key: *const u8,
    /// Its length in bytes.
    pub key_len: usize,
    /// The entry's value.
    pub value: *const u8,
    /// Its length in bytes.
    pub value_len: usize,
}

/// Bytes an envelope adds to its plaintext (6 header + 12 nonce + 16 tag).
pub const REVTAIN_VAULT_OVERHEAD: usize = 34;

const _: () = assert!(REVTAIN_VAULT_OVERHEAD == vault::OVERHEAD);

fn err(e: VaultError) -> revtain_result {
    crate::error::fail(&e)
}

unsafe fn give(
    out_keyring: *mut *mut revtain_keyring,
    result: Result<Keyring, VaultError>,
) -> revtain_result {
    let slot = try_ffi!(handle::slot(out_keyring));
    match result {
        Ok(inner) => handle::give(revtain_keyring { inner }, slot),
        Err(e) => err(e),
    }
}

unsafe fn context_of(
    entries: *const revtain_vault_context_entry,
    len: usize,
) -> Result<Context, revtain_result> {
    let pairs = array(entries, len)?
        .iter()
        .map(|e| Ok((input(e.key, e.key_len)?, input(e.value, e.value_len)?)))
        .collect::<Result<Vec<_>, revtain_result>>()?;
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
    let out_len = out(out_len)?;
    // No size wraps: a plaintext so long that its envelope's size overflows cannot be sealed.
    let sizes = plaintext_len
        .checked_add(vault::OVERHEAD)
        .and_then(|binary_len| match form {
            Form::Binary => Some((binary_len, 0)),
            Form::Text => vault::checked_text_envelope_len(binary_len).map(|n| (n, 1)),
        })
        .and_then(|(needed, nul)| Some((needed, needed.checked_add(nul)?)));
    let Some((needed, with_nul)) = sizes else {
        *out_len = usize::MAX;
        return Err(revtain_result::InsufficientSize);
    };
    *out_len = needed;
    if buf_len < with_nul {
        return Err(revtain_result::InsufficientSize);
    }
    if buf.is_null() {
        return Err(revtain_result::NullParameter);
    }
    Ok(std::slice::from_raw_parts_mut(buf, with_nul))
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
    context: *const revtain_vault_context_entry,
    context_len: usize,
    form: Form,
    buf: *mut u8,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let kr = try_ffi!(keyring_ref(keyring));
        // The size first: a size query for a length whose envelope would not fit in a size_t is
        // answered (INSUFFICIENT_SIZE, *out_len = SIZE_MAX) before the input is touched.
        let dest = try_ffi!(envelope_out(plaintext_len, form, buf, buf_len, out_len));
        let pt = try_ffi!(input(plaintext, plaintext_len));
        let ctx = try_ffi!(context_of(context, context_len));
        seal_to(kr, pt, &ctx, form, dest)
    })
}

/// The body of `revtain_keyring_reseal` and `revtain_keyring_reseal_text`.
#[allow(clippy::too_many_arguments)]
unsafe fn reseal_impl(
    keyring: *const revtain_keyring,
    envelope: *const u8,
    envelope_len: usize,
    context: *const revtain_vault_context_entry,
    context_len: usize,
    form: Form,
    buf: *mut u8,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let kr = try_ffi!(keyring_ref(keyring));
        let env = try_ffi!(input(envelope, envelope_len));
        let ctx = try_ffi!(context_of(context, context_len));
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
    ffi_boundary(|| give(keyring_out, Keyring::generate()))
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
        let kr = try_ffi!(keyring_ref(keyring));
        give(keyring_out, kr.rotate())
    })
}

unsafe fn keyring_ref<'a>(ptr: *const revtain_keyring) -> Result<&'a Keyring, revtain_result> {
    handle::borrow(ptr).map(|k| &k.inner)
}

/// Frees a keyring and wipes its keys. NULL is fine.
///
/// # Safety
/// `keyring` is NULL or a keyring made by this library and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn revtain_keyring_free(keyring: *mut revtain_keyring) {
    let _ = ffi_boundary(|| {
        handle::free(keyring);
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
    context: *const revtain_vault_context_entry,
    context_len: usize,
    out_buf: *mut u8,
    out_buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    seal_impl(
        keyring,
        plaintext,
        plaintext_len,
        context,
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
    context: *const revtain_vault_context_entry,
    context_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    seal_impl(
        keyring,
        plaintext,
        plaintext_len,
        context,
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
    context: *const revtain_vault_context_entry,
    context_len: usize,
    out_buf: *mut u8,
    out_buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let kr = try_ffi!(keyring_ref(keyring));
        let env = try_ffi!(input(envelope, envelope_len));
        let ctx = try_ffi!(context_of(context, context_len));
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
    context: *const revtain_vault_context_entry,
    context_len: usize,
    out_buf: *mut u8,
    out_buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    reseal_impl(
        keyring,
        envelope,
        envelope_len,
        context,
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
    context: *const revtain_vault_context_entry,
    context_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    reseal_impl(
        keyring,
        envelope,
        envelope_len,
        context,
        context_len,
        Form::Text,
        buf.cast(),
        buf_len,
        out_len,
    )
}
