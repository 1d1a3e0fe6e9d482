#!/usr/bin/env python3
"""Generates tests/vectors/api_key.json (docs/spec.md §2.1).

Independent of the Rust code: Python's standard library (hmac, hashlib, base64, re) implements
the key format, the lookup hash and the scanning rule from the text of docs/spec.md. Inputs are fixed or
derived from SHA-256 of fixed labels, so the output never changes unless this file does.

    python3 tests/vectors/generate_api_key.py          # rewrite the vector file
    python3 tests/vectors/generate_api_key.py --check  # fail if the committed file differs
"""

import base64
import hashlib
import hmac
import re
from pathlib import Path

from vectorlib import derived, write_or_check  # this folder (the script's own directory is on sys.path)

OUT = Path(__file__).with_name("api_key.json")
ALPHABET = re.compile(r"[A-Za-z0-9_-]")
# docs/spec.md §2.1: rev_ + 32 base64url characters not adjoined by another base64url character.
SCAN = re.compile(r"(?<![A-Za-z0-9_-])rev_[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])", re.ASCII)

WRONG_PREFIX = "REVTAIN_RESULT_API_KEY_WRONG_PREFIX"
WRONG_LENGTH = "REVTAIN_RESULT_API_KEY_WRONG_LENGTH"
BAD_CHARACTER = "REVTAIN_RESULT_API_KEY_BAD_CHARACTER"
INVALID_LOOKUP_HASH = "REVTAIN_RESULT_INVALID_LOOKUP_HASH"



def key_of(raw: bytes) -> str:
    assert len(raw) == 24
    return "rev_" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def redacted(key: str) -> str:
    body = key[4:]
    return "rev_" + body[:4] + "\u2026" + body[-4:]


def lookup_hash(key: str, pepper: bytes) -> bytes:
    return hmac.new(pepper, key.encode(), hashlib.sha256).digest()


def expected_error(s: str):
    """The order of checks of docs/spec.md: prefix, length (in characters), alphabet."""
    if not s.startswith("rev_"):
        return WRONG_PREFIX, None
    if len(s) != 36:
        return WRONG_LENGTH, None
    for i, c in enumerate(s):
        if i >= 4 and not (c.isascii() and ALPHABET.fullmatch(c)):
            return BAD_CHARACTER, i
    return None, None


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def valid_cases():
    raws = [
        ("valid-counting-bytes", bytes(range(24))),
        ("valid-all-zero", bytes(24)),
        ("valid-all-ones", b"\xff" * 24),
        ("valid-dash-and-underscore", bytes.fromhex("fbeffbeffbeffbeffbeffbeffbeffbeffbeffbeffbeffbef")),
    ]
    raws += [(f"valid-derived-{i}", derived(f"api-key-{i}", 24)) for i in range(4)]
    cases = []
    for cid, raw in raws:
        key = key_of(raw)
        assert expected_error(key) == (None, None)
        cases.append({"id": cid, "key": key, "bytes_hex": raw.hex(), "redacted": redacted(key)})
    return cases


def invalid_cases(good: str):
    body = good[4:]
    raw = [
        ("prefix-empty-string", ""),
        ("prefix-missing", body),
        ("prefix-stripe-secret", "sk_live_" + body),
        ("prefix-upper-case", "REV_" + body),
        ("prefix-title-case", "Rev_" + body),
        ("prefix-dash", "rev-" + body),
        ("prefix-only-rev", "rev"),
        ("prefix-leading-space", " " + good),
        ("prefix-leading-newline", "\n" + good),
        ("prefix-cyrillic-e", "r\u0435v_" + body),
        ("length-prefix-only", "rev_"),
        ("length-short-by-one", good[:-1]),
        ("length-long-by-one", good + "A"),
        ("length-double", good + body),
        ("length-trailing-newline", good + "\n"),
        ("length-trailing-crlf", good + "\r\n"),
        ("length-trailing-space", good + " "),
        ("length-padding-appended", good + "="),
        ("length-standard-base64-of-24-bytes-padded",
         "rev_" + base64.b64encode(bytes(range(24))).decode() + "=="),
        ("char-first-body-position", "rev_=" + body[1:]),
        ("char-last-position", good[:-1] + "="),
        ("char-plus", good[:20] + "+" + good[21:]),
        ("char-slash", good[:20] + "/" + good[21:]),
        ("char-dot", good[:12] + "." + good[13:]),
        ("char-inner-space", good[:15] + " " + good[16:]),
        ("char-tab", good[:30] + "\t" + good[31:]),
        ("char-nul", good[:8] + "\x00" + good[9:]),
        ("char-cyrillic-a-lookalike", good[:10] + "\u0430" + good[11:]),
        ("char-fullwidth-a", good[:33] + "\uff41" + good[34:]),
        ("char-emoji-astral", good[:5] + "\U0001f511" + good[6:]),
        ("char-latin1-e-acute", good[:27] + "\u00e9" + good[28:]),
        ("char-prefix-then-bad-second-char", "rev_A!" + body[2:]),
    ]
    cases = []
    for cid, s in raw:
        code, pos = expected_error(s)
        assert code is not None, cid
        # key_hex: the exact UTF-8 bytes, for readers whose JSON strings stop at a NUL (C).
        case = {"id": cid, "key": s, "key_hex": s.encode().hex(), "error": code}
        if pos is not None:
            case["position"] = pos
        if code == WRONG_LENGTH:
            case["length"] = len(s)
        cases.append(case)
    return cases


def hash_cases(keys):
    peppers = [
        ("empty-pepper", b""),
        ("ascii-pepper", b"revtain-pepper-2026"),
        ("32-byte-pepper", derived("pepper-32", 32)),
        ("64-byte-pepper-block-size", derived("pepper-64", 64)),
        ("100-byte-pepper-longer-than-block", derived("pepper-100", 100)),
    ]
    cases = []
    for i, key in enumerate(keys[:3]):
        for pid, pepper in peppers:
            cases.append({
                "id": f"hash-key{i}-{pid}",
                "key": key,
                "pepper_hex": pepper.hex(),
                "hash_hex": lookup_hash(key, pepper).hex(),
            })
    return cases


def verify_cases(key, other):
    pepper = b"revtain-pepper-2026"
    good = lookup_hash(key, pepper)
    flipped_first = bytes([good[0] ^ 1]) + good[1:]
    flipped_last = good[:-1] + bytes([good[-1] ^ 0x80])
    cases = [
        ("verify-match", key, good, pepper, True),
        ("verify-match-empty-pepper", key, lookup_hash(key, b""), b"", True),
        ("verify-first-bit-flipped", key, flipped_first, pepper, False),
        ("verify-last-bit-flipped", key, flipped_last, pepper, False),
        ("verify-wrong-pepper", key, good, b"another-pepper", False),
        ("verify-missing-pepper", key, good, b"", False),
        ("verify-other-key", other, good, pepper, False),
        ("verify-malformed-key-is-no-match", key[:-1], good, pepper, False),
        ("verify-upper-case-prefix-is-no-match", "REV_" + key[4:], good, pepper, False),
        ("verify-hash-31-bytes", key, good[:31], pepper, INVALID_LOOKUP_HASH),
        ("verify-hash-empty", key, b"", pepper, INVALID_LOOKUP_HASH),
        ("verify-hash-given-as-hex-text", key, good.hex().encode(), pepper, INVALID_LOOKUP_HASH),
    ]
    out = []
    for cid, k, stored, pep, expected in cases:
        case = {"id": cid, "key": k, "stored_hash_hex": stored.hex(), "pepper_hex": pep.hex()}
        if isinstance(expected, bool):
            case["matches"] = expected
        else:
            case["error"] = expected
        out.append(case)
    return out


def scan_cases(k1, k2):
    b = "A" * 32
    texts = [
        ("scan-no-key", "nothing to see here: rev_ is just a prefix"),
        ("scan-exact-key", k1),
        ("scan-json", '{"api_key":"' + k1 + '","amount":1999}'),
        ("scan-url-query", "GET https://api.example.com/v1/recoveries?key=" + k1 + "&limit=10 HTTP/1.1"),
        ("scan-authorization-header", "Authorization: Bearer " + k1),
        ("scan-log-line", "2026-11-28T10:00:00Z INFO auth ok key=" + k1 + " merchant=m_42 took=3ms"),
        ("scan-two-keys-one-line", "old=" + k1 + " new=" + k2),
        ("scan-comma-separated", k1 + "," + k2),
        ("scan-multi-line", "first line\nkey: " + k1 + "\nsecond: " + k2 + "\n"),
        ("scan-end-of-sentence", "Your key is " + k1 + "."),
        ("scan-followed-by-padding-char", k1 + "="),
        ("scan-adjoined-before-letter", "x" + k1),
        ("scan-adjoined-before-digit", "7" + k1),
        ("scan-adjoined-before-underscore", "_" + k1),
        ("scan-adjoined-before-dash", "-" + k1),
        ("scan-adjoined-after-letter", k1 + "A"),
        ("scan-adjoined-after-dash", k1 + "-x"),
        ("scan-33-body-chars", "rev_" + b + "B rest"),
        ("scan-31-body-chars", "key rev_" + b[:31] + " rest"),
        ("scan-upper-case-prefix", "REV_" + b),
        ("scan-prefix-inside-body", "rev_rev_" + b[:28]),
        ("scan-doubled-prefix-then-key", "rev_" + k1),
        ("scan-unicode-before", "cl\u00e9 \U0001f511 " + k1 + " \u00fcber"),
        ("scan-unicode-between", k1 + " \u2014 \U0001f510 " + k2),
        ("scan-after-lookalike", "\u0430" + k1),
        ("scan-form-body", "customer=cus_1&api_key=" + k1 + "&amount=10"),
    ]
    cases = []
    for cid, text in texts:
        matches = []
        for m in SCAN.finditer(text):
            s, e = m.span()
            bs = len(text[:s].encode())
            be = bs + len(text[s:e].encode())
            us = utf16_len(text[:s])
            matches.append({"bytes": [bs, be], "chars": [s, e], "utf16": [us, us + (e - s)]})
        red = SCAN.sub(lambda m: redacted(m.group(0)), text)
        cases.append({"id": cid, "text": text, "matches": matches, "redacted": red})
    return cases


def build():
    valid = valid_cases()
    keys = [c["key"] for c in valid]
    return {
        "description": "Revtain API keys (docs/spec.md §2.1): valid keys, every invalid shape with its error "
        "code, lookup hashes (HMAC-SHA256(pepper, key string)), constant-time verification, "
        "and scanning/redaction of keys in text. Offsets are given in UTF-8 bytes (C, Rust), "
        "code points (Python) and UTF-16 code units (JavaScript).",
        "source": "Generated by tests/vectors/generate_api_key.py from the text of docs/spec.md with "
        "Python's standard library (hmac, hashlib, base64, re) as a second implementation. "
        "There are no non-canonical-encoding cases: 32 base64url characters are exactly 192 "
        "bits, so every body of the right length and alphabet is canonical.",
        "valid": valid,
        "invalid": invalid_cases(keys[0]),
        "lookup_hash": hash_cases(keys),
        "verify": verify_cases(keys[4], keys[5]),
        "scan": scan_cases(keys[4], keys[5]),
    }


def main():
    write_or_check(OUT, build(), "generate_api_key.py")


if __name__ == "__main__":
    main()
