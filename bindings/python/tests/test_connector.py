"""revtain.verify_connector: every case of tests/vectors/connector/*.json, the header containers
of each framework, the body and secret types, argument errors, and what errors never show."""

import base64
import hashlib
import hmac
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

import revtain
from conftest import VECTORS, case_body, case_headers, connector_cases
from revtain import _native

CONNECTOR_DIR = VECTORS / "connector"
FILES = sorted(p.stem for p in CONNECTOR_DIR.glob("*.json"))

# Every error code to its class, from the native module's own list.
CLASS_BY_CODE = {code: getattr(revtain, name) for code, name, *_ in _native.error_kinds()}

ALL_CASES = [
    pytest.param(name, param.values[0], id=param.id)
    for name in FILES
    for param in connector_cases(name)
]


def verify(name, case, headers=None, body=None, secret=None):
    opts = case.get("options", {})
    return revtain.verify_connector(
        name,
        case_headers(case) if headers is None else headers,
        case_body(case) if body is None else body,
        case["secret"] if secret is None else secret,
        **opts,
    )


def check_outcome(name, case, call):
    """Runs `call` and checks its outcome against the case: the event's fields, or the exception
    class (by code) and its attributes."""
    if case["expect"] == "ok":
        event = call()
        assert isinstance(event, revtain.ConnectorEvent)
        assert event.connector == name
        assert event.timestamp == case.get("timestamp")
        assert event.id == case.get("event_id")
        payload = case.get("payload")
        assert event.payload == (None if payload is None else payload.encode("utf-8"))
        return None
    cls = CLASS_BY_CODE[case["expect"]]
    with pytest.raises(revtain.ConnectorError) as info:
        call()
    e = info.value
    assert type(e) is cls, (type(e).__name__, str(e))
    assert e.code == case["expect"]
    if cls in (revtain.ConnectorHeaderMissing, revtain.ConnectorHeaderMalformed):
        assert e.header == case["header"]
    else:
        assert e.header is None
    if cls is revtain.ConnectorTimestampOutOfTolerance:
        assert (e.age, e.tolerance) == (case["age"], case["tolerance"])
    else:
        assert e.age is None and e.tolerance is None
    return e


# --- The vectors -------------------------------------------------------------------------------


def test_a_vector_file_for_every_connector():
    assert set(revtain.CONNECTORS) == set(FILES)


def test_connector_in_core_order():
    assert isinstance(revtain.CONNECTORS, tuple)
    assert revtain.CONNECTORS[0] == "stripe" and revtain.CONNECTORS[-1] == "standard"
    assert len(revtain.CONNECTORS) == 16 == len(set(revtain.CONNECTORS))


@pytest.mark.parametrize(("name", "case"), ALL_CASES)
def test_vector(name, case):
    e = check_outcome(name, case, lambda: verify(name, case))
    if e is not None:
        # The secret is never echoed. An empty or prefix-only secret ("whsec_") is skipped: it
        # is a substring of messages that name the expected form.
        secret = case["secret"]
        if len(secret) >= 8:
            assert secret not in str(e)
            assert secret not in repr(e)
            assert secret not in repr(e.args)


@pytest.mark.parametrize(("name", "case"), ALL_CASES)
def test_vector_as_bytes(name, case):
    """The same case with bytes header names and values, a bytearray body and a bytes secret."""
    headers = [(n.encode(), v.encode()) for n, v in case_headers(case)]
    check_outcome(name, case, lambda: verify(
        name, case, headers=headers, body=bytearray(case_body(case)),
        secret=case["secret"].encode()))


def no_name_repeats(case) -> bool:
    names = [n.lower() for n, _ in case_headers(case)]
    return len(set(names)) == len(names)


# A repeated header cannot be a dict: those cases are covered by the two tests above.
@pytest.mark.parametrize(
    ("name", "case"), [p for p in ALL_CASES if no_name_repeats(p.values[1])]
)
def test_vector_as_dict_when_no_name_repeats(name, case):
    check_outcome(name, case, lambda: verify(name, case, headers=dict(case_headers(case))))


# --- A request signed here --------------------------------------------------------------------

SECRET = "whsec_test_0123456789abcdef"
NOW = 1700000000
BODY = b'{"id":"evt_1","type":"invoice.paid","data":{"amount":4900}}'


def stripe_header(body: bytes = BODY, secret: str = SECRET, t: int = NOW) -> str:
    mac = hmac.new(secret.encode(), b"%d." % t + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def stripe(headers, body=BODY, secret=SECRET, **kw):
    kw.setdefault("now", NOW)
    return revtain.verify_connector("stripe", headers, body, secret, **kw)


def test_stripe_signed_here():
    event = stripe({"Stripe-Signature": stripe_header()})
    assert (event.connector, event.timestamp, event.id, event.payload) == ("stripe", NOW, None, None)
    assert repr(event) == f"ConnectorEvent(connector='stripe', timestamp={NOW}, id=None, payload=None)"


def test_event_is_frozen():
    event = stripe({"Stripe-Signature": stripe_header()})
    with pytest.raises(AttributeError):
        event.timestamp = 1  # type: ignore[misc]


def test_header_containers():
    value = stripe_header()
    containers = [
        {"Stripe-Signature": value},
        {"stripe-signature": value},
        {"STRIPE-SIGNATURE": value.encode()},
        {b"stripe-signature": value.encode()},
        [("Stripe-Signature", value)],
        (("Content-Type", "application/json"), ("Stripe-Signature", value)),
        [[b"Stripe-Signature", value]],
        [(bytearray(b"Stripe-Signature"), memoryview(value.encode()))],
        iter([("Stripe-Signature", value)]),
        (pair for pair in [("Stripe-Signature", value)]),
        {"Stripe-Signature": f"  {value}\t"},  # surrounding spaces trimmed
    ]
    for headers in containers:
        assert stripe(headers).timestamp == NOW, headers


def test_werkzeug_headers():
    from werkzeug.datastructures import EnvironHeaders, Headers

    value = stripe_header()
    assert stripe(Headers([("Stripe-Signature", value)])).timestamp == NOW
    assert stripe(EnvironHeaders({"HTTP_STRIPE_SIGNATURE": value})).timestamp == NOW
    # Werkzeug keeps a repeated header repeated: which copy is the signature? Malformed.
    twice = Headers([("Stripe-Signature", value), ("stripe-signature", value)])
    with pytest.raises(revtain.ConnectorHeaderMalformed) as info:
        stripe(twice)
    assert info.value.header == "Stripe-Signature"


def test_starlette_headers():
    from starlette.datastructures import Headers

    value = stripe_header()
    assert stripe(Headers({"stripe-signature": value})).timestamp == NOW
    raw = [(b"stripe-signature", value.encode()), (b"stripe-signature", value.encode())]
    with pytest.raises(revtain.ConnectorHeaderMalformed):
        stripe(Headers(raw=raw))


def test_django_headers():
    from django.http.request import HttpHeaders

    value = stripe_header()
    headers = HttpHeaders({"HTTP_STRIPE_SIGNATURE": value, "CONTENT_TYPE": "application/json"})
    assert stripe(headers).timestamp == NOW


def test_body_types():
    headers = {"Stripe-Signature": stripe_header()}
    framed = b"xx" + BODY + b"yy"
    for body in (BODY, bytearray(BODY), memoryview(framed)[2:-2], BODY.decode()):
        assert stripe(headers, body=body).timestamp == NOW, type(body)
    with pytest.raises(revtain.ConnectorSignatureMismatch):
        stripe(headers, body=memoryview(framed))


def test_secret_types():
    headers = {"Stripe-Signature": stripe_header()}
    for secret in (SECRET, SECRET.encode(), bytearray(SECRET.encode())):
        assert stripe(headers, secret=secret).timestamp == NOW


def test_large_body_verifies_with_the_gil_released():
    body = b"{" + b" " * (1 << 20) + b"}"
    assert stripe({"Stripe-Signature": stripe_header(body)}, body=body).timestamp == NOW
    with pytest.raises(revtain.ConnectorSignatureMismatch):
        stripe({"Stripe-Signature": stripe_header(body)}, body=body[:-1])


def test_tolerance_and_now():
    headers = {"Stripe-Signature": stripe_header()}
    assert stripe(headers, now=NOW + 300).timestamp == NOW
    with pytest.raises(revtain.ConnectorTimestampOutOfTolerance) as info:
        stripe(headers, now=NOW + 301)
    assert (info.value.age, info.value.tolerance) == (301, 300)
    assert "301 s behind" in str(info.value)
    assert stripe(headers, now=NOW + 3600, tolerance=3600).timestamp == NOW
    with pytest.raises(revtain.ConnectorTimestampOutOfTolerance) as info:
        stripe(headers, now=NOW - 10, tolerance=0)
    assert (info.value.age, info.value.tolerance) == (-10, 0)
    # No `now`: the system clock, for which 2023's timestamp is stale.
    with pytest.raises(revtain.ConnectorTimestampOutOfTolerance):
        revtain.verify_connector("stripe", headers, BODY, SECRET)
    with pytest.raises(revtain.ConnectorTimestampOutOfTolerance):
        revtain.verify_connector("stripe", headers, BODY, SECRET, now=None, tolerance=None,
                                 notification_url=None, public_key=None)


def test_standard_webhooks_signed_here():
    key = bytes(range(32))
    secret = "whsec_" + base64.b64encode(key).decode()
    mac = hmac.new(key, b"msg_2Kx.%d." % NOW + BODY, hashlib.sha256).digest()
    headers = {"webhook-id": "msg_2Kx", "webhook-timestamp": str(NOW),
               "webhook-signature": "v1," + base64.b64encode(mac).decode()}
    event = revtain.verify_connector("standard", headers, BODY, secret, now=NOW)
    assert (event.timestamp, event.id) == (NOW, "msg_2Kx")
    assert repr(event) == (
        f"ConnectorEvent(connector='standard', timestamp={NOW}, id='msg_2Kx', payload=None)")


def test_braintree_payload_and_repr():
    private_key, public_key = "private_key_abc", "public_key_xyz"
    xml = b"<notification><kind>check</kind></notification>\n"
    bt_payload = base64.b64encode(xml).decode()
    key = hashlib.sha1(private_key.encode()).digest()
    sig = hmac.new(key, bt_payload.encode(), hashlib.sha1).hexdigest()
    body = urlencode({"bt_signature": f"{public_key}|{sig}", "bt_payload": bt_payload})
    event = revtain.verify_connector("braintree", {}, body, private_key, public_key=public_key)
    assert event.payload == xml and event.timestamp is None and event.id is None
    assert repr(event).endswith(f"payload=<{len(xml)} bytes>)")
    with pytest.raises(revtain.ConnectorInvalidOptions) as info:
        revtain.verify_connector("braintree", {}, body, private_key)
    assert isinstance(info.value, ValueError) and private_key not in str(info.value)


# --- Errors ------------------------------------------------------------------------------------


def test_unknown_connector():
    with pytest.raises(revtain.ConnectorUnknown) as info:
        revtain.verify_connector("Stripe", {}, b"", "x")
    e = info.value
    assert isinstance(e, revtain.ConnectorError) and isinstance(e, ValueError)
    assert e.code == "REVTAIN_RESULT_CONNECTOR_UNKNOWN"
    # The name given is never repeated: a swapped argument would put the secret there.
    assert "Stripe" not in str(e) and "stripe, chargebee" in str(e)
    assert e.header is None and e.age is None and e.tolerance is None
    with pytest.raises(revtain.ConnectorUnknown) as info:
        revtain.verify_connector(SECRET, {}, b"", "stripe")
    assert SECRET not in str(info.value)


def test_error_tree():
    for name in ("ConnectorUnknown", "ConnectorHeaderMissing", "ConnectorHeaderMalformed",
                 "ConnectorTimestampOutOfTolerance", "ConnectorSignatureMismatch",
                 "ConnectorInvalidSecret", "ConnectorInvalidOptions",
                 "ConnectorPayloadMalformed"):
        cls = getattr(revtain, name)
        assert issubclass(cls, revtain.ConnectorError) and name in revtain.__all__
        assert cls.__module__ == "revtain"
        assert issubclass(cls, ValueError) == (name in (
            "ConnectorUnknown", "ConnectorInvalidSecret", "ConnectorInvalidOptions"))
    assert issubclass(revtain.ConnectorError, revtain.RevtainError)
    for name in ("ConnectorError", "ConnectorEvent", "CONNECTORS", "verify_connector"):
        assert name in revtain.__all__


def test_header_missing_names_the_header():
    with pytest.raises(revtain.ConnectorHeaderMissing) as info:
        stripe({"Content-Type": "application/json"})
    assert info.value.header == "Stripe-Signature"
    assert "Stripe-Signature header is missing" in str(info.value)


def test_no_secret_in_messages_signed_here():
    wrong = "whsec_the_wrong_secret_42"
    with pytest.raises(revtain.ConnectorSignatureMismatch) as info:
        stripe({"Stripe-Signature": stripe_header()}, secret=wrong)
    assert wrong not in str(info.value) and SECRET not in str(info.value)


@pytest.mark.parametrize(("kwargs", "exc", "message"), [
    ({"name": 1}, TypeError, None),
    ({"name": None}, TypeError, None),
    ({"headers": 42}, TypeError, "headers must be a mapping"),
    ({"headers": None}, TypeError, "headers must be a mapping"),
    ({"headers": "Stripe-Signature: t=1"}, TypeError, "headers must be a mapping"),
    ({"headers": b"Stripe-Signature: t=1"}, TypeError, "headers must be a mapping"),
    ({"headers": ["Stripe-Signature"]}, TypeError, "(name, value) pairs"),
    ({"headers": [("a", "b", "c")]}, TypeError, "(name, value) pairs"),
    ({"headers": [("a",)]}, TypeError, "(name, value) pairs"),
    ({"headers": [1]}, TypeError, "(name, value) pairs"),
    ({"headers": {"Stripe-Signature": 1}}, TypeError, "header value must be str or bytes, not int"),
    ({"headers": {"Stripe-Signature": None}}, TypeError, "header value must be str or bytes"),
    ({"headers": {1: "x"}}, TypeError, "header name must be str or bytes, not int"),
    ({"body": None}, TypeError, "body must be bytes, bytearray, memoryview or str, not NoneType"),
    ({"body": 1}, TypeError, "body must be bytes"),
    ({"secret": None}, TypeError, "secret must be bytes, bytearray, memoryview or str"),
    ({"secret": 1}, TypeError, "secret must be"),
    ({"now": "1700000000"}, TypeError, "now must be a number (int or float), not str"),
    ({"now": True}, TypeError, "now must be a number (int or float), not bool"),
    ({"now": -1}, revtain.ConnectorInvalidOptions,
     "invalid stripe options: now must be unix seconds, a whole number >= 0, not -1"),
    ({"now": 1700000000.5}, revtain.ConnectorInvalidOptions,
     "invalid stripe options: now must be unix seconds, a whole number >= 0, not 1700000000.5"),
    ({"now": 2**64}, revtain.ConnectorInvalidOptions, "now must be unix seconds, at most 253402300799"),
    ({"now": 1700000000000}, revtain.ConnectorInvalidOptions, "looks like milliseconds"),
    ({"tolerance": -5}, revtain.ConnectorInvalidOptions,
     "invalid stripe options: tolerance must be a whole number of seconds >= 0, not -5"),
    ({"tolerance": 1.5}, revtain.ConnectorInvalidOptions,
     "invalid stripe options: tolerance must be a whole number of seconds >= 0, not 1.5"),
    ({"notification_url": 1}, TypeError, None),
    ({"public_key": b"k"}, TypeError, None),
])
def test_bad_arguments(kwargs, exc, message):
    args = {"name": "stripe", "headers": {"Stripe-Signature": stripe_header()}, "body": BODY,
            "secret": SECRET, "now": NOW, **kwargs}
    with pytest.raises(exc) as info:
        revtain.verify_connector(args.pop("name"), args.pop("headers"), args.pop("body"),
                                 args.pop("secret"), **args)
    # A wrong type is Python's TypeError; a wrong value is a RevtainError with a code.
    assert isinstance(info.value, revtain.RevtainError) == (exc is not TypeError)
    if message is not None:
        assert message in str(info.value)


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        revtain.verify_connector("stripe", {}, BODY, SECRET, 300)  # type: ignore[misc]


# --- Typing ------------------------------------------------------------------------------------

CALLER = """\
from starlette.datastructures import Headers as StarletteHeaders
from werkzeug.datastructures import EnvironHeaders, Headers

import revtain

body = b"{}"
plain: dict[str, str] = {}
as_bytes: dict[bytes, bytes] = {}
pairs: list[tuple[str, str]] = []
for headers in (plain, as_bytes, pairs, Headers(), EnvironHeaders({}), StarletteHeaders()):
    event = revtain.verify_connector("stripe", headers, body, "whsec_x", now=1, tolerance=300)
for b in (b"", bytearray(), memoryview(b""), ""):
    revtain.verify_connector("square", [(b"x", b"y")], b, b"key", notification_url="https://x")
t: int | None = event.timestamp
i: str | None = event.id
p: bytes | None = event.payload
c: str = event.connector
names: tuple[str, ...] = revtain.CONNECTORS
try:
    pass
except revtain.ConnectorTimestampOutOfTolerance as e:
    age: int | None = e.age
    window: int | None = e.tolerance
except revtain.ConnectorError as e:
    header: str | None = e.header
revtain.verify_connector("stripe", plain, body, "s", 300)  # error
revtain.verify_connector("stripe", 42, body, "s")  # error
"""


def test_stubs_type_check(tmp_path):
    from mypy import api

    example = Path(__file__).resolve().parents[3] / "examples" / "python" / "connector.py"
    (tmp_path / "caller.py").write_text(CALLER)
    out, err, _ = api.run(["--strict", "--ignore-missing-imports", "--cache-dir",
                           str(tmp_path / "cache"), "--no-error-summary",
                           str(tmp_path / "caller.py"), str(example)])
    assert not err, err
    errors = [line for line in out.splitlines() if ": error:" in line]
    reported = sorted({int(line.split(":")[1]) for line in errors})
    expected = [i + 1 for i, line in enumerate(CALLER.splitlines()) if line.endswith("# error")]
    assert reported == expected, out
    assert all(line.startswith(str(tmp_path)) for line in errors), out


# --- In the frameworks, with the raw body --------------------------------------------------------


def framework_cases():
    """(headers to send, expected status): fresh, tampered, unsigned, sent twice."""
    value = stripe_header(t=int(time.time()))
    return [
        ([("Stripe-Signature", value)], BODY, 200),
        ([("Stripe-Signature", value)], BODY + b" ", 400),
        ([], BODY, 400),
        ([("Stripe-Signature", value), ("Stripe-Signature", value)], BODY, 400),
    ]


def test_flask_endpoint():
    from flask import Flask, request

    app = Flask(__name__)

    @app.post("/hooks/stripe")
    def hook():
        try:
            event = revtain.verify_connector("stripe", request.headers, request.get_data(), SECRET)
        except revtain.ConnectorError as e:
            return {"error": e.code}, 400
        return {"timestamp": event.timestamp}

    client = app.test_client()
    for headers, body, status in framework_cases():
        assert client.post("/hooks/stripe", data=body, headers=headers).status_code == status


def test_fastapi_endpoint():
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse
    from fastapi.testclient import TestClient

    app = FastAPI()

    @app.post("/hooks/stripe")
    async def hook(request: Request):
        try:
            event = revtain.verify_connector("stripe", request.headers, await request.body(),
                                             SECRET)
        except revtain.ConnectorError as e:
            return JSONResponse({"error": e.code}, status_code=400)
        return {"timestamp": event.timestamp}

    client = TestClient(app)
    for headers, body, status in framework_cases():
        assert client.post("/hooks/stripe", content=body, headers=headers).status_code == status


def test_example_runs():
    example = Path(__file__).resolve().parents[3] / "examples" / "python" / "connector.py"
    out = subprocess.run([sys.executable, str(example)], capture_output=True, text=True,
                         check=True).stdout
    assert "ConnectorEvent(connector='stripe'" in out
    assert "REVTAIN_RESULT_CONNECTOR_SIGNATURE_MISMATCH" in out


def test_require_timestamp():
    """ReCharge's legacy SHA-256 scheme signs no timestamp: with require_timestamp, a request that
    carries only it (its timestamped header stripped, say) is refused; a scheme that signs no
    timestamp at all cannot meet the option."""
    import hashlib

    secret, body = b"client-secret", b'{"charge":{"id":1}}'
    legacy = {"X-Recharge-Hmac-Sha256": hashlib.sha256(secret + body).hexdigest()}
    assert revtain.verify_connector("recharge", legacy, body, secret).timestamp is None
    with pytest.raises(revtain.ConnectorHeaderMissing) as e:
        revtain.verify_connector("recharge", legacy, body, secret, require_timestamp=True)
    assert e.value.header == "X-Recharge-Webhook-Signature"
    with pytest.raises(revtain.ConnectorInvalidOptions, match="signs no timestamp"):
        revtain.verify_connector("shopify", {}, body, secret, require_timestamp=True)
