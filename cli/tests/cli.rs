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
        .env_remove("REVTAIN_WEBHOOK_SECRET");
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
    assert!(revtain::keys::validate(&key).is_ok(), "{key}");
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
    // tests/vectors/api_keys.json, case hash-key0-ascii-pepper.
    let pepper = "revtain-pepper-2026"
        .bytes()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    let out = run(&["key", "hash", "--pepper-hex", &pepper, KEY], "");
    assert!(out.status.success());
    let vectors: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/vectors/api_keys.json"
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
        "/../tests/vectors/webhooks.json"
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
