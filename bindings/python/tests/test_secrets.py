"""Secret sweep (Python surface): every object that holds a secret, rendered every way Python can
render it, and every error raised for a malformed, wrong or misplaced secret, must never hold a
byte sequence of a secret.

Renderings: ``repr``, ``str``, ``format``, f-strings (``!r``, ``!s``, a format spec), ``%r`` and
``%s``, ``str.format``, ``pprint``, ``reprlib``, ``vars()`` / ``__dict__``, the value of every
public attribute in ``dir()`` (zero-argument methods called, except the ones listed in
``RETURNS_SECRET_BY_DESIGN``), ``__getstate__``, ``pickle`` (must raise ``TypeError`` for a
secret holder), ``copy.copy`` / ``copy.deepcopy`` (must raise, or the copy must keep it hidden),
``logging`` with ``%s``, ``%r`` and ``exception()`` into a StringIO handler,
``traceback.format_exc()`` of a raised error, ``json.dumps(default=str)``. Errors also: their
``args``, every attribute (``attempts``, ``response``, ...), their ``__cause__`` / ``__context__``
chain, and their pickle.

A secret is found in any of its forms (the whole string, its base64 payload, the hex and the
escaped bytes of its raw bytes) or as any 12-character run of one. Secrets are random per run, so
no source line of a traceback can hold one. ``test_scanner_finds_planted_secrets`` proves the
scanner can fail. The leaks this sweep found when it was written are fixed; their tests (named
after what leaked) guard the fixes.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import copy
import http.server
import io
import json
import logging
import os
import pickle
import pprint
import reprlib
import secrets as pysecrets
import socket
import string
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import revtain

WINDOW = 12

# Methods that return the secret itself, on purpose: the one way to the secret. Never called by
# the sweep (every other public zero-argument method is, and its result swept).
RETURNS_SECRET_BY_DESIGN = {
    ("ApiKey", "expose_secret"),
    ("Keyring", "to_text"),
}

# Methods the sweep does not call for another reason than a secret.
NOT_CALLED = {
    # Reads REVTAIN_KEYRING: an unrelated keyring (or an error about the variable), not this one.
    ("Keyring", "from_env"),
}

ALNUM = string.ascii_letters + string.digits


# --------------------------------------------------------------------------------- secrets


class Secret:
    """One secret and every form a leak of it could take."""

    def __init__(self, label: str, *forms: str):
        self.label = label
        self.forms: list[str] = [f for f in forms if f]

    def with_forms(self, *forms: str) -> Secret:
        self.forms.extend(f for f in forms if f)
        return self

    def with_raw(self, raw: bytes) -> Secret:
        """Every encoding of the raw bytes a rendering might use."""
        return self.with_forms(
            base64.b64encode(raw).decode(),
            base64.b64encode(raw).decode().rstrip("="),
            base64.urlsafe_b64encode(raw).decode().rstrip("="),
            raw.hex(),
            raw.hex().upper(),
            repr(raw)[2:-1],  # the escaped text of a bytes repr
            raw.decode("latin-1"),  # the bytes themselves, in a bytes rendering
        )


def random_text(n: int, alphabet: str = ALNUM) -> str:
    return "".join(pysecrets.choice(alphabet) for _ in range(n))


def prefixed(label: str, prefix: str) -> tuple[str, bytes, Secret]:
    """``prefix`` + standard base64 of 32 random bytes (``whsec_…``, ``cusec_…``)."""
    raw = os.urandom(32)
    text = prefix + base64.b64encode(raw).decode()
    return text, raw, Secret(label, text).with_raw(raw)


def random_pan() -> tuple[str, Secret]:
    """A random Luhn-valid 16-digit Visa number. The forms are what a redaction must hide: all but
    the last four digits, plain or grouped."""
    digits = [4] + [pysecrets.randbelow(10) for _ in range(14)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        x = d * 2 if i % 2 == 0 else d
        total += x - 9 if x > 9 else x
    digits.append((10 - total % 10) % 10)
    pan = "".join(map(str, digits))
    grouped = [pan[0:4], pan[4:8], pan[8:12]]
    return pan, Secret("PAN", pan[:12], " ".join(grouped), "-".join(grouped), pan)


def find_leak(text: str | bytes, secret: Secret) -> str | None:
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode("latin-1")
    for form in secret.forms:
        if len(form) <= WINDOW:
            if form in text:
                return f"{secret.label} (form {form!r})"
            continue
        for start in range(len(form) - WINDOW + 1):
            run = form[start : start + WINDOW]
            if run in text:
                return f"{secret.label} (run {run!r} of form {form!r})"
    return None


# --------------------------------------------------------------------------------- renderings


class Sweep:
    """Collects every rendering of one test and every leak; ``check()`` fails with them all."""

    def __init__(self, *secrets: Secret):
        self.secrets = list(secrets)
        self.leaks: list[str] = []
        self.count = 0
        self.log = io.StringIO()
        self.logger = logging.getLogger(f"revtain.secret-sweep.{id(self)}")
        self.logger.propagate = False
        self.logger.setLevel(logging.DEBUG)
        self.logger.handlers[:] = [logging.StreamHandler(self.log)]

    def add(self, *secrets: Secret) -> None:
        self.secrets.extend(secrets)

    def text(self, what: str, text: str | bytes) -> None:
        self.count += 1
        for s in self.secrets:
            leak = find_leak(text, s)
            if leak:
                shown = text if len(text) < 400 else text[:400] + "…"
                self.leaks.append(f"{what}: shows {leak}\n      rendering: {shown!r}")

    def logged(self, what: str, emit: Callable[[logging.Logger], None]) -> None:
        self.log.seek(0)
        self.log.truncate()
        emit(self.logger)
        self.text(f"{what} logged", self.log.getvalue())

    # -- values

    def value(self, what: str, v: Any, depth: int = 0) -> None:
        """A value an object or an error hands out: revtain objects in full, containers by item."""
        if depth > 4:
            return
        if isinstance(v, BaseException):
            self.error(what, v, None, depth + 1)
        elif type(v).__module__.startswith("revtain"):
            self.obj(what, v, depth=depth + 1)
        elif isinstance(v, dict):
            self.text(f"{what} repr", repr(v))
            for k, item in v.items():
                self.value(f"{what}[{k!r}]", item, depth + 1)
        elif isinstance(v, list | tuple):
            self.text(f"{what} repr", repr(v))
            for i, item in enumerate(v):
                self.value(f"{what}[{i}]", item, depth + 1)
        else:
            self.text(f"{what} repr", repr(v))
            self.text(f"{what} str", str(v))

    def formatted(self, what: str, x: Any) -> None:
        """Every way Python turns a value into text."""
        self.text(f"{what} repr()", repr(x))
        self.text(f"{what} str()", str(x))
        self.text(f"{what} format()", format(x))
        self.text(f"{what} f-string", f"{x}")
        self.text(f"{what} f-string !r", f"{x!r}")
        self.text(f"{what} f-string !s", f"{x!s}")
        self.text(f"{what} f-string :>300", f"{x!s:>300}")
        self.text(f"{what} %r", "%r" % (x,))  # noqa: UP031 (the %-operator is the rendering)
        self.text(f"{what} %s", "%s" % (x,))  # noqa: UP031
        self.text(f"{what} str.format", "{} {!r}".format(x, x))  # noqa: UP032 (the method is the rendering)
        self.text(f"{what} pprint", pprint.pformat(x))
        self.text(f"{what} reprlib", reprlib.repr(x))
        self.text(f"{what} json.dumps(default=str)", json.dumps(x, default=str))
        self.text(f"{what} json.dumps([x], default=repr)", json.dumps([x], default=repr))
        self.logged(f"{what} %s", lambda log: log.info("value: %s", x))
        self.logged(f"{what} %r", lambda log: log.warning("value: %r", x))
        self.logged(f"{what} as the message", lambda log: log.error(x))

    def attributes(self, what: str, x: Any, depth: int) -> None:
        """``vars()``, ``__dict__`` and the value of every public attribute in ``dir()``."""
        cls = type(x).__name__
        with contextlib.suppress(TypeError):
            self.value(f"{what} vars()", vars(x), depth)
        if hasattr(x, "__dict__"):
            self.value(f"{what} __dict__", x.__dict__, depth)
        getstate = getattr(x, "__getstate__", None)
        if getstate is not None:
            try:
                self.value(f"{what} __getstate__()", getstate(), depth)
            except TypeError as e:
                self.error(f"{what} __getstate__()", e, None, depth + 1)
        for name in dir(x):
            if name.startswith("_"):
                continue
            try:
                attr = getattr(x, name)
            except Exception as e:
                self.error(f"{what}.{name}", e, None, depth + 1)
                continue
            if not callable(attr) or isinstance(x, BaseException):
                self.value(f"{what}.{name}", attr, depth)
                continue
            self.text(f"{what}.{name} repr", repr(attr))
            if (cls, name) in RETURNS_SECRET_BY_DESIGN or (cls, name) in NOT_CALLED:
                continue
            try:
                result = attr()
            except TypeError as e:
                if "argument" not in str(e):
                    self.error(f"{what}.{name}()", e, None, depth + 1)
                continue  # needs arguments
            except Exception as e:
                self.error(f"{what}.{name}()", e, None, depth + 1)
                continue
            self.value(f"{what}.{name}()", result, depth)

    def obj(self, what: str, x: Any, *, secret_holder: bool = False, depth: int = 0) -> None:
        """An object of the package, in every rendering."""
        self.formatted(what, x)
        self.attributes(what, x, depth)
        if secret_holder:
            for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
                with pytest.raises(TypeError) as info:
                    pickle.dumps(x, protocol=protocol)
                self.text(f"{what} pickle protocol {protocol} error", str(info.value))
        else:
            try:
                self.text(f"{what} pickle", pickle.dumps(x))
            except (TypeError, pickle.PicklingError) as e:
                self.text(f"{what} pickle error", str(e))
        for how in (copy.copy, copy.deepcopy):
            try:
                dup = how(x)
            except (TypeError, pickle.PicklingError) as e:
                self.text(f"{what} {how.__name__} error", str(e))
                continue
            if depth < 2:
                self.formatted(f"{what} {how.__name__}", dup)
                self.attributes(f"{what} {how.__name__}", dup, depth + 1)

    # -- errors

    def error(self, what: str, e: BaseException, tb: str | None = None, depth: int = 0) -> None:
        """An exception: every rendering, its ``args`` and attributes, its traceback, its chain."""
        self.formatted(what, e)
        self.value(f"{what} .args", e.args, depth + 1)
        self.attributes(what, e, depth + 1)
        if tb is not None:
            self.text(f"{what} traceback.format_exc()", tb)
        self.text(f"{what} traceback.format_exception", "".join(traceback.format_exception(e)))
        self.text(f"{what} traceback.format_exception_only", "".join(traceback.format_exception_only(e)))
        try:
            raise e
        except BaseException:
            self.logged(f"{what} logger.exception", lambda log: log.exception("the call failed"))
            self.text(f"{what} re-raised format_exc()", traceback.format_exc())
        with contextlib.suppress(TypeError, pickle.PicklingError, AttributeError):
            self.text(f"{what} pickle", pickle.dumps(e))
        for how in (copy.copy, copy.deepcopy):
            with contextlib.suppress(TypeError, pickle.PicklingError, AttributeError):
                self.text(f"{what} {how.__name__}", repr(how(e)))
        for link in ("__cause__", "__context__"):
            chained = getattr(e, link, None)
            if chained is not None and depth < 3:
                self.error(f"{what} {link}", chained, None, depth + 1)
        for note in getattr(e, "__notes__", []):
            self.text(f"{what} note", note)

    def call(self, what: str, fn: Callable[[], Any], *, must_fail: bool = True) -> Any:
        """Calls ``fn`` and sweeps what it raised (with ``traceback.format_exc()`` taken in the
        ``except`` block, as an application would) or what it returned."""
        try:
            result = fn()
        except Exception as e:
            self.error(what, e, traceback.format_exc())
            return e
        if must_fail:
            self.leaks.append(f"{what}: expected an error, returned {type(result).__name__}")
        self.value(f"{what} result", result)
        return result

    def check(self) -> None:
        assert self.count > 0, "nothing was rendered"
        listed = "\n  ".join(self.leaks)
        assert not self.leaks, f"{len(self.leaks)} of {self.count} renderings show a secret:\n  {listed}"


def test_scanner_finds_planted_secrets():
    """The scanner finds a secret in each form and as a 12-character run, in text, bytes and a
    log; ``check()`` fails on it; a redaction's kept last four digits are not a leak."""
    whsec, raw, s = prefixed("whsec", "whsec_")
    payload = whsec[6:]
    planted_texts = ("x" + whsec, f"secret: {payload}!", f"key={raw.hex()}", f"cut {payload[3:15]}…",
                     repr(raw))
    for planted in planted_texts:
        assert find_leak(planted, s), planted
    assert find_leak(b"\x00" + raw + b"\x00", s)
    pan, p = random_pan()
    assert find_leak(f"card {pan}", p) and find_leak(f"{pan[:4]} {pan[4:8]} {pan[8:12]} {pan[12:]}", p)
    assert not find_leak(f"card **** **** **** {pan[12:]}", p)
    assert not find_leak("Webhook(secrets=1, tolerance=300)", s)
    sweep = Sweep(s)
    sweep.logged("planted", lambda log: log.info("x%s", whsec))
    sweep.error("planted error", ValueError("x" + whsec))
    assert sweep.leaks
    with pytest.raises(AssertionError, match="show a secret"):
        sweep.check()
    clean = Sweep(s)
    clean.obj("Webhook", revtain.Webhook(whsec), secret_holder=True)
    clean.check()


# --------------------------------------------------------------------------------- helpers


def now() -> int:
    return int(time.time())


def fast_policy() -> revtain.RetryPolicy:
    return revtain.RetryPolicy(base=0.001, cap=0.001, max_attempts=2, deadline=5, jitter="none")


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Unavailable(http.server.BaseHTTPRequestHandler):
    """Answers every request with 503; never echoes anything of the request."""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = b"unavailable"
        self.send_response(503)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Request-Id", "req_1")
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def server_503() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Unavailable)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def gateway_token() -> tuple[str, Secret]:
    token = "sk_live_" + random_text(32)
    return token, Secret("Authorization", f"Bearer {token}", token, token[8:])


# --------------------------------------------------------------------------------- API keys


def test_api_key():
    key = revtain.ApiKey.generate()
    k = key.expose_secret()
    raw = base64.urlsafe_b64decode(k[4:] + "==")
    s = Secret("API key", k, k[4:]).with_raw(raw)
    sweep = Sweep(s)
    sweep.obj("ApiKey", key, secret_holder=True)
    sweep.obj("ApiKey.parse", revtain.ApiKey.parse(k), secret_holder=True)
    sweep.text("redact_api_keys", revtain.redact_api_keys(f"ticket: key {k} pasted"))
    sweep.text("redact_api_keys(bytes)", revtain.redact_api_keys(f"k={k}".encode()))
    sweep.value("find_api_keys", revtain.find_api_keys(f"k={k}"))
    sweep.check()


API_KEY_MISTAKES: dict[str, Callable[[str, str], str]] = {
    "trailing newline": lambda k, w: k + "\n",
    "surrounding spaces": lambda k, w: f" {k} ",
    "one character short": lambda k, w: k[:35],
    "one character more": lambda k, w: k + "A",
    "upper-case prefix": lambda k, w: "REV_" + k[4:],
    "no prefix": lambda k, w: k[4:],
    "a '+' inside": lambda k, w: k[:20] + "+" + k[21:],
    "a non-ASCII letter inside": lambda k, w: k[:30] + "é" + k[31:],
    "padding": lambda k, w: k + "==",
    "quoted": lambda k, w: f'"{k}"',
    "Bearer header value": lambda k, w: f"Bearer {k}",
    "a webhook secret": lambda k, w: w,
}


@pytest.mark.parametrize("mistake", list(API_KEY_MISTAKES))
def test_api_key_errors(mistake):
    key = revtain.ApiKey.generate()
    k = key.expose_secret()
    whsec, _, ws = prefixed("whsec given as an API key", "whsec_")
    s = Secret("API key", k, k[4:]).with_raw(base64.urlsafe_b64decode(k[4:] + "=="))
    bad = API_KEY_MISTAKES[mistake](k, whsec)
    sweep = Sweep(s, ws)
    sweep.call(f"ApiKey.parse({mistake})", lambda: revtain.ApiKey.parse(bad))
    sweep.call(f"verify_api_key({mistake})", lambda: revtain.verify_api_key(bad, key.lookup_hash()),
               must_fail=False)
    sweep.call(f"verify_api_key({mistake}, itself as the hash)",
               lambda: revtain.verify_api_key(bad, bad.encode()), must_fail=False)
    sweep.call("ApiKey.matches(key as the hash)", lambda: key.matches(k))
    sweep.call("verify_api_key(key as the hash)", lambda: revtain.verify_api_key(k, k))
    sweep.check()


# --------------------------------------------------------------------------------- vault


def keyring_secret(k: revtain.Keyring) -> Secret:
    text = k.to_text()
    s = Secret("keyring text", text)
    for entry in text.split(","):
        s.with_raw(base64.b64decode(entry.split(":", 1)[1]))
    return s


def test_keyring(monkeypatch):
    k = revtain.Keyring.generate()
    rotated = k.rotate()
    s = keyring_secret(rotated)
    sweep = Sweep(s)
    sweep.obj("Keyring", k, secret_holder=True)
    sweep.obj("Keyring rotated (2 keys)", rotated, secret_holder=True)
    sweep.obj("Keyring.from_text", revtain.Keyring.from_text(rotated.to_text()), secret_holder=True)
    monkeypatch.setenv("MY_KEYRING", rotated.to_text())
    sweep.obj("Keyring.from_env", revtain.Keyring.from_env("MY_KEYRING"), secret_holder=True)
    ctx = {"tenant": "t_1", "field": "secret_key"}
    sealed = rotated.seal(b"sk_live_plaintext", ctx)
    stranger = revtain.Keyring.generate()
    sweep.add(keyring_secret(stranger))
    sweep.call("open(wrong context)", lambda: rotated.open(sealed, {"tenant": "t_2"}))
    sweep.call("open(another keyring)", lambda: stranger.open(sealed, ctx))
    sweep.call("open(altered)", lambda: rotated.open(sealed[:-1] + ("A" if sealed[-1] != "A" else "B"), ctx))
    text = rotated.to_text()
    sweep.call("open(keyring text as the envelope)", lambda: rotated.open(text, ctx))
    sweep.call("needs_rotation(keyring text)", lambda: rotated.needs_rotation(text))
    sweep.call("reseal(keyring text)", lambda: rotated.reseal(text, ctx))
    sweep.call("seal(context = keyring text)", lambda: rotated.seal(b"x", text))
    sweep.check()


KEYRING_MISTAKES: dict[str, Callable[[str, str, bytes], str]] = {
    "second entry 31 bytes": lambda a, b, raw: f"1:{a},2:{base64.b64encode(raw[:31]).decode()}",
    "repeated id": lambda a, b, raw: f"1:{a},1:{b}",
    "id not decimal": lambda a, b, raw: f"x:{a}",
    "no id": lambda a, b, raw: a,
    "id with a leading zero": lambda a, b, raw: f"01:{a}",
    "unpadded": lambda a, b, raw: "1:" + a.rstrip("="),
    "url-safe base64": lambda a, b, raw: "1:" + base64.urlsafe_b64encode(raw).decode().rstrip("="),
    "hex instead of base64": lambda a, b, raw: "1:" + raw.hex(),
    "semicolon separator": lambda a, b, raw: f"1:{a};2:{b}",
    "newline separator": lambda a, b, raw: f"1:{a}\n2:{b}",
    "trailing comma": lambda a, b, raw: f"1:{a},",
    "id too large": lambda a, b, raw: f"4294967296:{a}",
    "env-style assignment": lambda a, b, raw: f"REVTAIN_KEYRING=1:{a}",
    "quoted": lambda a, b, raw: f'"1:{a}"',
    "a character replaced": lambda a, b, raw: f"1:{a[:10]}!{a[11:]}",
}


@pytest.mark.parametrize("mistake", list(KEYRING_MISTAKES))
def test_keyring_text_errors(mistake, monkeypatch):
    raw, raw2 = os.urandom(32), os.urandom(32)
    a, b = base64.b64encode(raw).decode(), base64.b64encode(raw2).decode()
    text = KEYRING_MISTAKES[mistake](a, b, raw)
    sweep = Sweep(Secret("key 1", a).with_raw(raw), Secret("key 2", b).with_raw(raw2))
    sweep.call(f"Keyring.from_text({mistake})", lambda: revtain.Keyring.from_text(text))
    monkeypatch.setenv("REVTAIN_KEYRING", text)
    sweep.call(f"Keyring.from_env({mistake})", revtain.Keyring.from_env)
    sweep.check()


@pytest.mark.parametrize("api", [
    "Keyring.from_text", "Webhook", "WebhookSigner", "CardUpdateLinks", "ApiKey.parse",
    "verify_connector(secret)", "verify_connector(name)", "GatewayClient(headers)", "RateLimiter(redis_url)",
])
def test_a_secret_that_is_not_utf8_is_not_shown_by_its_error(api):
    whsec, _, s = prefixed("whsec", "whsec_")
    cusec = "cusec_" + whsec[6:]
    bad = whsec + "\udcff"
    calls: dict[str, Callable[[], Any]] = {
        "Keyring.from_text": lambda: revtain.Keyring.from_text(f"1:{whsec[6:]}\udcff"),
        "Webhook": lambda: revtain.Webhook(bad),
        "WebhookSigner": lambda: revtain.WebhookSigner([bad]),
        "CardUpdateLinks": lambda: revtain.CardUpdateLinks(
            cusec + "\udcff", "cli", "https://pay.example.com"),
        "ApiKey.parse": lambda: revtain.ApiKey.parse(bad),
        "verify_connector(secret)": lambda: revtain.verify_connector("stripe", {}, b"{}", bad),
        "verify_connector(name)": lambda: revtain.verify_connector(bad, {}, b"{}", "stripe"),
        "GatewayClient(headers)": lambda: revtain.GatewayClient(
            "https://api.example.com", headers={"Authorization": bad}),
        "RateLimiter(redis_url)": lambda: revtain.RateLimiter(
            redis_url=f"redis://:{bad}@127.0.0.1:1", timeout=0.05),
    }
    sweep = Sweep(s)
    sweep.call(api, calls[api])
    sweep.check()


# --------------------------------------------------------------------------------- webhooks


def test_webhook_and_signer():
    a, _, sa = prefixed("whsec A", "whsec_")
    b, _, sb = prefixed("whsec B", "whsec_")
    sweep = Sweep(sa, sb)
    one = revtain.Webhook(a)
    two = revtain.Webhook([a, b], tolerance=60)
    signer = revtain.WebhookSigner([a, b])
    sweep.obj("Webhook (1 secret)", one, secret_holder=True)
    sweep.obj("Webhook (2 secrets, a tuple)", revtain.Webhook((a, b)), secret_holder=True)
    sweep.obj("Webhook (2 secrets)", two, secret_holder=True)
    sweep.obj("WebhookSigner (1 secret)", revtain.WebhookSigner(a), secret_holder=True)
    sweep.obj("WebhookSigner (2 secrets)", signer, secret_holder=True)
    body = b'{"id":"evt_1","type":"card.updated","created":1700000000,"data":{}}'
    t = now()
    headers = signer.sign(body, "evt_1", t)
    sweep.value("sign()", headers)
    sweep.value("signature_header()", signer.signature_header(body, t))
    sweep.obj("Event", two.verify(body, headers, now=t))
    c, _, sc = prefixed("whsec C (wrong)", "whsec_")
    sweep.add(sc)
    wrong = revtain.Webhook(c)
    sig = headers["X-Revtain-Signature"]
    sweep.call("verify(wrong secret)", lambda: wrong.verify(body, headers, now=t))
    sweep.call("verify_signature(wrong secret)", lambda: wrong.verify_signature(body, sig, now=t))
    sweep.value("diagnose(wrong secret)", wrong.diagnose(body, sig, now=t))
    # The secret given where the header or body belongs, or as the event id (swapped arguments).
    sweep.call("verify_signature(secret as the header)", lambda: one.verify_signature(body, a, now=t))
    sweep.value("diagnose(secret as the header)", one.diagnose(body, a, now=t))
    sweep.call("verify_signature(secret as the body)", lambda: one.verify_signature(a, sig, now=t))
    sweep.value("diagnose(secret as the body)", one.diagnose(a, sig, now=t))
    sweep.call("verify(secret as a header value)",
               lambda: one.verify(body, {"X-Revtain-Signature": a}, now=t))
    sweep.call("verify(secret as the headers)", lambda: one.verify(body, a, now=t))
    sweep.call("sign(secret as the event id)", lambda: signer.sign(body, a + " ", t))
    # Rotation written as two arguments instead of a list: the second lands in `tolerance`.
    sweep.call("Webhook(a, b)", lambda: revtain.Webhook(a, b))
    sweep.call("WebhookSigner(a, b)", lambda: revtain.WebhookSigner(a, b))  # type: ignore[call-arg]
    sweep.call("sign(timestamp = secret)", lambda: signer.sign(body, "evt_1", b))
    sweep.call("verify_signature(now = secret)", lambda: one.verify_signature(body, sig, now=b))
    sweep.check()


def test_ed25519_signing_key():
    """A whsk_ signing key (its seed) never shows: not in a signer's repr, not in what it signs,
    not in the error of a verifier it is wrongly given to, nor of the public-key call."""
    sk, pk = revtain.generate_webhook_signing_key()
    seed = base64.b64decode(sk[5:])
    sweep = Sweep(Secret("whsk seed", sk).with_raw(seed))
    signer = revtain.WebhookSigner(sk)
    sweep.obj("WebhookSigner (whsk)", signer, secret_holder=True)
    sweep.obj("Webhook (whpk)", revtain.Webhook(pk), secret_holder=True)
    body = b'{"id":"evt_1","type":"card.updated","created":1700000000,"data":{}}'
    t = now()
    sweep.value("sign() with whsk", signer.sign(body, "evt_1", t))
    sweep.value("webhook_public_key()", revtain.webhook_public_key(sk))
    sweep.call("Webhook(whsk)", lambda: revtain.Webhook(sk), must_fail=True)
    sweep.call("Webhook([whpk, whsk])", lambda: revtain.Webhook([pk, sk]), must_fail=True)
    sweep.call("Webhook(whsk with one byte off)", lambda: revtain.Webhook("whsk_" + sk[6:]), must_fail=True)
    sweep.call("WebhookSigner(whsk cut)", lambda: revtain.WebhookSigner(sk[:30]), must_fail=True)
    sweep.call("webhook_public_key(whsk cut)", lambda: revtain.webhook_public_key(sk[:30]), must_fail=True)
    sweep.call("verify_connector(standard, whsk)",
               lambda: revtain.verify_connector("standard", signer.sign(body, "evt_1", t), body, sk, now=t),
               must_fail=True)
    sweep.call("sign(whsk as the event id)", lambda: signer.sign(body, sk + " ", t), must_fail=True)
    sweep.check()


WHSEC_MISTAKES: dict[str, Callable[[str, bytes], str]] = {
    "no prefix": lambda p, raw: p,
    "upper-case prefix": lambda p, raw: "WHSEC_" + p,
    "31 bytes": lambda p, raw: "whsec_" + base64.b64encode(raw[:31]).decode(),
    "33 bytes": lambda p, raw: "whsec_" + base64.b64encode(raw + raw[:1]).decode(),
    "a '!' inside": lambda p, raw: "whsec_" + p[:10] + "!" + p[11:],
    "url-safe base64": lambda p, raw: "whsec_" + base64.urlsafe_b64encode(raw).decode().rstrip("="),
    "hex": lambda p, raw: "whsec_" + raw.hex(),
    "a card-update secret": lambda p, raw: "cusec_" + p,
    "quoted": lambda p, raw: f'"whsec_{p}"',
    "env-style": lambda p, raw: f"REVTAIN_WEBHOOK_SECRET=whsec_{p}",
    "an inner space": lambda p, raw: f"whsec_{p[:20]} {p[20:]}",
}


@pytest.mark.parametrize("mistake", list(WHSEC_MISTAKES))
def test_webhook_secret_errors(mistake):
    raw = os.urandom(32)
    payload = base64.b64encode(raw).decode()
    good, _, sg = prefixed("valid whsec beside", "whsec_")
    bad = WHSEC_MISTAKES[mistake](payload, raw)
    sweep = Sweep(Secret("whsec payload", payload).with_raw(raw), sg)
    # Refused, or (url-safe base64 of bytes whose encoding has no - or _) accepted: swept either way.
    lenient = mistake == "url-safe base64"
    sweep.call(f"Webhook({mistake})", lambda: revtain.Webhook(bad), must_fail=not lenient)
    sweep.call(f"WebhookSigner({mistake})", lambda: revtain.WebhookSigner(bad), must_fail=not lenient)
    sweep.call(f"Webhook([valid, {mistake}])", lambda: revtain.Webhook([good, bad]), must_fail=not lenient)
    sweep.call(f"WebhookSigner([{mistake}, valid])", lambda: revtain.WebhookSigner([bad, good]),
               must_fail=not lenient)
    sweep.call(f"Webhook({mistake} as bytes)", lambda: revtain.Webhook(bad.encode()))
    sweep.call(f"Webhook([valid, {mistake} as bytes])", lambda: revtain.Webhook([good, bad.encode()]))
    sweep.check()


# --------------------------------------------------------------------------------- connectors


def test_connector_errors():
    whsec, _, sw = prefixed("connector whsec", "whsec_")
    hmac_raw = os.urandom(32)
    adyen_key = hmac_raw.hex().upper()
    user, password = "user_" + random_text(8), random_text(24)
    basic = f"{user}:{password}"
    wrong_password = random_text(24)
    wrong_basic = base64.b64encode(f"{user}:{wrong_password}".encode()).decode()
    shared = random_text(32)
    sweep = Sweep(
        sw,
        Secret("Adyen HMAC key", adyen_key).with_raw(hmac_raw),
        Secret("Chargebee password", password, base64.b64encode(basic.encode()).decode()),
        Secret("Chargebee credentials sent", wrong_password, wrong_basic),
        Secret("shared secret", shared),
    )
    t = now()
    body = b'{"id":"evt_1","type":"invoice.paid"}'
    zeros = "0" * 64
    zero_sig = base64.b64encode(bytes(32)).decode()
    standard = {"webhook-id": "msg_1", "webhook-timestamp": str(t), "webhook-signature": f"v1,{zero_sig}"}
    adyen_body = json.dumps({"live": "false", "notificationItems": [{"NotificationRequestItem": {
        "pspReference": "7914073381342284", "merchantAccountCode": "Acme", "merchantReference": "r1",
        "amount": {"value": 1130, "currency": "EUR"}, "eventCode": "AUTHORISATION", "success": "true",
        "additionalData": {"hmacSignature": zero_sig}}}]}).encode()
    auth = {"Authorization": f"Basic {wrong_basic}"}
    cases: list[tuple[str, str, Any, bytes, Any]] = [
        ("stripe wrong secret", "stripe", {"Stripe-Signature": f"t={t},v1={zeros}"}, body, whsec),
        ("standard wrong secret", "standard", standard, body, whsec),
        ("shopify wrong secret", "shopify", {"X-Shopify-Hmac-Sha256": zero_sig}, body, shared),
        ("gocardless wrong secret", "gocardless", {"Webhook-Signature": zeros}, body, shared.encode()),
        ("adyen wrong key", "adyen", {}, adyen_body, adyen_key),
        ("chargebee wrong password", "chargebee", auth, body, basic),
        ("chargebee wrong password, pairs", "chargebee", list(auth.items()), body, bytearray(basic.encode())),
        ("chargebee no Basic", "chargebee", {"Authorization": password}, body, basic),
        ("chargebee secret without a colon", "chargebee", auth, body, password),
        ("adyen secret not hex", "adyen", {}, adyen_body, whsec),
        ("standard secret not base64", "standard", standard, body, f"whsec_!{shared}"),
        ("stripe secret as the header", "stripe", {"Stripe-Signature": whsec}, body, whsec),
        ("shopify secret as the header", "shopify", {"X-Shopify-Hmac-Sha256": shared}, body, shared),
        ("standard secret as the signature", "standard", {**standard, "webhook-signature": whsec}, body,
         whsec),
        ("adyen key as the body", "adyen", {}, adyen_key.encode(), adyen_key),
        ("braintree secret as the body", "braintree", {}, shared.encode(), shared),
        # Unknown connector names: the secret given as the name (swapped arguments).
        ("whsec secret as the name", whsec, {"Stripe-Signature": f"t={t},v1={zeros}"}, body, "stripe"),
        ("shared secret as the name", shared, {}, body, shared),
        ("credentials as the name", basic, auth, body, "chargebee"),
    ]
    for what, name, headers, b, secret in cases:
        sweep.call(f"verify_connector({what})",
                   lambda name=name, headers=headers, b=b, secret=secret:
                   revtain.verify_connector(name, headers, b, secret, now=t))
    # Options given the secret (a misplaced argument), and a name that is the secret.
    sweep.call("verify_connector(tolerance = secret)",
               lambda: revtain.verify_connector("stripe", {}, body, whsec, tolerance=whsec))
    sweep.call("verify_connector(now = secret)",
               lambda: revtain.verify_connector("stripe", {}, body, whsec, now=whsec))
    sweep.call("verify_connector(secret as the name, bad tolerance)",
               lambda: revtain.verify_connector(whsec, {}, body, "stripe", tolerance=-1))
    sweep.call("verify_connector(secret as the name, require_timestamp)",
               lambda: revtain.verify_connector(whsec, {}, body, "stripe", require_timestamp=True))
    sweep.call("verify_connector(headers = secret)",
               lambda: revtain.verify_connector("stripe", whsec, body, whsec))
    sweep.call("verify_connector(body not bytes)", lambda: revtain.verify_connector("stripe", {}, 5, whsec))
    sweep.call("verify_connector(secret in a dict)",
               lambda: revtain.verify_connector("stripe", {}, body, {"k": whsec}))
    sweep.check()


# --------------------------------------------------------------------------------- card data


def test_card_update_links():
    secret, _, s = prefixed("cusec secret", "cusec_")
    sweep = Sweep(s)
    links = revtain.CardUpdateLinks(secret, "cli_acme", "https://pay.example.com/card?x=1", leeway=5)
    sweep.obj("CardUpdateLinks", links, secret_holder=True)
    t = now()
    token = links.token("cus_42", ttl=600, now=t)
    sweep.text("token", token)
    sweep.text("create", links.create("cus_42", ttl=600, return_url="https://shop.example.com/done", now=t))
    sweep.obj("CardUpdateClaims", links.verify(token, now=t))
    other, _, so = prefixed("other cusec secret", "cusec_")
    sweep.add(so)
    stranger = revtain.CardUpdateLinks(other, "cli_acme", "https://pay.example.com/card")
    sweep.call("verify(another secret)", lambda: stranger.verify(token, now=t))
    # The secret given as the token, URL, client id or a number (swapped or misplaced arguments).
    sweep.call("verify(secret as the token)", lambda: links.verify(secret, now=t))
    sweep.call("create(secret as the return_url)", lambda: links.create("cus_42", return_url=secret, now=t))
    sweep.call("create(ttl = secret)", lambda: links.create("cus_42", ttl=secret))
    sweep.call("new(secret as the base URL)", lambda: revtain.CardUpdateLinks(secret, "cli_acme", secret))
    sweep.call("new(client id and secret swapped)",
               lambda: revtain.CardUpdateLinks("cli_acme", secret, "https://pay.example.com/card"))
    # (A password without '/': one with it is test_card_update_base_url_credentials_with_a_slash_are_refused.)
    password = random_text(24)
    sweep.add(Secret("base URL password", password))
    sweep.call("new(secret in the base URL's userinfo)",
               lambda: revtain.CardUpdateLinks(secret, "cli_acme", f"https://u:{password}@pay.example.com/"))
    sweep.call("new(secret as the base URL's userinfo)",
               lambda: revtain.CardUpdateLinks(secret, "cli_acme", f"https://{password}@pay.example.com/"))
    sweep.call("new(leeway = secret)",
               lambda: revtain.CardUpdateLinks(secret, "cli_acme", "https://pay.example.com", leeway=secret))
    sweep.call("new(secret as bytes)",
               lambda: revtain.CardUpdateLinks(secret.encode(), "cli_acme", "https://pay.example.com"))
    sweep.check()


def test_card_update_base_url_credentials_with_a_slash_are_refused():
    secret, _, s = prefixed("cusec secret", "cusec_")
    password = random_text(12) + "/" + random_text(12)
    sweep = Sweep(s, Secret("base URL password", password, password[:12], password[13:]))
    sweep.call("CardUpdateLinks(base URL with u:pa/ss@)",
               lambda: revtain.CardUpdateLinks(secret, "cli_acme", f"https://u:{password}@pay.example.com/"))
    sweep.check()


CUSEC_MISTAKES: dict[str, Callable[[str, bytes], str]] = {
    "no prefix": lambda p, raw: p,
    "a webhook secret": lambda p, raw: "whsec_" + p,
    "31 bytes": lambda p, raw: "cusec_" + base64.b64encode(raw[:31]).decode(),
    "33 bytes": lambda p, raw: "cusec_" + base64.b64encode(raw + raw[:1]).decode(),
    "a '!' inside": lambda p, raw: "cusec_" + p[:10] + "!" + p[11:],
    "hex": lambda p, raw: "cusec_" + raw.hex(),
    "quoted": lambda p, raw: f'"cusec_{p}"',
}


@pytest.mark.parametrize("mistake", list(CUSEC_MISTAKES))
def test_card_update_secret_errors(mistake):
    raw = os.urandom(32)
    payload = base64.b64encode(raw).decode()
    bad = CUSEC_MISTAKES[mistake](payload, raw)
    sweep = Sweep(Secret("cusec payload", payload).with_raw(raw))
    sweep.call(f"CardUpdateLinks({mistake})",
               lambda: revtain.CardUpdateLinks(bad, "cli_acme", "https://pay.example.com/card"))
    sweep.check()


def test_pans_are_never_shown():
    pan, p = random_pan()
    spaced = f"{pan[:4]} {pan[4:8]} {pan[8:12]} {pan[12:]}"
    dashed = spaced.replace(" ", "-")
    sweep = Sweep(p)
    for text in (f"card {pan} exp 12/30", f"card {spaced}", f"card {dashed}", json.dumps({"number": pan}),
                 f"number={pan}&cvc=123", f"tok_{pan}"):
        sweep.text("redact_pans", revtain.redact_pans(text))
        sweep.text("redact_pans(bytes)", revtain.redact_pans(text.encode()))
        sweep.text("redact_pans(bytearray)", revtain.redact_pans(bytearray(text.encode())))
        sweep.value("find_pans", revtain.find_pans(text))
    for gateway in revtain.GATEWAYS:
        for token in (pan, spaced, dashed, f"tok_{pan}", f"pm_{pan}"):
            sweep.call(f"validate_gateway_token({gateway}, PAN)",
                       lambda gateway=gateway, token=token: revtain.validate_gateway_token(gateway, token))
    sweep.call("validate_gateway_token(PAN as the gateway)",
               lambda: revtain.validate_gateway_token(pan, "pm_1MqLiJLkdIwHu7ixUEgbFdYF"))
    sweep.call("validate_gateway_token(PAN, PAN)", lambda: revtain.validate_gateway_token(pan, pan))
    sweep.call("validate_gateway_token(spaced PAN as the gateway)",
               lambda: revtain.validate_gateway_token(spaced, "x"))
    sweep.call("validate_gateway_token(PAN as an int)",
               lambda: revtain.validate_gateway_token("stripe", int(pan)))
    secret, _, s = prefixed("cusec", "cusec_")
    sweep.add(s)
    sweep.call("CardUpdateLinks(PAN as the client id)",
               lambda: revtain.CardUpdateLinks(secret, pan, "https://pay.example.com/card"))
    links = revtain.CardUpdateLinks(secret, "cli_acme", "https://pay.example.com/card")
    t = now()
    sweep.call("create(PAN as the customer)", lambda: links.create(pan, ttl=600, now=t))
    sweep.call("token(spaced PAN as the customer)", lambda: links.token(spaced, ttl=600, now=t))
    sweep.call("ApiKey.parse(PAN)", lambda: revtain.ApiKey.parse(pan))
    # 32 digits are a valid key body: accepted, and its redacted form shows 4 + 4 digits only.
    sweep.call("ApiKey.parse(rev_ + PAN + PAN)", lambda: revtain.ApiKey.parse(f"rev_{pan}{pan}"),
               must_fail=False)
    whsec, _, ws = prefixed("whsec", "whsec_")
    sweep.add(ws)
    sweep.call("sign(PAN with a space as the event id)",
               lambda: revtain.WebhookSigner(whsec).sign(b"{}", spaced, t))
    sweep.check()


def test_a_pan_as_the_token_algorithm_is_not_shown():
    pan, p = random_pan()
    secret, _, _ = prefixed("cusec", "cusec_")
    links = revtain.CardUpdateLinks(secret, "cli_acme", "https://pay.example.com/card")
    header = base64.urlsafe_b64encode(json.dumps({"alg": pan, "typ": "JWT"}).encode()).decode().rstrip("=")
    sweep = Sweep(p)
    sweep.call("verify(token whose alg is a PAN)", lambda: links.verify(f"{header}.e30.AAAA"))
    sweep.check()


def test_a_pan_in_a_malformed_adyen_body_is_not_shown():
    pan, p = random_pan()
    body = json.dumps({"live": "false", "notificationItems": pan}).encode()
    sweep = Sweep(p)
    sweep.call("verify_connector(adyen, body with a PAN)",
               lambda: revtain.verify_connector("adyen", {}, body, os.urandom(32).hex()))
    sweep.check()


# --------------------------------------------------------------------------------- rate limiter


def redis_urls(pw: str, sock: str) -> list[str]:
    return [
        "redis://:hunter2@127.0.0.1:1/0",
        f"redis://alice:{pw}@127.0.0.1:1/0",
        f"redis://{pw}@127.0.0.1:1",
        f"rediss://alice:{pw}@127.0.0.1:1/0",
        f"redis://:hun?ter{pw}@127.0.0.1:1/0",
        f"redis://alice:hun?ter{pw}@127.0.0.1:1/0?db=1",
        f"redis://alice:{pw}#x@127.0.0.1:1/0",
        f"redis://alice:p@ss{pw}@127.0.0.1:1/0",
        # No `://`.
        f"alice:{pw}@127.0.0.1:1",
        f"redis:{pw}@127.0.0.1:1",
        f"{pw}@127.0.0.1:1",
        "127.0.0.1:1?password=hunter2",
        f"redis+unix://{sock}?pass={pw}",
        f"redis+unix://{sock}?db=0&password={pw}&user=u",
        f"redis://127.0.0.1:1/0?password={pw}",
    ]


@pytest.mark.parametrize("index", range(len(redis_urls("x", "/s"))))
def test_rate_limiter_redis_password(index, tmp_path):
    pw = random_text(20)
    url = redis_urls(pw, str(tmp_path / "none.sock"))[index]
    sweep = Sweep(Secret("hunter2", "hunter2"), Secret("Redis password", pw),
                  Secret("Redis password with ?", f"hun?ter{pw}", f"ter{pw}"))
    started = time.monotonic()
    for fail_open in (True, False):
        limiter = sweep.call(f"RateLimiter(fail_open={fail_open})",
                             lambda fail_open=fail_open: revtain.RateLimiter(
                                 redis_url=url, timeout=0.05, fail_open=fail_open),
                             must_fail=False)
        if isinstance(limiter, revtain.RateLimiter):
            sweep.obj(f"RateLimiter(fail_open={fail_open})", limiter, secret_holder=True)
            for i in range(2):
                sweep.obj(f"Decision #{i}", limiter.check("api-key-1"))
            sweep.call("ping()", limiter.ping)
            sweep.call("check(key = object)", lambda limiter=limiter: limiter.check(object()))
    sweep.call("RateLimiter(limit = URL)", lambda: revtain.RateLimiter(limit=url))
    sweep.call("RateLimiter(prefix = URL, too long)",
               lambda: revtain.RateLimiter(redis_url=url, prefix=url * 30))
    assert time.monotonic() - started < 20, "a Redis URL to 127.0.0.1:1 must not hang"
    sweep.check()


def test_rate_limiter_builds_lazily_with_a_password():
    limiter = revtain.RateLimiter(redis_url="redis://:hunter2@127.0.0.1:1/0", timeout=0.05)
    assert limiter.shared
    sweep = Sweep(Secret("hunter2", "hunter2"))
    sweep.obj("RateLimiter", limiter, secret_holder=True)
    sweep.obj("RateLimiter in memory", revtain.RateLimiter())
    sweep.check()


# --------------------------------------------------------------------------------- gateway client


def test_gateway_client_headers(server_503):
    token, s = gateway_token()
    token2, s2 = gateway_token()
    sweep = Sweep(s, s2)
    client = revtain.GatewayClient(server_503, policy=fast_policy(), timeout=2,
                                   headers={"Authorization": f"Bearer {token}", "X-Api-Key": token})
    sweep.obj("GatewayClient", client, secret_holder=True)
    e = sweep.call("request to a 503 server", lambda: client.request(
        "POST", "/v1/charges", body=b"amount=100",
        headers={"Stripe-Account": token2, "Authorization": f"Bearer {token2}"}))
    assert isinstance(e, revtain.GatewayError)
    assert e.response is not None and e.response.status == 503
    sweep.obj("error.response", e.response)
    refused = revtain.GatewayClient(f"http://127.0.0.1:{closed_port()}", policy=fast_policy(),
                                    headers={"Authorization": f"Bearer {token}"})
    sweep.obj("GatewayClient (refused port)", refused, secret_holder=True)
    sweep.call("request to a closed port", lambda: refused.request(
        "GET", "/v1/balance", headers={"Authorization": f"Bearer {token2}"}, idempotency_key=token2))
    sweep.check()


def test_gateway_invalid_requests():
    token, s = gateway_token()
    sweep = Sweep(s)
    bearer = f"Bearer {token}"
    api = "https://api.example.com"
    auth = "Authorization"
    builds: dict[str, Callable[[], Any]] = {
        "header value with a newline": lambda: revtain.GatewayClient(api, headers={auth: bearer + "\r\n"}),
        "header value with a NUL": lambda: revtain.GatewayClient(api, headers={auth: bearer + "\0"}),
        "header name is the secret": lambda: revtain.GatewayClient(api, headers={bearer: "x"}),
        "header value not a str": lambda: revtain.GatewayClient(api, headers={auth: bearer.encode()}),
        "secret as the base URL": lambda: revtain.GatewayClient(bearer, headers={"Authorization": bearer}),
        "token as the base URL": lambda: revtain.GatewayClient(token),
        "secret in the query": lambda: revtain.GatewayClient(f"{api}/?key={token}"),
        "secret in the fragment": lambda: revtain.GatewayClient(f"{api}/#{token}"),
        "plain http with the secret": lambda: revtain.GatewayClient(f"http://api.example.com/{token}/"),
        "client-wide idempotency key": lambda: revtain.GatewayClient(api, headers={"Idempotency-Key": token}),
        "framing header with the secret": lambda: revtain.GatewayClient(api, headers={"Host": token}),
        "timeout = secret": lambda: revtain.GatewayClient(api, timeout=token),
        "policy = secret": lambda: revtain.GatewayClient(api, policy=token),
    }
    for what, build in builds.items():
        sweep.call(f"GatewayClient({what})", build)
    client = revtain.GatewayClient(f"http://127.0.0.1:{closed_port()}", policy=fast_policy())
    newline = bearer + "\r\nX-Injected: 1"
    requests: dict[str, Callable[[], Any]] = {
        "secret as the method": lambda: client.request(token, "/v1/charges"),
        "Bearer as the method": lambda: client.request(bearer, "/v1/charges"),
        "secret as the path": lambda: client.request("GET", token),
        "secret in a path with a space": lambda: client.request("GET", bearer),
        "header value with a newline": lambda: client.request("GET", "/v1", headers={auth: newline}),
        "header name is the secret": lambda: client.request("GET", "/v1", headers={bearer: "x"}),
        "framing header with the secret": lambda: client.request(
            "GET", "/v1", headers={"Content-Length": token}),
        "idempotency key with a newline": lambda: client.request("POST", "/v1", idempotency_key=newline),
        "two idempotency keys": lambda: client.request(
            "POST", "/v1", headers={"Idempotency-Key": token}, idempotency_key="other"),
        "HEAD with a body": lambda: client.request("HEAD", "/v1", body=token, headers={auth: bearer}),
        "body not bytes": lambda: client.request("POST", "/v1", body={"secret": token}),
        "header value not a str": lambda: client.request("GET", "/v1", headers={"Authorization": 5}),
    }
    for what, req in requests.items():
        sweep.call(f"request({what})", req)
    sweep.check()


@pytest.mark.parametrize("where", ["GatewayClient", "request", "classify_attempt"])
@pytest.mark.parametrize("shape", ["the header value alone", "a list of pairs"])
def test_gateway_headers_of_another_shape_are_not_kept_by_the_error(shape, where):
    token, s = gateway_token()
    bearer = f"Bearer {token}"
    headers: Any = bearer if shape == "the header value alone" else [("Authorization", bearer)]
    calls: dict[str, Callable[[], Any]] = {
        "GatewayClient": lambda: revtain.GatewayClient("https://api.example.com", headers=headers),
        "request": lambda: revtain.GatewayClient(f"http://127.0.0.1:{closed_port()}").request(
            "GET", "/v1", headers=headers),
        "classify_attempt": lambda: revtain.classify_attempt(500, headers),
    }
    sweep = Sweep(s)
    sweep.call(f"{where}(headers = {shape})", calls[where])
    sweep.check()


def test_a_secret_given_in_the_wrong_place():
    """Secrets passed to a parameter of another type: the TypeErrors name the type, never the value."""
    whsec, _, ws = prefixed("whsec", "whsec_")
    pw = random_text(20)
    url = f"redis://:{pw}@127.0.0.1:1/0"
    token, gs = gateway_token()
    pan, p = random_pan()
    keyring = revtain.Keyring.generate()
    key = revtain.ApiKey.generate().expose_secret()
    cusec, _, cs = prefixed("cusec", "cusec_")
    sweep = Sweep(ws, Secret("Redis password", pw), gs, p, keyring_secret(keyring),
                  Secret("API key", key, key[4:]), cs)
    links = revtain.CardUpdateLinks(cusec, "cli_acme", "https://pay.example.com")
    calls: dict[str, Callable[[], Any]] = {
        "RateLimiter(REDIS_URL) (the URL as the limit)": lambda: revtain.RateLimiter(url),
        "RateLimiter(timeout = REDIS_URL)": lambda: revtain.RateLimiter(redis_url=url, timeout=url),
        "GatewayClient(url, 'Bearer …') (the header as the policy)": lambda: revtain.GatewayClient(
            "https://api.example.com", f"Bearer {token}"),
        "GatewayClient(url, timeout = token)": lambda: revtain.GatewayClient(
            "https://api.example.com", timeout=token),
        "Keyring.from_text(bytes)": lambda: revtain.Keyring.from_text(keyring.to_text().encode()),
        "keyring.seal(x, {k: bytes})": lambda: keyring.seal(b"x", {"k": whsec.encode()}),
        "keyring.seal(x, keyring text as the context)": lambda: keyring.seal(b"x", keyring.to_text()),
        "ApiKey.parse(bytes)": lambda: revtain.ApiKey.parse(key.encode()),
        "ApiKey.parse([key])": lambda: revtain.ApiKey.parse([key]),
        "links.create(PAN as an int)": lambda: links.create(int(pan)),
        "links.create(customer, PAN) (the PAN as the ttl)": lambda: links.create("cus_1", pan),
        "links.verify({token: secret})": lambda: links.verify({"token": whsec}),
        "signer.sign(body, {id: secret})": lambda: revtain.WebhookSigner(whsec).sign(b"{}", {"id": whsec}),
        "api_key.lookup_hash({pepper: secret})": lambda: revtain.ApiKey.generate().lookup_hash({"p": whsec}),
        "limiter.check(key, secret) (the secret as now)": lambda: revtain.RateLimiter().check("k", whsec),
        "webhook.verify_signature(body, header, secret) (as now)": lambda: revtain.Webhook(
            whsec).verify_signature(b"{}", "t=1", whsec),
        "validate_gateway_token('stripe', {number: PAN})": lambda: revtain.validate_gateway_token(
            "stripe", {"number": pan}),
        "request(POST, path, {form with a PAN}) (a dict body)": lambda: revtain.GatewayClient(
            f"http://127.0.0.1:{closed_port()}").request("POST", "/v1/charges", {"number": pan}),
        "verify_connector(name, headers, body, {secret})": lambda: revtain.verify_connector(
            "stripe", {}, b"{}", {"secret": whsec}),
    }
    for what, call in calls.items():
        sweep.call(what, call)
    sweep.check()


def base_urls(password: str, token: str, port: int) -> list[str]:
    return [
        f"https://user:{password}@api.example.com",
        f"https://:{password}@api.example.com/v1",
        f"https://{token}@api.example.com",
        f"https://{token}:@api.example.com",
        f"https://user:{password}@127.0.0.1:{port}",
        f"http://user:{password}@127.0.0.1:{port}",
        f"http://user:{password}@localhost:{port}/",
        f"https://user:p@ss{password}@api.example.com",
        f"https://user:{password}#x@api.example.com",
        f"https://user:{password}?x@api.example.com",
        f"https://user:{password}\\x@api.example.com",
        f"https://user:{password} x@api.example.com",
        f"https://user:{password}\n@api.example.com",
        f"HTTPS://user:{password}@api.example.com",
        f"user:{password}@api.example.com",
        f"//user:{password}@api.example.com",
        f"https:user:{password}@api.example.com",
        f"https://user%3A{password}@api.example.com",
        f"https://user:{password}%2Fx@api.example.com",
        f"https://api.example.com@user:{password}@evil.example.com",
    ]


def sweep_base_url(sweep: Sweep, url: str, token: str) -> None:
    """Builds a client for ``url`` and sweeps the refusal, or the client when it is accepted (a
    request is sent only to loopback, never to a name that would need DNS)."""
    client = sweep.call("GatewayClient(base URL)", lambda: revtain.GatewayClient(
        url, policy=fast_policy(), timeout=0.5, headers={"Authorization": f"Bearer {token}"}),
        must_fail=False)
    if isinstance(client, revtain.GatewayClient):
        sweep.obj("GatewayClient (accepted)", client, secret_holder=True)
        if "127.0.0.1" in url or "localhost" in url:
            sweep.call("request", lambda: client.request("GET", "/v1"))


@pytest.mark.parametrize("index", range(len(base_urls("p", "t", 1))))
def test_gateway_base_url_credentials(index):
    password = "pw" + random_text(20)
    token, s = gateway_token()
    sweep = Sweep(s, Secret("URL password", password))
    sweep_base_url(sweep, base_urls(password, token, closed_port())[index], token)
    sweep.check()


@pytest.mark.parametrize("shape", ["user:PW/x@", "PW/x@"])
def test_gateway_base_url_credentials_with_a_slash_are_refused(shape):
    password = "pw" + random_text(20)
    token, s = gateway_token()
    sweep = Sweep(s, Secret("URL password", password))
    sweep_base_url(sweep, f"https://{shape.replace('PW', password)}api.example.com", token)
    sweep.check()


def test_gateway_swapped_header_name_and_value_is_refused():
    token, s = gateway_token()
    sweep = Sweep(s)
    client = sweep.call("GatewayClient(header name and value swapped)", lambda: revtain.GatewayClient(
        "https://api.example.com", headers={token: "Authorization"}), must_fail=False)
    sweep.value("client", client)
    sweep.check()


def test_hex_helpers_agree():
    """The forms the scanner looks for are the ones Python itself writes."""
    raw = os.urandom(32)
    s = Secret("raw").with_raw(raw)
    assert binascii.hexlify(raw).decode() in s.forms
    assert find_leak(repr(raw), s) and find_leak(raw, s)
