"""Razorpay connector vectors (docs/spec.md §2.4): `X-Razorpay-Signature` = lowercase hex HMAC-SHA256 of
the raw body keyed with the webhook secret; `X-Razorpay-Event-Id` (when present) is the event id.

Oracle: PyPI razorpay==2.0.1, `razorpay.Client(auth=...).utility.verify_webhook_signature(body,
signature, secret)` (razorpay/utility/utility.py), installed in a throwaway venv:
    python3 -m venv /tmp/sdk-b/venv && /tmp/sdk-b/venv/bin/pip install razorpay==2.0.1
Run from tests/vectors/connector:  /tmp/sdk-b/venv/bin/python generate/razorpay.py
The published vector is razorpay/razorpay-python tests/test_client_utility.py
(test_verify_webhook_signature) with tests/mocks/fake_payment_authorized_webhook.json, read from
/tmp/sdk-b/fixtures/rzp_fixture.json (a copy of that file at commit 29e69eff).
"""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _negatives_b import NO_TIMESTAMP, UTF8_NOTE, body_sig_cases, case, check_sdk, hex_sha256, write

# This file is named like the SDK: drop its folder from the path before importing the SDK.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]
import razorpay  # noqa: E402
from razorpay.errors import SignatureVerificationError  # noqa: E402

SECRET = "Rzp_Wh00k-s3cret_2024"  # merchant-chosen webhook secret (any string)
OTHER = "a-different-webhook-secret"
H = "X-Razorpay-Signature"
EVENT_ID = "H000000000000000000000000000000"  # Razorpay's event id header value (hex-ish string)
JSON_BODY = ('{"entity":"event","account_id":"acc_BFQ7uQEaa7j2z7","event":"payment.captured",'
             '"contains":["payment"],"payload":{"payment":{"entity":{"id":"pay_DESlfW9H8K9uqM",'
             '"amount":4200,"currency":"INR","status":"captured"}}},"created_at":1567674606}')
UTF8_BODY = ('{"event":"payment.captured","payload":{"payment":{"entity":{"notes":{"name":"'
             + UTF8_NOTE + '"},"amount":4200}}}}')

client = razorpay.Client(auth=("rzp_test_key_id", "rzp_test_key_secret"))


def sdk_accepts(c):
    sig = dict((n.lower(), v) for n, v in c["headers"]).get(H.lower(), "")
    joined = ", ".join(v for n, v in c["headers"] if n.lower() == H.lower()) or sig
    try:
        return client.utility.verify_webhook_signature(c["body"], joined, c["secret"]) is True
    except SignatureVerificationError:
        return False


cs = body_sig_cases("razorpay", H, hex_sha256, SECRET, OTHER, "pypi-razorpay", encoding="hex",
                    bodies=[("json", JSON_BODY), ("utf8-body", UTF8_BODY), ("tiny-body", "{}"),
                            ("empty-body", "")],
                    alt_names=["x-razorpay-signature", "X-RAZORPAY-SIGNATURE"],
                    event_id_header="X-Razorpay-Event-Id", event_id=EVENT_ID)
g = hex_sha256(SECRET, JSON_BODY)
cs.insert(1, case("razorpay-no-event-id-header", "pypi-razorpay", [(H, g)], JSON_BODY, SECRET))
with open("/tmp/sdk-b/fixtures/rzp_fixture.json", encoding="utf-8") as f:
    fixture = f.read()
cs.insert(0, case("razorpay-published-sdk-test", "razorpay-python-tests", [
    (H, "d60e67fd884556c045e9be7dad57903e33efc7172c17c6e3ef77db42d2b366e9")], fixture,
    "key_secret"))
for c in cs:
    if c["id"] == "razorpay-empty-secret-signed-with-empty-key":
        c["sdk"] = {"accepts": True, "why": "verify_webhook_signature HMACs with whatever key it is "
                    "given: an empty secret is a zero-length HMAC key and a signature made with it "
                    "matches; revtain refuses an empty secret (INVALID_SECRET)."}

check_sdk(cs, sdk_accepts, "razorpay")
write("razorpay", "Razorpay (X-Razorpay-Signature: hex HMAC-SHA256 of the raw body with the webhook secret)",
      "Positives are signed with Python hmac and each one is verified by the official SDK "
      "(PyPI razorpay==2.0.1, Client.utility.verify_webhook_signature, which computes "
      "hmac.new(secret, body, sha256).hexdigest() and compares with hmac.compare_digest); one positive "
      "is Razorpay's own published test vector. Negatives are derived from the `razorpay-json` case. "
      + NO_TIMESTAMP,
      [{"id": "pypi-razorpay", "what": "PyPI razorpay==2.0.1, Client.utility.verify_webhook_signature "
        "(signature checked; bodies signed with hmac/hashlib, which is the SDK's own computation)",
        "where": "razorpay/utility/utility.py (verify_webhook_signature / verify_signature)"},
       {"id": "razorpay-python-tests", "what": "razorpay/razorpay-python test_verify_webhook_signature: "
        "secret 'key_secret' (client.auth[1]), body = tests/mocks/fake_payment_authorized_webhook.json "
        "as read from disk (with its final newline), signature d60e67fd…b366e9",
        "where": "github.com/razorpay/razorpay-python tests/test_client_utility.py, "
        "tests/mocks/fake_payment_authorized_webhook.json "
        "(commit 29e69eff0d7599b44052e2fc4e0a273fa7ee7818)"}],
      "Header name and algorithm confirmed from the SDK source (verify_webhook_signature) and Razorpay's "
      "webhook docs (https://razorpay.com/docs/webhooks/validate-test/: X-Razorpay-Signature, HMAC "
      "SHA256 hex of the raw body with the webhook secret; X-Razorpay-Event-Id carries the event id).",
      cs)
