//! The `revtain` command, run as a user would.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_revtain"))
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
