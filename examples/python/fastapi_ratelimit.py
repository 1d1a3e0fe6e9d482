"""A FastAPI API rate-limited per API key: 60 requests in any rolling minute (docs/spec.md §2.6).

    uvicorn examples.python.fastapi_ratelimit:app                      # one process, in memory
    REVTAIN_REDIS_URL=redis://localhost:6379/0 uvicorn ... --workers 4  # one limit for all

Every response carries the RateLimit-Policy / RateLimit / X-RateLimit-* headers; a refused
request gets a 429 with Retry-After and {"error": "rate_limited", "retry_after": <seconds>}.
"""

import os
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

import revtain

app = FastAPI()
# Once, at start-up. With Redis, every worker and server pointing at it shares the limit; if
# Redis is down, each process limits on its own (fail_open=True: decided in-process by the same
# policy) and the decision says why.
limiter = revtain.RateLimiter(limit=60, window=60.0, redis_url=os.environ.get("REVTAIN_REDIS_URL"))


def rate_limit_key(request: Request) -> str:
    """The API key of `Authorization: Bearer <key>`, else the client's address.

    In production, authenticate the key first (or limit by address before): every distinct key
    holds a little memory for one window, so random keys should not reach the limiter."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.client.host if request.client else "unknown"


@app.middleware("http")
async def rate_limit(request: Request,
                     call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    key = rate_limit_key(request)
    if limiter.shared:
        # A Redis round trip: off the event loop (the check releases the GIL meanwhile).
        decision = await run_in_threadpool(limiter.check, key)
    else:
        decision = limiter.check(key)  # in memory: well under a microsecond
    headers = decision.headers()
    if not decision:
        return JSONResponse(
            {"error": "rate_limited", "retry_after": int(headers["Retry-After"])},
            status_code=429,
            headers=headers,
        )
    response = await call_next(request)
    response.headers.update(headers)
    return response


@app.get("/v1/invoices/{invoice_id}/recovery")
async def recovery_status(invoice_id: str) -> dict[str, str]:
    return {"invoice": invoice_id, "status": "retrying"}
