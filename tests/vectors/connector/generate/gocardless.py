"""GoCardless connector vectors (docs/spec.md §2.4): `Webhook-Signature` = lowercase hex HMAC-SHA256 of
the raw body keyed with the webhook endpoint secret.

Oracle: PyPI gocardless-pro==3.22.0, `gocardless_pro.webhooks.parse(body, secret, signature)`
(gocardless_pro/webhooks.py), installed in a throwaway venv:
    python3 -m venv /tmp/sdk-b/venv && /tmp/sdk-b/venv/bin/pip install gocardless-pro==3.22.0
Run from tests/vectors/connector:  /tmp/sdk-b/venv/bin/python generate/gocardless.py
The published vector is gocardless/gocardless-pro-python tests/webhooks_test.py with
tests/fixtures/webhook_body.json (read with .strip()), copied to /tmp/sdk-b/fixtures/gc_fixture.json.
"""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from gocardless_pro import webhooks
from gocardless_pro.errors import InvalidSignatureError

from _negatives_b import NO_TIMESTAMP, UTF8_NOTE, body_sig_cases, case, check_sdk, hex_sha256, write

SECRET = "Jb2pR8cTq3wXz9LkV4mN7sYd1fH6gA0e"  # webhook endpoint secret (random string)
OTHER = "a-different-endpoint-secret"
H = "Webhook-Signature"
JSON_BODY = ('{"events":[{"id":"EV0123ABCD4567","created_at":"2024-05-01T10:00:00.000Z",'
             '"resource_type":"payments","action":"confirmed","links":{"payment":"PM00ABCDEF1234"},'
             '"details":{"origin":"gocardless","cause":"payment_confirmed","description":"Payment '
             'confirmed."},"metadata":{"amount":"4200"}}],"meta":{"webhook_id":"WB000ABCDEF123"}}')
UTF8_BODY = ('{"events":[{"id":"EV0123ABCD4568","resource_type":"customers","action":"created",'
             '"links":{"customer":"CU000ABCDEF1"},"metadata":{"name":"' + UTF8_NOTE + '"}}]}')
EMPTY_EVENTS = '{"events":[]}'


def sdk_accepts(c):
    values = [v for n, v in c["headers"] if n.lower() == H.lower()]
    try:
        webhooks.parse(c["body"], c["secret"], ", ".join(values))
        return True
    except InvalidSignatureError:
        return False


cs = body_sig_cases("gocardless", H, hex_sha256, SECRET, OTHER, "pypi-gocardless-pro",
                    encoding="hex",
                    bodies=[("json", JSON_BODY), ("utf8-body", UTF8_BODY),
                            ("no-events", EMPTY_EVENTS)],
                    alt_names=["webhook-signature", "WEBHOOK-SIGNATURE"])
with open("/tmp/sdk-b/fixtures/gc_fixture.json", encoding="utf-8") as f:
    fixture = f.read().strip()
cs.insert(0, case("gocardless-published-sdk-test", "gocardless-pro-python-tests", [
    (H, "2693754819d3e32d7e8fcb13c729631f316c6de8dc1cf634d6527f1c07276e7e")], fixture,
    "ED7D658C-D8EB-4941-948B-3973214F2D49"))
cs.insert(1, case("gocardless-published-sdk-test-wrong-key", "gocardless-pro-python-tests", [
    (H, "2693754819d3e32d7e8fcb13c729631f316c6de8dc1cf634d6527f1c07276e7e")], fixture,
    "anotherkey", "REVTAIN_RESULT_CONNECTOR_SIGNATURE_MISMATCH"))
for c in cs:
    if c["id"] == "gocardless-empty-secret-signed-with-empty-key":
        c["sdk"] = {"accepts": True, "why": "webhooks.parse HMACs with whatever key it is given: an "
                    "empty secret is a zero-length HMAC key and a signature made with it matches; "
                    "revtain refuses an empty secret (INVALID_SECRET)."}

check_sdk(cs, sdk_accepts, "gocardless")
write("gocardless",
      "GoCardless (Webhook-Signature: hex HMAC-SHA256 of the raw body with the webhook endpoint secret)",
      "Positives are signed with Python hmac and each one is verified by the official SDK (PyPI "
      "gocardless-pro==3.22.0, gocardless_pro.webhooks.parse, which computes hmac.new(secret, body, "
      "sha256).hexdigest() and compares with hmac.compare_digest, then parses the JSON `events`); one "
      "positive is GoCardless's own published test vector. Every body is a GoCardless webhook "
      "document ({\"events\": [...]}) because parse() json-decodes the body after the check, so no "
      "empty-body positive (GoCardless never sends one). Negatives are derived from `gocardless-json`. "
      + NO_TIMESTAMP,
      [{"id": "pypi-gocardless-pro", "what": "PyPI gocardless-pro==3.22.0, gocardless_pro.webhooks.parse "
        "(signature checked; bodies signed with hmac/hashlib, the SDK's own computation)",
        "where": "gocardless_pro/webhooks.py (_verify_signature)"},
       {"id": "gocardless-pro-python-tests", "what": "gocardless/gocardless-pro-python tests: secret "
        "ED7D658C-D8EB-4941-948B-3973214F2D49, body = tests/fixtures/webhook_body.json stripped of its "
        "final newline, signature 2693754819…276e7e; and the same with key 'anotherkey' "
        "(InvalidSignatureError)",
        "where": "github.com/gocardless/gocardless-pro-python tests/webhooks_test.py, "
        "tests/fixtures/webhook_body.json (commit 42d0c8d148221d57c73c9ac544db3f3e569a4877)"}],
      "Header name and algorithm confirmed from the SDK source and GoCardless's guide "
      "(https://developer.gocardless.com/getting-started/staying-up-to-date-with-webhooks: the "
      "Webhook-Signature header is the HMAC SHA256 hex digest of the request body with the endpoint secret).",
      cs)
