/* Runs tests/vectors/ratelimit.json (decisions and headers for arrival sequences), the C
 * conventions and a threaded check against librevtain. Usage: test_ratelimit <vectors dir> */
#include <revtain.h>

#include <math.h>
#include <pthread.h>

#include "harness.h"

static long long micros(double seconds) { return llround(seconds * 1e6); }

static void test_case(const cJSON *c) {
  revtain_rate_limiter *l = NULL;
  const cJSON *r;
  int i = 0;
  CHECK(revtain_rate_limiter_new((uint32_t)cJSON_GetObjectItemCaseSensitive(c, "limit")->valuedouble,
                                 cJSON_GetObjectItemCaseSensitive(c, "window")->valuedouble,
                                 &l) == REVTAIN_RESULT_OK);
  if (!l) return;
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(c, "requests")) {
    const char *key = str_field(r, "key");
    revtain_rate_limit_decision d;
    char want[512] = "", got[512];
    size_t n = 0;
    const cJSON *h;
    double now = cJSON_GetObjectItemCaseSensitive(r, "now")->valuedouble;
    CHECK(revtain_rate_limiter_check(l, (const uint8_t *)key, strlen(key), &now, &d) ==
          REVTAIN_RESULT_OK);
    CHECK(d.allowed == cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "allowed")));
    CHECK(d.remaining == (uint32_t)cJSON_GetObjectItemCaseSensitive(r, "remaining")->valuedouble);
    CHECK(micros(d.retry_after) ==
          micros(cJSON_GetObjectItemCaseSensitive(r, "retry_after")->valuedouble));
    CHECK(micros(d.reset_after) ==
          micros(cJSON_GetObjectItemCaseSensitive(r, "reset_after")->valuedouble));
    cJSON_ArrayForEach(h, cJSON_GetObjectItemCaseSensitive(r, "headers")) {
      size_t len = strlen(want);
      snprintf(want + len, sizeof want - len, "%s: %s\r\n", h->string, h->valuestring);
    }
    CHECK(revtain_rate_limit_decision_headers(&d, got, sizeof got, &n) == REVTAIN_RESULT_OK);
    if (strcmp(got, want) != 0) {
      fprintf(stderr, "    request %d: headers\n%s    want\n%s", i, got, want);
      CHECK(0);
    }
    i++;
  }
  revtain_rate_limiter_free(l);
}

static void test_errors(const cJSON *v) {
  const cJSON *c;
  revtain_rate_limiter *l = NULL;
  revtain_rate_limit_decision d;
  case_begin();
  CHECK(revtain_rate_limiter_new(1, 1.0, &l) == REVTAIN_RESULT_OK);
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(v, "errors")) {
    const char *key = str_field(c, "key");
    revtain_result r = revtain_rate_limiter_check(l, (const uint8_t *)key, strlen(key), NULL, &d);
    CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
    CHECK(!d.allowed);
  }
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(v, "config_errors")) {
    revtain_rate_limiter *bad = (revtain_rate_limiter *)&d; /* must be reset to NULL */
    CHECK(revtain_rate_limiter_new((uint32_t)cJSON_GetObjectItemCaseSensitive(c, "limit")->valuedouble,
                                   cJSON_GetObjectItemCaseSensitive(c, "window")->valuedouble,
                                   &bad) == REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG);
    CHECK(bad == NULL);
  }
  revtain_rate_limiter_free(l);
  case_end("ratelimit-errors");
}

static void test_conventions(void) {
  revtain_rate_limiter *l = NULL;
  revtain_rate_limit_decision d;
  char buf[256];
  size_t n = 0, need = 0;
  double nan_now = NAN, negative = -5.0, zero = 0.0, at = 1700000000.0;
  case_begin();
  CHECK(revtain_rate_limiter_new(2, 60.0, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_rate_limiter_new(2, NAN, &l) == REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG);
  CHECK(revtain_rate_limiter_new(2, INFINITY, &l) == REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG);
  CHECK(revtain_rate_limiter_new(REVTAIN_RATE_LIMIT_DEFAULT_LIMIT,
                                 REVTAIN_RATE_LIMIT_DEFAULT_WINDOW, &l) == REVTAIN_RESULT_OK);
  CHECK(revtain_rate_limiter_check(NULL, (const uint8_t *)"k", 1, NULL, &d) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_rate_limiter_check(l, NULL, 1, NULL, &d) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_rate_limiter_check(l, (const uint8_t *)"k", 1, NULL, NULL) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_rate_limiter_check(l, (const uint8_t *)"k", 1, &nan_now, &d) ==
        REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG);
  CHECK(revtain_rate_limiter_check(l, (const uint8_t *)"k", 1, &negative, &d) ==
        REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG);
  /* now == NULL is the system clock. */
  CHECK(revtain_rate_limiter_check(l, (const uint8_t *)"k", 1, NULL, &d) == REVTAIN_RESULT_OK);
  CHECK(d.allowed && d.remaining == 59 && d.limit == 60 && d.window == 60.0);
  CHECK(d.at > 1.7e9 && d.reset_at >= (uint64_t)d.at + 60 && d.retry_after_s == 0);
  /* now = 0 is 1970, not the clock (another key: a key's time never goes back). */
  CHECK(revtain_rate_limiter_check(l, (const uint8_t *)"k1970", 5, &zero, &d) == REVTAIN_RESULT_OK);
  CHECK(d.allowed && d.remaining == 59 && d.at == 0.0 && d.reset_at == 60);
  /* Ask for the size first, snprintf-style; too small writes nothing. */
  CHECK(revtain_rate_limit_decision_headers(&d, NULL, 0, &need) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(need > 0 && need < 256);
  buf[0] = 'x';
  CHECK(revtain_rate_limit_decision_headers(&d, buf, need, &n) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(buf[0] == 'x');
  CHECK(revtain_rate_limit_decision_headers(&d, buf, need + 1, &n) == REVTAIN_RESULT_OK && n == need);
  CHECK(strstr(buf, "Retry-After") == NULL);
  CHECK(strstr(buf, "X-RateLimit-Reset: 60\r\n") != NULL);
  CHECK(revtain_rate_limit_decision_headers(NULL, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  revtain_rate_limiter_free(l);
  /* A key is bytes to its length: a NUL inside is part of it ("k\0a" and "k\0b" differ). */
  l = NULL;
  CHECK(revtain_rate_limiter_new(1, 60.0, &l) == REVTAIN_RESULT_OK);
  CHECK(revtain_rate_limiter_check(l, (const uint8_t *)"k\0a", 3, &at, &d) == REVTAIN_RESULT_OK &&
        d.allowed);
  CHECK(revtain_rate_limiter_check(l, (const uint8_t *)"k\0b", 3, &at, &d) == REVTAIN_RESULT_OK &&
        d.allowed);
  CHECK(revtain_rate_limiter_check(l, (const uint8_t *)"k\0a", 3, &at, &d) == REVTAIN_RESULT_OK &&
        !d.allowed && d.retry_after_s == 60);
  revtain_rate_limiter_free(l);
  revtain_rate_limiter_free(NULL);
  case_end("ratelimit-conventions");
}

#define THREADS 4
#define PER_THREAD 200

static void *hammer(void *arg) {
  revtain_rate_limiter *l = arg;
  long admitted = 0;
  int i;
  for (i = 0; i < PER_THREAD; i++) {
    revtain_rate_limit_decision d;
    if (revtain_rate_limiter_check(l, (const uint8_t *)"shared", 6, NULL, &d) == REVTAIN_RESULT_OK &&
        d.allowed)
      admitted++;
  }
  return (void *)admitted;
}

static void test_threads(void) {
  revtain_rate_limiter *l = NULL;
  pthread_t t[THREADS];
  long total = 0;
  int i;
  case_begin();
  CHECK(revtain_rate_limiter_new(300, 3600.0, &l) == REVTAIN_RESULT_OK);
  for (i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, hammer, l);
  for (i = 0; i < THREADS; i++) {
    void *admitted;
    pthread_join(t[i], &admitted);
    total += (long)admitted;
  }
  CHECK(total == 300);
  revtain_rate_limiter_free(l);
  case_end("ratelimit-threads-share-one-limit");
}

int main(int argc, char **argv) {
  cJSON *v;
  const cJSON *c;
  if (argc != 2) {
    fprintf(stderr, "usage: %s <tests/vectors dir>\n", argv[0]);
    return 2;
  }
  (void)unhex; /* shared by the other tests */
  v = load_vectors(argv[1], "ratelimit.json");
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(v, "cases")) {
    case_begin();
    test_case(c);
    case_end(str_field(c, "id"));
  }
  test_errors(v);
  test_conventions();
  test_threads();
  cJSON_Delete(v);
  return summary();
}
