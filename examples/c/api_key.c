/* API keys end to end from C: generate, store the lookup hash, verify, redact a log line.
 * Build against an installed copy:
 *   cc api_key.c $(pkg-config --cflags --libs revtain) -o api_key */
#include <revtain.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what, revtain_result r) {
  char msg[256];
  size_t n;
  revtain_result_message(r, msg, sizeof msg, &n);
  fprintf(stderr, "%s: %s (%s)\n", what, msg, revtain_result_name(r));
  return 1;
}

int main(void) {
  static const char pepper[] = "demo pepper: keep the real one outside the database";
  char key[REVTAIN_API_KEY_BUF_SIZE], redacted[REVTAIN_API_KEY_REDACTED_BUF_SIZE];
  unsigned char hash[REVTAIN_API_KEY_LOOKUP_HASH_LEN];
  char log[256], *clean;
  size_t n, i, pos = 0;
  bool ok = false;
  revtain_result r;

  if ((r = revtain_api_key_generate(key, sizeof key, &n)) != REVTAIN_RESULT_OK)
    return fail("generate", r);
  if ((r = revtain_api_key_lookup_hash(key, n, (const uint8_t *)pepper, strlen(pepper), hash,
                                       sizeof hash, &n)) != REVTAIN_RESULT_OK)
    return fail("lookup hash", r);
  if ((r = revtain_api_key_redacted(key, strlen(key), redacted, sizeof redacted, &n)) !=
      REVTAIN_RESULT_OK)
    return fail("redacted", r);
  printf("[c]      new key (shown once) : %s\n", key);
  printf("[c]      redacted             : %s\n", redacted);
  printf("[c]      lookup hash          : ");
  for (i = 0; i < sizeof hash; i++) printf("%02x", hash[i]);
  printf("\n");

  r = revtain_api_key_verify(key, strlen(key), hash, sizeof hash, (const uint8_t *)pepper,
                             strlen(pepper), &ok);
  if (r != REVTAIN_RESULT_OK || !ok) return fail("verify", r);

  snprintf(log, sizeof log, "POST /v1/recoveries key=%s status=401", key);
  /* Ask for the size, then redact into an exact buffer. */
  revtain_api_key_redact_text(log, strlen(log), NULL, 0, &n);
  clean = malloc(n + 1);
  if (!clean) return 1;
  if ((r = revtain_api_key_redact_text(log, strlen(log), clean, n + 1, &n)) != REVTAIN_RESULT_OK)
    return fail("redact", r);
  printf("[c]      redacted log line    : %s\n", clean);
  free(clean);

  r = revtain_api_key_validate("rev_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", 36, &pos);
  printf("[c]      rejected             : %s at position %zu\n", revtain_result_name(r), pos);
  return r == REVTAIN_RESULT_API_KEY_BAD_CHARACTER ? 0 : 1;
}
