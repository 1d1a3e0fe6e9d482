"""API keys end to end from Python: generate, store the lookup hash, verify, redact a log line."""

import revtain

PEPPER = b"demo pepper: keep the real one outside the database"

key = revtain.ApiKey.generate()
stored = key.lookup_hash(PEPPER)
print(f"[python] new key (shown once) : {key.expose_secret()}")
print(f"[python] redacted             : {key!r}")
print(f"[python] lookup hash          : {stored.hex()}")

assert revtain.verify_api_key(key.expose_secret(), stored, PEPPER)
assert not revtain.verify_api_key(key.expose_secret(), stored, b"wrong pepper")

log = f"POST /v1/recoveries key={key.expose_secret()} status=401"
print(f"[python] redacted log line    : {revtain.redact_api_keys(log)}")

try:
    revtain.ApiKey.parse("rev_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
except revtain.InvalidApiKey as e:
    print(f"[python] rejected             : {e.code} at position {e.position}")
