//! The `revtain` command, run as a user would.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    run_env(args, stdin, None)
}

fn run_env(args: &[&str], stdin: &str, keyring: Option<&str>) -> Output {
    run_vars(args, stdin, &[("REVTAIN_KEYRING", keyring)])
}

fn run_vars(args: &[&str], stdin: &str, vars: &[(&str, Option<&str>)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_revtain"));
    cmd.env_remove("REVTAIN_KEYRING")
        .env_remove("REVTAIN_WEBHOOK_SECRET")
        .env_remove("REVTAIN_CONNECTOR_SECRET");
    for (name, value) in vars {
        if let Some(v) = value {
            cmd.env(name, v);
        }
    }
    let mut child = cmd
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn revtain");
    // A command that fails before reading its input (a missing secret) closes the pipe early:
    // that broken pipe is part of the behaviour under test, not a failure.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const KEY: &str = "rev_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX";

#[test]
fn keygen_prints_a_valid_key_and_its_hash() {
    let out = run(&["keygen"], "");
    assert!(out.status.success());
    let key = stdout(&out).trim().to_owned();
    assert!(revtain::api_key::validate(&key).is_ok(), "{key}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("lookup hash: "));
}

#[test]
fn key_check_reads_stdin_and_reports_why() {
    let ok = run(&["key", "check"], &format!("{KEY}\n"));
    assert!(ok.status.success());
    assert_eq!(stdout(&ok).trim(), "valid: rev_AAEC\u{2026}FRYX");
    let bad = run(
        &["key", "check", "rev_AAECAwQFBgcICQoLDA0ODxAREhMUFRY="],
        "",
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(stdout(&bad).contains("position 35"), "{}", stdout(&bad));
}

#[test]
fn key_hash_matches_the_vectors() {
    // tests/vectors/api_key.json, case hash-key0-ascii-pepper.
    let pepper = "revtain-pepper-2026"
        .bytes()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    let out = run(&["key", "hash", "--pepper-hex", &pepper, KEY], "");
    assert!(out.status.success());
    let vectors: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/vectors/api_key.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let case = vectors["lookup_hash"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "hash-key0-ascii-pepper")
        .unwrap();
    assert_eq!(stdout(&out).trim(), case["hash_hex"].as_str().unwrap());
}

#[test]
fn scan_reports_redacted_keys_and_exits_1() {
    let out = run(&["scan"], &format!("fine\nleaked {KEY} here\n"));
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("line 2, column 8: API key rev_AAEC\u{2026}FRYX"),
        "{text}"
    );
    assert!(!text.contains(KEY));
    let clean = run(&["scan"], "nothing here, order 1700000000123\n");
    assert!(clean.status.success());
    assert!(stdout(&clean).contains("0 API key(s) and 0 card number(s) found"));
}

#[test]
fn scan_reports_redacted_card_numbers() {
    let out = run(
        &["scan"],
        "ok\n{\"card\":\"4242 4242 4242 4242\",\"amount\":4900}\npaid with 5555555555554444\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("line 2, column 10: card number **** **** **** 4242"),
        "{text}"
    );
    assert!(
        text.contains("line 3, column 11: card number ************4444"),
        "{text}"
    );
    assert!(
        text.contains("0 API key(s) and 2 card number(s) found"),
        "{text}"
    );
    assert!(!text.contains("5555555555554444"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["frobnicate"], "").status.code(), Some(2));
    assert_eq!(
        run(&["key", "hash", "--pepper-hex", "zz", KEY], "")
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn keyring_new_seal_open_and_tenant_binding() {
    let kr = run(&["keyring", "new"], "");
    assert!(kr.status.success());
    let kr = stdout(&kr).trim().to_owned();
    let a = ["--context", "tenant=ten_a", "--context", "field=secret_key"];
    let sealed = run_env(&[&["seal"][..], &a].concat(), "sk_live_123", Some(&kr));
    assert!(
        sealed.status.success(),
        "{}",
        String::from_utf8_lossy(&sealed.stderr)
    );
    let env = stdout(&sealed);
    assert!(env.starts_with("rvc1:"));
    let opened = run_env(&[&["open"][..], &a].concat(), &env, Some(&kr));
    assert!(opened.status.success());
    assert_eq!(stdout(&opened), "sk_live_123");
    let other = run_env(
        &[
            "open",
            "--context",
            "tenant=ten_b",
            "--context",
            "field=secret_key",
        ],
        &env,
        Some(&kr),
    );
    assert_eq!(other.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&other.stderr).contains("authentication failed"));
    let missing = run_env(&["seal"], "x", None);
    assert_eq!(missing.status.code(), Some(2));
}

fn webhook_case(id: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/webhook.json"
    ))
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["sign"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap()
        .clone()
}

fn body_text(c: &serde_json::Value) -> String {
    let hex = c["body_hex"].as_str().unwrap();
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn webhook_sign_matches_the_vectors_and_verify_accepts_it() {
    let c = webhook_case("sign-two-secrets-rotation");
    let secrets = c["secrets"].as_array().unwrap();
    let joined = format!(
        "{},{}",
        secrets[0].as_str().unwrap(),
        secrets[1].as_str().unwrap()
    );
    let env = [("REVTAIN_WEBHOOK_SECRET", Some(joined.as_str()))];
    let body = body_text(&c);
    let out = run_vars(
        &[
            "webhook",
            "sign",
            "--id",
            c["event_id"].as_str().unwrap(),
            "--timestamp",
            "1700000000",
        ],
        &body,
        &env,
    );
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    for name in [
        "X-Revtain-Signature",
        "webhook-id",
        "webhook-timestamp",
        "webhook-signature",
    ] {
        let line = format!("{name}: {}", c["headers"][name].as_str().unwrap());
        assert!(text.lines().any(|l| l == line), "{name} in {text}");
    }
    let header = c["headers"]["X-Revtain-Signature"].as_str().unwrap();
    let ok = run_vars(
        &[
            "webhook",
            "verify",
            "--signature",
            header,
            "--now",
            "1700000100",
        ],
        &body,
        &env,
    );
    assert!(ok.status.success(), "{ok:?}");
    assert!(stdout(&ok).starts_with("verified: signed at 1700000000, 100 s before now"));
}

#[test]
fn webhook_verify_explains_failures() {
    let c = webhook_case("sign-event");
    let secret = c["secrets"][0].as_str().unwrap();
    let env = [("REVTAIN_WEBHOOK_SECRET", Some(secret))];
    let header = c["headers"]["X-Revtain-Signature"].as_str().unwrap();
    let body = body_text(&c);
    let verify = |body: &str, now: &str| {
        run_vars(
            &["webhook", "verify", "--signature", header, "--now", now],
            body,
            &env,
        )
    };

    let newline = verify(&format!("{body}\n"), "1700000000");
    assert_eq!(newline.status.code(), Some(1));
    let text = stdout(&newline);
    assert!(text.contains("signature mismatch"), "{text}");
    assert!(
        text.contains("hint: the signature matches the body without its trailing"),
        "{text}"
    );

    let tampered = verify(&body.replace("4900", "9900"), "1700000000");
    let text = stdout(&tampered);
    assert!(text.contains("re-serialised"), "{text}");
    assert!(text.contains("hint: verify the raw request body"), "{text}");
    assert!(!text.contains(secret), "{text}");

    let stale = verify(&body, "1700000400");
    assert_eq!(stale.status.code(), Some(1));
    assert!(
        stdout(&stale).contains("signed 400 s ago"),
        "{}",
        stdout(&stale)
    );

    // Stripe's scheme keys HMAC with the whole whsec_ string.
    let stripe_sig = {
        use hmac::{Hmac, KeyInit, Mac};
        let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(format!("1700000000.{body}").as_bytes());
        let tag = mac.finalize().into_bytes();
        tag.iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    let header = format!("t=1700000000,v1={stripe_sig}");
    let out = run_vars(
        &[
            "webhook",
            "verify",
            "--signature",
            &header,
            "--now",
            "1700000000",
        ],
        &body,
        &env,
    );
    assert!(stdout(&out).contains("Stripe's scheme"), "{}", stdout(&out));

    let missing = run(
        &["webhook", "verify", "--signature", header.as_str()],
        &body,
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("REVTAIN_WEBHOOK_SECRET"));
}

#[test]
fn webhook_secret_is_usable() {
    let out = run(&["webhook", "secret"], "");
    let secret = stdout(&out).trim().to_owned();
    assert!(
        secret.starts_with("whsec_") && secret.len() == 50,
        "{secret}"
    );
    let env = [("REVTAIN_WEBHOOK_SECRET", Some(secret.as_str()))];
    let signed = run_vars(&["webhook", "sign", "--id", "evt_1"], "{}", &env);
    assert!(signed.status.success(), "{signed:?}");
    let bad_id = run_vars(&["webhook", "sign", "--id", "evt 1"], "{}", &env);
    assert_eq!(bad_id.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_id.stderr).contains("invalid event id"));
}

// A Stripe webhook signed with Python's hmac: HMAC-SHA256(b"whsec_revtain_example_secret",
// b"1700000000." + body), as in examples/c/connector.c.
const STRIPE_SECRET: &str = "whsec_revtain_example_secret";
const STRIPE_BODY: &str =
    r#"{"id":"evt_1NxY2bC3","type":"invoice.paid","data":{"object":{"amount_paid":4200}}}"#;
const STRIPE_HEADER: &str = "Stripe-Signature: \
    t=1700000000,v1=d23cf3c7eaae8e9b6d0c17aa9d1e326ef3582d1db0e5801283c58350b55642f6";

fn connector_verify(extra: &[&str], body: &str, secret: Option<&str>) -> Output {
    let mut args = vec!["connector", "verify", "--connector", "stripe"];
    args.extend_from_slice(extra);
    run_vars(&args, body, &[("REVTAIN_CONNECTOR_SECRET", secret)])
}

#[test]
fn connector_list_prints_every_connector() {
    let out = run(&["connector", "list"], "");
    assert!(out.status.success());
    let names: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(names, revtain::connector::CONNECTORS);
}

#[test]
fn connector_verify_accepts_a_stripe_webhook_from_stdin() {
    let out = connector_verify(
        &["--header", STRIPE_HEADER, "--now", "1700000042"],
        STRIPE_BODY,
        Some(STRIPE_SECRET),
    );
    assert!(out.status.success(), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("verified: stripe webhook, signed at 1700000000, 42 s before now"),
        "{text}"
    );
    assert!(
        text.contains(&format!("body: {} bytes", STRIPE_BODY.len())),
        "{text}"
    );
}

#[test]
fn connector_verify_reads_the_secret_and_body_from_files() {
    let dir = std::env::temp_dir().join(format!("revtain-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (secret, body) = (dir.join("secret"), dir.join("body.json"));
    std::fs::write(&secret, format!("{STRIPE_SECRET}\n")).unwrap();
    std::fs::write(&body, STRIPE_BODY).unwrap();
    let out = connector_verify(
        &[
            "--header",
            "content-type: application/json",
            "--header",
            STRIPE_HEADER,
            "--secret-file",
            secret.to_str().unwrap(),
            "--body-file",
            body.to_str().unwrap(),
            "--now",
            "1700000000",
        ],
        "",
        None,
    );
    assert!(out.status.success(), "{}", stdout(&out));
    // --secret-env names another variable.
    let out = run_vars(
        &[
            "connector",
            "verify",
            "--connector",
            "stripe",
            "--header",
            STRIPE_HEADER,
            "--secret-env",
            "MY_STRIPE_SECRET",
            "--now",
            "1700000000",
        ],
        STRIPE_BODY,
        &[("MY_STRIPE_SECRET", Some(STRIPE_SECRET))],
    );
    assert!(out.status.success(), "{}", stdout(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn connector_verify_says_precisely_why_it_refuses() {
    let stale = connector_verify(
        &["--header", STRIPE_HEADER, "--now", "1700003600"],
        STRIPE_BODY,
        Some(STRIPE_SECRET),
    );
    assert_eq!(stale.status.code(), Some(1));
    let text = stdout(&stale);
    assert!(
        text.contains("REVTAIN_RESULT_CONNECTOR_TIMESTAMP_OUT_OF_TOLERANCE"),
        "{text}"
    );
    assert!(text.contains("age: 3600 s, window: 300 s"), "{text}");
    // A wider window accepts it.
    let wide = connector_verify(
        &[
            "--header",
            STRIPE_HEADER,
            "--now",
            "1700003600",
            "--tolerance",
            "3600",
        ],
        STRIPE_BODY,
        Some(STRIPE_SECRET),
    );
    assert!(wide.status.success(), "{}", stdout(&wide));

    let tampered = connector_verify(
        &["--header", STRIPE_HEADER, "--now", "1700000000"],
        &format!("{STRIPE_BODY}\n"),
        Some(STRIPE_SECRET),
    );
    assert_eq!(tampered.status.code(), Some(1));
    assert!(stdout(&tampered).contains("REVTAIN_RESULT_CONNECTOR_SIGNATURE_MISMATCH"));
    assert!(!stdout(&tampered).contains(STRIPE_SECRET));

    let missing = connector_verify(&["--now", "1700000000"], STRIPE_BODY, Some(STRIPE_SECRET));
    assert_eq!(missing.status.code(), Some(1));
    let text = stdout(&missing);
    assert!(
        text.contains("REVTAIN_RESULT_CONNECTOR_HEADER_MISSING"),
        "{text}"
    );
    assert!(text.contains("header: Stripe-Signature"), "{text}");

    let unknown = run_vars(
        &["connector", "verify", "--connector", "strype"],
        "",
        &[("REVTAIN_CONNECTOR_SECRET", Some("k"))],
    );
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stdout(&unknown).contains("REVTAIN_RESULT_CONNECTOR_UNKNOWN"));

    let square = run_vars(
        &["connector", "verify", "--connector", "square"],
        "{}",
        &[("REVTAIN_CONNECTOR_SECRET", Some("k"))],
    );
    assert_eq!(square.status.code(), Some(1));
    assert!(stdout(&square).contains("REVTAIN_RESULT_CONNECTOR_"));
}

#[test]
fn connector_verify_refuses_unusable_arguments() {
    // No secret anywhere: exit 2 with what to set; never a secret on the command line.
    let out = connector_verify(&["--header", STRIPE_HEADER], STRIPE_BODY, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("REVTAIN_CONNECTOR_SECRET"));
    for args in [
        &["connector", "verify"][..],
        &[
            "connector",
            "verify",
            "--connector",
            "stripe",
            "--secret",
            "whsec_x",
        ],
        &[
            "connector",
            "verify",
            "--connector",
            "stripe",
            "--header",
            "no colon",
        ],
        &[
            "connector",
            "verify",
            "--connector",
            "stripe",
            "--now",
            "soon",
        ],
        &[
            "connector",
            "verify",
            "--connector",
            "stripe",
            "--connector",
            "paddle",
        ],
        &[
            "connector",
            "verify",
            "--connector",
            "stripe",
            "--tolerance",
        ],
        &[
            "connector",
            "verify",
            "--connector",
            "stripe",
            "--secret-env",
            "A",
            "--secret-file",
            "/dev/null",
        ],
    ] {
        let out = run_vars(args, "", &[("REVTAIN_CONNECTOR_SECRET", Some("k"))]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}
