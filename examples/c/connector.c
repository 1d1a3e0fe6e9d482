/* Connector verifiers from C: verify a Stripe webhook as a merchant receives it (headers, raw
 * body, the whsec_ secret from the Stripe dashboard), print what verified, then see a replay
 * refused with the library's precise explanation.
 *   cc connector.c $(pkg-config --cflags --libs revtain) -o verify_connector */
#include <inttypes.h>
#include <revtain.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  /* Signed at write time with Python: hmac.new(b"whsec_revtain_example_secret",
   * b"1700000000." + body, hashlib.sha256).hexdigest() -- Stripe keys HMAC with the whole
   * whsec_ string and signs "{t}.{body}". */
  const char *secret = "whsec_revtain_example_secret";
  const char *body = "{\"id\":\"evt_1NxY2bC3\",\"type\":\"invoice.paid\","
                     "\"data\":{\"object\":{\"amount_paid\":4200}}}";
  /* The request's headers as the HTTP server gives them: pointers and lengths, no NUL needed. */
  static const char signature[] =
      "t=1700000000,v1=d23cf3c7eaae8e9b6d0c17aa9d1e326ef3582d1db0e5801283c58350b55642f6";
  const revtain_header headers[] = {
      {{"Content-Type", 12}, {"application/json", 16}},
      {{"Stripe-Signature", 16}, {signature, sizeof signature - 1}},
  };
  revtain_connector_options options;
  revtain_connector_event *event = NULL;
  revtain_error *error = NULL;
  char message[512];
  size_t n, i;
  uint64_t t, tolerance;
  int64_t age;
  revtain_result r;

  printf("[c]      connectors:");
  for (i = 0; i < revtain_connector_count(); i++) printf(" %s", revtain_connector_name(i));
  printf("\n");

  /* A fixed clock so that the example verifies forever; leave has_now false in production. */
  revtain_connector_options_init(&options);
  options.has_now = true;
  options.now = 1700000000 + 42;
  r = revtain_connector_verify("stripe", 6, headers, 2, (const uint8_t *)body, strlen(body),
                               (const uint8_t *)secret, strlen(secret), &options, &event);
  if (r != REVTAIN_RESULT_OK) {
    printf("[c]      unexpected: %s\n", revtain_result_name(r));
    return 1;
  }
  revtain_connector_event_timestamp(event, &t);
  printf("[c]      verified       : %s webhook signed at %" PRIu64 ", %zu-byte body\n",
         revtain_connector_event_connector(event), t, strlen(body));
  revtain_connector_event_free(event);

  /* The same request an hour later: genuine, but outside Stripe's 300 s window. */
  options.now = 1700000000 + 3600;
  r = revtain_connector_verify("stripe", 6, headers, 2, (const uint8_t *)body, strlen(body),
                               (const uint8_t *)secret, strlen(secret), &options, NULL);
  if (r != REVTAIN_RESULT_CONNECTOR_TIMESTAMP_OUT_OF_TOLERANCE) return 1;
  /* Why, in detail: the last failure of this thread (as errno, right after the call). */
  error = revtain_error_last();
  revtain_error_age(error, &age);
  revtain_error_tolerance(error, &tolerance);
  revtain_error_message(error, message, sizeof message, &n);
  printf("[c]      replayed       : refused, %s (age %" PRId64 " s, window %" PRIu64 " s)\n",
         revtain_result_name(r), age, tolerance);
  printf("[c]                       (%s)\n", message);
  revtain_error_free(error);
  return 0;
}
