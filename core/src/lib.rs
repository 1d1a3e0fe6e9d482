//! # Revtain security core
//!
//! One library, linked by Revtain's services and by every merchant integration, so that keys,
//! encryption, signatures and retries behave identically everywhere. The same capabilities are
//! exposed to C (`ffi/`), Python (`bindings/python`) and Node.js (`bindings/node`).
//!
//! Capabilities, one module each:
//!
//! - [`api_key`]: Revtain API keys (`rev_…`): generation, strict parsing, peppered lookup hashes,
//!   redaction and scanning of arbitrary text.
//! - [`vault`]: AES-256-GCM envelopes for gateway credentials at rest, with a keyring, a bound
//!   context and key rotation.
//! - [`webhook`]: signing and verifying Revtain webhooks (`X-Revtain-Signature` and the
//!   Standard Webhooks headers), and parsing the event they carry.
//! - [`connector`]: verifying inbound webhooks from 16 billing platforms (Stripe, Chargebee,
//!   ReCharge, …, Standard Webhooks), each the way its platform signs them, behind one call.
//! - [`ratelimit`]: an exact rolling-window limiter per key (60 in any 60 s), its response
//!   headers, and (feature `redis`) a Redis store shared by many servers.
//! - [`retry`]: the retry policy of gateway calls (backoff, classification, `Retry-After`, a
//!   budget per host) and (feature `http`) a blocking client with idempotency keys.
//! - [`card`]: card-number detection and redaction, gateway-token checks and card-update links.
//!
//! Every error type maps onto an [`ErrorKind`], whose [`ErrorKind::code`] is the stable name
//! shared by the C result codes, the Python exception `.code` and the Node `err.code`.
//!
//! ```
//! use revtain::api_key::ApiKey;
//!
//! let key = ApiKey::generate()?;
//! let stored = key.lookup_hash(b"server pepper");
//! assert!(revtain::api_key::verify_api_key(key.expose_secret(), &stored, b"server pepper")?);
//! println!("issued {key}"); // prints the redacted form only
//! # Ok::<(), revtain::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod api_key;
pub mod args;
pub mod card;
pub mod connector;
mod error;
pub mod headers;
pub mod ratelimit;
pub mod retry;
mod rng;
pub mod secret_alert;
pub mod text;
pub mod vault;
pub mod webhook;
mod wire;

pub use error::{Capability, Error, ErrorDetail, ErrorKind, Family, Field};
pub use rng::RandomUnavailable;

/// The version of this library, as in `Cargo.toml`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
