"""The webhook stubs accept what the runtime accepts: `Webhook.verify` takes the header container
of every framework (Flask's `request.headers` is a Werkzeug `Headers`, which is no `Mapping`),
`event.data` is usable without casts, the rate limiter's and the gateway client's stubs take what
the runtime takes, and the examples type-check under `mypy --strict`. stubtest checks the stubs
against the module; this checks them against their callers."""

from pathlib import Path

from mypy import api

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "python"

CALLER = """\
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from starlette.datastructures import Headers as StarletteHeaders
from werkzeug.datastructures import EnvironHeaders, Headers

import revtain

w = revtain.Webhook(revtain.generate_webhook_secret())
body = b"{}"
plain: dict[str, str] = {}
as_bytes: dict[str, bytes] = {}
django_meta: dict[str, Any] = {}
mapping: Mapping[str, str] = {}
for headers in (plain, as_bytes, django_meta, mapping, MappingProxyType(plain)):
    w.verify(body, headers)
w.verify(body, Headers())
w.verify(body, EnvironHeaders({}))
w.verify(body, StarletteHeaders())
for b in (b"", bytearray(), memoryview(b""), ""):
    w.verify_signature(b, "t=1,v1=", now=1)
invoice: str = w.verify(body, plain).data["invoice"]
w.verify(body, 42)  # error
w.verify(body, {"x-revtain-signature": 1})  # error
"""

RATELIMIT_CALLER = """\
import revtain

limiter = revtain.RateLimiter(limit=5, window=1, redis_url=None, prefix="p:", timeout=1)
for key in ("k", b"k", bytearray(b"k"), memoryview(b"k")):
    decision = limiter.check(key, now=1700000000)
headers: dict[str, str] = decision.headers()
admitted: bool = decision.allowed and bool(decision)
waits: tuple[float, float, int] = (decision.retry_after, decision.reset_after, decision.reset_at)
why: str | None = decision.store_error
keys: int | None = limiter.tracked_keys()
shared: bool = limiter.shared
limiter.ping()
limiter.check(42)  # error
revtain.RateLimiter(window="60")  # error
"""

GATEWAY_CALLER = """\
from types import MappingProxyType

import revtain

policy = revtain.RetryPolicy(base=0.1, cap=1, max_attempts=3, deadline=5, jitter="equal")
client = revtain.GatewayClient("https://api.stripe.com", policy=policy, timeout=2,
                               headers=MappingProxyType({"Authorization": "Bearer x"}))
for body in (b"", bytearray(), memoryview(b""), "", None):
    resp = client.request("POST", "/v1/x", body=body, headers={"X": "y"}, idempotency_key="k")
status: int = resp.status
headers: dict[str, str] = resp.headers
raw: bytes = resp.body
key: str | None = resp.idempotency_key
statuses: list[int | None] = [a.status for a in resp.attempts]
waited: float = sum(a.delay + a.duration for a in resp.attempts)
value: str | None = resp.header("x")
try:
    client.request("GET", "/")
except revtain.GatewayError as e:
    attempts: list[revtain.Attempt] = e.attempts
    last: revtain.GatewayResponse | None = e.response
except revtain.GatewayRetryAfterBeyondDeadline as e:
    requested: float | None = e.requested
tokens: int = client.budget_available()
delay: float = policy.delay(0, 0.5) + policy.ceiling(1)
client.request("POST", "/", body=42)  # error
revtain.RetryPolicy(base="1")  # error
"""


def test_stubs_accept_every_header_container_and_the_examples_type_check(tmp_path):
    callers = {"caller.py": CALLER, "ratelimit_caller.py": RATELIMIT_CALLER,
               "gateway_caller.py": GATEWAY_CALLER}
    for name, text in callers.items():
        (tmp_path / name).write_text(text)
    out, err, _ = api.run([
        "--strict", "--ignore-missing-imports", "--cache-dir", str(tmp_path / "cache"),
        "--no-error-summary", *(str(tmp_path / name) for name in callers),
        *(str(EXAMPLES / f"{name}.py") for name in ("flask_webhook", "fastapi_webhook", "webhook",
                                                       "ratelimit", "fastapi_ratelimit",
                                                       "retry")),
    ])
    assert not err, err
    errors = [line for line in out.splitlines() if ": error:" in line]
    for name, text in callers.items():
        reported = sorted({int(line.split(":")[1]) for line in errors
                           if line.startswith(str(tmp_path / name) + ":")})
        expected = [i + 1 for i, line in enumerate(text.splitlines()) if line.endswith("# error")]
        assert reported == expected, out
    assert all(line.startswith(str(tmp_path)) for line in errors), out  # none in the examples
