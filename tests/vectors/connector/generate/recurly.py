"""Recurly connector vectors (docs/spec.md §2.4): `recurly-signature: <t_ms>,<sig>[,<sig>]`, hex
HMAC-SHA256 over `{t_ms}.{body}` keyed with the endpoint's secret string, 5 min window.
No Python/Node Recurly package verifies webhooks (PyPI recurly==4.79.0 and npm recurly@4.81.0 have
no webhook module); the Ruby and Go clients do. Positives are built with Python's hmac/hashlib
from that algorithm, plus the published vector of recurly-client-ruby's spec.
Run from tests/vectors/connector:  python3 generate/recurly.py
"""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _negatives_a import (
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
    hmac_hex,
    write,
)

SECRET = "7c1f5e2a9b4d8c3e6f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6"
OTHER = "0f9e8d7c6b5a49382716051f2e3d4c5b6a79880716253443526170819a8b7c6d"
H = "recurly-signature"
# recurly-client-ruby spec/recurly/webhooks_spec.rb ("with notification older than five minutes")
PUB_SECRET = "354fab5bd35f5a0d50845ee7e30165244468b13c2c343f104e4e730a59326d9d"
PUB_BODY = ('{"id":"rjxwmwedwqug","object_type":"account","site_id":"qc326l1hl8k9",'
            '"event_type":"created","event_time":"2022-09-13T21:18:40Z","account_code":"adfas23zzz14123"}')
PUB_HEADER = "1663103925004,ad24699f3beaa24c9af2cc7ada3ce4c835da0090194241b9d3add83d27f14bc3"
T = NOW * 1000 + 250  # a millisecond timestamp with a sub-second part


def sg(t_ms, body=JSON_BODY, secret=SECRET):
    return hmac_hex(secret, f"{t_ms}.{body}")


def main():
    assert PUB_HEADER.split(",")[1] == sg(1663103925004, PUB_BODY, PUB_SECRET)
    g = sg(T)
    o = {"now": NOW}
    S, R = "stdlib-documented", "recurly-ruby-spec"
    hd = lambda t, *s: [(H, ",".join([str(t), *s]))]  # noqa: E731
    pub_age = (NOW * 1000 - 1663103925004) // 1000  # positive, so floor == truncation
    cs = [
        case("recurly-json", S, hd(T, g), JSON_BODY, SECRET, options=o, timestamp=NOW),
        case("recurly-utf8-body", S, hd(T, sg(T, UTF8_BODY)), UTF8_BODY, SECRET, options=o,
             timestamp=NOW),
        case("recurly-tiny-body", S, hd(T, sg(T, TINY_BODY)), TINY_BODY, SECRET, options=o,
             timestamp=NOW),
        case("recurly-multi-sig-second-valid", S, hd(T, sg(T, secret=OTHER), g), JSON_BODY, SECRET,
             options=o, timestamp=NOW),
        case("recurly-published-ruby-spec-current", R, [(H, PUB_HEADER)], PUB_BODY, PUB_SECRET,
             options={"now": 1663103925}, timestamp=1663103925),
        case("recurly-published-ruby-spec-stale", R, [(H, PUB_HEADER)], PUB_BODY, PUB_SECRET,
             STALE, o, age=pub_age, tolerance=300),
        case("recurly-published-ruby-spec-large-tolerance", R, [(H, PUB_HEADER)], PUB_BODY,
             PUB_SECRET, options={"now": NOW, "tolerance": 100000000}, timestamp=1663103925),
        case("recurly-published-ruby-spec-extra-short-sig", R,
             [(H, PUB_HEADER.replace(",", ",de1ec7ab1e,"))], PUB_BODY, PUB_SECRET,
             options={"now": 1663103925}, timestamp=1663103925),
        case("recurly-header-name-titlecase", S, [("Recurly-Signature", f"{T},{g}")], JSON_BODY,
             SECRET, options=o, timestamp=NOW),
        case("recurly-window-boundary-past-ok", S, hd(NOW * 1000 - 300000, sg(NOW * 1000 - 300000)),
             JSON_BODY, SECRET, options=o, timestamp=NOW - 300),
        case("recurly-window-boundary-future-ok", S, hd(NOW * 1000 + 300000, sg(NOW * 1000 + 300000)),
             JSON_BODY, SECRET, options=o, timestamp=NOW + 300),
        case("recurly-tolerance-widened-ok", S, hd(NOW * 1000 - 600000, sg(NOW * 1000 - 600000)),
             JSON_BODY, SECRET, options={"now": NOW, "tolerance": 900}, timestamp=NOW - 600),
        # negatives
        case("recurly-tampered-body", S, hd(T, g), JSON_BODY.replace("4200", "4201"), SECRET, MISMATCH, o),
        case("recurly-wrong-secret", S, hd(T, sg(T, secret=OTHER)), JSON_BODY, SECRET, MISMATCH, o),
        case("recurly-altered-timestamp", S, hd(T + 1000, g), JSON_BODY, SECRET, MISMATCH, o),
        case("recurly-stale-wrong-secret-is-mismatch", S,
             hd(NOW * 1000 - 1000000, sg(NOW * 1000 - 1000000, secret=OTHER)), JSON_BODY, SECRET,
             MISMATCH, o),
        case("recurly-stale-301", S, hd(NOW * 1000 - 301000, sg(NOW * 1000 - 301000)), JSON_BODY,
             SECRET, STALE, o, age=301, tolerance=300),
        case("recurly-future-301", S, hd(NOW * 1000 + 301000, sg(NOW * 1000 + 301000)), JSON_BODY,
             SECRET, STALE, o, age=-301, tolerance=300),
        case("recurly-tolerance-narrowed-stale", S, hd(NOW * 1000 - 100000, sg(NOW * 1000 - 100000)),
             JSON_BODY, SECRET, STALE, {"now": NOW, "tolerance": 60}, age=100, tolerance=60),
        case("recurly-malformed-empty", S, [(H, "")], JSON_BODY, SECRET, MALFORMED, o, header=H),
        case("recurly-malformed-garbage", S, [(H, "garbage")], JSON_BODY, SECRET, MALFORMED, o, header=H),
        case("recurly-malformed-missing-timestamp", S, [(H, g)], JSON_BODY, SECRET, MALFORMED, o, header=H),
        case("recurly-malformed-non-numeric-timestamp", R, [(H, f"abc,{g}")], JSON_BODY, SECRET,
             MALFORMED, o, header=H),
        case("recurly-malformed-no-signature", R, [(H, f"{T},")], JSON_BODY, SECRET, MALFORMED, o, header=H),
        case("recurly-malformed-stripe-style", S, [(H, f"t={T},v1={g}")], JSON_BODY, SECRET,
             MALFORMED, o, header=H),
        case("recurly-malformed-semicolon-separator", S, [(H, f"{T};{g}")], JSON_BODY, SECRET,
             MALFORMED, o, header=H),
        case("recurly-malformed-sig-too-short", S, hd(T, g[:-1]), JSON_BODY, SECRET, MALFORMED, o, header=H),
        case("recurly-malformed-sig-too-long", S, hd(T, g + "0"), JSON_BODY, SECRET, MALFORMED, o, header=H),
        case("recurly-malformed-uppercase-hex", S, hd(T, g.upper()), JSON_BODY, SECRET, MALFORMED, o,
             header=H),
        case("recurly-header-missing", S, [("Content-Type", "application/json")], JSON_BODY, SECRET,
             MISSING, o, header=H),
        case("recurly-header-twice", S, hd(T, g) + hd(T, g), JSON_BODY, SECRET, MALFORMED, o, header=H),
        case("recurly-empty-secret", S, hd(T, g), JSON_BODY, "", INVALID_SECRET, o),
    ]
    write("recurly", "Recurly (recurly-signature: <t_ms>,<sig>[,<sig>], {t_ms}.{body}, 300 s)",
          "No Python or Node Recurly package verifies webhooks (PyPI recurly==4.79.0, npm recurly@4.81.0 "
          "have no webhook module); the Ruby (Recurly::Webhooks.verify_signature) and Go "
          "(recurly.VerifyWebhookSignature) clients do. Positives are computed by generate/recurly.py with "
          "Python's hmac/hashlib from that algorithm (HMAC-SHA256 hex of `{t_ms}.{body}` keyed with the "
          "secret string; the Ruby client compares |now_ms - t_ms| <= 300000 ms), and the published vector "
          "of recurly-client-ruby's spec is included (current with now=1663103925, stale at 1700000000, "
          "accepted with a large tolerance, and with the spec's extra short `de1ec7ab1e` entry, which the "
          "Ruby client accepts). Negatives are derived from those.",
          [{"id": S, "what": "Python hmac.new(secret, f'{t_ms}.{body}', sha256).hexdigest()",
            "where": "generate/recurly.py"},
           {"id": R, "what": "recurly-client-ruby Webhooks.verify_signature spec: secret, body, header "
            "`1663103925004,ad24699f…`, the `de1ec7ab1e` extra entry, `abc,<sig>`, `<ts>,`",
            "where": "github.com/recurly/recurly-client-ruby spec/recurly/webhooks_spec.rb and "
            "lib/recurly/webhooks.rb @ 5233e1b071f8d30057db9fb5e6842982c7dcd339"}],
          "not a † row; algorithm confirmed from "
          "https://docs.recurly.com/recurly-subscriptions/docs/signature-verification "
          "(recurly-signature = Unix timestamp in milliseconds followed by one or more signatures) and "
          "recurly-client-ruby lib/recurly/webhooks.rb.", cs)


if __name__ == "__main__":
    main()
