"""Interop: our signer's Standard Webhooks headers verify with the `standardwebhooks` package,
a signature made by hand with the standard library per docs/spec.md verifies with ours, and both
verifiers reject the same alterations. (`standardwebhooks` is a test-only dependency.)"""

import base64
import hashlib
import hmac
import time
from datetime import UTC, datetime

import pytest
from standardwebhooks.webhooks import Webhook as StandardWebhook
from standardwebhooks.webhooks import WebhookVerificationError

import revtain

SECRET = revtain.generate_webhook_secret()
BODY = b'{"id":"evt_i","type":"card.updated","created":1700000000,"data":{"customer":"cus_1"}}'


def fresh_headers(body=BODY, event_id="evt_i", timestamp=None):
    return revtain.WebhookSigner(SECRET).sign(body, event_id, timestamp or int(time.time()))


def standard_headers(h):
    return {k: v for k, v in h.items() if k.startswith("webhook-")}


def test_standardwebhooks_verifies_our_headers():
    h = fresh_headers()
    assert StandardWebhook(SECRET).verify(BODY, standard_headers(h)) == {
        "id": "evt_i", "type": "card.updated", "created": 1700000000, "data": {"customer": "cus_1"}}


def test_standardwebhooks_verifies_rotation_headers():
    other = revtain.generate_webhook_secret()
    h = revtain.WebhookSigner([other, SECRET]).sign(BODY, "evt_i", int(time.time()))
    StandardWebhook(SECRET).verify(BODY, standard_headers(h))
    StandardWebhook(other).verify(BODY, standard_headers(h))


def test_hand_made_stdlib_signature_verifies_with_ours():
    key = base64.b64decode(SECRET[len("whsec_"):])
    t = str(int(time.time()))
    sig = hmac.new(key, t.encode() + b"." + BODY, hashlib.sha256).hexdigest()
    assert revtain.Webhook(SECRET).verify_signature(BODY, f"t={t},v1={sig}") == int(t)


def mutations():
    mismatch, stale = revtain.WebhookSignatureMismatch, revtain.WebhookTimestampOutOfTolerance
    yield "tampered-body", mismatch, lambda h: (BODY.replace(b"cus_1", b"cus_2"), h, SECRET)
    yield "altered-event-id", mismatch, lambda h: (BODY.replace(b"evt_i", b"evt_j"), h, SECRET)
    yield "wrong-secret", mismatch, lambda h: (BODY, h, revtain.generate_webhook_secret())
    yield "stale", stale, lambda h: (BODY, fresh_headers(timestamp=int(time.time()) - 3600), SECRET)
    yield "future", stale, lambda h: (BODY, fresh_headers(timestamp=int(time.time()) + 3600), SECRET)
    yield "trailing-newline", mismatch, lambda h: (BODY + b"\n", h, SECRET)


@pytest.mark.parametrize("error,mutate", [pytest.param(e, m, id=i) for i, e, m in mutations()])
def test_both_reject_the_same_alterations(error, mutate):
    body, h, secret = mutate(fresh_headers())
    with pytest.raises(WebhookVerificationError):
        StandardWebhook(secret).verify(body, standard_headers(h))
    with pytest.raises(error):
        revtain.Webhook(secret).verify(body, h)


def test_an_altered_webhook_id_header():
    """standardwebhooks signs the webhook-id header and refuses a changed one. Ours verifies
    X-Revtain-Signature, which covers the body only, so it ignores that header: the event id it
    returns is the one in the signed body, never the header's."""
    h = fresh_headers()
    h["webhook-id"] = "evt_forged"
    with pytest.raises(WebhookVerificationError):
        StandardWebhook(SECRET).verify(BODY, standard_headers(h))
    assert revtain.Webhook(SECRET).verify(BODY, h).id == "evt_i"


def test_both_reject_an_altered_timestamp_header():
    h = fresh_headers()
    h["webhook-timestamp"] = str(int(h["webhook-timestamp"]) + 1)
    with pytest.raises(WebhookVerificationError):
        StandardWebhook(SECRET).verify(BODY, standard_headers(h))
    t, v1 = h["X-Revtain-Signature"].split(",")
    altered = f"t={int(t[2:]) + 1},{v1}"
    with pytest.raises(revtain.WebhookSignatureMismatch):
        revtain.Webhook(SECRET).verify_signature(BODY, altered)


def test_standardwebhooks_signature_verifies_with_its_own_scheme_only():
    """A signature made by the standardwebhooks package (over id.t.body) is the
    webhook-signature header; it is not an X-Revtain-Signature and ours says so."""
    t = int(time.time())
    sig = StandardWebhook(SECRET).sign("evt_i", datetime.fromtimestamp(t, tz=UTC), BODY.decode())
    h = fresh_headers(timestamp=t)
    assert sig == h["webhook-signature"]
    with pytest.raises(revtain.WebhookHeaderMalformed):
        revtain.Webhook(SECRET).verify_signature(BODY, sig)
