#!/usr/bin/env python3
"""Generates tests/vectors/retry.json (docs/spec.md section 2.5).

Independent of the Rust code: the rules as the spec and docs/retry.md state them, computed with
Python's standard library.

- delays: the ceiling of the delay before retry n is min(cap, base * 2^n) (exact, in whole
  nanoseconds); full jitter draws ceiling * u, equal jitter ceiling/2 + (ceiling - ceiling/2) * u,
  none is the ceiling. Seconds in the file; surfaces compare to the microsecond.
- classify: an attempt's outcome and its verdict: 1xx-3xx success; 408, 429 and 5xx but 501
  and 505 retried; any other 4xx, 501 and 505 final; connection failures and timeouts retried;
  `Stripe-Should-Retry: false` final whatever the status, `true` retried from 400 up;
  `Retry-After` (delta seconds or an HTTP date, relative to `now`) is the floor of a retry.
- retry_after: the parsing of `Retry-After` on its own (RFC 9110 section 10.2.3: delay-seconds or
  an HTTP-date in any of its three forms; anything else ignored; a date in the past is 0).

    python3 tests/vectors/generate_retry.py          # rewrite the vector file
    python3 tests/vectors/generate_retry.py --check  # fail if the committed file differs
"""

from email.utils import formatdate
from pathlib import Path

from vectorlib import write_or_check  # this folder (the script's own directory is on sys.path)

OUT = Path(__file__).with_name("retry.json")
NS = 1_000_000_000
NOW = 1_700_000_000
U64_MAX = 2**64 - 1

POLICIES = {
    "default": {"base": 0.5, "cap": 20.0, "max_attempts": 4, "deadline": 30.0, "jitter": "full"},
    "equal": {"base": 0.25, "cap": 3.0, "max_attempts": 10, "deadline": 60.0, "jitter": "equal"},
    "none": {"base": 0.1, "cap": 1.0, "max_attempts": 5, "deadline": 10.0, "jitter": "none"},
}


def ceiling_ns(p: dict, n: int) -> int:
    base, cap = round(p["base"] * NS), round(p["cap"] * NS)
    return min(cap, base * 2 ** min(n, 31))


def delay_s(p: dict, n: int, u: float) -> float:
    c = ceiling_ns(p, n)
    if p["jitter"] == "full":
        return c / NS * u
    if p["jitter"] == "equal":
        half = c // 2
        return (half + (c - half) * u) / NS
    return c / NS


def delays() -> list[dict]:
    out = []
    for name, p in POLICIES.items():
        for n in (0, 1, 2, 3, 5, 8, 31, 40, 2**32 - 1):
            for u in (0.0, 0.25, 0.5, 0.999999):
                out.append({
                    "id": f"{name}-n{n}-u{u}",
                    "policy": p,
                    "n": n,
                    "uniform": u,
                    "ceiling": ceiling_ns(p, n) / NS,
                    "delay": round(delay_s(p, n, u), 9),
                })
    return out


def http_date(t: int) -> str:
    """IMF-fixdate, the preferred HTTP-date form."""
    return formatdate(t, usegmt=True)


def case(cid, verdict, *, status=None, headers=None, transport=None, retry_after=None, what=""):
    c = {"id": cid, "what": what}
    if transport is not None:
        c["transport"] = transport
    if status is not None:
        c["status"] = status
    c["headers"] = headers or {}
    c["now"] = NOW
    c["verdict"] = verdict
    c["retry_after"] = retry_after
    return c


def classify() -> list[dict]:
    out = []
    for s in (100, 200, 201, 204, 301, 304, 399):
        out.append(case(f"status-{s}", "success", status=s, what="1xx to 3xx: done"))
    for s in (408, 429, 500, 502, 503, 504, 599):
        out.append(case(f"status-{s}", "retry", status=s, what="a fault worth retrying"))
    for s in (400, 401, 402, 403, 404, 409, 422, 499, 501, 505):
        out.append(case(f"status-{s}", "final", status=s, what="the gateway's answer, never retried"))
    out += [
        case("connection-failed", "retry", transport="connection_failed", what="no response: retried"),
        case("timed-out", "retry", transport="timed_out", what="no response in time: retried"),
        case("retry-after-seconds", "retry", status=503, headers={"Retry-After": "7"}, retry_after=7.0,
             what="delay-seconds: the floor of the next delay"),
        case("retry-after-trimmed", "retry", status=429, headers={"retry-after": " 120 "},
             retry_after=120.0, what="any case, surrounding spaces ignored"),
        case("retry-after-date", "retry", status=429, headers={"Retry-After": http_date(NOW + 90)},
             retry_after=90.0, what="an HTTP date, relative to now"),
        case("retry-after-past-date", "retry", status=503, headers={"Retry-After": http_date(NOW - 90)},
             retry_after=0.0, what="a date in the past is no wait"),
        case("retry-after-garbage", "retry", status=503, headers={"Retry-After": "soon"},
             what="an unusable Retry-After is ignored, the fault is still retried"),
        case("retry-after-on-final", "final", status=400, headers={"Retry-After": "7"},
             what="a final answer stays final"),
        case("retry-after-on-success", "success", status=200, headers={"Retry-After": "7"},
             what="a success is done"),
        case("stripe-should-retry-false", "final", status=503, headers={"Stripe-Should-Retry": "false"},
             what="the gateway's own hint wins over the status"),
        case("stripe-should-retry-true", "retry", status=409, headers={"Stripe-Should-Retry": "true"},
             what="retried on the gateway's word"),
        case("stripe-should-retry-true-case", "retry", status=400, headers={"stripe-should-retry": "TRUE"},
             what="names and the value in any case"),
        case("stripe-should-retry-true-success", "success", status=200,
             headers={"Stripe-Should-Retry": "true"}, what="only a failure is retried"),
        case("stripe-should-retry-with-retry-after", "retry", status=400,
             headers={"Stripe-Should-Retry": "true", "Retry-After": "3"}, retry_after=3.0,
             what="the floor still applies"),
        case("stripe-should-retry-other", "final", status=400, headers={"Stripe-Should-Retry": "maybe"},
             what="any other value is no hint"),
    ]
    return out


def invalid() -> list[dict]:
    """Outcomes no surface may classify (the verdict of a wrong value is the core's error)."""
    return [
        {"id": "status-below-100", "status": 99, "code": "REVTAIN_RESULT_GATEWAY_INVALID_REQUEST",
         "message": "invalid gateway request: status must be a whole number from 100 to 599, not 99"},
        {"id": "status-above-599", "status": 600, "code": "REVTAIN_RESULT_GATEWAY_INVALID_REQUEST",
         "message": "invalid gateway request: status must be a whole number from 100 to 599, not 600"},
        {"id": "response-without-status", "code": "REVTAIN_RESULT_GATEWAY_INVALID_REQUEST",
         "message": "invalid gateway request: a response needs its status"},
    ]


def retry_after() -> list[dict]:
    rfc = 784111777  # Sun, 06 Nov 1994 08:49:37 GMT: RFC 9110's example date
    v = [
        ("zero", "0", NOW, 0.0),
        ("seconds", "120", NOW, 120.0),
        ("trimmed", "  120\t", NOW, 120.0),
        ("huge-saturates", "99999999999999999999999", NOW, float(U64_MAX)),
        ("negative", "-1", NOW, None),
        ("fraction", "1.5", NOW, None),
        ("empty", "", NOW, None),
        ("word", "soon", NOW, None),
        ("imf-fixdate", "Sun, 06 Nov 1994 08:49:37 GMT", rfc - 30, 30.0),
        ("rfc850", "Sunday, 06-Nov-94 08:49:37 GMT", rfc - 30, 30.0),
        ("asctime", "Sun Nov  6 08:49:37 1994", rfc - 30, 30.0),
        ("date-past", "Sun, 06 Nov 1994 08:49:37 GMT", rfc + 30, 0.0),
        ("date-now", http_date(NOW), NOW, 0.0),
        ("date-future", http_date(NOW + 3600), NOW, 3600.0),
        ("date-not-gmt", "Sun, 06 Nov 1994 08:49:37 PST", rfc - 30, None),
        ("date-garbage", "Sun, 32 Nov 1994 08:49:37 GMT", rfc - 30, None),
    ]
    return [{"id": i, "value": val, "now": now, "seconds": s} for i, val, now, s in v]


def main() -> None:
    data = {
        "source": (
            "Generated by tests/vectors/generate_retry.py from the rules of docs/spec.md section 2.5 "
            "and RFC 9110 section 10.2.3, computed with Python's standard library (email.utils for "
            "the HTTP dates), independently of the Rust code."
        ),
        "delay_tolerance": 1e-6,
        "delays": delays(),
        "classify": classify(),
        "invalid": invalid(),
        "retry_after": retry_after(),
    }
    write_or_check(OUT, data, "python3 tests/vectors/generate_retry.py")


if __name__ == "__main__":
    main()
