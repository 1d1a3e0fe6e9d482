"""A FastAPI endpoint for GitHub secret-scanning alerts: GitHub reports Revtain API keys it found
in public code; the endpoint verifies the report, revokes each key that exists, and tells GitHub
which matches were real.

    REVTAIN_PEPPER_HEX=... uvicorn examples.python.fastapi_secret_alert:app

GitHub's public keys are fetched once and cached; they are fetched again when an alert names a
key the cached document lacks (GitHub rotates them).
"""

import os
import urllib.request
from collections.abc import Callable

from fastapi import FastAPI, HTTPException, Request, Response

import revtain


def fetch_github_keys() -> bytes:
    with urllib.request.urlopen(revtain.GITHUB_PUBLIC_KEYS_URL, timeout=10) as r:
        return r.read()


class KeyStore:
    """Stands in for the API-key table: the lookup hashes of the keys that exist."""

    def __init__(self, pepper: bytes):
        self.pepper = pepper
        self.hashes: set[bytes] = set()
        self.revoked: list[bytes] = []

    def add(self, key: str) -> None:
        self.hashes.add(revtain.ApiKey.parse(key).lookup_hash(self.pepper))

    def revoke_if_known(self, token: str) -> bool:
        """Asked only about Revtain API keys: revoke it if it exists."""
        h = revtain.ApiKey.parse(token).lookup_hash(self.pepper)
        if h not in self.hashes:
            return False
        self.hashes.discard(h)
        self.revoked.append(h)  # and e-mail the key's owner
        return True


def create_app(keys: KeyStore, fetch_keys: Callable[[], bytes] = fetch_github_keys) -> FastAPI:
    app = FastAPI()
    cache = {"document": None}

    def verify(body: bytes, headers) -> list[revtain.SecretAlert]:
        if cache["document"] is None:
            cache["document"] = fetch_keys()
        try:
            return revtain.verify_github_secret_alert(body, headers, cache["document"])
        except revtain.SecretAlertUnknownKey:
            cache["document"] = fetch_keys()  # GitHub published a new key
            return revtain.verify_github_secret_alert(body, headers, cache["document"])

    @app.post("/github/secret-scanning")
    async def secret_scanning(request: Request) -> Response:
        try:
            alerts = verify(await request.body(), request.headers)
        except revtain.SecretAlertError as e:
            raise HTTPException(status_code=400, detail={"error": e.code, "message": str(e)}) from e
        body = revtain.secret_alert_response(alerts, keys.revoke_if_known)
        return Response(content=body, media_type="application/json")

    return app


if "REVTAIN_PEPPER_HEX" in os.environ:
    app = create_app(KeyStore(bytes.fromhex(os.environ["REVTAIN_PEPPER_HEX"])))
