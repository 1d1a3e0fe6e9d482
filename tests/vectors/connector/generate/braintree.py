"""Braintree connector vectors (docs/spec.md §2.4): an application/x-www-form-urlencoded body with fields
`bt_signature` (`public_key|hexsig` pairs joined by `&`) and `bt_payload` (base64 XML with
newlines); sig = hex HMAC-SHA1 keyed with SHA1(private key) over bt_payload, also accepted over
bt_payload + "\n". `payload` = the base64-decoded bt_payload (XML text).

Oracle: PyPI braintree==4.48.0. Signed with `gateway.webhook_testing.sample_notification(kind, id)`
and verified with `gateway.webhook_notification.parse(bt_signature, bt_payload)`, installed in a
throwaway venv:
    python3 -m venv /tmp/sdk-b/venv && /tmp/sdk-b/venv/bin/pip install braintree==4.48.0
Run from tests/vectors/connector:  /tmp/sdk-b/venv/bin/python generate/braintree.py
Determinism: sample_notification puts `datetime.utcnow()` in the XML; the generator replaces the
name `datetime` inside braintree.webhook_testing_gateway only (the module-level import that
__sample_xml uses) with a class whose utcnow() returns 2024-05-01T10:00:00, then restores it.
"""
import base64
import datetime as _dt
import hashlib
import hmac
import os
import sys
import urllib.parse

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _negatives_b import (
    INVALID_OPTIONS,
    INVALID_SECRET,
    MALFORMED,
    MISMATCH,
    MISSING,
    NO_TIMESTAMP,
    PAYLOAD_MALFORMED,
    case,
    check_sdk,
    write,
)

sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]
import braintree  # noqa: E402
import braintree.webhook_testing_gateway as wtg  # noqa: E402
from braintree.exceptions.configuration_error import ConfigurationError  # noqa: E402
from braintree.exceptions.invalid_signature_error import InvalidSignatureError  # noqa: E402

MERCHANT_ID = "h7k2m9q4x8b3n6p1"
PUBLIC_KEY = "w9m3k7tq2xbp8r4d"
SECRET = "0c4e8a1f5b9d3c7e2a6f0b4d8c1e5a9f"  # the private key
OTHER_SECRET = "ffffffffffffffffffffffffffffffff"
OPTS = {"public_key": PUBLIC_KEY}
CT = [("Content-Type", "application/x-www-form-urlencoded")]
S, P = "bt_signature", "bt_payload"
FIXED = _dt.datetime(2024, 5, 1, 10, 0, 0)


class _FixedDatetime(_dt.datetime):
    @classmethod
    def utcnow(cls):
        return FIXED


def gateway(public_key=PUBLIC_KEY, private_key=SECRET):
    return braintree.BraintreeGateway(braintree.Configuration(
        braintree.Environment.Sandbox, merchant_id=MERCHANT_ID, public_key=public_key,
        private_key=private_key))


def sample(kind, id_, private_key=SECRET, public_key=PUBLIC_KEY):
    saved = wtg.datetime
    wtg.datetime = _FixedDatetime
    try:
        r = gateway(public_key, private_key).webhook_testing.sample_notification(kind, id_)
    finally:
        wtg.datetime = saved
    payload = r["bt_payload"]
    return r["bt_signature"], payload.decode("ascii") if isinstance(payload, bytes) else payload


def form(*pairs):
    return urllib.parse.urlencode(list(pairs))


def decoded(payload):
    return base64.b64decode(payload.replace("\n", "")).decode("utf-8")


def sha1_sig(private_key, payload):
    return hmac.new(hashlib.sha1(private_key.encode()).digest(), payload.encode(), hashlib.sha1).hexdigest()


def sdk_accepts(c):
    """What a framework hands the SDK: the form decoded (invalid UTF-8 replaced, as werkzeug and
    Django do), the FIRST value of a repeated field (werkzeug's request.form.get), None for a
    missing one; then gateway.webhook_notification.parse(bt_signature, bt_payload)."""
    body = bytes.fromhex(c["body_hex"]) if "body_hex" in c else c["body"].encode()
    fields = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    sig = fields.get(S, [None])[0]
    payload = fields.get(P, [None])[0]
    try:
        gw = gateway(c.get("options", {}).get("public_key"), c["secret"])
        gw.webhook_notification.parse(sig, payload)
        return True
    except (InvalidSignatureError, ConfigurationError):
        return False


K = braintree.WebhookNotification.Kind
SRC = "pypi-braintree"
sig1, pay1 = sample(K.SubscriptionWentPastDue, "sub_4200")
sig2, pay2 = sample(K.Check, "check")
sig3, pay3 = sample(K.SubscriptionChargedSuccessfully, "sub_Zoë_Köln_日本")
sig4, pay4 = sample(K.DisputeOpened, "dispute_7x2k")
hex1 = sig1.split("|")[1]
B = form((S, sig1), (P, pay1))

cs = [
    case("braintree-sdk-subscription-past-due", SRC, CT, B, SECRET, options=OPTS, payload=decoded(pay1)),
    case("braintree-sdk-check", SRC, CT, form((S, sig2), (P, pay2)), SECRET, options=OPTS,
         payload=decoded(pay2)),
    case("braintree-sdk-utf8-id", SRC, CT, form((S, sig3), (P, pay3)), SECRET, options=OPTS,
         payload=decoded(pay3)),
    case("braintree-sdk-dispute-opened", SRC, CT, form((S, sig4), (P, pay4)), SECRET, options=OPTS,
         payload=decoded(pay4)),
    case("braintree-fields-reversed", SRC, CT, form((P, pay1), (S, sig1)), SECRET, options=OPTS,
         payload=decoded(pay1)),
    case("braintree-no-content-type", SRC, [], B, SECRET, options=OPTS, payload=decoded(pay1)),
    case("braintree-extra-fields", SRC, CT, form(("kind", "x"), (S, sig1), (P, pay1), ("z", "1")),
         SECRET, options=OPTS, payload=decoded(pay1)),
    case("braintree-several-key-pairs", SRC, CT,
         form((S, f"otherpublickey01|{'0' * 40}&{sig1}&third|{'a' * 40}"), (P, pay1)), SECRET,
         options=OPTS, payload=decoded(pay1)),
    case("braintree-trailing-newline-stripped", SRC, CT, form((S, sig1), (P, pay1.rstrip("\n"))),
         SECRET, options=OPTS, payload=decoded(pay1),
         note="bt_payload delivered without its final newline: the signature is over bt_payload + \"\\n\""),
    case("braintree-signed-with-extra-newline", SRC, CT,
         form((S, f"{PUBLIC_KEY}|{sha1_sig(SECRET, pay1 + chr(10))}"), (P, pay1)), SECRET,
         options=OPTS, payload=decoded(pay1),
         note="signature over bt_payload + \"\\n\" (the SDK's second candidate)"),
    case("braintree-no-newlines-payload", SRC, CT,
         form((S, f"{PUBLIC_KEY}|{sha1_sig(SECRET, pay2.replace(chr(10), ''))}"),
              (P, pay2.replace("\n", ""))), SECRET, options=OPTS, payload=decoded(pay2)),
    case("braintree-plus-as-space-encoding", SRC, CT,
         "bt_signature=" + urllib.parse.quote(sig1, safe="") + "&bt_payload="
         + urllib.parse.quote(pay1, safe=""), SECRET, options=OPTS, payload=decoded(pay1),
         note="percent-encoded with quote() instead of urlencode(): same decoded fields"),
    # negatives
    case("braintree-wrong-public-key", SRC, CT, B, SECRET, MISMATCH, {"public_key": "anotherpublickey"}),
    case("braintree-public-key-other-case", SRC, CT, B, SECRET, MISMATCH, {"public_key": PUBLIC_KEY.upper()}),
    case("braintree-public-key-missing", SRC, CT, B, SECRET, INVALID_OPTIONS),
    case("braintree-wrong-private-key", SRC, CT, B, OTHER_SECRET, MISMATCH, OPTS),
    case("braintree-signed-with-other-private-key", SRC, CT,
         form((S, sample(K.SubscriptionWentPastDue, "sub_4200", OTHER_SECRET)[0]), (P, pay1)),
         SECRET, MISMATCH, OPTS),
    case("braintree-tampered-payload", SRC, CT, form((S, sig1), (P, pay2)), SECRET, MISMATCH, OPTS),
    case("braintree-payload-two-trailing-newlines", SRC, CT, form((S, sig1), (P, pay1 + "\n\n")),
         SECRET, MISMATCH, OPTS),
    case("braintree-signature-empty", SRC, CT, form((S, ""), (P, pay1)), SECRET, MALFORMED, OPTS,
         header=S),
    case("braintree-signature-garbage", SRC, CT, form((S, "not-a-signature"), (P, pay1)), SECRET,
         MALFORMED, OPTS, header=S, note="no public_key|sig pair at all"),
    case("braintree-signature-uppercase-hex", SRC, CT, form((S, f"{PUBLIC_KEY}|{hex1.upper()}"), (P, pay1)),
         SECRET, MALFORMED, OPTS, header=S),
    case("braintree-signature-too-short", SRC, CT, form((S, f"{PUBLIC_KEY}|{hex1[:-2]}"), (P, pay1)),
         SECRET, MALFORMED, OPTS, header=S),
    case("braintree-signature-too-long", SRC, CT, form((S, f"{PUBLIC_KEY}|{hex1}00"), (P, pay1)),
         SECRET, MALFORMED, OPTS, header=S),
    case("braintree-signature-not-hex", SRC, CT, form((S, f"{PUBLIC_KEY}|z{hex1[1:]}"), (P, pay1)),
         SECRET, MALFORMED, OPTS, header=S),
    case("braintree-signature-sha256-length", SRC, CT,
         form((S, f"{PUBLIC_KEY}|{hashlib.sha256(b'x').hexdigest()}"), (P, pay1)), SECRET,
         MALFORMED, OPTS, header=S),
    case("braintree-signature-missing", SRC, CT, form((P, pay1)), SECRET, MISSING, OPTS, header=S),
    case("braintree-payload-missing", SRC, CT, form((S, sig1)), SECRET, MISSING, OPTS, header=P),
    case("braintree-field-names-uppercase", SRC, CT, form(("BT_SIGNATURE", sig1), ("BT_PAYLOAD", pay1)),
         SECRET, MISSING, OPTS, header=S,
         note="form field names are not HTTP headers: they match exactly (the SDK's callers read "
              "request.form['bt_signature'])"),
    case("braintree-signature-twice", SRC, CT, form((S, sig1), (S, sig1), (P, pay1)), SECRET,
         MALFORMED, OPTS, header=S,
         sdk={"accepts": True, "why": "the SDK takes one string per field; a framework's "
              "request.form.get returns the first value of a repeated field (werkzeug) and the SDK "
              "never sees the repetition. revtain refuses a repeated field."}),
    case("braintree-payload-twice", SRC, CT, form((S, sig1), (P, pay1), (P, pay2)), SECRET,
         MALFORMED, OPTS, header=P,
         sdk={"accepts": True, "why": "as braintree-signature-twice: the framework hands the SDK the "
              "first bt_payload, which is the signed one."}),
    case("braintree-payload-illegal-character", SRC, CT, form((S, sig1), (P, "*" + pay1)), SECRET,
         MALFORMED, OPTS, header=P),
    case("braintree-payload-unescaped-plus", SRC, CT,
         "bt_signature=" + urllib.parse.quote(sig1, safe="") + "&bt_payload="
         + pay1.replace("\n", "%0A"), SECRET,
         MALFORMED if "+" in pay1 else MISMATCH, OPTS, header=P if "+" in pay1 else None,
         note="bt_payload's '+' sent raw: form decoding turns it into a space, an illegal character"),
    case("braintree-payload-carriage-return", SRC, CT, form((S, sig1), (P, pay1.replace("\n", "\r\n"))),
         SECRET, MALFORMED, OPTS, header=P),
    case("braintree-payload-empty", SRC, CT, form((S, sig1), (P, "")), SECRET, MISMATCH, OPTS,
         note="an empty bt_payload has only legal characters; no signature matches it"),
    case("braintree-empty-secret", SRC, CT, B, "", INVALID_SECRET, OPTS),
    case("braintree-body-json", SRC, [("Content-Type", "application/json")],
         '{"bt_signature":"' + sig1 + '","bt_payload":"' + pay1.replace("\n", "\\n") + '"}', SECRET,
         MISSING, OPTS, header=S,
         note="a JSON body is (degenerate) form text with no bt_signature field"),
    case("braintree-body-not-utf8", SRC, CT, None, SECRET, PAYLOAD_MALFORMED, OPTS,
         body_hex=(B + "&note=").encode().hex() + "ff",
         sdk={"accepts": True, "why": "frameworks decode a form leniently (invalid UTF-8 becomes "
              "U+FFFD in an unrelated field) and hand the SDK the two intact fields; revtain refuses "
              "a body that is not UTF-8 text (PAYLOAD_MALFORMED)."}),
]
check_sdk(cs, sdk_accepts, "braintree")
write("braintree",
      "Braintree (form fields bt_signature / bt_payload: hex HMAC-SHA1 keyed with SHA1(private key))",
      "Positives are signed by the official SDK (PyPI braintree==4.48.0, "
      "gateway.webhook_testing.sample_notification, Sandbox gateway with fixed merchant id, public and "
      "private key; utcnow() pinned to 2024-05-01T10:00:00 inside braintree.webhook_testing_gateway so the "
      "XML is deterministic) and form-encoded with urllib.parse.urlencode; every case is verified with "
      "gateway.webhook_notification.parse. A few positives re-sign a variant payload with the SDK's own "
      "computation (HMAC-SHA1 keyed with SHA1(private key)). `secret` is the private key, "
      "options.public_key the public key. Braintree's SDK tests sign with the same sample_notification "
      "call at run time (tests/integration/test_webhooks.py), so there is no fixed published vector to "
      "copy. " + NO_TIMESTAMP,
      [{"id": "pypi-braintree", "what": "PyPI braintree==4.48.0, WebhookTestingGateway.sample_notification "
        "(signs), WebhookNotificationGateway.parse (verifies)",
        "where": "braintree/webhook_testing_gateway.py, braintree/webhook_notification_gateway.py, "
        "braintree/util/crypto.py"}],
      "Confirmed from the SDK source: parse() refuses a payload matching [^A-Za-z0-9+=/\\n] "
      "('payload contains illegal characters'), splits bt_signature on '&' keeping pairs that contain "
      "'|', takes the pair whose public key equals the configured one ('no matching public key'), and "
      "accepts Crypto.sha1_hmac_hash(private_key, payload) for payload or payload + b'\\n' (compared as "
      "text, so uppercase hex never matches). The form field names are case-sensitive.",
      cs)
