"""Maxio Advanced Billing (Chargify) connector vectors (docs/spec.md §2.4 †):
`X-Chargify-Webhook-Signature-Hmac-Sha-256` = hex HMAC-SHA256 of the raw body keyed with the
site shared key. No SDK signs: built with Python's hmac/hashlib from the documented algorithm.
Run from tests/vectors/connector:  python3 generate/maxio.py
"""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _negatives_a import body_hex_cases, hmac_hex, write

SECRET = "b65ca1b9a6eaea838b7c536ca0ca5fe634214b5d"  # shape of a Chargify site shared key (40 hex)
OTHER = "3f1e9c0a7b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f"
H = "X-Chargify-Webhook-Signature-Hmac-Sha-256"

cs = body_hex_cases("maxio", H, lambda k, b: hmac_hex(k, b), SECRET, OTHER, "stdlib-documented",
                    "x-chargify-webhook-signature-hmac-sha-256")
write("maxio", "Maxio Advanced Billing / Chargify (hex HMAC-SHA256 of the body with the site shared key)",
      "No official SDK signs or verifies Maxio webhooks; every positive is computed by generate/maxio.py "
      "with Python's hmac/hashlib from the documented algorithm (HMAC-SHA256 of the raw body keyed with "
      "the site shared key, lowercase hex). Negatives are derived from those.",
      [{"id": "stdlib-documented", "what": "Python hmac.new(key, body, sha256).hexdigest()",
        "where": "generate/maxio.py"}],
      "PARTLY confirmed. Header name and algorithm (HMAC-SHA256 of the raw body, keyed with the site "
      "shared key, hex) are what Chargify's own staff and users publish: gist.github.com/moklett/7456242 "
      "(Chargify Webhook Reflector, reads HTTP_X_CHARGIFY_WEBHOOK_SIGNATURE_HMAC_SHA_256 and computes "
      "OpenSSL::HMAC.hexdigest(sha256, site shared key, body), links docs.chargify.com/webhooks), "
      "gist.github.com/mediocretes/a0c4ac069dec105b167e and "
      "gist.github.com/afreeland/003026ee17ab0f6de8b3acc4b33f797b "
      "(same header, same algorithm). The Maxio documentation page itself (docs.maxio.com webhooks "
      "signature) was not found in the searchable sources, so the row rests on those; Chargify also "
      "appends a `signature_hmac_sha_256` query parameter with the same value (not used here).", cs)
