/* The retry policy and the blocking gateway client from C, against a scripted HTTP server on
 * 127.0.0.1 that this program runs in a thread. Usage: test_retry <vectors dir> (unused) */
#define _POSIX_C_SOURCE 200809L
#include <revtain.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <math.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
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
  const char *names[] = {"Authorization"}, *values[] = {"Bearer sk_test_c"};
  snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
  CHECK(revtain_retry_policy_new(0.01, 0.1, 4, 5.0, REVTAIN_JITTER_NONE, &policy) ==
        REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_client_new(url, strlen(url), policy, 2.0, names, values, 1, false,
                                   &client) == REVTAIN_RESULT_OK);
  revtain_retry_policy_free(policy); /* the client keeps a copy */
  return client;
}

/* ------------------------------------------------------------------ tests */

static void test_policy(void) {
  revtain_retry_policy *p = NULL, *bad = (revtain_retry_policy *)&p;
  double d = -1, after = 0;
  revtain_retry_verdict v;
  bool valid = true;
  const char *names[] = {"Stripe-Should-Retry"}, *no[] = {"false"};
  const char *ra[] = {"retry-after"}, *ra_v[] = {"7"};
  case_begin();
  CHECK(revtain_retry_policy_new(REVTAIN_RETRY_DEFAULT_BASE, REVTAIN_RETRY_DEFAULT_CAP,
                                 REVTAIN_RETRY_DEFAULT_MAX_ATTEMPTS, REVTAIN_RETRY_DEFAULT_DEADLINE,
                                 REVTAIN_JITTER_FULL, &p) == REVTAIN_RESULT_OK);
  CHECK(revtain_retry_policy_next_delay(p, 0, 0.5, &d) == REVTAIN_RESULT_OK && d == 0.25);
  CHECK(revtain_retry_policy_next_delay(p, 10, 0.999, &d) == REVTAIN_RESULT_OK && d <= 20.0 &&
        d > 19.9);
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_RESPONSE, 503, NULL, NULL, 0, 0, &v,
                                      &after) == REVTAIN_RESULT_OK &&
        v == REVTAIN_RETRY_VERDICT_RETRY && after == -1);
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_RESPONSE, 402, NULL, NULL, 0, 0, &v,
                                      &after) == REVTAIN_RESULT_OK &&
        v == REVTAIN_RETRY_VERDICT_FINAL);
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_RESPONSE, 500, names, no, 1, 0, &v,
                                      &after) == REVTAIN_RESULT_OK &&
        v == REVTAIN_RETRY_VERDICT_FINAL);
  CHECK(revtain_retry_policy_classify(NULL, REVTAIN_TRANSPORT_RESPONSE, 429, ra, ra_v, 1, 0, &v,
                                      &after) == REVTAIN_RESULT_OK &&
        v == REVTAIN_RETRY_VERDICT_RETRY && after == 7.0);
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_TIMED_OUT, 0, NULL, NULL, 0, 0, &v,
                                      &after) == REVTAIN_RESULT_OK &&
        v == REVTAIN_RETRY_VERDICT_RETRY);
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_RESPONSE, 200, NULL, NULL, 0, 0, &v,
                                      &after) == REVTAIN_RESULT_OK &&
        v == REVTAIN_RETRY_VERDICT_SUCCESS);
  CHECK(revtain_retry_policy_classify(p, REVTAIN_TRANSPORT_RESPONSE, 503, NULL, no, 1, 0, &v,
                                      &after) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_retry_after_parse("120", 3, 0, &d, &valid) == REVTAIN_RESULT_OK && valid &&
        d == 120.0);
  CHECK(revtain_retry_after_parse("Sun, 06 Nov 1994 08:50:37 GMT", 29, 784111777.0, &d, &valid) ==
            REVTAIN_RESULT_OK &&
        valid && d == 60.0);
  CHECK(revtain_retry_after_parse("soon", 4, 0, &d, &valid) == REVTAIN_RESULT_OK && !valid &&
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
  CHECK(revtain_gateway_request(c, "POST", 4, "/v1/charges", 11, (const uint8_t *)"amount=1", 8,
                                NULL, NULL, 0, NULL, 0, &r) == REVTAIN_RESULT_OK);
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
  char err[128];
  size_t n = 0;
  case_begin();
  set_script(R402, R200, NULL);
  CHECK(revtain_gateway_request(c, "POST", 4, "/v1/charges", 11, NULL, 0, NULL, NULL, 0,
                                "order-7", 7, &r) == REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_response_status(r) == 402 && revtain_gateway_response_attempt_count(r) == 1);
  CHECK(n_seen == 1 && strcmp(seen_keys[0], "order-7") == 0);
  revtain_gateway_response_free(r);

  set_script(R429_60, NULL, NULL);
  n_steps = 1;
  CHECK(revtain_gateway_request(c, "POST", 4, "/", 1, NULL, 0, NULL, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_GATEWAY_RETRY_AFTER_BEYOND_DEADLINE);
  CHECK(r != NULL && revtain_gateway_response_retry_after(r) == 60.0);
  CHECK(revtain_gateway_response_status(r) == 429 && revtain_gateway_response_attempt_count(r) == 1);
  revtain_gateway_response_free(r);

  set_script(NULL, R200, NULL); /* a connection closed without an answer, then success */
  CHECK(revtain_gateway_request(c, "GET", 3, "/", 1, NULL, 0, NULL, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_response_attempt_count(r) == 2);
  CHECK(revtain_gateway_response_attempt(r, 0, &a, err, sizeof err, &n) == REVTAIN_RESULT_OK &&
        a.status == 0 && n > 0);
  CHECK(seen_keys[0][0] == '\0'); /* GET: no idempotency key by default */
  revtain_gateway_response_free(r);

  set_script(R503, NULL, NULL);
  n_steps = 1;
  CHECK(revtain_gateway_client_set_budget(c, 0) == REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_request(c, "POST", 4, "/", 1, NULL, 0, NULL, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_GATEWAY_BUDGET_EXHAUSTED);
  CHECK(n_seen == 1 && r && revtain_gateway_response_attempt_count(r) == 1);
  revtain_gateway_response_free(r);
  CHECK(revtain_gateway_client_set_budget(c, 500) == REVTAIN_RESULT_OK);
  CHECK(revtain_gateway_request(c, "POST", 4, "/", 1, NULL, 0, NULL, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_GATEWAY_RETRIES_EXHAUSTED);
  CHECK(r && revtain_gateway_response_attempt_count(r) == 4 && revtain_gateway_response_status(r) == 503);
  revtain_gateway_response_free(r);

  CHECK(revtain_gateway_request(c, "POST", 4, "no-slash", 8, NULL, 0, NULL, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
  CHECK(r == NULL);
  CHECK(revtain_gateway_request(NULL, "GET", 3, "/", 1, NULL, 0, NULL, NULL, 0, NULL, 0, &r) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_gateway_request(c, "GET", 3, "/", 1, NULL, 0, NULL, NULL, 0, NULL, 0, NULL) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  revtain_gateway_client_free(c);
  {
    revtain_gateway_client *insecure = (revtain_gateway_client *)&n;
    CHECK(revtain_gateway_client_new("http://api.stripe.com", 21, NULL, 10.0, NULL, NULL, 0, false,
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
  const char *names[] = {"idempotency-key"}, *values[] = {"order-42"};
  const char *twice_names[] = {"Idempotency-Key", "IDEMPOTENCY-KEY"}, *twice_values[] = {"a", "a"};
  case_begin();
  set_script(R503, R200, NULL);
  CHECK(revtain_gateway_request(c, "POST", 4, "/v1/charges", 11, NULL, 0, names, values, 1, NULL,
                                0, &r) == REVTAIN_RESULT_OK);
  CHECK(n_seen == 2);
  CHECK(seen_key_count[0] == 1 && seen_key_count[1] == 1);
  CHECK(strcmp(seen_keys[0], "order-42") == 0 && strcmp(seen_keys[1], "order-42") == 0);
  CHECK(revtain_gateway_response_idempotency_key(r, key, sizeof key, &n) == REVTAIN_RESULT_OK &&
        strcmp(key, "order-42") == 0);
  revtain_gateway_response_free(r);
  r = NULL;
  set_script(R200, NULL, NULL);
  CHECK(revtain_gateway_request(c, "POST", 4, "/", 1, NULL, 0, names, values, 1, "other", 5, &r) ==
        REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
  CHECK(revtain_gateway_request(c, "POST", 4, "/", 1, NULL, 0, twice_names, twice_values, 2, NULL,
                                0, &r) == REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
  CHECK(r == NULL && n_seen == 0);
  CHECK(revtain_gateway_client_new("https://api.stripe.com", 22, NULL, 10.0, names, values, 1,
                                   false, &wide) == REVTAIN_RESULT_GATEWAY_INVALID_REQUEST);
  CHECK(wide == NULL);
  revtain_gateway_client_free(c);
  case_end("gateway-callers-idempotency-header-is-the-only-key");
}

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  (void)unhex;
  (void)load_vectors;
  (void)str_field;
  start_server();
  test_policy();
  test_three_attempts_one_key();
  test_final_and_errors();
  test_callers_idempotency_header();
  close(listen_fd);
  return summary();
}
