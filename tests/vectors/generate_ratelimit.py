#!/usr/bin/env python3
"""Generates tests/vectors/ratelimit.json (docs/spec.md §2.6).

Independent of the Rust code: a plain Python sliding log implements the rule as docs/spec.md and
docs/ratelimit.md state it -- a request for a key at time t is admitted when fewer than `limit`
requests of that key were admitted in (t - window, t] -- and the headers of
draft-ietf-httpapi-ratelimit-headers and the X-RateLimit-* convention, every duration in whole
seconds rounded up. Times are whole microseconds; in the file they are unix seconds with at most
six decimals, which every binding must read to the nearest microsecond. Arrival sequences are
fixed or derived from SHA-256 of fixed labels, so the output never changes unless this file does.

    python3 tests/vectors/generate_ratelimit.py          # rewrite the vector file
    python3 tests/vectors/generate_ratelimit.py --check  # fail if the committed file differs
"""

from pathlib import Path

from vectorlib import derived, write_or_check  # this folder (the script's own directory is on sys.path)

OUT = Path(__file__).with_name("ratelimit.json")
T0 = 1_700_000_000_000_000  # µs
US = 1_000_000


def ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def seconds(us: int) -> float:
    """µs as seconds; exact to the microsecond once rounded back."""
    return round(us / US, 6)


class SlidingLog:
    def __init__(self, limit: int, window_us: int):
        self.limit, self.window = limit, window_us
        self.logs: dict[str, list[int]] = {}

    def check(self, key: str, now: int) -> dict:
        log = [s for s in self.logs.get(key, []) if now - s < self.window]
        allowed = len(log) < self.limit
        if allowed:
            log.append(max([now, *log]))
        self.logs[key] = log
        count = len(log)
        oldest, newest = (log[0], log[-1]) if log else (0, 0)
        after = lambda s: max(0, s + self.window - now)  # noqa: E731
        retry = 0 if allowed or not log else after(oldest)
        reset = after(newest) if log else 0
        remaining = self.limit - count
        headers = {
            "RateLimit-Policy": f'"default";q={self.limit};w={ceil_div(self.window, US)}',
            "RateLimit": f'"default";r={remaining};t={ceil_div(reset, US)}',
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": str(ceil_div(now + reset, US)),
        }
        if not allowed:
            headers["Retry-After"] = str(max(1, ceil_div(retry, US)))
        return {
            "allowed": allowed,
            "remaining": remaining,
            "retry_after": seconds(retry),
            "reset_after": seconds(reset),
            "headers": headers,
        }


def case(cid: str, description: str, limit: int, window_us: int, arrivals: list[tuple[str, int]]):
    log = SlidingLog(limit, window_us)
    requests = []
    for key, t in arrivals:
        now = T0 + t
        requests.append({"key": key, "now": seconds(now), **log.check(key, now)})
    return {
        "id": cid,
        "description": description,
        "limit": limit,
        "window": seconds(window_us),
        "requests": requests,
    }


def derived_arrivals(label: str, n: int, window_us: int, keys: int) -> list[tuple[str, int]]:
    """Random gaps: bursts, window edges, fractions of the window, from SHA-256 of the label."""
    raw = derived(label, 3 * n)
    t, out = 0, []
    for i in range(n):
        kind, value, key = raw[3 * i], raw[3 * i + 1], raw[3 * i + 2] % keys
        if kind < 120:
            gap = 0
        elif kind < 140:
            gap = window_us
        elif kind < 160:
            gap = window_us - 1
        elif kind < 215:
            gap = window_us * value // 2048
        else:
            gap = value * 10
        t += gap
        out.append((f"rev_key_{key}", t))
    return out


def build() -> dict:
    w60 = 60 * US
    cases = [
        case(
            "burst_then_refused",
            "A burst of the limit is admitted; the next request waits for the oldest to leave.",
            3,
            10 * US,
            [("a", 0), ("a", 1), ("a", 2), ("a", 3), ("a", 4_500_000), ("a", 9_999_999),
             ("a", 10_000_000), ("a", 10_000_001), ("a", 10_000_002), ("a", 10_000_003)],
        ),
        case(
            "sixty_in_any_minute_not_119",
            "60 per 60 s: a request every 0.5 s for 90 s; a plain GCRA with a burst of 60 would "
            "admit 119 in the first minute.",
            60,
            w60,
            [("k", i * 500_000) for i in range(180)],
        ),
        case(
            "spaced_at_the_rate",
            "Requests exactly window/limit apart are never refused.",
            4,
            2 * US,
            [("k", i * 500_000) for i in range(20)],
        ),
        case(
            "window_edge_is_half_open",
            "An admission leaves the window exactly `window` later.",
            1,
            1 * US,
            [("k", 0), ("k", 999_999), ("k", 1_000_000), ("k", 1_999_999), ("k", 2_000_000)],
        ),
        case(
            "keys_are_independent",
            "Each key has its own budget.",
            2,
            w60,
            [("a", 0), ("b", 0), ("a", 1), ("b", 1), ("a", 2), ("b", 2), ("c", 3),
             ("rev_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", 4)],
        ),
        case(
            "fractional_window_and_rounding",
            "A 1.5 s window: header durations are whole seconds rounded up.",
            2,
            1_500_000,
            [("k", 0), ("k", 100_000), ("k", 200_000), ("k", 1_499_999), ("k", 1_500_000),
             ("k", 1_600_001)],
        ),
        case(
            "clock_steps_back",
            "The clock steps back: an admission is never recorded before the previous one.",
            2,
            10 * US,
            [("k", 20 * US), ("k", 12 * US), ("k", 25 * US), ("k", 30 * US), ("k", 30 * US)],
        ),
        case(
            "unicode_key",
            "Keys are bytes: a UTF-8 key is its encoded bytes in every language.",
            1,
            w60,
            [("clé-ü-€", 0), ("clé-ü-€", 1), ("cle-u-e", 2)],
        ),
    ]
    for n, (limit, window_us, keys) in enumerate(
        [(3, 5 * US, 2), (5, w60, 3), (1, 250_000, 1), (4, 3 * US, 2)]
    ):
        cases.append(
            case(
                f"derived_{n}",
                "Arrivals derived from SHA-256: bursts, exact window edges, one microsecond "
                "before them, fractions of the window, several keys.",
                limit,
                window_us,
                derived_arrivals(f"ratelimit/{n}", 150, window_us, keys),
            )
        )
    return {
        "description": "Rate-limiter decisions and headers for arrival sequences (docs/spec.md §2.6). "
        "For each case make one limiter with `limit` and `window` (seconds) and check each "
        "request's key at its `now` (unix seconds, to the microsecond) in order; the decision "
        "must match. `retry_after` and `reset_after` are seconds.",
        "source": "tests/vectors/generate_ratelimit.py: an independent Python sliding log "
        "written from the rule of docs/spec.md",
        "errors": [
            {"key": "", "error": "REVTAIN_RESULT_RATE_LIMIT_INVALID_KEY"},
            {"key": "k" * 1025, "error": "REVTAIN_RESULT_RATE_LIMIT_INVALID_KEY"},
        ],
        "config_errors": [
            {"limit": 0, "window": 60.0},
            {"limit": 1_000_001, "window": 60.0},
            {"limit": 60, "window": 0.0},
            {"limit": 60, "window": 0.0009},
            {"limit": 60, "window": 31_622_401.0},
            {"limit": 60, "window": -1.0},
        ],
        "cases": cases,
    }


if __name__ == "__main__":
    write_or_check(OUT, build(), "tests/vectors/generate_ratelimit.py")
