//! The `revtain` command, run as a user would.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    run_env(args, stdin, None)
}

fn run_env(args: &[&str], stdin: &str, keyring: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_revtain"));
    cmd.env_remove("REVTAIN_KEYRING");
    if let Some(k) = keyring {
        cmd.env("REVTAIN_KEYRING", k);
    }
    let mut child = cmd
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn revtain");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
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
    let clean = run(&["scan"], "nothing here\n");
    assert!(clean.status.success());
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
