"""The exception tree of revtain.

Every error this package raises is a :class:`RevtainError`. Each kind of error has its own
class whose ``code`` is the name of the matching C result code (``revtain_result``) and the
``code`` of the matching Node.js error. Errors about a bad value passed in are also
:class:`ValueError`.
"""

from __future__ import annotations


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


__all__ = [
    "RevtainError",
    "RandomUnavailable",
    "InvalidApiKey",
    "ApiKeyWrongPrefix",
    "ApiKeyWrongLength",
    "ApiKeyBadCharacter",
    "InvalidLookupHash",
]

# Show the public module in tracebacks: `revtain.ApiKeyBadCharacter`, not `revtain._errors...`.
for _name in __all__:
    globals()[_name].__module__ = "revtain"
del _name
