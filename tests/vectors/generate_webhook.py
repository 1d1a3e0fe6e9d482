#!/usr/bin/env python3
"""Generates tests/vectors/webhook.json (docs/spec.md §2.3).

Independent of the Rust code: Python's standard library (hmac, hashlib, base64) computes every
signature from the text of docs/spec.md, and each case states the outcome docs/spec.md demands. Secrets and
bodies are fixed or derived from SHA-256 of fixed labels, so the output never changes unless
this file does.

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
            "headers": {
                "X-Revtain-Signature": "t=" + ts + "".join(f",v1={v1(s, ts, full)}" for s in secrets),
                "webhook-id": event_id,
                "webhook-timestamp": ts,
                "webhook-signature": " ".join(standard(s, event_id, ts, full) for s in secrets),
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
        "description": "Revtain webhooks (docs/spec.md §2.3): X-Revtain-Signature and the Standard Webhooks "
                       "headers from a signer; verification outcomes of X-Revtain-Signature "
                       "(header syntax, several v1 and several secrets, tolerance in both "
                       "directions, secrets); parsing of the event envelope.",
        "source": "Generated by tests/vectors/generate_webhook.py: Python's standard library "
                  "(hmac, hashlib, base64) computes every signature from the text of docs/spec.md, "
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
