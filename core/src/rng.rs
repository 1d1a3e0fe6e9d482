use thiserror::Error;

/// The operating system's random number generator could not be read.
///
/// This does not happen on a working system; when it does, nothing random is produced and no
/// key or nonce is ever derived from a partly filled buffer.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("the operating system's random number generator is unavailable: {0}")]
pub struct RandomUnavailable(String);

impl RandomUnavailable {
    /// The error kind shared with the C, Python and Node surfaces.
    pub fn kind(&self) -> crate::ErrorKind {
        crate::ErrorKind::RandomUnavailable
    }
}

/// Fills `buf` from the OS CSPRNG.
pub(crate) fn fill(buf: &mut [u8]) -> Result<(), RandomUnavailable> {
    getrandom::fill(buf).map_err(|e| RandomUnavailable(e.to_string()))
}
