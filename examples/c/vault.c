/* Gateway credentials at rest from C: seal for one tenant, fail to open as another, rotate.
 *   cc vault.c $(pkg-config --cflags --libs revtain) -o vault */
#include <revtain.h>
#include <stdio.h>
#include <string.h>

#define CTX_LEN 3
#define BYTES(s) (const uint8_t *)(s), sizeof(s) - 1

int main(void) {
  /* What the secret is bound to: it opens only with the same context. */
  const revtain_vault_context_entry tenant_a[CTX_LEN] = {
      {BYTES("tenant"), BYTES("ten_a")},
      {BYTES("gateway"), BYTES("stripe")},
      {BYTES("field"), BYTES("secret_key")},
  };
  const revtain_vault_context_entry tenant_b[CTX_LEN] = {
      {BYTES("tenant"), BYTES("ten_b")},
      {BYTES("gateway"), BYTES("stripe")},
      {BYTES("field"), BYTES("secret_key")},
  };
  static const char secret[] = "sk_live_51H8xYzExample";
  revtain_keyring *keyring = NULL, *rotated = NULL;
  char sealed[256], resealed[256];
  uint8_t plain[64];
  size_t n, sealed_len;
  uint32_t old_id, new_id;
  bool rotate;
  revtain_result r;

  /* In production: revtain_keyring_from_text(getenv("REVTAIN_KEYRING"), ...). */
  if (revtain_keyring_generate(&keyring) != REVTAIN_RESULT_OK) return 1;
  r = revtain_keyring_seal_text(keyring, (const uint8_t *)secret, strlen(secret), tenant_a, CTX_LEN,
                                sealed, sizeof sealed, &sealed_len);
  if (r != REVTAIN_RESULT_OK) return 1;
  printf("[c]      sealed for ten_a      : %.40s...\n", sealed);
  r = revtain_keyring_open(keyring, (const uint8_t *)sealed, sealed_len, tenant_a, CTX_LEN, plain,
                           sizeof plain, &n);
  if (r != REVTAIN_RESULT_OK) return 1;
  printf("[c]      opened as ten_a       : %.*s\n", (int)n, (const char *)plain);
  r = revtain_keyring_open(keyring, (const uint8_t *)sealed, sealed_len, tenant_b, CTX_LEN, plain,
                           sizeof plain, &n);
  printf("[c]      opened as ten_b       : refused (%s)\n", revtain_result_name(r));
  if (r != REVTAIN_RESULT_VAULT_AUTHENTICATION_FAILED) return 1;

  if (revtain_keyring_rotate(keyring, &rotated) != REVTAIN_RESULT_OK) return 1;
  revtain_keyring_primary_key_id(keyring, &old_id);
  revtain_keyring_primary_key_id(rotated, &new_id);
  revtain_keyring_needs_rotation(rotated, (const uint8_t *)sealed, sealed_len, &rotate);
  printf("[c]      rotated keyring       : primary %u -> %u, needs_rotation = %s\n", old_id, new_id,
         rotate ? "true" : "false");
  r = revtain_keyring_reseal_text(rotated, (const uint8_t *)sealed, sealed_len, tenant_a, CTX_LEN,
                                  resealed, sizeof resealed, &n);
  if (r != REVTAIN_RESULT_OK) return 1;
  revtain_keyring_needs_rotation(rotated, (const uint8_t *)resealed, n, &rotate);
  printf("[c]      after reseal          : needs_rotation = %s\n", rotate ? "true" : "false");
  revtain_keyring_free(keyring);
  revtain_keyring_free(rotated);
  return 0;
}
