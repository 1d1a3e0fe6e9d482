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

Errors are subclasses of :class:`RevtainError`, each with a ``code`` shared with the C and
Node.js libraries.
"""

from __future__ import annotations

from ._errors import (
    CardError,
    PanDetected,
    UnknownGateway,
    InvalidGatewayToken,
    InvalidCardUpdateSecret,
    InvalidCardUpdateParameter,
    CardUpdateTokenMalformed,
    CardUpdateTokenAlgorithm,
    CardUpdateTokenSignatureMismatch,
    CardUpdateTokenExpired,
    CardUpdateTokenNotYetValid,
    CardUpdateTokenAudience,
    CardUpdateTokenIssuer,
    CardUpdateTokenInvalidClaims,
    ApiKeyBadCharacter,
    AuthenticationFailed,
    InvalidContext,
    InvalidKeyring,
    MalformedEnvelope,
    UnknownKeyId,
    VaultError,
    WebhookError,
    WebhookHeaderMissing,
    WebhookHeaderMalformed,
    WebhookNoSignature,
    WebhookTimestampOutOfTolerance,
    WebhookSignatureMismatch,
    InvalidWebhookSecret,
    InvalidEventId,
    WebhookInvalidPayload,
    ApiKeyWrongLength,
    ApiKeyWrongPrefix,
    InvalidApiKey,
    InvalidLookupHash,
    RandomUnavailable,
    RevtainError,
)
from ._native import (
    API_KEY_LENGTH,
    LOOKUP_HASH_LENGTH,
    DEFAULT_TOLERANCE,
    SIGNATURE_HEADER,
    VAULT_OVERHEAD,
    ApiKey,
    Event,
    Keyring,
    Webhook,
    WebhookSigner,
    __version__,
    find_api_keys,
    generate_api_key,
    generate_webhook_secret,
    redact_api_keys,
    verify_api_key,
)

__all__ = [
    "CardError",
    "PanDetected",
    "UnknownGateway",
    "InvalidGatewayToken",
    "InvalidCardUpdateSecret",
    "InvalidCardUpdateParameter",
    "CardUpdateTokenMalformed",
    "CardUpdateTokenAlgorithm",
    "CardUpdateTokenSignatureMismatch",
    "CardUpdateTokenExpired",
    "CardUpdateTokenNotYetValid",
    "CardUpdateTokenAudience",
    "CardUpdateTokenIssuer",
    "CardUpdateTokenInvalidClaims",
    "API_KEY_LENGTH",
    "LOOKUP_HASH_LENGTH",
    "ApiKey",
    "ApiKeyBadCharacter",
    "ApiKeyWrongLength",
    "ApiKeyWrongPrefix",
    "AuthenticationFailed",
    "InvalidContext",
    "InvalidKeyring",
    "Keyring",
    "MalformedEnvelope",
    "UnknownKeyId",
    "VAULT_OVERHEAD",
    "VaultError",
    "InvalidApiKey",
    "InvalidLookupHash",
    "RandomUnavailable",
    "RevtainError",
    "DEFAULT_TOLERANCE",
    "Event",
    "InvalidEventId",
    "InvalidWebhookSecret",
    "SIGNATURE_HEADER",
    "Webhook",
    "WebhookError",
    "WebhookHeaderMalformed",
    "WebhookHeaderMissing",
    "WebhookInvalidPayload",
    "WebhookNoSignature",
    "WebhookSignatureMismatch",
    "WebhookSigner",
    "WebhookTimestampOutOfTolerance",
    "generate_webhook_secret",
    "__version__",
    "find_api_keys",
    "generate_api_key",
    "redact_api_keys",
    "verify_api_key",
]
