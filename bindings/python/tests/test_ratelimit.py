"""revtain.RateLimiter in memory (docs/spec.md §2.6): bursts, exact waits, spaced requests, the rolling
window guarantee under generated arrival patterns, headers, keys, errors and threads.

Times are injected as unix seconds; generated ones are whole microseconds after T0, which a
double holds exactly enough to round back to the same microsecond."""

import math
import threading
import time
from collections import defaultdict, deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import revtain

T0 = 1_700_000_000


def at(us: int) -> float:
    return T0 + us / 1_000_000


def us(seconds: float) -> int:
    return round(seconds * 1_000_000)


class SlidingLog:
    """The the rule of docs/spec.md written out: admit at t when fewer than `limit` admissions of the key are
    in (t - window, t]; refusals are not counted. Integer microseconds."""

    def __init__(self, limit: int, window_us: int):
        self.limit, self.window = limit, window_us
        self.logs: dict[str, deque[int]] = defaultdict(deque)

    def check(self, key: str, now: int) -> tuple[bool, int, int, int]:
        log = self.logs[key]
        while log and now - log[0] >= self.window:
            log.popleft()
        allowed = len(log) < self.limit
        if allowed:
            log.append(max(now, log[-1]) if log else now)
        retry = 0 if allowed or not log else log[0] + self.window - now
        reset = log[-1] + self.window - now if log else 0
        return allowed, self.limit - len(log), retry, reset


# --- bursts, waits, spacing ---------------------------------------------------------------


def test_burst_of_limit_then_refused_until_the_oldest_leaves():
    limiter = revtain.RateLimiter(limit=5, window=10.0)
    for i in range(5):
        d = limiter.check("rev_burst", now=at(i))  # 5 requests within 5 µs
        assert d.allowed and bool(d) is True
        assert d.remaining == 4 - i
        assert d.retry_after == 0.0
    refused = limiter.check("rev_burst", now=at(2_500_000))
    assert not refused.allowed and bool(refused) is False
    assert refused.remaining == 0
    # The first admission (at T0) leaves the window at T0 + 10 s: 7.5 s from now, exactly.
    assert refused.retry_after == 7.5
    assert refused.reset_after == pytest.approx(7.500004, abs=1e-9)
    assert us(refused.reset_after) == 7_500_004
    assert not limiter.check("rev_burst", now=at(9_999_999)).allowed  # 1 µs early
    assert limiter.check("rev_burst", now=at(10_000_000)).allowed  # on time
    assert not limiter.check("rev_burst", now=at(10_000_000)).allowed  # only that one slot


def test_retry_after_is_exact_and_waiting_it_is_enough():
    limiter = revtain.RateLimiter(limit=3, window=60.0)
    for t in (0, 1_000_000, 2_000_000):
        assert limiter.check("k", now=at(t))
    now = at(13_250_000)
    refused = limiter.check("k", now=now)
    assert refused.retry_after == 46.75
    assert refused.reset_after == 48.75
    assert refused.at == now
    assert not limiter.check("k", now=now + refused.retry_after - 1e-6)
    assert limiter.check("k", now=now + refused.retry_after)


def test_spaced_at_the_rate_is_never_refused():
    limiter = revtain.RateLimiter()  # 60 per 60 s
    assert (limiter.limit, limiter.window) == (60, 60.0)
    decisions = [limiter.check("rev_steady", now=T0 + i) for i in range(600)]
    assert all(decisions)
    # Steady state: 60 in the window, the oldest leaving as the newest comes.
    assert decisions[-1].remaining == 0
    # And a request between two beats is refused: the rate is the limit.
    assert not limiter.check("rev_steady", now=T0 + 599.5)


def test_sixty_in_any_minute_not_more_with_a_burst_at_the_window_edge():
    # A token bucket with burst 60 admits 119 around a window edge; the sliding log admits 60.
    limiter = revtain.RateLimiter()
    admitted = [t for t in [T0 + 59.999] * 60 + [T0 + 60.0] * 60 + [T0 + 119.998] * 60
                if limiter.check("k", now=t)]
    assert admitted == [T0 + 59.999] * 60
    assert limiter.check("k", now=T0 + 119.999)  # exactly 60 s after the burst


# --- generated arrival patterns -----------------------------------------------------------

WINDOWS_US = [1_000, 250_000, 1_000_000, 1_500_000, 60_000_000]


@st.composite
def arrivals(draw):
    """(limit, window µs, [(key, now µs)]) with bursts, gaps at exactly W, W/L, W ± 1 µs and
    random ones, over a few keys; times never go back."""
    limit = draw(st.integers(1, 8))
    window = draw(st.sampled_from(WINDOWS_US))
    edges = [0, 0, 0, 1, window // limit, window - 1, window, window + 1, window // 2]
    gap = st.one_of(st.sampled_from(edges), st.integers(0, 2 * window))
    keys = st.sampled_from(["a", "b", "rev_c", "é"])
    steps = draw(st.lists(st.tuples(keys, gap), min_size=1, max_size=120))
    t, seq = 0, []
    for key, g in steps:
        t += g
        seq.append((key, t))
    return limit, window, seq


@settings(max_examples=300, deadline=None)
@given(arrivals())
def test_never_more_than_limit_in_any_rolling_window(case):
    limit, window, seq = case
    limiter = revtain.RateLimiter(limit=limit, window=window / 1_000_000)
    model = SlidingLog(limit, window)
    admitted = defaultdict(list)
    for key, t in seq:
        d = limiter.check(key, now=at(t))
        allowed, remaining, retry, reset = model.check(key, t)
        assert (d.allowed, d.remaining, us(d.retry_after), us(d.reset_after)) == \
            (allowed, remaining, retry, reset), (key, t)
        if d.allowed:
            admitted[key].append(t)
    # The guarantee itself, checked on the admissions alone: every window (s - W, s] that ends
    # at an admission s holds at most `limit` of them (the fullest windows end at one).
    for times in admitted.values():
        for i, s in enumerate(times):
            assert sum(1 for u in times[: i + 1] if s - u < window) <= limit


@settings(max_examples=200, deadline=None)
@given(limit=st.integers(1, 60), window=st.sampled_from(WINDOWS_US),
       extra=st.lists(st.integers(0, 3_000_000), min_size=1, max_size=80))
def test_requests_spaced_at_least_window_over_limit_are_never_refused(limit, window, extra):
    limiter = revtain.RateLimiter(limit=limit, window=window / 1_000_000)
    spacing = math.ceil(window / limit)
    t = 0
    for e in extra:
        assert limiter.check("rev_spaced", now=at(t)), t
        t += spacing + (e % (window + 1))


# --- headers ------------------------------------------------------------------------------


def test_headers_exact_values():
    limiter = revtain.RateLimiter(limit=2, window=60.0)
    first = limiter.check("k", now=T0 + 0.5)
    assert first.headers() == {
        "RateLimit-Policy": '"default";q=2;w=60',
        "RateLimit": '"default";r=1;t=60',
        "X-RateLimit-Limit": "2",
        "X-RateLimit-Remaining": "1",
        "X-RateLimit-Reset": "1700000061",
    }
    assert first.reset_at == 1700000061
    limiter.check("k", now=T0 + 1.0)
    refused = limiter.check("k", now=T0 + 1.2)
    assert refused.headers() == {
        "RateLimit-Policy": '"default";q=2;w=60',
        "RateLimit": '"default";r=0;t=60',
        "X-RateLimit-Limit": "2",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": "1700000061",
        "Retry-After": "60",  # 59.3 s, rounded up
    }
    assert list(refused.headers()) == ["RateLimit-Policy", "RateLimit", "X-RateLimit-Limit",
                                       "X-RateLimit-Remaining", "X-RateLimit-Reset",
                                       "Retry-After"]
    # A wait of a fraction of a second is still "Retry-After: 1", never 0.
    almost = limiter.check("k", now=T0 + 60.4)
    assert not almost and almost.retry_after == pytest.approx(0.1)
    assert almost.headers()["Retry-After"] == "1"


def test_decision_fields_and_repr():
    limiter = revtain.RateLimiter(limit=1, window=1.5)
    d = limiter.check("rev_secretsecret", now=T0 + 0.25)
    assert (d.allowed, d.limit, d.remaining, d.retry_after, d.reset_after, d.window) == \
        (True, 1, 0, 0.0, 1.5, 1.5)
    assert d.at == T0 + 0.25 and d.reset_at == T0 + 2 and d.store_error is None
    assert repr(d) == ("Decision(allowed=True, limit=1, remaining=0, retry_after=0.0, "
                       "reset_after=1.5)")
    r = limiter.check("rev_secretsecret", now=T0 + 1.0)
    assert repr(r) == ("Decision(allowed=False, limit=1, remaining=0, retry_after=0.75, "
                       "reset_after=0.75)")
    with pytest.raises(TypeError):
        revtain.Decision()
    with pytest.raises(AttributeError):
        d.allowed = False
    assert repr(limiter) == "RateLimiter(limit=1, window=1.5, store='memory')"
    assert "secret" not in repr(limiter)


def test_now_defaults_to_the_clock():
    limiter = revtain.RateLimiter(limit=2, window=60.0)
    before = time.time()
    d = limiter.check("k")
    assert before - 1e-3 <= d.at <= time.time() + 1e-3
    assert d.reset_at == math.ceil(d.at + 60)
    assert limiter.check("k") and not limiter.check("k")


# --- keys ---------------------------------------------------------------------------------


def test_str_bytes_bytearray_memoryview_keys_are_one_key():
    limiter = revtain.RateLimiter(limit=4, window=60.0)
    key = "rev_clé"
    forms = [key, key.encode(), bytearray(key.encode()), memoryview(key.encode())]
    assert [limiter.check(k, now=T0).remaining for k in forms] == [3, 2, 1, 0]
    assert not limiter.check(key.encode(), now=T0)
    assert limiter.check("rev_cle", now=T0)  # another key
    assert limiter.tracked_keys() == 2
    with pytest.raises(TypeError):
        limiter.check(42)  # type: ignore[arg-type]


def test_key_length_limits():
    limiter = revtain.RateLimiter(limit=1, window=1.0)
    assert limiter.check("k" * 1024, now=T0)
    assert limiter.check(b"\x00" * 1024, now=T0)
    for bad in ["", b"", "k" * 1025, b"\xff" * 1025, "é" * 513]:  # "é" * 513: 1026 UTF-8 bytes
        with pytest.raises(revtain.RateLimitInvalidKey) as exc:
            limiter.check(bad, now=T0)
        e = exc.value
        assert e.code == "REVTAIN_RESULT_RATE_LIMIT_INVALID_KEY"
        assert isinstance(e, ValueError) and isinstance(e, revtain.RateLimitError)
        assert isinstance(e, revtain.RevtainError)
        assert "kkkk" not in str(e) and "éé" not in str(e)


def test_idle_keys_are_evicted():
    limiter = revtain.RateLimiter(limit=5, window=60.0)
    for i in range(1000):
        limiter.check(f"rev_{i}", now=at(i))
    assert limiter.tracked_keys() == 1000
    assert limiter.evict_idle(now=at(59_000_000)) == 0
    assert limiter.evict_idle(now=at(60_000_500)) == 501
    assert limiter.tracked_keys() == 499
    assert limiter.evict_idle() == 499  # by the clock, long after T0
    assert limiter.tracked_keys() == 0
    with pytest.raises(ValueError):
        limiter.evict_idle(now=-1.0)


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize("kwargs", [
    {"limit": 0}, {"limit": -1}, {"limit": 1_000_001}, {"limit": 2**40},
    {"window": 0.0}, {"window": -1.0}, {"window": 0.0009}, {"window": 366 * 86400 + 1},
    {"window": math.nan}, {"window": math.inf},
    {"redis_url": "redis://127.0.0.1:1/", "timeout": 0.0},
    {"redis_url": "redis://127.0.0.1:1/", "timeout": -0.5},
    {"redis_url": "redis://127.0.0.1:1/", "timeout": math.nan},
    {"redis_url": "redis://127.0.0.1:1/", "prefix": "p" * 257},
    {"redis_url": "not a url"},
    {"redis_url": "http://127.0.0.1:6379/"},
], ids=repr)
def test_invalid_config(kwargs):
    with pytest.raises(revtain.RateLimitInvalidConfig) as exc:
        revtain.RateLimiter(**kwargs)
    e = exc.value
    assert e.code == "REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG"
    assert isinstance(e, ValueError) and isinstance(e, revtain.RateLimitError)
    assert str(e).startswith("invalid rate limiter configuration: ")


def test_boundary_configs_are_accepted():
    assert revtain.RateLimiter(limit=1_000_000, window=0.001).limit == 1_000_000
    assert revtain.RateLimiter(limit=1, window=366 * 86400).window == 366 * 86400.0
    assert revtain.RateLimiter(window=1).window == 1.0  # an int is seconds too


def test_malformed_url_error_hides_the_password():
    with pytest.raises(revtain.RateLimitInvalidConfig) as exc:
        revtain.RateLimiter(redis_url="redis://admin:hunter2@host:notaport/")
    assert "hunter2" not in str(exc.value)


@pytest.mark.parametrize("now", [-1.0, math.nan, math.inf, -math.inf, 1e300])
def test_bad_now_is_a_value_error(now):
    limiter = revtain.RateLimiter()
    with pytest.raises(ValueError, match="now must be unix seconds"):
        limiter.check("k", now=now)
    assert limiter.tracked_keys() == 0


def test_memory_store_ping_and_properties():
    limiter = revtain.RateLimiter(limit=7, window=2.5)
    assert limiter.ping() is None
    assert (limiter.limit, limiter.window, limiter.shared) == (7, 2.5, False)
    assert limiter.tracked_keys() == 0
    with pytest.raises(AttributeError):
        limiter.limit = 8


# --- threads ------------------------------------------------------------------------------


def test_threads_hammering_one_key_admit_exactly_the_limit():
    limiter = revtain.RateLimiter(limit=60, window=60.0)
    counts = [0] * 8
    barrier = threading.Barrier(len(counts))

    def worker(i):
        barrier.wait()
        for _ in range(500):
            if limiter.check("rev_hot", now=T0 + 1.0):
                counts[i] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(counts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(counts) == 60
    assert not limiter.check("rev_hot", now=T0 + 1.0)
