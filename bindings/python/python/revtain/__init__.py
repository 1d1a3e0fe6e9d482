"""Revtain security core for Python.

API keys::

    import revtain

    key = revtain.generate_api_key()                 # show once to its owner
    stored = revtain.ApiKey.parse(key).lookup_hash(PEPPER)   # store only this
    revtain.verify_api_key(presented, stored, PEPPER)        # constant-time check
    revtain.redact_api_keys(log_line)                # "rev_abcd…wxyz"

Errors are subclasses of :class:`RevtainError`, each with a ``code`` shared with the C and
Node.js libraries.
"""

from __future__ import annotations

from ._errors import (
    ApiKeyBadCharacter,
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
    ApiKey,
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
