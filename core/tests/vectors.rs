//! Runs `tests/vectors/*.json` against the core, one test per case id.

use std::path::PathBuf;

use libtest_mimic::{Arguments, Failed, Trial};
use revtain::api_key::{self, ApiKey};
use revtain::card::{self, CardError, CardUpdateClaims, CardUpdateLinks};
use revtain::vault::{self, Context, Keyring, VaultError};
use revtain::webhook::{Event, Webhook, WebhookError, WebhookSigner};
use serde_json::Value;

fn vectors(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("vector file is JSON")
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn check(cond: bool, msg: impl FnOnce() -> String) -> Result<(), Failed> {
    if cond {
        Ok(())
    } else {
        Err(msg().into())
    }
}

fn cases(v: &Value, group: &str) -> Vec<Value> {
    v[group].as_array().expect(group).clone()
}

fn api_key_trials() -> Vec<Trial> {
    let v = vectors("api_key.json");
    let mut trials = Vec::new();
    for c in cases(&v, "valid") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let key = ApiKey::parse(c["key"].as_str().unwrap()).map_err(|e| e.to_string())?;
                check(
                    key.to_bytes().as_slice() == hex(c["bytes_hex"].as_str().unwrap()),
                    || "bytes".into(),
                )?;
                check(key.redacted() == c["redacted"].as_str().unwrap(), || {
                    key.redacted()
                })?;
                check(format!("{key:?}").contains(&key.redacted()), || {
                    "debug".into()
                })
            },
        ));
    }
    for c in cases(&v, "invalid") {
        trials.push(Trial::test(c["id"].as_str().unwrap().to_owned(), move || {
            let err = ApiKey::parse(c["key"].as_str().unwrap()).err().ok_or("accepted")?;
            check(err.kind().code() == c["error"].as_str().unwrap(), || format!("{err:?}"))?;
            check(err.position() == c["position"].as_u64().map(|p| p as usize), || format!("{err:?}"))?;
            if let Some(len) = c["length"].as_u64() {
                check(
                    matches!(err, api_key::ApiKeyError::WrongLength { length, .. } if length as u64 == len),
                    || format!("{err:?}"),
                )?;
            }
            Ok(())
        }));
    }
    for c in cases(&v, "lookup_hash") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let key = ApiKey::parse(c["key"].as_str().unwrap()).map_err(|e| e.to_string())?;
                let pepper = hex(c["pepper_hex"].as_str().unwrap());
                let want = hex(c["hash_hex"].as_str().unwrap());
                check(key.lookup_hash(&pepper).as_slice() == want, || {
                    "hash".into()
                })?;
                check(key.matches(&want, &pepper) == Ok(true), || "matches".into())
            },
        ));
    }
    for c in cases(&v, "verify") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let got = api_key::verify_api_key(
                    c["key"].as_str().unwrap(),
                    &hex(c["stored_hash_hex"].as_str().unwrap()),
                    &hex(c["pepper_hex"].as_str().unwrap()),
                );
                match (&got, c["matches"].as_bool(), c["error"].as_str()) {
                    (Ok(m), Some(want), None) if *m == want => Ok(()),
                    (Err(e), None, Some(code)) if e.kind().code() == code => Ok(()),
                    _ => Err(format!("got {got:?}").into()),
                }
            },
        ));
    }
    for c in cases(&v, "scan") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let text = c["text"].as_str().unwrap();
                let got: Vec<[usize; 2]> = api_key::find_api_keys(text.as_bytes())
                    .into_iter()
                    .map(|r| [r.start, r.end])
                    .collect();
                let want: Vec<[usize; 2]> = c["matches"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| serde_json::from_value(m["bytes"].clone()).unwrap())
                    .collect();
                check(got == want, || format!("got {got:?}, want {want:?}"))?;
                let red = api_key::redact_api_keys(text);
                check(red == c["redacted"].as_str().unwrap(), || red.clone())?;
                // The offset helpers the bindings use.
                for (unit, conv) in [
                    (
                        "chars",
                        revtain::text::byte_to_char_offsets as fn(&str, &mut [usize]),
                    ),
                    ("utf16", revtain::text::byte_to_utf16_offsets),
                ] {
                    let mut offs: Vec<usize> = got.iter().flatten().copied().collect();
                    conv(text, &mut offs);
                    let want: Vec<usize> = c["matches"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .flat_map(|m| {
                            m[unit]
                                .as_array()
                                .unwrap()
                                .iter()
                                .map(|x| x.as_u64().unwrap() as usize)
                        })
                        .collect();
                    check(offs == want, || {
                        format!("{unit}: got {offs:?}, want {want:?}")
                    })?;
                }
                Ok(())
            },
        ));
    }
    trials
}

fn context_of(v: &Value) -> Context {
    Context::from_pairs(
        v.as_object()
            .expect("context is an object")
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned())),
    )
    .expect("valid context")
}

fn vault_trials() -> Vec<Trial> {
    let v = vectors("vault.json");
    let keyring_text = v["keyring"].as_str().unwrap().to_owned();
    let mut trials = Vec::new();
    for c in cases(&v, "seal") {
        let kr_text = keyring_text.clone();
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let keyring = Keyring::from_text(&kr_text).map_err(|e| e.to_string())?;
                let ctx = context_of(&c["context"]);
                check(
                    ctx.encode() == hex(c["context_encoding_hex"].as_str().unwrap()),
                    || "context encoding".into(),
                )?;
                let plaintext = hex(c["plaintext_hex"].as_str().unwrap());
                let envelope = hex(c["envelope_hex"].as_str().unwrap());
                let text = c["envelope_text"].as_str().unwrap();
                // Seal reproduces the envelope byte for byte under a keyring whose primary is the
                // case's key.
                let key_id = c["key_id"].as_u64().unwrap() as u32;
                let single = Keyring::from_text(
                    kr_text
                        .split(',')
                        .find(|e| e.starts_with(&format!("{key_id}:")))
                        .unwrap(),
                )
                .map_err(|e| e.to_string())?;
                let nonce: [u8; 12] = hex(c["nonce_hex"].as_str().unwrap()).try_into().unwrap();
                let sealed = single
                    .seal_with_nonce(&plaintext, &ctx, nonce)
                    .map_err(|e| e.to_string())?;
                check(sealed == envelope, || "sealed bytes differ".into())?;
                check(vault::to_text_envelope(&sealed) == text, || {
                    "text form differs".into()
                })?;
                for form in [envelope.as_slice(), text.as_bytes()] {
                    let opened = keyring.open(form, &ctx).map_err(|e| e.to_string())?;
                    check(*opened == plaintext, || "plaintext differs".into())?;
                }
                let rotate = keyring
                    .needs_rotation(&envelope)
                    .map_err(|e| e.to_string())?;
                check(rotate == c["needs_rotation"].as_bool().unwrap(), || {
                    "needs_rotation".into()
                })?;
                let resealed = keyring
                    .reseal(text.as_bytes(), &ctx)
                    .map_err(|e| e.to_string())?;
                check(
                    !keyring.needs_rotation(resealed.as_bytes()).unwrap(),
                    || "reseal used the primary".into(),
                )?;
                check(
                    *keyring.open(resealed.as_bytes(), &ctx).unwrap() == plaintext,
                    || "reseal".into(),
                )
            },
        ));
    }
    for c in cases(&v, "open_errors") {
        let kr_text = keyring_text.clone();
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let keyring = Keyring::from_text(&kr_text).map_err(|e| e.to_string())?;
                let envelope = match c["envelope_hex"].as_str() {
                    Some(h) => hex(h),
                    None => c["envelope_text"].as_str().unwrap().as_bytes().to_vec(),
                };
                let err = keyring
                    .open(&envelope, &context_of(&c["context"]))
                    .err()
                    .ok_or("opened")?;
                check(err.kind().code() == c["error"].as_str().unwrap(), || {
                    format!("{err:?}")
                })?;
                if let Some(reason) = c["reason"].as_str() {
                    check(
                        matches!(&err, VaultError::Malformed(r) if r.starts_with(reason)),
                        || format!("{err:?}"),
                    )?;
                }
                Ok(())
            },
        ));
    }
    for c in cases(&v, "keyring_valid") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let keyring =
                    Keyring::from_text(c["text"].as_str().unwrap()).map_err(|e| e.to_string())?;
                let ids: Vec<u32> = serde_json::from_value(c["key_ids"].clone()).unwrap();
                check(keyring.key_ids() == ids, || format!("{keyring:?}"))?;
                check(keyring.primary_key_id() == ids[0], || "primary".into())?;
                let again = Keyring::from_text(&keyring.to_text()).unwrap();
                check(again.key_ids() == ids, || "to_text round trip".into())
            },
        ));
    }
    for c in cases(&v, "keyring_invalid") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let text = c["text"].as_str().unwrap();
                let err = Keyring::from_text(text).err().ok_or("accepted")?;
                check(err.kind().code() == c["error"].as_str().unwrap(), || {
                    format!("{err:?}")
                })?;
                // Never echo key material.
                for part in text.split([',', ':']).filter(|p| p.len() > 8) {
                    check(!err.to_string().contains(part.trim()), || {
                        format!("echoed: {err}")
                    })?;
                }
                Ok(())
            },
        ));
    }
    for c in cases(&v, "context_invalid") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let k = vec![b'k'; c["key_len"].as_u64().unwrap() as usize];
                let val = vec![b'v'; c["value_len"].as_u64().unwrap() as usize];
                let err = Context::from_pairs([(k, val)]).err().ok_or("accepted")?;
                check(err.kind().code() == c["error"].as_str().unwrap(), || {
                    format!("{err:?}")
                })
            },
        ));
    }
    trials
}

/// The body of a webhook case: `body_hex` repeated `body_repeat` times.
fn body_of(c: &Value) -> Vec<u8> {
    hex(c["body_hex"].as_str().unwrap()).repeat(c["body_repeat"].as_u64().unwrap_or(1) as usize)
}

fn secrets_of(c: &Value) -> Vec<String> {
    c["secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

fn expect_error<T: std::fmt::Debug>(
    r: Result<T, WebhookError>,
    c: &Value,
) -> Result<WebhookError, Failed> {
    let err = r
        .map(|v| format!("accepted: {v:?}"))
        .err()
        .ok_or("accepted")?;
    check(err.kind().code() == c["error"].as_str().unwrap(), || {
        format!("{err:?}")
    })?;
    Ok(err)
}

fn webhook_trials() -> Vec<Trial> {
    let v = vectors("webhook.json");
    let mut trials = Vec::new();
    for c in cases(&v, "sign") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let signer = WebhookSigner::new(&secrets_of(&c)).map_err(|e| e.to_string())?;
                let body = body_of(&c);
                let ts = c["timestamp"].as_u64().unwrap();
                let headers = signer
                    .sign(&body, c["event_id"].as_str().unwrap(), ts)
                    .map_err(|e| e.to_string())?;
                for (name, value) in headers.iter() {
                    check(value == c["headers"][name].as_str().unwrap(), || {
                        format!("{name}: {value}")
                    })?;
                }
                // And our verifier accepts what our signer made.
                let keys: Vec<&str> = c["verify_keys"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| k.as_str().unwrap())
                    .collect();
                let webhook = Webhook::new(&keys).map_err(|e| e.to_string())?;
                let t = webhook
                    .verify_headers(&body, headers.iter(), ts)
                    .map_err(|e| e.to_string())?;
                check(t == ts, || t.to_string())
            },
        ));
    }
    for c in cases(&v, "sign_errors") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let r = WebhookSigner::new(&secrets_of(&c))
                    .and_then(|s| s.sign(b"{}", c["event_id"].as_str().unwrap(), 1));
                expect_error(r, &c).map(drop)
            },
        ));
    }
    for c in cases(&v, "verify") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let body = body_of(&c);
                let now = c["now"].as_u64().unwrap();
                let r = Webhook::new(&secrets_of(&c)).and_then(|w| {
                    let w = w.with_tolerance(c["tolerance"].as_u64().unwrap());
                    match c["header"].as_str() {
                        Some(h) => w.verify_headers(&body, [("x-revtain-SIGNATURE", h)], now),
                        None => w.verify_headers(&body, [("webhook-signature", "v1,x")], now),
                    }
                });
                match c.get("timestamp") {
                    Some(t) => {
                        let got = r.map_err(|e| e.to_string())?;
                        check(got == t.as_u64().unwrap(), || got.to_string())
                    }
                    None => {
                        let err = expect_error(r, &c)?;
                        check(err.age() == c.get("age").and_then(Value::as_i64), || {
                            format!("age {:?}", err.age())
                        })?;
                        let message = err.to_string();
                        check(
                            !c["secrets"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .any(|s| message.contains(s.as_str().unwrap())),
                            || "message echoes a secret".into(),
                        )
                    }
                }
            },
        ));
    }
    for c in cases(&v, "events") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let r = Event::parse(&hex(c["body_hex"].as_str().unwrap()));
                match c.get("event") {
                    Some(e) => {
                        let event = r.map_err(|e| e.to_string())?;
                        check(event.id == e["id"].as_str().unwrap(), || event.id.clone())?;
                        check(event.event_type == e["type"].as_str().unwrap(), || {
                            event.event_type.clone()
                        })?;
                        check(event.created == e["created"].as_i64().unwrap(), || {
                            event.created.to_string()
                        })?;
                        let data: Value = serde_json::from_str(event.data_json()).unwrap();
                        check(data == e["data"], || event.data_json().to_owned())?;
                        check(Value::Object(event.data()) == e["data"], || "data()".into())
                    }
                    None => expect_error(r, &c).map(drop),
                }
            },
        ));
    }
    trials
}

fn card_error<T: std::fmt::Debug>(r: Result<T, CardError>, c: &Value) -> Result<CardError, Failed> {
    let err = r
        .map(|v| format!("accepted: {v:?}"))
        .err()
        .ok_or("accepted")?;
    check(err.kind().code() == c["error"].as_str().unwrap(), || {
        format!("{err:?}")
    })?;
    Ok(err)
}

fn claims_of(v: &Value) -> CardUpdateClaims {
    CardUpdateClaims {
        iss: v["iss"].as_str().unwrap().to_owned(),
        sub: v["sub"].as_str().unwrap().to_owned(),
        aud: v["aud"].as_str().unwrap().to_owned(),
        iat: v["iat"].as_i64().unwrap(),
        exp: v["exp"].as_i64().unwrap(),
        jti: v["jti"].as_str().unwrap().to_owned(),
        return_url: v["return_url"].as_str().map(str::to_owned),
    }
}

fn card_trials() -> Vec<Trial> {
    let v = vectors("card.json");
    let mut trials = Vec::new();
    for c in cases(&v, "pans") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let text = c["text"].as_str().unwrap();
                let found: Vec<Value> = card::find_pans(text.as_bytes())
                    .into_iter()
                    .map(|r| serde_json::json!([r.start, r.end]))
                    .collect();
                let want: Vec<Value> = c["matches"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m["bytes"].clone())
                    .collect();
                check(found == want, || format!("{found:?}"))?;
                let redacted = card::redact_pans(text);
                check(redacted == c["redacted"].as_str().unwrap(), || {
                    redacted.clone()
                })?;
                check(
                    card::redact_pans_bytes(text.as_bytes()) == redacted.as_bytes(),
                    || "bytes".into(),
                )
            },
        ));
    }
    for c in cases(&v, "tokens") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let token = c["token"].as_str().unwrap();
                let r = card::validate_gateway_token(c["gateway"].as_str().unwrap(), token);
                match c.get("kind") {
                    Some(kind) => {
                        let got = r.map_err(|e| e.to_string())?;
                        check(got.name() == kind.as_str().unwrap(), || got.name().into())
                    }
                    None => {
                        let err = card_error(r, &c)?;
                        let digits: String = token.chars().filter(char::is_ascii_digit).collect();
                        let message = err.to_string();
                        check(digits.len() < 8 || !message.contains(&digits), || {
                            "message echoes the token".into()
                        })
                    }
                }
            },
        ));
    }
    let links = v["links"].clone();
    let make = move |leeway: u64| {
        CardUpdateLinks::new(
            links["secret"].as_str().unwrap(),
            links["client_id"].as_str().unwrap(),
            links["base_url"].as_str().unwrap(),
        )
        .unwrap()
        .with_leeway(leeway)
    };
    let now = v["links"]["now"].as_u64().unwrap();
    for c in cases(&v, "mint") {
        let make = make.clone();
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let links = make(60);
                let token = links.sign(&claims_of(&c["claims"]));
                check(token == c["token"].as_str().unwrap(), || token.clone())?;
                check(
                    links.link_for(&token) == c["link"].as_str().unwrap(),
                    || links.link_for(&token),
                )?;
                let back = links.verify(&token, now).map_err(|e| e.to_string())?;
                check(back == claims_of(&c["claims"]), || format!("{back:?}"))
            },
        ));
    }
    for c in cases(&v, "verify") {
        let make = make.clone();
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let links = make(c["leeway"].as_u64().unwrap());
                let r = links.verify(c["token"].as_str().unwrap(), c["now"].as_u64().unwrap());
                match c.get("claims") {
                    Some(want) => {
                        let got = r.map_err(|e| e.to_string())?;
                        check(got == claims_of(want), || format!("{got:?}"))
                    }
                    None => card_error(r, &c).map(drop),
                }
            },
        ));
    }
    for c in cases(&v, "link_errors") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let r = CardUpdateLinks::new(
                    c["secret"].as_str().unwrap(),
                    c["client_id"].as_str().unwrap(),
                    c["base_url"].as_str().unwrap(),
                );
                card_error(r, &c).map(drop)
            },
        ));
    }
    for c in cases(&v, "create_errors") {
        let make = make.clone();
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let r = make(60).create(
                    c["customer"].as_str().unwrap(),
                    c["ttl"].as_u64().unwrap(),
                    c["return_url"].as_str(),
                    now,
                );
                let err = card_error(r, &c)?;
                check(!err.to_string().contains("4242"), || {
                    "echoes the PAN".into()
                })
            },
        ));
    }
    trials
}

fn main() {
    let args = Arguments::from_args();
    let mut trials = api_key_trials();
    trials.extend(vault_trials());
    trials.extend(webhook_trials());
    trials.extend(card_trials());
    trials.extend(ratelimit_trials());
    trials.extend(connector_trials());
    trials.extend(retry_trials());
    trials.extend(secret_alert_trials());
    libtest_mimic::run(&args, trials).exit();
}

fn ratelimit_trials() -> Vec<Trial> {
    use revtain::ratelimit::{duration_from_secs, RateLimiter};
    let v = vectors("ratelimit.json");
    let mut trials = Vec::new();
    for c in cases(&v, "cases") {
        trials.push(Trial::test(
            format!("ratelimit/{}", c["id"].as_str().unwrap()),
            move || {
                let window = duration_from_secs(c["window"].as_f64().unwrap()).unwrap();
                let limit = c["limit"].as_u64().unwrap() as u32;
                let l = RateLimiter::new(limit, window).map_err(|e| e.to_string())?;
                for (i, r) in c["requests"].as_array().unwrap().iter().enumerate() {
                    let now = duration_from_secs(r["now"].as_f64().unwrap()).unwrap();
                    let d = l
                        .check_at(r["key"].as_str().unwrap(), now)
                        .map_err(|e| e.to_string())?;
                    let headers: serde_json::Map<String, Value> = d
                        .headers()
                        .into_iter()
                        .map(|(n, v)| (n.to_owned(), Value::String(v)))
                        .collect();
                    let got = serde_json::json!({
                        "allowed": d.allowed,
                        "remaining": d.remaining,
                        "retry_after_us": d.retry_after.as_micros() as u64,
                        "reset_after_us": d.reset_after.as_micros() as u64,
                        "headers": headers,
                    });
                    let us = |f: &str| {
                        duration_from_secs(r[f].as_f64().unwrap())
                            .unwrap()
                            .as_micros() as u64
                    };
                    let want = serde_json::json!({
                        "allowed": r["allowed"], "remaining": r["remaining"],
                        "retry_after_us": us("retry_after"), "reset_after_us": us("reset_after"),
                        "headers": r["headers"],
                    });
                    check(got == want, || {
                        format!("request {i}: got {got}, want {want}")
                    })?;
                }
                Ok(())
            },
        ));
    }
    for (i, c) in cases(&v, "errors").into_iter().enumerate() {
        trials.push(Trial::test(format!("ratelimit/error_{i}"), move || {
            let l = RateLimiter::new(1, std::time::Duration::from_secs(1)).unwrap();
            let err = l.check(c["key"].as_str().unwrap()).unwrap_err();
            check(err.kind().code() == c["error"].as_str().unwrap(), || {
                err.to_string()
            })
        }));
    }
    for (i, c) in cases(&v, "config_errors").into_iter().enumerate() {
        trials.push(Trial::test(
            format!("ratelimit/config_error_{i}"),
            move || {
                let limit = c["limit"].as_u64().unwrap() as u32;
                // A window that is not a duration at all is refused before the limiter sees it.
                let Some(window) = duration_from_secs(c["window"].as_f64().unwrap()) else {
                    return Ok(());
                };
                check(RateLimiter::new(limit, window).is_err(), || {
                    format!("{c} accepted")
                })
            },
        ));
    }
    trials
}

/// Every case of every `tests/vectors/connector/<name>.json`, and one trial that fails unless
/// each connector of the registry has its file.
fn connector_trials() -> Vec<Trial> {
    use revtain::connector::{self, VerifyOptions};
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/connector");
    let mut trials = vec![Trial::test("connectors-every-connector-has-vectors", {
        let dir = dir.clone();
        move || {
            let missing: Vec<&str> = connector::CONNECTORS
                .iter()
                .copied()
                .filter(|n| !dir.join(format!("{n}.json")).exists())
                .collect();
            check(missing.is_empty(), || {
                format!("no vector file for {missing:?}")
            })
        }
    })];
    for name in connector::CONNECTORS {
        let file = format!("connector/{name}.json");
        if !dir.join(format!("{name}.json")).exists() {
            continue; // reported by the trial above
        }
        let v = vectors(&file);
        assert_eq!(v["connector"], *name, "{file}");
        for c in cases(&v, "cases") {
            trials.push(Trial::test(
                c["id"].as_str().unwrap().to_owned(),
                move || {
                    let headers: Vec<(String, String)> = c["headers"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| {
                            (
                                p[0].as_str().unwrap().to_owned(),
                                p[1].as_str().unwrap().to_owned(),
                            )
                        })
                        .collect();
                    let body = match c.get("body_hex") {
                        Some(h) => hex(h.as_str().unwrap()),
                        None => c["body"].as_str().unwrap().as_bytes().to_vec(),
                    };
                    let o = &c["options"];
                    let options = VerifyOptions {
                        tolerance: o.get("tolerance").and_then(Value::as_u64),
                        now: o.get("now").and_then(Value::as_u64),
                        notification_url: o.get("notification_url").and_then(Value::as_str),
                        public_key: o.get("public_key").and_then(Value::as_str),
                        require_timestamp: o
                            .get("require_timestamp")
                            .and_then(Value::as_bool)
                            .unwrap_or(false),
                    };
                    let secret = c["secret"].as_str().unwrap().as_bytes();
                    let got = connector::verify(name, &headers, &body, secret, &options);
                    let expect = c["expect"].as_str().unwrap();
                    match got {
                        Ok(event) => {
                            check(expect == "ok", || format!("verified; expected {expect}"))?;
                            check(event.connector == *name, || event.connector.to_string())?;
                            check(
                                c.get("timestamp").and_then(Value::as_u64) == event.timestamp,
                                || format!("timestamp {:?}", event.timestamp),
                            )?;
                            check(
                                c.get("event_id").and_then(Value::as_str) == event.id.as_deref(),
                                || format!("id {:?}", event.id),
                            )?;
                            let payload = event.payload.as_deref().map(String::from_utf8_lossy);
                            check(
                                c.get("payload").and_then(Value::as_str) == payload.as_deref(),
                                || format!("payload {payload:?}"),
                            )
                        }
                        Err(e) => {
                            check(e.kind().code() == expect, || {
                                format!("got {e:?}; expected {expect}")
                            })?;
                            check(
                                !e.to_string().contains(std::str::from_utf8(secret).unwrap())
                                    || secret.len() < 4,
                                || format!("the message shows the secret: {e}"),
                            )?;
                            if e.header().is_some() || c.get("header").is_some_and(|h| !h.is_null())
                            {
                                check(
                                    c.get("header").and_then(Value::as_str) == e.header(),
                                    || format!("header {:?}", e.header()),
                                )?;
                            }
                            if e.age().is_some() || c.get("age").is_some_and(|a| !a.is_null()) {
                                check(c.get("age").and_then(Value::as_i64) == e.age(), || {
                                    format!("age {:?}", e.age())
                                })?;
                                check(
                                    c.get("tolerance").and_then(Value::as_u64) == e.tolerance(),
                                    || format!("tolerance {:?}", e.tolerance()),
                                )?;
                            }
                            Ok(())
                        }
                    }
                },
            ));
        }
    }
    trials
}

fn retry_trials() -> Vec<Trial> {
    use revtain::args::Number;
    use revtain::retry::{classify, parse_retry_after, Outcome, RetryPolicy};
    use std::time::{Duration, SystemTime, UNIX_EPOCH};
    let v = vectors("retry.json");
    let tolerance = v["delay_tolerance"].as_f64().unwrap();
    let at = |c: &Value| UNIX_EPOCH + Duration::from_secs(c["now"].as_u64().unwrap());
    let mut trials = Vec::new();
    for c in cases(&v, "delays") {
        trials.push(Trial::test(
            format!("retry/delay/{}", c["id"].as_str().unwrap()),
            move || {
                let p = &c["policy"];
                let policy = RetryPolicy::from_host(
                    Some(Number::Float(p["base"].as_f64().unwrap())),
                    Some(Number::Float(p["cap"].as_f64().unwrap())),
                    Some(Number::from(p["max_attempts"].as_u64().unwrap() as u32)),
                    Some(Number::Float(p["deadline"].as_f64().unwrap())),
                    p["jitter"].as_str(),
                )
                .map_err(|e| Failed::from(e.to_string()))?;
                let n = RetryPolicy::retry_index(Number::Int(c["n"].as_i64().unwrap().into()))
                    .map_err(|e| Failed::from(e.to_string()))?;
                let ceiling = policy.ceiling(n).as_secs_f64();
                let delay = policy
                    .delay(n, c["uniform"].as_f64().unwrap())
                    .as_secs_f64();
                check(
                    (ceiling - c["ceiling"].as_f64().unwrap()).abs() < tolerance,
                    || format!("ceiling {ceiling} != {}", c["ceiling"]),
                )?;
                check(
                    (delay - c["delay"].as_f64().unwrap()).abs() < tolerance,
                    || format!("delay {delay} != {}", c["delay"]),
                )
            },
        ));
    }
    for c in cases(&v, "classify") {
        trials.push(Trial::test(
            format!("retry/classify/{}", c["id"].as_str().unwrap()),
            move || {
                let headers: Vec<(String, String)> = c["headers"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                    .collect();
                let headers: Vec<(&str, &str)> = headers
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                let outcome = match c["transport"].as_str() {
                    Some("connection_failed") => Outcome::ConnectionFailed,
                    Some("timed_out") => Outcome::TimedOut,
                    _ => Outcome::Response {
                        status: c["status"].as_u64().unwrap() as u16,
                        headers: &headers,
                    },
                };
                let verdict = classify(&outcome, at(&c));
                check(verdict.name() == c["verdict"].as_str().unwrap(), || {
                    format!("{} != {}", verdict.name(), c["verdict"])
                })?;
                let floor = verdict.retry_after().map(|d| d.as_secs_f64());
                check(floor == c["retry_after"].as_f64(), || {
                    format!("retry_after {floor:?} != {}", c["retry_after"])
                })
            },
        ));
    }
    #[cfg(feature = "http")]
    for c in cases(&v, "invalid") {
        trials.push(Trial::test(
            format!("retry/invalid/{}", c["id"].as_str().unwrap()),
            move || {
                let status = c["status"].as_i64().map(|s| Number::Int(s.into()));
                match revtain::retry::outcome_from_host(None, status, &[]) {
                    Ok(o) => Err(format!("accepted as {o:?}").into()),
                    Err(e) => {
                        let detail = revtain::ErrorDetail::from(&e);
                        check(detail.kind.code() == c["code"].as_str().unwrap(), || {
                            format!("{} != {}", detail.kind.code(), c["code"])
                        })?;
                        check(detail.message == c["message"].as_str().unwrap(), || {
                            format!("{:?} != {}", detail.message, c["message"])
                        })
                    }
                }
            },
        ));
    }
    for c in cases(&v, "retry_after") {
        trials.push(Trial::test(
            format!("retry/retry_after/{}", c["id"].as_str().unwrap()),
            move || {
                let now: SystemTime = at(&c);
                let got =
                    parse_retry_after(c["value"].as_str().unwrap(), now).map(|d| d.as_secs_f64());
                check(got == c["seconds"].as_f64(), || {
                    format!("{got:?} != {}", c["seconds"])
                })
            },
        ));
    }
    trials
}

fn secret_alert_trials() -> Vec<Trial> {
    use revtain::secret_alert::{
        secret_alert_response, verify_github_secret_alert, GithubPublicKeys, SecretAlert,
    };
    let v = vectors("secret_alert.json");
    let docs = v["public_key_documents"].clone();
    let alert_json = |a: &SecretAlert| {
        serde_json::json!({
            "token": a.token, "type": a.token_type, "url": a.url, "source": a.source,
            "is_revtain_key": a.is_revtain_key,
        })
    };
    let headers_of = |c: &Value| -> Vec<(String, String)> {
        c["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
            .collect()
    };
    let mut trials = Vec::new();
    for c in cases(&v, "verify") {
        let doc = docs[c["public_keys"].as_str().unwrap()]
            .as_str()
            .unwrap()
            .to_owned();
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let keys = GithubPublicKeys::parse(doc.as_bytes()).map_err(|e| e.to_string())?;
                let body = c["body"].as_str().unwrap().as_bytes();
                let got = verify_github_secret_alert(body, headers_of(&c), &keys);
                match (&got, c.get("alerts")) {
                    (Ok(alerts), Some(want)) => {
                        let got: Vec<Value> = alerts.iter().map(alert_json).collect();
                        check(&Value::from(got.clone()) == want, || format!("{got:?}"))?;
                        // No Debug output shows a whole token.
                        for a in alerts.iter().filter(|a| a.token.len() > 12) {
                            check(!format!("{a:?}").contains(&a.token), || format!("{a:?}"))?;
                            check(!a.describe().contains(&a.token), || a.describe())?;
                        }
                        Ok(())
                    }
                    (Err(e), None) => {
                        check(e.kind().code() == c["error"].as_str().unwrap(), || {
                            format!("{:?} {e}", e.kind())
                        })?;
                        check(e.header() == c["header"].as_str(), || {
                            format!("{:?}", e.header())
                        })
                    }
                    _ => Err(format!("{got:?}").into()),
                }
            },
        ));
    }
    for c in cases(&v, "public_key_errors") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let e = GithubPublicKeys::parse(c["document"].as_str().unwrap().as_bytes())
                    .err()
                    .ok_or("parsed")?;
                check(e.kind().code() == c["error"].as_str().unwrap(), || {
                    e.to_string()
                })
            },
        ));
    }
    for c in cases(&v, "unusable_keys") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let keys = GithubPublicKeys::parse(c["document"].as_str().unwrap().as_bytes())
                    .map_err(|e| e.to_string())?;
                let body = c["body"].as_str().unwrap().as_bytes();
                let e = verify_github_secret_alert(body, headers_of(&c), &keys)
                    .err()
                    .ok_or("verified")?;
                check(e.kind().code() == c["error"].as_str().unwrap(), || {
                    e.to_string()
                })
            },
        ));
    }
    for c in cases(&v, "response") {
        trials.push(Trial::test(
            c["id"].as_str().unwrap().to_owned(),
            move || {
                let alerts: Vec<SecretAlert> = c["alerts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| {
                        let text = |k: &str| a[k].as_str().map(str::to_owned);
                        let alert = SecretAlert::new(
                            text("token").unwrap(),
                            text("type").unwrap(),
                            text("url"),
                            text("source"),
                        );
                        assert_eq!(alert.is_revtain_key, a["is_revtain_key"].as_bool().unwrap());
                        alert
                    })
                    .collect();
                let known: Vec<&str> = c["known"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| k.as_str().unwrap())
                    .collect();
                let mut asked = Vec::new();
                let body = secret_alert_response(&alerts, |t| {
                    asked.push(Value::from(t));
                    Ok::<_, ()>(known.contains(&t))
                })
                .unwrap();
                check(Value::from(asked.clone()) == c["asked"], || {
                    format!("{asked:?}")
                })?;
                let body = String::from_utf8(body).unwrap();
                check(body == c["body"].as_str().unwrap(), || body.clone())
            },
        ));
    }
    trials
}
