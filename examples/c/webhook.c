/* Verifying Revtain webhooks from C, as a merchant's server does: a verifier keyed once with
 * the signing secret, then the raw body and the X-Revtain-Signature header of every request
 * checked before anything in it is trusted. Revtain's side (signing) is played here too, so
 * that the program runs on its own. Build against an installed copy:
 *   cc webhook.c $(pkg-config --cflags --libs revtain) \
 *     -Wl,-rpath,$(pkg-config --variable=libdir revtain) -o webhook */
#include <revtain.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The request handler: `signature` is the X-Revtain-Signature header as the HTTP server gives
 * it (pointer and length; NULL, 0 when the request has none), `body` the raw bytes read.
 * Answers 200 for a verified event, 400 for anything else. */
static int handle_webhook(const revtain_webhook_verifier *verifier, const char *body,
                          size_t body_len, const char *signature, size_t signature_len,
                          revtain_result *result) {
  revtain_webhook_event *event = NULL;
  revtain_error *error;
  char why[512] = "";
  size_t n;
  uint64_t signed_at = 0;

  /* now = NULL: the system clock, REVTAIN_WEBHOOK_DEFAULT_TOLERANCE (300 s) either way. */
  *result = revtain_webhook_verifier_verify(verifier, (const uint8_t *)body, body_len, signature,
                                            signature_len, NULL, &signed_at);
  if (*result == REVTAIN_RESULT_OK)
    *result = revtain_webhook_event_parse((const uint8_t *)body, body_len, &event);
  if (*result != REVTAIN_RESULT_OK) {
    /* Why, in the library's words (for the log; never echo it to the sender). */
    error = revtain_error_last();
    if (revtain_error_message(error, why, sizeof why, &n) != REVTAIN_RESULT_OK) why[0] = '\0';
    revtain_error_free(error);
    printf("[c]      400 %s\n[c]          (%s)\n", revtain_result_name(*result), why);
    return 400;
  }
  printf("[c]      200 %s %s, signed at %llu\n", revtain_webhook_event_type(event, NULL),
         revtain_webhook_event_id(event, NULL), (unsigned long long)signed_at);
  revtain_webhook_event_free(event);
  return 200;
}

int main(void) {
  const char *body =
      "{\"id\":\"evt_1Q2w3E\",\"type\":\"payment.recovered\",\"created\":1700000000,"
      "\"data\":{\"invoice\":\"in_42\",\"amount\":4900}}";
  const char *tampered =
      "{\"id\":\"evt_1Q2w3E\",\"type\":\"payment.recovered\",\"created\":1700000000,"
      "\"data\":{\"invoice\":\"in_42\",\"amount\":1}}";
  char secret[REVTAIN_WEBHOOK_SECRET_BUF_SIZE], fresh[256], old[256];
  revtain_str secrets[1];
  revtain_webhook_verifier *verifier = NULL;
  uint64_t now = (uint64_t)time(NULL);
  size_t secret_len, fresh_len, old_len;
  revtain_result r[4];
  int ok;

  /* The secret comes from Revtain's dashboard (keep it in your secret store); here, a new one. */
  if (revtain_webhook_secret_generate(secret, sizeof secret, &secret_len) != REVTAIN_RESULT_OK)
    return 1;
  secrets[0].ptr = secret;
  secrets[0].len = secret_len;

  /* At startup: one verifier (pass two secrets while rotating), shared by every thread. */
  if (revtain_webhook_verifier_new(secrets, 1, REVTAIN_WEBHOOK_DEFAULT_TOLERANCE, &verifier) !=
      REVTAIN_RESULT_OK)
    return 1;

  /* Revtain's side: the X-Revtain-Signature values of the body signed now and an hour ago. */
  if (revtain_webhook_signature_header(secrets, 1, (const uint8_t *)body, strlen(body), now, fresh,
                                       sizeof fresh, &fresh_len) != REVTAIN_RESULT_OK ||
      revtain_webhook_signature_header(secrets, 1, (const uint8_t *)body, strlen(body), now - 3600,
                                       old, sizeof old, &old_len) != REVTAIN_RESULT_OK)
    return 1;
  printf("[c]      X-Revtain-Signature: %.40s...\n", fresh);

  /* Four requests: genuine; one byte of the body changed; a replay an hour later; unsigned. */
  ok = handle_webhook(verifier, body, strlen(body), fresh, fresh_len, &r[0]) == 200 &&
       handle_webhook(verifier, tampered, strlen(tampered), fresh, fresh_len, &r[1]) == 400 &&
       handle_webhook(verifier, body, strlen(body), old, old_len, &r[2]) == 400 &&
       handle_webhook(verifier, body, strlen(body), NULL, 0, &r[3]) == 400;
  revtain_webhook_verifier_free(verifier);
  return ok && r[1] == REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH &&
                 r[2] == REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE &&
                 r[3] == REVTAIN_RESULT_WEBHOOK_HEADER_MISSING
             ? 0
             : 1;
}
