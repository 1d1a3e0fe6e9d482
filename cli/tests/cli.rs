//! The `revtain` command, run as a user would.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    run_env(args, stdin, None)
}

fn run_env(args: &[&str], stdin: &str, keyring: Option<&str>) -> Output {
    run_vars(args, stdin, &[("REVTAIN_KEYRING", keyring)])
}

fn run_vars(args: &[&str], stdin: &str, vars: &[(&str, Option<&str>)]) -> Output {
    run_os(args, stdin.as_bytes(), vars)
}

/// `revtain ARGS < STDIN` with the variables set, the arguments and stdin any bytes.
fn run_os<S: AsRef<OsStr>>(args: &[S], stdin: &[u8], vars: &[(&str, Option<&str>)]) -> Output {
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
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
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
fn scan_format_github_writes_escaped_redacted_annotations() {
    let dir = std::env::temp_dir().join(format!("revtain-scan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A path with the characters GitHub's property syntax reserves.
    let path = dir.join("a,b:c%.env");
    std::fs::write(&path, format!("ok\nKEY={KEY}\ncard 4242424242424242\n")).unwrap();
    let out = run(&["scan", "--format", "github", path.to_str().unwrap()], "");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let file = path
        .to_str()
        .unwrap()
        .replace('%', "%25")
        .replace(':', "%3A")
        .replace(',', "%2C");
    assert_eq!(
        lines[0],
        format!(
            "::error file={file},line=2,col=5,title=Revtain API key::API key rev_AAEC\u{2026}FRYX: revoke it and remove it from the file"
        )
    );
    assert!(
        lines[1].starts_with(&format!(
            "::error file={file},line=3,col=6,title=Card number::card number ************4242"
        )),
        "{text}"
    );
    assert_eq!(lines[2], "1 API key(s) and 1 card number(s) found");
    assert!(!text.contains(KEY) && !text.contains("4242424242424242"));
    // From stdin: no file property.
    let out = run(&["scan", "--format", "github"], &format!("{KEY}\n"));
    assert!(
        stdout(&out).starts_with("::error line=1,col=1,title=Revtain API key::"),
        "{out:?}"
    );
    let bad = run(&["scan", "--format", "sarif"], "");
    assert_eq!(bad.status.code(), Some(2));
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

#[test]
fn webhook_signing_key_signs_and_its_public_key_verifies() {
    let out = run(&["webhook", "signing-key"], "");
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let (sk, pk) = (lines[0], lines[1]);
    assert!(sk.starts_with("whsk_") && pk.starts_with("whpk_"), "{text}");
    let derived = run(&["webhook", "public-key"], &format!("{sk}\n"));
    assert_eq!(stdout(&derived).trim(), pk);
    let refused = run(&["webhook", "public-key"], pk);
    assert_eq!(refused.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&refused.stderr).contains(&pk[5..]));
    let body = r#"{"id":"evt_1","type":"card.updated","created":1,"data":{}}"#;
    let signed = run_vars(
        &[
            "webhook",
            "sign",
            "--id",
            "evt_1",
            "--timestamp",
            "1700000000",
        ],
        body,
        &[("REVTAIN_WEBHOOK_SECRET", Some(sk))],
    );
    assert!(signed.status.success(), "{signed:?}");
    let headers = stdout(&signed);
    let header = headers
        .lines()
        .find_map(|l| l.strip_prefix("X-Revtain-Signature: "))
        .unwrap()
        .to_owned();
    assert!(header.contains(",v1a="), "{header}");
    let verify = |key: &str| {
        run_vars(
            &[
                "webhook",
                "verify",
                "--signature",
                &header,
                "--now",
                "1700000000",
            ],
            body,
            &[("REVTAIN_WEBHOOK_SECRET", Some(key))],
        )
    };
    assert!(verify(pk).status.success());
    let with_sk = verify(sk);
    assert_eq!(with_sk.status.code(), Some(2), "{with_sk:?}");
    assert!(!String::from_utf8_lossy(&with_sk.stderr).contains(&sk[5..]));
}

/// A one-request HTTP server on 127.0.0.1 answering `status` with `reply`; gives back the
/// request it got (head and body).
fn one_request_server(
    status: &'static str,
    reply: &'static str,
) -> (String, std::thread::JoinHandle<(String, Vec<u8>)>) {
    use std::io::{BufRead, BufReader, Read};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://127.0.0.1:{}/webhooks/revtain",
        listener.local_addr().unwrap().port()
    );
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            head.push_str(&line);
        }
        let len: usize = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length: ")
                    .map(|v| v.trim().parse().unwrap())
            })
            .unwrap_or(0);
        let mut body = vec![0; len];
        reader.read_exact(&mut body).unwrap();
        let mut stream = stream;
        write!(
            stream,
            "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
            reply.len()
        )
        .unwrap();
        (head, body)
    });
    (url, handle)
}

#[test]
fn webhook_send_posts_a_signed_sample_event() {
    let secret = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    let env = [("REVTAIN_WEBHOOK_SECRET", Some(secret))];
    for (status, code) in [("200 OK", 0), ("400 Bad Request", 1)] {
        let (url, server) = one_request_server(status, "thanks");
        let out = run_vars(
            &[
                "webhook",
                "send",
                &url,
                "--type",
                "card.updated",
                "--id",
                "evt_send",
                "--timestamp",
                "1700000000",
            ],
            "",
            &env,
        );
        assert_eq!(out.status.code(), Some(code), "{out:?}");
        assert_eq!(stdout(&out), format!("HTTP {}\nthanks\n", &status[..3]));
        let (head, body) = server.join().unwrap();
        assert!(
            head.starts_with("POST /webhooks/revtain HTTP/1.1\r\n"),
            "{head}"
        );
        let signature = head
            .lines()
            .find_map(|l| {
                l.strip_prefix("x-revtain-signature: ")
                    .or_else(|| l.strip_prefix("X-Revtain-Signature: "))
            })
            .unwrap_or_else(|| panic!("{head}"));
        let webhook = revtain::webhook::Webhook::new(&[secret]).unwrap();
        let headers = [("X-Revtain-Signature", signature)];
        let event = webhook.verify(&body, headers, 1_700_000_000).unwrap();
        assert_eq!(
            (event.id.as_str(), event.event_type.as_str()),
            ("evt_send", "card.updated")
        );
        assert!(head
            .to_ascii_lowercase()
            .contains("content-type: application/json"));
    }
    // Refused before anything is sent: an unknown type, plain http off loopback, no secret;
    // and no answer: nothing listens on port 9 of loopback. Each exits 2.
    let refused = |url: &str, event_type: &str, env: &[(&str, Option<&str>)], says: &str| {
        let out = run_vars(&["webhook", "send", url, "--type", event_type], "", env);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(says),
            "{out:?}"
        );
    };
    refused(
        "http://127.0.0.1:9/x",
        "payment.refunded",
        &env,
        "one of: payment.recovered",
    );
    refused("http://example.com/x", "card.updated", &env, "plain http");
    refused("http://127.0.0.1:9/x", "card.updated", &[], "");
    refused("http://127.0.0.1:9/x", "card.updated", &env, "");
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

    // A Square webhook without its signature header is refused; one that cannot be checked
    // (no --notification-url) is a setup error: see connector_verify_setup_errors_exit_2.
    let square = run_vars(
        &[
            "connector",
            "verify",
            "--connector",
            "square",
            "--notification-url",
            "https://example.com/hook",
        ],
        "{}",
        &[("REVTAIN_CONNECTOR_SECRET", Some("k"))],
    );
    assert_eq!(square.status.code(), Some(1));
    assert!(stdout(&square).contains("REVTAIN_RESULT_CONNECTOR_HEADER_MISSING"));
}

#[test]
fn connector_verify_setup_errors_exit_2() {
    // Nothing was checked: the code goes to stderr, stdout stays empty, exit 2.
    for (args, secret, code) in [
        (
            &["--connector", "strype"][..],
            "k",
            "REVTAIN_RESULT_CONNECTOR_UNKNOWN",
        ),
        (
            &["--connector", "square"][..],
            "k",
            "REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS",
        ),
        (
            &["--connector", "braintree"][..],
            "k",
            "REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS",
        ),
        (
            &["--connector", "adyen", "--header", "x: y"][..],
            "not-hex-supersecret",
            "REVTAIN_RESULT_CONNECTOR_INVALID_SECRET",
        ),
    ] {
        let out = run_vars(
            &[&["connector", "verify"][..], args].concat(),
            "{}",
            &[("REVTAIN_CONNECTOR_SECRET", Some(secret))],
        );
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with("revtain: ") && err.contains(code),
            "{args:?}: {err}"
        );
        assert!(!err.contains(secret) || secret == "k", "{err}");
        assert_eq!(stdout(&out), "", "{args:?}");
    }
    // The unknown name is not repeated (a swapped argument would put the secret there), and
    // no secret is needed to learn it is unknown.
    let out = run(
        &["connector", "verify", "--connector", "whsec_oops_my_secret"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("REVTAIN_RESULT_CONNECTOR_UNKNOWN"));
    assert!(!stderr(&out).contains("whsec_oops"), "{}", stderr(&out));
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

// ---------------------------------------------------------------------------------------------
// Help, version, exit codes and cli/README.md, for every command.

/// Every command path, in the order of `--help`.
const COMMANDS: &[&str] = &[
    "",
    "keygen",
    "key",
    "key check",
    "key hash",
    "scan",
    "keyring",
    "keyring new",
    "seal",
    "open",
    "webhook",
    "webhook secret",
    "webhook signing-key",
    "webhook public-key",
    "webhook sign",
    "webhook verify",
    "webhook send",
    "connector",
    "connector list",
    "connector verify",
];

fn words(path: &str) -> Vec<&str> {
    path.split_whitespace().collect()
}

/// The sub-commands a help lists under `Commands:` (without `help`).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

/// Every command path the binary knows, found by walking its help: a command added later is
/// covered by every test below without being listed anywhere but in COMMANDS.
fn discovered_commands() -> Vec<String> {
    fn walk(path: String, all: &mut Vec<String>) {
        let out = run(&[&words(&path)[..], &["--help"]].concat(), "");
        assert_eq!(out.status.code(), Some(0), "revtain {path} --help");
        all.push(path.clone());
        for name in subcommands(&stdout(&out)) {
            walk(format!("{path} {name}").trim().to_owned(), all);
        }
    }
    let mut all = Vec::new();
    walk(String::new(), &mut all);
    all
}

/// The commands that do something (no sub-commands of their own).
fn leaves() -> Vec<&'static str> {
    COMMANDS
        .iter()
        .copied()
        .filter(|c| {
            !COMMANDS
                .iter()
                .any(|o| o.starts_with(&format!("{c} ")) || c.is_empty())
        })
        .collect()
}

fn help(path: &str) -> String {
    let out = run(&[&words(path)[..], &["--help"]].concat(), "");
    assert_eq!(out.status.code(), Some(0), "revtain {path} --help");
    stdout(&out)
}

/// The lines of a help from `heading` to the next blank line (or the end).
fn block<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect()
}

/// The rows of an `Exit status:` block, continuation lines joined: `(code, text)`.
fn exit_rows(lines: &[&str]) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = Vec::new();
    for line in lines {
        let line = line.trim();
        match line.split_once("  ") {
            Some((code, text)) if code.parse::<u8>().is_ok() => {
                rows.push((code.to_owned(), text.trim().to_owned()))
            }
            _ => {
                let last = rows.last_mut().expect("an exit row first");
                last.1 = format!("{} {line}", last.1);
            }
        }
    }
    rows
}

#[test]
fn the_help_knows_exactly_the_listed_commands() {
    assert_eq!(discovered_commands(), COMMANDS);
}

#[test]
fn every_command_has_help_on_stdout_with_exit_0() {
    for path in COMMANDS {
        let usage = format!("Usage: revtain {path}").trim().to_owned();
        for flag in ["--help", "-h"] {
            let out = run(&[&words(path)[..], &[flag]].concat(), "");
            assert_eq!(out.status.code(), Some(0), "revtain {path} {flag}");
            assert!(stdout(&out).contains(&usage), "revtain {path} {flag}");
            assert_eq!(stderr(&out), "", "revtain {path} {flag}");
        }
        // `revtain help PATH` too, and `--help` anywhere among a command's arguments.
        let out = run(&[&["help"][..], &words(path)].concat(), "");
        assert_eq!(out.status.code(), Some(0), "revtain help {path}");
        assert!(stdout(&out).contains(&usage), "revtain help {path}");
    }
    let out = run(&["webhook", "verify", "--now", "1", "--help"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Usage: revtain webhook verify"));
    for leaf in leaves() {
        assert!(
            help(leaf).contains("\nExit status:\n  0  "),
            "revtain {leaf}"
        );
    }
}

#[test]
fn the_top_help_lists_every_command_and_the_exit_codes() {
    let top = help("");
    let listed: Vec<String> = block(
        &top,
        "Every command (revtain COMMAND --help for one; -h for a shorter help):",
    )
    .iter()
    .filter_map(|l| l.trim().strip_prefix("revtain "))
    .map(|l| {
        l.split(' ')
            .take_while(|w| {
                !w.is_empty()
                    && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                    && !w.starts_with('-')
            })
            .collect::<Vec<_>>()
            .join(" ")
    })
    .collect();
    assert_eq!(listed, leaves());
    for group in subcommands(&top) {
        assert!(COMMANDS.contains(&group.as_str()), "{group}");
    }
    let codes: Vec<String> = exit_rows(&block(&top, "Exit status:"))
        .into_iter()
        .map(|(code, _)| code)
        .collect();
    assert_eq!(codes, ["0", "1", "2"]);
}

#[test]
fn version_prints_the_crate_version() {
    assert_eq!(revtain::VERSION, env!("CARGO_PKG_VERSION"));
    for flag in ["-V", "--version"] {
        let out = run(&[flag], "");
        assert_eq!(out.status.code(), Some(0), "{flag}");
        assert_eq!(
            stdout(&out),
            format!("revtain {}\n", env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(stderr(&out), "");
    }
}

#[test]
fn a_missing_command_is_a_usage_error() {
    for path in COMMANDS.iter().filter(|c| !leaves().contains(c)) {
        let out = run(&words(path), "");
        assert_eq!(out.status.code(), Some(2), "revtain {path}");
        assert_eq!(stdout(&out), "", "revtain {path}");
        assert!(stderr(&out).contains("Usage: revtain"), "revtain {path}");
        let unknown = run(&[&words(path)[..], &["frobnicate"]].concat(), "");
        assert_eq!(unknown.status.code(), Some(2), "revtain {path} frobnicate");
        assert!(stderr(&unknown).contains("unrecognized subcommand 'frobnicate'"));
    }
}

#[test]
fn an_unknown_option_is_a_usage_error_everywhere() {
    for leaf in leaves() {
        let out = run_vars(
            &[&words(leaf)[..], &["--no-such-option"]].concat(),
            "",
            &[
                ("REVTAIN_WEBHOOK_SECRET", Some("whsec_x")),
                ("REVTAIN_CONNECTOR_SECRET", Some("k")),
            ],
        );
        assert_eq!(out.status.code(), Some(2), "revtain {leaf}");
        assert_eq!(stdout(&out), "", "revtain {leaf}");
        assert!(
            stderr(&out).contains("unexpected argument '--no-such-option'"),
            "revtain {leaf}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn no_secret_is_echoed_in_an_error() {
    // A key or a secret typed where no argument is expected.
    for args in [
        &["key", "check", KEY, "rev_SECRETSECRETSECRETSECRETSECRETSE"][..],
        &["rev_SECRETSECRETSECRETSECRETSECRETSE"],
        &["keyring", "new", "rev_SECRETSECRETSECRETSECRETSECRETSE"],
        &["connector", "list", "whsec_SECRETSECRET"],
    ] {
        let out = run(args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(!err.contains("SECRET"), "{args:?}: {err}");
        assert!(err.contains("<not shown>"), "{args:?}: {err}");
    }
    // A pepper of the wrong form, a credential header without its colon.
    let out = run(&["keygen", "--pepper-hex", "5ec2e75ec2e75"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr(&out).contains("5ec2e75ec2e75"), "{}", stderr(&out));
    let out = run_vars(
        &[
            "connector",
            "verify",
            "--connector",
            "chargebee",
            "--header",
            "Authorization Basic dXNlcjpTRUNSRVQ=",
        ],
        "",
        &[("REVTAIN_CONNECTOR_SECRET", Some("user:SECRET"))],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !stderr(&out).contains("dXNlcjpTRUNSRVQ"),
        "{}",
        stderr(&out)
    );
    // Bad secrets in the environment.
    for (args, var) in [
        (
            &["webhook", "sign", "--id", "evt_1"][..],
            "REVTAIN_WEBHOOK_SECRET",
        ),
        (&["seal"][..], "REVTAIN_KEYRING"),
    ] {
        let out = run_vars(args, "{}", &[(var, Some("SECRET-NOT-OF-THE-FORM"))]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            !stderr(&out).contains("SECRET"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn output_that_cannot_be_written_exits_2() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not Linux
    };
    let keyring = stdout(&run(&["keyring", "new"], "")).trim().to_owned();
    for args in [
        &["connector", "list"][..],
        &["--help"],
        &["keyring", "new"],
        &["seal", "--binary"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_revtain"))
            .args(args)
            .env("REVTAIN_KEYRING", &keyring)
            .stdin(Stdio::piped())
            .stdout(full.try_clone().unwrap())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The commands that read no stdin may have exited and closed it already.
        let _ = child.stdin.take().unwrap().write_all(b"x");
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

/// One command line and the exit code it must have.
struct Case<'a> {
    args: Vec<&'a str>,
    stdin: &'a str,
    vars: Vec<(&'a str, &'a str)>,
    code: i32,
}

fn case<'a>(code: i32, args: &[&'a str], stdin: &'a str, vars: &[(&'a str, &'a str)]) -> Case<'a> {
    Case {
        args: args.to_vec(),
        stdin,
        vars: vars.to_vec(),
        code,
    }
}

fn check_cases(cases: &[Case<'_>]) {
    for c in cases {
        let vars: Vec<(&str, Option<&str>)> = c.vars.iter().map(|(k, v)| (*k, Some(*v))).collect();
        let out = run_vars(&c.args, c.stdin, &vars);
        assert_eq!(
            out.status.code(),
            Some(c.code),
            "revtain {}: {}{}",
            c.args.join(" "),
            stdout(&out),
            stderr(&out)
        );
        if c.code == 2 {
            // Nothing was checked: no verdict on stdout, the reason on stderr.
            assert_eq!(stdout(&out), "", "revtain {}", c.args.join(" "));
            assert!(!stderr(&out).is_empty(), "revtain {}", c.args.join(" "));
        }
    }
}

#[test]
fn exit_codes_of_the_api_key_commands() {
    let bad = "rev_AAECAwQFBgcICQoLDA0ODxAREhMUFRY=";
    let keys2 = format!("{KEY}\n{KEY}\n");
    let one_bad = format!("{KEY}\n{bad}\n");
    let pepper = [("PEPPER_HEX", "00ff"), ("EMPTY", "")];
    check_cases(&[
        case(0, &["keygen"], "", &[]),
        case(0, &["keygen", "--pepper-hex", "00ff"], "", &[]),
        case(2, &["keygen", "--pepper-hex", "abc"], "", &[]),
        case(2, &["keygen", "extra"], "", &[]),
        case(0, &["key", "check", KEY], "", &[]),
        case(0, &["key", "check"], KEY, &[]),
        case(0, &["key", "check", "-"], KEY, &[]),
        case(0, &["key", "check"], &keys2, &[]),
        case(1, &["key", "check", bad], "", &[]),
        case(1, &["key", "check"], "", &[]),
        case(1, &["key", "check"], &one_bad, &[]),
        case(2, &["key", "check", KEY, KEY], "", &[]),
        case(0, &["key", "hash", KEY], "", &[]),
        case(0, &["key", "hash", KEY, "--pepper-hex", "00ff"], "", &[]),
        case(1, &["key", "hash", bad], "", &[]),
        case(1, &["key", "hash"], "not a key\n", &[]),
        case(2, &["key", "hash", "--pepper-hex", "zz", KEY], "", &[]),
        case(2, &["key", "hash", "--pepper-hex"], "", &[]),
        case(0, &["key", "hash", "-"], KEY, &[]),
        case(0, &["key", "hash"], &keys2, &[]),
        case(1, &["key", "hash"], &one_bad, &[]),
        case(0, &["keygen", "--pepper-env", "PEPPER_HEX"], "", &pepper),
        case(
            0,
            &["key", "hash", "--pepper-env", "PEPPER_HEX", KEY],
            "",
            &pepper,
        ),
        case(
            2,
            &["key", "hash", "--pepper-env", "EMPTY", KEY],
            "",
            &pepper,
        ),
        case(
            2,
            &["key", "hash", "--pepper-env", "UNSET", KEY],
            "",
            &pepper,
        ),
        case(2, &["keygen", "--pepper-env"], "", &pepper),
        case(
            2,
            &["keygen", "--pepper-file", "/nonexistent/pepper"],
            "",
            &[],
        ),
        case(
            2,
            &[
                "keygen",
                "--pepper-env",
                "PEPPER_HEX",
                "--pepper-hex",
                "00ff",
            ],
            "",
            &pepper,
        ),
        case(
            2,
            &[
                "key",
                "hash",
                "--pepper-file",
                "/dev/null",
                "--pepper-env",
                "PEPPER_HEX",
            ],
            KEY,
            &pepper,
        ),
    ]);
    // key hash refuses on stderr (its stdout is the hash), key check on stdout (its verdict).
    let out = run(&["key", "hash", bad], "");
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("position 35"), "{}", stderr(&out));
}

#[test]
fn exit_codes_of_scan() {
    let dir = std::env::temp_dir().join(format!("revtain-cli-scan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (clean, leaked) = (dir.join("clean.txt"), dir.join("leaked.txt"));
    std::fs::write(&clean, "nothing here\n").unwrap();
    std::fs::write(&leaked, format!("oops {KEY}\n")).unwrap();
    let missing = dir.join("missing.txt");
    check_cases(&[
        case(0, &["scan"], "nothing here\n", &[]),
        case(0, &["scan", clean.to_str().unwrap()], "", &[]),
        case(1, &["scan"], "card 4242 4242 4242 4242\n", &[]),
        case(1, &["scan", leaked.to_str().unwrap()], "", &[]),
        case(2, &["scan", missing.to_str().unwrap()], "", &[]),
        case(2, &["scan", "a", "b"], "", &[]),
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn exit_codes_of_the_vault_commands() {
    let keyring = stdout(&run(&["keyring", "new"], "")).trim().to_owned();
    let other = stdout(&run(&["keyring", "new"], "")).trim().to_owned();
    let kr = [("REVTAIN_KEYRING", keyring.as_str())];
    let ctx = ["--context", "tenant=ten_a"];
    let sealed = run_vars(
        &[&["seal"][..], &ctx].concat(),
        "sk_live_1",
        &[("REVTAIN_KEYRING", Some(&keyring))],
    );
    let envelope = stdout(&sealed);
    check_cases(&[
        case(0, &["keyring", "new"], "", &[]),
        case(2, &["keyring", "new", "--binary"], "", &[]),
        case(0, &["seal", "--context", "tenant=ten_a"], "x", &kr),
        case(
            0,
            &["seal", "--context", "tenant=ten_a", "--binary"],
            "x",
            &kr,
        ),
        case(2, &["seal"], "x", &[]),
        case(2, &["seal"], "x", &[("REVTAIN_KEYRING", "1:not-a-key")]),
        case(2, &["seal", "--context", "no-equals-sign"], "x", &kr),
        case(
            2,
            &["seal", "--context", "a=1", "--context", "a=2"],
            "x",
            &kr,
        ),
        case(0, &["open", "--context", "tenant=ten_a"], &envelope, &kr),
        case(1, &["open", "--context", "tenant=ten_b"], &envelope, &kr),
        case(1, &["open"], &envelope, &kr),
        case(
            1,
            &["open", "--context", "tenant=ten_a"],
            &envelope,
            &[("REVTAIN_KEYRING", &other)],
        ),
        case(1, &["open"], "rvc1:not-an-envelope", &kr),
        case(2, &["open", "--context", "tenant=ten_a"], &envelope, &[]),
        case(2, &["open", "--context"], &envelope, &kr),
    ]);
}

#[test]
fn exit_codes_of_the_webhook_commands() {
    let c = webhook_case("sign-event");
    let secret = c["secrets"][0].as_str().unwrap();
    let header = c["headers"]["X-Revtain-Signature"].as_str().unwrap();
    let body = body_text(&c);
    let tampered = body.replace("4900", "9900");
    let env = [("REVTAIN_WEBHOOK_SECRET", secret)];
    let bad_secret = [("REVTAIN_WEBHOOK_SECRET", "whsec_not base64")];
    let verify = [
        "webhook",
        "verify",
        "--signature",
        header,
        "--now",
        "1700000000",
    ];
    check_cases(&[
        case(0, &["webhook", "secret"], "", &[]),
        case(0, &["webhook", "signing-key"], "", &[]),
        case(2, &["webhook", "secret", "now"], "", &[]),
        case(0, &["webhook", "sign", "--id", "evt_1"], "{}", &env),
        case(
            0,
            &[
                "webhook",
                "sign",
                "--id",
                "evt_1",
                "--timestamp",
                "1700000000",
            ],
            "{}",
            &env,
        ),
        case(2, &["webhook", "sign", "--id", "evt_1"], "{}", &[]),
        case(2, &["webhook", "sign", "--id", "evt_1"], "{}", &bad_secret),
        case(2, &["webhook", "sign"], "{}", &env),
        case(2, &["webhook", "sign", "--id", "evt 1"], "{}", &env),
        case(
            2,
            &["webhook", "sign", "--id", "evt_1", "--timestamp", "soon"],
            "{}",
            &env,
        ),
        case(0, &verify, &body, &env),
        case(1, &verify, &tampered, &env),
        case(
            1,
            &[
                "webhook",
                "verify",
                "--signature",
                header,
                "--now",
                "1700000400",
            ],
            &body,
            &env,
        ),
        case(
            1,
            &[
                "webhook",
                "verify",
                "--signature",
                "garbage",
                "--now",
                "1700000000",
            ],
            &body,
            &env,
        ),
        case(2, &verify, &body, &[]),
        case(2, &verify, &body, &bad_secret),
        case(
            2,
            &["webhook", "verify", "--now", "1700000000"],
            &body,
            &env,
        ),
        case(
            2,
            &[
                "webhook",
                "verify",
                "--signature",
                header,
                "--tolerance",
                "-1",
            ],
            &body,
            &env,
        ),
    ]);
}

#[test]
fn exit_codes_of_the_connector_commands() {
    let secret = [("REVTAIN_CONNECTOR_SECRET", STRIPE_SECRET)];
    let stripe = [
        "connector",
        "verify",
        "--connector",
        "stripe",
        "--header",
        STRIPE_HEADER,
    ];
    check_cases(&[
        case(0, &["connector", "list"], "", &[]),
        case(2, &["connector", "list", "--all"], "", &[]),
        case(
            0,
            &[&stripe[..], &["--now", "1700000000"]].concat(),
            STRIPE_BODY,
            &secret,
        ),
        case(
            1,
            &[&stripe[..], &["--now", "1700009999"]].concat(),
            STRIPE_BODY,
            &secret,
        ),
        case(
            1,
            &[&stripe[..], &["--now", "1700000000"]].concat(),
            "{}",
            &secret,
        ),
        case(
            1,
            &[
                "connector",
                "verify",
                "--connector",
                "stripe",
                "--now",
                "1700000000",
            ],
            STRIPE_BODY,
            &secret,
        ),
        case(
            2,
            &[&stripe[..], &["--now", "1700000000"]].concat(),
            STRIPE_BODY,
            &[],
        ),
        case(
            2,
            &["connector", "verify", "--connector", "nope"],
            STRIPE_BODY,
            &secret,
        ),
        case(
            2,
            &["connector", "verify", "--connector", "square"],
            STRIPE_BODY,
            &secret,
        ),
        case(
            2,
            &[&stripe[..], &["--body-file", "/nonexistent/body"]].concat(),
            "",
            &secret,
        ),
        case(
            2,
            &[&stripe[..], &["--secret-file", "/nonexistent/secret"]].concat(),
            "",
            &[],
        ),
        case(
            2,
            &["connector", "verify", "--header", STRIPE_HEADER],
            STRIPE_BODY,
            &secret,
        ),
    ]);
}

// ---------------------------------------------------------------------------------------------
// cli/README.md agrees with --help, and its examples run as written.

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The section of the README under `### \`revtain PATH\``, up to the next heading.
fn readme_section<'a>(readme: &'a str, path: &str) -> &'a str {
    let heading = format!("\n### `revtain {path}`\n");
    let start = readme
        .find(&heading)
        .unwrap_or_else(|| panic!("cli/README.md has no section {heading:?}"))
        + heading.len();
    let end = readme[start..]
        .find("\n#")
        .map_or(readme.len(), |i| start + i);
    &readme[start..end]
}

#[test]
fn the_readme_matches_the_help() {
    let readme = readme();
    let top = help("");
    // The command list, as --help prints it.
    let listed = block(
        &top,
        "Every command (revtain COMMAND --help for one; -h for a shorter help):",
    )
    .iter()
    .map(|l| l.strip_prefix("  ").unwrap_or(l))
    .collect::<Vec<_>>()
    .join("\n");
    assert!(
        readme.contains(&format!("## Commands\n\n```text\n{listed}\n```")),
        "the command list of cli/README.md differs from --help:\n{listed}"
    );
    // The exit-code table, row for row.
    for (code, text) in exit_rows(&block(&top, "Exit status:")) {
        let row = format!("\n| {code} | {text} |\n");
        assert!(readme.contains(&row), "cli/README.md lacks the row {row:?}");
    }
    // Each command's usage line and exit codes, verbatim.
    for leaf in leaves() {
        let help = help(leaf);
        let section = readme_section(&readme, leaf);
        let usage = help.lines().find(|l| l.starts_with("Usage: ")).unwrap();
        let exit = help[help.find("Exit status:").unwrap()..].trim_end();
        let expected = format!("```text\n{usage}\n\n{exit}\n```");
        assert!(
            section.contains(&expected),
            "cli/README.md, revtain {leaf}: expected\n{expected}\nin\n{section}"
        );
    }
}

/// Whether `line` is `shown` with each `…` of it standing for some text.
fn elided(shown: &str, line: &str) -> bool {
    let parts: Vec<&str> = shown.split('…').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if parts.len() < 2
        || !line.starts_with(first)
        || !line.ends_with(last)
        || line.len() < first.len() + last.len()
    {
        return false;
    }
    let mut rest = &line[first.len()..line.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

#[test]
fn the_readme_examples_run_as_written() {
    let readme = readme();
    let commands = &readme[readme.find("\n## Commands\n").unwrap()..];
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_revtain"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let examples: Vec<&str> = commands
        .split("```sh\n")
        .skip(1)
        .map(|rest| &rest[..rest.find("```").unwrap()])
        .collect();
    assert!(examples.len() >= 6, "{}", examples.len());
    for script in examples {
        let dir = std::env::temp_dir().join(format!(
            "revtain-cli-readme-{}-{}",
            std::process::id(),
            script.len()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let out = Command::new("bash")
            .args(["-e", "-o", "pipefail", "-c", script])
            .current_dir(&dir)
            .env("PATH", &path)
            .env_remove("REVTAIN_KEYRING")
            .env_remove("REVTAIN_WEBHOOK_SECRET")
            .env_remove("REVTAIN_CONNECTOR_SECRET")
            .stdin(Stdio::null())
            .output()
            .expect("run bash");
        std::fs::remove_dir_all(&dir).unwrap();
        let printed = format!("{}{}", stdout(&out), stderr(&out));
        assert!(out.status.success(), "{script}\nprinted:\n{printed}");
        // Each `# ` line is a line it printed, where a `…` may stand for a part of the line.
        for shown in script.lines().filter_map(|l| l.strip_prefix("# ")) {
            let found = printed
                .lines()
                .any(|line| line == shown || elided(shown, line));
            assert!(
                found,
                "{script}\ndid not print {shown:?}; printed:\n{printed}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Secrets off the command line: peppers from a variable or a file, API keys and credential
// headers from stdin or a file, and no argument (a secret typed in the wrong place, bytes
// that are not UTF-8) repeated in an error.

/// A fresh directory for one test's files, removed by the caller.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("revtain-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The lookup hash of `key` that `revtain key hash --pepper-hex` prints.
fn hash_with_pepper_hex(key: &str, pepper_hex: &str) -> String {
    let out = run(&["key", "hash", "--pepper-hex", pepper_hex, key], "");
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn a_pepper_from_a_variable_or_a_file_hashes_as_pepper_hex_does() {
    // tests/vectors/api_key.json, case hash-key0-ascii-pepper: the pepper in hex.
    let hex = "72657674696e2d7065707065722d32303236"; // "revtain-pepper-2026"
    let expected = hash_with_pepper_hex(KEY, hex);
    assert_eq!(expected.trim().len(), 64, "{expected}");
    let dir = scratch("pepper");
    // The file holds hex, upper or lower case, with or without one trailing newline.
    for (name, content) in [
        ("plain", hex.to_owned()),
        ("newline", format!("{hex}\n")),
        ("crlf", format!("{hex}\r\n")),
        ("upper", format!("{}\n", hex.to_uppercase())),
    ] {
        let file = dir.join(name);
        std::fs::write(&file, content).unwrap();
        for args in [
            vec!["key", "hash", "--pepper-file", path_str(&file), KEY],
            vec!["key", "hash", "--pepper-file", path_str(&file)],
        ] {
            let out = run(&args, &format!("{KEY}\n"));
            assert!(out.status.success(), "{name}: {}", stderr(&out));
            assert_eq!(stdout(&out), expected, "--pepper-file, {name}");
        }
    }
    let out = run_vars(
        &["key", "hash", "--pepper-env", "MY_PEPPER"],
        &format!("{KEY}\n"),
        &[("MY_PEPPER", Some(hex))],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), expected, "--pepper-env");

    // keygen prints the hash key hash prints, whichever way the pepper comes.
    let file = dir.join("plain");
    for (args, vars) in [
        (
            vec!["keygen", "--pepper-file", path_str(&file)],
            vec![("MY_PEPPER", None)],
        ),
        (
            vec!["keygen", "--pepper-env", "MY_PEPPER"],
            vec![("MY_PEPPER", Some(hex))],
        ),
    ] {
        let out = run_vars(&args, "", &vars);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let key = stdout(&out).trim().to_owned();
        let printed = stderr(&out);
        let hash = hash_with_pepper_hex(&key, hex);
        assert_eq!(printed, format!("lookup hash: {hash}"), "{args:?}");
    }

    // Only one trailing newline is ignored; what is left must be hex, and not empty.
    for (name, content) in [
        ("two-newlines", format!("{hex}\n\n")),
        ("spaces", format!(" {hex} \n")),
        ("raw", "revtain-pepper-2026\n".to_owned()),
        ("odd", "abc\n".to_owned()),
        ("empty", String::new()),
        ("only-newline", "\n".to_owned()),
    ] {
        let file = dir.join(name);
        std::fs::write(&file, &content).unwrap();
        let out = run(&["key", "hash", "--pepper-file", path_str(&file), KEY], "");
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert_eq!(stdout(&out), "", "{name}");
        assert!(
            stderr(&out).starts_with("revtain: --pepper-file: "),
            "{name}: {}",
            stderr(&out)
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();

    // An empty --pepper-hex is still no pepper, as before; an empty variable is refused.
    assert_eq!(
        hash_with_pepper_hex(KEY, ""),
        stdout(&run(&["key", "hash", KEY], ""))
    );
    let out = run_vars(
        &["key", "hash", "--pepper-env", "MY_PEPPER", KEY],
        "",
        &[("MY_PEPPER", Some(""))],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("empty"), "{}", stderr(&out));
}

#[test]
fn api_keys_come_from_stdin_one_a_line() {
    let bad = "rev_AAECAwQFBgcICQoLDA0ODxAREhMUFRY=";
    let one = stdout(&run(&["key", "hash", "--pepper-hex", "00ff", KEY], ""));
    // No argument and `-` both read stdin, with or without the last newline, \n or \r\n.
    for stdin in [KEY.to_owned(), format!("{KEY}\n"), format!("{KEY}\r\n")] {
        for args in [
            &["key", "hash", "--pepper-hex", "00ff"][..],
            &["key", "hash", "--pepper-hex", "00ff", "-"],
        ] {
            let out = run(args, &stdin);
            assert!(out.status.success(), "{stdin:?}: {}", stderr(&out));
            assert_eq!(stdout(&out), one, "{stdin:?}");
        }
        let out = run(&["key", "check", "-"], &stdin);
        assert!(out.status.success(), "{stdin:?}");
        assert_eq!(stdout(&out), "valid: rev_AAEC\u{2026}FRYX\n");
    }
    // Several keys: one hash, or one verdict, a line, in order.
    let out = run(
        &["key", "hash", "--pepper-hex", "00ff"],
        &format!("{KEY}\r\n{KEY}\n"),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{one}{one}"));
    let out = run(&["key", "check"], &format!("{KEY}\n{bad}\n\n{KEY}\n"));
    assert_eq!(out.status.code(), Some(1));
    let verdicts: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(verdicts.len(), 4, "{verdicts:?}");
    assert_eq!(verdicts[0], "valid: rev_AAEC\u{2026}FRYX");
    assert!(verdicts[1].contains("position 35"), "{verdicts:?}");
    assert!(verdicts[2].starts_with("invalid: "), "{verdicts:?}");
    assert_eq!(verdicts[3], "valid: rev_AAEC\u{2026}FRYX");
    // key hash refuses them all when one is not a key, naming its line, not the key.
    let out = run(&["key", "hash"], &format!("{KEY}\n{bad}\n"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).starts_with("revtain: line 2: not a Revtain API key"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains(bad), "{}", stderr(&out));
    // The argument still works; `-` is stdin, not a key.
    let out = run(&["key", "check", KEY], "not read");
    assert!(out.status.success());
    let out = run(&["key", "check", "-"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("invalid: "), "{}", stdout(&out));
}

#[test]
fn a_header_file_keeps_a_credential_header_off_the_command_line() {
    let dir = scratch("headers");
    let secret = "revtain:example-password";
    let basic = "cmV2dGFpbjpleGFtcGxlLXBhc3N3b3Jk"; // base64 of the secret
    let headers = dir.join("headers.txt");
    std::fs::write(
        &headers,
        format!("Content-Type: application/json\r\n\r\nAuthorization: Basic {basic}\r\n"),
    )
    .unwrap();
    let chargebee = |file: &Path| {
        run_vars(
            &[
                "connector",
                "verify",
                "--connector",
                "chargebee",
                "--header-file",
                path_str(file),
            ],
            "{}",
            &[("REVTAIN_CONNECTOR_SECRET", Some(secret))],
        )
    };
    let out = chargebee(&headers);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).starts_with("verified: chargebee webhook"));
    // The file and --header together: a Stripe signature from each place.
    let stripe = dir.join("stripe.txt");
    std::fs::write(&stripe, format!("{STRIPE_HEADER}\n")).unwrap();
    let out = connector_verify(
        &[
            "--header-file",
            path_str(&stripe),
            "--header",
            "Content-Type: application/json",
            "--now",
            "1700000000",
        ],
        STRIPE_BODY,
        Some(STRIPE_SECRET),
    );
    assert!(out.status.success(), "{}", stdout(&out));
    // A line that is not a header: its number, never its content.
    let broken = dir.join("broken.txt");
    std::fs::write(
        &broken,
        format!("Host: example.com\nAuthorization Basic {basic}\n"),
    )
    .unwrap();
    let out = chargebee(&broken);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).starts_with("revtain: --header-file, line 2: "),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains(basic), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A marker in every bad secret below: it must not appear in anything the command prints.
const MARK: &str = "Zq9Xw7Vb";

#[test]
fn no_secret_option_repeats_its_bad_value() {
    let dir = scratch("secrets");
    let file = |name: &str, content: &str| {
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let bad_pepper = file("pepper", &format!("{MARK}\n"));
    let bad_adyen = file("adyen", &format!("not-hex-{MARK}\n"));
    let bad_headers = file("headers", &format!("Authorization Basic {MARK}\n"));
    let missing = format!("/nonexistent/whsec_{MARK}");
    let bad_key = format!("rev_AAECAwQFBgcICQoLDA0ODxAR{MARK}=");
    let bad_header = format!("Authorization Basic {MARK}");
    let adyen = ["connector", "verify", "--connector", "adyen"];
    let chargebee = ["connector", "verify", "--connector", "chargebee"];
    let not_hex = format!("not-hex-{MARK}");
    let bad_keyring = format!("1:{MARK}");
    let bad_whsec = format!("whsec_{MARK}");
    let key_line = format!("{bad_key}\n");
    let key_lines = format!("{KEY}\n{bad_key}\n");
    let basic = [("REVTAIN_CONNECTOR_SECRET", "u:p")];
    let cases = [
        // The pepper: each option, a value not of the form, a name or path that is a secret.
        case(2, &["keygen", "--pepper-hex", MARK], "", &[]),
        case(2, &["key", "hash", "--pepper-hex", MARK, KEY], "", &[]),
        case(2, &["keygen", "--pepper-env", "P"], "", &[("P", MARK)]),
        case(2, &["keygen", "--pepper-env", MARK], "", &[]),
        case(2, &["keygen", "--pepper-file", &bad_pepper], "", &[]),
        case(2, &["key", "hash", "--pepper-file", &missing, KEY], "", &[]),
        // The platform secret.
        case(
            2,
            &[&adyen[..], &["--secret-env", "S"]].concat(),
            "{}",
            &[("S", &not_hex)],
        ),
        case(
            2,
            &[&adyen[..], &["--secret-env", MARK]].concat(),
            "{}",
            &[],
        ),
        case(
            2,
            &[&adyen[..], &["--secret-file", &bad_adyen]].concat(),
            "{}",
            &[],
        ),
        case(
            2,
            &[&adyen[..], &["--secret-file", &missing]].concat(),
            "{}",
            &[],
        ),
        case(2, &adyen, "{}", &[("REVTAIN_CONNECTOR_SECRET", &not_hex)]),
        // A credential header, in the file or on the command line.
        case(
            2,
            &[&chargebee[..], &["--header-file", &bad_headers]].concat(),
            "{}",
            &basic,
        ),
        case(
            2,
            &[&chargebee[..], &["--header-file", &missing]].concat(),
            "{}",
            &basic,
        ),
        case(
            2,
            &[&chargebee[..], &["--header", &bad_header]].concat(),
            "{}",
            &basic,
        ),
        // The keyring and the webhook secret (environment only).
        case(2, &["seal"], "x", &[("REVTAIN_KEYRING", &bad_keyring)]),
        case(
            2,
            &["webhook", "sign", "--id", "evt_1"],
            "{}",
            &[("REVTAIN_WEBHOOK_SECRET", &bad_whsec)],
        ),
        case(
            2,
            &["webhook", "verify", "--signature", "v1,x"],
            "{}",
            &[("REVTAIN_WEBHOOK_SECRET", &bad_whsec)],
        ),
        // API keys: refused, not repeated, from the command line or stdin.
        case(1, &["key", "check", &bad_key], "", &[]),
        case(1, &["key", "check"], &key_line, &[]),
        case(1, &["key", "hash", &bad_key], "", &[]),
        case(1, &["key", "hash", "-"], &key_lines, &[]),
        case(2, &["scan", &missing], "", &[]),
        case(2, &["scan", KEY, &bad_key], "", &[]),
    ];
    check_cases(&cases);
    for c in &cases {
        let vars: Vec<(&str, Option<&str>)> = c.vars.iter().map(|(k, v)| (*k, Some(*v))).collect();
        let out = run_vars(&c.args, c.stdin, &vars);
        let printed = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            !printed.contains(MARK),
            "revtain {} printed the secret: {printed}",
            c.args.join(" ")
        );
        assert!(!printed.contains("whsec_"), "{:?}: {printed}", c.args);
    }
    // Variable names the environment cannot hold: refused, no panic.
    for name in ["", "A=B"] {
        for args in [
            vec!["keygen", "--pepper-env", name],
            [&adyen[..], &["--secret-env", name]].concat(),
        ] {
            let out = run(&args, "{}");
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn an_argument_not_valid_utf8_is_named_by_its_position_not_shown() {
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;

    // Each argument that is not UTF-8 carries the marker, after a byte that is not UTF-8.
    let secret = |prefix: &str| {
        let mut bytes = prefix.as_bytes().to_vec();
        bytes.extend_from_slice(b"\xff\xfe");
        bytes.extend_from_slice(MARK.as_bytes());
        OsString::from_vec(bytes)
    };
    let arg = |s: &str| OsString::from(s);
    let cases: Vec<(Vec<OsString>, usize)> = vec![
        (vec![secret("rev_")], 1),
        (vec![arg("key"), arg("check"), secret("rev_")], 3),
        (vec![arg("key"), arg("hash"), secret("rev_")], 3),
        (
            vec![
                arg("key"),
                arg("hash"),
                arg("--pepper-hex"),
                secret("00"),
                arg(KEY),
            ],
            4,
        ),
        (vec![arg("key"), arg("hash"), secret("--pepper-hex=00")], 3),
        (vec![arg("keygen"), arg("--pepper-env"), secret("P")], 3),
        (vec![arg("keygen"), secret("--")], 2),
        (vec![arg("scan"), arg("a"), secret("b")], 3),
        (
            vec![
                arg("webhook"),
                arg("verify"),
                arg("--signature"),
                secret("v1,"),
            ],
            4,
        ),
        (
            vec![
                arg("connector"),
                arg("verify"),
                arg("--connector"),
                arg("stripe"),
                arg("--header"),
                secret("Authorization: Basic "),
            ],
            6,
        ),
        (
            vec![
                arg("connector"),
                arg("verify"),
                arg("--connector"),
                secret("stripe"),
            ],
            4,
        ),
        // A path may be any bytes: the argument named is the other one.
        (
            vec![
                arg("connector"),
                arg("verify"),
                arg("--body-file"),
                secret("/tmp/"),
                arg("--connector"),
                secret("stripe"),
            ],
            6,
        ),
    ];
    for (args, position) in &cases {
        let out = run_os(args, b"", &[("REVTAIN_CONNECTOR_SECRET", Some("k"))]);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "{args:?}");
        assert_eq!(
            stderr(&out),
            format!(
                "revtain: argument {position} is not valid UTF-8 (not shown: it may be a \
                 secret)\n"
            ),
            "{args:?}"
        );
        assert!(!out.stderr.windows(2).any(|w| w == b"\xff\xfe"), "{args:?}");
    }

    // A path that is not UTF-8 is a path like any other; when it cannot be read, it is not
    // shown either.
    let dir = scratch("utf8");
    let mut name = dir.clone().into_os_string().into_vec();
    name.extend_from_slice(b"/ticket-\xff.txt");
    let path = PathBuf::from(OsString::from_vec(name));
    std::fs::write(&path, format!("pasted {KEY}\n")).unwrap();
    let out = run_os(&[arg("scan"), path.clone().into_os_string()], b"", &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("1 API key(s)"), "{}", stdout(&out));
    let out = run_os(&[arg("scan"), secret("/nonexistent/")], b"", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("revtain: scan: cannot read the file: "));
    assert!(!stderr(&out).contains(MARK), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}
