"""Paddle Billing connector vectors (docs/spec.md §2.4): `Paddle-Signature: ts=…;h1=…[;h1=…]`,
HMAC-SHA256 over `{ts}:{body}` keyed with the whole notification secret (prefix included), hex;
our default window 300 s (Paddle's SDKs default to 5 s).

Needs (throwaway): PyPI paddle-python-sdk==1.16.1 in /tmp/sdk-a/venv (signs the positives with
`PaddleSignature.calculate_hmac`, verifies every case with `Verifier().verify`).
Run from tests/vectors/connector:  /tmp/sdk-a/venv/bin/python generate/paddle.py
"""
import os
import sys
from unittest import mock

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != _HERE] + [_HERE]
from paddle_billing.Notifications import PaddleSignature, Secret, Verifier  # noqa: E402

from _negatives_a import (  # noqa: E402
    INVALID_SECRET,
    JSON_BODY,
    MALFORMED,
    MISMATCH,
    MISSING,
    NOW,
    STALE,
    TINY_BODY,
    UTF8_BODY,
    case,
    check_sdk,
    hmac_hex,
    write,
)

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
    SRC = "pypi-paddle"
    hd = lambda t, s: [(H, f"ts={t};h1={s}")]  # noqa: E731
    five = {"accepts": False, "why": "paddle-python-sdk Verifier defaults to a 5 s window "
            "(maximum_variance=5); ours is 300 s"}
    cs = [
        case("paddle-sdk-json", SRC, hd(NOW, g), JSON_BODY, SECRET, options=o, timestamp=NOW),
        case("paddle-sdk-utf8-body", SRC, hd(NOW, sign(UTF8_BODY)), UTF8_BODY, SECRET, options=o,
             timestamp=NOW),
        case("paddle-sdk-tiny-body", SRC, hd(NOW, sign(TINY_BODY)), TINY_BODY, SECRET, options=o,
             timestamp=NOW),
        case("paddle-sdk-age-3s", SRC, hd(NOW - 3, sign(JSON_BODY, NOW - 3)), JSON_BODY, SECRET,
             options=o, timestamp=NOW - 3),
        case("paddle-multi-h1-second-valid", SRC,
             [(H, f"ts={NOW};h1={sign(JSON_BODY, secret=OTHER)};h1={g}")], JSON_BODY, SECRET,
             options=o, timestamp=NOW),
        case("paddle-header-name-lowercase", SRC, [("paddle-signature", f"ts={NOW};h1={g}")],
             JSON_BODY, SECRET, options=o, timestamp=NOW),
        case("paddle-window-boundary-past-ok", SRC, hd(NOW - 300, sign(JSON_BODY, NOW - 300)),
             JSON_BODY, SECRET, options=o, timestamp=NOW - 300, sdk=five),
        case("paddle-window-boundary-future-ok", SRC, hd(NOW + 300, sign(JSON_BODY, NOW + 300)),
             JSON_BODY, SECRET, options=o, timestamp=NOW + 300, sdk=five),
        case("paddle-tolerance-widened-ok", SRC, hd(NOW - 600, sign(JSON_BODY, NOW - 600)),
             JSON_BODY, SECRET, options={"now": NOW, "tolerance": 900}, timestamp=NOW - 600),
        case("paddle-tolerance-5-boundary-ok", SRC, hd(NOW - 5, sign(JSON_BODY, NOW - 5)),
             JSON_BODY, SECRET, options={"now": NOW, "tolerance": 5}, timestamp=NOW - 5),
        # negatives
        case("paddle-tampered-body", SRC, hd(NOW, g), JSON_BODY.replace("4200", "4201"), SECRET,
             MISMATCH, o),
        case("paddle-wrong-secret", SRC, hd(NOW, sign(JSON_BODY, secret=OTHER)), JSON_BODY, SECRET,
             MISMATCH, o),
        case("paddle-stale-wrong-secret-is-mismatch", SRC,
             hd(NOW - 1000, sign(JSON_BODY, NOW - 1000, OTHER)), JSON_BODY, SECRET, MISMATCH, o),
        case("paddle-stale-301", SRC, hd(NOW - 301, sign(JSON_BODY, NOW - 301)), JSON_BODY, SECRET,
             STALE, o, age=301, tolerance=300),
        case("paddle-future-301", SRC, hd(NOW + 301, sign(JSON_BODY, NOW + 301)), JSON_BODY, SECRET,
             STALE, o, age=-301, tolerance=300),
        case("paddle-tolerance-5-stale-6", SRC, hd(NOW - 6, sign(JSON_BODY, NOW - 6)), JSON_BODY,
             SECRET, STALE, {"now": NOW, "tolerance": 5}, age=6, tolerance=5),
        case("paddle-tolerance-narrowed-stale", SRC, hd(NOW - 100, sign(JSON_BODY, NOW - 100)),
             JSON_BODY, SECRET, STALE, {"now": NOW, "tolerance": 60}, age=100, tolerance=60),
        case("paddle-tolerance-zero-stale", SRC, hd(NOW - 1, sign(JSON_BODY, NOW - 1)), JSON_BODY,
             SECRET, STALE, {"now": NOW, "tolerance": 0}, age=1, tolerance=0,
             sdk={"accepts": True, "why": "paddle-python-sdk skips the time check when "
                  "maximum_variance is 0 (`self.maximum_variance > 0`)"}),
        case("paddle-malformed-empty", SRC, [(H, "")], JSON_BODY, SECRET, MALFORMED, o, header=H),
        case("paddle-malformed-garbage", SRC, [(H, "garbage")], JSON_BODY, SECRET, MALFORMED, o,
             header=H),
        case("paddle-malformed-missing-timestamp", SRC, [(H, f"h1={g}")], JSON_BODY, SECRET,
             MALFORMED, o, header=H),
        case("paddle-malformed-non-numeric-timestamp", SRC, [(H, f"ts=abc;h1={g}")], JSON_BODY,
             SECRET, MALFORMED, o, header=H),
        case("paddle-malformed-comma-separator", SRC, [(H, f"ts={NOW},h1={g}")], JSON_BODY, SECRET,
             MALFORMED, o, header=H),
        case("paddle-malformed-timestamp-only", SRC, [(H, f"ts={NOW}")], JSON_BODY, SECRET,
             MALFORMED, o, header=H),
        case("paddle-malformed-sig-too-short", SRC, hd(NOW, g[:-1]), JSON_BODY, SECRET, MALFORMED,
             o, header=H),
        case("paddle-malformed-sig-too-long", SRC, hd(NOW, g + "0"), JSON_BODY, SECRET, MALFORMED,
             o, header=H),
        case("paddle-malformed-uppercase-hex", SRC, hd(NOW, g.upper()), JSON_BODY, SECRET,
             MALFORMED, o, header=H),
        case("paddle-header-missing", SRC, [("Content-Type", "application/json")], JSON_BODY,
             SECRET, MISSING, o, header=H),
        case("paddle-header-twice", SRC, hd(NOW, g) + hd(NOW, g), JSON_BODY, SECRET, MALFORMED, o,
             header=H),
        case("paddle-empty-secret", SRC, hd(NOW, g), JSON_BODY, "", INVALID_SECRET, o),
    ]
    # Published: @paddle/paddle-node-sdk src/__tests__/notifications/webhooks-validator.test.ts
    # (secret VALID_SECRET, clock at 2023-11-01T00:00:00Z = 1698796800, 5 s window).
    P, PT, PS = "npm-paddle-tests", 1698796800, "VALID_SECRET"
    pb = '{"data": ["1", "2"]}'
    ph = "ts=1698796800;h1=a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9"
    p5 = {"now": PT, "tolerance": 5}
    cs += [
        case("paddle-published-valid", P, [(H, ph)], pb, PS, options=p5, timestamp=PT),
        case("paddle-published-multiple-hashes", P,
             [(H, "ts=1698796800;h1=28981e941fae76e53db32f3d2a83cb69db41476595e84e1970a1b5d98f62b261;"
                  "h1=28981e941fae76e53db32f3d2a83cb69db41476595e84e1970a1b5d98f62b261;h2=RANDOM_HASH")],
             '{"data": "value"}', PS, options=p5, timestamp=PT,
             sdk={"accepts": False, "why": "paddle-python-sdk's PaddleSignature.parse raises "
                  "ValueError on any key but ts/h1 (here h2); the Node SDK, whose test this is, "
                  "and ours ignore unknown keys"}),
        case("paddle-published-invalid-secret", P, [(H, ph)], pb, "INVALID_VALID_SECRET", MISMATCH,
             p5),
        case("paddle-published-invalid-timestamp", P, [(H, ph.replace("1698796800", "9876"))], pb,
             PS, MISMATCH, p5),
        case("paddle-published-more-space", P, [(H, ph)], '{ "data": [ "1", "2" ]}', PS, MISMATCH,
             p5),
        case("paddle-published-invalid-signature", P, [(H, "ts=1234;h1=invalid_signature")], pb, PS,
             MALFORMED, p5, header=H),
        case("paddle-published-missing-ts-and-h1", P, [(H, "invalid_header")], pb, PS, MALFORMED, p5,
             header=H),
        case("paddle-published-missing-ts", P, [(H, "h1=invalid_header")], pb, PS, MALFORMED, p5,
             header=H),
        case("paddle-published-missing-h1", P, [(H, "ts=1234;h2=invalid_header")], pb, PS,
             MALFORMED, p5, header=H),
        case("paddle-published-1s-later", P, [(H, ph)], pb, PS, options={**p5, "now": PT + 1},
             timestamp=PT),
        case("paddle-published-5s-later", P, [(H, ph)], pb, PS, options={**p5, "now": PT + 5},
             timestamp=PT),
        case("paddle-published-6s-later", P, [(H, ph)], pb, PS, STALE, {**p5, "now": PT + 6},
             age=6, tolerance=5),
        case("paddle-published-days-later", P, [(H, ph)], pb, PS, STALE,
             {**p5, "now": PT + 4 * 86400}, age=4 * 86400, tolerance=5),
        case("paddle-published-6s-later-default-window", P, [(H, ph)], pb, PS,
             options={"now": PT + 6}, timestamp=PT, sdk=five),
    ]
    check_sdk(cs, sdk_accepts, "paddle")
    write("paddle", "Paddle Billing (Paddle-Signature ts/h1, {ts}:{body}, 300 s default window)",
          "Positive cases are signed by PyPI paddle-python-sdk==1.16.1 "
          "`PaddleSignature.calculate_hmac(secret, f'{ts}:{body}')` (checked equal to the documented "
          "algorithm computed with hmac/hashlib). Negatives are derived by generate/paddle.py. Every "
          "case is verified by the SDK's `Verifier().verify(request, Secret(secret))` (default 5 s "
          "window unless the case passes `tolerance`, which is given as maximum_variance); where it "
          "differs from ours the verdict is recorded in `sdk`. The cases paddle-published-* are "
          "copied from the Node SDK's own tests (body, header, secret, clock and verdict; its 5 s "
          "window given as `tolerance`).",
          [{"id": SRC,
            "what": "PyPI paddle-python-sdk==1.16.1 PaddleSignature.calculate_hmac / Verifier.verify",
            "where": "paddle_billing/Notifications/PaddleSignature.py, Verifier.py"},
           {"id": P, "what": "@paddle/paddle-node-sdk published test cases",
            "where": "github.com/PaddleHQ/paddle-node-sdk src/__tests__/notifications/"
                     "webhooks-validator.test.ts (commit 4210c16)"}],
          "not a † row", cs)


if __name__ == "__main__":
    main()
