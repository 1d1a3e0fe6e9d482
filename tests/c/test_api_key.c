/* Runs tests/vectors/api_key.json, and the C conventions (NULL checks, size queries,
 * messages), against librevtain. Usage: test_api_key <vectors dir> */
#include <revtain.h>

#include "harness.h"

static void test_valid(const cJSON *c) {
  const char *key = str_field(c, "key");
  char red[REVTAIN_API_KEY_REDACTED_BUF_SIZE];
  size_t n = 0, pos = 999;
  CHECK(revtain_api_key_validate(key, strlen(key), &pos) == REVTAIN_RESULT_OK);
  CHECK(pos == 999);
  CHECK(revtain_api_key_redacted(key, strlen(key), red, sizeof red, &n) == REVTAIN_RESULT_OK);
  CHECK(n == strlen(str_field(c, "redacted")) && strcmp(red, str_field(c, "redacted")) == 0);
}

static void test_invalid(const cJSON *c) {
  size_t len = 0, pos = 999, n = 0;
  unsigned char *key = unhex(str_field(c, "key_hex"), &len);
  const cJSON *want_pos = cJSON_GetObjectItemCaseSensitive(c, "position");
  unsigned char hash[32];
  char red[64];
  revtain_result r = revtain_api_key_validate((const char *)key, len, &pos);
  CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
  if (cJSON_IsNumber(want_pos)) {
    CHECK(pos == (size_t)want_pos->valuedouble);
  } else {
    CHECK(pos == 999);
  }
  /* Every function that takes a key refuses it the same way. */
  CHECK(revtain_api_key_lookup_hash((const char *)key, len, NULL, 0, hash, sizeof hash, &n) == r);
  CHECK(revtain_api_key_redacted((const char *)key, len, red, sizeof red, &n) == r);
  free(key);
}

static void test_lookup_hash(const cJSON *c) {
  const char *key = str_field(c, "key");
  size_t pepper_len, want_len, n = 0;
  unsigned char *pepper = unhex(str_field(c, "pepper_hex"), &pepper_len);
  unsigned char *want = unhex(str_field(c, "hash_hex"), &want_len);
  unsigned char got[REVTAIN_API_KEY_LOOKUP_HASH_LEN];
  bool matches = false;
  CHECK(revtain_api_key_lookup_hash(key, strlen(key), pepper_len ? pepper : NULL, pepper_len, got,
                                    sizeof got, &n) == REVTAIN_RESULT_OK);
  CHECK(n == 32 && want_len == 32 && memcmp(got, want, 32) == 0);
  CHECK(revtain_api_key_verify(key, strlen(key), want, want_len, pepper, pepper_len, &matches) ==
        REVTAIN_RESULT_OK);
  CHECK(matches);
  free(pepper);
  free(want);
}

static void test_verify(const cJSON *c) {
  const char *key = str_field(c, "key");
  size_t hash_len, pepper_len;
  unsigned char *hash = unhex(str_field(c, "stored_hash_hex"), &hash_len);
  unsigned char *pepper = unhex(str_field(c, "pepper_hex"), &pepper_len);
  const cJSON *want = cJSON_GetObjectItemCaseSensitive(c, "matches");
  bool matches = true;
  revtain_result r =
      revtain_api_key_verify(key, strlen(key), hash, hash_len, pepper, pepper_len, &matches);
  if (cJSON_IsBool(want)) {
    CHECK(r == REVTAIN_RESULT_OK);
    CHECK(matches == (bool)cJSON_IsTrue(want));
  } else {
    CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
    CHECK(!matches);
  }
  free(hash);
  free(pepper);
}

static void test_scan(const cJSON *c) {
  const char *text = str_field(c, "text");
  const cJSON *want = cJSON_GetObjectItemCaseSensitive(c, "matches");
  const char *want_red = str_field(c, "redacted");
  size_t want_n = (size_t)cJSON_GetArraySize(want), count = 999, n = 0, i;
  revtain_range *ranges;
  char *out;
  /* Count first, then fetch. */
  revtain_result r = revtain_api_key_find(text, strlen(text), NULL, 0, &count);
  CHECK(count == want_n);
  CHECK(r == (want_n == 0 ? REVTAIN_RESULT_OK : REVTAIN_RESULT_INSUFFICIENT_SIZE));
  ranges = calloc(want_n + 1, sizeof *ranges);
  CHECK(revtain_api_key_find(text, strlen(text), ranges, want_n + 1, &count) == REVTAIN_RESULT_OK);
  for (i = 0; i < want_n && i < count; i++) {
    const cJSON *bytes = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(want, (int)i), "bytes");
    CHECK(ranges[i].start == (size_t)cJSON_GetArrayItem(bytes, 0)->valuedouble);
    CHECK(ranges[i].end == (size_t)cJSON_GetArrayItem(bytes, 1)->valuedouble);
  }
  free(ranges);
  /* Size query, then an exact buffer. */
  CHECK(revtain_api_key_redact_text(text, strlen(text), NULL, 0, &n) ==
        REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(n == strlen(want_red));
  out = malloc(n + 1);
  CHECK(revtain_api_key_redact_text(text, strlen(text), out, n, &n) ==
        REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(revtain_api_key_redact_text(text, strlen(text), out, n + 1, &n) == REVTAIN_RESULT_OK);
  CHECK(strcmp(out, want_red) == 0);
  free(out);
}

static void test_generate(void) {
  char a[REVTAIN_API_KEY_BUF_SIZE], b[REVTAIN_API_KEY_BUF_SIZE], small[10];
  size_t n = 0;
  case_begin();
  CHECK(revtain_api_key_generate(NULL, 0, &n) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(n == REVTAIN_API_KEY_LEN);
  CHECK(revtain_api_key_generate(small, sizeof small, &n) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(revtain_api_key_generate(a, sizeof a, &n) == REVTAIN_RESULT_OK);
  CHECK(n == REVTAIN_API_KEY_LEN && strlen(a) == REVTAIN_API_KEY_LEN);
  CHECK(strncmp(a, "rev_", 4) == 0);
  CHECK(revtain_api_key_validate(a, n, NULL) == REVTAIN_RESULT_OK);
  CHECK(revtain_api_key_generate(b, sizeof b, &n) == REVTAIN_RESULT_OK);
  CHECK(strcmp(a, b) != 0);
  case_end("c-generate-sizes-and-uniqueness");
}

static void test_null_arguments(void) {
  unsigned char hash[32];
  char buf[64];
  size_t n;
  bool m;
  const char *key = "rev_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX";
  case_begin();
  CHECK(revtain_api_key_generate(buf, sizeof buf, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_api_key_generate(NULL, 64, &n) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_api_key_validate(NULL, 36, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  /* NULL with length 0 is the empty string, which is not a key. */
  CHECK(revtain_api_key_validate(NULL, 0, NULL) == REVTAIN_RESULT_API_KEY_WRONG_PREFIX);
  CHECK(revtain_api_key_lookup_hash(key, 36, NULL, 5, hash, 32, &n) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_api_key_lookup_hash(key, 36, NULL, 0, hash, 32, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_api_key_verify(key, 36, hash, 32, NULL, 0, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_api_key_verify(key, 36, NULL, 32, NULL, 0, &m) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_api_key_redacted(key, 36, buf, sizeof buf, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_api_key_find(key, 36, NULL, 0, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_api_key_find(key, 36, NULL, 4, &n) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_api_key_redact_text(NULL, 3, buf, sizeof buf, &n) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_api_key_redact_text(NULL, 0, buf, sizeof buf, &n) == REVTAIN_RESULT_OK);
  CHECK(n == 0 && buf[0] == '\0');
  CHECK(revtain_result_message(0, buf, sizeof buf, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  case_end("c-null-arguments");
}

static void test_messages(void) {
  static const uint32_t codes[] = {0, 1, 2, 3, 10, 100, 101, 102, 103};
  char buf[512];
  size_t i, n;
  case_begin();
  for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
    CHECK(revtain_result_message(codes[i], buf, sizeof buf, &n) == REVTAIN_RESULT_OK);
    CHECK(n > 0 && strlen(buf) == n);
    CHECK(strncmp(revtain_result_name(codes[i]), "REVTAIN_RESULT_", 15) == 0);
    CHECK(strcmp(revtain_result_name(codes[i]), "REVTAIN_RESULT_UNKNOWN") != 0);
  }
  CHECK(revtain_result_message(987654u, buf, sizeof buf, &n) == REVTAIN_RESULT_OK);
  CHECK(strstr(buf, "987654") != NULL);
  CHECK(strcmp(revtain_result_name(987654u), "REVTAIN_RESULT_UNKNOWN") == 0);
  CHECK(revtain_result_message(0, NULL, 0, &n) == REVTAIN_RESULT_INSUFFICIENT_SIZE && n == 7);
  CHECK(strcmp(revtain_version(), "") != 0);
  case_end("c-result-messages-and-names");
}

/* The header's version macros name the library it was built with. */
static void test_version(void) {
  char formatted[64];
  case_begin();
  CHECK(strcmp(REVTAIN_VERSION_STRING, revtain_version()) == 0);
  snprintf(formatted, sizeof formatted, "%d.%d.%d", REVTAIN_VERSION_MAJOR, REVTAIN_VERSION_MINOR,
           REVTAIN_VERSION_PATCH);
  CHECK(strcmp(formatted, REVTAIN_VERSION_STRING) == 0);
  case_end("c-version-macros-match-the-library");
}

/* Texts are read to their length: no NUL is needed after them, and one inside is a byte. */
static void test_text_lengths(void) {
  static const char key[] = "rev_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX";
  char text[96], red[REVTAIN_API_KEY_REDACTED_BUF_SIZE], out[96];
  revtain_range ranges[2];
  size_t count = 0, n = 0, pos = 999;
  case_begin();
  /* The key followed by more characters, given with its own length. */
  snprintf(text, sizeof text, "%s%s", key, "AAAA");
  CHECK(revtain_api_key_validate(text, REVTAIN_API_KEY_LEN, &pos) == REVTAIN_RESULT_OK);
  CHECK(revtain_api_key_redacted(text, REVTAIN_API_KEY_LEN, red, sizeof red, &n) ==
        REVTAIN_RESULT_OK);
  /* The key and a NUL is 37 bytes: not a key. */
  memcpy(text, key, REVTAIN_API_KEY_LEN + 1);
  CHECK(revtain_api_key_validate(text, REVTAIN_API_KEY_LEN + 1, &pos) ==
        REVTAIN_RESULT_API_KEY_WRONG_LENGTH);
  /* A key after a NUL is found, and redacted. */
  memcpy(text, "a\0 ", 3);
  memcpy(text + 3, key, REVTAIN_API_KEY_LEN);
  CHECK(revtain_api_key_find(text, 3 + REVTAIN_API_KEY_LEN, ranges, 2, &count) ==
        REVTAIN_RESULT_OK);
  CHECK(count == 1 && ranges[0].start == 3 && ranges[0].end == 3 + REVTAIN_API_KEY_LEN);
  CHECK(revtain_api_key_redact_text(text, 3 + REVTAIN_API_KEY_LEN, out, sizeof out, &n) ==
        REVTAIN_RESULT_OK);
  CHECK(n == 3 + strlen(red) && memcmp(out, "a\0 ", 3) == 0 && strcmp(out + 3, red) == 0);
  case_end("c-texts-read-to-their-length");
}

int main(int argc, char **argv) {
  cJSON *v;
  if (argc != 2) {
    fprintf(stderr, "usage: %s <tests/vectors dir>\n", argv[0]);
    return 2;
  }
  v = load_vectors(argv[1], "api_key.json");
  run_group(v, "valid", test_valid);
  run_group(v, "invalid", test_invalid);
  run_group(v, "lookup_hash", test_lookup_hash);
  run_group(v, "verify", test_verify);
  run_group(v, "scan", test_scan);
  test_generate();
  test_null_arguments();
  test_messages();
  test_version();
  test_text_lengths();
  cJSON_Delete(v);
  return summary();
}
