//! Runs `tests/vectors/arguments.json` against the core's host-facing entry points: the same
//! cases the C, Python and Node.js suites run, each asserting the same code and message.

use std::path::PathBuf;

use libtest_mimic::{Arguments, Failed, Trial};
use revtain::args::Number;
use revtain::card::{self, CardUpdateLinks};
use revtain::connector::{self, VerifyOptions};
use revtain::ratelimit::{self, Settings};
use revtain::retry::RetryPolicy;
use revtain::webhook::{self, Webhook, WebhookSigner};
use revtain::ErrorDetail;
use serde_json::{json, Value};

fn vectors() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/arguments.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("vector file is JSON")
}

/// A number argument: a JSON number (an integer when it is one) or "NaN", "Infinity",
/// "-Infinity".
fn number(v: &Value) -> Option<Number> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(Number::Float(match s.as_str() {
            "NaN" => f64::NAN,
            "Infinity" => f64::INFINITY,
            "-Infinity" => f64::NEG_INFINITY,
            other => panic!("not a number: {other}"),
        })),
        Value::Number(n) => Some(match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Number::Int(i128::from(i)),
            (None, Some(u)) => Number::Int(i128::from(u)),
            _ => Number::Float(n.as_f64().expect("a number")),
        }),
        other => panic!("not a number: {other}"),
    }
}

fn pairs(c: &Value) -> Vec<(String, String)> {
    c["headers"]
        .as_array()
        .map(|h| {
            h.iter()
                .map(|p| {
                    (
                        p[0].as_str().unwrap().to_owned(),
                        p[1].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn text<'a>(c: &'a Value, field: &str) -> &'a str {
    c[field].as_str().unwrap_or_else(|| panic!("{field}"))
}

/// Runs one case: `Ok(value)` for what the call returned, `Err(detail)` for its error.
#[allow(clippy::result_large_err)] // a test: the detail is compared, not passed around
fn run(c: &Value, card_secret: &str) -> Result<Value, ErrorDetail> {
    match text(c, "call") {
        "webhook.new" => {
            let tolerance = webhook::tolerance_from(number(&c["tolerance"]))
                .map_err(|e| ErrorDetail::from(&e))?;
            let w = Webhook::new(&[text(c, "secret")])
                .map_err(|e| ErrorDetail::from(&e))?
                .with_tolerance(tolerance);
            Ok(json!({ "tolerance": w.tolerance() }))
        }
        "webhook.verify_signature" => {
            let now = webhook::unix_seconds_from(number(&c["now"]), "now")
                .map_err(|e| ErrorDetail::from(&e))?;
            let w = Webhook::new(&[text(c, "secret")]).map_err(|e| ErrorDetail::from(&e))?;
            let t = w
                .verify_signature(
                    text(c, "body").as_bytes(),
                    text(c, "header").as_bytes(),
                    now,
                )
                .map_err(|e| ErrorDetail::from(&e))?;
            Ok(json!({ "timestamp": t }))
        }
        "webhook.verify" => {
            let now = webhook::unix_seconds_from(number(&c["now"]), "now")
                .map_err(|e| ErrorDetail::from(&e))?;
            let w = Webhook::new(&[text(c, "secret")]).map_err(|e| ErrorDetail::from(&e))?;
            let e = w
                .verify(text(c, "body").as_bytes(), pairs(c), now)
                .map_err(|e| ErrorDetail::from(&e))?;
            Ok(json!({ "id": e.id, "type": e.event_type, "created": e.created }))
        }
        "webhook.sign" => {
            let t = webhook::unix_seconds_from(number(&c["timestamp"]), "timestamp")
                .map_err(|e| ErrorDetail::from(&e))?;
            let s = WebhookSigner::new(&[text(c, "secret")]).map_err(|e| ErrorDetail::from(&e))?;
            let h = s
                .sign(text(c, "body").as_bytes(), text(c, "event_id"), t)
                .map_err(|e| ErrorDetail::from(&e))?;
            Ok(json!({ "signature": h.signature }))
        }
        "connector.verify" => {
            let name = text(c, "connector");
            let options = VerifyOptions::from_host(
                name,
                number(&c["tolerance"]),
                number(&c["now"]),
                None,
                None,
            )
            .map_err(|e| ErrorDetail::from(&e))?;
            let e = connector::verify(
                name,
                &pairs(c),
                text(c, "body").as_bytes(),
                text(c, "secret").as_bytes(),
                &options,
            )
            .map_err(|e| ErrorDetail::from(&e))?;
            Ok(json!({ "timestamp": e.timestamp }))
        }
        "ratelimit.new" | "ratelimit.check" => {
            let l = Settings {
                limit: number(&c["limit"]),
                window: number(&c["window"]),
                timeout: number(&c["timeout"]),
                ..Settings::default()
            }
            .build()
            .map_err(|e| ErrorDetail::from(&e))?;
            if text(c, "call") == "ratelimit.new" {
                return Ok(json!({ "limit": l.limit(), "window": l.window().as_secs_f64() }));
            }
            let now = ratelimit::now_from(number(&c["now"])).map_err(|e| ErrorDetail::from(&e))?;
            let key = text(c, "key");
            let d = match now {
                Some(t) => l.check_at(key, t),
                None => l.check(key),
            }
            .map_err(|e| ErrorDetail::from(&e))?;
            Ok(json!({ "allowed": d.allowed }))
        }
        "retry.policy" | "retry.delay" => {
            let p = RetryPolicy::from_host(
                number(&c["base"]),
                number(&c["cap"]),
                number(&c["max_attempts"]),
                number(&c["deadline"]),
                c["jitter"].as_str(),
            )
            .map_err(|e| ErrorDetail::from(&e))?;
            if text(c, "call") == "retry.delay" {
                let n = RetryPolicy::retry_index(number(&c["n"]).unwrap())
                    .map_err(|e| ErrorDetail::from(&e))?;
                return Ok(json!({ "delay": p.delay(n, 0.5).as_secs_f64() }));
            }
            Ok(json!({
                "base": p.base().as_secs_f64(), "cap": p.cap().as_secs_f64(),
                "max_attempts": p.max_attempts(), "deadline": p.deadline().as_secs_f64(),
                "jitter": p.jitter().name(),
            }))
        }
        #[cfg(feature = "http")]
        "gateway.client" => {
            let timeout = revtain::retry::timeout_from(number(&c["timeout"]))
                .map_err(|e| ErrorDetail::from(&e))?;
            let client = revtain::retry::GatewayClient::builder("https://api.example.com")
                .timeout(timeout)
                .build()
                .map_err(|e| ErrorDetail::from(&e))?;
            Ok(json!({ "timeout": client.timeout().as_secs_f64() }))
        }
        "card.links" | "card.create" => {
            let leeway =
                card::leeway_from(number(&c["leeway"])).map_err(|e| ErrorDetail::from(&e))?;
            let links =
                CardUpdateLinks::new(card_secret, "cli_args", "https://pay.example.com/card")
                    .map_err(|e| ErrorDetail::from(&e))?
                    .with_leeway(leeway);
            if text(c, "call") == "card.links" {
                return Ok(json!({}));
            }
            let ttl = card::ttl_from(number(&c["ttl"])).map_err(|e| ErrorDetail::from(&e))?;
            let now = card::now_from(number(&c["now"])).map_err(|e| ErrorDetail::from(&e))?;
            links
                .create("cus_args", ttl, None, now)
                .map_err(|e| ErrorDetail::from(&e))?;
            Ok(json!({}))
        }
        other => panic!("unknown call {other}"),
    }
}

/// Whether `got` holds every field of `want` with the same value (numbers compared as numbers).
fn includes(got: &Value, want: &Value) -> bool {
    want.as_object().is_none_or(|w| {
        w.iter().all(|(k, v)| match (&got[k], v) {
            (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
            (a, b) => a == b,
        })
    })
}

fn main() {
    let args = Arguments::from_args();
    let v = vectors();
    let card_secret = v["card_update_secret"].as_str().unwrap().to_owned();
    let mut trials = Vec::new();
    for c in v["cases"].as_array().unwrap().clone() {
        let id = format!("arguments/{}", c["id"].as_str().unwrap());
        let skip = c["skip"]["rust"].as_str().map(str::to_owned);
        let no_http = !cfg!(feature = "http") && c["call"] == "gateway.client";
        let secret = card_secret.clone();
        let trial = Trial::test(id, move || {
            let got = run(&c, &secret);
            match (&c["error"], got) {
                (Value::Null, Ok(value)) => {
                    if includes(&value, &c["ok"]) {
                        Ok(())
                    } else {
                        Err(Failed::from(format!("got {value}, expected {}", c["ok"])))
                    }
                }
                (Value::Null, Err(e)) => {
                    Err(format!("refused: {} {}", e.kind.code(), e.message).into())
                }
                (want, Ok(value)) => Err(format!("accepted ({value}); expected {want}").into()),
                (want, Err(e)) => {
                    if e.kind.code() == want["code"] && e.message == want["message"] {
                        Ok(())
                    } else {
                        Err(format!(
                            "got {} {:?}\nexpected {} {:?}",
                            e.kind.code(),
                            e.message,
                            want["code"],
                            want["message"]
                        )
                        .into())
                    }
                }
            }
        });
        // A case the Rust API cannot express says so in the vector; the gateway client needs
        // the core's `http` feature (on in the workspace's test run).
        trials.push(trial.with_ignored_flag(skip.is_some() || no_http));
    }
    libtest_mimic::run(&args, trials).exit();
}
