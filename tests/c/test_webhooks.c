/* Runs tests/vectors/webhooks.json (signing, verification, errors) and the C conventions
 * against librevtain. Usage: test_webhooks <vectors dir> */
#include <revtain.h>

#include "harness.h"

/* body = hex(body_hex) repeated body_repeat times; the caller frees. */
static unsigned char *body_of(const cJSON *c, size_t *len) {
  size_t unit_len, i;
  const cJSON *rep = cJSON_GetObjectItemCaseSensitive(c, "body_repeat");
  size_t repeat = cJSON_IsNumber(rep) ? (size_t)rep->valuedouble : 1;
  unsigned char *unit = unhex(str_field(c, "body_hex"), &unit_len);
  unsigned char *body = malloc(unit_len * repeat + 1);
  for (i = 0; i < repeat; i++) memcpy(body + i * unit_len, unit, unit_len);
  free(unit);
  *len = unit_len * repeat;
  return body;
}

/* The secrets array; the strings belong to the cJSON tree. */
static const char **secrets_of(const cJSON *c, size_t *n) {
  const cJSON *arr = cJSON_GetObjectItemCaseSensitive(c, "secrets"), *s;
  const char **out = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *out);
  *n = 0;
  cJSON_ArrayForEach(s, arr) { out[(*n)++] = s->valuestring; }
  return out;
}

static uint64_t u64_field(const cJSON *c, const char *name) {
  return (uint64_t)cJSON_GetObjectItemCaseSensitive(c, name)->valuedouble;
}

static void test_sign(const cJSON *c) {
  size_t n_secrets, body_len, len = 0, n = 0;
  const char **secrets = secrets_of(c, &n_secrets);
  unsigned char *body = body_of(c, &body_len);
  const cJSON *headers = cJSON_GetObjectItemCaseSensitive(c, "headers"), *h;
  char *text, expected[4096];
  uint64_t t = 0;
  CHECK(revtain_webhook_sign(secrets, n_secrets, body, body_len, str_field(c, "event_id"),
                             u64_field(c, "timestamp"), NULL, 0, &len) ==
        REVTAIN_RESULT_INSUFFICIENT_SIZE);
  text = malloc(len + 1);
  CHECK(revtain_webhook_sign(secrets, n_secrets, body, body_len, str_field(c, "event_id"),
                             u64_field(c, "timestamp"), text, len + 1, &n) == REVTAIN_RESULT_OK);
  CHECK(n == len && strlen(text) == len);
  /* Every header line, in order. */
  {
    size_t off = 0;
    cJSON_ArrayForEach(h, headers) {
      snprintf(expected, sizeof expected, "%s: %s\r\n", h->string, h->valuestring);
      CHECK(strncmp(text + off, expected, strlen(expected)) == 0);
      off += strlen(expected);
    }
    CHECK(off == len);
  }
  /* And our verifier accepts the signature header. */
  CHECK(revtain_webhook_verify(body, body_len,
                               cJSON_GetObjectItemCaseSensitive(headers, "X-Revtain-Signature")->valuestring,
                               secrets, n_secrets, 300, u64_field(c, "timestamp") + 1, &t) ==
        REVTAIN_RESULT_OK);
  CHECK(t == u64_field(c, "timestamp"));
  free(text);
  free(body);
  free(secrets);
}

static void test_sign_error(const cJSON *c) {
  size_t n_secrets, n = 0;
  const char **secrets = secrets_of(c, &n_secrets);
  char buf[2048];
  revtain_result r = revtain_webhook_sign(secrets, n_secrets, (const uint8_t *)"{}", 2,
                                          str_field(c, "event_id"), 1, buf, sizeof buf, &n);
  CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
  free(secrets);
}

static void test_verify(const cJSON *c) {
  size_t n_secrets, body_len;
  const char **secrets = secrets_of(c, &n_secrets);
  unsigned char *body = body_of(c, &body_len);
  const cJSON *want_t = cJSON_GetObjectItemCaseSensitive(c, "timestamp");
  const cJSON *age = cJSON_GetObjectItemCaseSensitive(c, "age");
  uint64_t t = 12345, now = u64_field(c, "now");
  revtain_result r = revtain_webhook_verify(body, body_len, str_field(c, "header"), secrets, n_secrets,
                                            u64_field(c, "tolerance"), now, &t);
  if (cJSON_IsNumber(want_t)) {
    CHECK(r == REVTAIN_RESULT_OK);
    CHECK(t == (uint64_t)want_t->valuedouble);
  } else {
    CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
    if (cJSON_IsNumber(age)) {
      /* The signed timestamp is handed back so that the caller can tell the age. */
      CHECK((double)((int64_t)now - (int64_t)t) == age->valuedouble);
    } else {
      CHECK(t == 0);
    }
  }
  free(body);
  free(secrets);
}

static void run_group(const cJSON *vectors, const char *group, void (*fn)(const cJSON *)) {
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(vectors, group)) {
    case_begin();
    fn(c);
    case_end(str_field(c, "id"));
  }
}

static void test_conventions(void) {
  char secret[REVTAIN_WEBHOOK_SECRET_BUF_SIZE], other[REVTAIN_WEBHOOK_SECRET_BUF_SIZE], buf[1024];
  const char *one[1], *two[2];
  size_t n = 0;
  uint64_t t = 0;
  char *sig;
  case_begin();
  CHECK(revtain_webhook_secret_generate(secret, 10, &n) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(n + 1 == REVTAIN_WEBHOOK_SECRET_BUF_SIZE);
  CHECK(revtain_webhook_secret_generate(secret, sizeof secret, &n) == REVTAIN_RESULT_OK);
  CHECK(revtain_webhook_secret_generate(other, sizeof other, &n) == REVTAIN_RESULT_OK);
  CHECK(strncmp(secret, "whsec_", 6) == 0 && strcmp(secret, other) != 0);
  CHECK(revtain_webhook_secret_generate(secret, sizeof secret, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  one[0] = secret;
  CHECK(revtain_webhook_sign(one, 1, (const uint8_t *)"{}", 2, "evt_1", 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_OK);
  /* now = 0 is the system clock: a signature made at t = 0 is stale. */
  sig = strstr(buf, "X-Revtain-Signature: ") + 21;
  *strstr(sig, "\r\n") = '\0';
  CHECK(revtain_webhook_verify((const uint8_t *)"{}", 2, sig, one, 1, 300, 0, &t) ==
        REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE);
  CHECK(t == 0);
  CHECK(revtain_webhook_verify((const uint8_t *)"{}", 2, sig, one, 1, 300, 100, NULL) == REVTAIN_RESULT_OK);
  /* Rotation: either secret verifies. */
  two[0] = other;
  two[1] = secret;
  CHECK(revtain_webhook_verify((const uint8_t *)"{}", 2, sig, two, 2, 300, 100, &t) == REVTAIN_RESULT_OK);
  CHECK(revtain_webhook_verify((const uint8_t *)"{}", 2, sig, two, 1, 300, 100, &t) ==
        REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH);
  /* NULL arguments are errors, never crashes. */
  CHECK(revtain_webhook_verify(NULL, 2, sig, one, 1, 300, 100, &t) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_verify(NULL, 0, sig, one, 1, 300, 100, &t) == REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH);
  CHECK(revtain_webhook_verify((const uint8_t *)"{}", 2, NULL, one, 1, 300, 100, &t) ==
        REVTAIN_RESULT_WEBHOOK_HEADER_MISSING);
  CHECK(revtain_webhook_verify((const uint8_t *)"{}", 2, sig, NULL, 1, 300, 100, &t) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_verify((const uint8_t *)"{}", 2, sig, one, 0, 300, 100, &t) ==
        REVTAIN_RESULT_WEBHOOK_INVALID_SECRET);
  CHECK(revtain_webhook_sign(one, 1, (const uint8_t *)"{}", 2, NULL, 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_sign(one, 1, (const uint8_t *)"{}", 2, "evt_1", 0, buf, sizeof buf, NULL) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_sign(one, 1, (const uint8_t *)"{}", 2, "evt\xff", 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_WEBHOOK_INVALID_EVENT_ID);
  /* Messages exist for every webhook code. */
  {
    uint32_t code;
    for (code = 300; code <= 307; code++) {
      CHECK(revtain_result_message(code, buf, sizeof buf, &n) == REVTAIN_RESULT_OK && n > 20);
      CHECK(strcmp(revtain_result_name(code), "REVTAIN_RESULT_UNKNOWN") != 0);
    }
  }
  case_end("c-webhook-conventions");
}

int main(int argc, char **argv) {
  cJSON *v;
  if (argc != 2) {
    fprintf(stderr, "usage: %s <tests/vectors dir>\n", argv[0]);
    return 2;
  }
  v = load_vectors(argv[1], "webhooks.json");
  run_group(v, "sign", test_sign);
  run_group(v, "sign_errors", test_sign_error);
  run_group(v, "verify", test_verify);
  test_conventions();
  cJSON_Delete(v);
  return summary();
}
