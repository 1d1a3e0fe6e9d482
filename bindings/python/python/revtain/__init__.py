"""Revtain security core for Python.

API keys::

    import revtain

    key = revtain.generate_api_key()                 # show once to its owner
    stored = revtain.ApiKey.parse(key).lookup_hash(PEPPER)   # store only this
    revtain.verify_api_key(presented, stored, PEPPER)        # constant-time check
    revtain.redact_api_keys(log_line)                # "rev_abcd…wxyz"

Gateway credentials at rest::

    keyring = revtain.Keyring.from_env()             # REVTAIN_KEYRING
    ctx = {"tenant": tenant_id, "gateway": "stripe", "field": "secret_key"}
    column = keyring.seal(secret, ctx)               # "rvc1:..."
    secret = keyring.open(column, ctx)               # bytes

Webhooks (verify the raw request body)::

    webhook = revtain.Webhook(os.environ["REVTAIN_WEBHOOK_SECRET"])  # once, at start-up
    event = webhook.verify(request_body_bytes, request.headers)     # or raises WebhookError
    if event.type == "payment.recovered": ...

Webhooks from billing platforms (Stripe, Paddle, Shopify, Standard Webhooks, ...)::

    event = revtain.verify_connector("stripe", request.headers, raw_body,
                                     os.environ["STRIPE_WEBHOOK_SECRET"])  # or ConnectorError
    event.timestamp, event.id                          # what the scheme signs
    revtain.CONNECTORS                                 # every name it accepts

Card data (Revtain never handles card numbers)::

    revtain.redact_pans(log_line)                       # "**** **** **** 4242"
    revtain.validate_gateway_token("stripe", token)     # refuses a PAN, never echoes it
    links = revtain.CardUpdateLinks(secret, "cli_acme", "https://pay.revtain.com/card")
    url = links.create("cus_42")                        # ...?token=<HS256 JWS>
    claims = links.verify(token)

Rate limiting (60 requests per rolling minute per API key by default)::

    limiter = revtain.RateLimiter(redis_url=os.environ.get("REDIS_URL"))  # None: in memory
    decision = limiter.check(api_key)                   # a Decision, truthy when admitted
    response.headers.update(decision.headers())         # RateLimit-*, X-RateLimit-*, Retry-After
    if not decision: ...                                # 429, retry after decision.retry_after s

Gateway calls with retries (exponential backoff, one idempotency key per call)::

    client = revtain.GatewayClient("https://api.stripe.com",
                                   headers={"Authorization": f"Bearer {key}"})
    resp = client.request("POST", "/v1/payment_intents", body=form)  # or raises GatewayError
    resp.status, resp.json(), resp.attempts, resp.idempotency_key

Errors are subclasses of :class:`RevtainError`, each with a ``code`` shared with the C and
Node.js libraries.
"""

from __future__ import annotations

from . import _errors
from ._errors import *  # noqa: F403 (every error class; their list is _errors.__all__)
from ._native import (
    API_KEY_LENGTH,
    CARD_UPDATE_AUDIENCE,
    CONNECTORS,
    DEFAULT_TOLERANCE,
    GATEWAYS,
    GITHUB_PUBLIC_KEYS_URL,
    LOOKUP_HASH_LENGTH,
    SIGNATURE_HEADER,
    VAULT_OVERHEAD,
    ApiKey,
    Attempt,
    CardUpdateClaims,
    CardUpdateLinks,
    ConnectorEvent,
    Decision,
    Event,
    GatewayClient,
    GatewayResponse,
    Keyring,
    RateLimiter,
    RetryPolicy,
    SecretAlert,
    Webhook,
    WebhookSigner,
    __version__,
    classify_attempt,
    find_api_keys,
    find_pans,
    generate_api_key,
    generate_card_update_secret,
    generate_webhook_secret,
    generate_webhook_signing_key,
    parse_retry_after,
    redact_api_keys,
    redact_pans,
    secret_alert_response,
    validate_gateway_token,
    verify_api_key,
    verify_connector,
    verify_github_secret_alert,
    webhook_public_key,
)

__all__ = [
    "API_KEY_LENGTH",
    "LOOKUP_HASH_LENGTH",
    "ApiKey",
    "Keyring",
    "VAULT_OVERHEAD",
    "CARD_UPDATE_AUDIENCE",
    "CardUpdateClaims",
    "CardUpdateLinks",
    "GATEWAYS",
    "find_pans",
    "generate_card_update_secret",
    "redact_pans",
    "validate_gateway_token",
    "DEFAULT_TOLERANCE",
    "Event",
    "SIGNATURE_HEADER",
    "Webhook",
    "WebhookSigner",
    "generate_webhook_secret",
    "generate_webhook_signing_key",
    "webhook_public_key",
    "GITHUB_PUBLIC_KEYS_URL",
    "SecretAlert",
    "verify_github_secret_alert",
    "secret_alert_response",
    "CONNECTORS",
    "ConnectorEvent",
    "verify_connector",
    "__version__",
    "find_api_keys",
    "generate_api_key",
    "redact_api_keys",
    "verify_api_key",
    "Decision",
    "RateLimiter",
    "Attempt",
    "GatewayClient",
    "GatewayResponse",
    "RetryPolicy",
    "classify_attempt",
    "parse_retry_after",
]
__all__ += _errors.__all__
