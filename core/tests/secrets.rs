//! Secret sweep (Rust surface): every object of the core that holds a secret is built through the
//! Rust API and rendered every way Rust renders a value (`{:?}`, `{:#?}`, `Display` where
//! implemented, an error's `source()` chain, its `ErrorDetail` fields, the `revtain::Error`
//! wrapper), and no rendering may hold any byte sequence of a secret: the whole string, its
//! base64 payload, the hex of its raw bytes, or any 12-character run of them. Card numbers the
//! same: no rendering of an error or of `redact_pans` may hold the digits of a PAN given to any
//! API (the last four excepted, which the redacted form keeps by design).
//!
//! Secrets are random per run (never in this file's text), so a leak cannot be a coincidence
//! and a panic message or backtrace of this file cannot hold one either.
//!
//! `scanner_finds_planted_secrets` proves the scanner can fail. The five leaks this sweep found
//! when it was written (below, each named after what leaked) are fixed, and their tests guard
//! the fixes.
//!
//! Run: `cargo test -p revtain --all-features --test secrets`.
#![cfg(all(feature = "http", feature = "redis"))]

use std::error::Error as StdError;
use std::fmt::{Debug, Display};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use revtain::api_key::{self, ApiKey};
use revtain::card::{self, CardUpdateLinks};
use revtain::connector::{self, VerifyOptions};
use revtain::ratelimit::{self, RateLimiter, RedisOptions, Settings};
use revtain::retry::{GatewayClient, Jitter, RetryBudget, RetryPolicy};
use revtain::vault::{Context, Keyring};
use revtain::webhook::{Webhook, WebhookSigner};
use revtain::ErrorDetail;

// ------------------------------------------------------------------------------ secrets

/// Any run of this many characters of a secret's forms is a leak.
const WINDOW: usize = 12;

/// One secret and every form a leak of it could take.
#[derive(Clone)]
struct Secret {
    label: String,
    forms: Vec<String>,
}

impl Secret {
    /// A secret that is a string as a whole (plus extra forms).
    fn text(label: &str, text: &str) -> Secret {
        Secret {
            label: label.to_owned(),
            forms: vec![text.to_owned()],
        }
    }

    fn with(mut self, form: impl Into<String>) -> Secret {
        self.forms.push(form.into());
        self
    }

    /// Every encoding of `raw` a rendering might use: base64 (padded or not, url-safe) and hex.
    fn with_raw(mut self, raw: &[u8]) -> Secret {
        self.forms.push(STANDARD.encode(raw));
        self.forms.push(STANDARD_NO_PAD.encode(raw));
        self.forms.push(URL_SAFE_NO_PAD.encode(raw));
        self.forms.push(hex(raw));
        self.forms.push(hex(raw).to_ascii_uppercase());
        // Debug of a byte array: `[12, 34, ...]`.
        self.forms.push(format!("{:?}", &raw[..raw.len().min(8)]));
        self
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).expect("the OS RNG");
    b
}

/// A random string of `n` characters of `alphabet`.
fn random_text(n: usize, alphabet: &[u8]) -> String {
    (0..n)
        .map(|_| alphabet[usize::from(random::<1>()[0]) % alphabet.len()] as char)
        .collect()
}

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// `prefix` + standard base64 of 32 random bytes (`whsec_…`, `cusec_…`), with its forms.
fn prefixed_secret(label: &str, prefix: &str) -> (String, Secret) {
    let raw: [u8; 32] = random();
    let text = format!("{prefix}{}", STANDARD.encode(raw));
    let s = Secret::text(label, &text).with_raw(&raw);
    (text, s)
}

/// A random Luhn-valid 16-digit Visa number: `(digits, secret)`. The secret's forms are every
/// part of the number a redaction must hide: all but the last four digits, as given (digits
/// only, grouped by four with spaces or dashes).
fn random_pan() -> (String, Secret) {
    let mut digits: Vec<u8> = vec![4];
    digits.extend((0..14).map(|_| random::<1>()[0] % 10));
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    digits.push(((10 - sum % 10) % 10) as u8);
    let pan: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    assert!(card::luhn_valid(pan.as_bytes()), "{pan} is Luhn-valid");
    let head = &pan[..12];
    let grouped = |sep: &str| format!("{}{sep}{}{sep}{}", &pan[..4], &pan[4..8], &pan[8..12]);
    let s = Secret {
        label: "PAN".into(),
        forms: vec![head.to_owned(), grouped(" "), grouped("-"), pan.clone()],
    };
    (pan, s)
}

// ------------------------------------------------------------------------------ the scanner

/// Where a secret shows in `text`: `None`, or which form and run.
fn find_leak(text: &str, secret: &Secret) -> Option<String> {
    for form in &secret.forms {
        if form.is_empty() {
            continue;
        }
        if form.len() <= WINDOW || !form.is_ascii() {
            if text.contains(form.as_str()) {
                return Some(format!("{} (form {form:?})", secret.label));
            }
            continue;
        }
        for start in 0..=form.len() - WINDOW {
            let run = &form[start..start + WINDOW];
            if text.contains(run) {
                return Some(format!("{} (run {run:?} of form {form:?})", secret.label));
            }
        }
    }
    None
}

/// Collects every rendering and every leak of one test, and fails once at the end with all of
/// them listed.
struct Sweep {
    secrets: Vec<Secret>,
    leaks: Vec<String>,
    renderings: usize,
}

impl Sweep {
    fn new(secrets: &[&Secret]) -> Sweep {
        Sweep {
            secrets: secrets.iter().map(|s| (*s).clone()).collect(),
            leaks: Vec::new(),
            renderings: 0,
        }
    }

    fn add(&mut self, s: &Secret) {
        self.secrets.push(s.clone());
    }

    /// Checks one rendering.
    fn text(&mut self, what: &str, text: &str) {
        self.renderings += 1;
        for s in &self.secrets {
            if let Some(leak) = find_leak(text, s) {
                self.leaks
                    .push(format!("{what}: shows {leak}\n      rendering: {text}"));
            }
        }
    }

    fn debug<T: Debug + ?Sized>(&mut self, what: &str, x: &T) {
        self.text(&format!("{what} {{:?}}"), &format!("{x:?}"));
        self.text(&format!("{what} {{:#?}}"), &format!("{x:#?}"));
    }

    fn display<T: Display + Debug + ?Sized>(&mut self, what: &str, x: &T) {
        self.debug(what, x);
        self.text(&format!("{what} Display"), &x.to_string());
        self.text(&format!("{what} {{:>200}}"), &format!("{x:>200}"));
    }

    /// An error: Display, Debug, the `source()` chain, its `ErrorDetail` and the
    /// `revtain::Error` it converts into.
    fn error<E>(&mut self, what: &str, e: &E)
    where
        E: StdError + Clone + 'static,
        for<'a> ErrorDetail: From<&'a E>,
        revtain::Error: From<E>,
    {
        self.std_error(what, e);
        self.detail(what, &ErrorDetail::from(e));
        let wrapped = revtain::Error::from(e.clone());
        self.std_error(&format!("{what} as revtain::Error"), &wrapped);
        self.detail(
            &format!("{what} as revtain::Error"),
            &<ErrorDetail as From<&revtain::Error>>::from(&wrapped),
        );
    }

    fn std_error(&mut self, what: &str, e: &(dyn StdError + 'static)) {
        self.display(what, e);
        let mut source = e.source();
        let mut depth = 0;
        while let Some(s) = source {
            depth += 1;
            self.display(&format!("{what} source #{depth}"), s);
            source = s.source();
        }
        let boxed: Box<dyn StdError> = e.to_string().into();
        self.display(&format!("{what} boxed"), &*boxed);
    }

    fn detail(&mut self, what: &str, d: &ErrorDetail) {
        self.debug(&format!("{what} ErrorDetail"), d);
        self.text(&format!("{what} ErrorDetail.message"), &d.message);
        self.text(&format!("{what} kind"), d.kind.code());
        self.text(&format!("{what} kind message"), d.kind.message());
        if let Some(h) = d.header {
            self.text(&format!("{what} ErrorDetail.header"), h);
        }
    }

    /// Whatever a call returned: the value's renderings, or the error's.
    fn result<T: Debug, E>(&mut self, what: &str, r: &Result<T, E>)
    where
        E: StdError + Clone + 'static,
        for<'a> ErrorDetail: From<&'a E>,
        revtain::Error: From<E>,
    {
        match r {
            Ok(v) => self.debug(&format!("{what} Ok"), v),
            Err(e) => self.error(&format!("{what} Err"), e),
        }
    }

    /// Fails with every leak found.
    fn finish(self, name: &str) {
        assert!(self.renderings > 0, "{name}: nothing was rendered");
        assert!(
            self.leaks.is_empty(),
            "{name}: leak: {} of {} renderings show a secret:\n  {}",
            self.leaks.len(),
            self.renderings,
            self.leaks.join("\n  ")
        );
    }
}

/// The scanner itself finds a planted secret in every form, a 12-character run of one, and
/// nothing in a clean text: the sweep can fail.
#[test]
fn scanner_finds_planted_secrets() {
    let (whsec, s) = prefixed_secret("whsec", "whsec_");
    let payload = whsec.strip_prefix("whsec_").unwrap();
    let (pan, p) = random_pan();
    for planted in [
        format!("x{whsec}"),
        format!("secret: {payload}!"),
        format!("key={}", &s.forms[4]), // hex of the raw bytes
        format!("truncated {}…", &payload[3..3 + WINDOW]),
    ] {
        assert!(
            find_leak(&planted, &s).is_some(),
            "not found in {planted:?}"
        );
        let mut sweep = Sweep::new(&[&s]);
        sweep.text("planted", &planted);
        assert_eq!(sweep.leaks.len(), 1);
    }
    for planted in [
        format!("card {pan}"),
        format!(
            "card {} {} {} {}",
            &pan[..4],
            &pan[4..8],
            &pan[8..12],
            &pan[12..]
        ),
    ] {
        assert!(
            find_leak(&planted, &p).is_some(),
            "not found in {planted:?}"
        );
    }
    // What a redaction keeps by design is not a leak.
    assert!(find_leak(&format!("card **** **** **** {}", &pan[12..]), &p).is_none());
    assert!(find_leak("Webhook { secrets: 1, tolerance: 300 }", &s).is_none());
    let result = std::panic::catch_unwind(|| {
        let mut sweep = Sweep::new(&[&s]);
        sweep.text("planted", &format!("x{whsec}"));
        sweep.finish("self-check");
    });
    assert!(result.is_err(), "finish() fails on a leak");
}

// ------------------------------------------------------------------------------ helpers

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A policy that gives up fast: 2 attempts 1 ms apart.
fn fast_policy() -> RetryPolicy {
    RetryPolicy::new(
        Duration::from_millis(1),
        Duration::from_millis(1),
        2,
        Duration::from_secs(5),
        Jitter::None,
    )
    .unwrap()
}

/// A port on 127.0.0.1 that nothing listens on.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A server on 127.0.0.1 answering every request with 503 (it never echoes the request).
fn server_503() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { return };
            let mut head = Vec::new();
            let mut buf = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match conn.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let _ = conn.write_all(
                b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 11\r\nX-Request-Id: req_1\r\n\
                  Connection: close\r\n\r\nunavailable",
            );
        }
    });
    format!("http://127.0.0.1:{port}")
}

// ------------------------------------------------------------------------------ API keys

#[test]
fn api_key() {
    let key = ApiKey::generate().unwrap();
    let body = &key.expose_secret()[4..];
    let s = Secret::text("API key", key.expose_secret())
        .with(body)
        .with_raw(&key.to_bytes()[..]);
    let mut sweep = Sweep::new(&[&s]);
    sweep.display("ApiKey", &key);
    sweep.display("ApiKey clone", &key.clone());
    sweep.text("ApiKey::redacted", &key.redacted());
    sweep.debug("ApiKey lookup_hash", &key.lookup_hash(b"pepper"));
    sweep.result(
        "redact_api_key",
        &api_key::redact_api_key(key.expose_secret()),
    );
    sweep.text(
        "redact_api_keys",
        &api_key::redact_api_keys(&format!("ticket: key {} pasted", key.expose_secret())),
    );
    sweep.debug(
        "redact_api_keys_bytes",
        &String::from_utf8_lossy(&api_key::redact_api_keys_bytes(
            format!("k={}", key.expose_secret()).as_bytes(),
        )),
    );
    sweep.finish("ApiKey");
}

/// Strings that are not valid API keys, each holding a real key (or another secret): the errors
/// never repeat them.
#[test]
fn api_key_errors() {
    let key = ApiKey::generate().unwrap();
    let k = key.expose_secret().to_owned();
    let (whsec, ws) = prefixed_secret("whsec secret given as an API key", "whsec_");
    let s = Secret::text("API key", &k)
        .with(&k[4..])
        .with_raw(&key.to_bytes()[..]);
    let mut sweep = Sweep::new(&[&s, &ws]);
    let mut with_plus = k.clone();
    with_plus.replace_range(20..21, "+");
    let mut non_ascii = k.clone();
    non_ascii.replace_range(30..31, "é");
    for (what, bad) in [
        ("trailing newline", format!("{k}\n")),
        ("surrounding spaces", format!(" {k} ")),
        ("one character short", k[..35].to_owned()),
        ("one character more", format!("{k}A")),
        ("upper-case prefix", format!("REV_{}", &k[4..])),
        ("no prefix", k[4..].to_owned()),
        ("a '+' inside", with_plus),
        ("a non-ASCII letter inside", non_ascii),
        ("padding", format!("{k}==")),
        ("quoted", format!("\"{k}\"")),
        ("Bearer header value", format!("Bearer {k}")),
        ("a webhook secret", whsec.clone()),
    ] {
        sweep.result(&format!("ApiKey::parse({what})"), &ApiKey::parse(&bad));
        sweep.result(&format!("validate({what})"), &api_key::validate(&bad));
        sweep.result(
            &format!("redact_api_key({what})"),
            &api_key::redact_api_key(&bad),
        );
        sweep.result(
            &format!("\"{what}\".parse::<ApiKey>()"),
            &bad.parse::<ApiKey>(),
        );
        sweep.result(
            &format!("verify_api_key({what})"),
            &api_key::verify_api_key(&bad, &key.lookup_hash(b""), b""),
        );
    }
    // A stored hash of the wrong length, with the key itself passed as the "hash" (swapped).
    sweep.result(
        "verify_api_key(key, key as the hash)",
        &api_key::verify_api_key(&k, k.as_bytes(), b""),
    );
    sweep.result(
        "ApiKey::matches(key as the hash)",
        &key.matches(k.as_bytes(), b""),
    );
    sweep.finish("API key errors");
}

// ------------------------------------------------------------------------------ vault

fn keyring_secret(k: &Keyring) -> Secret {
    let text = k.to_text();
    let mut s = Secret::text("keyring text", &text);
    for entry in text.split(',') {
        let (_, b64) = entry.split_once(':').unwrap();
        let raw = STANDARD.decode(b64).unwrap();
        s = s.with_raw(&raw);
    }
    s
}

#[test]
fn keyring() {
    let k = Keyring::generate().unwrap();
    let rotated = k.rotate().unwrap();
    let s = keyring_secret(&rotated);
    let mut sweep = Sweep::new(&[&s]);
    sweep.debug("Keyring", &k);
    sweep.debug("Keyring rotated (2 keys)", &rotated);
    sweep.debug("Keyring key_ids", &rotated.key_ids());
    let parsed = Keyring::from_text(&rotated.to_text()).unwrap();
    sweep.debug("Keyring from_text", &parsed);
    let parsed = Keyring::from_env_value(Some("MY_KEYRING"), Some(&rotated.to_text())).unwrap();
    sweep.debug("Keyring from_env_value", &parsed);
    let ctx = Context::from_pairs([("tenant", "t_1"), ("field", "secret_key")]).unwrap();
    sweep.debug("Context", &ctx);
    let sealed = rotated.seal(b"sk_live_plaintext", &ctx).unwrap();
    sweep.debug("Keyring::inspect", &Keyring::inspect(sealed.as_bytes()));
    // Opening with the wrong context, another keyring or an altered envelope.
    let other = Context::from_pairs([("tenant", "t_2")]).unwrap();
    sweep.result(
        "open(wrong context)",
        &rotated.open(sealed.as_bytes(), &other).map(|_| ()),
    );
    let stranger = Keyring::generate().unwrap();
    sweep.add(&keyring_secret(&stranger));
    sweep.result(
        "open(another keyring)",
        &stranger.open(sealed.as_bytes(), &ctx).map(|_| ()),
    );
    let mut altered = sealed.clone().into_bytes();
    let last = altered.len() - 1;
    altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
    sweep.result("open(altered)", &rotated.open(&altered, &ctx).map(|_| ()));
    // The key material given where an envelope belongs (swapped arguments).
    let text = rotated.to_text();
    sweep.result(
        "open(keyring text as the envelope)",
        &rotated.open(text.as_bytes(), &ctx).map(|_| ()),
    );
    sweep.result("inspect(keyring text)", &Keyring::inspect(text.as_bytes()));
    sweep.result(
        "needs_rotation(keyring text)",
        &rotated.needs_rotation(text.as_bytes()),
    );
    sweep.finish("Keyring");
}

/// Keyring texts that are invalid, each holding a real 32-byte key: the errors name the entry,
/// never the key.
#[test]
fn keyring_text_errors() {
    let raw: [u8; 32] = random();
    let raw2: [u8; 32] = random();
    let b64 = STANDARD.encode(raw);
    let b64b = STANDARD.encode(raw2);
    let s = Secret::text("key 1", &b64).with_raw(&raw);
    let s2 = Secret::text("key 2", &b64b).with_raw(&raw2);
    let short = STANDARD.encode(&raw[..31]);
    let mut sweep = Sweep::new(&[&s, &s2]);
    for (what, text) in [
        ("second entry 31 bytes", format!("1:{b64},2:{short}")),
        ("repeated id", format!("1:{b64},1:{b64b}")),
        ("id not decimal", format!("x:{b64}")),
        ("no id", b64.clone()),
        ("id with a leading zero", format!("01:{b64}")),
        ("unpadded", format!("1:{}", b64.trim_end_matches('='))),
        (
            "url-safe base64",
            format!("1:{}", URL_SAFE_NO_PAD.encode(raw)),
        ),
        ("hex instead of base64", format!("1:{}", hex(&raw))),
        ("semicolon separator", format!("1:{b64};2:{b64b}")),
        ("newline separator", format!("1:{b64}\n2:{b64b}")),
        ("trailing comma", format!("1:{b64},")),
        ("id too large", format!("4294967296:{b64}")),
        ("env-style assignment", format!("REVTAIN_KEYRING=1:{b64}")),
        ("quoted", format!("\"1:{b64}\"")),
        (
            "key with a character replaced",
            format!("1:{}!{}", &b64[..10], &b64[11..]),
        ),
    ] {
        let r = Keyring::from_text(&text);
        assert!(r.is_err(), "{what} should be refused");
        sweep.result(&format!("Keyring::from_text({what})"), &r);
        sweep.result(
            &format!("Keyring::from_env_value({what})"),
            &Keyring::from_env_value(Some("REVTAIN_KEYRING"), Some(&text)),
        );
    }
    // A key of no entropy is refused; its message names the id only.
    sweep.result(
        "from_keys(all equal)",
        &Keyring::from_keys([(7, [0x5a; 32])]),
    );
    sweep.finish("keyring text errors");
}

// ------------------------------------------------------------------------------ webhooks

#[test]
fn webhook_and_signer() {
    let (a, sa) = prefixed_secret("whsec A", "whsec_");
    let (b, sb) = prefixed_secret("whsec B", "whsec_");
    let mut sweep = Sweep::new(&[&sa, &sb]);
    let one = Webhook::new(&[&a]).unwrap();
    let two = Webhook::new(&[&a, &b]).unwrap().with_tolerance(60);
    let signer = WebhookSigner::new(&[&a, &b]).unwrap();
    sweep.debug("Webhook (1 secret)", &one);
    sweep.debug("Webhook (2 secrets)", &two);
    sweep.debug("Webhook clone", &two.clone());
    sweep.debug("WebhookSigner (2 secrets)", &signer);
    sweep.debug("WebhookSigner clone", &signer.clone());
    let body = br#"{"id":"evt_1","type":"card.updated","created":1700000000,"data":{}}"#;
    let t = now();
    let headers = signer.sign(body, "evt_1", t).unwrap();
    sweep.debug("SignedHeaders", &headers);
    sweep.text("signature_header", &signer.signature_header(body, t));
    let event = two.verify(body, headers.iter(), t).unwrap();
    sweep.debug("Event", &event);
    // A wrong secret: mismatch, and a diagnosis.
    let (c, sc) = prefixed_secret("whsec C (wrong)", "whsec_");
    sweep.add(&sc);
    let wrong = Webhook::new(&[&c]).unwrap();
    sweep.result(
        "verify(wrong secret)",
        &wrong.verify(body, headers.iter(), t),
    );
    sweep.result(
        "verify_signature(wrong secret)",
        &wrong.verify_signature(body, headers.signature.as_bytes(), t),
    );
    sweep.debug(
        "diagnose(wrong secret)",
        &wrong.diagnose(body, headers.signature.as_bytes(), t),
    );
    // Stripe-style keying (the whole whsec_ string as the key) is diagnosed, never shown.
    let stripe_style = {
        use hmac::{Hmac, KeyInit, Mac};
        let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(c.as_bytes()).unwrap();
        mac.update(format!("{t}.").as_bytes());
        mac.update(body);
        format!("t={t},v1={}", hex(&mac.finalize().into_bytes()))
    };
    sweep.debug(
        "diagnose(Stripe-style key)",
        &wrong.diagnose(body, stripe_style.as_bytes(), t),
    );
    // The secret itself passed as the signature header, or as the body (swapped arguments).
    sweep.result(
        "verify_signature(secret as the header)",
        &one.verify_signature(body, a.as_bytes(), t),
    );
    sweep.debug(
        "diagnose(secret as the header)",
        &one.diagnose(body, a.as_bytes(), t),
    );
    sweep.result(
        "verify_signature(secret as the body)",
        &one.verify_signature(a.as_bytes(), headers.signature.as_bytes(), t),
    );
    sweep.debug(
        "diagnose(secret as the body)",
        &one.diagnose(a.as_bytes(), headers.signature.as_bytes(), t),
    );
    sweep.result(
        "verify(secret as a header value)",
        &one.verify(body, [("X-Revtain-Signature", a.as_str())], t),
    );
    sweep.result(
        "sign(secret as the event id)",
        &signer.sign(body, &format!("{a} "), t),
    );
    sweep.finish("Webhook and WebhookSigner");
}

/// Invalid `whsec_` secrets, one or among several: the errors never show them.
#[test]
fn webhook_secret_errors() {
    let raw: [u8; 32] = random();
    let payload = STANDARD.encode(raw);
    let s = Secret::text("whsec payload", &payload).with_raw(&raw);
    let (good, sg) = prefixed_secret("valid whsec beside", "whsec_");
    let mut sweep = Sweep::new(&[&s, &sg]);
    let short = STANDARD.encode(&raw[..31]);
    let long = STANDARD.encode([&raw[..], &raw[..1]].concat());
    let mut bad_char = payload.clone();
    bad_char.replace_range(10..11, "!");
    for (what, secret) in [
        ("no prefix", payload.clone()),
        ("upper-case prefix", format!("WHSEC_{payload}")),
        ("31 bytes", format!("whsec_{short}")),
        ("33 bytes", format!("whsec_{long}")),
        ("a '!' inside", format!("whsec_{bad_char}")),
        (
            "url-safe base64",
            format!("whsec_{}", URL_SAFE_NO_PAD.encode(raw)),
        ),
        ("hex", format!("whsec_{}", hex(&raw))),
        ("a card-update secret", format!("cusec_{payload}")),
        ("quoted", format!("\"whsec_{payload}\"")),
        (
            "env-style",
            format!("REVTAIN_WEBHOOK_SECRET=whsec_{payload}"),
        ),
        (
            "an inner space",
            format!("whsec_{} {}", &payload[..20], &payload[20..]),
        ),
    ] {
        sweep.result(&format!("Webhook::new({what})"), &Webhook::new(&[&secret]));
        sweep.result(
            &format!("WebhookSigner::new({what})"),
            &WebhookSigner::new(&[&secret]),
        );
        sweep.result(
            &format!("Webhook::new([valid, {what}])"),
            &Webhook::new(&[good.as_str(), secret.as_str()]),
        );
        sweep.result(
            &format!("WebhookSigner::new([{what}, valid])"),
            &WebhookSigner::new(&[secret.as_str(), good.as_str()]),
        );
    }
    let seventeen: Vec<String> = (0..17).map(|_| good.clone()).collect();
    sweep.result("Webhook::new(17 secrets)", &Webhook::new(&seventeen));
    sweep.finish("webhook secret errors");
}

// ------------------------------------------------------------------------------ connectors

/// `(what, connector name, headers, body, secret)`.
type ConnectorCase<'a> = (
    &'a str,
    &'a str,
    Vec<(&'a str, &'a str)>,
    &'a [u8],
    &'a [u8],
);

#[test]
fn connector_errors() {
    let (whsec, sw) = prefixed_secret("connector whsec", "whsec_");
    let hmac_raw: [u8; 32] = random();
    let adyen_key = hex(&hmac_raw).to_ascii_uppercase();
    let sa = Secret::text("Adyen HMAC key", &adyen_key).with_raw(&hmac_raw);
    let user = format!("user_{}", random_text(8, ALNUM));
    let password = random_text(24, ALNUM);
    let basic = format!("{user}:{password}");
    let sb = Secret::text("Chargebee password", &password).with(STANDARD.encode(&basic));
    let wrong_password = random_text(24, ALNUM);
    let wrong_basic = STANDARD.encode(format!("{user}:{wrong_password}"));
    let sbw =
        Secret::text("Chargebee credentials sent", &wrong_password).with(wrong_basic.as_str());
    let shared = random_text(32, ALNUM);
    let ss = Secret::text("shared secret", &shared);
    let mut sweep = Sweep::new(&[&sw, &sa, &sb, &sbw, &ss]);
    let t = now();
    let opts = VerifyOptions {
        now: Some(t),
        ..VerifyOptions::default()
    };
    let body: &[u8] = br#"{"id":"evt_1","type":"invoice.paid"}"#;
    let zeros = "0".repeat(64);
    let stripe_header = format!("t={t},v1={zeros}");
    let b64_zero_sig = STANDARD.encode([0u8; 32]);
    let wh_sig = format!("v1,{b64_zero_sig}");
    let ts = t.to_string();
    let adyen_body = format!(
        r#"{{"live":"false","notificationItems":[{{"NotificationRequestItem":{{"pspReference":"7914073381342284","merchantAccountCode":"Acme","merchantReference":"r1","amount":{{"value":1130,"currency":"EUR"}},"eventCode":"AUTHORISATION","success":"true","additionalData":{{"hmacSignature":"{b64_zero_sig}"}}}}}}]}}"#
    );
    let auth = format!("Basic {wrong_basic}");
    let not_base64 = format!("whsec_!{shared}");
    let cases: Vec<ConnectorCase> = vec![
        (
            "stripe wrong secret",
            "stripe",
            vec![("Stripe-Signature", &stripe_header)],
            body,
            whsec.as_bytes(),
        ),
        (
            "standard wrong secret",
            "standard",
            vec![
                ("webhook-id", "msg_1"),
                ("webhook-timestamp", &ts),
                ("webhook-signature", &wh_sig),
            ],
            body,
            whsec.as_bytes(),
        ),
        (
            "shopify wrong secret",
            "shopify",
            vec![("X-Shopify-Hmac-Sha256", &b64_zero_sig)],
            body,
            shared.as_bytes(),
        ),
        (
            "gocardless wrong secret",
            "gocardless",
            vec![("Webhook-Signature", &zeros)],
            body,
            shared.as_bytes(),
        ),
        (
            "adyen wrong key",
            "adyen",
            vec![],
            adyen_body.as_bytes(),
            adyen_key.as_bytes(),
        ),
        (
            "chargebee wrong password",
            "chargebee",
            vec![("Authorization", &auth)],
            body,
            basic.as_bytes(),
        ),
        (
            "chargebee no Basic",
            "chargebee",
            vec![("Authorization", &password)],
            body,
            basic.as_bytes(),
        ),
        (
            "chargebee secret without a colon",
            "chargebee",
            vec![("Authorization", &auth)],
            body,
            password.as_bytes(),
        ),
        (
            "adyen secret not hex",
            "adyen",
            vec![],
            adyen_body.as_bytes(),
            whsec.as_bytes(),
        ),
        (
            "standard secret not base64",
            "standard",
            vec![
                ("webhook-id", "msg_1"),
                ("webhook-timestamp", &ts),
                ("webhook-signature", &wh_sig),
            ],
            body,
            not_base64.as_bytes(),
        ),
        // The secret passed where the header value belongs.
        (
            "stripe secret as the header",
            "stripe",
            vec![("Stripe-Signature", &whsec)],
            body,
            whsec.as_bytes(),
        ),
        (
            "shopify secret as the header",
            "shopify",
            vec![("X-Shopify-Hmac-Sha256", &shared)],
            body,
            shared.as_bytes(),
        ),
        (
            "standard secret as the signature",
            "standard",
            vec![
                ("webhook-id", "msg_1"),
                ("webhook-timestamp", &ts),
                ("webhook-signature", &whsec),
            ],
            body,
            whsec.as_bytes(),
        ),
        // The secret passed as the body (swapped arguments).
        (
            "adyen key as the body",
            "adyen",
            vec![],
            adyen_key.as_bytes(),
            adyen_key.as_bytes(),
        ),
        (
            "braintree secret as the body",
            "braintree",
            vec![],
            shared.as_bytes(),
            shared.as_bytes(),
        ),
        // Unknown connector names: the secret given as the name (swapped arguments).
        (
            "whsec secret as the name",
            whsec.as_str(),
            vec![("Stripe-Signature", &stripe_header)],
            body,
            b"stripe".as_slice(),
        ),
        (
            "shared secret as the name",
            shared.as_str(),
            vec![],
            body,
            shared.as_bytes(),
        ),
        (
            "credentials as the name",
            basic.as_str(),
            vec![],
            body,
            b"chargebee".as_slice(),
        ),
    ];
    for (what, name, headers, body, secret) in &cases {
        let r = connector::verify(name, headers, body, secret, &opts);
        assert!(r.is_err(), "{what} should be refused");
        sweep.result(&format!("connector::verify({what})"), &r);
        sweep.debug(
            &format!("header_names({what})"),
            connector::header_names(name),
        );
    }
    // Options checked for a name that is the secret.
    sweep.result(
        "VerifyOptions::from_host(secret as the name, bad tolerance)",
        &VerifyOptions::from_host(
            &whsec,
            Some(revtain::args::Number::Float(-1.0)),
            None,
            None,
            None,
        ),
    );
    sweep.debug(
        "connector(secret as the name)",
        &connector::connector(&whsec),
    );
    sweep.finish("connector errors");
}

// ------------------------------------------------------------------------------ card data

#[test]
fn card_update_links() {
    let (secret, s) = prefixed_secret("cusec secret", "cusec_");
    let mut sweep = Sweep::new(&[&s]);
    let links =
        CardUpdateLinks::new(&secret, "cli_acme", "https://pay.example.com/card?x=1").unwrap();
    sweep.debug("CardUpdateLinks", &links);
    sweep.debug(
        "CardUpdateLinks clone",
        &links.clone().with_leeway(5).with_max_lifetime(600),
    );
    let t = now();
    let claims = links.claims("cus_42", 600, None, t).unwrap();
    sweep.debug("CardUpdateClaims", &claims);
    sweep.text("CardUpdateClaims::to_json", &claims.to_json());
    let token = links.sign(&claims);
    sweep.text("token", &token);
    sweep.text(
        "link",
        &links
            .create("cus_42", 600, Some("https://shop.example.com/done"), t)
            .unwrap(),
    );
    sweep.result("verify(own token)", &links.verify(&token, t));
    // Another secret: the signature does not match.
    let (other, so) = prefixed_secret("other cusec secret", "cusec_");
    sweep.add(&so);
    let stranger =
        CardUpdateLinks::new(&other, "cli_acme", "https://pay.example.com/card").unwrap();
    sweep.result("verify(another secret)", &stranger.verify(&token, t));
    // The secret passed as the token, client id, customer or URL (swapped arguments).
    sweep.result("verify(secret as the token)", &links.verify(&secret, t));
    sweep.result(
        "create(secret as the return_url)",
        &links.create("cus_42", 600, Some(&secret), t),
    );
    sweep.result(
        "new(secret as the base URL)",
        &CardUpdateLinks::new(&secret, "cli_acme", &secret),
    );
    sweep.result(
        "new(client id and secret swapped)",
        &CardUpdateLinks::new("cli_acme", &secret, "https://pay.example.com/card"),
    );
    // A password without '/' (one with it: card_update_base_url_credentials_with_a_slash_are_shown).
    let password = random_text(24, ALNUM);
    sweep.add(&Secret::text("base URL password", &password));
    sweep.result(
        "new(secret in the base URL's userinfo)",
        &CardUpdateLinks::new(
            &secret,
            "cli_acme",
            &format!("https://u:{password}@pay.example.com/"),
        ),
    );
    sweep.result(
        "new(secret as the base URL's userinfo)",
        &CardUpdateLinks::new(
            &secret,
            "cli_acme",
            &format!("https://{password}@pay.example.com/"),
        ),
    );
    sweep.finish("CardUpdateLinks");
}

/// A base URL whose userinfo holds an unencoded `/` (`https://u:pa/ss@host`; a base64 secret
/// holds one `/` time in two): the authority ends at the first `/`, so an authority check sees
/// no `@`; it leaked through `Debug` until any `@` in a base URL was refused.
#[test]
fn card_update_base_url_credentials_with_a_slash_are_refused() {
    let (secret, s) = prefixed_secret("cusec secret", "cusec_");
    let password = format!("{}/{}", random_text(12, ALNUM), random_text(12, ALNUM));
    let sp = Secret::text("base URL password", &password)
        .with(&password[..12])
        .with(&password[13..]);
    let mut sweep = Sweep::new(&[&s, &sp]);
    sweep.result(
        "new(base URL with u:pa/ss@)",
        &CardUpdateLinks::new(
            &secret,
            "cli_acme",
            &format!("https://u:{password}@pay.example.com/"),
        ),
    );
    sweep.finish("card-update base URL with a slash");
}

/// Invalid `cusec_` secrets: the errors never show them.
#[test]
fn card_update_secret_errors() {
    let raw: [u8; 32] = random();
    let payload = STANDARD.encode(raw);
    let s = Secret::text("cusec payload", &payload).with_raw(&raw);
    let mut sweep = Sweep::new(&[&s]);
    let mut bad_char = payload.clone();
    bad_char.replace_range(10..11, "!");
    for (what, secret) in [
        ("no prefix", payload.clone()),
        ("a webhook secret", format!("whsec_{payload}")),
        ("31 bytes", format!("cusec_{}", STANDARD.encode(&raw[..31]))),
        (
            "33 bytes",
            format!("cusec_{}", STANDARD.encode([&raw[..], &raw[..1]].concat())),
        ),
        ("a '!' inside", format!("cusec_{bad_char}")),
        ("hex", format!("cusec_{}", hex(&raw))),
        ("quoted", format!("\"cusec_{payload}\"")),
    ] {
        sweep.result(
            &format!("CardUpdateLinks::new({what})"),
            &CardUpdateLinks::new(&secret, "cli_acme", "https://pay.example.com/card"),
        );
    }
    sweep.finish("card-update secret errors");
}

/// Card numbers given to any API: errors never show their digits, `redact_pans` keeps only the
/// last four.
#[test]
fn pans_are_never_shown() {
    let (pan, p) = random_pan();
    let spaced = format!(
        "{} {} {} {}",
        &pan[..4],
        &pan[4..8],
        &pan[8..12],
        &pan[12..]
    );
    let dashed = spaced.replace(' ', "-");
    let mut sweep = Sweep::new(&[&p]);
    for text in [
        format!("card {pan} exp 12/30"),
        format!("card {spaced}"),
        format!("card {dashed}"),
        format!("{{\"number\":\"{pan}\"}}"),
        format!("number={pan}&cvc=123"),
        format!("tok_{pan}"),
    ] {
        sweep.text("redact_pans", &card::redact_pans(&text));
        sweep.debug(
            "redact_pans_bytes",
            &String::from_utf8_lossy(&card::redact_pans_bytes(text.as_bytes())),
        );
        sweep.debug("find_pans", &card::find_pans(text.as_bytes()));
    }
    for gateway in card::GATEWAYS {
        for token in [
            pan.clone(),
            spaced.clone(),
            dashed.clone(),
            format!("tok_{pan}"),
            format!("pm_{pan}"),
        ] {
            let r = card::validate_gateway_token(gateway, &token);
            assert!(r.is_err(), "{gateway} accepted a PAN");
            sweep.result(&format!("validate_gateway_token({gateway}, PAN)"), &r);
        }
    }
    // Swapped arguments: the PAN as the gateway.
    sweep.result(
        "validate_gateway_token(PAN as the gateway)",
        &card::validate_gateway_token(&pan, "pm_1MqLiJLkdIwHu7ixUEgbFdYF"),
    );
    sweep.result(
        "validate_gateway_token(PAN, PAN)",
        &card::validate_gateway_token(&pan, &pan),
    );
    sweep.result(
        "validate_gateway_token(spaced PAN as the gateway)",
        &card::validate_gateway_token(&spaced, "stripe"),
    );
    sweep.result(
        "ensure_not_pan",
        &card::ensure_not_pan(&format!("cus_{pan}"), "customer"),
    );
    let (secret, s) = prefixed_secret("cusec", "cusec_");
    sweep.add(&s);
    sweep.result(
        "CardUpdateLinks::new(PAN as the client id)",
        &CardUpdateLinks::new(&secret, &pan, "https://pay.example.com/card"),
    );
    let links = CardUpdateLinks::new(&secret, "cli_acme", "https://pay.example.com/card").unwrap();
    let t = now();
    sweep.result(
        "create(PAN as the customer)",
        &links.create(&pan, 600, None, t),
    );
    sweep.result(
        "token(spaced PAN as the customer)",
        &links.token(&spaced, 600, None, t),
    );
    // A token minted elsewhere with the PAN as the customer, correctly signed.
    let forged = links.sign(&card::CardUpdateClaims {
        iss: "cli_acme".into(),
        sub: pan.clone(),
        aud: card::AUDIENCE.into(),
        iat: t as i64,
        exp: t as i64 + 600,
        jti: "j".into(),
        return_url: None,
    });
    sweep.result("verify(token for a PAN)", &links.verify(&forged, t));
    // A PAN as the api key, the rate-limit key, the webhook event id.
    sweep.result("ApiKey::parse(PAN)", &ApiKey::parse(&pan));
    sweep.result(
        "ApiKey::parse(rev_ + PAN)",
        &ApiKey::parse(&format!("rev_{pan}{pan}")),
    );
    let (whsec, ws) = prefixed_secret("whsec", "whsec_");
    sweep.add(&ws);
    let signer = WebhookSigner::new(&[&whsec]).unwrap();
    sweep.result(
        "sign(PAN with a space as the event id)",
        &signer.sign(b"{}", &spaced, t),
    );
    sweep.finish("PANs");
}

/// A card-update token whose header `alg` is a card number: the refusal names only registered
/// algorithms (it quoted 20 characters of any).
#[test]
fn pan_as_a_token_algorithm_is_not_echoed() {
    let (pan, p) = random_pan();
    let (secret, _) = prefixed_secret("cusec", "cusec_");
    let links = CardUpdateLinks::new(&secret, "cli_acme", "https://pay.example.com/card").unwrap();
    let header = URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"{pan}","typ":"JWT"}}"#));
    let token = format!("{header}.e30.AAAA");
    let mut sweep = Sweep::new(&[&p]);
    sweep.result("verify(token with alg = PAN)", &links.verify(&token, now()));
    sweep.finish("PAN as alg");
}

/// An Adyen body with a card number where an array belongs: the parse error says what was
/// expected, never the value (serde_json's message quoted it).
#[test]
fn pan_in_a_malformed_adyen_body_is_not_echoed() {
    let (pan, p) = random_pan();
    let key = hex(&random::<32>());
    let body = format!(r#"{{"live":"false","notificationItems":"{pan}"}}"#);
    let r = connector::verify::<&str, &str>(
        "adyen",
        &[],
        body.as_bytes(),
        key.as_bytes(),
        &VerifyOptions::default(),
    );
    let mut sweep = Sweep::new(&[&p]);
    sweep.result("adyen body with a PAN", &r);
    sweep.finish("PAN in an Adyen body");
}

// ------------------------------------------------------------------------------ rate limiter

/// Redis URLs with a password: the limiter connects lazily, so it is built; no rendering, no
/// decision's store error and no ping error shows the password. A URL that cannot be used is
/// refused without showing it.
#[test]
fn rate_limiter_redis_passwords() {
    let random_pw = random_text(20, ALNUM);
    let hunter = Secret::text("Redis password hunter2", "hunter2");
    let rp = Secret::text("Redis password", &random_pw);
    let q = Secret::text("Redis password with ?", &format!("hun?ter{random_pw}"))
        .with(format!("ter{random_pw}"));
    let mut sweep = Sweep::new(&[&hunter, &rp, &q]);
    let sock = std::env::temp_dir().join(format!("revtain-secrets-{}.sock", random_text(8, ALNUM)));
    let urls = [
        "redis://:hunter2@127.0.0.1:1/0".to_owned(),
        format!("redis://alice:{random_pw}@127.0.0.1:1/0"),
        format!("redis://{random_pw}@127.0.0.1:1"),
        format!("rediss://alice:{random_pw}@127.0.0.1:1/0"),
        format!("redis://:hun?ter{random_pw}@127.0.0.1:1/0"),
        format!("redis://alice:hun?ter{random_pw}@127.0.0.1:1/0?db=1"),
        format!("redis://alice:{random_pw}#x@127.0.0.1:1/0"),
        format!("redis://alice:p@ss{random_pw}@127.0.0.1:1/0"),
        // No `://`.
        format!("alice:{random_pw}@127.0.0.1:1"),
        format!("redis:{random_pw}@127.0.0.1:1"),
        format!("{random_pw}@127.0.0.1:1"),
        "127.0.0.1:1?password=hunter2".to_owned(),
        format!("redis+unix://{}?pass={random_pw}", sock.display()),
        format!(
            "redis+unix://{}?db=0&password={random_pw}&user=u",
            sock.display()
        ),
        format!("redis://127.0.0.1:1/0?password={random_pw}"),
    ];
    let mut built = 0;
    for url in &urls {
        let shown_url = revtain::ratelimit::redact_redis_url(url);
        sweep.text(&format!("redact_redis_url({shown_url})"), &shown_url);
        let options = RedisOptions::new(url.as_str()).timeout(Duration::from_millis(50));
        sweep.debug(&format!("RedisOptions({shown_url})"), &options);
        let r = RateLimiter::builder().redis(options.clone()).build();
        match &r {
            Ok(l) => {
                built += 1;
                sweep.debug(&format!("RateLimiter({shown_url})"), l);
                sweep.debug(&format!("redis_store({shown_url})"), &l.redis_store());
                for i in 0..2 {
                    let d = l.check("api-key-1");
                    sweep.result(&format!("check #{i} ({shown_url})"), &d);
                    if let Ok(d) = d {
                        if let Some(e) = &d.store_error {
                            sweep.text(&format!("store_error ({shown_url})"), e);
                        }
                        sweep.debug(&format!("Decision::headers ({shown_url})"), &d.headers());
                    }
                }
                sweep.result(&format!("ping ({shown_url})"), &l.ping());
                let closed = RateLimiter::builder()
                    .redis(options.fail_open(false))
                    .build()
                    .unwrap();
                sweep.result(
                    &format!("check failing closed ({shown_url})"),
                    &closed.check("k"),
                );
            }
            Err(e) => sweep.error(&format!("build({shown_url})"), e),
        }
        let settings = Settings {
            redis_url: Some(url.as_str()),
            timeout: Some(revtain::args::Number::Float(0.05)),
            ..Settings::default()
        };
        sweep.result(&format!("Settings::build({shown_url})"), &settings.build());
    }
    assert!(built >= 2, "the URLs with a password were built lazily");
    sweep.result(
        "in-memory RateLimiter",
        &ratelimit::RateLimiter::new(60, Duration::from_secs(60)),
    );
    sweep.finish("RateLimiter with Redis passwords");
}

// ------------------------------------------------------------------------------ gateway client

fn gateway_secrets() -> (String, Secret) {
    let token = format!("sk_live_{}", random_text(32, ALNUM));
    let s = Secret::text("Authorization", &format!("Bearer {token}"))
        .with(token.as_str())
        .with(&token[8..]);
    (token, s)
}

/// A client with an `Authorization` header: its renderings, and every error of a failing call
/// (503s, a refused connection), never show the header value.
#[test]
fn gateway_client_headers() {
    let (token, s) = gateway_secrets();
    let (token2, s2) = gateway_secrets();
    let mut sweep = Sweep::new(&[&s, &s2]);
    let base = server_503();
    let budget = Arc::new(RetryBudget::new());
    let client = GatewayClient::builder(&base)
        .policy(fast_policy())
        .timeout(Duration::from_secs(2))
        .header("Authorization", format!("Bearer {token}"))
        .header("X-Api-Key", token.clone())
        .budget(budget.clone())
        .build()
        .unwrap();
    sweep.debug("GatewayClient", &client);
    sweep.text("base_url", client.base_url());
    sweep.text("host", client.host());
    sweep.debug("policy", client.policy());
    sweep.debug("budget", client.budget());
    let auth2 = format!("Bearer {token2}");
    let r = client.request(
        "POST",
        "/v1/charges",
        Some(&b"amount=100"[..]),
        &[
            ("Stripe-Account", token2.as_str()),
            ("Authorization", auth2.as_str()),
        ],
        None,
    );
    assert!(r.is_err());
    sweep.result("request to a 503 server", &r);
    if let Err(e) = &r {
        sweep.debug("GatewayError::attempts", e.attempts());
        sweep.debug("GatewayError::last_response", &e.last_response());
    }
    let refused = GatewayClient::builder(format!("http://127.0.0.1:{}", closed_port()))
        .policy(fast_policy())
        .header("Authorization", format!("Bearer {token}"))
        .budget(budget.clone())
        .build()
        .unwrap();
    sweep.debug("GatewayClient (refused port)", &refused);
    let r = refused.request(
        "GET",
        "/v1/balance",
        None,
        &[("Authorization", auth2.as_str())],
        Some(token2.as_str()),
    );
    sweep.result("request to a closed port", &r);
    // Through a proxy that asks for credentials (refused: nothing listens).
    let proxy_pw = random_text(20, ALNUM);
    let sp = Secret::text("proxy password", &proxy_pw);
    sweep.add(&sp);
    let proxied = GatewayClient::builder("https://api.example.com")
        .policy(fast_policy())
        .proxy(format!(
            "http://proxyuser:{proxy_pw}@127.0.0.1:{}",
            closed_port()
        ))
        .header("Authorization", format!("Bearer {token}"))
        .budget(budget)
        .build()
        .unwrap();
    sweep.debug("GatewayClient (proxy with credentials)", &proxied);
    sweep.debug("proxy()", &proxied.proxy());
    sweep.result(
        "request through a closed proxy",
        &proxied.request("GET", "/v1/balance", None, &[], None),
    );
    sweep.finish("GatewayClient headers");
}

/// `(what, method, path, headers, idempotency key)`.
type RequestCase<'a> = (
    &'a str,
    &'a str,
    &'a str,
    Vec<(&'a str, &'a str)>,
    Option<&'a str>,
);

/// Requests that cannot be sent, each with a secret in an argument: refused without showing it.
#[test]
fn gateway_invalid_requests() {
    let (token, s) = gateway_secrets();
    let proxy_pw = random_text(20, ALNUM);
    let sp = Secret::text("proxy password", &proxy_pw);
    let mut sweep = Sweep::new(&[&s, &sp]);
    let bearer = format!("Bearer {token}");
    let builders = [
        (
            "header value with a newline",
            GatewayClient::builder("https://api.example.com")
                .header("Authorization", format!("{bearer}\r\nX: y")),
        ),
        (
            "header value with a NUL",
            GatewayClient::builder("https://api.example.com")
                .header("Authorization", format!("{bearer}\0")),
        ),
        (
            "header name is the secret",
            GatewayClient::builder("https://api.example.com").header(bearer.clone(), "x"),
        ),
        (
            "secret as the base URL",
            GatewayClient::builder(bearer.clone()).header("Authorization", bearer.clone()),
        ),
        (
            "token as the base URL",
            GatewayClient::builder(token.clone()),
        ),
        (
            "secret in the query",
            GatewayClient::builder(format!("https://api.example.com/?key={token}")),
        ),
        (
            "secret in the fragment",
            GatewayClient::builder(format!("https://api.example.com/#{token}")),
        ),
        (
            "plain http with the secret",
            GatewayClient::builder(format!("http://api.example.com/{token}/")),
        ),
        (
            "client-wide idempotency key",
            GatewayClient::builder("https://api.example.com")
                .header("Idempotency-Key", token.clone()),
        ),
        (
            "framing header with the secret",
            GatewayClient::builder("https://api.example.com").header("Host", token.clone()),
        ),
        (
            "proxy URL with a path",
            GatewayClient::builder("https://api.example.com")
                .proxy(format!("http://u:{proxy_pw}@127.0.0.1:1/path")),
        ),
        (
            "proxy URL with a query",
            GatewayClient::builder("https://api.example.com")
                .proxy(format!("http://u:{proxy_pw}@127.0.0.1:1?x=1")),
        ),
        (
            "proxy URL of another scheme",
            GatewayClient::builder("https://api.example.com")
                .proxy(format!("socks5://u:{proxy_pw}@127.0.0.1:1")),
        ),
        (
            "proxy URL that does not parse",
            GatewayClient::builder("https://api.example.com")
                .proxy(format!("http://u:{proxy_pw} x@127.0.0.1:1")),
        ),
        (
            "proxy with plain http",
            GatewayClient::builder("http://127.0.0.1:1")
                .proxy(format!("http://u:{proxy_pw}@127.0.0.1:1")),
        ),
    ];
    for (what, builder) in builders {
        let r = builder.build();
        assert!(r.is_err(), "{what} should be refused");
        sweep.result(&format!("build({what})"), &r);
    }
    let client = GatewayClient::builder(format!("http://127.0.0.1:{}", closed_port()))
        .policy(fast_policy())
        .build()
        .unwrap();
    let newline = format!("{bearer}\r\nX-Injected: 1");
    let (tk, br, nl) = (token.as_str(), bearer.as_str(), newline.as_str());
    let requests: Vec<RequestCase> = vec![
        ("secret as the method", tk, "/v1/charges", vec![], None),
        ("Bearer as the method", br, "/v1/charges", vec![], None),
        ("secret as the path", "GET", tk, vec![], None),
        ("secret in a path with a space", "GET", br, vec![], None),
        (
            "header value with a newline",
            "GET",
            "/v1",
            vec![("Authorization", nl)],
            None,
        ),
        (
            "header name is the secret",
            "GET",
            "/v1",
            vec![(br, "x")],
            None,
        ),
        (
            "framing header with the secret",
            "GET",
            "/v1",
            vec![("Content-Length", tk)],
            None,
        ),
        (
            "idempotency key with a newline",
            "POST",
            "/v1",
            vec![],
            Some(nl),
        ),
        (
            "two idempotency keys",
            "POST",
            "/v1",
            vec![("Idempotency-Key", tk)],
            Some("other"),
        ),
        (
            "idempotency key twice",
            "POST",
            "/v1",
            vec![("Idempotency-Key", tk), ("idempotency-key", tk)],
            None,
        ),
        (
            "HEAD with a body",
            "HEAD",
            "/v1",
            vec![("Authorization", br)],
            None,
        ),
    ];
    for (what, method, path, headers, key) in &requests {
        let body: Option<&[u8]> = if *method == "HEAD" {
            Some(token.as_bytes())
        } else {
            None
        };
        let r = client.request(method, path, body, headers, *key);
        assert!(r.is_err(), "{what} should be refused");
        sweep.result(&format!("request({what})"), &r);
    }
    sweep.finish("gateway invalid requests");
}

/// Builds a client for each base URL (with an `Authorization` header) and sweeps whatever comes
/// back: the refusal, or the client's renderings when it is accepted (a request is sent only to
/// loopback, never to a name that would need DNS).
fn sweep_base_urls(sweep: &mut Sweep, urls: &[String], token: &str) {
    for (i, url) in urls.iter().enumerate() {
        let r = GatewayClient::builder(url.as_str())
            .policy(fast_policy())
            .timeout(Duration::from_millis(500))
            .header("Authorization", format!("Bearer {token}"))
            .build();
        let what = format!("base URL #{i}");
        match &r {
            Ok(c) => {
                sweep.debug(&format!("GatewayClient ({what} accepted)"), c);
                sweep.text(&format!("base_url ({what})"), c.base_url());
                sweep.text(&format!("host ({what})"), c.host());
                if c.host().starts_with("127.0.0.1") || c.host().starts_with("localhost") {
                    sweep.result(
                        &format!("request ({what})"),
                        &c.request("GET", "/v1", None, &[], None),
                    );
                }
            }
            Err(e) => sweep.error(&format!("build ({what})"), e),
        }
    }
}

/// Base URLs with credentials in their userinfo: refused (or, if accepted, never shown) and the
/// error never shows them.
#[test]
fn gateway_base_url_credentials() {
    let password = format!("pw{}", random_text(20, ALNUM));
    let (token, s) = gateway_secrets();
    let sp = Secret::text("URL password", &password);
    let mut sweep = Sweep::new(&[&s, &sp]);
    let port = closed_port();
    let urls = [
        format!("https://user:{password}@api.example.com"),
        format!("https://:{password}@api.example.com/v1"),
        format!("https://{token}@api.example.com"),
        format!("https://{token}:@api.example.com"),
        format!("https://user:{password}@127.0.0.1:{port}"),
        format!("http://user:{password}@127.0.0.1:{port}"),
        format!("http://user:{password}@localhost:{port}/"),
        format!("https://user:p@ss{password}@api.example.com"),
        format!("https://user:{password}#x@api.example.com"),
        format!("https://user:{password}?x@api.example.com"),
        format!("https://user:{password}\\x@api.example.com"),
        format!("https://user:{password} x@api.example.com"),
        format!("https://user:{password}\n@api.example.com"),
        format!("HTTPS://user:{password}@api.example.com"),
        format!("user:{password}@api.example.com"),
        format!("//user:{password}@api.example.com"),
        format!("https:user:{password}@api.example.com"),
        format!("https://user%3A{password}@api.example.com"),
        format!("https://user:{password}%2Fx@api.example.com"),
        format!("https://api.example.com@user:{password}@evil.example.com"),
    ];
    sweep_base_urls(&mut sweep, &urls, &token);
    sweep.finish("gateway base URL credentials");
}

/// A password (or token) with an unencoded `/` in the base URL's userinfo: the URL parses with
/// `user:pa` as its authority and `/ss@host` as its path, so an authority check misses it; it
/// leaked through `Debug`, `base_url()` and `host()` until any `@` in a base URL was refused.
#[test]
fn gateway_base_url_credentials_with_a_slash_are_refused() {
    let password = format!("pw{}", random_text(20, ALNUM));
    let (token, s) = gateway_secrets();
    let sp = Secret::text("URL password", &password);
    let mut sweep = Sweep::new(&[&s, &sp]);
    let urls = [
        format!("https://user:{password}/x@api.example.com"),
        format!(
            "https://user:{}/{}@api.example.com",
            &password[..11],
            &password[11..]
        ),
        format!("https://{password}/x@api.example.com"),
    ];
    sweep_base_urls(&mut sweep, &urls, &token);
    sweep.finish("gateway base URL credentials with a slash");
}

/// A header name and value swapped (`header(token, "Authorization")`): the token is a valid
/// header name and was listed by `Debug`; a value that names a credential header is refused.
#[test]
fn gateway_swapped_header_name_and_value_is_refused() {
    let (token, s) = gateway_secrets();
    let mut sweep = Sweep::new(&[&s]);
    let r = GatewayClient::builder("https://api.example.com")
        .header(token.clone(), "Authorization")
        .build();
    sweep.result("build(header name and value swapped)", &r);
    sweep.finish("swapped header");
}
