"""Stripe connector vectors (docs/spec.md §2.4): `Stripe-Signature: t=…,v1=…`, HMAC-SHA256 over
`{t}.{body}` keyed with the whole `whsec_…` string, hex, default tolerance 300 s.

Needs (throwaway, not project dependencies): npm stripe@23.1.0 in /tmp/sdk-a (signs every
positive with `stripe.webhooks.generateTestHeaderString`), PyPI stripe==16.1.0 in
/tmp/sdk-a/venv (the official verifier, run on every case). Run from tests/vectors/connector:
    /tmp/sdk-a/venv/bin/python generate/stripe.py
"""
import json
import sys
from unittest import mock

_HERE = __import__("os").path.dirname(__import__("os").path.abspath(__file__))
# This file is named like the SDK: keep its folder last on sys.path so `import stripe` is the SDK.
sys.path = [p for p in sys.path if __import__("os").path.abspath(p or ".") != _HERE] + [_HERE]
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
    node,
    write,
)

SECRET = "whsec_5b1Zq3kQ9dR2vT7xW4yA8cE6gH0jL3mN"
OTHER = "whsec_Xo2Lm9Pq4Rs7Tu1Vw5Xy8Za3Bc6De0Fg"
H = "Stripe-Signature"
# stripe-python tests/test_webhook.py (DUMMY_WEBHOOK_PAYLOAD, DUMMY_WEBHOOK_SECRET)
PUB_BODY = ('{\n  "id": "evt_test_webhook",\n  "object": "event",\n'
            '  "data": { "object": { "id": "rdr_123", "object": "terminal.reader" } }\n}')
PUB_SECRET = "whsec_test_secret"


def sdk_sign(items):
    """[(payload, secret, timestamp)] -> headers, from npm stripe's generateTestHeaderString."""
    script = (
        "const Stripe=require('stripe');const s=new Stripe('sk_test_x');"
        f"const items={json.dumps(items)};"
        "console.log(JSON.stringify(items.map(([payload,secret,timestamp])=>"
        "s.webhooks.generateTestHeaderString({payload,secret,timestamp}))));")
    return json.loads(node(script))


def main():
    signs = {
        "json": (JSON_BODY, SECRET, NOW), "utf8": (UTF8_BODY, SECRET, NOW),
        "tiny": (TINY_BODY, SECRET, NOW), "empty": ("", SECRET, NOW),
        "pub": (PUB_BODY, PUB_SECRET, NOW), "past300": (JSON_BODY, SECRET, NOW - 300),
        "future300": (JSON_BODY, SECRET, NOW + 300), "past301": (JSON_BODY, SECRET, NOW - 301),
        "future301": (JSON_BODY, SECRET, NOW + 301), "past600": (JSON_BODY, SECRET, NOW - 600),
        "past100": (JSON_BODY, SECRET, NOW - 100), "past1": (JSON_BODY, SECRET, NOW - 1),
        "other": (JSON_BODY, OTHER, NOW), "other_stale": (JSON_BODY, OTHER, NOW - 1000),
    }
    keys = list(signs)
    hdr = dict(zip(keys, sdk_sign([list(signs[k]) for k in keys]), strict=True))
    # The SDK's header equals the documented algorithm (checked, so the stdlib fallback below is the same).
    for k, (p, s, t) in signs.items():
        assert hdr[k] == f"t={t},v1={hmac_hex(s, f'{t}.{p}')}", k
    sig = hdr["json"].split("v1=")[1]
    o = {"now": NOW}
    SRC = "npm-stripe"
    cs = [
        case("stripe-sdk-json", SRC, [(H, hdr["json"])], JSON_BODY, SECRET, options=o, timestamp=NOW),
        case("stripe-sdk-utf8-body", SRC, [(H, hdr["utf8"])], UTF8_BODY, SECRET, options=o, timestamp=NOW),
        case("stripe-sdk-tiny-body", SRC, [(H, hdr["tiny"])], TINY_BODY, SECRET, options=o, timestamp=NOW),
        case("stripe-sdk-empty-body", SRC, [(H, hdr["empty"])], "", SECRET, options=o, timestamp=NOW),
        case("stripe-published-python-dummy", "stripe-python-tests", [(H, hdr["pub"])], PUB_BODY,
             PUB_SECRET, options=o, timestamp=NOW),
        case("stripe-published-python-extra-bad-v1", "stripe-python-tests",
             [(H, hdr["pub"] + ",v1=bad_signature")], PUB_BODY, PUB_SECRET, options=o, timestamp=NOW),
        case("stripe-multi-v1-second-valid", SRC,
             [(H, f"t={NOW},v1={hmac_hex(OTHER, f'{NOW}.{JSON_BODY}')},v1={sig}")], JSON_BODY,
             SECRET, options=o, timestamp=NOW),
        case("stripe-v0-entry-ignored", SRC, [(H, f"{hdr['json']},v0={'6f' * 32}")], JSON_BODY,
             SECRET, options=o, timestamp=NOW),
        case("stripe-header-name-lowercase", SRC, [("stripe-signature", hdr["json"])], JSON_BODY,
             SECRET, options=o, timestamp=NOW),
        case("stripe-header-name-uppercase", SRC, [("STRIPE-SIGNATURE", hdr["json"])], JSON_BODY,
             SECRET, options=o, timestamp=NOW),
        case("stripe-window-boundary-past-ok", SRC, [(H, hdr["past300"])], JSON_BODY, SECRET,
             options=o, timestamp=NOW - 300),
        case("stripe-window-boundary-future-ok", SRC, [(H, hdr["future300"])], JSON_BODY, SECRET,
             options=o, timestamp=NOW + 300),
        case("stripe-tolerance-widened-ok", SRC, [(H, hdr["past600"])], JSON_BODY, SECRET,
             options={"now": NOW, "tolerance": 900}, timestamp=NOW - 600),
        # negatives
        case("stripe-tampered-body", SRC, [(H, hdr["json"])], JSON_BODY.replace("4200", "4201"),
             SECRET, MISMATCH, o),
        case("stripe-wrong-secret", SRC, [(H, hdr["other"])], JSON_BODY, SECRET, MISMATCH, o),
        case("stripe-stale-wrong-secret-is-mismatch", SRC, [(H, hdr["other_stale"])], JSON_BODY,
             SECRET, MISMATCH, o),
        case("stripe-stale-301", SRC, [(H, hdr["past301"])], JSON_BODY, SECRET, STALE, o,
             age=301, tolerance=300),
        case("stripe-future-301", SRC, [(H, hdr["future301"])], JSON_BODY, SECRET, STALE, o,
             age=-301, tolerance=300,
             sdk={"accepts": True, "why": "stripe-python WebhookSignature.verify_header only "
                  "refuses timestamps older than the tolerance; it never checks the future"}),
        case("stripe-tolerance-narrowed-stale", SRC, [(H, hdr["past100"])], JSON_BODY, SECRET, STALE,
             {"now": NOW, "tolerance": 60}, age=100, tolerance=60),
        case("stripe-tolerance-zero-stale", SRC, [(H, hdr["past1"])], JSON_BODY, SECRET, STALE,
             {"now": NOW, "tolerance": 0}, age=1, tolerance=0,
             sdk={"accepts": True, "why": "stripe-python tests `if tolerance and …`: a tolerance "
                  "of 0 disables its timestamp check; ours means |age| must be 0"}),
        case("stripe-malformed-empty", SRC, [(H, "")], JSON_BODY, SECRET, MALFORMED, o, header=H),
        case("stripe-malformed-garbage", SRC, [(H, "i'm not even a real signature header")],
             JSON_BODY, SECRET, MALFORMED, o, header=H),
        case("stripe-malformed-missing-timestamp", SRC, [(H, f"v1={sig}")], JSON_BODY, SECRET,
             MALFORMED, o, header=H),
        case("stripe-malformed-non-numeric-timestamp", SRC, [(H, f"t=abc,v1={sig}")], JSON_BODY,
             SECRET, MALFORMED, o, header=H),
        case("stripe-malformed-semicolon-separator", SRC, [(H, f"t={NOW};v1={sig}")], JSON_BODY,
             SECRET, MALFORMED, o, header=H),
        # Ours trims spaces around entries (the grammar shared with X-Revtain-Signature): the
        # signature still has to match, so a proxy that reformats the header loses nothing.
        case("stripe-space-after-comma-ok", SRC, [(H, f"t={NOW}, v1={sig}")], JSON_BODY,
             SECRET, "ok", o, timestamp=NOW,
             sdk={"accepts": False, "why": "stripe's parser does not trim the space before "
                  "' v1', so it finds no v1 entry; ours trims spaces around entries"}),
        case("stripe-malformed-only-v0", SRC, [(H, f"t={NOW},v0={sig}")], JSON_BODY, SECRET,
             MALFORMED, o, header=H),
        case("stripe-malformed-timestamp-only", SRC, [(H, f"t={NOW}")], JSON_BODY, SECRET,
             MALFORMED, o, header=H),
        case("stripe-malformed-sig-too-short", SRC, [(H, f"t={NOW},v1={sig[:-1]}")], JSON_BODY,
             SECRET, MALFORMED, o, header=H),
        case("stripe-malformed-sig-too-long", SRC, [(H, f"t={NOW},v1={sig}0")], JSON_BODY, SECRET,
             MALFORMED, o, header=H),
        case("stripe-malformed-uppercase-hex", SRC, [(H, f"t={NOW},v1={sig.upper()}")], JSON_BODY,
             SECRET, MALFORMED, o, header=H),
        case("stripe-header-missing", SRC, [("Content-Type", "application/json")], JSON_BODY, SECRET,
             MISSING, o, header=H),
        case("stripe-header-twice", SRC, [(H, hdr["json"]), (H, hdr["json"])], JSON_BODY, SECRET,
             MALFORMED, o, header=H,
             sdk={"accepts": True, "why": "given the framework-joined value `a, b`, stripe-python "
                  "splits on ',' and ignores the ' t=' entry, so the repeated valid v1 matches"}),
        case("stripe-empty-secret", SRC, [(H, hdr["json"])], JSON_BODY, "", INVALID_SECRET, o),
    ]
    import stripe  # the official verifier (PyPI stripe, in the throwaway venv)
    from stripe._error import SignatureVerificationError

    def sdk_accepts(c):
        hs = [v for n, v in c["headers"] if n.lower() == "stripe-signature"]
        header = ", ".join(hs) if hs else None
        opts = c.get("options", {})
        with mock.patch("stripe._webhook.time") as t:
            t.time.return_value = opts["now"]
            try:
                stripe.WebhookSignature.verify_header(c["body"].encode(), header, c["secret"],
                                                      tolerance=opts.get("tolerance", 300))
            except SignatureVerificationError:
                return False
        return True

    check_sdk(cs, sdk_accepts, "stripe")
    write("stripe", "Stripe webhook signatures (Stripe-Signature, t/v1, 300 s window both ways)",
          "Positive cases are signed by npm stripe@23.1.0 `stripe.webhooks.generateTestHeaderString` "
          "(each header is also checked against the documented algorithm, HMAC-SHA256 of `{t}.{body}` "
          "keyed with the whole whsec_ string, hex). Two cases reuse stripe-python's own test payload and "
          "secret (tests/test_webhook.py; its timestamps are time.time(), so ours is fixed at 1700000000), "
          "one with its extra `v1=bad_signature` entry. Negatives are derived by the generator "
          "(generate/stripe.py) from those headers; every case is also fed to PyPI stripe==16.1.0 "
          "WebhookSignature.verify_header and its verdict recorded in `sdk` where it differs.",
          [{"id": "npm-stripe", "what": "npm stripe@23.1.0, stripe.webhooks.generateTestHeaderString",
            "where": "node_modules/stripe/cjs/Webhooks.js"},
           {"id": "stripe-python-tests", "what": "stripe-python test payload/secret and the extra "
            "bad v1 entry (test_header_contains_valid_signature)",
            "where": "github.com/stripe/stripe-python tests/test_webhook.py @ "
            "18f4f884fe82eca6230ac33e5f68a0e88e15acd1"},
           {"id": "pypi-stripe", "what": "PyPI stripe==16.1.0 WebhookSignature.verify_header (verifier)",
            "where": "stripe/_webhook.py"}],
          "not a † row", cs)


if __name__ == "__main__":
    main()
