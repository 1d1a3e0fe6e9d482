"""ReCharge connector vectors (docs/spec.md §2.4 †): legacy `X-Recharge-Hmac-Sha256` = plain SHA-256 hex of
`client_secret ‖ body` (not HMAC), and the timestamped `X-Recharge-Webhook-Signature: t=…,v1=…`
= hex HMAC-SHA256 of `{t}.{body}` keyed with the client secret, 48 h window (preferred when
present). No SDK signs: built with Python's hashlib/hmac from the documented algorithms.
Run from tests/vectors/connector:  python3 generate/recharge.py
"""
import hashlib
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _negatives_a import (
    JSON_BODY,
    MALFORMED,
    MISMATCH,
    NOW,
    STALE,
    UTF8_BODY,
    body_hex_cases,
    case,
    hmac_hex,
    write,
)

SECRET = "c3d9e1f0a7b24c8e9f6a5b4c3d2e1f0a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e"
OTHER = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
L = "X-Recharge-Hmac-Sha256"
TS = "X-Recharge-Webhook-Signature"
W = 172800


def legacy(k, b):
    return hashlib.sha256(k.encode() + b).hexdigest()


def sg(t, body=JSON_BODY, secret=SECRET):
    return hmac_hex(secret, f"{t}.{body}")


cs = body_hex_cases("recharge-legacy", L, legacy, SECRET, OTHER, "stdlib-documented",
                    "x-recharge-hmac-sha256")
# A legacy HMAC (instead of the plain hash) must not verify.
cs.append(case("recharge-legacy-hmac-is-not-the-scheme", "stdlib-documented",
               [(L, hmac_hex(SECRET, JSON_BODY))], JSON_BODY, SECRET, MISMATCH))
o = {"now": NOW}
S = "stdlib-documented"
g = sg(NOW)
th = lambda t, s: [(TS, f"t={t},v1={s}"), ("X-Recharge-Webhook-Timestamp", str(t))]  # noqa: E731
cs += [
    case("recharge-ts-json", S, th(NOW, g), JSON_BODY, SECRET, options=o, timestamp=NOW),
    case("recharge-ts-utf8-body", S, th(NOW, sg(NOW, UTF8_BODY)), UTF8_BODY, SECRET, options=o,
         timestamp=NOW),
    case("recharge-ts-with-legacy-too", S, [*th(NOW, g), (L, legacy(SECRET, JSON_BODY.encode()))],
         JSON_BODY, SECRET, options=o, timestamp=NOW),
    case("recharge-ts-preferred-over-bad-legacy", S, [*th(NOW, g), (L, "0" * 64)], JSON_BODY, SECRET,
         options=o, timestamp=NOW),
    case("recharge-ts-bad-with-good-legacy-is-mismatch", S,
         [*th(NOW, sg(NOW, secret=OTHER)), (L, legacy(SECRET, JSON_BODY.encode()))], JSON_BODY, SECRET,
         MISMATCH, o),
    case("recharge-ts-header-name-lowercase", S, [(TS.lower(), f"t={NOW},v1={g}")], JSON_BODY, SECRET,
         options=o, timestamp=NOW),
    case("recharge-ts-window-boundary-past-ok", S, th(NOW - W, sg(NOW - W)), JSON_BODY, SECRET,
         options=o, timestamp=NOW - W),
    case("recharge-ts-window-boundary-future-ok", S, th(NOW + W, sg(NOW + W)), JSON_BODY, SECRET,
         options=o, timestamp=NOW + W),
    case("recharge-ts-tolerance-widened-ok", S, th(NOW - W - 100, sg(NOW - W - 100)), JSON_BODY, SECRET,
         options={"now": NOW, "tolerance": W + 100}, timestamp=NOW - W - 100),
    case("recharge-ts-tampered-body", S, th(NOW, g), JSON_BODY.replace("4200", "4201"), SECRET, MISMATCH, o),
    case("recharge-ts-wrong-secret", S, th(NOW, sg(NOW, secret=OTHER)), JSON_BODY, SECRET, MISMATCH, o),
    case("recharge-ts-stale-wrong-secret-is-mismatch", S, th(NOW - W - 1, sg(NOW - W - 1, secret=OTHER)),
         JSON_BODY, SECRET, MISMATCH, o),
    case("recharge-ts-stale", S, th(NOW - W - 1, sg(NOW - W - 1)), JSON_BODY, SECRET, STALE, o,
         age=W + 1, tolerance=W),
    case("recharge-ts-future", S, th(NOW + W + 1, sg(NOW + W + 1)), JSON_BODY, SECRET, STALE, o,
         age=-(W + 1), tolerance=W),
    case("recharge-ts-tolerance-narrowed-stale", S, th(NOW - 400, sg(NOW - 400)), JSON_BODY, SECRET,
         STALE, {"now": NOW, "tolerance": 300}, age=400, tolerance=300),
    case("recharge-ts-malformed-empty", S, [(TS, "")], JSON_BODY, SECRET, MALFORMED, o, header=TS),
    case("recharge-ts-malformed-garbage", S, [(TS, "garbage")], JSON_BODY, SECRET, MALFORMED, o, header=TS),
    case("recharge-ts-malformed-missing-timestamp", S, [(TS, f"v1={g}")], JSON_BODY, SECRET, MALFORMED, o,
         header=TS),
    case("recharge-ts-malformed-non-numeric-timestamp", S, [(TS, f"t=abc,v1={g}")], JSON_BODY, SECRET,
         MALFORMED, o, header=TS),
    case("recharge-ts-malformed-semicolon-separator", S, [(TS, f"t={NOW};v1={g}")], JSON_BODY, SECRET,
         MALFORMED, o, header=TS),
    case("recharge-ts-malformed-no-v1", S, [(TS, f"t={NOW}")], JSON_BODY, SECRET, MALFORMED, o, header=TS),
    case("recharge-ts-malformed-sig-too-short", S, [(TS, f"t={NOW},v1={g[:-1]}")], JSON_BODY, SECRET,
         MALFORMED, o, header=TS),
    case("recharge-ts-malformed-sig-too-long", S, [(TS, f"t={NOW},v1={g}0")], JSON_BODY, SECRET,
         MALFORMED, o, header=TS),
    case("recharge-ts-malformed-uppercase-hex", S, [(TS, f"t={NOW},v1={g.upper()}")], JSON_BODY, SECRET,
         MALFORMED, o, header=TS),
    case("recharge-ts-header-twice", S, [(TS, f"t={NOW},v1={g}"), (TS, f"t={NOW},v1={g}")], JSON_BODY,
         SECRET, MALFORMED, o, header=TS),
]
write("recharge", "ReCharge (legacy X-Recharge-Hmac-Sha256 = sha256(secret‖body); timestamped "
      "X-Recharge-Webhook-Signature t/v1 HMAC, 48 h)",
      "No official SDK signs ReCharge webhooks; every positive is computed by generate/recharge.py with "
      "Python's hashlib/hmac: legacy = sha256(client_secret ‖ body) hex (plain hash, not HMAC); "
      "timestamped = HMAC-SHA256(client_secret, `{t}.{body}`) hex, sent as `t=<epoch>,v1=<hex>` (with the "
      "X-Recharge-Webhook-Timestamp header beside it). Legacy cases carry no `now` (no window). "
      "Negatives are derived from those.",
      [{"id": "stdlib-documented", "what": "Python hashlib.sha256 / hmac.new",
        "where": "generate/recharge.py"}],
      "PARTLY confirmed. Timestamped scheme: ReCharge's own changelog "
      "(https://changelog.getrecharge.com/webhook-signatures-now-support-timestamp-verification-4jEmOs) "
      "confirms a new signature format that includes the send time and rejecting requests older than 48 "
      "hours, and that the old method stays supported; the exact format "
      "(`X-Recharge-Webhook-Signature: t=<epoch>,v1=<hex>`, HMAC-SHA256 of `<t>.<raw body>` keyed with the "
      "API client secret, plus `X-Recharge-Webhook-Timestamp`) "
      "is from hookdeck/webhook-skills skills/recharge-webhooks (SKILL.md and examples), a third party "
      "citing ReCharge's 'Webhook validation' page, which was not itself in the searchable sources. Legacy "
      "scheme: the same source states X-Recharge-Hmac-Sha256 is a plain SHA-256 of client_secret + raw body "
      "(secret first), hex, not HMAC; ReCharge's docs page was not readable here either.", cs)
