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

Errors are subclasses of :class:`RevtainError`, each with a ``code`` shared with the C and
Node.js libraries.
"""

from __future__ import annotations

from ._errors import (
    ApiKeyBadCharacter,
    AuthenticationFailed,
    InvalidContext,
    InvalidKeyring,
    MalformedEnvelope,
    UnknownKeyId,
    VaultError,
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
    VAULT_OVERHEAD,
    ApiKey,
    Keyring,
    __version__,
    find_api_keys,
    generate_api_key,
    redact_api_keys,
    verify_api_key,
)

__all__ = [
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
    "__version__",
    "find_api_keys",
    "generate_api_key",
    "redact_api_keys",
    "verify_api_key",
]
