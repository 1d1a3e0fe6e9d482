"""Paystack connector vectors (docs/spec.md §2.4): `x-paystack-signature` = lowercase hex HMAC-SHA512 of
the raw body keyed with the merchant's secret key (sk_live_… / sk_test_…).

Paystack ships no official server SDK with a webhook verifier, so every positive is built from
the documented algorithm with Python's hmac/hashlib. Run from tests/vectors/connector:
    python3 generate/paystack.py
"""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _negatives_b import NO_TIMESTAMP, UTF8_NOTE, body_sig_cases, hex_sha512, write

SECRET = "sk_test_4f8b2c6d0e1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c"  # Paystack secret key form
OTHER = "sk_test_0000000000000000000000000000000000000000"
H = "x-paystack-signature"
JSON_BODY = ('{"event":"charge.success","data":{"id":302961,"domain":"live","status":"success",'
             '"reference":"qTPrJoy9Bx","amount":4200,"currency":"NGN","paid_at":"2016-09-30T21:10:19.000Z",'
             '"customer":{"id":68324,"email":"customer@example.com"}}}')
UTF8_BODY = ('{"event":"charge.success","data":{"amount":4200,"metadata":{"note":"' + UTF8_NOTE
             + '"}}}')

cs = body_sig_cases("paystack", H, hex_sha512, SECRET, OTHER, "stdlib-documented", encoding="hex",
                    bodies=[("json", JSON_BODY), ("utf8-body", UTF8_BODY), ("tiny-body", "{}"),
                            ("empty-body", "")],
                    alt_names=["X-Paystack-Signature", "X-PAYSTACK-SIGNATURE"])
for c in cs:  # the helper names the sha256 prefix; Paystack's digest is SHA-512
    if c["id"] == "paystack-malformed-prefixed":
        c["headers"] = [[H, c["headers"][0][1].replace("sha256=", "sha512=")]]
write("paystack", "Paystack (x-paystack-signature: hex HMAC-SHA512 of the raw body with the secret key)",
      "No official Paystack SDK verifies webhooks; every positive is computed by generate/paystack.py "
      "with Python's hmac/hashlib from the documented algorithm (HMAC-SHA512 of the raw body keyed with "
      "the secret key, 128 lowercase hex digits in x-paystack-signature). Paystack publishes no signed "
      "example. Negatives are derived from `paystack-json` (signature lengths are relative to the "
      "64-byte SHA-512 digest). " + NO_TIMESTAMP,
      [{"id": "stdlib-documented", "what": "Python hmac.new(secret_key, body, sha512).hexdigest()",
        "where": "generate/paystack.py"}],
      "Confirmed from Paystack's own documentation snippets, github.com/PaystackOSS/doc-code-snippets "
      "src/doc/payments/webhooks/verifying-transaction/index.php "
      "(commit 94af513d752dfc9f85dd0718301e7257091eb7f2, "
      "shown on https://paystack.com/docs/payments/webhooks/#verify-event-origin): "
      "HTTP_X_PAYSTACK_SIGNATURE must equal hash_hmac('sha512', raw input, PAYSTACK_SECRET_KEY). (The "
      "Node snippet there hashes JSON.stringify(req.body), a re-serialisation; the raw body is what "
      "Paystack signs.)",
      cs)
