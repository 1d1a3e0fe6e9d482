"""The exception tree of revtain.

Every error this package raises is a :class:`RevtainError`. Each kind of error has its own
class whose ``code`` is the name of the matching C result code (``revtain_result``) and the
``code`` of the matching Node.js error. Errors about a bad value passed in are also
:class:`ValueError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._native import Attempt, GatewayResponse


class RevtainError(Exception):
    """Root of every error raised by revtain."""

    code: str = "REVTAIN_RESULT_UNKNOWN"


class RandomUnavailable(RevtainError):
    """The operating system's random number generator could not be read."""

    code = "REVTAIN_RESULT_RANDOM_UNAVAILABLE"


class InvalidApiKey(RevtainError, ValueError):
    """A string is not a well-formed Revtain API key.

    ``position`` is the 0-based index of the offending character for
    :class:`ApiKeyBadCharacter` (``None`` otherwise); ``length`` is the length found for
    :class:`ApiKeyWrongLength`. The message never repeats the rejected string.
    """

    position: int | None = None
    length: int | None = None


class ApiKeyWrongPrefix(InvalidApiKey):
    """The key does not start with ``rev_`` (lower case)."""

    code = "REVTAIN_RESULT_API_KEY_WRONG_PREFIX"


class ApiKeyWrongLength(InvalidApiKey):
    """The key is not 36 characters long."""

    code = "REVTAIN_RESULT_API_KEY_WRONG_LENGTH"


class ApiKeyBadCharacter(InvalidApiKey):
    """A character of the key is not in the base64url alphabet; see ``position``."""

    code = "REVTAIN_RESULT_API_KEY_BAD_CHARACTER"


class InvalidLookupHash(RevtainError, ValueError):
    """A stored lookup hash is not 32 raw bytes (``length`` says how many it had)."""

    code = "REVTAIN_RESULT_INVALID_LOOKUP_HASH"
    length: int | None = None


class VaultError(RevtainError):
    """A credential-vault operation failed."""


class MalformedEnvelope(VaultError, ValueError):
    """The envelope is not a well-formed version-1 envelope; the message says which part."""

    code = "REVTAIN_RESULT_VAULT_MALFORMED_ENVELOPE"


class UnknownKeyId(VaultError):
    """The envelope names a key id the keyring does not hold (see ``key_id``)."""

    code = "REVTAIN_RESULT_VAULT_UNKNOWN_KEY_ID"
    key_id: int | None = None


class AuthenticationFailed(VaultError):
    """The envelope was altered, or the context differs from the one it was sealed with."""

    code = "REVTAIN_RESULT_VAULT_AUTHENTICATION_FAILED"


class InvalidContext(VaultError, ValueError):
    """The context cannot be encoded (a key or value over 65535 bytes, or too many)."""

    code = "REVTAIN_RESULT_VAULT_INVALID_CONTEXT"


class InvalidKeyring(VaultError, ValueError):
    """The keyring text is not valid (the message names the entry, never the key)."""

    code = "REVTAIN_RESULT_KEYRING_INVALID"


class WebhookError(RevtainError):
    """A webhook could not be signed or verified.

    ``age`` and ``tolerance`` are set on :class:`WebhookTimestampOutOfTolerance`.
    """

    age: int | None = None
    tolerance: int | None = None


class WebhookHeaderMissing(WebhookError):
    """The request has no ``X-Revtain-Signature`` header."""

    code = "REVTAIN_RESULT_WEBHOOK_HEADER_MISSING"


class WebhookHeaderMalformed(WebhookError):
    """The signature header is not ``t=<unix seconds>,v1=<hex>...``; the message says what."""

    code = "REVTAIN_RESULT_WEBHOOK_HEADER_MALFORMED"


class WebhookNoSignature(WebhookError):
    """The header has no ``v1`` of 64 lowercase hex characters (others are never compared)."""

    code = "REVTAIN_RESULT_WEBHOOK_NO_SIGNATURE"


class WebhookTimestampOutOfTolerance(WebhookError):
    """A genuine signature whose timestamp is outside the tolerance.

    ``age`` is ``now - t`` in seconds (negative: in the future); ``tolerance`` the window.
    """

    code = "REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE"


class WebhookSignatureMismatch(WebhookError):
    """No ``v1`` matches: a re-serialised body (verify the raw bytes) or the wrong secret."""

    code = "REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH"


class InvalidWebhookSecret(WebhookError, ValueError):
    """A secret is not ``whsec_`` + base64 of 32 bytes; the secret is never repeated."""

    code = "REVTAIN_RESULT_WEBHOOK_INVALID_SECRET"


class InvalidEventId(WebhookError, ValueError):
    """An event id to sign is empty, over 256 bytes or not visible ASCII."""

    code = "REVTAIN_RESULT_WEBHOOK_INVALID_EVENT_ID"


class WebhookInvalidPayload(WebhookError):
    """The signature verified but the body is not a Revtain event envelope."""

    code = "REVTAIN_RESULT_WEBHOOK_INVALID_PAYLOAD"


class ConnectorError(RevtainError):
    """An inbound webhook from a billing platform was refused by :func:`revtain.verify_connector`,
    or could not be checked.

    ``header`` names the header (or body field) for :class:`ConnectorHeaderMissing` and
    :class:`ConnectorHeaderMalformed`; ``age`` and ``tolerance`` are set on
    :class:`ConnectorTimestampOutOfTolerance`. Messages never contain the secret.
    """

    header: str | None = None
    age: int | None = None
    tolerance: int | None = None


class UnknownConnector(ConnectorError, ValueError):
    """The connector name is not one of ``revtain.CONNECTORS``."""

    code = "REVTAIN_RESULT_CONNECTOR_UNKNOWN"


class ConnectorHeaderMissing(ConnectorError):
    """The signature header (or body field), named by ``header``, is absent: the request was
    not signed by the platform, or a proxy dropped the header."""

    code = "REVTAIN_RESULT_CONNECTOR_HEADER_MISSING"


class ConnectorHeaderMalformed(ConnectorError):
    """The header named by ``header`` does not have the scheme's shape, or is present more than
    once; the message says what is wrong."""

    code = "REVTAIN_RESULT_CONNECTOR_HEADER_MALFORMED"


class ConnectorTimestampOutOfTolerance(ConnectorError):
    """A genuine signature whose timestamp is outside the window: a replayed webhook or a clock
    that is off. ``age`` is ``now - timestamp`` in seconds (negative: in the future);
    ``tolerance`` the window applied."""

    code = "REVTAIN_RESULT_CONNECTOR_TIMESTAMP_OUT_OF_TOLERANCE"


class ConnectorSignatureMismatch(ConnectorError):
    """No signature matches the body under the secret; the message says what the platform signs
    and the usual causes (a re-serialised body, the wrong secret)."""

    code = "REVTAIN_RESULT_CONNECTOR_SIGNATURE_MISMATCH"


class InvalidConnectorSecret(ConnectorError, ValueError):
    """The secret is empty or not of the scheme's form; the secret is never repeated."""

    code = "REVTAIN_RESULT_CONNECTOR_INVALID_SECRET"


class InvalidConnectorOptions(ConnectorError, ValueError):
    """An option the scheme needs is missing (Square's ``notification_url``, Braintree's
    ``public_key``)."""

    code = "REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS"


class ConnectorPayloadMalformed(ConnectorError):
    """A body the connector must parse (Adyen's JSON, Braintree's form) cannot be parsed."""

    code = "REVTAIN_RESULT_CONNECTOR_PAYLOAD_MALFORMED"


class CardError(RevtainError):
    """Card data was refused, or a card-update link could not be minted or verified."""

    age: int | None = None


class PanDetected(CardError, ValueError):
    """A card number (PAN) was passed where a gateway token or reference belongs; never echoed."""

    code = "REVTAIN_RESULT_CARD_PAN_DETECTED"


class UnknownGateway(CardError, ValueError):
    """The gateway name is not one of ``revtain.GATEWAYS``."""

    code = "REVTAIN_RESULT_CARD_UNKNOWN_GATEWAY"


class InvalidGatewayToken(CardError, ValueError):
    """The token does not have the gateway's shape; the message says what is wrong."""

    code = "REVTAIN_RESULT_CARD_INVALID_GATEWAY_TOKEN"


class InvalidCardUpdateSecret(CardError, ValueError):
    """The card-update secret is not ``cusec_`` + base64 of 32 bytes."""

    code = "REVTAIN_RESULT_CARD_UPDATE_INVALID_SECRET"


class InvalidCardUpdateParameter(CardError, ValueError):
    """A client id, customer reference, URL or ttl cannot be used."""

    code = "REVTAIN_RESULT_CARD_UPDATE_INVALID_PARAMETER"


class CardUpdateTokenMalformed(CardError):
    """The token is not a compact JWS with a supported header."""

    code = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_MALFORMED"


class CardUpdateTokenAlgorithm(CardError):
    """The token's ``alg`` is not ``HS256`` (``none`` included)."""

    code = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_ALGORITHM"


class CardUpdateTokenSignatureMismatch(CardError):
    """The token's signature does not verify with this secret."""

    code = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_SIGNATURE_MISMATCH"


class CardUpdateTokenExpired(CardError):
    """The token has expired; ``age`` is the seconds since ``exp``."""

    code = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_EXPIRED"


class CardUpdateTokenNotYetValid(CardError):
    """The token's ``iat`` or ``nbf`` is in the future; ``age`` is negative."""

    code = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_NOT_YET_VALID"


class CardUpdateTokenAudience(CardError):
    """The token's ``aud`` is not ``revtain:card-update``."""

    code = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_AUDIENCE"


class CardUpdateTokenIssuer(CardError):
    """The token was issued for another client id."""

    code = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_ISSUER"


class CardUpdateTokenInvalidClaims(CardError):
    """A claim is missing or of the wrong type."""

    code = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_INVALID_CLAIMS"


class RateLimitError(RevtainError):
    """A rate limiter could not be built, a key could not be checked, or its store is down.

    A refusal is not an error: :meth:`revtain.RateLimiter.check` returns a
    :class:`revtain.Decision` whose ``allowed`` is false.
    """


class InvalidRateLimitConfig(RateLimitError, ValueError):
    """A limiter setting is out of range (``limit`` 1 to 1000000, ``window`` 0.001 s to 366
    days, a positive ``timeout``) or the Redis URL is malformed; never shows a password."""

    code = "REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG"


class InvalidRateLimitKey(RateLimitError, ValueError):
    """A key is empty or longer than 1024 bytes; the key is never repeated."""

    code = "REVTAIN_RESULT_RATE_LIMIT_INVALID_KEY"


class RateLimitStoreUnavailable(RateLimitError):
    """The limiter's Redis could not be reached or answered with an error (from ``ping()``;
    checks fail open or closed instead of raising)."""

    code = "REVTAIN_RESULT_RATE_LIMIT_STORE_UNAVAILABLE"


class GatewayError(RevtainError):
    """A gateway call could not be made, or failed after its retries.

    ``attempts`` lists every attempt made (:class:`revtain.Attempt`: status or error, delay
    waited, duration); ``response`` is the last :class:`revtain.GatewayResponse` when the last
    attempt had one, else ``None``. Settings and requests that cannot be used raise
    :class:`InvalidRetryPolicy` and :class:`InvalidGatewayRequest` (no attempts).
    """

    attempts: list[Attempt]
    response: GatewayResponse | None = None

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.attempts = []


class InvalidRetryPolicy(GatewayError, ValueError):
    """A retry policy setting is out of range (``base`` above ``cap``, negative seconds,
    ``max_attempts`` not 1 to 100, a zero ``deadline``, an unknown ``jitter``)."""

    code = "REVTAIN_RESULT_RETRY_INVALID_POLICY"


class InvalidGatewayRequest(GatewayError, ValueError):
    """The client or the request cannot be used: the URL or scheme (plain ``http`` only to
    loopback unless ``allow_insecure_http``), the method, path, a header or the idempotency key.
    Header values are never repeated."""

    code = "REVTAIN_RESULT_GATEWAY_INVALID_REQUEST"


class GatewayRetriesExhausted(GatewayError):
    """Every attempt the policy allows failed with a retryable outcome (5xx, 429, 408, a
    connection failure or a timeout)."""

    code = "REVTAIN_RESULT_GATEWAY_RETRIES_EXHAUSTED"


class GatewayDeadlineExceeded(GatewayError):
    """The next retry would end past the call's deadline."""

    code = "REVTAIN_RESULT_GATEWAY_DEADLINE_EXCEEDED"


class GatewayRetryAfterBeyondDeadline(GatewayError):
    """The gateway's ``Retry-After`` asks for a wait past the call's deadline; the retries
    stopped at once. ``requested`` is the wait asked for, in seconds."""

    code = "REVTAIN_RESULT_GATEWAY_RETRY_AFTER_BEYOND_DEADLINE"
    requested: float | None = None


class GatewayBudgetExhausted(GatewayError):
    """The retry budget of the gateway's host is spent (the gateway is failing for many calls),
    so no retry was sent."""

    code = "REVTAIN_RESULT_GATEWAY_BUDGET_EXHAUSTED"


__all__ = [
    "RevtainError",
    "RandomUnavailable",
    "InvalidApiKey",
    "ApiKeyWrongPrefix",
    "ApiKeyWrongLength",
    "ApiKeyBadCharacter",
    "InvalidLookupHash",
    "VaultError",
    "MalformedEnvelope",
    "UnknownKeyId",
    "AuthenticationFailed",
    "InvalidContext",
    "InvalidKeyring",
    "WebhookError",
    "WebhookHeaderMissing",
    "WebhookHeaderMalformed",
    "WebhookNoSignature",
    "WebhookTimestampOutOfTolerance",
    "WebhookSignatureMismatch",
    "InvalidWebhookSecret",
    "InvalidEventId",
    "WebhookInvalidPayload",
    "ConnectorError",
    "UnknownConnector",
    "ConnectorHeaderMissing",
    "ConnectorHeaderMalformed",
    "ConnectorTimestampOutOfTolerance",
    "ConnectorSignatureMismatch",
    "InvalidConnectorSecret",
    "InvalidConnectorOptions",
    "ConnectorPayloadMalformed",
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
    "RateLimitError",
    "InvalidRateLimitConfig",
    "InvalidRateLimitKey",
    "RateLimitStoreUnavailable",
    "GatewayError",
    "InvalidRetryPolicy",
    "InvalidGatewayRequest",
    "GatewayRetriesExhausted",
    "GatewayDeadlineExceeded",
    "GatewayRetryAfterBeyondDeadline",
    "GatewayBudgetExhausted",
]

# Show the public module in tracebacks: `revtain.ApiKeyBadCharacter`, not `revtain._errors...`.
for _name in __all__:
    globals()[_name].__module__ = "revtain"
del _name
