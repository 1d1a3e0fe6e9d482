"""tests/vectors/arguments.json: the same arguments give the same code and message here as in
Rust, C and Node.js. Header cases run in every container Python servers hand over."""

from __future__ import annotations

import math

import pytest
from starlette.datastructures import Headers as StarletteHeaders
from werkzeug.datastructures import Headers as WerkzeugHeaders

import revtain
from conftest import load_vectors

V = load_vectors("arguments.json")
CARD_SECRET = V["card_update_secret"]
SPECIAL = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def num(case: dict, name: str):
    v = case.get(name)
    return SPECIAL.get(v, v) if isinstance(v, str) else v


def containers(pairs: list[list[str]]):
    """Every container Python servers hand headers over in that can hold `pairs` as they are,
    and, when a name repeats, the joined form of servers that fold repeats into one value."""
    out = [("pairs", [tuple(p) for p in pairs]), ("werkzeug", WerkzeugHeaders(pairs)),
           ("starlette", StarletteHeaders(raw=[(n.lower().encode(), v.encode()) for n, v in pairs]))]
    if len({n for n, _ in pairs}) == len(pairs):
        out.append(("dict", dict(pairs)))
    return out


def joined(pairs: list[list[str]]):
    """A dict as a server that folds a repeated header into one value would give it, or None."""
    folded: dict[str, list[str]] = {}
    for n, v in pairs:
        folded.setdefault(n.lower(), []).append(v)
    if all(len(v) == 1 for v in folded.values()):
        return None
    return {n: ", ".join(v) for n, v in folded.items()}


def call(case: dict, headers=None):
    c = case["call"]
    if c == "webhook.new":
        w = revtain.Webhook(case["secret"], tolerance=num(case, "tolerance"))
        return {"tolerance": w.tolerance}
    if c == "webhook.verify_signature":
        webhook = revtain.Webhook(case["secret"])
        t = webhook.verify_signature(case["body"], case["header"], now=num(case, "now"))
        return {"timestamp": t}
    if c == "webhook.verify":
        e = revtain.Webhook(case["secret"]).verify(case["body"], headers, now=num(case, "now"))
        return {"id": e.id, "type": e.type, "created": e.created}
    if c == "webhook.sign":
        h = revtain.WebhookSigner(case["secret"]).sign(case["body"], case["event_id"], num(case, "timestamp"))
        return {"signature": h["X-Revtain-Signature"]}
    if c == "connector.verify":
        e = revtain.verify_connector(case["connector"], headers, case["body"], case["secret"],
                                     tolerance=num(case, "tolerance"), now=num(case, "now"))
        return {"timestamp": e.timestamp}
    if c in ("ratelimit.new", "ratelimit.check"):
        lim = revtain.RateLimiter(limit=num(case, "limit"), window=num(case, "window"),
                                  timeout=num(case, "timeout"))
        if c == "ratelimit.new":
            return {"limit": lim.limit, "window": lim.window}
        return {"allowed": lim.check(case["key"], now=num(case, "now")).allowed}
    if c in ("retry.policy", "retry.delay"):
        p = revtain.RetryPolicy(base=num(case, "base"), cap=num(case, "cap"),
                                max_attempts=num(case, "max_attempts"), deadline=num(case, "deadline"),
                                jitter=case.get("jitter"))
        if c == "retry.delay":
            return {"delay": p.delay(num(case, "n"), 0.5)}
        return {"base": p.base, "cap": p.cap, "max_attempts": p.max_attempts, "deadline": p.deadline,
                "jitter": p.jitter}
    if c == "gateway.client":
        client = revtain.GatewayClient("https://api.example.com", timeout=num(case, "timeout"))
        return {"timeout": client.timeout}
    if c in ("card.links", "card.create"):
        links = revtain.CardUpdateLinks(CARD_SECRET, "cli_args", "https://pay.example.com/card",
                                        leeway=num(case, "leeway"))
        if c == "card.create":
            links.create("cus_args", ttl=num(case, "ttl"), now=num(case, "now"))
        return {}
    raise AssertionError(f"unknown call {c}")


def expect(case: dict, thunk, message=None):
    want = case.get("error")
    if want is None:
        got = thunk()
        assert {k: got[k] for k in case["ok"]} == case["ok"]
        return
    with pytest.raises(revtain.RevtainError) as info:
        thunk()
    assert info.value.code == want["code"]
    assert str(info.value) == (message or want["message"])
    assert isinstance(info.value, revtain._errors.BY_CODE[want["code"]])


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in V["cases"]])
def test_same_code_and_message_as_every_surface(case):
    if "python" in case.get("skip", {}):
        pytest.skip(case["skip"]["python"])  # the vector says why this case has no Python form
    if "headers" not in case:
        expect(case, lambda: call(case))
        return
    for name, headers in containers(case["headers"]):
        try:
            expect(case, lambda h=headers: call(case, h))
        except AssertionError as e:
            raise AssertionError(f"container {name}: {e}") from e
    folded = joined(case["headers"])
    if folded is not None:
        expect(case, lambda: call(case, folded), message=case["joined_message"])
