"""tests/vectors/webhook.json and the Python surface of webhooks: body types, header
containers of every framework, errors, repr."""

import base64
import contextlib
import hashlib
import hmac
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import revtain
from conftest import cases, load_vectors

V = load_vectors("webhook.json")


def body_of(c) -> bytes:
    return bytes.fromhex(c["body_hex"]) * c.get("body_repeat", 1)


def error_class(code):
    return next(getattr(revtain, name) for c, name, *_ in revtain._native.error_kinds() if c == code)


@pytest.mark.parametrize("c", cases("webhook.json", "sign"))
def test_sign(c):
    signer = revtain.WebhookSigner(c["secrets"] if len(c["secrets"]) > 1 else c["secrets"][0])
    headers = signer.sign(body_of(c), c["event_id"], timestamp=c["timestamp"])
    assert headers == c["headers"]
    assert list(headers) == ["X-Revtain-Signature", "webhook-id", "webhook-timestamp", "webhook-signature"]
    assert signer.signature_header(body_of(c), c["timestamp"]) == c["headers"]["X-Revtain-Signature"]
    # A verifier holding each signing key's public key accepts what the signer made.
    webhook = revtain.Webhook(c["verify_keys"])
    t = webhook.verify_signature(body_of(c), headers["X-Revtain-Signature"], now=c["timestamp"])
    assert t == c["timestamp"]


@pytest.mark.parametrize("c", cases("webhook.json", "sign_errors"))
def test_sign_errors(c):
    with pytest.raises(revtain.WebhookError) as info:
        revtain.WebhookSigner(c["secrets"]).sign(b"{}", c["event_id"], 1)
    assert info.value.code == c["error"]
    for s in c["secrets"]:
        assert s not in str(info.value)


@pytest.mark.parametrize("c", cases("webhook.json", "verify"))
def test_verify(c):
    body = body_of(c)

    def run():
        webhook = revtain.Webhook(c["secrets"], tolerance=c["tolerance"])
        return webhook.verify_signature(body, c["header"], now=c["now"])

    def run_with_headers():
        webhook = revtain.Webhook(c["secrets"], tolerance=c["tolerance"])
        headers = {} if c["header"] is None else {"x-revtain-signature": c["header"]}
        return webhook.verify(body, headers, now=c["now"])

    if "timestamp" in c:
        assert run() == c["timestamp"]
        # The signature passes; the body may not be an event envelope.
        with contextlib.suppress(revtain.WebhookInvalidPayload):
            run_with_headers()
        return
    with pytest.raises(revtain.RevtainError) as by_mapping:
        run_with_headers()
    assert by_mapping.value.code == c["error"]
    with pytest.raises(revtain.RevtainError) as info:
        run()
    err = info.value
    assert err.code == c["error"]
    assert isinstance(err, error_class(c["error"]))
    assert isinstance(err, revtain.WebhookError)
    assert err.age == c.get("age")
    if "age" in c:
        assert err.tolerance == c["tolerance"]
    for s in c["secrets"]:
        assert s not in str(err)


@pytest.mark.parametrize("c", cases("webhook.json", "events"))
def test_events(c):
    body = bytes.fromhex(c["body_hex"])
    secret = V["sign"][0]["secrets"][0]
    headers = revtain.WebhookSigner(secret).sign(body, "evt_x", 1_700_000_000)
    webhook = revtain.Webhook(secret)
    if "event" in c:
        event = webhook.verify(body, headers, now=1_700_000_000)
        want = c["event"]
        assert (event.id, event.type, event.created, event.data) == (
            want["id"], want["type"], want["created"], want["data"])
        assert isinstance(event.data, dict)
    else:
        with pytest.raises(revtain.WebhookInvalidPayload) as info:
            webhook.verify(body, headers, now=1_700_000_000)
        assert info.value.code == c["error"]


CASE = V["sign"][0]
SECRET = CASE["secrets"][0]
BODY = body_of(CASE)
HEADERS = CASE["headers"]
T = CASE["timestamp"]


@pytest.mark.parametrize("convert", [bytes, bytearray, memoryview, lambda b: b.decode()],
                         ids=["bytes", "bytearray", "memoryview", "str"])
def test_every_body_type(convert):
    webhook = revtain.Webhook(SECRET)
    assert webhook.verify_signature(convert(BODY), HEADERS["X-Revtain-Signature"], now=T) == T
    assert webhook.verify(convert(BODY), HEADERS, now=T).id == "evt_1Nq8wR2eZvKYlo2C"


def test_memoryview_slice_is_the_slice():
    padded = b"xx" + BODY + b"yy"
    view = memoryview(padded)[2:-2]
    assert revtain.Webhook(SECRET).verify_signature(view, HEADERS["X-Revtain-Signature"], now=T) == T


def test_header_as_bytes():
    sig = HEADERS["X-Revtain-Signature"].encode()
    assert revtain.Webhook(SECRET).verify_signature(BODY, sig, now=T) == T


SIG = HEADERS["X-Revtain-Signature"]


def header_containers():
    yield "dict-canonical", {"X-Revtain-Signature": SIG}
    yield "dict-lower", {"x-revtain-signature": SIG, "content-type": "application/json"}
    yield "dict-odd-case", {"X-REVTAIN-signature": SIG}
    yield "dict-bytes-value", {"x-revtain-signature": SIG.encode()}
    yield "django-meta", {"HTTP_X_REVTAIN_SIGNATURE": SIG, "CONTENT_TYPE": "application/json"}

    class CaseSensitiveMapping(dict):
        """A Mapping whose get() is case-sensitive (not a dict subclass path)."""

    yield "dict-subclass", CaseSensitiveMapping({"X-Revtain-signature": SIG})

    from types import MappingProxyType
    yield "mappingproxy", MappingProxyType({"X-REVTAIN-SIGNATURE": SIG})

    from werkzeug.datastructures import EnvironHeaders, Headers
    yield "werkzeug-headers", Headers([("x-revtain-signature", SIG)])
    yield "werkzeug-environ-headers", EnvironHeaders({"HTTP_X_REVTAIN_SIGNATURE": SIG})

    from starlette.datastructures import Headers as StarletteHeaders
    yield "starlette-headers", StarletteHeaders(raw=[(b"x-revtain-signature", SIG.encode())])

    import django
    from django.conf import settings
    if not settings.configured:
        settings.configure()
        django.setup()
    from django.http.request import HttpHeaders
    yield "django-http-headers", HttpHeaders({"HTTP_X_REVTAIN_SIGNATURE": SIG})


@pytest.mark.parametrize("headers", [pytest.param(h, id=i) for i, h in header_containers()])
def test_every_header_container(headers):
    assert revtain.Webhook(SECRET).verify(BODY, headers, now=T).type == "payment.recovered"


def test_missing_header_in_every_container():
    from werkzeug.datastructures import Headers
    for headers in ({}, {"webhook-signature": HEADERS["webhook-signature"]}, Headers()):
        with pytest.raises(revtain.WebhookHeaderMissing):
            revtain.Webhook(SECRET).verify(BODY, headers, now=T)
    with pytest.raises(revtain.WebhookHeaderMissing):
        revtain.Webhook(SECRET).verify_signature(BODY, None, now=T)


def test_bad_argument_types():
    webhook = revtain.Webhook(SECRET)
    with pytest.raises(TypeError, match="body must be"):
        webhook.verify_signature(42, SIG, now=T)
    with pytest.raises(TypeError, match="mapping"):
        webhook.verify(BODY, 42, now=T)
    with pytest.raises(TypeError, match="str or bytes"):
        webhook.verify_signature(BODY, 42, now=T)
    with pytest.raises(ValueError, match="now"):
        webhook.verify_signature(BODY, SIG, now=-1)
    with pytest.raises(ValueError, match="tolerance"):
        revtain.Webhook(SECRET, tolerance=-5)
    with pytest.raises(TypeError):
        revtain.Webhook(SECRET.encode())
    with pytest.raises(revtain.WebhookInvalidSecret) as info:
        revtain.Webhook([])
    assert isinstance(info.value, ValueError)


def test_secrets_as_any_iterable():
    other = revtain.generate_webhook_secret()
    assert revtain.Webhook(iter([other, SECRET])).verify_signature(BODY, SIG, now=T) == T
    assert revtain.Webhook((other, SECRET)).verify_signature(BODY, SIG, now=T) == T


def test_now_defaults_to_the_clock():
    import time
    secret = revtain.generate_webhook_secret()
    headers = revtain.WebhookSigner(secret).sign(BODY, "evt_now")
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 5
    assert revtain.Webhook(secret).verify(BODY, headers).id == "evt_1Nq8wR2eZvKYlo2C"
    with pytest.raises(revtain.WebhookTimestampOutOfTolerance) as info:
        revtain.Webhook(SECRET).verify(BODY, {"X-Revtain-Signature": SIG})
    assert info.value.age > 300


def test_repr_shows_no_secret():
    for obj in (revtain.Webhook([SECRET, SECRET], tolerance=60), revtain.WebhookSigner(SECRET)):
        assert SECRET not in repr(obj) and SECRET[6:20] not in repr(obj)
    assert repr(revtain.Webhook([SECRET, SECRET], tolerance=60)) == "Webhook(secrets=2, tolerance=60)"
    assert repr(revtain.WebhookSigner(SECRET)) == "WebhookSigner(secrets=1)"
    event = revtain.Webhook(SECRET).verify(BODY, HEADERS, now=T)
    assert repr(event) == "Event(id='evt_1Nq8wR2eZvKYlo2C', type='payment.recovered', created=1700000000)"


def test_generated_secrets():
    a, b = revtain.generate_webhook_secret(), revtain.generate_webhook_secret()
    assert a != b and a.startswith("whsec_") and len(a) == 50


def test_large_body_releases_the_gil_and_verifies():
    body = b"x" * (1 << 20)
    secret = revtain.generate_webhook_secret()
    sig = revtain.WebhookSigner(secret).signature_header(body, T)
    assert revtain.Webhook(secret).verify_signature(bytearray(body), sig, now=T) == T


@given(body=st.binary(max_size=2048), t=st.integers(0, 253402300799 - 300), skew=st.integers(-300, 300))
def test_round_trip(body, t, skew):
    headers = revtain.WebhookSigner(SECRET).sign(body, "evt_h", t)
    now = max(0, t + skew)
    assert revtain.Webhook(SECRET).verify_signature(body, headers["X-Revtain-Signature"], now=now) == t


@given(body=st.binary(min_size=1, max_size=512), data=st.data())
def test_any_bit_flip_is_refused(body, data):
    sig = revtain.WebhookSigner(SECRET).signature_header(body, T)
    i = data.draw(st.integers(0, len(body) - 1))
    bit = data.draw(st.integers(0, 7))
    tampered = bytearray(body)
    tampered[i] ^= 1 << bit
    with pytest.raises(revtain.WebhookSignatureMismatch):
        revtain.Webhook(SECRET).verify_signature(bytes(tampered), sig, now=T)


def test_event_data_is_parsed_json():
    body = json.dumps({"id": "evt_2", "type": "card.updated", "created": 5,
                       "data": {"customer": "cus_1", "nested": [1, {"a": None}]}}).encode()
    headers = revtain.WebhookSigner(SECRET).sign(body, "evt_2", T)
    event = revtain.Webhook(SECRET).verify(body, headers, now=T)
    assert event.data == {"customer": "cus_1", "nested": [1, {"a": None}]}


def test_a_name_that_names_no_header_is_skipped_and_a_name_of_the_wrong_type_refused():
    headers = {"\ud800": "lone surrogate", "X-Other": None, "X-REVTAIN-SIGNATURE": SIG}
    assert revtain.Webhook(SECRET).verify(BODY, headers, now=T).id == "evt_1Nq8wR2eZvKYlo2C"
    with pytest.raises(TypeError, match="header name must be str or bytes, not int"):
        revtain.Webhook(SECRET).verify(BODY, {1: "x", "X-REVTAIN-SIGNATURE": SIG}, now=T)


def test_stale_error_carries_age_and_tolerance():
    with pytest.raises(revtain.WebhookTimestampOutOfTolerance) as info:
        revtain.Webhook(SECRET, tolerance=10).verify_signature(BODY, SIG, now=T - 11)
    assert (info.value.age, info.value.tolerance) == (-11, 10)
    assert "11 s in the future" in str(info.value)


def test_diagnose_names_the_usual_mistakes():
    w = revtain.Webhook(SECRET)
    assert w.diagnose(BODY, SIG, now=T) == []
    assert any("without its trailing whitespace" in h for h in w.diagnose(BODY + b"\n", SIG, now=T))
    # What Flask's request.get_json() then json.dumps() make of the body.
    reserialised = json.dumps(json.loads(BODY)).encode()
    hints = w.diagnose(reserialised, SIG, now=T)
    assert any("Python's json.dumps" in h and "compact JSON" in h for h in hints), hints
    # A sender that signed milliseconds (the signer here refuses to).
    with pytest.raises(revtain.WebhookInvalidOptions, match="looks like milliseconds"):
        revtain.WebhookSigner(SECRET).signature_header(BODY, T * 1000)
    key = base64.b64decode(SECRET.removeprefix("whsec_"))
    mac = hmac.new(key, f"{T * 1000}.".encode() + BODY, hashlib.sha256).hexdigest()
    hints = w.diagnose(BODY, f"t={T * 1000},v1={mac}", now=T)
    assert any("looks like milliseconds" in h for h in hints), hints
    assert any("webhook-signature" in h for h in w.diagnose(BODY, "v1,abc", now=T))
    with pytest.raises(revtain.WebhookInvalidOptions):
        w.diagnose(BODY, SIG, now=-1)


# Ed25519 (docs/spec.md §2.9): whsk_ signing keys, whpk_ public keys, v1a entries.

def _raw_key(text: str) -> bytes:
    body = text.split("_", 1)[1]
    return base64.b64decode(body + "=" * (-len(body) % 4))


def test_generated_signing_keys_sign_and_verify():
    sk, pk = revtain.generate_webhook_signing_key()
    assert sk.startswith("whsk_") and pk.startswith("whpk_") and len(sk) == len(pk) == 49
    assert revtain.webhook_public_key(sk) == pk
    assert revtain.generate_webhook_signing_key()[0] != sk
    signer = revtain.WebhookSigner([SECRET, sk])
    assert repr(signer) == "WebhookSigner(secrets=1, signing_keys=1)"
    headers = signer.sign(BODY, "evt_1", timestamp=T)
    assert ",v1a=" in headers["X-Revtain-Signature"] and " v1a," in headers["webhook-signature"]
    webhook = revtain.Webhook(pk)
    assert repr(webhook) == "Webhook(secrets=0, public_keys=1, tolerance=300)"
    assert webhook.verify(BODY, headers, now=T).id == "evt_1Nq8wR2eZvKYlo2C"
    assert revtain.Webhook([SECRET, pk]).verify_signature(BODY, headers["X-Revtain-Signature"], now=T) == T
    with pytest.raises(revtain.WebhookSignatureMismatch, match="1 configured public key"):
        webhook.verify_signature(BODY + b" ", headers["X-Revtain-Signature"], now=T)


def test_an_independent_verifier_accepts_v1a():
    """cryptography (OpenSSL) verifies what our signer made, in both headers."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    sk, pk = revtain.generate_webhook_signing_key()
    headers = revtain.WebhookSigner(sk).sign(BODY, "evt_ind", timestamp=T)
    key = Ed25519PublicKey.from_public_bytes(_raw_key(pk))
    entry = headers["X-Revtain-Signature"].split(",v1a=")[1]
    key.verify(base64.b64decode(entry), f"{T}.".encode() + BODY)
    entry = headers["webhook-signature"].split("v1a,")[1]
    key.verify(base64.b64decode(entry), f"evt_ind.{T}.".encode() + BODY)


def test_each_role_refuses_the_other_key():
    sk, pk = revtain.generate_webhook_signing_key()
    with pytest.raises(revtain.WebhookInvalidSecret, match="only the sender may hold") as info:
        revtain.Webhook(sk)
    assert sk[5:] not in str(info.value)
    with pytest.raises(revtain.WebhookInvalidSecret, match="which verifies"):
        revtain.WebhookSigner(pk)
    with pytest.raises(revtain.WebhookInvalidSecret):
        revtain.webhook_public_key(pk)
    with pytest.raises(revtain.WebhookNoSignature, match="whpk_"):
        revtain.Webhook(SECRET).verify_signature(
            BODY, revtain.WebhookSigner(sk).signature_header(BODY, T), now=T)


def test_standard_connector_verifies_v1a_with_a_public_key():
    sk, pk = revtain.generate_webhook_signing_key()
    headers = revtain.WebhookSigner(sk).sign(BODY, "evt_std", timestamp=T)
    event = revtain.verify_connector("standard", headers, BODY, pk, now=T)
    assert event.id == "evt_std"
    with pytest.raises(revtain.ConnectorSignatureMismatch):
        revtain.verify_connector("standard", headers, BODY + b"x", pk, now=T)
    with pytest.raises(revtain.ConnectorInvalidSecret):
        revtain.verify_connector("standard", headers, BODY, sk, now=T)
