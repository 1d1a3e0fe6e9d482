"""Lemon Squeezy connector vectors (docs/spec.md §2.4 †): `X-Signature` = hex HMAC-SHA256 of the raw body
keyed with the webhook's signing secret. The official JS SDK (@lemonsqueezy/lemonsqueezy.js@4.0.0)
has no webhook signer/verifier: built with Python's hmac/hashlib from the documented algorithm.
Run from tests/vectors/connector:  python3 generate/lemonsqueezy.py
"""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _negatives_a import body_hex_cases, hmac_hex, write

SECRET = "ls_whsec_9fK2pQ7xR4tV1wZ8"  # merchant-chosen, 6-40 characters per the docs
OTHER = "another-signing-secret"
H = "X-Signature"

cs = body_hex_cases("lemonsqueezy", H, lambda k, b: hmac_hex(k, b), SECRET, OTHER,
                    "stdlib-documented", "x-signature")
write("lemonsqueezy", "Lemon Squeezy (X-Signature: hex HMAC-SHA256 of the body with the signing secret)",
      "No official SDK signs or verifies Lemon Squeezy webhooks (npm @lemonsqueezy/lemonsqueezy.js@4.0.0 "
      "has no webhook helper); every positive is computed by generate/lemonsqueezy.py with Python's "
      "hmac/hashlib from the documented algorithm. Negatives are derived from those.",
      [{"id": "stdlib-documented", "what": "Python hmac.new(secret, body, sha256).hexdigest()",
        "where": "generate/lemonsqueezy.py"}],
      "CONFIRMED from the platform's documentation, "
      "https://docs.lemonsqueezy.com/help/webhooks/signing-requests: "
      "the merchant enters a signing secret (any string, normally 6-40 characters) when creating the "
      "webhook; Lemon Squeezy sends the hash of the payload in the `X-Signature` header, generated as an "
      "HMAC hex digest (SHA-256) with that secret.", cs)
