#!/usr/bin/env python3
"""Generates tests/vectors/webhook.json (docs/spec.md §2.3 and §2.9).

Independent of the Rust code: Python's standard library (hmac, hashlib, base64) computes every
HMAC signature, and the `cryptography` package (OpenSSL's Ed25519) every Ed25519 one, from the
text of docs/spec.md; each case states the outcome docs/spec.md demands. Secrets, keys and
bodies are fixed or derived from SHA-256 of fixed labels (Ed25519 signatures are deterministic),
so the output never changes unless this file does. Needs `cryptography` (in the repository's
.venv: `make vectors` runs it there).

    python3 tests/vectors/generate_webhook.py          # rewrite the vector file
    python3 tests/vectors/generate_webhook.py --check  # fail if the committed file differs

A body is `body_hex` decoded, repeated `body_repeat` times (default 1). A `header` of null
means the request has no X-Revtain-Signature header.
"""

import base64
import hashlib
import hmac
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from vectorlib import derived, write_or_check  # this folder (the script's own directory is on sys.path)

OUT = Path(__file__).with_name("webhook.json")

MISSING = "REVTAIN_RESULT_WEBHOOK_HEADER_MISSING"
MALFORMED = "REVTAIN_RESULT_WEBHOOK_HEADER_MALFORMED"
NO_SIGNATURE = "REVTAIN_RESULT_WEBHOOK_NO_SIGNATURE"
STALE = "REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE"
MISMATCH = "REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH"
INVALID_SECRET = "REVTAIN_RESULT_WEBHOOK_INVALID_SECRET"
INVALID_EVENT_ID = "REVTAIN_RESULT_WEBHOOK_INVALID_EVENT_ID"
INVALID_PAYLOAD = "REVTAIN_RESULT_WEBHOOK_INVALID_PAYLOAD"


def secret_of(raw: bytes) -> str:
    assert len(raw) == 32
    return "whsec_" + base64.b64encode(raw).decode()


SECRET_A = secret_of(derived("webhook secret A", 32))
SECRET_B = secret_of(derived("webhook secret B", 32))
SECRET_C = secret_of(derived("webhook secret C", 32))


def key_of(secret: str) -> bytes:
    body = secret[len("whsec_"):]
    return base64.b64decode(body + "=" * (-len(body) % 4))


def v1(secret: str, t: str, body: bytes) -> str:
    return hmac.new(key_of(secret), t.encode() + b"." + body, hashlib.sha256).hexdigest()


def standard(secret: str, event_id: str, t: str, body: bytes) -> str:
    mac = hmac.new(key_of(secret), f"{event_id}.{t}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def signing_key_of(seed: bytes) -> str:
    assert len(seed) == 32
    return "whsk_" + b64(seed)


def public_raw(seed: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(
        Encoding.Raw, PublicFormat.Raw)


def public_key_of(seed: bytes) -> str:
    return "whpk_" + b64(public_raw(seed))


SEED_A = derived("webhook ed25519 seed A", 32)
SEED_B = derived("webhook ed25519 seed B", 32)
SK_A, PK_A = signing_key_of(SEED_A), public_key_of(SEED_A)
SK_B, PK_B = signing_key_of(SEED_B), public_key_of(SEED_B)
SEEDS = {SK_A: SEED_A, SK_B: SEED_B}


def seed_of(key: str) -> bytes:
    body = key[len("whsk_"):]
    raw = base64.b64decode(body + "=" * (-len(body) % 4))
    return raw[:32]


def ed25519(key: str, message: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(seed_of(key)).sign(message)


def v1a(key: str, t: str, body: bytes) -> str:
    return b64(ed25519(key, t.encode() + b"." + body))


def standard_v1a(key: str, event_id: str, t: str, body: bytes) -> str:
    return "v1a," + b64(ed25519(key, f"{event_id}.{t}.".encode() + body))


def revtain_entry(key: str, t: str, body: bytes) -> str:
    return f",v1a={v1a(key, t, body)}" if key.startswith("whsk_") else f",v1={v1(key, t, body)}"


def standard_entry(key: str, event_id: str, t: str, body: bytes) -> str:
    if key.startswith("whsk_"):
        return standard_v1a(key, event_id, t, body)
    return standard(key, event_id, t, body)


# Ed25519's group order: S + L is the same signature written non-canonically (RFC 8032 §5.1.7
# requires S < L, so it never verifies).
ED25519_L = 2**252 + 27742317777372353535851937790883648493
ED25519_P = 2**255 - 19
ED25519_D = (-121665 * pow(121666, -1, ED25519_P)) % ED25519_P


def non_canonical(signature: bytes) -> bytes:
    s = int.from_bytes(signature[32:], "little") + ED25519_L
    assert s < 2**256
    return signature[:32] + s.to_bytes(32, "little")


def not_on_curve() -> bytes:
    """The first y (from 2 up) whose encoding is no point of the curve (RFC 8032 §5.1.3:
    x² = (y² − 1) / (d y² + 1) has no square root)."""
    p = ED25519_P
    for y in range(2, 100):
        u = (y * y - 1) % p
        v = (ED25519_D * y * y + 1) % p
        x2 = u * pow(v, p - 2, p) % p
        if x2 != 0 and pow(x2, (p - 1) // 2, p) != 1:
            return y.to_bytes(32, "little")
    raise AssertionError("unreachable")


T = 1_700_000_000
EVENT = {
    "id": "evt_1Nq8wR2eZvKYlo2C",
    "type": "payment.recovered",
    "created": T,
    "data": {"invoice": "in_1Nq8", "amount": 4900, "currency": "eur", "attempt": 3},
}
EVENT_BODY = json.dumps(EVENT, separators=(",", ":")).encode()
UNICODE_BODY = json.dumps(
    {"id": "evt_ü", "type": "card.updated", "created": T, "data": {"name": "Zoë Šťastná 日本 🎉"}},
    ensure_ascii=False,
).encode()
NON_UTF8_BODY = b"\xff\xfe\x00binary\x80\xc3(" + derived("webhook non-utf8", 32)
MIB_UNIT = b"0123456789abcdef"
MIB_REPEAT = (1 << 20) // len(MIB_UNIT)


def body_fields(body: bytes, repeat: int = 1) -> dict:
    out = {"body_hex": body.hex()}
    if repeat != 1:
        out["body_repeat"] = repeat
    return out


def sign_cases():
    cases = []

    def case(cid, secrets, body, event_id, t, repeat=1):
        full = body * repeat
        ts = str(t)
        cases.append({
            "id": cid,
            "secrets": secrets,
            **body_fields(body, repeat),
            "event_id": event_id,
            "timestamp": t,
            # What a verifier holds: each whsk_ signing key's whpk_ public key.
            "verify_keys": [public_key_of(seed_of(s)) if s.startswith("whsk_") else s for s in secrets],
            "headers": {
                "X-Revtain-Signature": "t=" + ts + "".join(revtain_entry(s, ts, full) for s in secrets),
                "webhook-id": event_id,
                "webhook-timestamp": ts,
                "webhook-signature": " ".join(standard_entry(s, event_id, ts, full) for s in secrets),
            },
        })

    case("sign-event", [SECRET_A], EVENT_BODY, EVENT["id"], T)
    case("sign-empty-body", [SECRET_A], b"", "evt_empty", T)
    case("sign-unicode-body", [SECRET_A], UNICODE_BODY, "evt_unicode", T)
    case("sign-non-utf8-body", [SECRET_A], NON_UTF8_BODY, "evt_binary", T)
    case("sign-1-mib-body", [SECRET_A], MIB_UNIT, "evt_large", T, MIB_REPEAT)
    case("sign-two-secrets-rotation", [SECRET_A, SECRET_B], EVENT_BODY, EVENT["id"], T)
    case("sign-timestamp-zero", [SECRET_B], EVENT_BODY, "evt_0", 0)
    case("sign-secret-without-padding", [SECRET_A.rstrip("=")], EVENT_BODY, EVENT["id"], T)
    # Ed25519 (§2.9): alone, beside secrets while migrating, in either order.
    case("sign-ed25519-event", [SK_A], EVENT_BODY, EVENT["id"], T)
    case("sign-ed25519-empty-body", [SK_A], b"", "evt_empty", T)
    case("sign-ed25519-1-mib-body", [SK_B], MIB_UNIT, "evt_large", T, MIB_REPEAT)
    case("sign-ed25519-beside-secret", [SECRET_A, SK_A], EVENT_BODY, EVENT["id"], T)
    case("sign-ed25519-before-secret", [SK_B, SECRET_B], UNICODE_BODY, "evt_unicode", T)
    case("sign-ed25519-two-keys", [SK_A, SK_B], EVENT_BODY, EVENT["id"], 0)
    case("sign-ed25519-key-without-padding", [SK_A.rstrip("=")], EVENT_BODY, EVENT["id"], T)
    # The 64-byte seed ‖ public key form signs as its seed does.
    pair = "whsk_" + b64(SEED_A + public_raw(SEED_A))
    cases.append({**cases[-1], "id": "sign-ed25519-key-in-64-byte-form", "secrets": [pair]})
    assert cases[-1]["verify_keys"] == [PK_A]
    return cases


def verify_cases():
    cases = []

    def case(cid, header, expect, body=EVENT_BODY, secrets=(SECRET_A,), now=T, tolerance=300,
             repeat=1, **extra):
        c = {"id": cid, "secrets": list(secrets), **body_fields(body, repeat), "header": header,
             "tolerance": tolerance, "now": now}
        if isinstance(expect, int):
            c["timestamp"] = expect
        else:
            c["error"] = expect
        c.update(extra)
        cases.append(c)

    ts = str(T)
    sig_a = v1(SECRET_A, ts, EVENT_BODY)
    sig_b = v1(SECRET_B, ts, EVENT_BODY)
    sig_c = v1(SECRET_C, ts, EVENT_BODY)
    ok = f"t={ts},v1={sig_a}"

    # Bodies.
    case("valid-event", ok, T)
    for cid, body, repeat in [("valid-empty-body", b"", 1), ("valid-unicode-body", UNICODE_BODY, 1),
                              ("valid-non-utf8-body", NON_UTF8_BODY, 1),
                              ("valid-1-mib-body", MIB_UNIT, MIB_REPEAT)]:
        case(cid, f"t={ts},v1={v1(SECRET_A, ts, body * repeat)}", T, body=body, repeat=repeat)
    case("mismatch-1-mib-body-last-byte-changed",
         f"t={ts},v1={v1(SECRET_A, ts, MIB_UNIT * (MIB_REPEAT - 1) + MIB_UNIT[:-1] + b'F')}",
         MISMATCH, body=MIB_UNIT, repeat=MIB_REPEAT)

    # Several v1 entries and several secrets.
    case("several-v1-matching-first", f"t={ts},v1={sig_a},v1={sig_c}", T)
    case("several-v1-matching-last", f"t={ts},v1={sig_c},v1={sig_b},v1={sig_a}", T)
    case("several-v1-matching-none", f"t={ts},v1={sig_c},v1={sig_b}", MISMATCH)
    case("several-secrets-second-matches", f"t={ts},v1={sig_b}", T, secrets=[SECRET_A, SECRET_B])
    case("several-secrets-none-matches", f"t={ts},v1={sig_c}", MISMATCH, secrets=[SECRET_A, SECRET_B])
    case("secret-without-padding", ok, T, secrets=[SECRET_A.rstrip("=")])
    case("wrong-secret", ok, MISMATCH, secrets=[SECRET_B])

    # Tampering.
    case("tampered-body", ok, MISMATCH, body=EVENT_BODY.replace(b"4900", b"9900"))
    case("reserialised-body", ok, MISMATCH,
         body=json.dumps(EVENT, indent=2).encode())
    case("body-with-trailing-newline", ok, MISMATCH, body=EVENT_BODY + b"\n")
    case("timestamp-changed", f"t={T + 1},v1={sig_a}", MISMATCH, now=T + 1)
    case("signature-of-another-scheme-stripe-keyed-with-whole-secret",
         f"t={ts},v1=" + hmac.new(SECRET_A.encode(), ts.encode() + b"." + EVENT_BODY,
                                   hashlib.sha256).hexdigest(), MISMATCH)

    # Header syntax.
    case("spaces-around-entries", f"  t={ts} ,  v1={sig_a}\t", T)
    case("unknown-keys-ignored", f"t={ts},v0=deadbeef,v1={sig_a},scheme=hmac-sha256,v2=abc", T)
    case("entries-in-any-order", f"v1={sig_c},v1={sig_a},t={ts}", T)
    case("uppercase-hex-skipped", f"t={ts},v1={sig_a.upper()}", NO_SIGNATURE)
    case("uppercase-hex-skipped-lowercase-other-matches", f"t={ts},v1={sig_a.upper()},v1={sig_a}", T)
    case("empty-v1-never-verifies", f"t={ts},v1=", NO_SIGNATURE)
    case("empty-v1-with-wrong-v1", f"t={ts},v1=,v1={sig_c}", MISMATCH)
    case("v1-63-characters", f"t={ts},v1={sig_a[:63]}", NO_SIGNATURE)
    case("v1-65-characters", f"t={ts},v1={sig_a}0", NO_SIGNATURE)
    case("v1-128-characters", f"t={ts},v1={sig_a}{sig_a}", NO_SIGNATURE)
    case("v1-non-hex", f"t={ts},v1={'g' * 64}", NO_SIGNATURE)
    case("v1-base64-not-hex", f"t={ts},v1={base64.b64encode(bytes.fromhex(sig_a)).decode()}", NO_SIGNATURE)
    case("no-v1", f"t={ts}", NO_SIGNATURE)
    case("only-unknown-keys", f"t={ts},v0={sig_a}", NO_SIGNATURE)
    case("missing-t", f"v1={sig_a}", MALFORMED)
    case("duplicate-t", f"t={ts},t={ts},v1={sig_a}", MALFORMED)
    case("duplicate-t-different-values", f"t={ts},v1={sig_a},t={T - 1000}", MALFORMED)
    case("non-numeric-t", f"t=abc,v1={sig_a}", MALFORMED)
    case("t-with-sign", f"t=+{ts},v1={sig_a}", MALFORMED)
    case("t-negative", f"t=-{ts},v1={sig_a}", MALFORMED)
    case("t-with-fraction", f"t={ts}.5,v1={sig_a}", MALFORMED)
    case("t-in-milliseconds", f"t={T * 1000},v1={v1(SECRET_A, str(T * 1000), EVENT_BODY)}", STALE,
         age=T - T * 1000)
    case("t-empty", f"t=,v1={sig_a}", MALFORMED)
    case("t-out-of-range", f"t=99999999999999999999,v1={sig_a}", MALFORMED)
    case("entry-without-equals", f"t={ts},v1{sig_a}", MALFORMED)
    case("trailing-comma", f"{ok},", MALFORMED)
    case("semicolon-separated", f"t={ts};v1={sig_a}", MALFORMED)
    case("empty-header", "", MALFORMED)
    case("blank-header", "   ", MALFORMED)
    case("missing-header", None, MISSING)
    case("standard-webhooks-value-in-revtain-header", standard(SECRET_A, "evt_1", ts, EVENT_BODY), MALFORMED)
    case("too-many-v1", f"t={ts}" + f",v1={sig_c}" * 16 + f",v1={sig_a}", MALFORMED)

    # Tolerance, both directions: the boundary is inclusive.
    for label, now, expect in [
        ("past-at-tolerance", T + 300, T), ("past-beyond-tolerance", T + 301, STALE),
        ("future-at-tolerance", T - 300, T), ("future-beyond-tolerance", T - 301, STALE),
        ("past-one-day", T + 86400, STALE),
    ]:
        extra = {"age": now - T} if expect == STALE else {}
        case(label, ok, expect, now=now, **extra)
    case("tolerance-zero-same-second", ok, T, tolerance=0)
    case("tolerance-zero-one-second-late", ok, STALE, tolerance=0, now=T + 1, age=1)
    case("custom-tolerance-600", ok, T, tolerance=600, now=T + 600)
    case("stale-and-wrong-signature-reports-mismatch", f"t={ts},v1={sig_c}", MISMATCH, now=T + 10_000)

    # Secrets.
    case("secret-without-prefix", ok, INVALID_SECRET, secrets=[SECRET_A[len("whsec_"):]])
    case("secret-not-base64", ok, INVALID_SECRET, secrets=["whsec_not*base64!"])
    case("secret-too-short", ok, INVALID_SECRET, secrets=[secret_of(bytes(32))[:30]])
    case("secret-too-long", ok, INVALID_SECRET,
         secrets=["whsec_" + base64.b64encode(derived("webhook long secret", 48)).decode()])
    case("one-bad-secret-among-good", ok, INVALID_SECRET, secrets=[SECRET_A, "whsec_"])
    case("no-secret", ok, INVALID_SECRET, secrets=[])

    # Ed25519 (§2.9): v1a entries verify under whpk_ public keys; each kind checks its own
    # entries and skips the other's.
    sig_ea = v1a(SK_A, ts, EVENT_BODY)
    sig_eb = v1a(SK_B, ts, EVENT_BODY)
    ed_ok = f"t={ts},v1a={sig_ea}"
    both = f"t={ts},v1={sig_a},v1a={sig_ea}"
    case("ed25519-valid", ed_ok, T, secrets=[PK_A])
    case("ed25519-valid-empty-body", f"t={ts},v1a={v1a(SK_A, ts, b'')}", T, body=b"", secrets=[PK_A])
    case("ed25519-valid-1-mib-body", f"t={ts},v1a={v1a(SK_A, ts, MIB_UNIT * MIB_REPEAT)}", T,
         body=MIB_UNIT, repeat=MIB_REPEAT, secrets=[PK_A])
    case("ed25519-public-key-without-padding", ed_ok, T, secrets=[PK_A.rstrip("=")])
    case("ed25519-beside-v1-public-key-verifier", both, T, secrets=[PK_A])
    case("ed25519-beside-v1-secret-verifier", both, T, secrets=[SECRET_A])
    case("ed25519-beside-v1-wrong-secret-right-key", both, T, secrets=[SECRET_B, PK_A])
    case("ed25519-beside-v1-right-secret-wrong-key", both, T, secrets=[PK_B, SECRET_A])
    case("ed25519-second-key-verifies", f"t={ts},v1a={sig_eb}", T, secrets=[PK_A, PK_B])
    case("ed25519-second-entry-verifies", f"t={ts},v1a={sig_eb},v1a={sig_ea}", T, secrets=[PK_A])
    case("ed25519-wrong-key", ed_ok, MISMATCH, secrets=[PK_B])
    case("ed25519-tampered-body", ed_ok, MISMATCH, secrets=[PK_A],
         body=EVENT_BODY.replace(b"4900", b"9900"))
    case("ed25519-timestamp-changed", f"t={T + 1},v1a={sig_ea}", MISMATCH, secrets=[PK_A], now=T + 1)
    case("ed25519-standard-webhooks-message-in-revtain-header",
         f"t={ts},v1a={standard_v1a(SK_A, EVENT['id'], ts, EVENT_BODY)[4:]}", MISMATCH, secrets=[PK_A])
    case("ed25519-non-canonical-s", f"t={ts},v1a={b64(non_canonical(base64.b64decode(sig_ea)))}",
         MISMATCH, secrets=[PK_A])
    raw_ea = base64.b64decode(sig_ea)
    case("ed25519-bit-flipped-r", f"t={ts},v1a={b64(bytes([raw_ea[0] ^ 1]) + raw_ea[1:])}",
         MISMATCH, secrets=[PK_A])
    case("ed25519-stale", ed_ok, STALE, secrets=[PK_A], now=T + 301, age=301)
    case("ed25519-future", ed_ok, STALE, secrets=[PK_A], now=T - 301, age=-301)
    case("ed25519-stale-and-wrong-key-reports-mismatch", ed_ok, MISMATCH, secrets=[PK_B], now=T + 10_000)
    case("ed25519-only-v1a-secret-verifier", ed_ok, NO_SIGNATURE, secrets=[SECRET_A])
    case("ed25519-only-v1-public-key-verifier", ok, NO_SIGNATURE, secrets=[PK_A])
    case("ed25519-v1a-unpadded-skipped", f"t={ts},v1a={sig_ea.rstrip('=')}", NO_SIGNATURE, secrets=[PK_A])
    case("ed25519-v1a-hex-skipped", f"t={ts},v1a={base64.b64decode(sig_ea).hex()}", NO_SIGNATURE,
         secrets=[PK_A])
    case("ed25519-v1a-url-safe-skipped",
         f"t={ts},v1a={base64.urlsafe_b64encode(base64.b64decode(sig_ea)).decode()}",
         NO_SIGNATURE if "+" in sig_ea or "/" in sig_ea else T, secrets=[PK_A])
    case("ed25519-v1a-empty-skipped", f"t={ts},v1a=", NO_SIGNATURE, secrets=[PK_A])
    case("ed25519-skipped-v1a-beside-good-v1", f"t={ts},v1a=abc,v1={sig_a}", T, secrets=[SECRET_A, PK_A])
    case("ed25519-too-many-entries", f"t={ts}" + f",v1={sig_c}" * 8 + f",v1a={sig_eb}" * 8 + f",v1a={sig_ea}",
         MALFORMED, secrets=[PK_A])
    case("ed25519-verifier-refuses-signing-key", ed_ok, INVALID_SECRET, secrets=[SK_A])
    case("ed25519-verifier-refuses-signing-key-beside-secret", ok, INVALID_SECRET, secrets=[SECRET_A, SK_A])
    public_a = public_raw(SEED_A)
    case("ed25519-public-key-31-bytes", ed_ok, INVALID_SECRET, secrets=["whpk_" + b64(public_a[:31])])
    case("ed25519-public-key-33-bytes", ed_ok, INVALID_SECRET, secrets=["whpk_" + b64(public_a + b"\0")])
    case("ed25519-public-key-not-base64", ed_ok, INVALID_SECRET, secrets=["whpk_not*base64!"])
    identity = (1).to_bytes(32, "little")
    case("ed25519-public-key-small-order", ed_ok, INVALID_SECRET, secrets=["whpk_" + b64(identity)])
    case("ed25519-public-key-not-on-curve", ed_ok, INVALID_SECRET, secrets=["whpk_" + b64(not_on_curve())])
    # A public key mislabelled whsec_ is a valid 32-byte secret, which checks v1 entries only.
    case("ed25519-public-key-labelled-as-secret", ed_ok, NO_SIGNATURE, secrets=["whsec_" + PK_A[5:]])
    return cases


def sign_errors():
    return [
        {"id": "event-id-empty", "secrets": [SECRET_A], "event_id": "", "error": INVALID_EVENT_ID},
        {"id": "event-id-with-newline", "secrets": [SECRET_A], "event_id": "evt_1\r\nX-Injected: 1",
         "error": INVALID_EVENT_ID},
        {"id": "event-id-with-space", "secrets": [SECRET_A], "event_id": "evt 1", "error": INVALID_EVENT_ID},
        {"id": "event-id-non-ascii", "secrets": [SECRET_A], "event_id": "evt_é", "error": INVALID_EVENT_ID},
        {"id": "event-id-257-bytes", "secrets": [SECRET_A], "event_id": "e" * 257, "error": INVALID_EVENT_ID},
        {"id": "signer-bad-secret", "secrets": ["sk_live_123"], "event_id": "evt_1", "error": INVALID_SECRET},
        {"id": "signer-public-key-cannot-sign", "secrets": [PK_A], "event_id": "evt_1",
         "error": INVALID_SECRET},
        {"id": "signer-ed25519-key-31-bytes", "secrets": ["whsk_" + b64(SEED_A[:31])],
         "event_id": "evt_1", "error": INVALID_SECRET},
        {"id": "signer-ed25519-64-byte-form-wrong-public-half",
         "secrets": ["whsk_" + b64(SEED_A + public_raw(SEED_B))], "event_id": "evt_1",
         "error": INVALID_SECRET},
    ]


def event_cases():
    def ok(cid, body: bytes):
        parsed = json.loads(body)
        return {"id": cid, "body_hex": body.hex(),
                "event": {"id": parsed["id"], "type": parsed["type"], "created": parsed["created"],
                          "data": parsed["data"]}}

    def bad(cid, body: bytes):
        return {"id": cid, "body_hex": body.hex(), "error": INVALID_PAYLOAD}

    return [
        ok("event-compact", EVENT_BODY),
        ok("event-pretty-printed", json.dumps(EVENT, indent=2).encode()),
        ok("event-unicode", UNICODE_BODY),
        ok("event-extra-members-ignored",
           json.dumps({**EVENT, "livemode": True, "api_version": "2026-01"}).encode()),
        ok("event-nested-data", json.dumps({**EVENT, "type": "recovery.attempt_failed",
                                            "data": {"attempt": {"n": 2, "codes": ["do_not_honor"]},
                                                     "next": None}}).encode()),
        bad("event-not-json", b"not json"),
        bad("event-empty-body", b""),
        bad("event-array", b"[]"),
        bad("event-non-utf8", NON_UTF8_BODY),
        bad("event-missing-id", json.dumps({k: v for k, v in EVENT.items() if k != "id"}).encode()),
        bad("event-missing-type", json.dumps({k: v for k, v in EVENT.items() if k != "type"}).encode()),
        bad("event-missing-data", json.dumps({k: v for k, v in EVENT.items() if k != "data"}).encode()),
        bad("event-created-string", json.dumps({**EVENT, "created": str(T)}).encode()),
        bad("event-created-float", json.dumps({**EVENT, "created": T + 0.5}).encode()),
        bad("event-id-number", json.dumps({**EVENT, "id": 42}).encode()),
        bad("event-data-array", json.dumps({**EVENT, "data": [1, 2]}).encode()),
        bad("event-data-null", json.dumps({**EVENT, "data": None}).encode()),
        bad("event-duplicate-id", EVENT_BODY[:-1] + b',"id":"evt_other"}'),
        bad("event-trailing-garbage", EVENT_BODY + b"x"),
    ]


def main():
    data = {
        "description": "Revtain webhooks (docs/spec.md §2.3, §2.9): X-Revtain-Signature and the "
                       "Standard Webhooks headers from a signer (whsec_ secrets and whsk_ Ed25519 "
                       "signing keys); "
                       "verification outcomes of X-Revtain-Signature (header syntax, several v1 "
                       "and v1a entries, several secrets and whpk_ public keys, tolerance in both "
                       "directions, secrets and keys); parsing of the event envelope.",
        "source": "Generated by tests/vectors/generate_webhook.py: Python's standard library "
                  "(hmac, hashlib, base64) computes every HMAC signature and the cryptography "
                  "package (OpenSSL's Ed25519) every Ed25519 one, from the text of docs/spec.md, "
                  "independently of the Rust code; each case states the outcome docs/spec.md demands.",
        "body_rule": "body = bytes.fromhex(body_hex) repeated body_repeat times (default 1)",
        "sign": sign_cases(),
        "sign_errors": sign_errors(),
        "verify": verify_cases(),
        "events": event_cases(),
    }
    ids = [c["id"] for k in ("sign", "sign_errors", "verify", "events") for c in data[k]]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    write_or_check(OUT, data, "tests/vectors/generate_webhook.py")


if __name__ == "__main__":
    main()
