"""Shared helpers for the connector vector generators of braintree, adyen, square, gocardless,
razorpay, shopify, checkout and paystack (helper "b").

Every generator builds its cases with `case()`, checks the official SDK's verdict on each case
where an SDK verifier exists (`check_sdk`), and writes `<name>.json` with `write()`. Output is
deterministic: fixed secrets, fixed bodies, no randomness, no clock.
"""
import base64
import hashlib
import hmac
import json
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent

MISSING = "REVTAIN_RESULT_CONNECTOR_HEADER_MISSING"
MALFORMED = "REVTAIN_RESULT_CONNECTOR_HEADER_MALFORMED"
MISMATCH = "REVTAIN_RESULT_CONNECTOR_SIGNATURE_MISMATCH"
INVALID_SECRET = "REVTAIN_RESULT_CONNECTOR_INVALID_SECRET"
INVALID_OPTIONS = "REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS"
PAYLOAD_MALFORMED = "REVTAIN_RESULT_CONNECTOR_PAYLOAD_MALFORMED"

NO_TIMESTAMP = ("None of this scheme's signed bytes carry a timestamp: `options.now` is not "
                "needed and no stale/future cases apply (the platform has no replay window).")

UTF8_NOTE = "Zoë Ångström, Köln — 日本語 ✓ €"


def hmac_digest(key, msg, algo=hashlib.sha256) -> bytes:
    k = key.encode("utf-8") if isinstance(key, str) else key
    m = msg.encode("utf-8") if isinstance(msg, str) else msg
    return hmac.new(k, m, algo).digest()


def hex_sha256(key, msg) -> str:
    return hmac_digest(key, msg).hex()


def hex_sha512(key, msg) -> str:
    return hmac_digest(key, msg, hashlib.sha512).hex()


def b64_sha256(key, msg) -> str:
    return base64.b64encode(hmac_digest(key, msg)).decode()


def case(cid, origin, headers, body, secret, expect="ok", options=None, *, event_id=None,
         payload=None, header=None, sdk=None, body_hex=None, note=None):
    """One vector case in the README's format (no timestamps in helper b's schemes, so
    `timestamp`, `age` and `tolerance` are always null)."""
    out = {"id": cid, "origin": origin}
    if note:
        out["note"] = note
    out["headers"] = [list(h) for h in headers]
    if body_hex is not None:
        out["body_hex"] = body_hex
    else:
        out["body"] = body
    out["secret"] = secret
    if options:
        out["options"] = options
    out["expect"] = expect
    out["timestamp"] = None
    out["event_id"] = event_id if expect == "ok" else None
    out["payload"] = payload if expect == "ok" else None
    out["header"] = header
    out["age"] = None
    out["tolerance"] = None
    if sdk is not None:
        out["sdk"] = sdk
    return out


def write(connector, description, source, sources, confirmed, cases):
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    for c in cases:
        assert c["id"].startswith(connector + "-"), c["id"]
        if c["expect"] in (MISSING, MALFORMED):
            assert c["header"], c["id"]
        else:
            assert c["header"] is None, c["id"]
    doc = {"connector": connector, "description": description, "source": source,
           "sources": sources, "confirmed": confirmed, "cases": cases}
    path = OUT / f"{connector}.json"
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(cases)} cases)")


def node(script: str, stdin: str = "", cwd: str = "/tmp/sdk-b") -> str:
    """Runs a node script in the throwaway npm folder (where the SDKs are installed)."""
    return subprocess.run(["node", "-e", script], cwd=cwd, check=True, capture_output=True,
                          text=True, input=stdin).stdout


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


def body_sig_cases(name, H, sign, secret, other, origin, *, encoding, bodies, alt_names,
                   extra_headers=(), options=None, event_id_header=None, event_id=None,
                   empty_body_sdk=None):
    """Cases for a scheme whose one header carries the HMAC of the raw body (`sign(secret,
    body_bytes) -> str`, lowercase hex or standard padded base64). `bodies` is a list of
    (suffix, body_text) positives; the first one is the base for every negative.
    `extra_headers` are sent with every case (e.g. Shopify's topic/domain headers);
    `event_id_header` (if given) is sent too, and `event_id` is its value."""
    X = list(extra_headers)
    if event_id_header:
        X.append((event_id_header, event_id))
    ev = event_id if event_id_header else None

    def hdrs(*sig):
        return X + list(sig)

    base = bodies[0][1]
    assert "4200" in base, "the base body must contain 4200 (tampered-body replaces it)"
    g = sign(secret, base.encode())
    raw = bytes.fromhex(g) if encoding == "hex" else base64.b64decode(g)
    out = []
    for suffix, body in bodies:
        sdk = empty_body_sdk if body == "" else None
        out.append(case(f"{name}-{suffix}", origin, hdrs((H, sign(secret, body.encode()))), body,
                        secret, options=options, event_id=ev, sdk=sdk))
    for i, alt in enumerate(alt_names):
        label = "lowercase" if alt == alt.lower() else "uppercase" if alt == alt.upper() else f"alt{i}"
        out.append(case(f"{name}-header-name-{label}", origin, hdrs((alt, g)), base, secret,
                        options=options, event_id=ev))
    m = dict(options=options, header=H)
    out += [
        case(f"{name}-tampered-body", origin, hdrs((H, g)), base.replace("4200", "4201"), secret,
             MISMATCH, options=options),
        case(f"{name}-body-trailing-newline", origin, hdrs((H, g)), base + "\n", secret,
             MISMATCH, options=options),
        case(f"{name}-wrong-secret", origin, hdrs((H, sign(other, base.encode()))), base, secret,
             MISMATCH, options=options),
        case(f"{name}-malformed-empty", origin, hdrs((H, "")), base, secret, MALFORMED, **m),
        case(f"{name}-malformed-garbage", origin, hdrs((H, "not a signature!")), base, secret,
             MALFORMED, **m),
    ]
    if encoding == "hex":
        out += [
            case(f"{name}-malformed-not-hex", origin, hdrs((H, "z" + g[1:])), base, secret,
                 MALFORMED, **m),
            case(f"{name}-malformed-sig-too-short", origin, hdrs((H, g[:-2])), base, secret,
                 MALFORMED, **m),
            case(f"{name}-malformed-sig-odd-length", origin, hdrs((H, g[:-1])), base, secret,
                 MALFORMED, **m),
            case(f"{name}-malformed-sig-too-long", origin, hdrs((H, g + "00")), base, secret,
                 MALFORMED, **m),
            case(f"{name}-malformed-uppercase-hex", origin, hdrs((H, g.upper())), base, secret,
                 MALFORMED, **m),
            case(f"{name}-malformed-prefixed", origin, hdrs((H, "sha256=" + g)), base, secret,
                 MALFORMED, **m),
            case(f"{name}-malformed-base64-digest", origin,
                 hdrs((H, base64.b64encode(raw).decode())), base, secret, MALFORMED, **m),
        ]
    else:
        out += [
            case(f"{name}-malformed-not-base64", origin, hdrs((H, "!" + g[1:])), base, secret,
                 MALFORMED, **m),
            case(f"{name}-malformed-sig-too-short", origin,
                 hdrs((H, base64.b64encode(raw[:-1]).decode())), base, secret, MALFORMED, **m),
            case(f"{name}-malformed-sig-too-long", origin,
                 hdrs((H, base64.b64encode(raw + b"\0").decode())), base, secret, MALFORMED, **m),
            case(f"{name}-malformed-hex-digest", origin, hdrs((H, raw.hex())), base, secret,
                 MALFORMED, **m),
        ]
    out += [
        case(f"{name}-header-missing", origin, [*X, ("Content-Type", "application/json")], base,
             secret, MISSING, **m),
        case(f"{name}-header-twice", origin, hdrs((H, g), (H, g)), base, secret, MALFORMED, **m),
        case(f"{name}-empty-secret", origin, hdrs((H, g)), base, "", INVALID_SECRET,
             options=options),
        case(f"{name}-empty-secret-signed-with-empty-key", origin, hdrs((H, sign("", base.encode()))),
             base, "", INVALID_SECRET, options=options),
    ]
    return out
