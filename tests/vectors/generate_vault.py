#!/usr/bin/env python3
"""Generates tests/vectors/vault.json (docs/spec.md §2.2).

A second implementation of the envelope format: the `cryptography` package's AESGCM encrypts
with fixed keys and nonces, and the header, context encoding, text form and keyring text are
written here from the text of docs/spec.md. Needs `cryptography` (in the repository's .venv).

    .venv/bin/python tests/vectors/generate_vault.py          # rewrite the vector file
    .venv/bin/python tests/vectors/generate_vault.py --check  # fail if the file differs
"""

import base64
import struct
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from vectorlib import derived, write_or_check  # this folder (the script's own directory is on sys.path)

OUT = Path(__file__).with_name("vault.json")

MALFORMED = "REVTAIN_RESULT_VAULT_MALFORMED_ENVELOPE"
UNKNOWN_KEY_ID = "REVTAIN_RESULT_VAULT_UNKNOWN_KEY_ID"
AUTH_FAILED = "REVTAIN_RESULT_VAULT_AUTHENTICATION_FAILED"
KEYRING_INVALID = "REVTAIN_RESULT_KEYRING_INVALID"
INVALID_CONTEXT = "REVTAIN_RESULT_VAULT_INVALID_CONTEXT"



KEYS = {
    1: derived("vault-key-1", 32),
    3735928559: derived("vault-key-deadbeef", 32),
    4294967295: derived("vault-key-max", 32),
}
KEYRING_TEXT = ",".join(f"{i}:{base64.b64encode(k).decode()}" for i, k in KEYS.items())
STRANGER = (7, derived("vault-key-7-not-in-keyring", 32))


def encode_context(ctx: dict) -> bytes:
    pairs = sorted(((k.encode(), v.encode()) for k, v in ctx.items()), key=lambda p: p[0])
    out = struct.pack(">H", len(pairs))
    for k, v in pairs:
        out += struct.pack(">H", len(k)) + k + struct.pack(">H", len(v)) + v
    return out


def seal(key_id: int, key: bytes, nonce: bytes, plaintext: bytes, ctx: dict) -> bytes:
    header = bytes([0x01, 0x01]) + struct.pack(">I", key_id)
    sealed = AESGCM(key).encrypt(nonce, plaintext, header + encode_context(ctx))
    return header + nonce + sealed  # ciphertext || tag


def text(envelope: bytes) -> str:
    return "rvc1:" + base64.urlsafe_b64encode(envelope).decode().rstrip("=")


TYPICAL_CTX = {"tenant": "ten_8f3a", "gateway": "stripe", "field": "secret_key", "row": "42"}


def positive_cases():
    specs = [
        ("seal-empty-plaintext-empty-context", 1, b"", {}),
        ("seal-one-byte", 1, b"x", TYPICAL_CTX),
        ("seal-stripe-secret-typical-context", 1, b"sk_live_51H8xYzExampleExampleExample", TYPICAL_CTX),
        ("seal-1-kib", 1, derived("plaintext-1k", 1024), TYPICAL_CTX),
        ("seal-non-utf8-bytes", 1, b"\xff\xfe\x00\x80\xc3\x28", {"tenant": "t"}),
        ("seal-unicode-context-values", 1, b"braintree private key",
         {"tenant": "Z\u00fcrich \u2615", "field": "\U0001f511", "gateway": "braintree"}),
        ("seal-context-sorted-by-bytes", 1, b"order",
         {"b": "2", "a": "1", "B": "0", "\u00e9": "3", "": "empty key"}),
        ("seal-empty-context-value", 1, b"value", {"row": ""}),
        ("seal-under-old-key-deadbeef", 3735928559, b"sk_live_old", TYPICAL_CTX),
        ("seal-under-max-key-id", 4294967295, b"sk_live_max", TYPICAL_CTX),
    ]
    cases = []
    for cid, key_id, pt, ctx in specs:
        nonce = derived(f"nonce-{cid}", 12)
        env = seal(key_id, KEYS[key_id], nonce, pt, ctx)
        cases.append({
            "id": cid,
            "key_id": key_id,
            "nonce_hex": nonce.hex(),
            "plaintext_hex": pt.hex(),
            "context": ctx,
            "context_encoding_hex": encode_context(ctx).hex(),
            "envelope_hex": env.hex(),
            "envelope_text": text(env),
            "needs_rotation": key_id != 1,
        })
    return cases


def negative_cases(typical: dict):
    env = bytes.fromhex(typical["envelope_hex"])
    ctx = typical["context"]
    n = len(env)

    def flip(i, mask=0x01):
        return env[:i] + bytes([env[i] ^ mask]) + env[i + 1:]

    cases = []

    def binary(cid, data, error, context=ctx, reason=None):
        c = {"id": cid, "envelope_hex": data.hex(), "context": context, "error": error}
        if reason:
            c["reason"] = reason
        cases.append(c)

    def textual(cid, data, error, reason=None):
        c = {"id": cid, "envelope_text": data, "context": ctx, "error": error}
        if reason:
            c["reason"] = reason
        cases.append(c)

    binary("version-byte-0x02", bytes([0x02]) + env[1:], MALFORMED, reason="version")
    binary("version-byte-0x00", bytes([0x00]) + env[1:], MALFORMED, reason="version")
    binary("algorithm-byte-0x02", env[:1] + bytes([0x02]) + env[2:], MALFORMED, reason="algorithm")
    binary("algorithm-byte-0x00", env[:1] + bytes([0x00]) + env[2:], MALFORMED, reason="algorithm")
    for i in range(2, 6):
        binary(f"key-id-byte-{i}-changed", flip(i, 0x10), UNKNOWN_KEY_ID)
    binary("nonce-first-byte-changed", flip(6), AUTH_FAILED)
    binary("nonce-last-byte-changed", flip(17), AUTH_FAILED)
    binary("ciphertext-first-byte-changed", flip(18), AUTH_FAILED)
    binary("ciphertext-last-byte-changed", flip(n - 17), AUTH_FAILED)
    binary("tag-first-byte-changed", flip(n - 16), AUTH_FAILED)
    binary("tag-last-bit-changed", flip(n - 1, 0x80), AUTH_FAILED)
    for cut in (0, 1, 2, 5, 6, 17, 18, 33):
        binary(f"truncated-to-{cut}-bytes", env[:cut], MALFORMED, reason="length")
    binary("truncated-to-34-bytes-no-ciphertext", env[:34], AUTH_FAILED)
    binary("truncated-by-one-tag-byte", env[:-1], AUTH_FAILED)
    binary("one-byte-appended", env + b"\x00", AUTH_FAILED)
    binary("context-value-changed", env, AUTH_FAILED, context={**ctx, "tenant": "ten_other"})
    binary("context-key-added", env, AUTH_FAILED, context={**ctx, "extra": "1"})
    removed = dict(ctx)
    del removed["row"]
    binary("context-key-removed", env, AUTH_FAILED, context=removed)
    binary("context-empty", env, AUTH_FAILED, context={})
    binary("context-key-renamed-same-value", env, AUTH_FAILED,
           context={("Tenant" if k == "tenant" else k): v for k, v in ctx.items()})
    stranger = seal(STRANGER[0], STRANGER[1], derived("nonce-stranger", 12), b"secret", ctx)
    binary("unknown-key-id-7", stranger, UNKNOWN_KEY_ID)
    # The right header for key 1 but encrypted with key 7's key: the id decides, never a retry.
    wrong_key = bytes.fromhex(stranger.hex())
    wrong_key = wrong_key[:2] + struct.pack(">I", 1) + wrong_key[6:]
    binary("key-id-1-but-other-key-used", wrong_key, AUTH_FAILED)
    t = typical["envelope_text"]
    textual("text-bad-base64-character", t[:20] + "!" + t[21:], MALFORMED, reason="encoding")
    textual("text-standard-base64-plus", t[:20] + "+" + t[21:], MALFORMED, reason="encoding")
    textual("text-with-padding", t + "=" * ((4 - (len(t) - 5) % 4) % 4 or 4), MALFORMED, reason="encoding")
    textual("text-trailing-newline", t + "\n", MALFORMED, reason="encoding")
    textual("text-wrong-version-prefix", "rvc2:" + t[5:], MALFORMED, reason="prefix")
    textual("text-upper-case-prefix", "RVC1:" + t[5:], MALFORMED, reason="version")
    textual("text-prefix-only", "rvc1:", MALFORMED, reason="length")
    textual("text-truncated-character", t[:-1], None)
    # Dropping one base64 character either leaves dangling bits (encoding) or a shorter
    # envelope (authentication); say which for this vector.
    last = cases[-1]
    try:
        raw = base64.urlsafe_b64decode(t[5:-1] + "=" * (-(len(t) - 6) % 4))
        canonical = text(raw) == t[:-1]
    except Exception:
        canonical = False
    last["error"] = AUTH_FAILED if canonical else MALFORMED
    if not canonical:
        last["reason"] = "encoding"
    return cases


def keyring_cases():
    k = base64.b64encode(derived("keyring-case", 32)).decode()
    k2 = base64.b64encode(derived("keyring-case-2", 32)).decode()
    valid = [
        ("keyring-one-entry", f"17:{k}", [17]),
        ("keyring-two-entries-first-primary", f"99:{k},3:{k2}", [99, 3]),
        ("keyring-id-zero", f"0:{k}", [0]),
        ("keyring-max-id", f"4294967295:{k}", [4294967295]),
        ("keyring-spaces-around-entries", f" 5:{k} , 6:{k2}\n", [5, 6]),
    ]
    invalid = [
        ("keyring-empty", ""),
        ("keyring-repeated-id", f"5:{k},5:{k2}"),
        ("keyring-missing-colon", f"5{k}"),
        ("keyring-negative-id", f"-5:{k}"),
        ("keyring-id-too-large", f"4294967296:{k}"),
        ("keyring-id-hex", f"0x10:{k}"),
        ("keyring-id-leading-zero", f"05:{k}"),
        ("keyring-id-missing", f":{k}"),
        ("keyring-key-unpadded", f"5:{k.rstrip('=')}"),
        ("keyring-key-base64url", f"5:{base64.urlsafe_b64encode(derived('keyring-url', 32)).decode()}"
         if "-" in base64.urlsafe_b64encode(derived('keyring-url', 32)).decode()
         or "_" in base64.urlsafe_b64encode(derived('keyring-url', 32)).decode() else "5:-"),
        ("keyring-key-31-bytes", f"5:{base64.b64encode(derived('k31', 31)).decode()}"),
        ("keyring-key-33-bytes", f"5:{base64.b64encode(derived('k33', 33)).decode()}"),
        ("keyring-trailing-comma", f"5:{k},"),
        ("keyring-key-missing", "5:"),
        # Keys with no entropy (one repeated byte: a placeholder, an unset variable read as zeros).
        ("keyring-key-all-zero", f"5:{base64.b64encode(bytes(32)).decode()}"),
        ("keyring-key-one-repeated-byte", f"5:{base64.b64encode(bytes([0x41]) * 32).decode()}"),
        ("keyring-second-key-all-zero", f"5:{k},6:{base64.b64encode(bytes(32)).decode()}"),
    ]
    return (
        [{"id": i, "text": t, "key_ids": ids} for i, t, ids in valid],
        [{"id": i, "text": t, "error": KEYRING_INVALID} for i, t in invalid],
    )


def build():
    pos = positive_cases()
    typical = next(c for c in pos if c["id"] == "seal-stripe-secret-typical-context")
    valid_kr, invalid_kr = keyring_cases()
    return {
        "description": "Revtain credential vault (docs/spec.md §2.2): AES-256-GCM envelopes, binary and "
        "rvc1: text forms, the canonical context encoding bound as associated data, and the "
        "keyring text form. `keyring` opens every `seal` and `open_errors` case.",
        "source": "Generated by tests/vectors/generate_vault.py: the cryptography package's "
        "AESGCM encrypts with fixed keys and nonces; header, context encoding, base64 forms and "
        "keyring text are written from the text of docs/spec.md, independently of the Rust code.",
        "keyring": KEYRING_TEXT,
        "primary_key_id": 1,
        "seal": pos,
        "open_errors": negative_cases(typical),
        "keyring_valid": valid_kr,
        "keyring_invalid": invalid_kr,
        "context_invalid": [
            {"id": "context-key-65536-bytes", "key_len": 65536, "value_len": 1, "error": INVALID_CONTEXT},
            {"id": "context-value-65536-bytes", "key_len": 1, "value_len": 65536, "error": INVALID_CONTEXT},
        ],
    }


def main():
    write_or_check(OUT, build(), "generate_vault.py")


if __name__ == "__main__":
    main()
