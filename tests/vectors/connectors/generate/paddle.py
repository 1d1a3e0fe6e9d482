"""Paddle Billing connector vectors (SPEC §2.4): `Paddle-Signature: ts=…;h1=…[;h1=…]`,
HMAC-SHA256 over `{ts}:{body}` keyed with the whole notification secret (prefix included), hex;
our default window 300 s (Paddle's SDKs default to 5 s).

Needs (throwaway): PyPI paddle-python-sdk==1.16.1 in /tmp/sdk-a/venv (signs the positives with
`PaddleSignature.calculate_hmac`, verifies every case with `Verifier().verify`).
Run from tests/vectors/connectors:  /tmp/sdk-a/venv/bin/python generate/paddle.py
"""
import os
import sys
from unittest import mock

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != _HERE] + [_HERE]
from _negatives_a import (INVALID_SECRET, JSON_BODY, MALFORMED, MISMATCH, MISSING, NOW, STALE,  # noqa: E402
                          TINY_BODY, UTF8_BODY, case, check_sdk, hmac_hex, write)

from paddle_billing.Notifications import PaddleSignature, Secret, Verifier  # noqa: E402

SECRET = "pdl_ntfset_01hx7k2m9qv3c8r5t1w6y4z0ab_Wm3Qp8Zr1Tx5Vb9Nc2Kd7Lf4Hj6Gs0Ya"
OTHER = "pdl_ntfset_01hx7k2m9qv3c8r5t1w6y4z0cd_Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0Kk"
H = "Paddle-Signature"


def sign(body, t=NOW, secret=SECRET):
    s = PaddleSignature.calculate_hmac(secret, f"{t}:{body}".encode()).hexdigest()
    assert s == hmac_hex(secret, f"{t}:{body}")
    return s


class _Headers(dict):
    def get(self, k, d=None):
        for n, v in self.items():
            if n.lower() == k.lower():
                return v
        return d


class _Request:
    def __init__(self, headers, body):
        self.headers, self.body = headers, body


def sdk_accepts(c):
    headers = _Headers()
    for n, v in c["headers"]:
        headers[n] = f"{headers[n]}, {v}" if n in headers else v
    opts = c["options"]
    verifier = Verifier(opts["tolerance"]) if "tolerance" in opts else Verifier()
    with mock.patch("paddle_billing.Notifications.Verifier.time", return_value=opts["now"]), \
            mock.patch.dict(os.environ, {}, clear=False):
        os.environ.pop("TEST_MODE", None)
        try:
            return verifier.verify(_Request(headers, c["body"].encode()), Secret(c["secret"])) is True
        except ValueError:  # PaddleSignature.parse refuses an unparsable header with ValueError
            return False


def main():
    g = sign(JSON_BODY)
    o = {"now": NOW}
    O = "pypi-paddle"
    hd = lambda t, s: [(H, f"ts={t};h1={s}")]  # noqa: E731
    five = {"accepts": False, "why": "paddle-python-sdk Verifier defaults to a 5 s window "
            "(maximum_variance=5); ours is 300 s"}
    cs = [
        case("paddle-sdk-json", O, hd(NOW, g), JSON_BODY, SECRET, options=o, timestamp=NOW),
        case("paddle-sdk-utf8-body", O, hd(NOW, sign(UTF8_BODY)), UTF8_BODY, SECRET, options=o,
             timestamp=NOW),
        case("paddle-sdk-tiny-body", O, hd(NOW, sign(TINY_BODY)), TINY_BODY, SECRET, options=o,
             timestamp=NOW),
        case("paddle-sdk-age-3s", O, hd(NOW - 3, sign(JSON_BODY, NOW - 3)), JSON_BODY, SECRET,
             options=o, timestamp=NOW - 3),
        case("paddle-multi-h1-second-valid", O,
             [(H, f"ts={NOW};h1={sign(JSON_BODY, secret=OTHER)};h1={g}")], JSON_BODY, SECRET,
             options=o, timestamp=NOW),
        case("paddle-header-name-lowercase", O, [("paddle-signature", f"ts={NOW};h1={g}")],
             JSON_BODY, SECRET, options=o, timestamp=NOW),
        case("paddle-window-boundary-past-ok", O, hd(NOW - 300, sign(JSON_BODY, NOW - 300)),
             JSON_BODY, SECRET, options=o, timestamp=NOW - 300, sdk=five),
        case("paddle-window-boundary-future-ok", O, hd(NOW + 300, sign(JSON_BODY, NOW + 300)),
             JSON_BODY, SECRET, options=o, timestamp=NOW + 300, sdk=five),
        case("paddle-tolerance-widened-ok", O, hd(NOW - 600, sign(JSON_BODY, NOW - 600)),
             JSON_BODY, SECRET, options={"now": NOW, "tolerance": 900}, timestamp=NOW - 600),
        case("paddle-tolerance-5-boundary-ok", O, hd(NOW - 5, sign(JSON_BODY, NOW - 5)),
             JSON_BODY, SECRET, options={"now": NOW, "tolerance": 5}, timestamp=NOW - 5),
        # negatives
        case("paddle-tampered-body", O, hd(NOW, g), JSON_BODY.replace("4200", "4201"), SECRET,
             MISMATCH, o),
        case("paddle-wrong-secret", O, hd(NOW, sign(JSON_BODY, secret=OTHER)), JSON_BODY, SECRET,
             MISMATCH, o),
        case("paddle-stale-wrong-secret-is-mismatch", O,
             hd(NOW - 1000, sign(JSON_BODY, NOW - 1000, OTHER)), JSON_BODY, SECRET, MISMATCH, o),
        case("paddle-stale-301", O, hd(NOW - 301, sign(JSON_BODY, NOW - 301)), JSON_BODY, SECRET,
             STALE, o, age=301, tolerance=300),
        case("paddle-future-301", O, hd(NOW + 301, sign(JSON_BODY, NOW + 301)), JSON_BODY, SECRET,
             STALE, o, age=-301, tolerance=300),
        case("paddle-tolerance-5-stale-6", O, hd(NOW - 6, sign(JSON_BODY, NOW - 6)), JSON_BODY,
             SECRET, STALE, {"now": NOW, "tolerance": 5}, age=6, tolerance=5),
        case("paddle-tolerance-narrowed-stale", O, hd(NOW - 100, sign(JSON_BODY, NOW - 100)),
             JSON_BODY, SECRET, STALE, {"now": NOW, "tolerance": 60}, age=100, tolerance=60),
        case("paddle-tolerance-zero-stale", O, hd(NOW - 1, sign(JSON_BODY, NOW - 1)), JSON_BODY,
             SECRET, STALE, {"now": NOW, "tolerance": 0}, age=1, tolerance=0,
             sdk={"accepts": True, "why": "paddle-python-sdk skips the time check when "
                  "maximum_variance is 0 (`self.maximum_variance > 0`)"}),
        case("paddle-malformed-empty", O, [(H, "")], JSON_BODY, SECRET, MALFORMED, o, header=H),
        case("paddle-malformed-garbage", O, [(H, "garbage")], JSON_BODY, SECRET, MALFORMED, o,
             header=H),
        case("paddle-malformed-missing-timestamp", O, [(H, f"h1={g}")], JSON_BODY, SECRET,
             MALFORMED, o, header=H),
        case("paddle-malformed-non-numeric-timestamp", O, [(H, f"ts=abc;h1={g}")], JSON_BODY,
             SECRET, MALFORMED, o, header=H),
        case("paddle-malformed-comma-separator", O, [(H, f"ts={NOW},h1={g}")], JSON_BODY, SECRET,
             MALFORMED, o, header=H),
        case("paddle-malformed-timestamp-only", O, [(H, f"ts={NOW}")], JSON_BODY, SECRET,
             MALFORMED, o, header=H),
        case("paddle-malformed-sig-too-short", O, hd(NOW, g[:-1]), JSON_BODY, SECRET, MALFORMED,
             o, header=H),
        case("paddle-malformed-sig-too-long", O, hd(NOW, g + "0"), JSON_BODY, SECRET, MALFORMED,
             o, header=H),
        case("paddle-malformed-uppercase-hex", O, hd(NOW, g.upper()), JSON_BODY, SECRET,
             MALFORMED, o, header=H),
        case("paddle-header-missing", O, [("Content-Type", "application/json")], JSON_BODY,
             SECRET, MISSING, o, header=H),
        case("paddle-header-twice", O, hd(NOW, g) + hd(NOW, g), JSON_BODY, SECRET, MALFORMED, o,
             header=H),
        case("paddle-empty-secret", O, hd(NOW, g), JSON_BODY, "", INVALID_SECRET, o),
    ]
    check_sdk(cs, sdk_accepts, "paddle")
    write("paddle", "Paddle Billing (Paddle-Signature ts/h1, {ts}:{body}, 300 s default window)",
          "Positive cases are signed by PyPI paddle-python-sdk==1.16.1 "
          "`PaddleSignature.calculate_hmac(secret, f'{ts}:{body}')` (checked equal to the documented "
          "algorithm computed with hmac/hashlib). Negatives are derived by generate/paddle.py. Every "
          "case is verified by the SDK's `Verifier().verify(request, Secret(secret))` (default 5 s "
          "window unless the case passes `tolerance`, which is given as maximum_variance); where it "
          "differs from ours the verdict is recorded in `sdk`. Paddle's published SDK fixtures were "
          "not found in the indexed sources in the time available (not copied).",
          [{"id": O, "what": "PyPI paddle-python-sdk==1.16.1 PaddleSignature.calculate_hmac / Verifier.verify",
            "where": "paddle_billing/Notifications/PaddleSignature.py, Verifier.py"}],
          "not a † row", cs)


if __name__ == "__main__":
    main()
