//! The C result codes: generated from the core's error table (`result_codes.rs`), plus the C
//! library's own codes, their names and messages.

use std::ffi::c_char;

use revtain::ErrorKind;

pub use crate::result_codes::revtain_result;
use crate::util::{ffi_boundary, write_text};

/// A code of the C library itself, not of a core error kind.
// Only `generate.rs` (a test) reads the names and docs.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct COnly {
    pub variant: &'static str,
    pub code: &'static str,
    pub value: u32,
    pub doc: &'static str,
    pub message: &'static str,
}

/// The C library's own codes (values 0 to 9), which `generate.rs` renders beside the kinds.
pub(crate) const C_ONLY: &[COnly] = &[
    COnly {
        variant: "Ok",
        code: "REVTAIN_RESULT_OK",
        value: 0,
        doc: "Success.",
        message: "success",
    },
    COnly {
        variant: "NullParameter",
        code: "REVTAIN_RESULT_NULL_PARAMETER",
        value: 1,
        doc: "A pointer argument that must not be NULL was NULL (or NULL with a non-zero length).",
        message: "a required pointer argument was NULL (or NULL with a non-zero length)",
    },
    COnly {
        variant: "InsufficientSize",
        code: "REVTAIN_RESULT_INSUFFICIENT_SIZE",
        value: 2,
        doc: "The output buffer is too small; the needed size is in `*out_len`.",
        message: "the output buffer is too small; the needed size is in *out_len (text needs one more byte for the NUL)",
    },
    COnly {
        variant: "Panic",
        code: "REVTAIN_RESULT_PANIC",
        value: 3,
        doc: "The library hit an internal error (a Rust panic) and stopped it at the boundary.",
        message: "internal error in the Revtain library (a bug: please report it)",
    },
];

impl revtain_result {
    /// The core kind of the code; `None` for the C library's own codes.
    pub fn kind(self) -> Option<ErrorKind> {
        ErrorKind::from_value(self as u32)
    }

    /// The enumerator's name in `revtain.h`, which is also the core's [`ErrorKind::code`].
    pub fn name(self) -> &'static str {
        self.c_name().to_str().unwrap_or("REVTAIN_RESULT_UNKNOWN")
    }

    /// A sentence describing the code.
    pub fn message(self) -> &'static str {
        match self.kind() {
            Some(kind) => kind.message(),
            None => C_ONLY
                .iter()
                .find(|c| c.value == self as u32)
                .map_or("unknown result code", |c| c.message),
        }
    }
}

impl From<ErrorKind> for revtain_result {
    fn from(kind: ErrorKind) -> Self {
        // Every kind has a code of its value; a stale result_codes.rs fails the drift test.
        revtain_result::from_u32(kind.value()).unwrap_or(revtain_result::Panic)
    }
}

/// Writes the message for `code` into `buf` (see the text-output convention). `code` is a
/// plain integer so that any value is safe; an unknown value gets a message saying so.
///
/// # Safety
/// `buf` is NULL (with `buf_len` 0) or valid for `buf_len` bytes; `out_len` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_result_message(
    code: u32,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let text = match revtain_result::from_u32(code) {
            Some(r) => r.message().to_owned(),
            None => format!("unknown revtain_result value {code}"),
        };
        write_text(text.as_bytes(), buf, buf_len, out_len)
    })
}

/// The enumerator name of `code` (for example `"REVTAIN_RESULT_API_KEY_WRONG_PREFIX"`) as a
/// static NUL-terminated string, or `"REVTAIN_RESULT_UNKNOWN"` for a value that is not a code.
/// Never NULL; do not free.
#[no_mangle]
pub extern "C" fn revtain_result_name(code: u32) -> *const c_char {
    match revtain_result::from_u32(code) {
        Some(r) => r.c_name().as_ptr().cast(),
        None => c"REVTAIN_RESULT_UNKNOWN".as_ptr(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_kind_has_a_c_code_with_the_same_name() {
        for kind in ErrorKind::ALL {
            let r = revtain_result::from(*kind);
            assert_eq!(r as u32, kind.value());
            assert_eq!(r.name(), kind.code());
            assert_eq!(r.kind(), Some(*kind));
        }
    }

    #[test]
    fn codes_are_unique_and_names_agree() {
        let mut values: Vec<u32> = revtain_result::ALL.iter().map(|r| *r as u32).collect();
        values.sort_unstable();
        values.dedup();
        assert_eq!(values.len(), revtain_result::ALL.len());
        assert_eq!(
            revtain_result::ALL.len(),
            C_ONLY.len() + ErrorKind::ALL.len()
        );
        for r in revtain_result::ALL {
            assert_eq!(revtain_result::from_u32(*r as u32), Some(*r));
            assert!(r.name().starts_with("REVTAIN_RESULT_"));
            assert!(!r.message().is_empty());
        }
    }
}
