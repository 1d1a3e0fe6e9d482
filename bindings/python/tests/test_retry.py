"""Gateway calls with retries (docs/spec.md §2.5) against a real HTTP server on 127.0.0.1.

The server is the standard library's ``ThreadingHTTPServer`` in a thread, scripted per request
(status and headers, a reset, or a slow answer), and records what each request carried. The
hardening tests at the end use raw sockets (answers over the limits, malformed, cut short or
trickled; a counting proxy; a TLS server whose certificate nobody trusts).
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import revtain

# Fast enough that the suite stays quick, slow enough to be measurable.
FAST = revtain.RetryPolicy(base=0.01, cap=0.1, max_attempts=4, deadline=5.0)


@dataclass
class Step:
    status: int = 200
    headers: dict[str, str] | list[tuple[str, str]] = field(default_factory=dict)
    body: bytes = b'{"ok": true}'
    reset: bool = False  # close the connection without answering
    sleep: float = 0.0  # answer after this long


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    idempotency_keys: list[str] = field(default_factory=list)  # every Idempotency-Key sent


class Server:
    """Serves ``script`` (one step per request, the last one repeated)."""

    def __init__(self, *script: Step) -> None:
        self.script = list(script)
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with outer.lock:
                    outer.seen.append(
                        Seen(
                            self.command,
                            self.path,
                            {k.lower(): v for k, v in self.headers.items()},
                            body,
                            self.headers.get_all("Idempotency-Key") or [],
                        )
                    )
                    step = outer.script[min(len(outer.seen), len(outer.script)) - 1]
                if step.reset:
                    # Linger 0: the close sends a reset, with no response.
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.close_connection = True
                    return
                if step.sleep:
                    time.sleep(step.sleep)
                try:
                    self.send_response(step.status)
                    pairs = step.headers.items() if isinstance(step.headers, dict) else step.headers
                    for name, value in pairs:
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(step.body)))
                    self.end_headers()
                    self.wfile.write(step.body)
                except OSError:
                    pass  # the client gave up (a timeout test)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

            def log_message(self, *args: object) -> None:
                pass

        class Quiet(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                pass

        self.httpd = Quiet(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01},
                                       daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    servers: list[Server] = []

    def start(*script: Step) -> Server:
        s = Server(*script)
        servers.append(s)
        return s

    yield start
    for s in servers:
        s.close()


def client(server: Server, **kw) -> revtain.GatewayClient:
    kw.setdefault("policy", FAST)
    return revtain.GatewayClient(server.url, **kw)


# --- RetryPolicy ---------------------------------------------------------------------------


def test_policy_defaults():
    p = revtain.RetryPolicy()
    assert (p.base, p.cap, p.max_attempts, p.deadline, p.jitter) == (0.5, 20.0, 4, 30.0, "full")
    assert repr(p) == "RetryPolicy(base=0.5, cap=20.0, max_attempts=4, deadline=30.0, jitter='full')"
    assert p.ceiling(0) == 0.5
    assert p.ceiling(3) == 4.0
    assert p.ceiling(10) == 20.0
    assert p.ceiling(1000) == 20.0


def test_policy_rounds_to_the_microsecond():
    p = revtain.RetryPolicy(base=0.0000004, cap=1.0000006)
    assert p.base == 0.0
    assert p.cap == 1.000001


@pytest.mark.parametrize(
    "kw",
    [
        {"base": -0.1},
        {"cap": float("nan")},
        {"deadline": float("inf")},
        {"base": 2.0, "cap": 1.0},
        {"max_attempts": 0},
        {"max_attempts": 101},
        {"max_attempts": -1},
        {"max_attempts": 2**80},
        {"deadline": 0.0},
        {"jitter": "half"},
        {"jitter": "FULL"},
    ],
)
def test_policy_validation(kw):
    with pytest.raises(revtain.RetryInvalidPolicy) as e:
        revtain.RetryPolicy(**kw)
    assert isinstance(e.value, ValueError)
    assert isinstance(e.value, revtain.GatewayError)
    assert e.value.code == "REVTAIN_RESULT_RETRY_INVALID_POLICY"


def test_policy_accepts_the_limits():
    p = revtain.RetryPolicy(base=0.0, cap=0.0, max_attempts=100, deadline=0.000001, jitter="none")
    assert (p.max_attempts, p.deadline, p.delay(5, 0.5)) == (100, 0.000001, 0.0)


@pytest.mark.parametrize("n", [0, 1, 2, 3, 6, 40])
def test_delay_bounds_per_jitter(n):
    full = revtain.RetryPolicy()
    equal = revtain.RetryPolicy(jitter="equal")
    none = revtain.RetryPolicy(jitter="none")
    ceiling = min(20.0, 0.5 * 2**n)
    for u in [0.0, 0.1, 0.5, 0.999999]:
        assert 0.0 <= full.delay(n, u) <= ceiling
        assert ceiling / 2 <= equal.delay(n, u) <= ceiling
        assert none.delay(n, u) == ceiling
    assert full.delay(n, 0.0) == 0.0
    assert full.delay(n, 0.5) == pytest.approx(ceiling / 2)
    assert equal.delay(n, 0.0) == pytest.approx(ceiling / 2)
    # Out of range is clamped.
    assert full.delay(n, 7.0) == ceiling
    assert full.delay(n, -1.0) == 0.0
    assert full.delay(n, float("nan")) == 0.0


# --- GatewayClient -------------------------------------------------------------------------


def test_5xx_then_success_keeps_one_idempotency_key(serve):
    server = serve(Step(503), Step(503), Step(200, {"X-Request-Id": "req_1"}, b'{"id": "pi_1"}'))
    resp = client(server).request("POST", "/v1/charges", body="amount=100", headers={"X-Trace": "t1"})
    assert resp.status == 200
    assert resp.json() == {"id": "pi_1"}
    assert resp.body == b'{"id": "pi_1"}'
    assert resp.header("x-request-id") == resp.header("X-REQUEST-ID") == "req_1"
    assert resp.headers["x-request-id"] == "req_1"
    assert resp.header("absent") is None
    assert [a.status for a in resp.attempts] == [503, 503, 200]
    assert all(a.error is None for a in resp.attempts)
    assert resp.attempts[0].delay == 0.0
    assert all(0.0 <= a.delay <= 0.1 for a in resp.attempts[1:])
    assert all(a.duration > 0 for a in resp.attempts)

    key = resp.idempotency_key
    assert key is not None and uuid.UUID(key).version == 4
    assert len(server.seen) == 3
    for s in server.seen:
        assert (s.method, s.path, s.body) == ("POST", "/v1/charges", b"amount=100")
        assert s.headers["idempotency-key"] == key
        assert s.headers["x-trace"] == "t1"
    assert repr(resp) == f"GatewayResponse(status=200, body=<14 bytes>, attempts=3, idempotency_key='{key}')"
    assert repr(resp.attempts[0]).startswith("Attempt(status=503, delay=0.000, duration=")


def test_each_call_gets_its_own_key_and_callers_can_supply_one(serve):
    server = serve(Step(200))
    c = client(server)
    a = c.request("POST", "/a").idempotency_key
    b = c.request("POST", "/a").idempotency_key
    assert a != b
    assert c.request("POST", "/a", idempotency_key="order-42").idempotency_key == "order-42"
    assert c.request("GET", "/a").idempotency_key is None
    assert c.request("PUT", "/a", idempotency_key="k-put").idempotency_key == "k-put"
    assert [s.headers.get("idempotency-key") for s in server.seen] == [a, b, "order-42", None, "k-put"]


@pytest.mark.parametrize("spelling", ["Idempotency-Key", "idempotency-key", "IDEMPOTENCY-KEY"])
def test_a_callers_idempotency_header_is_the_only_key_sent(serve, spelling):
    # Sent beside a generated key, the caller's key could be ignored by the gateway, and a
    # charge re-issued after a crash could go through twice.
    server = serve(Step(503), Step(200))
    resp = client(server).request("POST", "/v1/charges", body="amount=1", headers={spelling: "order-42"})
    assert resp.idempotency_key == "order-42"
    assert [s.idempotency_keys for s in server.seen] == [["order-42"], ["order-42"]]


def test_idempotency_key_given_twice(serve):
    server = serve(Step(200))
    c = client(server)
    response = c.request("POST", "/", headers={"Idempotency-Key": "k1"}, idempotency_key="k1")
    assert response.idempotency_key == "k1"
    assert server.seen[0].idempotency_keys == ["k1"]
    for kw in (
        {"headers": {"Idempotency-Key": "k1"}, "idempotency_key": "k2"},
        {"headers": {"Idempotency-Key": "k1", "idempotency-key": "k1"}},
    ):
        with pytest.raises(revtain.GatewayInvalidRequest):
            c.request("POST", "/", **kw)
    assert len(server.seen) == 1


def test_a_client_wide_idempotency_header_is_refused():
    with pytest.raises(revtain.GatewayInvalidRequest, match="client-wide") as e:
        revtain.GatewayClient("https://api.stripe.com", headers={"idempotency-key": "same-for-all"})
    assert "same-for-all" not in str(e.value)


@pytest.mark.parametrize(
    "body,sent",
    [
        (b"raw", b"raw"),
        (bytearray(b"ba"), b"ba"),
        (memoryview(b"xmvx")[1:3], b"mv"),
        ("naïve", "naïve".encode()),
        (None, b""),
    ],
)
def test_body_types(serve, body, sent):
    server = serve(Step(200))
    client(server).request("POST", "/b", body=body)
    assert server.seen[0].body == sent


def test_body_of_a_wrong_type(serve):
    server = serve(Step(200))
    with pytest.raises(TypeError):
        client(server).request("POST", "/b", body=123)  # type: ignore[arg-type]
    assert server.seen == []


def test_client_headers_go_with_every_attempt(serve):
    server = serve(Step(503), Step(200))
    c = client(server, headers={"Authorization": "Bearer sk_test_secret"})
    c.request("GET", "/v1/x")
    assert [s.headers["authorization"] for s in server.seen] == ["Bearer sk_test_secret"] * 2


def test_repeated_headers_are_joined(serve):
    server = serve(Step(200, [("Set-Cookie", "a=1"), ("X-Single", "s"), ("Set-Cookie", "b=2")]))
    resp = client(server).request("GET", "/")
    assert resp.headers["x-single"] == "s"
    assert resp.headers["set-cookie"] == "a=1, b=2"
    assert resp.header("Set-Cookie") == "a=1, b=2"


def test_429_retry_after_is_a_floor(serve):
    server = serve(Step(429, {"Retry-After": "1"}), Step(200))
    t0 = time.monotonic()
    resp = client(server).request("POST", "/v1/charges")
    elapsed = time.monotonic() - t0
    assert [a.status for a in resp.attempts] == [429, 200]
    assert resp.attempts[1].delay >= 1.0
    assert elapsed >= 1.0


@pytest.mark.parametrize("status", [400, 402, 404, 409, 422, 501])
def test_final_answers_are_returned_not_retried(serve, status):
    server = serve(Step(status, body=b'{"error": "card_declined"}'), Step(200))
    resp = client(server).request("POST", "/v1/charges")
    assert resp.status == status
    assert resp.json() == {"error": "card_declined"}
    assert len(resp.attempts) == 1
    assert len(server.seen) == 1


def test_stripe_should_retry_false_stops(serve):
    server = serve(Step(500, {"Stripe-Should-Retry": "false"}), Step(200))
    resp = client(server).request("POST", "/v1/charges")
    assert resp.status == 500
    assert len(server.seen) == 1


def test_stripe_should_retry_true_retries_a_4xx(serve):
    server = serve(Step(409, {"Stripe-Should-Retry": "true"}), Step(200))
    resp = client(server).request("POST", "/v1/charges")
    assert [a.status for a in resp.attempts] == [409, 200]


def test_reset_connection_is_retried(serve):
    server = serve(Step(reset=True), Step(200))
    resp = client(server).request("POST", "/v1/charges", body=b"x=1")
    assert resp.status == 200
    first = resp.attempts[0]
    assert first.status is None and first.error
    assert "connection" in first.error
    assert len(server.seen) == 2
    assert server.seen[0].headers["idempotency-key"] == server.seen[1].headers["idempotency-key"]


def test_slow_response_times_out_and_is_retried(serve):
    server = serve(Step(sleep=1.0), Step(200))
    t0 = time.monotonic()
    resp = client(server, timeout=0.2).request("POST", "/v1/charges")
    assert time.monotonic() - t0 < 0.9
    assert resp.status == 200
    assert resp.attempts[0].status is None
    assert "timed out" in resp.attempts[0].error
    assert resp.attempts[0].duration == pytest.approx(0.2, abs=0.15)


def test_retry_after_beyond_the_deadline_stops_at_once(serve):
    server = serve(Step(503, {"Retry-After": "60"}, b"busy"), Step(200))
    t0 = time.monotonic()
    with pytest.raises(revtain.GatewayRetryAfterBeyondDeadline) as e:
        client(server).request("POST", "/v1/charges")
    assert time.monotonic() - t0 < 1.0
    err = e.value
    assert isinstance(err, revtain.GatewayError) and not isinstance(err, ValueError)
    assert err.code == "REVTAIN_RESULT_GATEWAY_RETRY_AFTER_BEYOND_DEADLINE"
    assert err.requested == 60.0
    assert [a.status for a in err.attempts] == [503]
    assert err.response is not None
    assert (err.response.status, err.response.body) == (503, b"busy")
    assert err.response.header("Retry-After") == "60"
    assert "60" in str(err)
    assert len(server.seen) == 1


def test_budget_exhausted(serve):
    server = serve(Step(503), Step(200))
    c = client(server)
    assert c.budget_available() == 500
    c.set_budget(0)
    assert c.budget_available() == 0
    with pytest.raises(revtain.GatewayBudgetExhausted) as e:
        c.request("POST", "/v1/charges")
    assert len(server.seen) == 1
    assert [a.status for a in e.value.attempts] == [503]
    assert e.value.response is not None and e.value.response.status == 503
    assert e.value.requested is None  # set on GatewayRetryAfterBeyondDeadline only
    c.set_budget(10**6)  # capped
    assert c.budget_available() == 500


def test_budget_is_spent_by_retries_and_refunded_by_success(serve):
    server = serve(Step(503), Step(503), Step(200))
    c = client(server)
    c.set_budget(100)
    c.request("GET", "/")
    assert c.budget_available() == 100 - 2 * 5 + 1


def test_all_attempts_exhausted(serve):
    server = serve(Step(503, body=b"down"))
    with pytest.raises(revtain.GatewayRetriesExhausted) as e:
        client(server).request("POST", "/v1/charges")
    err = e.value
    assert err.code == "REVTAIN_RESULT_GATEWAY_RETRIES_EXHAUSTED"
    assert [a.status for a in err.attempts] == [503] * 4
    assert isinstance(err.attempts[0], revtain.Attempt)
    assert err.response is not None and err.response.status == 503
    assert err.response.body == b"down"
    assert len(err.response.attempts) == 4
    assert len(server.seen) == 4
    assert len({s.headers["idempotency-key"] for s in server.seen}) == 1


def test_connection_refused_exhausts_with_no_response():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    policy = revtain.RetryPolicy(base=0.0, cap=0.0, max_attempts=2)
    c = revtain.GatewayClient(f"http://127.0.0.1:{port}", policy=policy)
    with pytest.raises(revtain.GatewayRetriesExhausted) as e:
        c.request("GET", "/")
    assert e.value.response is None
    assert [a.status for a in e.value.attempts] == [None, None]
    assert all(a.error for a in e.value.attempts)


def test_deadline_exceeded(serve):
    server = serve(Step(503))
    policy = revtain.RetryPolicy(base=0.5, cap=0.5, max_attempts=4, deadline=0.3, jitter="none")
    with pytest.raises(revtain.GatewayDeadlineExceeded) as e:
        client(server, policy=policy).request("GET", "/")
    assert e.value.code == "REVTAIN_RESULT_GATEWAY_DEADLINE_EXCEEDED"
    assert len(e.value.attempts) == 1
    assert len(server.seen) == 1


@pytest.mark.parametrize(
    "url,kw",
    [
        ("http://example.com", {}),
        ("http://10.0.0.1:8080", {}),
        ("ftp://127.0.0.1", {}),
        ("not a url", {}),
        ("https://api.stripe.com?x=1", {}),
        ("https://api.stripe.com", {"timeout": 0.0}),
        ("https://api.stripe.com", {"timeout": -1.0}),
        ("https://api.stripe.com", {"headers": {"Bad Name": "v"}}),
        ("https://api.stripe.com", {"headers": {"Authorization": "line\nbreak"}}),
    ],
)
def test_invalid_client(url, kw):
    with pytest.raises(revtain.GatewayInvalidRequest) as e:
        revtain.GatewayClient(url, **kw)
    assert isinstance(e.value, ValueError)
    assert isinstance(e.value, revtain.GatewayError)
    assert e.value.code == "REVTAIN_RESULT_GATEWAY_INVALID_REQUEST"
    assert e.value.attempts == [] and e.value.response is None
    assert "line\nbreak" not in str(e.value)


def test_plain_http_to_a_remote_host_is_refused_unless_allowed():
    with pytest.raises(revtain.GatewayInvalidRequest, match="https"):
        revtain.GatewayClient("http://api.stripe.com")
    revtain.GatewayClient("http://api.stripe.com", allow_insecure_http=True)
    revtain.GatewayClient("http://localhost:1")
    revtain.GatewayClient("http://[::1]:1")


@pytest.mark.parametrize(
    "kw",
    [
        {"method": "BAD METHOD", "path": "/"},
        {"method": "GET", "path": "no-slash"},
        {"method": "GET", "path": "//evil.example/x"},
        {"method": "GET", "path": "/a b"},
        {"method": "GET", "path": "/", "headers": {"X": "a\r\nInjected: 1"}},
        {"method": "POST", "path": "/", "idempotency_key": ""},
        {"method": "POST", "path": "/", "idempotency_key": "k" * 256},
    ],
)
def test_invalid_request_sends_nothing(serve, kw):
    server = serve(Step(200))
    with pytest.raises(revtain.GatewayInvalidRequest):
        client(server).request(**kw)
    assert server.seen == []


def test_header_values_never_in_repr():
    c = revtain.GatewayClient(
        "https://api.stripe.com",
        headers={"Authorization": "Bearer sk_live_TOPSECRET", "Stripe-Version": "2024-06-20"},
        timeout=2.5,
    )
    r = repr(c)
    assert "TOPSECRET" not in r and "2024-06-20" not in r
    assert r == (
        "GatewayClient(base_url='https://api.stripe.com', policy=RetryPolicy(base=0.5, cap=20.0, "
        "max_attempts=4, deadline=30.0, jitter='full'), timeout=2.5, "
        "headers=['Authorization', 'Stripe-Version'], proxy=None)"
    )
    want = ("https://api.stripe.com", 2.5, repr(revtain.RetryPolicy()))
    assert (c.base_url, c.timeout, repr(c.policy)) == want


def test_errors_never_show_header_values(serve):
    server = serve(Step(503))
    c = client(server, headers={"Authorization": "Bearer sk_live_TOPSECRET"})
    with pytest.raises(revtain.GatewayRetriesExhausted) as e:
        c.request("GET", "/")
    assert "TOPSECRET" not in str(e.value) + repr(e.value) + repr(e.value.attempts) + repr(e.value.response)


def test_gil_is_released_while_waiting(serve):
    # The server answers after 0.6 s. A Python thread ticking every 10 ms can only tick
    # meanwhile if the request released the GIL; held, there would be no tick at all inside
    # the call (the ticker cannot wake without the GIL), so this fails without py.detach.
    server = serve(Step(sleep=0.6))
    c = client(server, timeout=5.0)
    ticks: list[float] = []
    stop = threading.Event()

    def ticker() -> None:
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.01)

    t = threading.Thread(target=ticker)
    t.start()
    try:
        time.sleep(0.05)
        start = time.monotonic()
        resp = c.request("GET", "/slow")
        end = time.monotonic()
    finally:
        stop.set()
        t.join()
    assert resp.status == 200
    assert end - start >= 0.6
    inside = [x for x in ticks if start + 0.1 < x < end - 0.1]
    assert len(inside) >= 10, f"{len(inside)} ticks while the request waited"


def test_concurrent_calls_from_threads(serve):
    server = serve(Step(200, sleep=0.3))
    c = client(server)
    results: list[int] = []

    def call() -> None:
        results.append(c.request("GET", "/").status)

    threads = [threading.Thread(target=call) for _ in range(4)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * 4
    assert time.monotonic() - t0 < 1.0  # in parallel, not one after the other


def test_json_error(serve):
    server = serve(Step(200, body=b"not json"))
    with pytest.raises(json.JSONDecodeError):
        client(server).request("GET", "/").json()


def test_classes_are_frozen_and_not_constructible():
    p = revtain.RetryPolicy()
    with pytest.raises(AttributeError):
        p.base = 1.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        revtain.Attempt()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        revtain.GatewayResponse()  # type: ignore[call-arg]


# --- hardening: credentials, framing headers, proxies, answers never sent again -----------

SECRET = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
REJECTED = revtain.GatewayResponseRejected
TLS_FAILED = revtain.GatewayTlsFailed


def shown(e: BaseException) -> str:
    return f"{e} {e!r} {getattr(e, 'args', '')}"


@pytest.mark.parametrize(
    "url",
    [
        f"https://{SECRET}:@api.example",
        f"https://user:{SECRET}@api.example/v1",
        f"http://{SECRET}@127.0.0.1:9",
    ],
)
def test_a_base_url_with_credentials_is_refused(url):
    with pytest.raises(revtain.GatewayInvalidRequest, match="credentials") as e:
        revtain.GatewayClient(url)
    assert SECRET not in shown(e.value)


@pytest.mark.parametrize(
    "url",
    [
        f"https://{SECRET}:pass word@api.example",
        f"https://{SECRET} x",
        SECRET,
        f"ftp://{SECRET}/",
        f"http://{SECRET}.example",
    ],
)
def test_a_base_url_that_is_refused_is_never_echoed(url):
    with pytest.raises(revtain.GatewayInvalidRequest) as e:
        revtain.GatewayClient(url)
    assert SECRET not in shown(e.value)


@pytest.mark.parametrize("name", ["Content-Length", "transfer-encoding", "HOST", "Connection", "upgrade"])
def test_framing_headers_are_refused_naming_the_header(serve, name):
    server = serve(Step(200))
    value = "sk_live_VALUE_NOT_SHOWN"
    with pytest.raises(revtain.GatewayInvalidRequest) as e:
        revtain.GatewayClient(server.url, headers={name: value})
    assert name.lower() in str(e.value).lower() and value not in shown(e.value)
    with pytest.raises(revtain.GatewayInvalidRequest) as e:
        client(server).request("POST", "/", body=b"amount=1", headers={name: value})
    assert name.lower() in str(e.value).lower() and value not in shown(e.value)
    assert server.seen == []


def test_the_body_is_framed_by_the_client(serve):
    server = serve(Step(200))
    client(server).request("POST", "/", body=b"amount=1")
    assert server.seen[0].body == b"amount=1"
    assert server.seen[0].headers["content-length"] == "8"


class RawServer:
    """Answers each connection (in a thread of its own) with ``answer(conn)`` after reading the
    request head; counts the requests, so that one sent again is seen."""

    def __init__(self, answer) -> None:
        self.requests = 0
        self.lock = threading.Lock()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.answer = answer
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 65536:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                head += chunk
            with self.lock:
                self.requests += 1
            with contextlib.suppress(OSError):  # the client hung up
                self.answer(conn)

    def settled(self) -> int:
        time.sleep(0.15)
        return self.requests

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def raw():
    servers: list[RawServer] = []

    def start(answer) -> RawServer:
        s = RawServer(answer)
        servers.append(s)
        return s

    yield start
    for s in servers:
        s.close()


def stream(total: int, chunked: bool):
    def answer(conn: socket.socket) -> None:
        if chunked:
            conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        else:
            conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Length: {total}\r\n\r\n".encode())
        block = b"x" * 65536
        framed = b"%x\r\n" % len(block) + block + b"\r\n"
        for _ in range(total // len(block)):
            conn.sendall(framed if chunked else block)
        if chunked:
            conn.sendall(b"0\r\n\r\n")

    return answer


def raw_answer(data: bytes):
    return lambda conn: conn.sendall(data)


def rejected_once(server: RawServer, call, status: int | None) -> revtain.GatewayError:
    with pytest.raises(REJECTED) as e:
        call()
    err = e.value
    assert isinstance(err, revtain.GatewayError) and not isinstance(err, ValueError)
    assert len(err.attempts) == 1
    assert server.settled() == 1, "an answered request must not be sent again"
    assert err.attempts[0].status == status
    assert err.attempts[0].error
    if status is None:
        assert err.response is None
    else:
        assert err.response is not None and err.response.status == status and err.response.body == b""
    assert "not sent again" in str(err)
    return err


def peak_reset() -> int | None:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return peak()
    except OSError:
        return None


def peak() -> int | None:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def test_a_body_over_16_mib_is_final_keeping_its_status(raw):
    # A 1 GiB answer used to be read to 16 MiB, then the request was sent three more times.
    server = raw(stream(1 << 30, chunked=False))
    t0 = time.monotonic()
    err = rejected_once(server, lambda: client(server).request("POST", "/v1/charges", body="amount=1"), 200)
    assert "16 MiB" in err.attempts[0].error
    assert time.monotonic() - t0 < 2.0
    before = peak_reset()
    server = raw(stream(64 << 20, chunked=True))
    err = rejected_once(server, lambda: client(server, timeout=4.0).request("POST", "/v1/charges"), 200)
    assert "16 MiB" in err.attempts[0].error
    after = peak()
    if before is not None and after is not None:
        assert after - before < 48 << 20, f"peak memory grew by {(after - before) >> 20} MiB"


@pytest.mark.parametrize(
    "data,want",
    [
        (b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-F%d: %s\r\n" % (i, b"y" * 4096) for i in range(20)) + b"\r\n",
         "64 KiB"),
        (b"HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n", "malformed"),
        (b"SMTP ready\r\n\r\n", "malformed"),
    ],
)
def test_a_huge_or_malformed_head_is_final(raw, data, want):
    server = raw(raw_answer(data))
    err = rejected_once(server, lambda: client(server).request("POST", "/"), None)
    assert want in err.attempts[0].error


def test_a_body_cut_short_or_trickled_is_final(raw):
    server = raw(raw_answer(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhalf"))
    err = rejected_once(server, lambda: client(server).request("POST", "/"), 200)
    assert "closed" in err.attempts[0].error

    def trickle(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
        for _ in range(100):
            time.sleep(0.05)
            conn.sendall(b"x")

    server = raw(trickle)
    t0 = time.monotonic()
    err = rejected_once(server, lambda: client(server, timeout=0.4).request("POST", "/"), 200)
    assert "timeout" in err.attempts[0].error
    assert time.monotonic() - t0 < 2.0


class CountingProxy:
    """Counts connections; answers a CONNECT with 200, then the tunnelled request itself with a
    body of ``via proxy`` (it plays the proxy and the host)."""

    def __init__(self) -> None:
        self.connections = 0
        self.heads: list[bytes] = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    @staticmethod
    def _head(conn: socket.socket) -> bytes:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = conn.recv(1)
            if not chunk:
                break
            head += chunk
        return head

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            with conn:
                head = self._head(conn)
                self.heads.append(head)
                if head.startswith(b"CONNECT "):
                    conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    self.heads.append(self._head(conn))
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\nvia proxy"
                    )

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def proxy():
    p = CountingProxy()
    yield p
    p.close()


PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]


def test_environment_proxies_are_ignored(serve, proxy, monkeypatch):
    for var in PROXY_VARIABLES:
        monkeypatch.setenv(var, proxy.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    server = serve(Step(200, body=b"from the gateway"))
    c = client(server, headers={"Authorization": "Bearer sk_test_x"})
    assert c.proxy is None
    assert c.request("POST", "/v1/charges").body == b"from the gateway"
    assert proxy.connections == 0, "no request may go to a proxy nobody chose"
    assert len(server.seen) == 1


def test_an_explicit_proxy_is_used_and_its_credentials_never_shown(serve, proxy):
    server = serve(Step(200))
    with_credentials = proxy.url.replace("http://", f"http://user:{SECRET}@")
    c = client(server, proxy=with_credentials, allow_insecure_http=True)
    assert c.proxy == proxy.url
    assert SECRET not in repr(c) and f"proxy='{proxy.url}'" in repr(c)
    assert c.request("GET", "/v1/x").body == b"via proxy"
    assert proxy.connections == 1 and server.seen == []
    target = server.url.removeprefix("http://")
    assert proxy.heads[0].startswith(f"CONNECT {target} HTTP/1.1".encode())
    assert b"Proxy-Authorization: Basic " in proxy.heads[0]
    # Plain http through a proxy needs insecure http allowed: the proxy would read it all.
    with pytest.raises(revtain.GatewayInvalidRequest, match="proxy"):
        revtain.GatewayClient(server.url, proxy=proxy.url)


@pytest.mark.parametrize(
    "bad",
    ["socks5://127.0.0.1:1080", "127.0.0.1:3128", f"http://user:{SECRET}@", f"not a url {SECRET}"],
)
def test_an_invalid_proxy_is_refused_and_never_echoed(bad):
    with pytest.raises(revtain.GatewayInvalidRequest) as e:
        revtain.GatewayClient("https://api.example", proxy=bad)
    assert SECRET not in shown(e.value)


def test_a_certificate_that_does_not_verify_is_final(tmp_path):
    import datetime
    import ssl

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    sock = socket.create_server(("127.0.0.1", 0))
    connections = []

    def accept() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            connections.append(1)
            try:
                with ctx.wrap_socket(conn, server_side=True) as tls:
                    tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            except (OSError, ssl.SSLError):
                pass

    threading.Thread(target=accept, daemon=True).start()
    try:
        c = revtain.GatewayClient(f"https://localhost:{sock.getsockname()[1]}", policy=FAST)
        with pytest.raises(TLS_FAILED) as e:
            c.request("POST", "/v1/charges")
        err = e.value
        assert "certificate" in str(err) and "not retried" in str(err)
        assert len(err.attempts) == 1 and err.attempts[0].status is None
        assert err.response is None
        time.sleep(0.1)
        assert len(connections) == 1, "no retry against a failing certificate"
    finally:
        sock.close()
