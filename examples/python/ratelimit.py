"""Revtain's rate limiter: 5 requests in any rolling 10 s per API key; a burst is admitted up to
the limit, the next request is refused with Retry-After, and waiting that long is enough.
Times are given explicitly so the demo runs at once. Run: python examples/python/ratelimit.py"""

import revtain

T0 = 1_700_000_000.0  # unix seconds
limiter = revtain.RateLimiter(limit=5, window=10.0)  # redis_url="redis://..." to share it
print(f"[python] {'limiter':<22}: {limiter!r}")

# A burst of 6 requests at T0 + 0.0 .. 0.5 s: 5 admitted, the 6th refused.
decisions = [limiter.check("rev_key_merchant_a", now=T0 + i * 0.1) for i in range(6)]
for i, d in enumerate(decisions):
    verdict = "admitted" if d else f"refused, retry after {d.retry_after:.1f} s"
    print(f"[python] {f'request {i + 1}':<22}: {verdict}, remaining {d.remaining}")
refused = decisions[-1]
assert [bool(d) for d in decisions] == [True] * 5 + [False]

for name, value in refused.headers().items():
    print(f"[python] {name:<22}: {value}")

# Another key has its own budget; the refused one gets in once its oldest request is 10 s old.
other = limiter.check("rev_key_merchant_b", now=refused.at)
print(f"[python] {'another key':<22}: {'admitted' if other else 'refused'}, remaining {other.remaining}")
later = limiter.check("rev_key_merchant_a", now=refused.at + refused.retry_after)
print(f"[python] {'after Retry-After':<22}: {'admitted' if later else 'refused'}, "
      f"remaining {later.remaining}")
