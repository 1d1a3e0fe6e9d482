"""Verify a 1 KiB Revtain webhook through the Python binding, side by side in one process with
the verifiers merchants would otherwise use. Run:

    .venv/bin/python bindings/python/bench/bench_webhooks.py

Every case verifies a genuine 1 KiB body signed at the current time, with its verifier made
once (as a merchant's app does):

- revtain: `Webhook.verify_signature(body, header)`: parse the header, HMAC, compare, clock;
  and `Webhook.verify(body, headers)`, which also finds the header in the mapping and parses
  the event (standardwebhooks and svix also parse the JSON in `verify`).
- stripe: `stripe.WebhookSignature.verify_header(payload, header, secret, tolerance)` on the
  same `t=...,v1=...` header made with Stripe's own scheme (HMAC keyed with the whole
  `whsec_...` string).
- standardwebhooks / svix: `Webhook.verify(body, headers)` on our signer's Standard Webhooks
  headers (svix's with its `svix-*` names).
- stdlib: only `hmac.new(key, t.body, sha256).hexdigest()` + `hmac.compare_digest`, with the
  key decoded once and the signed bytes prepared outside the loop: no parsing, no clock.

Bars (SPEC §4): ≥ 6× stripe, ≥ 10× standardwebhooks and svix, ≥ 2× stdlib.
"""

import base64
import hashlib
import hmac
import platform
import statistics
import time
import timeit
from importlib.metadata import version

import stripe
from standardwebhooks.webhooks import Webhook as StandardWebhook
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
STRIPE_SIG = "t=%d,v1=%s" % (T, hmac.new(SECRET.encode(), b"%d." % T + BODY, hashlib.sha256).hexdigest())
BODY_STR = BODY.decode()
KEY = base64.b64decode(SECRET[len("whsec_"):])
SIGNED = b"%d." % T + BODY
EXPECTED = SIG.split("v1=")[1]

CASES = {
    "revtain Webhook.verify_signature": lambda: OURS.verify_signature(BODY, SIG),
    "revtain Webhook.verify (+ JSON event)": lambda: OURS.verify(BODY, HEADERS),
    "stripe WebhookSignature.verify_header": lambda: stripe.WebhookSignature.verify_header(
        BODY_STR, STRIPE_SIG, SECRET, 300),
    "standardwebhooks Webhook.verify": lambda: STANDARD.verify(BODY, STD_HEADERS),
    "svix Webhook.verify": lambda: SVIX.verify(BODY, SVIX_HEADERS),
    "stdlib hmac hexdigest + compare_digest": lambda: hmac.compare_digest(
        hmac.new(KEY, SIGNED, hashlib.sha256).hexdigest(), EXPECTED),
}
BARS = {
    "stripe WebhookSignature.verify_header": 6,
    "standardwebhooks Webhook.verify": 10,
    "svix Webhook.verify": 10,
    "stdlib hmac hexdigest + compare_digest": 2,
}


def main():
    for fn in CASES.values():
        fn()  # each accepts the genuine webhook
    number, rounds = 5000, 15
    samples = {name: [] for name in CASES}
    for _ in range(rounds):  # interleaved, so drift on a shared machine hits every case alike
        for name, fn in CASES.items():
            samples[name].append(timeit.timeit(fn, number=number) / number * 1e6)
    med = {name: statistics.median(v) for name, v in samples.items()}
    peers = ", ".join(f"{p} {version(p)}" for p in ("revtain", "stripe", "standardwebhooks", "svix"))
    print(f"Python {platform.python_version()}; {peers}; {rounds} rounds of {number} calls, medians")
    ours = med["revtain Webhook.verify_signature"]
    print(f"{'case (1 KiB body)':42s} {'median µs':>10s} {'revtain is':>11s} {'bar':>5s}")
    for name, m in med.items():
        bar = BARS.get(name)
        verdict = "" if bar is None else ("met" if m / ours >= bar else "MISSED")
        print(f"{name:42s} {m:10.2f} {m / ours:9.1f}x {('≥%d×' % bar) if bar else '':>5s} {verdict}")


if __name__ == "__main__":
    main()
