"""The framework examples in examples/python, each driven by its framework's own test client:
a valid webhook is accepted, a tampered, unsigned or stale one gets a 400; the rate-limited
FastAPI app (in memory and with Redis) admits 60 requests per API key, then answers 429. And
the plain demos that `make demo` runs."""

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
    client = load("flask_webhook").app.test_client()
    r = client.post("/webhooks/revtain", data=body, headers={**headers, "Content-Type": "application/json"})
    assert r.status_code == status, r.get_data()
    if code:
        assert r.get_json()["error"] == code
    else:
        assert r.get_json() == {"received": "evt_fw"}


@pytest.mark.parametrize("body,headers,status,code", SCENARIOS)
def test_fastapi(body, headers, status, code):
    from fastapi.testclient import TestClient
    client = TestClient(load("fastapi_webhook").app)
    r = client.post("/webhooks/revtain", content=body,
                    headers={**headers, "content-type": "application/json"})
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
    return [path("webhooks/revtain", load("django_webhook").revtain_webhook)]


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
    r = subprocess.run([sys.executable, str(EXAMPLES / "webhook.py")], capture_output=True,
                       text=True, timeout=60, check=True)
    assert "verified              : payment.recovered" in r.stdout
    assert "tampered body         : refused (REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH)" in r.stdout
    assert "refused, age 3600 s" in r.stdout


@pytest.fixture(params=["memory", "redis"])
def ratelimit_app(request, monkeypatch):
    """examples/python/fastapi_ratelimit.py, its limiter in memory or in the session's Redis."""
    if request.param == "redis":
        monkeypatch.setenv("REVTAIN_REDIS_URL", request.getfixturevalue("redis_server").url)
    else:
        monkeypatch.delenv("REVTAIN_REDIS_URL", raising=False)
    module = load("fastapi_ratelimit")
    assert module.limiter.shared is (request.param == "redis")
    return module.app


def test_fastapi_ratelimit(ratelimit_app):
    from fastapi.testclient import TestClient
    client = TestClient(ratelimit_app)
    url = "/v1/invoices/in_42/recovery"
    key_a, key_b = revtain.generate_api_key(), revtain.generate_api_key()
    for i in range(60):
        r = client.get(url, headers={"Authorization": f"Bearer {key_a}"})
        assert r.status_code == 200, (i, r.text)
        assert r.json() == {"invoice": "in_42", "status": "retrying"}
        assert r.headers["X-RateLimit-Remaining"] == str(59 - i)
        assert r.headers["X-RateLimit-Limit"] == "60"
        assert r.headers["RateLimit-Policy"] == '"default";q=60;w=60'
        assert r.headers["RateLimit"] == f'"default";r={59 - i};t=60'
        assert "Retry-After" not in r.headers
    r = client.get(url, headers={"authorization": f"bearer {key_a}"})  # any case: the same key
    assert r.status_code == 429, r.text
    retry_after = int(r.headers["Retry-After"])
    assert 1 <= retry_after <= 60
    assert r.json() == {"error": "rate_limited", "retry_after": retry_after}
    assert r.headers["X-RateLimit-Remaining"] == "0"
    assert int(r.headers["X-RateLimit-Reset"]) >= time.time() + retry_after - 1
    # Another API key has its own budget; without one, the client's address is the key.
    r = client.get(url, headers={"Authorization": f"Bearer {key_b}"})
    assert (r.status_code, r.headers["X-RateLimit-Remaining"]) == (200, "59")
    before = int(client.get(url).headers["X-RateLimit-Remaining"])
    assert int(client.get(url).headers["X-RateLimit-Remaining"]) == before - 1
    assert client.get(url, headers={"Authorization": f"Bearer {key_a}"}).status_code == 429


def test_plain_ratelimit_demo_runs():
    r = subprocess.run([sys.executable, str(EXAMPLES / "ratelimit.py")], capture_output=True,
                       text=True, timeout=60, check=True)
    assert "request 5             : admitted, remaining 0" in r.stdout
    assert "request 6             : refused, retry after 9.5 s, remaining 0" in r.stdout
    assert "Retry-After           : 10" in r.stdout
    assert "another key           : admitted, remaining 4" in r.stdout
    assert "after Retry-After     : admitted, remaining 0" in r.stdout


def test_fastapi_secret_alert():
    """examples/python/fastapi_secret_alert.py: GitHub's alerts (tests/vectors/secret_alert.json)
    verified, a known Revtain key revoked and reported a true positive, GitHub's keys fetched
    again on an unknown key id."""
    import hashlib

    from fastapi.testclient import TestClient

    from conftest import load_vectors

    v = load_vectors("secret_alert.json")
    module = load("fastapi_secret_alert")
    keys = module.KeyStore(b"pepper")
    c = next(c for c in v["verify"] if c["id"] == "two-matches-one-revtain-key")
    keys.add(c["alerts"][0]["token"])
    docs = [v["public_key_documents"]["github"], v["public_key_documents"]["test"]]
    fetches = []

    def fetch():
        fetches.append(1)
        return docs[min(len(fetches) - 1, 1)].encode()

    client = TestClient(module.create_app(keys, fetch))
    sha = lambda s: hashlib.sha256(s.encode()).hexdigest()  # noqa: E731
    r = client.post("/github/secret-scanning", content=c["body"], headers=c["headers"])
    assert r.status_code == 200, r.text
    assert len(fetches) == 2
    assert r.json() == [
        {"token_hash": sha(c["alerts"][0]["token"]), "token_type": "revtain_api_key",
         "label": "true_positive"},
        {"token_hash": sha(c["alerts"][1]["token"]), "token_type": "revtain_api_key",
         "label": "false_positive"},
    ]
    assert len(keys.revoked) == 1
    r = client.post("/github/secret-scanning", content=c["body"], headers=c["headers"])
    assert r.json()[0]["label"] == "false_positive"
    gh = v["verify"][0]
    tampered = gh["body"].replace("some_token", "x")
    r = client.post("/github/secret-scanning", content=tampered, headers=gh["headers"])
    assert r.status_code == 400
    assert r.json()["detail"]["error"] == "REVTAIN_RESULT_SECRET_ALERT_SIGNATURE_MISMATCH"
