/* The retry policy and the blocking gateway client from C: tests/vectors/retry.json (delay
 * ceilings and delays, the classification of attempts, Retry-After parsing), then calls against
 * a scripted HTTP server on 127.0.0.1 that this program runs in a thread, and the hardening:
 * no credentials in a base URL, no framing headers, answers over the limits never sent again, a
 * proxy only when named (a counting proxy on 127.0.0.1 proves the environment is ignored).
 * Usage: test_retry <vectors dir> */
#define _POSIX_C_SOURCE 200809L
#include <revtain.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <math.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

/* ------------------------------------------------------------------ a scripted server */

#define MAX_STEPS 8
static const char *script[MAX_STEPS]; /* raw HTTP responses; NULL = close without answering */
static int n_steps;
static char seen_keys[MAX_STEPS][64];
static int seen_key_count[MAX_STEPS]; /* Idempotency-Key headers in the request, any spelling */
static int n_seen;
static int listen_fd;
static int port;

static void *serve(void *arg) {
  (void)arg;
  for (;;) {
    char req[8192];
    size_t got = 0;
    const char *step, *k;
    int fd = accept(listen_fd, NULL, NULL);
    if (fd < 0) return NULL;
    while (got < sizeof req - 1) {
      ssize_t n = read(fd, req + got, sizeof req - 1 - got);
      if (n <= 0) break;
      got += (size_t)n;
      req[got] = '\0';
      if (strstr(req, "\r\n\r\n")) break;
    }
    req[got] = '\0';
    k = strstr(req, "idempotency-key: ");
    if (!k) k = strstr(req, "Idempotency-Key: ");
    if (n_seen < MAX_STEPS) {
      char lower[sizeof req];
      const char *p;
      size_t i;
      for (i = 0; i <= got; i++) lower[i] = (char)tolower((unsigned char)req[i]);
      seen_keys[n_seen][0] = '\0';
      if (k) sscanf(k + 17, "%63[^\r]", seen_keys[n_seen]);
      seen_key_count[n_seen] = 0;
      for (p = lower; (p = strstr(p, "\r\nidempotency-key:")) != NULL; p++) seen_key_count[n_seen]++;
    }
    step = script[n_seen < n_steps ? n_seen : n_steps - 1];
    n_seen++;
    if (step) {
      ssize_t w = write(fd, step, strlen(step));
      (void)w;
    }
    close(fd);
  }
}

static void start_server(void) {
  struct sockaddr_in addr;
  socklen_t len = sizeof addr;
  pthread_t t;
  int one = 1;
  listen_fd = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(listen_fd, (struct sockaddr *)&addr, sizeof addr);
  listen(listen_fd, 16);
  getsockname(listen_fd, (struct sockaddr *)&addr, &len);
  port = ntohs(addr.sin_port);
  pthread_create(&t, NULL, serve, NULL);
  pthread_detach(t);
}

#define R503 "HTTP/1.1 503 Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
#define R200 "HTTP/1.1 200 OK\r\nContent-Length: 11\r\nX-Request-Id: req_1\r\nConnection: close\r\n\r\n{\"ok\":true}"
#define R402 "HTTP/1.1 402 Payment Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
#define R429_60 "HTTP/1.1 429 Too Many\r\nRetry-After: 60\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"

static void set_script(const char *a, const char *b, const char *c) {
  script[0] = a;
  script[1] = b;
  script[2] = c;
  n_steps = c ? 3 : (b ? 2 : 1);
  n_seen = 0;
}

static revtain_gateway_client *make_client(void) {
  char url[64];
  revtain_retry_policy *policy = NULL;
  revtain_gateway_client *client = NULL;
  revtain_header headers[1];
  headers[0] = header_of("Authorization", "Bearer sk_test_c");
  snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
  CHECK(revtain_retry_policy_new(0.01, 0.1, 4, 5.0, REVTAIN_JITTER_NONE, &policy) ==
        REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_client_new(url, strlen(url), policy, 2.0, headers, 1, false, &client) ==
        REVTAIN_RESULT_OK);
  revtain_retry_policy_free(policy); /* the client keeps a copy */
  return client;
}


/* ------------------------------------------------------------------ tests/vectors/retry.json */

static revtain_jitter jitter_of(const char *name) {
  if (strcmp(name, "equal") == 0) return REVTAIN_JITTER_EQUAL;
  if (strcmp(name, "none") == 0) return REVTAIN_JITTER_NONE;
  return REVTAIN_JITTER_FULL;
}

static void test_vectors(const char *dir) {
  cJSON *v = load_vectors(dir, "retry.json");
  const cJSON *c;
  double tolerance = cJSON_GetObjectItem(v, "delay_tolerance")->valuedouble;
  cJSON_ArrayForEach(c, cJSON_GetObjectItem(v, "delays")) {
    const cJSON *p = cJSON_GetObjectItem(c, "policy");
    revtain_retry_policy *policy = NULL;
    double got = -1, ceiling = -1;
    /* n can be 2^32 - 1: read as a double, exact. */
    uint32_t n = (uint32_t)cJSON_GetObjectItem(c, "n")->valuedouble;
    case_begin();
    CHECK(revtain_retry_policy_new(cJSON_GetObjectItem(p, "base")->valuedouble,
                                   cJSON_GetObjectItem(p, "cap")->valuedouble,
                                   (uint32_t)cJSON_GetObjectItem(p, "max_attempts")->valueint,
                                   cJSON_GetObjectItem(p, "deadline")->valuedouble,
                                   jitter_of(str_field(p, "jitter")), &policy) == REVTAIN_RESULT_OK);
    CHECK(revtain_retry_policy_next_delay(policy, n, cJSON_GetObjectItem(c, "uniform")->valuedouble,
                                          &got) == REVTAIN_RESULT_OK);
    CHECK(fabs(got - cJSON_GetObjectItem(c, "delay")->valuedouble) < tolerance);
    /* The ceiling is the delay of the largest uniform a full jitter can draw, or no jitter. */
    if (strcmp(str_field(p, "jitter"), "none") == 0) {
      ceiling = got;
      CHECK(fabs(ceiling - cJSON_GetObjectItem(c, "ceiling")->valuedouble) < tolerance);
    }
    revtain_retry_policy_free(policy);
    case_end(str_field(c, "id"));
  }
  cJSON_ArrayForEach(c, cJSON_GetObjectItem(v, "classify")) {
    const cJSON *h, *want_after = cJSON_GetObjectItem(c, "retry_after");
    const char *transport = str_field(c, "transport");
    const char *want = str_field(c, "verdict");
    revtain_header headers[4];
    size_t n = 0;
    double now = cJSON_GetObjectItem(c, "now")->valuedouble, after = -2;
    revtain_retry_verdict verdict;
    uint32_t t = REVTAIN_TRANSPORT_RESPONSE;
    cJSON *status = cJSON_GetObjectItem(c, "status");
    cJSON_ArrayForEach(h, cJSON_GetObjectItem(c, "headers")) {
      if (n < 4) headers[n++] = header_of(h->string, h->valuestring);
    }
    if (transport && strcmp(transport, "connection_failed") == 0) t = REVTAIN_TRANSPORT_CONNECTION_FAILED;
    if (transport && strcmp(transport, "timed_out") == 0) t = REVTAIN_TRANSPORT_TIMED_OUT;
    case_begin();
    CHECK(revtain_retry_policy_classify(NULL, t, status ? (uint16_t)status->valueint : 0, headers, n,
                                        &now, &verdict, &after) == REVTAIN_RESULT_OK);
    CHECK((strcmp(want, "success") == 0 && verdict == REVTAIN_RETRY_VERDICT_SUCCESS) ||
          (strcmp(want, "retry") == 0 && verdict == REVTAIN_RETRY_VERDICT_RETRY) ||
          (strcmp(want, "final") == 0 && verdict == REVTAIN_RETRY_VERDICT_FINAL));
    if (cJSON_IsNull(want_after)) {
      CHECK(after == -1.0);
    } else {
      CHECK(after == want_after->valuedouble);
    }
    case_end(str_field(c, "id"));
  }
  cJSON_ArrayForEach(c, cJSON_GetObjectItem(v, "invalid")) {
    cJSON *status = cJSON_GetObjectItem(c, "status");
    revtain_retry_verdict verdict;
    double after = 0;
    char msg[256];
    size_t len = 0;
    revtain_error *er;
    if (!status) continue; /* C always passes a status with a response: no form for "none" */
    case_begin();
    CHECK(revtain_retry_policy_classify(NULL, REVTAIN_TRANSPORT_RESPONSE, (uint16_t)status->valueint,
                                        NULL, 0, NULL, &verdict, &after) ==
          REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
    er = revtain_error_last();
    CHECK(er != NULL && strcmp(revtain_result_name(revtain_error_code(er)), str_field(c, "code")) == 0);
    CHECK(revtain_error_message(er, msg, sizeof msg, &len) == REVTAIN_RESULT_OK &&
          strcmp(msg, str_field(c, "message")) == 0);
    revtain_error_free(er);
    case_end(str_field(c, "id"));
  }
  cJSON_ArrayForEach(c, cJSON_GetObjectItem(v, "retry_after")) {
    const char *value = str_field(c, "value");
    const cJSON *want = cJSON_GetObjectItem(c, "seconds");
    double now = cJSON_GetObjectItem(c, "now")->valuedouble, got = -1;
    bool valid = false;
    case_begin();
    CHECK(revtain_retry_after_parse(value, strlen(value), &now, &got, &valid) == REVTAIN_RESULT_OK);
    CHECK(valid == !cJSON_IsNull(want));
    if (valid) CHECK(got == want->valuedouble);
    case_end(str_field(c, "id"));
  }
  cJSON_Delete(v);
}

/* ------------------------------------------------------------------ tests */

static void test_policy(void) {
  revtain_retry_policy *p = NULL, *bad = (revtain_retry_policy *)&p;
  double d = -1, after = 0, zero = 0.0, at = 784111777.0, nan_now = NAN;
  revtain_retry_verdict v;
  bool valid = true;
  revtain_header no[1], ra[1], null_name[1], not_utf8[1];
  no[0] = header_of("Stripe-Should-Retry", "false");
  ra[0] = header_of("retry-after", "7");
  null_name[0] = header_of(NULL, "false");
  null_name[0].name.len = 19;
  not_utf8[0] = header_of("Stripe-Should-Retry", "\xff");
  case_begin();
  CHECK(revtain_retry_policy_new(REVTAIN_RETRY_DEFAULT_BASE, REVTAIN_RETRY_DEFAULT_CAP,
                                 REVTAIN_RETRY_DEFAULT_MAX_ATTEMPTS, REVTAIN_RETRY_DEFAULT_DEADLINE,
                                 REVTAIN_JITTER_FULL, &p) == REVTAIN_RESULT_OK);
  CHECK(revtain_retry_policy_next_delay(p, 0, 0.5, &d) == REVTAIN_RESULT_OK && d == 0.25);
  CHECK(revtain_retry_policy_next_delay(p, 10, 0.999, &d) == REVTAIN_RESULT_OK && d <= 20.0 &&
        d > 19.9);
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_RESPONSE, 503, NULL, 0, NULL, &v,
                                      &after) == REVTAIN_RESULT_OK &&
        v == REVTAIN_RETRY_VERDICT_RETRY && after == -1);
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_RESPONSE, 402, NULL, 0, NULL, &v,
                                      &after) == REVTAIN_RESULT_OK &&
        v == REVTAIN_RETRY_VERDICT_FINAL);
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_RESPONSE, 500, no, 1, NULL, &v,
                                      &after) == REVTAIN_RESULT_OK &&
        v == REVTAIN_RETRY_VERDICT_FINAL);
  CHECK(revtain_retry_policy_classify(NULL, REVTAIN_TRANSPORT_RESPONSE, 429, ra, 1, NULL, &v,
                                      &after) == REVTAIN_RESULT_OK &&
        v == REVTAIN_RETRY_VERDICT_RETRY && after == 7.0);
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_TIMED_OUT, 0, NULL, 0, NULL, &v,
                                      &after) == REVTAIN_RESULT_OK &&
        v == REVTAIN_RETRY_VERDICT_RETRY);
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_RESPONSE, 200, NULL, 0, NULL, &v,
                                      &after) == REVTAIN_RESULT_OK &&
        v == REVTAIN_RETRY_VERDICT_SUCCESS);
  /* NULL headers with a count, a header's text NULL with a length; text not UTF-8. */
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_RESPONSE, 503, NULL, 1, NULL, &v,
                                      &after) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_RESPONSE, 503, null_name, 1, NULL, &v,
                                      &after) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_RESPONSE, 503, not_utf8, 1, NULL, &v,
                                      &after) == REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_RESPONSE, 503, NULL, 0, &nan_now, &v,
                                      &after) == REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
  CHECK(revtain_retry_after_parse("120", 3, NULL, &d, &valid) == REVTAIN_RESULT_OK && valid &&
        d == 120.0);
  CHECK(revtain_retry_after_parse("Sun, 06 Nov 1994 08:50:37 GMT", 29, &at, &d, &valid) ==
            REVTAIN_RESULT_OK &&
        valid && d == 60.0);
  /* An HTTP date is dated from *now: NULL is the clock (1994 is past: no wait), 0 is 1970. */
  CHECK(revtain_retry_after_parse("Sun, 06 Nov 1994 08:50:37 GMT", 29, NULL, &d, &valid) ==
            REVTAIN_RESULT_OK &&
        valid && d == 0.0);
  CHECK(revtain_retry_after_parse("Sun, 06 Nov 1994 08:50:37 GMT", 29, &zero, &d, &valid) ==
            REVTAIN_RESULT_OK &&
        valid && d == 784111837.0);
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_RESPONSE, 503, ra, 1, &zero, &v,
                                      &after) == REVTAIN_RESULT_OK &&
        after == 7.0);
  /* The value is read to its length: "120" of a longer text, and a NUL inside is a byte. */
  CHECK(revtain_retry_after_parse("120 and more", 3, NULL, &d, &valid) == REVTAIN_RESULT_OK &&
        valid && d == 120.0);
  CHECK(revtain_retry_after_parse("120\0", 4, NULL, &d, &valid) == REVTAIN_RESULT_OK && !valid &&
        d == 0);
  CHECK(revtain_retry_after_parse(NULL, 3, NULL, &d, &valid) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_retry_after_parse("soon", 4, NULL, &d, &valid) == REVTAIN_RESULT_OK && !valid &&
        d == 0);
  CHECK(revtain_retry_policy_new(2.0, 1.0, 4, 30.0, REVTAIN_JITTER_FULL, &bad) ==
        REVTAIN_RESULT_RETRY_INVALID_POLICY);
  CHECK(bad == NULL);
  CHECK(revtain_retry_policy_new(0.5, 20.0, 0, 30.0, REVTAIN_JITTER_FULL, &bad) ==
        REVTAIN_RESULT_RETRY_INVALID_POLICY);
  CHECK(revtain_retry_policy_new(NAN, 20.0, 4, 30.0, REVTAIN_JITTER_FULL, &bad) ==
        REVTAIN_RESULT_RETRY_INVALID_POLICY);
  revtain_retry_policy_free(p);
  revtain_retry_policy_free(NULL);
  case_end("retry-policy");
}

static void test_three_attempts_one_key(void) {
  revtain_gateway_client *c = make_client();
  revtain_gateway_response *r = NULL;
  revtain_gateway_attempt a;
  char key[REVTAIN_GATEWAY_IDEMPOTENCY_KEY_BUF_SIZE], body[64], id[32];
  size_t n = 0;
  bool found = false;
  case_begin();
  set_script(R503, R503, R200);
  CHECK(revtain_gateway_client_request(c, "POST", 4, "/v1/charges", 11, (const uint8_t *)"amount=1",
                                       8, NULL, 0, NULL, 0, &r) == REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_response_status(r) == 200);
  CHECK(revtain_gateway_response_attempt_count(r) == 3);
  CHECK(revtain_gateway_response_attempt(r, 0, &a, NULL, 0, NULL) == REVTAIN_RESULT_OK &&
        a.status == 503 && a.delay == 0);
  CHECK(revtain_gateway_response_attempt(r, 2, &a, NULL, 0, NULL) == REVTAIN_RESULT_OK &&
        a.status == 200 && fabs(a.delay - 0.02) < 1e-9);
  CHECK(revtain_gateway_response_attempt(r, 3, &a, NULL, 0, NULL) ==
        REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
  CHECK(revtain_gateway_response_idempotency_key(r, key, sizeof key, &n) == REVTAIN_RESULT_OK &&
        n == 36);
  CHECK(n_seen == 3);
  CHECK(strcmp(seen_keys[0], key) == 0 && strcmp(seen_keys[1], key) == 0 &&
        strcmp(seen_keys[2], key) == 0);
  CHECK(revtain_gateway_response_body(r, (uint8_t *)body, sizeof body, &n) == REVTAIN_RESULT_OK &&
        n == 11 && memcmp(body, "{\"ok\":true}", 11) == 0);
  CHECK(revtain_gateway_response_header(r, "x-request-id", 12, id, sizeof id, &n, &found) ==
            REVTAIN_RESULT_OK &&
        found && strcmp(id, "req_1") == 0);
  CHECK(revtain_gateway_response_header(r, "x-none", 6, id, sizeof id, &n, &found) ==
            REVTAIN_RESULT_OK &&
        !found);
  revtain_gateway_response_free(r);
  revtain_gateway_client_free(c);
  case_end("gateway-503-503-200-one-idempotency-key");
}

static void test_final_and_errors(void) {
  revtain_gateway_client *c = make_client();
  revtain_gateway_response *r = NULL;
  revtain_gateway_attempt a;
  revtain_header bad[1];
  char err[128];
  size_t n = 0;
  case_begin();
  set_script(R402, R200, NULL);
  CHECK(revtain_gateway_client_request(c, "POST", 4, "/v1/charges", 11, NULL, 0, NULL, 0,
                                       "order-7", 7, &r) == REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_response_status(r) == 402 && revtain_gateway_response_attempt_count(r) == 1);
  CHECK(n_seen == 1 && strcmp(seen_keys[0], "order-7") == 0);
  revtain_gateway_response_free(r);

  set_script(R429_60, NULL, NULL);
  n_steps = 1;
  CHECK(revtain_gateway_client_request(c, "POST", 4, "/", 1, NULL, 0, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_GATEWAY_RETRY_AFTER_BEYOND_DEADLINE);
  CHECK(r != NULL && revtain_gateway_response_retry_after(r) == 60.0);
  CHECK(revtain_gateway_response_status(r) == 429 && revtain_gateway_response_attempt_count(r) == 1);
  revtain_gateway_response_free(r);

  set_script(NULL, R200, NULL); /* a connection closed without an answer, then success */
  CHECK(revtain_gateway_client_request(c, "GET", 3, "/", 1, NULL, 0, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_response_attempt_count(r) == 2);
  CHECK(revtain_gateway_response_attempt(r, 0, &a, err, sizeof err, &n) == REVTAIN_RESULT_OK &&
        a.status == 0 && n > 0);
  CHECK(seen_keys[0][0] == '\0'); /* GET: no idempotency key by default */
  revtain_gateway_response_free(r);

  set_script(R503, NULL, NULL);
  n_steps = 1;
  CHECK(revtain_gateway_client_set_budget(c, 0) == REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_client_request(c, "POST", 4, "/", 1, NULL, 0, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_GATEWAY_BUDGET_EXHAUSTED);
  CHECK(n_seen == 1 && r && revtain_gateway_response_attempt_count(r) == 1);
  revtain_gateway_response_free(r);
  CHECK(revtain_gateway_client_set_budget(c, 500) == REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_client_request(c, "POST", 4, "/", 1, NULL, 0, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_GATEWAY_RETRIES_EXHAUSTED);
  CHECK(r && revtain_gateway_response_attempt_count(r) == 4 && revtain_gateway_response_status(r) == 503);
  revtain_gateway_response_free(r);

  CHECK(revtain_gateway_client_request(c, "POST", 4, "no-slash", 8, NULL, 0, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
  CHECK(r == NULL);
  CHECK(revtain_gateway_client_request(NULL, "GET", 3, "/", 1, NULL, 0, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_gateway_client_request(c, "GET", 3, "/", 1, NULL, 0, NULL, 0, NULL, 0, NULL) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  /* Texts are read to their length (a NUL inside is a byte: no method, no header value has
   * one), NULL with a length is an error; nothing is sent. */
  set_script(R200, NULL, NULL);
  CHECK(revtain_gateway_client_request(c, "GET\0", 4, "/", 1, NULL, 0, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
  CHECK(revtain_gateway_client_request(c, "GET", 3, NULL, 1, NULL, 0, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_gateway_client_request(c, "GET", 3, "/", 1, NULL, 0, NULL, 1, NULL, 0, &r) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  bad[0] = header_of("X-Trace", NULL);
  bad[0].value.len = 3;
  CHECK(revtain_gateway_client_request(c, "GET", 3, "/", 1, NULL, 0, bad, 1, NULL, 0, &r) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  bad[0].value.ptr = "a\0b";
  CHECK(revtain_gateway_client_request(c, "GET", 3, "/", 1, NULL, 0, bad, 1, NULL, 0, &r) ==
        REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
  CHECK(revtain_gateway_client_request(c, "POST", 4, "/", 1, NULL, 0, NULL, 0, NULL, 7, &r) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(r == NULL && n_seen == 0);
  revtain_gateway_client_free(c);
  {
    revtain_gateway_client *insecure = (revtain_gateway_client *)&n;
    CHECK(revtain_gateway_client_new("http://api.stripe.com", 21, NULL, 10.0, NULL, 0, false,
                                     &insecure) == REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
    CHECK(insecure == NULL);
    insecure = (revtain_gateway_client *)&n;
    CHECK(revtain_gateway_client_new("https://api.stripe.com", 22, NULL, 10.0, NULL, 1, false,
                                     &insecure) == REVTAIN_RESULT_NULL_PARAMETER);
    CHECK(insecure == NULL);
    insecure = (revtain_gateway_client *)&n;
    CHECK(revtain_gateway_client_new("https://api.stripe.com", 22, NULL, 10.0, bad, 1, false,
                                     &insecure) == REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
    CHECK(insecure == NULL);
  }
  revtain_gateway_client_free(NULL);
  revtain_gateway_response_free(NULL);
  case_end("gateway-final-answers-and-errors");
}

/* A caller's own Idempotency-Key header must be the only key on the wire (beside a generated
 * one, a charge re-issued after a crash could go through twice), and a client-wide one is
 * refused. */
static void test_callers_idempotency_header(void) {
  revtain_gateway_client *c = make_client(), *wide = NULL;
  revtain_gateway_response *r = NULL;
  char key[64];
  size_t n = 0;
  revtain_header own[1], twice[2];
  own[0] = header_of("idempotency-key", "order-42");
  twice[0] = header_of("Idempotency-Key", "a");
  twice[1] = header_of("IDEMPOTENCY-KEY", "a");
  case_begin();
  set_script(R503, R200, NULL);
  CHECK(revtain_gateway_client_request(c, "POST", 4, "/v1/charges", 11, NULL, 0, own, 1, NULL, 0,
                                       &r) == REVTAIN_RESULT_OK);
  CHECK(n_seen == 2);
  CHECK(seen_key_count[0] == 1 && seen_key_count[1] == 1);
  CHECK(strcmp(seen_keys[0], "order-42") == 0 && strcmp(seen_keys[1], "order-42") == 0);
  CHECK(revtain_gateway_response_idempotency_key(r, key, sizeof key, &n) == REVTAIN_RESULT_OK &&
        strcmp(key, "order-42") == 0);
  revtain_gateway_response_free(r);
  r = NULL;
  set_script(R200, NULL, NULL);
  CHECK(revtain_gateway_client_request(c, "POST", 4, "/", 1, NULL, 0, own, 1, "other", 5, &r) ==
        REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
  CHECK(revtain_gateway_client_request(c, "POST", 4, "/", 1, NULL, 0, twice, 2, NULL, 0, &r) ==
        REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
  CHECK(r == NULL && n_seen == 0);
  CHECK(revtain_gateway_client_new("https://api.stripe.com", 22, NULL, 10.0, own, 1, false,
                                   &wide) == REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
  CHECK(wide == NULL);
  revtain_gateway_client_free(c);
  case_end("gateway-callers-idempotency-header-is-the-only-key");
}

/* ------------------------------------------------------------------ hardening */

#define SECRET "sk_live_4eC39HqLyjWDarjtT1zdp7dc"

/* The last error's message into `msg`; false when there is none. */
static bool last_message(char *msg, size_t len) {
  revtain_error *er = revtain_error_last();
  size_t n = 0;
  bool ok = er != NULL && revtain_error_message(er, msg, len, &n) == REVTAIN_RESULT_OK;
  revtain_error_free(er);
  return ok;
}

static void pause_ms(long ms) {
  struct timespec t;
  t.tv_sec = ms / 1000;
  t.tv_nsec = (ms % 1000) * 1000000L;
  nanosleep(&t, NULL);
}

/* A base URL with credentials would be sent as Basic auth and shown wherever the URL is: it is
 * refused, and no message ever shows the URL (one that does not parse could hold a secret). */
static void test_base_url_credentials(void) {
  static const char *urls[] = {
      "https://" SECRET ":@api.example",
      "https://user:" SECRET "@api.example/v1",
      "http://" SECRET "@127.0.0.1:9",
      "https://" SECRET ":pass word@api.example",
      "https://" SECRET " x",
      SECRET,
      "ftp://" SECRET "/",
      "http://" SECRET ".example",
  };
  size_t i;
  char msg[512];
  case_begin();
  for (i = 0; i < sizeof urls / sizeof urls[0]; i++) {
    revtain_gateway_client *c = (revtain_gateway_client *)&msg;
    CHECK(revtain_gateway_client_new(urls[i], strlen(urls[i]), NULL, 10.0, NULL, 0, false, &c) ==
          REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
    CHECK(c == NULL);
    CHECK(last_message(msg, sizeof msg) && strstr(msg, SECRET) == NULL);
    if (i < 3) CHECK(strstr(msg, "credentials") != NULL);
  }
  case_end("gateway-base-url-credentials-refused-never-shown");
}

/* Framing headers from the caller: Content-Length: 0 dropped the body, a wrong one failed and
 * was retried, Host was sent as given. Refused, client-wide and per request, naming the
 * header and never its value; nothing is sent. */
static void test_framing_headers(void) {
  static const char *names[] = {"Content-Length", "transfer-encoding", "HOST", "Connection",
                                "upgrade"};
  revtain_gateway_client *c = make_client(), *wide = NULL;
  revtain_gateway_response *r = NULL;
  revtain_header h[1];
  char url[64], msg[512];
  size_t i, j;
  snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
  case_begin();
  set_script(R200, NULL, NULL);
  for (i = 0; i < sizeof names / sizeof names[0]; i++) {
    h[0] = header_of(names[i], "sk_live_VALUE");
    CHECK(revtain_gateway_client_new(url, strlen(url), NULL, 2.0, h, 1, false, &wide) ==
          REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
    CHECK(wide == NULL);
    CHECK(last_message(msg, sizeof msg) && strstr(msg, "sk_live_VALUE") == NULL);
    for (j = 0; msg[j]; j++) msg[j] = (char)tolower((unsigned char)msg[j]);
    {
      char lower[32];
      for (j = 0; names[i][j] && j < sizeof lower - 1; j++)
        lower[j] = (char)tolower((unsigned char)names[i][j]);
      lower[j] = '\0';
      CHECK(strstr(msg, lower) != NULL);
    }
    CHECK(revtain_gateway_client_request(c, "POST", 4, "/", 1, (const uint8_t *)"amount=1", 8, h,
                                         1, NULL, 0, &r) == REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
    CHECK(r == NULL);
    CHECK(last_message(msg, sizeof msg) && strstr(msg, "sk_live_VALUE") == NULL);
  }
  pause_ms(100);
  CHECK(n_seen == 0);
  revtain_gateway_client_free(c);
  case_end("gateway-framing-headers-refused");
}

/* An answer that arrived but broke a limit: REVTAIN_RESULT_GATEWAY_RESPONSE_REJECTED. */
static bool is_rejected(revtain_result rc) { return rc == REVTAIN_RESULT_GATEWAY_RESPONSE_REJECTED; }

#define R200_1GIB "HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\nConnection: close\r\n\r\nxxxx"
#define RBAD_STATUS "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n"
#define R200_CUT "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\nhalf"

/* An answer that came is never sent again: a body over 16 MiB (once sent three times), a head
 * over 64 KiB, a malformed status line, a body cut short. The status is kept when it came. */
static void test_rejected_answers(void) {
  revtain_gateway_client *c = make_client();
  revtain_gateway_response *r = NULL;
  revtain_gateway_attempt a;
  char err[512], *huge;
  size_t n = 0, i;
  revtain_result rc;
  /* A head of 80 KiB: 20 headers of 4 KiB. */
  huge = malloc(90 * 1024);
  strcpy(huge, "HTTP/1.1 200 OK\r\n");
  for (i = 0; i < 20; i++) {
    size_t at = strlen(huge);
    sprintf(huge + at, "X-Filler-%zu: ", i);
    at = strlen(huge);
    memset(huge + at, 'y', 4096);
    strcpy(huge + at + 4096, "\r\n");
  }
  strcat(huge, "Content-Length: 0\r\n\r\n");
  case_begin();

  set_script(R200_1GIB, R200, NULL);
  rc = revtain_gateway_client_request(c, "POST", 4, "/v1/charges", 11, (const uint8_t *)"amount=1",
                                      8, NULL, 0, NULL, 0, &r);
  CHECK(is_rejected(rc));
  CHECK(r != NULL && revtain_gateway_response_status(r) == 200);
  CHECK(revtain_gateway_response_attempt_count(r) == 1);
  CHECK(revtain_gateway_response_attempt(r, 0, &a, err, sizeof err, &n) == REVTAIN_RESULT_OK &&
        a.status == 200 && strstr(err, "16 MiB") != NULL);
  CHECK(revtain_gateway_response_body(r, NULL, 0, &n) == REVTAIN_RESULT_OK && n == 0);
  revtain_gateway_response_free(r);
  r = NULL;
  pause_ms(100);
  CHECK(n_seen == 1);

  set_script(huge, R200, NULL);
  rc = revtain_gateway_client_request(c, "POST", 4, "/", 1, NULL, 0, NULL, 0, NULL, 0, &r);
  CHECK(is_rejected(rc));
  CHECK(r != NULL && revtain_gateway_response_status(r) == 0);
  CHECK(revtain_gateway_response_attempt(r, 0, &a, err, sizeof err, &n) == REVTAIN_RESULT_OK &&
        a.status == 0 && strstr(err, "64 KiB") != NULL);
  revtain_gateway_response_free(r);
  r = NULL;
  pause_ms(100);
  CHECK(n_seen == 1);

  set_script(RBAD_STATUS, R200, NULL);
  rc = revtain_gateway_client_request(c, "POST", 4, "/", 1, NULL, 0, NULL, 0, NULL, 0, &r);
  CHECK(is_rejected(rc));
  CHECK(r != NULL && revtain_gateway_response_attempt_count(r) == 1);
  CHECK(revtain_gateway_response_attempt(r, 0, &a, err, sizeof err, &n) == REVTAIN_RESULT_OK &&
        strstr(err, "malformed") != NULL);
  revtain_gateway_response_free(r);
  r = NULL;
  pause_ms(100);
  CHECK(n_seen == 1);

  set_script(R200_CUT, R200, NULL);
  rc = revtain_gateway_client_request(c, "POST", 4, "/", 1, NULL, 0, NULL, 0, NULL, 0, &r);
  CHECK(is_rejected(rc));
  CHECK(r != NULL && revtain_gateway_response_status(r) == 200);
  revtain_gateway_response_free(r);
  pause_ms(100);
  CHECK(n_seen == 1);

  revtain_gateway_client_free(c);
  free(huge);
  case_end("gateway-answered-requests-are-not-sent-again");
}

/* ------------------------------------------------------------------ a counting proxy */

static int proxy_fd, proxy_port, proxy_connections;
static char proxy_first_line[128];

static size_t read_head(int fd, char *buf, size_t len) {
  size_t got = 0;
  buf[0] = '\0';
  while (got < len - 1) {
    ssize_t n = read(fd, buf + got, len - 1 - got);
    if (n <= 0) break;
    got += (size_t)n;
    buf[got] = '\0';
    if (strstr(buf, "\r\n\r\n")) break;
  }
  return got;
}

/* Counts connections; answers a CONNECT with 200, then the tunnelled request itself with a body
 * of "via proxy" (it plays the proxy and the host). */
static void *proxy_serve(void *arg) {
  (void)arg;
  for (;;) {
    char head[4096];
    int fd = accept(proxy_fd, NULL, NULL);
    if (fd < 0) return NULL;
    proxy_connections++;
    read_head(fd, head, sizeof head);
    sscanf(head, "%127[^\r]", proxy_first_line);
    if (strncmp(head, "CONNECT ", 8) == 0) {
      static const char ok[] = "HTTP/1.1 200 Connection established\r\n\r\n";
      static const char answer[] =
          "HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\nvia proxy";
      ssize_t w = write(fd, ok, sizeof ok - 1);
      read_head(fd, head, sizeof head);
      w = write(fd, answer, sizeof answer - 1);
      (void)w;
    }
    close(fd);
  }
}

static void start_proxy(void) {
  struct sockaddr_in addr;
  socklen_t len = sizeof addr;
  pthread_t t;
  int one = 1;
  proxy_fd = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(proxy_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(proxy_fd, (struct sockaddr *)&addr, sizeof addr);
  listen(proxy_fd, 16);
  getsockname(proxy_fd, (struct sockaddr *)&addr, &len);
  proxy_port = ntohs(addr.sin_port);
  pthread_create(&t, NULL, proxy_serve, NULL);
  pthread_detach(t);
}

/* HTTPS_PROXY and the rest in the environment are never used; a proxy is named by
 * revtain_gateway_client_new_with_proxy, and its credentials are never shown. */
static void test_proxy(void) {
  static const char *vars[] = {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY",
                               "http_proxy",  "ALL_PROXY",   "all_proxy"};
  revtain_gateway_client *c = NULL;
  revtain_gateway_response *r = NULL;
  char url[64], proxy[64], with_secret[128], body[32], msg[512];
  size_t i, n = 0;
  snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
  snprintf(proxy, sizeof proxy, "http://127.0.0.1:%d", proxy_port);
  snprintf(with_secret, sizeof with_secret, "http://user:" SECRET "@127.0.0.1:%d", proxy_port);
  case_begin();
  for (i = 0; i < sizeof vars / sizeof vars[0]; i++) setenv(vars[i], proxy, 1);
  unsetenv("NO_PROXY");
  unsetenv("no_proxy");
  set_script(R200, NULL, NULL);
  CHECK(revtain_gateway_client_new(url, strlen(url), NULL, 2.0, NULL, 0, false, &c) ==
        REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_client_request(c, "GET", 3, "/", 1, NULL, 0, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_response_body(r, (uint8_t *)body, sizeof body, &n) == REVTAIN_RESULT_OK &&
        n == 11 && memcmp(body, "{\"ok\":true}", 11) == 0);
  CHECK(n_seen == 1 && proxy_connections == 0);
  revtain_gateway_response_free(r);
  r = NULL;
  revtain_gateway_client_free(c);
  c = NULL;
  /* NULL, 0: no proxy, as revtain_gateway_client_new. */
  CHECK(revtain_gateway_client_new_with_proxy(url, strlen(url), NULL, 2.0, NULL, 0, false, NULL, 0,
                                              &c) == REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_client_request(c, "GET", 3, "/", 1, NULL, 0, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_OK);
  CHECK(n_seen == 2 && proxy_connections == 0);
  revtain_gateway_response_free(r);
  r = NULL;
  revtain_gateway_client_free(c);
  c = NULL;
  for (i = 0; i < sizeof vars / sizeof vars[0]; i++) unsetenv(vars[i]);

  /* Named: every request goes through it (plain http needs insecure http allowed). */
  CHECK(revtain_gateway_client_new_with_proxy(url, strlen(url), NULL, 2.0, NULL, 0, true,
                                              with_secret, strlen(with_secret),
                                              &c) == REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_client_request(c, "GET", 3, "/v1/x", 5, NULL, 0, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_response_body(r, (uint8_t *)body, sizeof body, &n) == REVTAIN_RESULT_OK &&
        n == 9 && memcmp(body, "via proxy", 9) == 0);
  CHECK(proxy_connections == 1 && n_seen == 2);
  CHECK(strncmp(proxy_first_line, "CONNECT 127.0.0.1:", 18) == 0);
  revtain_gateway_response_free(r);
  revtain_gateway_client_free(c);
  c = (revtain_gateway_client *)&n;
  CHECK(revtain_gateway_client_new_with_proxy(url, strlen(url), NULL, 2.0, NULL, 0, false, proxy,
                                              strlen(proxy), &c) ==
        REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
  CHECK(c == NULL);
  {
    static const char *bad[] = {"socks5://127.0.0.1:1080", "127.0.0.1:3128",
                                "http://user:" SECRET "@", "not a url " SECRET};
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
      c = (revtain_gateway_client *)&n;
      CHECK(revtain_gateway_client_new_with_proxy("https://api.example", 19, NULL, 2.0, NULL, 0,
                                                  false, bad[i], strlen(bad[i]), &c) ==
            REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
      CHECK(c == NULL);
      CHECK(last_message(msg, sizeof msg) && strstr(msg, SECRET) == NULL);
    }
  }
  CHECK(revtain_gateway_client_new_with_proxy("https://api.example", 19, NULL, 2.0, NULL, 0, false,
                                              NULL, 3, &c) == REVTAIN_RESULT_NULL_PARAMETER);
  case_end("gateway-proxy-explicit-never-from-the-environment");
}

int main(int argc, char **argv) {
  (void)unhex;
  if (argc < 2) {
    fprintf(stderr, "usage: test_retry <vectors dir>\n");
    return 2;
  }
  test_vectors(argv[1]);
  signal(SIGPIPE, SIG_IGN); /* a server write to a client that hung up fails, quietly */
  start_server();
  test_policy();
  test_three_attempts_one_key();
  test_final_and_errors();
  test_callers_idempotency_header();
  test_base_url_credentials();
  test_framing_headers();
  test_rejected_answers();
  start_proxy();
  test_proxy();
  close(listen_fd);
  close(proxy_fd);
  return summary();
}
