/* Runs tests/vectors/vault.json, and the C conventions, against librevtain.
 * Usage: test_vault <vectors dir> */
#include <revtain.h>

#include "harness.h"

typedef struct {
  const uint8_t *keys[16];
  size_t key_lens[16];
  const uint8_t *values[16];
  size_t value_lens[16];
  size_t len;
} ctx_t;

static ctx_t ctx_of(const cJSON *obj) {
  ctx_t c;
  const cJSON *item;
  memset(&c, 0, sizeof c);
  cJSON_ArrayForEach(item, obj) {
    c.keys[c.len] = (const uint8_t *)item->string;
    c.key_lens[c.len] = strlen(item->string);
    c.values[c.len] = (const uint8_t *)item->valuestring;
    c.value_lens[c.len] = strlen(item->valuestring);
    c.len++;
  }
  return c;
}

#define CTX(c) (c).keys, (c).key_lens, (c).values, (c).value_lens, (c).len

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
  uint8_t *k = calloc(klen, 1), *val = calloc(vlen, 1), out[64];
  const uint8_t *keys[1], *values[1];
  size_t n;
  revtain_result r;
  keys[0] = k;
  values[0] = val;
  CHECK(revtain_keyring_generate(&kr) == REVTAIN_RESULT_OK);
  r = revtain_keyring_seal(kr, (const uint8_t *)"x", 1, keys, &klen, values, &vlen, 1, out,
                           sizeof out, &n);
  CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
  free(k);
  free(val);
  revtain_keyring_free(kr);
}

static void run_group(const char *group, void (*fn)(const cJSON *)) {
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(V, group)) {
    case_begin();
    fn(c);
    case_end(str_field(c, "id"));
  }
}

static void test_rotation_and_conventions(void) {
  revtain_keyring *old = NULL, *new_kr = NULL;
  const uint8_t *keys[2] = {(const uint8_t *)"tenant", (const uint8_t *)"tenant"};
  const uint8_t *values[2] = {(const uint8_t *)"t_1", (const uint8_t *)"t_2"};
  size_t klens[2] = {6, 6}, vlens[2] = {3, 3}, n;
  uint8_t env[64], env2[64], pt[16];
  uint32_t a, b;
  bool rotate;
  case_begin();
  CHECK(revtain_keyring_generate(&old) == REVTAIN_RESULT_OK);
  CHECK(revtain_keyring_rotate(old, &new_kr) == REVTAIN_RESULT_OK);
  CHECK(revtain_keyring_primary_key_id(old, &a) == REVTAIN_RESULT_OK);
  CHECK(revtain_keyring_primary_key_id(new_kr, &b) == REVTAIN_RESULT_OK && a != b);
  CHECK(revtain_keyring_seal(old, (const uint8_t *)"secret", 6, keys, klens, values, vlens, 1, env,
                             sizeof env, &n) == REVTAIN_RESULT_OK);
  CHECK(n == 6 + REVTAIN_VAULT_OVERHEAD);
  CHECK(revtain_keyring_needs_rotation(new_kr, env, n, &rotate) == REVTAIN_RESULT_OK && rotate);
  CHECK(revtain_keyring_reseal(new_kr, env, n, keys, klens, values, vlens, 1, env2, sizeof env2,
                               &n) == REVTAIN_RESULT_OK);
  CHECK(revtain_keyring_open(old, env2, n, keys, klens, values, vlens, 1, pt, sizeof pt, &n) ==
        REVTAIN_RESULT_VAULT_UNKNOWN_KEY_ID);
  /* Another tenant's context cannot open it. */
  CHECK(revtain_keyring_open(new_kr, env2, 6 + REVTAIN_VAULT_OVERHEAD, keys + 1, klens + 1,
                             values + 1, vlens + 1, 1, pt, sizeof pt, &n) ==
        REVTAIN_RESULT_VAULT_AUTHENTICATION_FAILED);
  /* A repeated context key is an error. */
  CHECK(revtain_keyring_seal(old, (const uint8_t *)"x", 1, keys, klens, values, vlens, 2, env,
                             sizeof env, &n) == REVTAIN_RESULT_VAULT_INVALID_CONTEXT);
  /* NULLs. */
  CHECK(revtain_keyring_seal(NULL, (const uint8_t *)"x", 1, NULL, NULL, NULL, NULL, 0, env,
                             sizeof env, &n) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_keyring_seal(old, (const uint8_t *)"x", 1, NULL, NULL, NULL, NULL, 1, env,
                             sizeof env, &n) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_keyring_seal(old, NULL, 1, NULL, NULL, NULL, NULL, 0, env, sizeof env, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_keyring_seal(old, NULL, 0, NULL, NULL, NULL, NULL, 0, env, sizeof env, &n) ==
        REVTAIN_RESULT_OK);
  CHECK(revtain_keyring_seal(old, (const uint8_t *)"x", 1, NULL, NULL, NULL, NULL, 0, env, 10, &n) ==
        REVTAIN_RESULT_INSUFFICIENT_SIZE && n == 35);
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
  run_group("seal", test_seal_case);
  run_group("open_errors", test_open_error);
  run_group("keyring_valid", test_keyring_valid);
  run_group("keyring_invalid", test_keyring_invalid);
  run_group("context_invalid", test_context_invalid);
  test_rotation_and_conventions();
  cJSON_Delete(v);
  return summary();
}
