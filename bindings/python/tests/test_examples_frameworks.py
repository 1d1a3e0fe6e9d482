"""The framework examples in examples/python, each driven by its framework's own test client:
a valid webhook is accepted, a tampered, unsigned or stale one gets a 400. And the plain demo
that `make demo` runs."""

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import revtain

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "python"
SECRET = revtain.generate_webhook_secret()
os.environ["REVTAIN_WEBHOOK_SECRET"] = SECRET


def load(name):
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def signed(body: bytes, *, timestamp=None):
    return revtain.WebhookSigner(SECRET).sign(body, "evt_fw", timestamp=timestamp)


BODY = json.dumps({"id": "evt_fw", "type": "payment.recovered", "created": 1700000000,
                   "data": {"invoice": "in_1", "amount": 4900}}).encode()

# (what is sent, expected status, expected error code)
def scenarios():
    headers = signed(BODY)
    yield "valid", BODY, headers, 200, None
    yield "tampered", BODY.replace(b"4900", b"1"), headers, 400, "REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH"
    yield "unsigned", BODY, {}, 400, "REVTAIN_RESULT_WEBHOOK_HEADER_MISSING"
    yield "stale", BODY, signed(BODY, timestamp=int(time.time()) - 3600), 400, \
        "REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE"


SCENARIOS = [pytest.param(*s[1:], id=s[0]) for s in scenarios()]


@pytest.mark.parametrize("body,headers,status,code", SCENARIOS)
def test_flask(body, headers, status, code):
    client = load("flask_app").app.test_client()
    r = client.post("/webhooks/revtain", data=body, headers={**headers, "Content-Type": "application/json"})
    assert r.status_code == status, r.get_data()
    if code:
        assert r.get_json()["error"] == code
    else:
        assert r.get_json() == {"received": "evt_fw"}


@pytest.mark.parametrize("body,headers,status,code", SCENARIOS)
def test_fastapi(body, headers, status, code):
    from fastapi.testclient import TestClient
    client = TestClient(load("fastapi_app").app)
    r = client.post("/webhooks/revtain", content=body, headers={**headers, "content-type": "application/json"})
    assert r.status_code == status, r.text
    if code:
        assert r.json()["detail"]["error"] == code
    else:
        assert r.json() == {"received": "evt_fw"}


@pytest.fixture(scope="module")
def django_client():
    import django
    from django.conf import settings
    if not settings.configured:
        settings.configure()
    settings.ROOT_URLCONF = __name__
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = False
    django.setup()
    from django.test import Client
    return Client()


def _urls():
    from django.urls import path
    return [path("webhooks/revtain", load("django_view").revtain_webhook)]


def __getattr__(name):  # Django reads urlpatterns from this module lazily
    if name == "urlpatterns":
        return _urls()
    raise AttributeError(name)


@pytest.mark.parametrize("body,headers,status,code", SCENARIOS)
def test_django(django_client, body, headers, status, code):
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    r = django_client.post("/webhooks/revtain", data=body, content_type="application/json", **extra)
    assert r.status_code == status, r.content
    if code:
        assert r.json()["error"] == code
    else:
        assert r.json() == {"received": "evt_fw"}
    assert django_client.get("/webhooks/revtain").status_code == 405


def test_plain_demo_runs():
    r = subprocess.run([sys.executable, str(EXAMPLES / "webhooks.py")], capture_output=True,
                       text=True, timeout=60, check=True)
    assert "verified              : payment.recovered" in r.stdout
    assert "tampered body         : refused (REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH)" in r.stdout
    assert "refused, age 3600 s" in r.stdout
