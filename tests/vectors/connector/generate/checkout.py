"""Checkout.com connector vectors (docs/spec.md §2.4): `Cko-Signature` = lowercase hex HMAC-SHA256 of the
raw body keyed with the signature key set on the workflow's webhook action.

No official SDK verifies Checkout.com webhooks (the checkout-sdk packages call the API; none has a
webhook signature helper), so every positive is built from the documented algorithm with Python's
hmac/hashlib. Run from tests/vectors/connector:  python3 generate/checkout.py
"""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _negatives_b import NO_TIMESTAMP, UTF8_NOTE, body_sig_cases, hex_sha256, write

SECRET = "f3c2b9a8-4d7e-4c1a-9b6f-2e8d5a7c3b10"  # the key entered in the webhook action
OTHER = "another-signature-key"
H = "Cko-Signature"
JSON_BODY = ('{"id":"evt_az5sblvku4ge3dwpztvyizgcau","type":"payment_captured","version":"1.0.0",'
             '"created_on":"2024-05-01T10:00:00Z","data":{"id":"pay_mbabizu24mvu3mela5njyhpit4",'
             '"action_id":"act_y3oqhf46pyzuxjbcn2giaqnb44","amount":4200,"currency":"GBP"}}')
UTF8_BODY = ('{"id":"evt_utf8","type":"payment_approved","data":{"amount":4200,"metadata":{"note":"'
             + UTF8_NOTE + '"}}}')

cs = body_sig_cases("checkout", H, hex_sha256, SECRET, OTHER, "stdlib-documented", encoding="hex",
                    bodies=[("json", JSON_BODY), ("utf8-body", UTF8_BODY), ("tiny-body", "{}"),
                            ("empty-body", "")],
                    alt_names=["cko-signature", "CKO-SIGNATURE"])
write("checkout",
      "Checkout.com (Cko-Signature: hex HMAC-SHA256 of the raw body with the webhook signature key)",
      "No official SDK signs or verifies Checkout.com webhooks; every positive is computed by "
      "generate/checkout.py with Python's hmac/hashlib from the documented algorithm (HMAC-SHA256 of "
      "the raw body, key = the signature key of the workflow's webhook action, hex in Cko-Signature). "
      "Checkout.com publishes no signed example. Negatives are derived from `checkout-json`. "
      + NO_TIMESTAMP,
      [{"id": "stdlib-documented", "what": "Python hmac.new(key, body, sha256).hexdigest()",
        "where": "generate/checkout.py"}],
      "Confirmed from the platform's documentation, "
      "https://www.checkout.com/docs/developer-resources/webhooks/manage-webhooks/"
      "set-up-your-webhook-receiver "
      "(and https://www.checkout.com/docs/workflows): 'We generate the HMAC by hashing the contents of "
      "the webhook notification using the key you provide in your workflow's webhook action, and then "
      "send it in the hex-encoded (Base16) Cko-Signature header'; hash with SHA-256, compute it over the "
      "raw body. (The separate optional Authorization header a merchant may configure is not a signature.)",
      cs)
