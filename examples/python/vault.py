"""Gateway credentials at rest: seal for one tenant, fail to open as another, rotate keys."""

import revtain

keyring = revtain.Keyring.generate()  # in production: revtain.Keyring.from_env()
tenant_a = {"tenant": "ten_a", "gateway": "stripe", "field": "secret_key"}
tenant_b = {**tenant_a, "tenant": "ten_b"}

sealed = keyring.seal("sk_live_51H8xYzExample", tenant_a)
print(f"[python] sealed for ten_a      : {sealed[:40]}...")
print(f"[python] opened as ten_a       : {keyring.open(sealed, tenant_a).decode()}")
try:
    keyring.open(sealed, tenant_b)
    raise SystemExit("a copied ciphertext must not open for another tenant")
except revtain.VaultAuthenticationFailed:
    print("[python] opened as ten_b       : refused (authentication failed)")

rotated = keyring.rotate()
print(f"[python] rotated keyring       : primary {keyring.primary_key_id} -> {rotated.primary_key_id}, "
      f"needs_rotation = {rotated.needs_rotation(sealed)}")
resealed = rotated.reseal(sealed, tenant_a)
print(f"[python] after reseal          : needs_rotation = {rotated.needs_rotation(resealed)}")
