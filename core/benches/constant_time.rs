//! A statistical constant-time test (dudect: Reparaz, Balasch, Verbauwhede, "dude, is my code
//! constant time?", DATE 2017) of every comparison of a secret, through the public API.
//!
//! Each row has two classes of inputs, of the same length and refused by the same path: a wrong
//! value that departs from the genuine one in its first byte (class 0) against one that departs
//! in its last byte (class 1), or one fixed input against fresh random ones (the signature, the
//! stored hash, or the secret itself). For every measurement the class is drawn at random and
//! its input written into one working buffer by a branch-free select that reads both classes'
//! inputs (so the memory touched before the call does not depend on the class); then the call
//! is timed, `rdtsc` between `lfence`s on x86_64, `Instant` elsewhere. A first batch (not
//! counted) sets the cropping thresholds, dudect's percentiles `1 − 0.5^(10·(i+1)/100)` for
//! i = 0‥99. Welch's t between the classes is kept online (Welford mean and variance) for the
//! uncropped times, for the times under each threshold, and for the second-order test (squared
//! distance to the class mean); a test counts once each class has more than 10 000
//! measurements, and the row reports the largest |t|. |t| > 4.5 is evidence of a timing
//! difference between the classes; a smaller |t| is no evidence of one at this many
//! measurements, not a proof that there is none.
//!
//! Rows that are not comparisons of a secret check the harness: early-exit loops over 32 bytes
//! and 4 KiB differing in the first or the last byte (they must leak, or the harness is blind),
//! `==` on 32-byte slices (no contract either way), A/A rows with the same input in both
//! classes (a difference there is the harness's own), and a row that parses and decodes the
//! caller's header without any secret (input dependence that tells an attacker only what it
//! sent).
//!
//! ```text
//! cargo bench -p revtain --bench constant_time            # every row
//! cargo bench -p revtain --bench constant_time -- stripe api_key  # rows naming either
//! REVTAIN_CT_MEASUREMENTS=10000000 cargo bench -p revtain --bench constant_time -- stripe
//! ```
//!
//! `REVTAIN_CT_MEASUREMENTS` is the number of measurements per row, both classes together
//! (default 1 000 000: about 20 s for every row on a 2-core EPYC). Without `--bench` (as
//! `cargo test --benches` runs it) it is a smoke run of 4 000 measurements per row, whose
//! verdicts mean nothing. `docs/reliability.md` has the figures and how to read them.

// `rdtsc` and `lfence` are `unsafe fn`s in `core::arch`: the one unsafe block is the timer.
#![allow(unsafe_code)]

use std::fmt::Debug;
use std::hint::black_box;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use revtain::api_key::{verify_api_key, ApiKey};
use revtain::card::CardUpdateLinks;
use revtain::connector::{self, VerifyOptions};
use revtain::vault::{Context, Keyring};
use revtain::webhook::{SignatureHeader, Webhook, WebhookSigner};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};

// ------------------------------------------------------------------------------ the statistics

/// Welch's t-test kept online: per class, the count, the mean and the sum of squared deviations.
#[derive(Clone, Copy, Default)]
struct Welch {
    n: [f64; 2],
    mean: [f64; 2],
    m2: [f64; 2],
}

impl Welch {
    fn push(&mut self, class: usize, x: f64) {
        self.n[class] += 1.0;
        let delta = x - self.mean[class];
        self.mean[class] += delta / self.n[class];
        self.m2[class] += delta * (x - self.mean[class]);
    }

    fn t(&self) -> f64 {
        let var = |c: usize| self.m2[c] / (self.n[c] - 1.0);
        let se = (var(0) / self.n[0] + var(1) / self.n[1]).sqrt();
        if se > 0.0 {
            (self.mean[0] - self.mean[1]) / se
        } else {
            0.0
        }
    }
}

const PERCENTILES: usize = 100;
/// dudect's least number of measurements per class for a test to count.
const ENOUGH: f64 = 10_000.0;

/// dudect's tests: uncropped, cropped under each percentile threshold, and second order.
struct Tests {
    thresholds: Vec<u64>,
    uncropped: Welch,
    cropped: Vec<Welch>,
    second_order: Welch,
}

impl Tests {
    /// The thresholds from a first batch of times.
    fn new(first_batch: &[u64]) -> Tests {
        let mut sorted = first_batch.to_vec();
        sorted.sort_unstable();
        let thresholds = (0..PERCENTILES)
            .map(|i| {
                let p = 1.0 - 0.5f64.powf(10.0 * (i + 1) as f64 / PERCENTILES as f64);
                sorted[((p * sorted.len() as f64) as usize).min(sorted.len() - 1)]
            })
            .collect();
        Tests {
            thresholds,
            uncropped: Welch::default(),
            cropped: vec![Welch::default(); PERCENTILES],
            second_order: Welch::default(),
        }
    }

    fn push(&mut self, class: usize, ticks: u64) {
        let x = ticks as f64;
        self.uncropped.push(class, x);
        // Thresholds ascend: every one from the first above `ticks` keeps this measurement.
        let from = self.thresholds.partition_point(|&t| t <= ticks);
        for w in &mut self.cropped[from..] {
            w.push(class, x);
        }
        if self.uncropped.n[0] + self.uncropped.n[1] > ENOUGH {
            let centred = x - self.uncropped.mean[class];
            self.second_order.push(class, centred * centred);
        }
    }

    /// The largest |t| among the tests with enough measurements, which test it is, and that
    /// test's difference of the class means (class 0 − class 1).
    fn max_t(&self) -> (f64, String, f64) {
        let diff = |w: &Welch| w.mean[0] - w.mean[1];
        let mut best = (
            self.uncropped.t().abs(),
            "uncropped".to_string(),
            diff(&self.uncropped),
        );
        let mut consider = |w: &Welch, what: String| {
            if w.n[0] > ENOUGH && w.n[1] > ENOUGH && w.t().abs() > best.0 {
                best = (w.t().abs(), what, diff(w));
            }
        };
        for (i, w) in self.cropped.iter().enumerate() {
            let p = 1.0 - 0.5f64.powf(10.0 * (i + 1) as f64 / PERCENTILES as f64);
            consider(w, format!("crop p{:.1}", 100.0 * p));
        }
        consider(&self.second_order, "2nd order".to_string());
        best
    }
}

// ------------------------------------------------------------------------------ the timer

/// A timestamp: TSC ticks on x86_64 (fenced so the timed code neither starts before nor ends
/// after it), nanoseconds elsewhere.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn now() -> u64 {
    use core::arch::x86_64::{_mm_lfence, _rdtsc};
    // SAFETY: `lfence` (SSE2, which every x86_64 CPU has) and `rdtsc` take no pointer, touch no
    // memory and have no precondition; `rdtsc` reads a counter register. A kernel that forbids
    // `rdtsc` in user mode (CR4.TSD) raises SIGSEGV, which is a crash, not undefined behaviour.
    unsafe {
        _mm_lfence();
        let t = _rdtsc();
        _mm_lfence();
        t
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn now() -> u64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_nanos() as u64
}

const TICK: &str = if cfg!(target_arch = "x86_64") {
    "ticks"
} else {
    "ns"
};
const UNIT: &str = if cfg!(target_arch = "x86_64") {
    "TSC ticks (rdtsc between lfences)"
} else {
    "ns (std::time::Instant)"
};

/// xorshift64*: the class of each measurement and the random inputs (not a secret).
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let mut seed = [0u8; 8];
        getrandom::fill(&mut seed).expect("OS random numbers");
        Rng(u64::from_ne_bytes(seed) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

// ------------------------------------------------------------------------------ the harness

struct Config {
    measurements: usize,
    first_batch: usize,
    /// Run only the rows whose name contains one of these (every row when empty).
    filters: Vec<String>,
    smoke: bool,
}

/// What a row is, and so what its verdict means.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A comparison of a secret through the public API: it must not leak.
    Secret,
    /// A naive early-exit comparison: it must leak, or the harness cannot see a leak.
    MustLeak,
    /// The same input in both classes: any difference found is the harness's own.
    AA,
    /// `==` on slices: not constant-time by contract, whatever this machine shows.
    Probe,
    /// Only the caller's own (public) input is handled, no secret: a difference found is input
    /// dependence that tells an attacker nothing it did not send.
    Public,
}

struct Row {
    name: &'static str,
    kind: Kind,
    per_class: [u64; 2],
    max_t: f64,
    at: String,
    /// Class 0 − class 1 mean of the test giving the max (squared ticks for the second order).
    diff: f64,
    median: [u64; 2],
}

const BATCH: usize = 50_000;

/// The inputs of the two classes, as bytes of the same length.
enum Inputs {
    /// One input per class (class 0 wrong in the first byte, class 1 in the last, say).
    Pair([Vec<u8>; 2]),
    /// Class 0 one fixed input, class 1 a fresh random one per measurement, written by `random`
    /// over a copy of `fixed`. A random input is drawn before every measurement of either
    /// class, so that both do the same work before the timed call.
    FixedVsRandom {
        fixed: Vec<u8>,
        random: fn(&mut Rng, &mut [u8]),
    },
}

/// `out = if class == 0 { a } else { b }`, reading all of both and writing all of `out` for
/// either class: the memory the harness touches before a call does not depend on the class.
fn select_into(out: &mut [u8], a: &[u8], b: &[u8], class: u8) {
    let mask = black_box(0u8.wrapping_sub(class));
    for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
        *o = x ^ (mask & (x ^ y));
    }
}

/// Times `op` on the inputs of class 0 and class 1, `before` run untimed ahead of each call.
/// Checks first that both classes get the same answer (the same path through the code).
fn measure<R: Debug>(
    cfg: &Config,
    rows: &mut Vec<Row>,
    name: &'static str,
    kind: Kind,
    mut inputs: Inputs,
    mut before: impl FnMut(),
    mut op: impl FnMut(&[u8]) -> R,
) {
    if !cfg.filters.is_empty() && !cfg.filters.iter().any(|f| name.contains(f.as_str())) {
        return;
    }
    let mut rng = Rng::new();
    let mut answer = |x: &[u8]| {
        before();
        format!("{:?}", op(x))
    };
    let (reference, samples): (String, Vec<Vec<u8>>) = match &mut inputs {
        Inputs::Pair([a, b]) => (answer(a), vec![b.clone()]),
        Inputs::FixedVsRandom { fixed, random } => (
            answer(fixed),
            (0..16)
                .map(|_| {
                    let mut x = fixed.clone();
                    random(&mut rng, &mut x);
                    x
                })
                .collect(),
        ),
    };
    for x in &samples {
        assert_eq!(
            answer(x),
            reference,
            "{name}: the two classes must take the same path"
        );
    }
    let len = samples[0].len();
    if let Inputs::Pair([a, _]) = &inputs {
        assert_eq!(a.len(), len, "{name}: the two inputs must be as long");
    }

    let mut work = vec![0u8; len];
    let mut scratch = samples[0].clone();
    let mut classes = vec![0u8; BATCH];
    let mut ticks = vec![0u64; BATCH];
    let mut tests: Option<Tests> = None;
    let mut medians: [Vec<u64>; 2] = [Vec::new(), Vec::new()];
    let mut left = cfg.measurements;
    let mut first = cfg.first_batch;
    while left > 0 {
        let n = if first > 0 { first } else { left.min(BATCH) };
        for c in &mut classes[..n] {
            *c = (rng.next() >> 63) as u8;
        }
        for (&class, t) in classes[..n].iter().zip(&mut ticks[..n]) {
            match &mut inputs {
                Inputs::Pair([a, b]) => select_into(&mut work, a, b, class),
                Inputs::FixedVsRandom { fixed, random } => {
                    random(&mut rng, &mut scratch);
                    select_into(&mut work, fixed, &scratch, class);
                }
            }
            before();
            let start = now();
            let r = black_box(op(black_box(&work[..])));
            let end = now();
            drop(r);
            *t = end.wrapping_sub(start);
        }
        match tests.as_mut() {
            None => {
                tests = Some(Tests::new(&ticks[..n]));
                first = 0;
            }
            Some(t) => {
                for (i, (&class, &x)) in classes[..n].iter().zip(&ticks[..n]).enumerate() {
                    let class = usize::from(class);
                    t.push(class, x);
                    // A sample of the times for the medians (one in 16, bounded memory).
                    if i % 16 == 0 {
                        medians[class].push(x);
                    }
                }
                left -= n;
            }
        }
    }
    let tests = tests.expect("at least one batch");
    let (max_t, at, diff) = tests.max_t();
    let median = |v: &mut Vec<u64>| {
        v.sort_unstable();
        v.get(v.len() / 2).copied().unwrap_or(0)
    };
    let row = Row {
        name,
        kind,
        per_class: tests.uncropped.n.map(|n| n as u64),
        max_t,
        at,
        diff,
        median: [median(&mut medians[0]), median(&mut medians[1])],
    };
    eprintln!(
        "  {name}: max |t| = {:.2} ({}, Δ {:+.2}), {} + {} measurements",
        row.max_t, row.at, row.diff, row.per_class[0], row.per_class[1]
    );
    rows.push(row);
}

fn verdict(row: &Row, smoke: bool) -> String {
    let found = row.max_t >= 4.5;
    let v = match (row.kind, found) {
        (Kind::Secret | Kind::Probe, false) => "no evidence of a leak",
        (Kind::Secret | Kind::Probe, true) => "LEAK",
        (Kind::MustLeak, true) => "LEAK (control: expected)",
        (Kind::MustLeak, false) => "no leak found: the harness is blind here",
        (Kind::AA, false) => "no difference (A/A: expected)",
        (Kind::AA, true) => "DIFFERENCE in an A/A test: a harness artefact",
        (Kind::Public, false) => "no input dependence found (no secret involved)",
        (Kind::Public, true) => "input-dependent (public input only, no secret involved)",
    };
    if smoke {
        format!("{v} (smoke run: too few measurements to judge)")
    } else {
        v.to_string()
    }
}

// ------------------------------------------------------------------------------ the inputs

const T: u64 = 1_700_000_000;
const WHSEC: &str = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
const BODY: &[u8] = br#"{"id":"evt_1","type":"invoice.paid","created":1700000000,"data":{"object":{"id":"in_1","amount_paid":1000}}}"#;

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn mac<M: Mac + KeyInit>(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut m = <M as KeyInit>::new_from_slice(key).unwrap();
    parts.iter().for_each(|p| m.update(p));
    m.finalize().into_bytes().to_vec()
}

/// `genuine` with its byte `i` changed.
fn flip(genuine: &[u8], i: usize) -> Vec<u8> {
    let mut v = genuine.to_vec();
    v[i] ^= 0x01;
    v
}

/// Class 0: `genuine` wrong in its first byte; class 1: wrong in its last byte; each written by
/// `write` (the header value, the body, …).
fn first_last(genuine: &[u8], write: impl Fn(&[u8]) -> Vec<u8>) -> Inputs {
    Inputs::Pair([
        write(&flip(genuine, 0)),
        write(&flip(genuine, genuine.len() - 1)),
    ])
}

/// Fresh hex digits over the signature of an `X-Revtain-Signature` header (its last 64 bytes).
fn random_signature(rng: &mut Rng, header: &mut [u8]) {
    let start = header.len() - 64;
    for c in &mut header[start..] {
        *c = b"0123456789abcdef"[(rng.next() >> 60) as usize];
    }
}

/// What `Webhook::verify_signature` does with the header before it uses a secret: parse it and
/// decode its signatures.
fn parse_and_decode(header: &[u8]) -> Result<u64, revtain::webhook::WebhookError> {
    SignatureHeader::parse(header).map(|p| {
        p.signatures().for_each(|s| {
            black_box(s);
        });
        p.timestamp
    })
}

/// Fresh random bytes over all of `buf`.
fn random_bytes(rng: &mut Rng, buf: &mut [u8]) {
    for b in buf {
        *b = rng.next() as u8;
    }
}

/// Percent-encoding of a form value.
fn form(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A connector verification of one header, checked to accept the genuine value.
fn header_verifier<'a>(
    name: &'static str,
    header: &'static str,
    secret: &'a [u8],
    options: &'a VerifyOptions<'a>,
) -> impl FnMut(&[u8]) -> Result<connector::ConnectorEvent, connector::ConnectorError> + 'a {
    move |value: &[u8]| connector::verify(name, &[(header, value)], BODY, secret, options)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let smoke = !args.iter().any(|a| a == "--bench");
    let filters = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .cloned()
        .collect();
    let measurements = if smoke {
        4_000
    } else {
        std::env::var("REVTAIN_CT_MEASUREMENTS")
            .ok()
            .map(|v| {
                v.replace('_', "")
                    .parse()
                    .expect("REVTAIN_CT_MEASUREMENTS: a number")
            })
            .unwrap_or(1_000_000)
    };
    let cfg = Config {
        measurements,
        first_batch: if smoke { 1_000 } else { 10_000 },
        filters,
        smoke,
    };
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    eprintln!(
        "constant-time test (dudect): {} measurements per row (both classes), {} to set the \
         crops; times in {UNIT}; {cpu}, {cores} logical CPUs",
        cfg.measurements, cfg.first_batch
    );
    let started = std::time::Instant::now();
    let mut rows = Vec::new();
    let rows = &mut rows;
    let cfg = &cfg;
    let nothing = || {};
    let mut rng = Rng::new();

    // --- Revtain webhooks: X-Revtain-Signature, HMAC-SHA256 of "{t}.{body}" ---------------
    let webhook = Webhook::new(&[WHSEC]).unwrap();
    let genuine = WebhookSigner::new(&[WHSEC])
        .unwrap()
        .signature_header(BODY, T);
    assert_eq!(webhook.verify_signature(BODY, genuine.as_bytes(), T), Ok(T));
    let sig = unhex(genuine.rsplit("v1=").next().unwrap());
    let write = |s: &[u8]| format!("t={T},v1={}", hex(s)).into_bytes();
    measure(
        cfg,
        rows,
        "webhook Webhook::verify_signature (first vs last byte)",
        Kind::Secret,
        first_last(&sig, write),
        nothing,
        |h: &[u8]| webhook.verify_signature(BODY, h, T),
    );
    measure(
        cfg,
        rows,
        "webhook Webhook::verify_signature (fixed vs random)",
        Kind::Secret,
        Inputs::FixedVsRandom {
            fixed: write(&flip(&sig, 0)),
            random: random_signature,
        },
        nothing,
        |h: &[u8]| webhook.verify_signature(BODY, h, T),
    );
    // The same header handling without a secret: parse, decode every signature.
    measure(
        cfg,
        rows,
        "public: webhook SignatureHeader::parse + decode, no secret (fixed vs random)",
        Kind::Public,
        Inputs::FixedVsRandom {
            fixed: write(&flip(&sig, 0)),
            random: random_signature,
        },
        nothing,
        parse_and_decode,
    );
    measure(
        cfg,
        rows,
        "public: webhook SignatureHeader::parse + decode, no secret (first vs last byte)",
        Kind::Public,
        first_last(&sig, write),
        nothing,
        parse_and_decode,
    );
    let wrong = write(&flip(&sig, 0));
    measure(
        cfg,
        rows,
        "A/A: webhook Webhook::verify_signature, one wrong signature in both classes",
        Kind::AA,
        Inputs::Pair([wrong.clone(), wrong]),
        nothing,
        |h: &[u8]| webhook.verify_signature(BODY, h, T),
    );
    assert!(webhook.diagnose(BODY, genuine.as_bytes(), T).is_empty());
    measure(
        cfg,
        rows,
        "webhook Webhook::diagnose (first vs last byte)",
        Kind::Secret,
        first_last(&sig, write),
        nothing,
        |h: &[u8]| webhook.diagnose(BODY, h, T),
    );

    // --- Connectors ------------------------------------------------------------------------
    let at_t = VerifyOptions {
        now: Some(T),
        ..VerifyOptions::default()
    };
    let ts = T.to_string();

    // Stripe (and ReCharge's timestamped header, the same code): hex, keyed with the whole string.
    let secret = b"whsec_stripe_0123456789abcdef0123456789";
    let sig = mac::<Hmac<Sha256>>(secret, &[ts.as_bytes(), b".", BODY]);
    let write = |s: &[u8]| format!("t={T},v1={}", hex(s)).into_bytes();
    let mut v = header_verifier("stripe", "Stripe-Signature", secret, &at_t);
    assert!(v(&write(&sig)).is_ok());
    measure(
        cfg,
        rows,
        "connector stripe (first vs last byte)",
        Kind::Secret,
        first_last(&sig, write),
        nothing,
        v,
    );
    // The secret itself fixed against random, the (wrong) header the same: keying the HMAC, the
    // per-thread key cache's comparison and the signature comparison all read the secret. The
    // untimed call before each one keys a third secret, so that every timed call misses the cache.
    let header = write(&flip(&sig, 0));
    let other = b"whsec_other_secret_for_the_key_cache_00".to_vec();
    assert_eq!(other.len(), secret.len());
    measure(
        cfg,
        rows,
        "connector stripe, secret (fixed vs random)",
        Kind::Secret,
        Inputs::FixedVsRandom {
            fixed: secret.to_vec(),
            random: random_bytes,
        },
        || {
            let _ = connector::verify(
                "stripe",
                &[("Stripe-Signature", &header)],
                BODY,
                &other,
                &at_t,
            );
        },
        |secret: &[u8]| {
            connector::verify(
                "stripe",
                &[("Stripe-Signature", &header)],
                BODY,
                secret,
                &at_t,
            )
        },
    );

    // ReCharge legacy: hex SHA-256(secret ‖ body), not an HMAC.
    let secret = b"sk_recharge_client_secret";
    let sig = Sha256::new()
        .chain_update(secret)
        .chain_update(BODY)
        .finalize()
        .to_vec();
    let write = |s: &[u8]| hex(s).into_bytes();
    let mut v = header_verifier("recharge", "X-Recharge-Hmac-Sha256", secret, &at_t);
    assert!(v(&write(&sig)).is_ok());
    measure(
        cfg,
        rows,
        "connector recharge, legacy SHA-256 (first vs last byte)",
        Kind::Secret,
        first_last(&sig, write),
        nothing,
        v,
    );
    let wrong = write(&flip(&sig, 0));
    measure(
        cfg,
        rows,
        "A/A: connector recharge, legacy, one wrong signature in both classes",
        Kind::AA,
        Inputs::Pair([wrong.clone(), wrong]),
        nothing,
        header_verifier("recharge", "X-Recharge-Hmac-Sha256", secret, &at_t),
    );

    // Recurly: "<ms>,<hex>" over "{ms}.{body}".
    let secret = b"recurly_0123456789abcdef";
    let ms = (T * 1000).to_string();
    let sig = mac::<Hmac<Sha256>>(secret, &[ms.as_bytes(), b".", BODY]);
    let write = |s: &[u8]| format!("{ms},{}", hex(s)).into_bytes();
    let mut v = header_verifier("recurly", "recurly-signature", secret, &at_t);
    assert!(v(&write(&sig)).is_ok());
    measure(
        cfg,
        rows,
        "connector recurly (first vs last byte)",
        Kind::Secret,
        first_last(&sig, write),
        nothing,
        v,
    );

    // Paddle: "ts=…;h1=<hex>" over "{ts}:{body}".
    let secret = b"pdl_ntfset_01h_0123456789abcdef";
    let sig = mac::<Hmac<Sha256>>(secret, &[ts.as_bytes(), b":", BODY]);
    let write = |s: &[u8]| format!("ts={T};h1={}", hex(s)).into_bytes();
    let mut v = header_verifier("paddle", "Paddle-Signature", secret, &at_t);
    assert!(v(&write(&sig)).is_ok());
    measure(
        cfg,
        rows,
        "connector paddle (first vs last byte)",
        Kind::Secret,
        first_last(&sig, write),
        nothing,
        v,
    );

    // Braintree: form body, HMAC-SHA1 keyed with SHA-1 of the private key.
    let secret = b"braintree_private_key_0123";
    let public_key = "pk_9x7y";
    let payload = STANDARD.encode(b"<notification><kind>check</kind></notification>");
    let key = Sha1::digest(secret);
    let sig = mac::<Hmac<Sha1>>(&key, &[payload.as_bytes()]);
    let write = |s: &[u8]| {
        let pairs = format!("{public_key}|{}", hex(s));
        format!(
            "bt_signature={}&bt_payload={}",
            form(&pairs),
            form(&payload)
        )
        .into_bytes()
    };
    let bt = VerifyOptions {
        public_key: Some(public_key),
        ..VerifyOptions::default()
    };
    let v =
        |body: &[u8]| connector::verify("braintree", &[] as &[(&str, &[u8])], body, secret, &bt);
    assert!(v(&write(&sig)).is_ok());
    measure(
        cfg,
        rows,
        "connector braintree (first vs last byte)",
        Kind::Secret,
        first_last(&sig, write),
        nothing,
        v,
    );

    // Shopify (every body-HMAC scheme: maxio, gocardless, checkout, razorpay, lemonsqueezy,
    // square run the same code): base64 HMAC-SHA256 of the body.
    let secret: &[u8] = b"shpss_0123456789abcdef0123456789ab";
    let sig = mac::<Hmac<Sha256>>(secret, &[BODY]);
    let write = |s: &[u8]| STANDARD.encode(s).into_bytes();
    let mut v = header_verifier("shopify", "X-Shopify-Hmac-Sha256", secret, &at_t);
    assert!(v(&write(&sig)).is_ok());
    measure(
        cfg,
        rows,
        "connector shopify, base64 (first vs last byte)",
        Kind::Secret,
        first_last(&sig, write),
        nothing,
        v,
    );
    let shopify_header = write(&sig);

    // Paystack: hex HMAC-SHA512 (a 64-byte comparison).
    let secret = b"sk_test_0123456789abcdef";
    let sig = mac::<Hmac<Sha512>>(secret, &[BODY]);
    let write = |s: &[u8]| hex(s).into_bytes();
    let mut v = header_verifier("paystack", "x-paystack-signature", secret, &at_t);
    assert!(v(&write(&sig)).is_ok());
    measure(
        cfg,
        rows,
        "connector paystack, hex SHA-512 (first vs last byte)",
        Kind::Secret,
        first_last(&sig, write),
        nothing,
        v,
    );

    // Adyen: the signature is inside the body; the key is hex.
    let secret = b"44782def547aaa06c910c43932b1eb0c71fc68d9d0c057550c48ec2acf6ba056";
    let signed = "7914073381342284::TestMerchant:ref_1:1130:EUR:AUTHORISATION:true";
    let sig = mac::<Hmac<Sha256>>(
        &unhex(std::str::from_utf8(secret).unwrap()),
        &[signed.as_bytes()],
    );
    let write = |s: &[u8]| {
        serde_json::json!({"live": "false", "notificationItems": [{"NotificationRequestItem": {
            "additionalData": {"hmacSignature": STANDARD.encode(s)},
            "amount": {"currency": "EUR", "value": 1130},
            "eventCode": "AUTHORISATION",
            "merchantAccountCode": "TestMerchant",
            "merchantReference": "ref_1",
            "originalReference": "",
            "pspReference": "7914073381342284",
            "success": "true"
        }}]})
        .to_string()
        .into_bytes()
    };
    let v = |body: &[u8]| connector::verify("adyen", &[] as &[(&str, &[u8])], body, secret, &at_t);
    assert!(v(&write(&sig)).is_ok());
    measure(
        cfg,
        rows,
        "connector adyen (first vs last byte)",
        Kind::Secret,
        first_last(&sig, write),
        nothing,
        v,
    );

    // Standard Webhooks: "v1,<base64>" over "{id}.{t}.{body}", key decoded from whsec_.
    let key = STANDARD.decode(&WHSEC["whsec_".len()..]).unwrap();
    let sig = mac::<Hmac<Sha256>>(&key, &[b"msg_1.", ts.as_bytes(), b".", BODY]);
    let write = |s: &[u8]| format!("v1,{}", STANDARD.encode(s)).into_bytes();
    let v = |value: &[u8]| {
        let headers: [(&str, &[u8]); 3] = [
            ("webhook-id", b"msg_1"),
            ("webhook-timestamp", ts.as_bytes()),
            ("webhook-signature", value),
        ];
        connector::verify("standard", &headers, BODY, WHSEC.as_bytes(), &at_t)
    };
    assert!(v(&write(&sig)).is_ok());
    measure(
        cfg,
        rows,
        "connector standard (first vs last byte)",
        Kind::Secret,
        first_last(&sig, write),
        nothing,
        v,
    );

    // The per-thread HMAC key cache: the cached key compared with the presented secret.
    let cached: &[u8] = b"shpss_0123456789abcdef0123456789ab";
    let warm = || {
        let _ = connector::verify(
            "shopify",
            &[("X-Shopify-Hmac-Sha256", shopify_header.as_slice())],
            BODY,
            cached,
            &at_t,
        );
    };
    measure(
        cfg,
        rows,
        "connector HMAC key cache, secret vs cached key (first vs last byte)",
        Kind::Secret,
        first_last(cached, |s| s.to_vec()),
        warm,
        |secret: &[u8]| {
            connector::verify(
                "shopify",
                &[("X-Shopify-Hmac-Sha256", shopify_header.as_slice())],
                BODY,
                secret,
                &at_t,
            )
        },
    );

    // Chargebee: Basic user:password, compared as SHA-256 digests.
    let secret = "revtain:correct-horse-battery";
    let write = |s: &[u8]| format!("Basic {}", STANDARD.encode(s)).into_bytes();
    let mut v = header_verifier("chargebee", "Authorization", secret.as_bytes(), &at_t);
    assert!(v(&write(secret.as_bytes())).is_ok());
    let password = secret.find(':').unwrap() + 1;
    let wrong = |i: usize| write(&flip(secret.as_bytes(), i));
    measure(
        cfg,
        rows,
        "connector chargebee, Basic password (first vs last byte)",
        Kind::Secret,
        Inputs::Pair([wrong(password), wrong(secret.len() - 1)]),
        nothing,
        v,
    );

    // --- API keys --------------------------------------------------------------------------
    let key = ApiKey::generate().unwrap();
    let pepper = b"server-side pepper";
    let hash = key.lookup_hash(pepper);
    assert_eq!(verify_api_key(key.expose_secret(), &hash, pepper), Ok(true));
    measure(
        cfg,
        rows,
        "api_key verify_api_key, stored hash (first vs last byte)",
        Kind::Secret,
        first_last(&hash, |h| h.to_vec()),
        nothing,
        |h: &[u8]| verify_api_key(key.expose_secret(), h, pepper),
    );
    measure(
        cfg,
        rows,
        "api_key verify_api_key, stored hash (fixed vs random)",
        Kind::Secret,
        Inputs::FixedVsRandom {
            fixed: flip(&hash, 0),
            random: random_bytes,
        },
        nothing,
        |h: &[u8]| verify_api_key(key.expose_secret(), h, pepper),
    );
    // ApiKey == ApiKey: keys differing in the first or the last character of the body. The
    // presented key is parsed in the timed call (the harness hands it bytes), as a server does;
    // parsing branches on each character's kind (letter, digit, '-', '_'), so the key is fixed
    // and each changed character keeps its kind ('a' → 'b', 'F' → 'G'): with a random key and
    // any replacement, the two classes' keys would differ in kinds, a difference in the
    // parsing of the caller's own input (up to |t| ≈ 47 in trials), not in the comparison.
    let stored = ApiKey::parse("rev_aB3dE5gH7jK9mN1pQ2sT4vW6yZ8bC0eF").unwrap();
    let other = |i: usize| {
        let mut s = stored.expose_secret().as_bytes().to_vec();
        assert!(s[i].is_ascii_alphabetic() && !matches!(s[i], b'z' | b'Z'));
        s[i] += 1;
        s
    };
    let len = stored.expose_secret().len();
    measure(
        cfg,
        rows,
        "api_key ApiKey == ApiKey (first vs last character)",
        Kind::Secret,
        Inputs::Pair([other("rev_".len()), other(len - 1)]),
        nothing,
        |k: &[u8]| {
            std::str::from_utf8(k)
                .ok()
                .and_then(|k| ApiKey::parse(k).ok())
                .map(|k| k == stored)
        },
    );
    // What the fixed key avoids, without any secret: parsing alone, the first or the last
    // character replaced by a digit (of another kind than the letter it replaces).
    let digit = |i: usize| {
        let mut s = stored.expose_secret().as_bytes().to_vec();
        s[i] = b'0';
        s
    };
    measure(
        cfg,
        rows,
        "public: api_key ApiKey::parse, a letter made a digit (first vs last character)",
        Kind::Public,
        Inputs::Pair([digit("rev_".len()), digit(len - 1)]),
        nothing,
        |k: &[u8]| std::str::from_utf8(k).map(|k| ApiKey::parse(k).is_ok()),
    );

    // --- Card-update links -----------------------------------------------------------------
    let links = CardUpdateLinks::new(
        "cusec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "merchant_1",
        "https://pay.example/update",
    )
    .unwrap();
    let token = links.token("cus_1", 3600, None, T).unwrap();
    assert!(links.verify(&token, T + 10).is_ok());
    let (signed, sig) = token.rsplit_once('.').unwrap();
    let sig = URL_SAFE_NO_PAD.decode(sig).unwrap();
    measure(
        cfg,
        rows,
        "card CardUpdateLinks::verify (first vs last byte)",
        Kind::Secret,
        first_last(&sig, |s| {
            format!("{signed}.{}", URL_SAFE_NO_PAD.encode(s)).into_bytes()
        }),
        nothing,
        // The token reaches a server as bytes too: checked as UTF-8 in the timed call.
        |t: &[u8]| std::str::from_utf8(t).map(|t| links.verify(t, T + 10)),
    );

    // --- Vault: the AES-GCM tag ------------------------------------------------------------
    let keyring = Keyring::generate().unwrap();
    let context = Context::from_pairs([("tenant", "t_1"), ("field", "secret_key")]).unwrap();
    let envelope = keyring
        .seal_bytes(b"sk_live_0123456789abcdef", &context)
        .unwrap();
    let mut out = vec![0u8; envelope.len() - revtain::vault::OVERHEAD];
    keyring
        .open_binary_into(&envelope, &context, &mut out)
        .unwrap();
    let tag = envelope.len() - revtain::vault::TAG_LEN;
    measure(
        cfg,
        rows,
        "vault Keyring::open_binary_into, tag (first vs last byte)",
        Kind::Secret,
        Inputs::Pair([flip(&envelope, tag), flip(&envelope, envelope.len() - 1)]),
        nothing,
        |e: &[u8]| keyring.open_binary_into(e, &context, &mut out),
    );

    // --- Controls: these must leak ---------------------------------------------------------
    let reference32 = rng.bytes(32);
    measure(
        cfg,
        rows,
        "control: early-exit loop, 32 B (first vs last byte)",
        Kind::MustLeak,
        first_last(&reference32, |s| s.to_vec()),
        nothing,
        |x: &[u8]| early_exit_eq(black_box(x), black_box(&reference32)),
    );
    measure(
        cfg,
        rows,
        "control: early-exit loop over 8-byte words, 32 B (first vs last byte)",
        Kind::MustLeak,
        first_last(&reference32, |s| s.to_vec()),
        nothing,
        |x: &[u8]| early_exit_words_eq(black_box(x), black_box(&reference32)),
    );
    let reference4k = rng.bytes(4096);
    measure(
        cfg,
        rows,
        "control: early-exit loop, 4 KiB (first vs last byte)",
        Kind::MustLeak,
        first_last(&reference4k, |s| s.to_vec()),
        nothing,
        |x: &[u8]| early_exit_eq(black_box(x), black_box(&reference4k)),
    );
    measure(
        cfg,
        rows,
        "control: slice ==, 32 B (first vs last byte)",
        Kind::Probe,
        first_last(&reference32, |s| s.to_vec()),
        nothing,
        |x: &[u8]| black_box(x) == black_box(reference32.as_slice()),
    );

    // --- The table -------------------------------------------------------------------------
    println!();
    println!(
        "| comparison | measurements per class | max \\|t\\| | test giving the max (Δ mean, class 0 − 1) | median {TICK} class 0 / 1 | verdict |"
    );
    println!("|---|---|---|---|---|---|");
    for row in rows.iter() {
        println!(
            "| {} | {} / {} | {:.2} | {} ({:+.2} {TICK}{}) | {} / {} | {} |",
            row.name,
            row.per_class[0],
            row.per_class[1],
            row.max_t,
            row.at,
            row.diff,
            if row.at == "2nd order" { "²" } else { "" },
            row.median[0],
            row.median[1],
            verdict(row, cfg.smoke)
        );
    }
    println!();
    let leaks: Vec<&str> = rows
        .iter()
        .filter(|r| matches!(r.kind, Kind::Secret | Kind::AA) && r.max_t >= 4.5)
        .map(|r| r.name)
        .collect();
    let blind: Vec<&str> = rows
        .iter()
        .filter(|r| r.kind == Kind::MustLeak && r.max_t < 4.5)
        .map(|r| r.name)
        .collect();
    println!(
        "{} rows in {:.0} s; |t| >= 4.5 in a secret comparison or an A/A test: {}; early-exit controls without a leak: {}",
        rows.len(),
        started.elapsed().as_secs_f64(),
        if leaks.is_empty() {
            "none".to_string()
        } else {
            leaks.join(", ")
        },
        if blind.is_empty() {
            "none".to_string()
        } else {
            blind.join(", ")
        },
    );
}

/// The smallest early exit anyone writes: 8 bytes at a time, returning at the first differing
/// word (4 words for 32 bytes).
#[inline(never)]
fn early_exit_words_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() || !a.len().is_multiple_of(8) {
        return false;
    }
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        if x != y {
            return false;
        }
    }
    true
}

/// The naive comparison the controls time: returns at the first differing byte.
#[inline(never)]
fn early_exit_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    for i in 0..a.len() {
        if a[i] != b[i] {
            return false;
        }
    }
    true
}
