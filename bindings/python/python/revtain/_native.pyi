"""Type stubs for the native module ``revtain._native`` (checked by mypy.stubtest)."""

from typing import TypeAlias, final, overload


_BytesLike: TypeAlias = bytes | bytearray | memoryview | str

__all__ = [
    "__version__",
    "error_kinds",
    "ApiKey",
    "generate_api_key",
    "verify_api_key",
    "find_api_keys",
    "redact_api_keys",
    "API_KEY_LENGTH",
    "LOOKUP_HASH_LENGTH",
]
__version__: str
API_KEY_LENGTH: int
LOOKUP_HASH_LENGTH: int

def error_kinds() -> list[tuple[str, str, str | None, bool]]: ...
def generate_api_key() -> str: ...
@final
class ApiKey:
    @staticmethod
    def parse(key: str) -> ApiKey: ...
    @staticmethod
    def generate() -> ApiKey: ...
    @property
    def redacted(self) -> str: ...
    def expose_secret(self) -> str: ...
    def lookup_hash(self, pepper: _BytesLike | None = None) -> bytes: ...
    def matches(self, stored_hash: _BytesLike, pepper: _BytesLike | None = None) -> bool: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

def verify_api_key(key: str, stored_hash: _BytesLike, pepper: _BytesLike | None = None) -> bool: ...
def find_api_keys(text: _BytesLike) -> list[tuple[int, int]]: ...
@overload
def redact_api_keys(text: str) -> str: ...
@overload
def redact_api_keys(text: bytes | bytearray | memoryview) -> bytes: ...
