"""Shared helpers for the connector vector generators of stripe, standard, paddle, recurly,
recharge, chargebee, maxio and lemonsqueezy (helper "a").

Every generator builds its cases with `case()`, checks the official SDK's verdict on each case
where an SDK verifier exists (`check_sdk`), and writes `<name>.json` with `write()`. Output is
deterministic: fixed secrets, fixed timestamps, no randomness.
"""
import hashlib
import hmac
import json
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
NOW = 1700000000

MISSING = "REVTAIN_RESULT_CONNECTOR_HEADER_MISSING"
MALFORMED = "REVTAIN_RESULT_CONNECTOR_HEADER_MALFORMED"
STALE = "REVTAIN_RESULT_CONNECTOR_TIMESTAMP_OUT_OF_TOLERANCE"
MISMATCH = "REVTAIN_RESULT_CONNECTOR_SIGNATURE_MISMATCH"
INVALID_SECRET = "REVTAIN_RESULT_CONNECTOR_INVALID_SECRET"

JSON_BODY = '{"id":"evt_1NxY2bC3","object":"event","type":"invoice.paid","data":{"amount":4200}}'
UTF8_BODY = '{"customer":{"name":"Zoë Ångström","city":"Köln","note":"日本語 ✓ — €"}}'
TINY_BODY = "{}"


def hmac_hex(key: str | bytes, msg: str | bytes) -> str:
    k = key.encode("utf-8") if isinstance(key, str) else key
    m = msg.encode("utf-8") if isinstance(msg, str) else msg
    return hmac.new(k, m, hashlib.sha256).hexdigest()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def case(cid, origin, headers, body, secret, expect="ok", options=None, *, timestamp=None,
         event_id=None, payload=None, header=None, age=None, tolerance=None, sdk=None):
    """One vector case. The README's format uses the key `id` twice (the case name and the event
    id a header carries); a JSON object cannot hold both, so the case name stays `id` (what
    conftest.py's `connector_cases` uses as the test id) and the event id is `event_id`."""
    out = {"id": cid, "origin": origin, "headers": [list(h) for h in headers], "body": body,
           "secret": secret}
    if options:
        out["options"] = options
    out["expect"] = expect
    out["timestamp"] = timestamp if expect == "ok" else None
    out["event_id"] = event_id if expect == "ok" else None
    out["payload"] = payload if expect == "ok" else None
    out["header"] = header
    out["age"] = age
    out["tolerance"] = tolerance
    if sdk is not None:
        out["sdk"] = sdk
    return out


def write(connector, description, source, sources, confirmed, cases):
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    for c in cases:
        assert c["id"].startswith(connector + "-"), c["id"]
    doc = {"connector": connector, "description": description, "source": source,
           "sources": sources, "confirmed": confirmed, "cases": cases}
    path = OUT / f"{connector}.json"
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(cases)} cases)")


def node(script: str, cwd: str = "/tmp/sdk-a") -> str:
    """Runs a node script in the throwaway npm folder (where the SDKs are installed)."""
    return subprocess.run(["node", "-e", script], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def check_sdk(cases, sdk_accepts, name):
    """Asserts the official verifier's verdict equals `sdk.accepts` where recorded, else ours."""
    bad = []
    for c in cases:
        want = c["sdk"]["accepts"] if "sdk" in c else c["expect"] == "ok"
        got = sdk_accepts(c)
        if got != want:
            bad.append((c["id"], got, want))
    if bad:
        raise SystemExit(f"{name}: SDK verdict differs from the recorded one: {bad}")
    print(f"{name}: SDK verdict matches on {len(cases)} cases")


def body_hex_cases(name, header, sign, secret, other, origin, alt_header_name):
    """Cases for a scheme whose one header carries the lowercase hex digest of the body alone
    (`sign(secret, body_bytes) -> hex`). No timestamp, no list."""
    g = sign(secret, JSON_BODY.encode())
    H = header
    return [
        case(f"{name}-json", origin, [(H, g)], JSON_BODY, secret),
        case(f"{name}-utf8-body", origin, [(H, sign(secret, UTF8_BODY.encode()))], UTF8_BODY, secret),
        case(f"{name}-tiny-body", origin, [(H, sign(secret, TINY_BODY.encode()))], TINY_BODY, secret),
        case(f"{name}-empty-body", origin, [(H, sign(secret, b""))], "", secret),
        case(f"{name}-header-name-other-case", origin, [(alt_header_name, g)], JSON_BODY, secret),
        case(f"{name}-tampered-body", origin, [(H, g)], JSON_BODY.replace("4200", "4201"), secret,
             MISMATCH),
        case(f"{name}-wrong-secret", origin, [(H, sign(other, JSON_BODY.encode()))], JSON_BODY,
             secret, MISMATCH),
        case(f"{name}-malformed-empty", origin, [(H, "")], JSON_BODY, secret, MALFORMED, header=H),
        case(f"{name}-malformed-garbage", origin, [(H, "not-a-signature")], JSON_BODY, secret,
             MALFORMED, header=H),
        case(f"{name}-malformed-prefixed", origin, [(H, "sha256=" + g)], JSON_BODY, secret,
             MALFORMED, header=H),
        case(f"{name}-malformed-sig-too-short", origin, [(H, g[:-1])], JSON_BODY, secret,
             MALFORMED, header=H),
        case(f"{name}-malformed-sig-too-long", origin, [(H, g + "0")], JSON_BODY, secret,
             MALFORMED, header=H),
        case(f"{name}-malformed-uppercase-hex", origin, [(H, g.upper())], JSON_BODY, secret,
             MALFORMED, header=H),
        case(f"{name}-malformed-base64-digest", origin,
             [(H, __import__("base64").b64encode(bytes.fromhex(g)).decode())], JSON_BODY, secret,
             MALFORMED, header=H),
        case(f"{name}-header-missing", origin, [("Content-Type", "application/json")], JSON_BODY,
             secret, MISSING, header=H),
        case(f"{name}-header-twice", origin, [(H, g), (H, g)], JSON_BODY, secret, MALFORMED,
             header=H),
        case(f"{name}-empty-secret", origin, [(H, g)], JSON_BODY, "", INVALID_SECRET),
    ]
