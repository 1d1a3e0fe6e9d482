"""tests/vectors/ratelimit.json through the Python surface: every decision and its headers, key
and configuration errors. Times are unix-second floats read to the nearest microsecond."""

import pytest

import revtain
from conftest import cases, load_vectors

V = load_vectors("ratelimit.json")


def us(seconds: float) -> int:
    return round(seconds * 1_000_000)


@pytest.mark.parametrize("case", cases("ratelimit.json", "cases"))
def test_decisions(case):
    limiter = revtain.RateLimiter(limit=case["limit"], window=case["window"])
    for i, r in enumerate(case["requests"]):
        # The same key as str and as its UTF-8 bytes, alternately: they are one key.
        key = r["key"] if i % 2 == 0 else r["key"].encode()
        d = limiter.check(key, now=r["now"])
        got = (d.allowed, d.remaining, us(d.retry_after), us(d.reset_after), d.headers())
        want = (r["allowed"], r["remaining"], us(r["retry_after"]), us(r["reset_after"]),
                r["headers"])
        assert got == want, f"request {i}"
        assert list(d.headers()) == list(r["headers"]), "header order"
        assert bool(d) is r["allowed"]
        assert d.limit == case["limit"] and d.window == case["window"]
        assert d.store_error is None


@pytest.mark.parametrize("err", V["errors"], ids=lambda e: f"key_len_{len(e['key'])}")
def test_key_errors(err):
    limiter = revtain.RateLimiter(limit=1, window=1.0)
    with pytest.raises(revtain.RateLimitInvalidKey) as exc:
        limiter.check(err["key"])
    assert exc.value.code == err["error"]
    assert isinstance(exc.value, ValueError) and isinstance(exc.value, revtain.RateLimitError)
    assert err["key"][:20] not in str(exc.value) or err["key"] == ""


@pytest.mark.parametrize("cfg", V["config_errors"], ids=lambda c: f"{c['limit']}_per_{c['window']}")
def test_config_errors(cfg):
    with pytest.raises(revtain.RateLimitInvalidConfig) as exc:
        revtain.RateLimiter(limit=cfg["limit"], window=cfg["window"])
    assert exc.value.code == "REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG"
