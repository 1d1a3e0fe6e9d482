/* Revtain webhooks from C: sign an event as Revtain does, verify it as a merchant does, and
 * see a tampered body, a replayed one and an unsigned request refused with the library's own
 * explanation.
 *   cc webhook.c $(pkg-config --cflags --libs revtain) -o verify_webhook */
#include <revtain.h>
#include <stdio.h>
#include <string.h>

/* Prints why a webhook was refused: the stable code name and the library's message. */
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
  const uint64_t signed_at = 1700000000, an_hour_later = signed_at + 3600;
  revtain_webhook_verifier *verifier = NULL;
  size_t n;
  uint64_t t = 0;
  revtain_result r;

  /* The merchant copies the secret from the dashboard; here we make one. */
  if (revtain_webhook_secret_generate(secret, sizeof secret, &n) != REVTAIN_RESULT_OK) return 1;
  secrets[0] = secret;

  /* Revtain's side: the headers it sends with the body, as HTTP header lines. */
  r = revtain_webhook_sign(secrets, 1, (const uint8_t *)body, strlen(body), "evt_1Q2w3E",
                           signed_at, headers, sizeof headers, &n);
  if (r != REVTAIN_RESULT_OK) return 1;
  printf("[c]      signed headers        :\n%s", headers);

  /* The merchant's side: a verifier keyed once at startup (several secrets while rotating),
   * then the X-Revtain-Signature value of each request. A real server passes its header
   * lookup's result straight in (NULL when absent) and now = 0 for the system clock; fixed
   * times here let the example show a replay an hour later. */
  if (revtain_webhook_verifier_new(secrets, 1, REVTAIN_WEBHOOK_DEFAULT_TOLERANCE, &verifier) !=
      REVTAIN_RESULT_OK)
    return 1;
  sig = strstr(headers, "X-Revtain-Signature: ") + strlen("X-Revtain-Signature: ");
  end = strstr(sig, "\r\n");
  *end = '\0';
  r = revtain_webhook_verifier_verify(verifier, (const uint8_t *)body, strlen(body), sig,
                                      signed_at + 42, &t);
  if (r != REVTAIN_RESULT_OK) return 1;
  printf("[c]      %-22s: ok, signed at %llu\n", "verified", (unsigned long long)t);

  /* One changed byte in the body: the signature no longer matches. */
  r = revtain_webhook_verifier_verify(verifier, (const uint8_t *)tampered, strlen(tampered), sig,
                                      signed_at + 42, &t);
  if (r != REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH) return 1;
  explain("tampered body", r);

  /* The genuine request replayed an hour later: t is the signed timestamp, so the age shows. */
  r = revtain_webhook_verifier_verify(verifier, (const uint8_t *)body, strlen(body), sig,
                                      an_hour_later, &t);
  if (r != REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE) return 1;
  explain("replayed an hour later", r);
  printf("[c]      %-22s  signed %llu s before now, tolerance %d s\n", "",
         (unsigned long long)(an_hour_later - t), REVTAIN_WEBHOOK_DEFAULT_TOLERANCE);

  /* A request without the header at all. */
  r = revtain_webhook_verifier_verify(verifier, (const uint8_t *)body, strlen(body), NULL,
                                      signed_at + 42, &t);
  if (r != REVTAIN_RESULT_WEBHOOK_HEADER_MISSING) return 1;
  explain("unsigned request", r);

  revtain_webhook_verifier_free(verifier);
  return 0;
}
