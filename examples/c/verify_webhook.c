/* Revtain webhooks from C: sign an event as Revtain does, verify it as a merchant does, and
 * see a tampered body and a replayed one refused with the library's own explanation.
 *
 *   cc -Iinclude examples/c/verify_webhook.c -Ltarget/release -lrevtain -o verify_webhook
 */
#include <revtain.h>
#include <stdio.h>
#include <string.h>

static void explain(const char *what, revtain_result r) {
  char msg[512];
  size_t n;
  revtain_result_message(r, msg, sizeof msg, &n);
  printf("[c]      %-22s: refused, %s\n", what, revtain_result_name(r));
  printf("[c]      %-22s  (%s)\n", "", msg);
}

int main(void) {
  char secret[REVTAIN_WEBHOOK_SECRET_BUF_SIZE], headers[1024], *sig, *end;
  const char *secrets[1];
  const char *body =
      "{\"id\":\"evt_1Q2w3E\",\"type\":\"payment.recovered\",\"created\":1700000000,"
      "\"data\":{\"invoice\":\"in_42\",\"amount\":4900}}";
  const char *tampered =
      "{\"id\":\"evt_1Q2w3E\",\"type\":\"payment.recovered\",\"created\":1700000000,"
      "\"data\":{\"invoice\":\"in_42\",\"amount\":1}}";
  size_t n;
  uint64_t t = 0;
  revtain_result r;

  /* The merchant copies the secret from the dashboard; here we make one. */
  if (revtain_webhook_secret_generate(secret, sizeof secret, &n) != REVTAIN_RESULT_OK) return 1;
  secrets[0] = secret;

  /* Revtain's side: the headers it sends with the body. */
  r = revtain_webhook_sign(secrets, 1, (const uint8_t *)body, strlen(body), "evt_1Q2w3E",
                           1700000000, headers, sizeof headers, &n);
  if (r != REVTAIN_RESULT_OK) return 1;
  printf("[c]      signed headers        :\n%s", headers);

  /* The merchant's side: the X-Revtain-Signature value, from the request. */
  sig = strstr(headers, "X-Revtain-Signature: ") + strlen("X-Revtain-Signature: ");
  end = strstr(sig, "\r\n");
  *end = '\0';
  r = revtain_webhook_verify((const uint8_t *)body, strlen(body), sig, secrets, 1,
                             REVTAIN_WEBHOOK_DEFAULT_TOLERANCE, 1700000042, &t);
  if (r != REVTAIN_RESULT_OK) return 1;
  printf("[c]      %-22s: ok, signed at %llu\n", "verified", (unsigned long long)t);

  r = revtain_webhook_verify((const uint8_t *)tampered, strlen(tampered), sig, secrets, 1,
                             REVTAIN_WEBHOOK_DEFAULT_TOLERANCE, 1700000042, &t);
  if (r != REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH) return 1;
  explain("tampered body", r);

  r = revtain_webhook_verify((const uint8_t *)body, strlen(body), sig, secrets, 1,
                             REVTAIN_WEBHOOK_DEFAULT_TOLERANCE, 1700003600, &t);
  if (r != REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE) return 1;
  printf("[c]      %-22s: refused, signed %llu s before now\n", "replayed an hour later",
         (unsigned long long)(1700003600 - t));
  return 0;
}
