"""revtain.RateLimiter with its Redis store, against the redis-server that conftest.py starts for
the session (these tests fail without redis-server, unless REVTAIN_SKIP_REDIS=1): limiters
sharing a Redis enforce one limit, decide exactly as the in-memory store does, decide in-process
by the same limit (failing open) or refuse (failing closed) when Redis is down and use Redis
again when it is back, report a timeout as one, never show a password, and release the GIL
while they wait."""

import itertools
import socket
import threading
import time
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import revtain
from conftest import free_port

T0 = 1_700_000_000


def prefix() -> str:
    """A fresh key prefix: every test (and generated example) starts from empty counts."""
    return f"test:{uuid.uuid4().hex[:12]}:"


def snapshot(d: revtain.Decision):
    return (d.allowed, d.limit, d.remaining, d.retry_after, d.reset_after, d.window, d.at,
            d.reset_at, d.store_error, d.headers())


def test_two_limiters_sharing_redis_enforce_one_limit(redis_server):
    p = prefix()
    a = revtain.RateLimiter(redis_url=redis_server.url, prefix=p)
    b = revtain.RateLimiter(redis_url=redis_server.url, prefix=p)
    assert a.shared and b.shared and a.tracked_keys() is None
    decisions = [(a if i % 2 == 0 else b).check("rev_shared_key") for i in range(100)]
    assert [d.store_error for d in decisions] == [None] * 100
    assert sum(map(bool, decisions)) == 60
    assert all(decisions[:60]) and not any(decisions[60:])
    assert [d.remaining for d in decisions[:60]] == list(range(59, -1, -1))
    refused = decisions[-1]
    assert 0 < refused.retry_after <= 60 and "Retry-After" in refused.headers()
    # Redis TIME is the clock when no time is given.
    assert abs(decisions[0].at - time.time()) < 5
    # Another prefix is another limit.
    assert revtain.RateLimiter(redis_url=redis_server.url, prefix=prefix()).check("rev_shared_key")


def test_threads_on_two_limiters_admit_exactly_the_limit(redis_server):
    p = prefix()
    limiters = [revtain.RateLimiter(redis_url=redis_server.url, prefix=p, timeout=2.0)
                for _ in range(2)]
    counts = [0] * 8
    errors = []
    barrier = threading.Barrier(len(counts))

    def worker(i):
        barrier.wait()
        for _ in range(25):
            d = limiters[i % 2].check("rev_hot")
            if d.store_error:
                errors.append(d.store_error)
            counts[i] += d.allowed

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(counts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(counts) == 60


ADVERSARIAL = [0, 0, 1, 2, 3, 9_999_999, 10_000_000, 10_000_000, 10_000_001, 12_000_000,
               19_999_999, 20_000_001, 40_000_000, 40_000_000, 40_000_000, 40_000_000]


def test_same_decisions_as_memory_for_an_adversarial_sequence(redis_server):
    r = revtain.RateLimiter(limit=3, window=10.0, redis_url=redis_server.url, prefix=prefix())
    m = revtain.RateLimiter(limit=3, window=10.0)
    for t in ADVERSARIAL:
        now = T0 + t / 1e6
        for key in ("rev_k", b"rev_k2"):
            assert snapshot(r.check(key, now=now)) == snapshot(m.check(key, now=now)), (key, t)
    # The clock stepping back: admissions stay in order in both stores.
    for t in (100_000_000, 70_000_000, 150_000_000, 160_000_000, 160_000_000):
        now = T0 + t / 1e6
        assert snapshot(r.check("rev_back", now=now)) == snapshot(m.check("rev_back", now=now))


@st.composite
def sequences(draw):
    """(limit, window µs, [(key, now µs)]) with gaps at the window's edges. Windows of a second or
    more: Redis expires a key a window after its newest admission in *real* time, so an injected
    clock must not fall a whole window behind the real one during the test."""
    limit = draw(st.integers(1, 5))
    window = draw(st.sampled_from([1_000_000, 2_500_000, 60_000_000]))
    gaps = [0, 0, 1, 999, window // limit, window // 2, window - 1, window, window + 1]
    steps = draw(st.lists(st.tuples(st.sampled_from(["a", "b", "rev_c"]), st.sampled_from(gaps)),
                          min_size=1, max_size=40))
    t, seq = 0, []
    for key, gap in steps:
        t += gap
        seq.append((key, t))
    return limit, window, seq


@settings(max_examples=40, deadline=None)
@given(sequences())
def test_same_decisions_as_memory_for_generated_sequences(redis_server, case):
    limit, window_us, seq = case
    r = revtain.RateLimiter(limit=limit, window=window_us / 1e6, redis_url=redis_server.url,
                            prefix=prefix())
    m = revtain.RateLimiter(limit=limit, window=window_us / 1e6)
    for key, t in seq:
        now = T0 + t / 1e6
        assert snapshot(r.check(key, now=now)) == snapshot(m.check(key, now=now)), (key, t)


def test_redis_holds_only_hashed_keys_that_expire(redis_server):
    p = prefix()
    limiter = revtain.RateLimiter(limit=5, window=2.0, redis_url=redis_server.url, prefix=p)
    assert limiter.check("rev_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX")
    with redis_server.connect() as conn:
        redis_server.send(conn, "KEYS", p + "*")
        time.sleep(0.05)
        listing = conn.recv(65536)
    assert listing.startswith(b"*1\r\n$%d\r\n" % (len(p) + 32)), listing
    assert b"rev_" not in listing
    key = listing.split(b"\r\n")[2].decode()
    ttl = int(redis_server.command("PTTL", key)[1:].strip())
    assert 2000 < ttl <= 3000  # the window plus one second of slack


def test_ping(redis_server):
    assert revtain.RateLimiter(redis_url=redis_server.url).ping() is None


@pytest.fixture()
def dead_url():
    return f"redis://127.0.0.1:{free_port()}/"


def test_unreachable_redis_falls_back_to_the_same_limit_in_process(dead_url):
    """Failing open (the default) is never unlimited: while Redis cannot be reached the limiter
    decides in-process by the same policy, exactly as an in-memory limiter would, and says so."""
    limiter = revtain.RateLimiter(limit=2, window=10.0, redis_url=dead_url, timeout=0.2)
    memory = revtain.RateLimiter(limit=2, window=10.0)
    decisions = []
    for t in (0, 1, 2, 5, 10, 10.5, 11):
        d = limiter.check("rev_k", now=T0 + t)
        assert "failing open: decided in-process" in d.store_error, d.store_error
        assert "cannot connect to Redis" in d.store_error
        m = memory.check("rev_k", now=T0 + t)
        assert snapshot(d)[:-2] == snapshot(m)[:-2] and d.headers() == m.headers(), t
        decisions.append(bool(d))
    assert decisions == [True, True, False, False, True, False, True]
    assert "Retry-After" in limiter.check("rev_k", now=T0 + 11).headers()
    assert "store_error=" in repr(d) and "in-process" in repr(d)
    # The in-process keys are swept like an in-memory limiter's.
    assert limiter.evict_idle(now=T0 + 30) == 1


def test_unreachable_redis_fails_closed_when_asked(dead_url):
    limiter = revtain.RateLimiter(redis_url=dead_url, fail_open=False, timeout=0.2)
    d = limiter.check("rev_k")
    assert not d.allowed and not bool(d)
    assert "failing closed" in d.store_error
    assert d.headers()["Retry-After"] == "1"
    assert d.remaining == 0


def test_ping_raises_when_unreachable(dead_url):
    limiter = revtain.RateLimiter(redis_url=dead_url, timeout=0.2)
    with pytest.raises(revtain.RateLimitStoreUnavailable) as exc:
        limiter.ping()
    e = exc.value
    assert e.code == "REVTAIN_RESULT_RATE_LIMIT_STORE_UNAVAILABLE"
    assert isinstance(e, revtain.RateLimitError) and not isinstance(e, ValueError)
    assert dead_url.rstrip("/") in str(e)


@pytest.fixture(scope="module")
def alice(redis_server):
    """A Redis user with a password, added by ACL (the default user stays passwordless)."""
    password = "s3cr3t-" + uuid.uuid4().hex
    assert redis_server.command("ACL", "SETUSER", "alice", "on", f">{password}", "~*",
                                "+@all") == b"+OK\r\n"
    return password


def test_passwords_never_shown(redis_server, alice):
    good = f"redis://alice:{alice}@127.0.0.1:{redis_server.port}/"
    limiter = revtain.RateLimiter(redis_url=good, prefix=prefix())
    assert alice not in repr(limiter) and "alice:****@" in repr(limiter)
    d = limiter.check("rev_k")
    assert d.allowed and d.store_error is None and d.remaining == 59
    limiter.ping()

    wrong = "wrong-" + alice
    for url in [
        f"redis://alice:{wrong}@127.0.0.1:{redis_server.port}/",  # refused by Redis
        f"redis://alice:{wrong}@127.0.0.1:{free_port()}/",  # nothing listening
        f"redis+unix://{redis_server.unix_socket}?user=alice&pass={wrong}",
        f"redis+unix:///nonexistent/redis.sock?db=0&pass={wrong}",
    ]:
        limiter = revtain.RateLimiter(redis_url=url, fail_open=False, timeout=0.5)
        assert wrong not in repr(limiter), url
        d = limiter.check("rev_k")
        assert not d.allowed and d.store_error, url
        assert wrong not in d.store_error and "****" in d.store_error, d.store_error
        assert wrong not in repr(d)
        with pytest.raises(revtain.RateLimitStoreUnavailable) as exc:
            limiter.ping()
        assert wrong not in str(exc.value) and "****" in str(exc.value)


def test_passwords_never_shown_whatever_the_url_shape():
    """The shapes the first redaction missed: a password holding `?` and a URL without `://`.
    The ones that do not parse fail with the URL in the message, masked; the one that parses
    (its host is what precedes the `?`) shows it masked in repr(), store_error and ping()."""
    secret = "hunter2"
    for url in [f"redis://alice:pa?ss-{secret}@127.0.0.1:6379/0", f"alice:{secret}@127.0.0.1:6379",
                f"redis:{secret}@127.0.0.1:6379", f"{secret}@127.0.0.1:6379"]:
        with pytest.raises(revtain.RateLimitInvalidConfig) as exc:
            revtain.RateLimiter(redis_url=url)
        message = str(exc.value)
        assert secret not in message and "ss-" not in message and "****" in message, message
    url = f"redis://127.0.0.1:{free_port()}?{secret}@elsewhere/"
    limiter = revtain.RateLimiter(redis_url=url, timeout=0.2)
    assert repr(limiter) == ("RateLimiter(limit=60, window=60.0, store='redis', "
                             "redis_url='redis://127.0.0.1:****@elsewhere/', "
                             "prefix='revtain:rl:', fail_open=True)")
    d = limiter.check("rev_k")
    assert secret not in d.store_error and secret not in repr(d) and "****" in d.store_error
    with pytest.raises(revtain.RateLimitStoreUnavailable) as exc:
        limiter.ping()
    assert secret not in str(exc.value) and "****" in str(exc.value)


def test_a_timeout_is_reported_as_one(redis_server):
    """Redis holds every client for 0.6 s (CLIENT PAUSE): a check with a 0.1 s timeout says
    that Redis did not answer in time (not "os error 11") and is decided in-process."""
    limiter = revtain.RateLimiter(limit=5, redis_url=redis_server.url, prefix=prefix(),
                                  timeout=0.1)
    assert limiter.check("rev_k").store_error is None
    assert redis_server.command("CLIENT", "PAUSE", "600") == b"+OK\r\n"
    try:
        d = limiter.check("rev_k")
        assert "the Redis store did not answer within 100 ms" in d.store_error, d.store_error
        assert "os error" not in d.store_error
        assert d.allowed and "decided in-process" in d.store_error
    finally:
        time.sleep(0.7)
    assert limiter.check("rev_k").store_error is None


def test_redis_restarted_falls_back_in_process_then_recovers(tmp_path):
    """A redis-server of this test's own, killed and started again on the same port: meanwhile
    the limiter decides in-process by the same limit; within about a second of Redis coming
    back (the limiter waits RECONNECT_INTERVAL, 1 s, between connection attempts) its decisions
    are Redis's again."""
    import os
    import shutil
    import subprocess

    if os.environ.get("REVTAIN_SKIP_REDIS") == "1":
        pytest.skip("REVTAIN_SKIP_REDIS=1: Redis tests skipped on purpose")
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.fail("redis-server is needed for the rate limiter's Redis tests", pytrace=False)
    port = free_port()

    def start():
        proc = subprocess.Popen([exe, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                                 "--appendonly", "no", "--dir", str(tmp_path)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return proc
            except OSError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.005)

    proc = start()
    try:
        limiter = revtain.RateLimiter(limit=3, window=60.0, redis_url=f"redis://127.0.0.1:{port}/")
        assert [limiter.check("rev_k").store_error for _ in range(2)] == [None, None]
        proc.kill()
        proc.wait()
        during = [limiter.check("rev_k") for _ in range(5)]
        assert all("decided in-process" in d.store_error for d in during)
        # This process's own limit, counted from the outage on: 3 admitted, then refusals.
        assert [bool(d) for d in during] == [True, True, True, False, False]
        proc = start()
        back = time.monotonic()
        for _ in range(300):  # bounded: 3 s of 10 ms steps
            d = limiter.check("rev_k")
            if d.store_error is None:
                break
            time.sleep(0.01)
        recovery = time.monotonic() - back
        assert d.store_error is None, d.store_error
        assert recovery < 1.5, f"Redis's decisions again {recovery:.3f} s after it came back"
        # Redis came back empty (no persistence): its count starts again.
        assert d.allowed and d.remaining == 2
    finally:
        proc.kill()
        proc.wait()


def test_unix_socket_with_a_password_in_the_query(redis_server, alice):
    url = f"redis+unix://{redis_server.unix_socket}?user=alice&pass={alice}"
    limiter = revtain.RateLimiter(limit=2, redis_url=url, prefix=prefix())
    assert alice not in repr(limiter) and "pass=****" in repr(limiter)
    assert [bool(limiter.check("k")) for _ in range(3)] == [True, True, False]


def test_the_gil_is_released_while_redis_answers(redis_server):
    """Redis is made to hold every client for 0.3 s (CLIENT PAUSE from another connection; DEBUG
    SLEEP is disabled by default since Redis 7) while a thread checks a key: the check waits for
    Redis the whole time, and the main thread keeps running Python meanwhile, which it could not
    if the check held the GIL."""
    limiter = revtain.RateLimiter(redis_url=redis_server.url, prefix=prefix(), timeout=3.0)
    assert limiter.check("warm-up").store_error is None  # connected, script loaded
    span, decided = [], []

    def check():
        start = time.perf_counter()
        decided.append(limiter.check("rev_k"))
        span.extend([start, time.perf_counter()])

    assert redis_server.command("CLIENT", "PAUSE", "300") == b"+OK\r\n"
    thread = threading.Thread(target=check)
    ticks = []
    thread.start()
    while thread.is_alive():
        sum(range(1000))  # pure Python work, which needs the GIL
        ticks.append(time.perf_counter())
    thread.join()
    assert decided[0].allowed and decided[0].store_error is None
    start, end = span
    assert end - start >= 0.2, "Redis did not hold the check"
    # The main thread ran Python all along the check, never stalled for long.
    during = [start] + [t for t in ticks if start < t < end] + [end]
    assert len(during) > 100, f"{len(during) - 2} steps of the main thread in {end - start:.3f} s"
    longest_stall = max(b - a for a, b in itertools.pairwise(during))
    assert longest_stall < 0.1, f"the main thread stalled {longest_stall:.3f} s"
