"""Verify a 1 KiB webhook through the Python binding, side by side in one process with the
verifiers merchants would otherwise use, on equal work. Run:

    .venv/bin/python bindings/python/bench/bench_webhook.py

Every case verifies a genuine 1 KiB body signed at the current time, with its verifier made
once where the API allows (as a merchant's app does). Two groups, so that like is compared with
like:

- **signature only** (no JSON parsed): revtain `Webhook.verify_signature(body, header)`;
  revtain `verify_connector("stripe", headers, body, secret)` with a 7-header `dict` (the
  shape of a framework's headers) and with Starlette's `Headers`; stripe
  `WebhookSignature.verify_header`; standardwebhooks `Webhook.verify(..., json_parse=False)`;
  svix `Webhook.verify` (which never parses: svix 2.9 calls standardwebhooks with
  `json_parse=False`); the stdlib's `hmac.new(key, t.body, sha256).hexdigest()` +
  `compare_digest` (key decoded once, signed bytes prepared outside the loop).
- **with the JSON parse**: revtain `Webhook.verify(body, headers)` (the envelope checked in
  Rust, `data` parsed by `json.loads`); standardwebhooks `Webhook.verify` (`json.loads` of the
  body); stripe `verify_header` + `json.loads`, and stripe `Webhook.construct_event` (which also
  builds its `Event` object: more work than ours, shown for reference); `json.loads` of the
  body alone, the cost every side of this group pays.

The floor beside them: one `hashlib.sha256` of the same signed bytes (the HMAC's own hashing is
two passes of SHA-256 over them; a verification cannot cost less than one).

Bars (docs/spec.md §4), each a ratio within one run:
- revtain `verify_signature` ≥ 5× stripe and standardwebhooks, ≥ 2× the stdlib, ≤ 1.3× the floor;
- revtain `verify` ≥ 5× standardwebhooks and stripe with their JSON parse;
- `verify_connector` (dict) ≤ 1.5× `verify_signature` and ≥ 3× stripe's `verify_header`.
"""

import base64
import hashlib
import hmac
import json
import platform
import statistics
import time
import timeit
from importlib.metadata import version

import stripe
from standardwebhooks.webhooks import Webhook as StandardWebhook
from starlette.datastructures import Headers as StarletteHeaders
from svix.webhooks import Webhook as SvixWebhook

import revtain

SECRET = revtain.generate_webhook_secret()
BODY = (b'{"id":"evt_1","type":"payment.recovered","created":1700000000,"data":{"pad":"'
        + b"x" * 1024)[:1021] + b'"}}'
assert len(BODY) == 1024
T = int(time.time())

OURS = revtain.Webhook(SECRET)
HEADERS = revtain.WebhookSigner(SECRET).sign(BODY, "evt_1", T)
SIG = HEADERS["X-Revtain-Signature"]
STANDARD = StandardWebhook(SECRET)
STD_HEADERS = {k: v for k, v in HEADERS.items() if k.startswith("webhook-")}
SVIX = SvixWebhook(SECRET)
SVIX_HEADERS = {"svix-id": "evt_1", "svix-timestamp": str(T), "svix-signature": HEADERS["webhook-signature"]}
SIGNED = b"%d." % T + BODY
STRIPE_SIG = f"t={T},v1={hmac.new(SECRET.encode(), SIGNED, hashlib.sha256).hexdigest()}"
BODY_STR = BODY.decode()
KEY = base64.b64decode(SECRET[len("whsec_"):])
EXPECTED = SIG.split("v1=")[1]
# A Stripe webhook's headers as a framework hands them over: seven of them.
FRAMEWORK = {
    "host": "merchant.example",
    "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
    "content-type": "application/json; charset=utf-8",
    "content-length": "1024",
    "accept": "*/*; q=0.5, application/xml",
    "cache-control": "no-cache",
    "stripe-signature": STRIPE_SIG,
}
STARLETTE = StarletteHeaders(raw=[(k.encode(), v.encode()) for k, v in FRAMEWORK.items()])

OURS_SIG = "revtain Webhook.verify_signature"
OURS_CONNECTOR = "revtain verify_connector (7-header dict)"
OURS_EVENT = "revtain Webhook.verify (+ JSON)"
STRIPE_HEADER = "stripe WebhookSignature.verify_header"
FLOOR = "floor: one hashlib.sha256 of the signed bytes"
JSON_ALONE = "json.loads of the body alone (no verification)"

SIGNATURE_ONLY = {
    OURS_SIG: lambda: OURS.verify_signature(BODY, SIG),
    OURS_CONNECTOR: lambda: revtain.verify_connector("stripe", FRAMEWORK, BODY, SECRET),
    "revtain verify_connector (Starlette Headers)": lambda: revtain.verify_connector(
        "stripe", STARLETTE, BODY, SECRET),
    STRIPE_HEADER: lambda: stripe.WebhookSignature.verify_header(BODY_STR, STRIPE_SIG, SECRET, 300),
    "standardwebhooks Webhook.verify (json_parse=False)": lambda: STANDARD.verify(
        BODY, STD_HEADERS, json_parse=False),
    "svix Webhook.verify (parses nothing)": lambda: SVIX.verify(BODY, SVIX_HEADERS),
    "stdlib hmac hexdigest + compare_digest": lambda: hmac.compare_digest(
        hmac.new(KEY, SIGNED, hashlib.sha256).hexdigest(), EXPECTED),
    FLOOR: lambda: hashlib.sha256(SIGNED).digest(),
}
WITH_JSON = {
    OURS_EVENT: lambda: OURS.verify(BODY, HEADERS),
    "standardwebhooks Webhook.verify (+ json.loads)": lambda: STANDARD.verify(BODY, STD_HEADERS),
    "stripe verify_header + json.loads": lambda: (
        stripe.WebhookSignature.verify_header(BODY_STR, STRIPE_SIG, SECRET, 300), json.loads(BODY_STR)),
    "stripe Webhook.construct_event (+ its Event object)": lambda: stripe.Webhook.construct_event(
        BODY_STR, STRIPE_SIG, SECRET),
    JSON_ALONE: lambda: json.loads(BODY),
}
# (case, against, the lowest "case / against", or the highest when negative)
BARS = [
    (STRIPE_HEADER, OURS_SIG, 5),
    ("standardwebhooks Webhook.verify (json_parse=False)", OURS_SIG, 5),
    ("stdlib hmac hexdigest + compare_digest", OURS_SIG, 2),
    (OURS_SIG, FLOOR, -1.3),
    ("standardwebhooks Webhook.verify (+ json.loads)", OURS_EVENT, 5),
    ("stripe verify_header + json.loads", OURS_EVENT, 5),
    (OURS_CONNECTOR, OURS_SIG, -1.5),
    (STRIPE_HEADER, OURS_CONNECTOR, 3),
]


def measure(cases, number=5000, rounds=15):
    for fn in cases.values():
        fn()  # each accepts the genuine webhook
    samples = {name: [] for name in cases}
    for r in range(rounds):  # interleaved in a rotating order: drift hits every case alike
        names = list(cases)
        for name in names[r % len(names):] + names[:r % len(names)]:
            samples[name].append(timeit.timeit(cases[name], number=number) / number * 1e6)
    return samples


def main():
    samples = measure({**SIGNATURE_ONLY, **WITH_JSON})
    med = {name: statistics.median(v) for name, v in samples.items()}

    def ratio(a, b):  # the median of the per-round ratios: steadier than a ratio of medians
        return statistics.median(x / y for x, y in zip(samples[a], samples[b], strict=True))

    peers = ", ".join(f"{p} {version(p)}" for p in ("revtain", "stripe", "standardwebhooks", "svix"))
    print(f"Python {platform.python_version()}; {peers}; 15 rounds of 5000 calls, medians")
    groups = (("signature only", SIGNATURE_ONLY, OURS_SIG), ("with the JSON parse", WITH_JSON, OURS_EVENT))
    for title, group, base in groups:
        print(f"\n{title} (1 KiB body)".ljust(62) + f"{'µs':>8s} {'÷ ' + base.split()[1]:>16s}")
        for name in group:
            print(f"  {name:58s} {med[name]:8.2f} {ratio(name, base):15.2f}x")
    print("\nbars")
    for case, against, bar in BARS:
        x = ratio(case, against)
        met = x >= bar if bar > 0 else x <= -bar
        rule = f"≥ {bar}×" if bar > 0 else f"≤ {-bar}×"
        print(f"  {case} ÷ {against}: {x:.2f}× ({rule}: {'met' if met else 'MISSED'})")
    # With the parse, 5× is out of reach of any verifier that returns parsed Python objects:
    # say how far, from this run's own figures.
    need = min(med["standardwebhooks Webhook.verify (+ json.loads)"],
               med["stripe verify_header + json.loads"]) / 5
    print(f"  (5× with the parse needs revtain Webhook.verify ≤ {need:.2f} µs; "
          f"json.loads alone takes {med[JSON_ALONE]:.2f} µs)")


if __name__ == "__main__":
    main()
