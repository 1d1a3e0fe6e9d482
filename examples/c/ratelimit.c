/* Rate limiting from C: 60 requests per API key in any 60 s, with the response headers.
 * Build: cc -Iinclude examples/c/ratelimit.c target/release/librevtain.a -lpthread -ldl -lm */
#include <revtain.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  revtain_rate_limiter *limiter = NULL;
  revtain_rate_limit_decision d;
  const char *key = "rev_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX";
  char headers[256];
  size_t n = 0;
  int i, admitted = 0;
  revtain_result r = revtain_rate_limiter_new(REVTAIN_RATE_LIMIT_DEFAULT_LIMIT,
                                              REVTAIN_RATE_LIMIT_DEFAULT_WINDOW, &limiter);
  if (r != REVTAIN_RESULT_OK) {
    fprintf(stderr, "rate limiter: %s\n", revtain_result_name(r));
    return 1;
  }
  /* A burst of 61 requests in one second: 60 are admitted, the 61st waits. Fixed times so
   * that the example shows the same; a server passes NULL for the system clock. */
  for (i = 0; i < 61; i++) {
    double now = 1700000000.0 + i / 61.0;
    r = revtain_rate_limiter_check(limiter, (const uint8_t *)key, strlen(key), &now, &d);
    if (r != REVTAIN_RESULT_OK) {
      fprintf(stderr, "check: %s\n", revtain_result_name(r));
      revtain_rate_limiter_free(limiter);
      return 1;
    }
    admitted += d.allowed;
  }
  printf("admitted %d of 61; the last: allowed=%d, retry after %.3f s\n", admitted, d.allowed,
         d.retry_after);
  if (revtain_rate_limit_decision_headers(&d, headers, sizeof headers, &n) == REVTAIN_RESULT_OK)
    printf("HTTP/1.1 429 Too Many Requests\r\n%s", headers);
  revtain_rate_limiter_free(limiter);
  return admitted == 60 && !d.allowed ? 0 : 1;
}
