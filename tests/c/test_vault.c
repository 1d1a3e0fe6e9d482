/* Runs tests/vectors/vault.json, and the C conventions, against librevtain.
 * Usage: test_vault <vectors dir> */
#include <revtain.h>

#include "harness.h"

typedef struct {
  revtain_vault_context_entry entries[16];
  size_t len;
} ctx_t;

/* An entry of two NUL-terminated strings (their NULs not included). */
static revtain_vault_context_entry entry_of(const char *key, const char *value) {
  revtain_vault_context_entry e;
  e.key = (const uint8_t *)key;
  e.key_len = strlen(key);
  e.value = (const uint8_t *)value;
  e.value_len = strlen(value);
  return e;
}

static ctx_t ctx_of(const cJSON *obj) {
  ctx_t c;
  const cJSON *item;
  memset(&c, 0, sizeof c);
  cJSON_ArrayForEach(item, obj) {
    if (c.len < 16) c.entries[c.len++] = entry_of(item->string, item->valuestring);
  }
  return c;
}

/* A context as the two arguments the functions take; NULL when it is empty. */
#define CTX(c) ((c).len ? (c).entries : NULL), (c).len

static revtain_keyring *vector_keyring(const cJSON *v) {
  revtain_keyring *kr = NULL;
  const char *text = str_field(v, "keyring");
  if (revtain_keyring_from_text(text, strlen(text), &kr) != REVTAIN_RESULT_OK) {
    fprintf(stderr, "cannot load the vector keyring\n");
    exit(2);
  }
  return kr;
}

static const cJSON *V;

static void test_seal_case(const cJSON *c) {
  revtain_keyring *kr = vector_keyring(V);
  ctx_t ctx = ctx_of(cJSON_GetObjectItemCaseSensitive(c, "context"));
  size_t pt_len, env_len, n = 99, n2;
  unsigned char *pt = unhex(str_field(c, "plaintext_hex"), &pt_len);
  unsigned char *env = unhex(str_field(c, "envelope_hex"), &env_len);
  const char *text = str_field(c, "envelope_text");
  unsigned char *out = malloc(pt_len + 1);
  unsigned char *sealed = malloc(pt_len + REVTAIN_VAULT_OVERHEAD);
  char *sealed_text;
  bool rotate = false;
  /* Size first, then open; both forms. */
  CHECK(revtain_keyring_open(kr, env, env_len, CTX(ctx), NULL, 0, &n) ==
        (pt_len ? REVTAIN_RESULT_INSUFFICIENT_SIZE : REVTAIN_RESULT_OK));
  CHECK(n == pt_len);
  CHECK(revtain_keyring_open(kr, env, env_len, CTX(ctx), out, pt_len, &n) == REVTAIN_RESULT_OK);
  CHECK(n == pt_len && memcmp(out, pt, pt_len) == 0);
  memset(out, 0, pt_len);
  CHECK(revtain_keyring_open(kr, (const uint8_t *)text, strlen(text), CTX(ctx), out, pt_len, &n) ==
        REVTAIN_RESULT_OK);
  CHECK(n == pt_len && memcmp(out, pt, pt_len) == 0);
  CHECK(revtain_keyring_needs_rotation(kr, env, env_len, &rotate) == REVTAIN_RESULT_OK);
  CHECK(rotate == (bool)cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "needs_rotation")));
  /* Reseal moves it to the primary key. */
  CHECK(revtain_keyring_reseal(kr, env, env_len, CTX(ctx), sealed, pt_len + REVTAIN_VAULT_OVERHEAD,
                               &n) == REVTAIN_RESULT_OK);
  CHECK(n == env_len);
  CHECK(revtain_keyring_needs_rotation(kr, sealed, n, &rotate) == REVTAIN_RESULT_OK && !rotate);
  /* Seal, text form: ask the size, then seal and open again. */
  CHECK(revtain_keyring_seal_text(kr, pt, pt_len, CTX(ctx), NULL, 0, &n2) ==
        REVTAIN_RESULT_INSUFFICIENT_SIZE);
  sealed_text = malloc(n2 + 1);
  CHECK(revtain_keyring_seal_text(kr, pt, pt_len, CTX(ctx), sealed_text, n2 + 1, &n2) ==
        REVTAIN_RESULT_OK);
  CHECK(strncmp(sealed_text, "rvc1:", 5) == 0 && strlen(sealed_text) == n2);
  CHECK(revtain_keyring_open(kr, (const uint8_t *)sealed_text, n2, CTX(ctx), out, pt_len, &n) ==
        REVTAIN_RESULT_OK);
  CHECK(n == pt_len && memcmp(out, pt, pt_len) == 0);
  free(sealed_text);
  free(pt);
  free(env);
  free(out);
  free(sealed);
  revtain_keyring_free(kr);
}

static void test_open_error(const cJSON *c) {
  revtain_keyring *kr = vector_keyring(V);
  ctx_t ctx = ctx_of(cJSON_GetObjectItemCaseSensitive(c, "context"));
  size_t len, n = 0;
  unsigned char *env;
  unsigned char out[4096];
  revtain_result r;
  if (str_field(c, "envelope_hex")) {
    env = unhex(str_field(c, "envelope_hex"), &len);
  } else {
    len = strlen(str_field(c, "envelope_text"));
    env = malloc(len + 1);
    memcpy(env, str_field(c, "envelope_text"), len);
  }
  memset(out, 0xAA, sizeof out);
  r = revtain_keyring_open(kr, env, len, CTX(ctx), out, sizeof out, &n);
  CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
  if (r == REVTAIN_RESULT_VAULT_AUTHENTICATION_FAILED) {
    size_t i;
    bool wiped = true;
    for (i = 0; i < n; i++) wiped = wiped && out[i] == 0;
    CHECK(wiped); /* no plaintext left behind */
  }
  free(env);
  revtain_keyring_free(kr);
}

static void test_keyring_valid(const cJSON *c) {
  revtain_keyring *kr = NULL, *again = NULL;
  const char *text = str_field(c, "text");
  const cJSON *ids = cJSON_GetObjectItemCaseSensitive(c, "key_ids");
  uint32_t primary = 0;
  size_t n;
  char buf[1024];
  CHECK(revtain_keyring_from_text(text, strlen(text), &kr) == REVTAIN_RESULT_OK);
  CHECK(revtain_keyring_primary_key_id(kr, &primary) == REVTAIN_RESULT_OK);
  CHECK(primary == (uint32_t)cJSON_GetArrayItem(ids, 0)->valuedouble);
  CHECK(revtain_keyring_to_text(kr, buf, sizeof buf, &n) == REVTAIN_RESULT_OK);
  CHECK(revtain_keyring_from_text(buf, n, &again) == REVTAIN_RESULT_OK);
  revtain_keyring_free(kr);
  revtain_keyring_free(again);
}

static void test_keyring_invalid(const cJSON *c) {
  revtain_keyring *kr = (revtain_keyring *)&kr; /* must be reset to NULL */
  const char *text = str_field(c, "text");
  revtain_result r = revtain_keyring_from_text(text, strlen(text), &kr);
  CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
  CHECK(kr == NULL);
}

static void test_context_invalid(const cJSON *c) {
  revtain_keyring *kr = NULL;
  size_t klen = (size_t)cJSON_GetObjectItemCaseSensitive(c, "key_len")->valuedouble;
  size_t vlen = (size_t)cJSON_GetObjectItemCaseSensitive(c, "value_len")->valuedouble;
  uint8_t *k = calloc(klen ? klen : 1, 1), *val = calloc(vlen ? vlen : 1, 1), out[64];
  revtain_vault_context_entry entry[1];
  size_t n;
  revtain_result r;
  entry[0].key = k;
  entry[0].key_len = klen;
  entry[0].value = val;
  entry[0].value_len = vlen;
  CHECK(revtain_keyring_generate(&kr) == REVTAIN_RESULT_OK);
  r = revtain_keyring_seal(kr, (const uint8_t *)"x", 1, entry, 1, out, sizeof out, &n);
  CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
  free(k);
  free(val);
  revtain_keyring_free(kr);
}

static void run_vault_group(const char *group, void (*fn)(const cJSON *)) {
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(V, group)) {
    case_begin();
    fn(c);
    case_end(str_field(c, "id"));
  }
}

static void test_rotation_and_conventions(void) {
  revtain_keyring *old = NULL, *new_kr = NULL;
  revtain_vault_context_entry ctx[2], bad[1], nul_a[1], nul_b[1];
  size_t n;
  uint8_t env[64], env2[64], pt[16];
  uint32_t a, b;
  bool rotate;
  ctx[0] = entry_of("tenant", "t_1");
  ctx[1] = entry_of("tenant", "t_2");
  case_begin();
  CHECK(revtain_keyring_generate(&old) == REVTAIN_RESULT_OK);
  CHECK(revtain_keyring_rotate(old, &new_kr) == REVTAIN_RESULT_OK);
  CHECK(revtain_keyring_primary_key_id(old, &a) == REVTAIN_RESULT_OK);
  CHECK(revtain_keyring_primary_key_id(new_kr, &b) == REVTAIN_RESULT_OK && a != b);
  CHECK(revtain_keyring_seal(old, (const uint8_t *)"secret", 6, ctx, 1, env, sizeof env, &n) ==
        REVTAIN_RESULT_OK);
  CHECK(n == 6 + REVTAIN_VAULT_OVERHEAD);
  CHECK(revtain_keyring_needs_rotation(new_kr, env, n, &rotate) == REVTAIN_RESULT_OK && rotate);
  CHECK(revtain_keyring_reseal(new_kr, env, n, ctx, 1, env2, sizeof env2, &n) == REVTAIN_RESULT_OK);
  CHECK(revtain_keyring_open(old, env2, n, ctx, 1, pt, sizeof pt, &n) ==
        REVTAIN_RESULT_VAULT_UNKNOWN_KEY_ID);
  /* Another tenant's context cannot open it. */
  CHECK(revtain_keyring_open(new_kr, env2, 6 + REVTAIN_VAULT_OVERHEAD, ctx + 1, 1, pt, sizeof pt,
                             &n) == REVTAIN_RESULT_VAULT_AUTHENTICATION_FAILED);
  CHECK(revtain_keyring_open(new_kr, env2, 6 + REVTAIN_VAULT_OVERHEAD, ctx, 1, pt, sizeof pt, &n) ==
            REVTAIN_RESULT_OK &&
        n == 6 && memcmp(pt, "secret", 6) == 0);
  /* A repeated context key is an error. */
  CHECK(revtain_keyring_seal(old, (const uint8_t *)"x", 1, ctx, 2, env, sizeof env, &n) ==
        REVTAIN_RESULT_VAULT_INVALID_CONTEXT);
  /* Context bytes are read to their lengths: values that differ only after a NUL differ. */
  nul_a[0] = entry_of("tenant", "t");
  nul_a[0].value = (const uint8_t *)"t\0a";
  nul_a[0].value_len = 3;
  nul_b[0] = nul_a[0];
  nul_b[0].value = (const uint8_t *)"t\0b";
  CHECK(revtain_keyring_seal(old, (const uint8_t *)"x", 1, nul_a, 1, env, sizeof env, &n) ==
        REVTAIN_RESULT_OK);
  CHECK(revtain_keyring_open(old, env, n, nul_b, 1, pt, sizeof pt, &n) ==
        REVTAIN_RESULT_VAULT_AUTHENTICATION_FAILED);
  CHECK(revtain_keyring_open(old, env, 1 + REVTAIN_VAULT_OVERHEAD, nul_a, 1, pt, sizeof pt, &n) ==
            REVTAIN_RESULT_OK &&
        n == 1 && pt[0] == 'x');
  /* NULLs: the keyring; the context with a count; an entry's key or value with a length; the
   * plaintext with a length. */
  CHECK(revtain_keyring_seal(NULL, (const uint8_t *)"x", 1, NULL, 0, env, sizeof env, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_keyring_seal(old, (const uint8_t *)"x", 1, NULL, 1, env, sizeof env, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  bad[0] = entry_of("tenant", "t_1");
  bad[0].key = NULL;
  CHECK(revtain_keyring_seal(old, (const uint8_t *)"x", 1, bad, 1, env, sizeof env, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  bad[0] = entry_of("tenant", "t_1");
  bad[0].value = NULL;
  CHECK(revtain_keyring_open(old, env, 1 + REVTAIN_VAULT_OVERHEAD, bad, 1, pt, sizeof pt, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_keyring_seal(old, NULL, 1, NULL, 0, env, sizeof env, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_keyring_seal(old, NULL, 0, NULL, 0, env, sizeof env, &n) == REVTAIN_RESULT_OK);
  CHECK(revtain_keyring_seal(old, (const uint8_t *)"x", 1, NULL, 0, env, 10, &n) ==
            REVTAIN_RESULT_INSUFFICIENT_SIZE &&
        n == 35);
  /* A size query for a length whose envelope would not fit in a size_t does not wrap: it is
   * INSUFFICIENT_SIZE with SIZE_MAX as the size (and the plaintext is not read). */
  CHECK(revtain_keyring_seal(old, (const uint8_t *)"x", SIZE_MAX - 10, NULL, 0, NULL, 0, &n) ==
            REVTAIN_RESULT_INSUFFICIENT_SIZE &&
        n == SIZE_MAX);
  CHECK(revtain_keyring_seal_text(old, (const uint8_t *)"x", SIZE_MAX / 2, NULL, 0, NULL, 0, &n) ==
            REVTAIN_RESULT_INSUFFICIENT_SIZE &&
        n == SIZE_MAX);
  CHECK(revtain_keyring_generate(NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_keyring_from_text("x", 1, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_keyring_primary_key_id(NULL, &a) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_keyring_needs_rotation(old, env, 3, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  revtain_keyring_free(NULL);
  revtain_keyring_free(old);
  revtain_keyring_free(new_kr);
  case_end("c-rotation-context-and-null-arguments");
}

int main(int argc, char **argv) {
  cJSON *v;
  if (argc != 2) {
    fprintf(stderr, "usage: %s <tests/vectors dir>\n", argv[0]);
    return 2;
  }
  v = load_vectors(argv[1], "vault.json");
  V = v;
  run_vault_group("seal", test_seal_case);
  run_vault_group("open_errors", test_open_error);
  run_vault_group("keyring_valid", test_keyring_valid);
  run_vault_group("keyring_invalid", test_keyring_invalid);
  run_vault_group("context_invalid", test_context_invalid);
  test_rotation_and_conventions();
  cJSON_Delete(v);
  return summary();
}
