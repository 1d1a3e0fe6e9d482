/* Gateway calls with retries from C: a stand-in gateway on 127.0.0.1 (a thread of this
 * program) answers 503, 503, then 200; the client retries with exponential backoff, sends one
 * Idempotency-Key on every attempt, and reports each attempt. Runs in about a second.
 *
 *   cc retry.c $(pkg-config --cflags --libs revtain) -pthread -o retry && ./retry
 */
#define _POSIX_C_SOURCE 200809L
#include <revtain.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const int SCRIPT[] = {503, 503, 200}; /* the status of each request in turn */
static char keys_seen[3][64];
static int listen_fd;

/* Answers three requests by SCRIPT and keeps the Idempotency-Key each carried. */
static void *gateway(void *arg) {
  (void)arg;
  for (int i = 0; i < 3; i++) {
    char req[8192] = {0}, resp[256];
    size_t got = 0;
    int fd = accept(listen_fd, NULL, NULL);
    if (fd < 0) return NULL;
    while (got < sizeof req - 1 && !strstr(req, "\r\n\r\n")) {
      ssize_t n = read(fd, req + got, sizeof req - 1 - got);
      if (n <= 0) break;
      got += (size_t)n;
    }
    const char *k = strstr(req, "idempotency-key: ");
    if (k) sscanf(k + 17, "%63[^\r]", keys_seen[i]);
    const char *body = SCRIPT[i] == 200 ? "{\"id\":\"pi_demo\",\"status\":\"succeeded\"}" : "{\"error\":\"busy\"}";
    int n = snprintf(resp, sizeof resp,
                     "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
                     "Connection: close\r\n\r\n%s",
                     SCRIPT[i], SCRIPT[i] == 200 ? "OK" : "Service Unavailable", strlen(body), body);
    if (write(fd, resp, (size_t)n) < 0) perror("write");
    close(fd);
  }
  return NULL;
}

static int fail(const char *what, revtain_result r) {
  revtain_error *e = revtain_error_last();
  char msg[512] = "";
  size_t n;
  revtain_error_message(e, msg, sizeof msg, &n);
  fprintf(stderr, "[c] %s: %s: %s\n", what, revtain_result_name(r), msg);
  revtain_error_free(e);
  return 1;
}

int main(void) {
  struct sockaddr_in addr = {0};
  socklen_t len = sizeof addr;
  pthread_t server;
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  listen_fd = socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd < 0 || bind(listen_fd, (struct sockaddr *)&addr, sizeof addr) != 0 ||
      listen(listen_fd, 4) != 0 || getsockname(listen_fd, (struct sockaddr *)&addr, &len) != 0) {
    perror("listen on 127.0.0.1");
    return 1;
  }
  pthread_create(&server, NULL, gateway, NULL);
  char url[64];
  snprintf(url, sizeof url, "http://127.0.0.1:%d", ntohs(addr.sin_port)); /* http: loopback only */

  /* The defaults are REVTAIN_RETRY_DEFAULT_* (base 0.5 s, cap 20 s, 4 attempts, 30 s deadline);
   * shorter here for the demo. The client copies the policy: free it at once. */
  revtain_retry_policy *policy = NULL;
  revtain_gateway_client *client = NULL;
  revtain_result r = revtain_retry_policy_new(0.2, 2.0, 4, 10.0, REVTAIN_JITTER_FULL, &policy);
  if (r != REVTAIN_RESULT_OK) return fail("policy", r);
  const char *auth = "Bearer sk_test_demo";
  revtain_header headers[] = {{{"Authorization", 13}, {auth, strlen(auth)}}};
  r = revtain_gateway_client_new(url, strlen(url), policy, 2.0, headers, 1, false, &client);
  revtain_retry_policy_free(policy);
  if (r != REVTAIN_RESULT_OK) return fail("client", r);

  const char *body = "amount=1999&currency=eur";
  revtain_gateway_response *resp = NULL;
  r = revtain_gateway_client_request(client, "POST", 4, "/v1/payment_intents", 19,
                                     (const uint8_t *)body, strlen(body), NULL, 0, NULL, 0, &resp);
  /* OK is any answer not retried (a 402 decline included: check the status); the GATEWAY_*
   * errors still give the response, with every attempt, for the log. */
  for (size_t i = 0; resp && i < revtain_gateway_response_attempt_count(resp); i++) {
    revtain_gateway_attempt a;
    char error[256] = "";
    size_t n;
    revtain_gateway_response_attempt(resp, i, &a, error, sizeof error, &n);
    printf("[c] attempt %zu        : %u%s after waiting %.3f s (took %.3f s)\n", i + 1, a.status, error,
           a.delay, a.duration);
  }
  if (r != REVTAIN_RESULT_OK) return fail("request", r);
  char key[REVTAIN_GATEWAY_IDEMPOTENCY_KEY_BUF_SIZE], answer[128];
  size_t key_len, answer_len;
  revtain_gateway_response_idempotency_key(resp, key, sizeof key, &key_len);
  revtain_gateway_response_body(resp, (uint8_t *)answer, sizeof answer - 1, &answer_len);
  answer[answer_len] = '\0';
  printf("[c] result           : %u %s\n", revtain_gateway_response_status(resp), answer);
  printf("[c] idempotency key  : %s (the same on all %zu attempts: %s)\n", key,
         revtain_gateway_response_attempt_count(resp),
         strcmp(keys_seen[0], key) == 0 && strcmp(keys_seen[1], key) == 0 &&
                 strcmp(keys_seen[2], key) == 0
             ? "yes"
             : "NO");
  int ok = revtain_gateway_response_status(resp) == 200 &&
           revtain_gateway_response_attempt_count(resp) == 3 && strcmp(keys_seen[2], key) == 0;
  revtain_gateway_response_free(resp);
  revtain_gateway_client_free(client);
  pthread_join(server, NULL);
  close(listen_fd);
  return ok ? 0 : 1;
}
