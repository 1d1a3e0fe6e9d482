"""Square connector vectors (docs/spec.md §2.4): `x-square-hmacsha256-signature` = standard base64
HMAC-SHA256 of (notification URL ‖ raw body) keyed with the subscription's signature key.

Oracle: PyPI squareup==46.0.0.20260916, `square.utils.webhooks_helper.verify_signature(
request_body=, signature_header=, signature_key=, notification_url=)` (older releases:
`square.utilities.webhooks_helper.is_valid_webhook_event_signature`), installed in a throwaway venv:
    python3 -m venv /tmp/sdk-b/venv && /tmp/sdk-b/venv/bin/pip install squareup==46.0.0.20260916
Run from tests/vectors/connector:  /tmp/sdk-b/venv/bin/python generate/square.py
"""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _negatives_b import (
    INVALID_OPTIONS,
    MALFORMED,
    MISMATCH,
    NO_TIMESTAMP,
    UTF8_NOTE,
    b64_sha256,
    body_sig_cases,
    case,
    check_sdk,
    write,
)

sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]
from square.utils.webhooks_helper import verify_signature  # noqa: E402

SECRET = "Kq3vN8xT2pLm7RwZ5yHc1A"  # Square signature keys are 22-char base64url strings
OTHER = "MCmhFRxGX82xMwg5FsaoQA"
URL = "https://merchant.example.com/webhooks/square"
H = "x-square-hmacsha256-signature"
OPTS = {"notification_url": URL}
JSON_BODY = ('{"merchant_id":"6SSW7HV8K2ST5","type":"payment.updated","event_id":'
             '"13b867cf-db3d-4b1c-90b6-2f32a9d78124","created_at":"2024-05-01T10:00:00.000Z","data":'
             '{"type":"payment","id":"KkAkhdMsgzn59SM8A89WgKwekxLZY","object":{"payment":{"id":'
             '"KkAkhdMsgzn59SM8A89WgKwekxLZY","amount_money":{"amount":4200,"currency":"USD"},'
             '"status":"COMPLETED"}}}}')
UTF8_BODY = ('{"merchant_id":"6SSW7HV8K2ST5","type":"customer.updated","data":{"amount":4200,'
             '"object":{"customer":{"note":"' + UTF8_NOTE + '"}}}}')


def sign(key, body: bytes) -> str:
    return b64_sha256(key, URL.encode() + body)


def sdk_accepts(c):
    sig = ", ".join(v for n, v in c["headers"] if n.lower() == H)
    try:
        return verify_signature(request_body=c["body"], signature_header=sig,
                                signature_key=c["secret"],
                                notification_url=c.get("options", {}).get("notification_url"))
    except ValueError:  # "signature_key is empty" / "notification_url is empty"
        return False


EMPTY_SDK = {"accepts": False, "why": "verify_signature returns False for an empty request_body "
             "before computing anything; the signature over the URL alone is genuine and revtain "
             "accepts it (Square never sends an empty body)."}
cs = body_sig_cases("square", H, sign, SECRET, OTHER, "pypi-squareup", encoding="base64",
                    bodies=[("json", JSON_BODY), ("utf8-body", UTF8_BODY), ("tiny-body", "{}"),
                            ("empty-body", "")],
                    alt_names=["X-Square-HmacSha256-Signature", "X-SQUARE-HMACSHA256-SIGNATURE"],
                    options=OPTS, empty_body_sdk=EMPTY_SDK)
g = sign(SECRET, JSON_BODY.encode())
SRC = "pypi-squareup"
cs += [
    case("square-other-notification-url", SRC, [(H, g)], JSON_BODY, SECRET, MISMATCH,
         {"notification_url": "https://merchant.example.com/webhooks/other"}),
    case("square-notification-url-trailing-slash", SRC, [(H, g)], JSON_BODY, SECRET, MISMATCH,
         {"notification_url": URL + "/"}),
    case("square-notification-url-missing", SRC, [(H, g)], JSON_BODY, SECRET, INVALID_OPTIONS),
    case("square-notification-url-empty", SRC, [(H, g)], JSON_BODY, SECRET, INVALID_OPTIONS,
         {"notification_url": ""}),
    case("square-signed-without-url", SRC, [(H, b64_sha256(SECRET, JSON_BODY))], JSON_BODY, SECRET,
         MISMATCH, OPTS),
    case("square-malformed-base64-unpadded", SRC, [(H, g.rstrip("="))], JSON_BODY, SECRET,
         MALFORMED, OPTS, header=H,
         note="Square sends standard padded base64; an unpadded value is not what Square sends"),
    case("square-malformed-base64url", SRC,
         [(H, g.replace("+", "-").replace("/", "_"))] if ("+" in g or "/" in g) else [(H, "-" + g[1:])],
         JSON_BODY, SECRET, MALFORMED, OPTS, header=H),
]

# Square's own published vector (square-python-sdk tests) and its negatives.
P = "square-python-sdk-tests"
PB = ('{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":'
      '"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z",'
      '"data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}')
PS, PK = "GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=", "Ibxx_5AKakO-3qeNVR61Dw"
PU = "https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9"
cs = [case("square-published-sdk-test", P, [(H, PS)], PB, PK, options={"notification_url": PU}), *cs]
cs += [
    case("square-published-url-mismatch", P, [(H, PS)], PB, PK, MISMATCH,
         {"notification_url": "https://webhook.site/79a4f3a-dcfa-49ee-bac5-9d0edad886b9"}),
    case("square-published-invalid-signature-key", P, [(H, PS)], PB, "MCmhFRxGX82xMwg5FsaoQA",
         MISMATCH, {"notification_url": PU}),
    case("square-published-invalid-signature-header", P, [(H, "1z2n3DEJJiUPKcPzQo1ftvbxGdw=")], PB,
         PK, MALFORMED, {"notification_url": PU}, header=H,
         note="the published 'invalid signature' is base64 of 20 bytes (an SHA-1 length), so it is "
              "malformed for an SHA-256 scheme; the SDK returns False"),
    case("square-published-body-mismatch", P, [(H, PS)],
         PB.replace("2022-07-13", "2022-06-13"), PK, MISMATCH, {"notification_url": PU}),
    case("square-published-body-formatted", P, [(H, PS)],
         '{\n    "merchant_id": "MLEFBHHSJGVHD",\n    "type": "webhooks.test_notification"\n}', PK,
         MISMATCH, {"notification_url": PU}),
]

check_sdk(cs, sdk_accepts, "square")
write("square", "Square (x-square-hmacsha256-signature: base64 HMAC-SHA256 of notification URL + raw body)",
      "Positives are signed with Python hmac and each one is verified by the official SDK (PyPI "
      "squareup==46.0.0.20260916, square.utils.webhooks_helper.verify_signature, which computes "
      "base64(hmac(signature_key, notification_url + body, sha256)) and compares the base64 text "
      "exactly); one positive and five negatives are Square's own published SDK test vectors. "
      "options.notification_url is required (missing or empty: INVALID_OPTIONS, as the SDK raises "
      "ValueError). Negatives are derived from `square-json`. " + NO_TIMESTAMP,
      [{"id": "pypi-squareup", "what": "PyPI squareup==46.0.0.20260916, "
        "square.utils.webhooks_helper.verify_signature (signature checked; bodies signed with "
        "hmac/hashlib, the SDK's own computation)", "where": "square/utils/webhooks_helper.py"},
       {"id": "square-python-sdk-tests", "what": "square/square-python-sdk TestWebhooksHelper: body, "
        "signature GF4Ykr…/2N4=, key Ibxx_5AKakO-3qeNVR61Dw, URL https://webhook.site/679a4f3a-…; and its "
        "url-mismatch, invalid-key, invalid-header, body-mismatch, body-formatted tests",
        "where": "github.com/square/square-python-sdk tests/utilities/test_webhooks_helper.py "
        "(commit 243f83b2f6f730d67433494acc69d6a9ead11421)"}],
      "Header name, algorithm and signed bytes confirmed from the SDK source (the docstring points to "
      "https://developer.squareup.com/docs/webhooks/step3validate). The SDK's function is now "
      "square.utils.webhooks_helper.verify_signature (keyword-only); "
      "square.utilities.webhooks_helper.is_valid_webhook_event_signature was its name in older releases.",
      cs)
