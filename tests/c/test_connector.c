/* Runs every tests/vectors/connector/<name>.json (one file per connector, all 16 required)
 * and the C conventions of revtain_connector_* against librevtain.
 * Usage: test_connector <vectors dir> */
#include <revtain.h>

#include "harness.h"

#define N_CONNECTORS 16

static int file_exists(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  fclose(f);
  return 1;
}

/* A JSON number or null: whether it is a number, and its value. */
static int num_field(const cJSON *obj, const char *name, double *value) {
  const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, name);
  if (!cJSON_IsNumber(f)) return 0;
  *value = f->valuedouble;
  return 1;
}

/* The case's body (`body` as UTF-8 text, or `body_hex`); the caller frees. */
static unsigned char *body_of(const cJSON *c, size_t *len) {
  const char *hex = str_field(c, "body_hex"), *text = str_field(c, "body");
  unsigned char *body;
  if (hex) return unhex(hex, len);
  *len = text ? strlen(text) : 0;
  body = malloc(*len + 1);
  if (*len) memcpy(body, text, *len);
  return body;
}

/* The expected event id: `event_id` (the vector files' name for it, since `id` is the case
 * id). NULL when the scheme has none. */
static const char *expected_event_id(const cJSON *c) { return str_field(c, "event_id"); }

static void run_case(const char *connector, const cJSON *c) {
  const cJSON *headers = cJSON_GetObjectItemCaseSensitive(c, "headers"), *h;
  const cJSON *opts = cJSON_GetObjectItemCaseSensitive(c, "options");
  const char *expect = str_field(c, "expect"), *secret = str_field(c, "secret");
  size_t n = (size_t)cJSON_GetArraySize(headers), i = 0, body_len, len = 0, got_len = 0;
  size_t name_len = strlen(connector), secret_len = secret ? strlen(secret) : 0;
  revtain_header *list = calloc(n + 1, sizeof *list);
  unsigned char *body = body_of(c, &body_len);
  revtain_connector_options o;
  revtain_connector_event *ev = NULL;
  revtain_error *er = NULL;
  revtain_result r, plain;
  double want;

  cJSON_ArrayForEach(h, headers) {
    list[i] = header_of(cJSON_GetArrayItem(h, 0)->valuestring, cJSON_GetArrayItem(h, 1)->valuestring);
    i++;
  }
  revtain_connector_options_init(&o);
  if (num_field(opts, "tolerance", &want)) {
    o.has_tolerance = true;
    o.tolerance = (uint64_t)want;
  }
  if (num_field(opts, "now", &want)) {
    o.has_now = true;
    o.now = (uint64_t)want;
  }
  /* Absent: {NULL, 0}, not given; "" (a vector has one) is given and empty. */
  o.notification_url = str_of(str_field(opts, "notification_url"));
  o.public_key = str_of(str_field(opts, "public_key"));

  r = revtain_connector_verify(connector, name_len, list, n, body, body_len, (const uint8_t *)secret,
                               secret_len, &o, &ev);
  if (r != REVTAIN_RESULT_OK) er = revtain_error_last();
  CHECK(expect != NULL);
  if (expect && strcmp(expect, "ok") == 0) {
    uint64_t t = 7;
    const char *want_id = expected_event_id(c), *want_payload = str_field(c, "payload");
    if (r != REVTAIN_RESULT_OK) fprintf(stderr, "    got %s\n", revtain_result_name(r));
    CHECK(r == REVTAIN_RESULT_OK && ev != NULL && er == NULL);
    CHECK(ev && strcmp(revtain_connector_event_connector(ev), connector) == 0);
    if (num_field(c, "timestamp", &want)) {
      CHECK(revtain_connector_event_timestamp(ev, &t) && (double)t == want);
    } else {
      CHECK(!revtain_connector_event_timestamp(ev, &t) && t == 0);
    }
    /* The id: size first, then the text. */
    CHECK(revtain_connector_event_has_id(ev) == (want_id != NULL));
    if (want_id) {
      char *id;
      CHECK(revtain_connector_event_id(ev, NULL, 0, &len) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
      CHECK(len == strlen(want_id));
      id = malloc(len + 1);
      CHECK(revtain_connector_event_id(ev, id, len + 1, &got_len) == REVTAIN_RESULT_OK);
      CHECK(got_len == len && strcmp(id, want_id) == 0);
      free(id);
    } else {
      char empty[1] = {'#'};
      CHECK(revtain_connector_event_id(ev, empty, 1, &len) == REVTAIN_RESULT_OK && len == 0 &&
            empty[0] == '\0');
    }
    CHECK(revtain_connector_event_has_payload(ev) == (want_payload != NULL));
    if (want_payload) {
      uint8_t *p;
      size_t want_len = strlen(want_payload);
      CHECK(revtain_connector_event_payload(ev, NULL, 0, &len) ==
            (want_len ? REVTAIN_RESULT_INSUFFICIENT_SIZE : REVTAIN_RESULT_OK));
      CHECK(len == want_len);
      p = malloc(len + 1);
      CHECK(revtain_connector_event_payload(ev, p, len, &got_len) == REVTAIN_RESULT_OK);
      CHECK(got_len == want_len && memcmp(p, want_payload, want_len) == 0);
      free(p);
    } else {
      CHECK(revtain_connector_event_payload(ev, NULL, 0, &len) == REVTAIN_RESULT_OK && len == 0);
    }
  } else if (expect) {
    const char *want_header = str_field(c, "header"), *got_header;
    int64_t age = 0;
    uint64_t tolerance = 0;
    size_t msg_len = 0;
    char *msg;
    if (strcmp(revtain_result_name(r), expect) != 0)
      fprintf(stderr, "    got %s, expected %s\n", revtain_result_name(r), expect);
    CHECK(strcmp(revtain_result_name(r), expect) == 0);
    CHECK(ev == NULL && er != NULL && revtain_error_code(er) == r);
    got_header = revtain_error_header(er);
    if (want_header || got_header) {
      CHECK(want_header && got_header && strcmp(want_header, got_header) == 0);
    }
    if (num_field(c, "age", &want)) {
      CHECK(revtain_error_age(er, &age) && (double)age == want);
      CHECK(num_field(c, "tolerance", &want));
      CHECK(revtain_error_tolerance(er, &tolerance) && (double)tolerance == want);
    } else {
      CHECK(!revtain_error_age(er, &age) && age == 0);
      CHECK(!revtain_error_tolerance(er, &tolerance) && tolerance == 0);
    }
    /* The message: asked for by size, complete, never showing the secret. */
    CHECK(revtain_error_message(er, NULL, 0, &msg_len) ==
          REVTAIN_RESULT_INSUFFICIENT_SIZE);
    CHECK(msg_len > 0);
    msg = malloc(msg_len + 1);
    CHECK(revtain_error_message(er, msg, msg_len + 1, &len) == REVTAIN_RESULT_OK);
    CHECK(len == msg_len && strlen(msg) == msg_len);
    CHECK(!secret || strlen(secret) < 4 || strstr(msg, secret) == NULL);
    free(msg);
  }
  /* The plain call agrees, and takes a NULL out_event. */
  plain = revtain_connector_verify(connector, name_len, list, n, body, body_len,
                                   (const uint8_t *)secret, secret_len, &o, NULL);
  CHECK(plain == r);
  revtain_connector_event_free(ev);
  revtain_error_free(er);
  free(body);
  free(list);
}

static const char *STRIPE_BODY = "{\"id\":\"evt_1\"}";

static void test_conventions(void) {
  revtain_header one[1], bad[1];
  const uint8_t *body = (const uint8_t *)STRIPE_BODY, *k = (const uint8_t *)"k";
  const uint8_t *whsec = (const uint8_t *)"whsec_x";
  size_t body_len = strlen(STRIPE_BODY), len = 99;
  revtain_connector_event *ev = (revtain_connector_event *)&len; /* overwritten with NULL */
  revtain_error *er = NULL;
  revtain_connector_options zero = {0}, init;
  char buf[512];
  int64_t age = 5;
  uint64_t t = 5;
  size_t i;

  one[0] = header_of("Stripe-Signature", "t=1700000000,v1=00");
  case_begin();
  /* NULL with a length: the name, the secret, the headers, a header's name or value, the body. */
  CHECK(revtain_connector_verify(NULL, 6, one, 1, body, body_len, whsec, 7, NULL, &ev) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(ev == NULL);
  CHECK(revtain_connector_verify("stripe", 6, one, 1, body, body_len, NULL, 7, NULL, &ev) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_connector_verify("stripe", 6, NULL, 1, body, body_len, k, 1, NULL, &ev) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  bad[0] = one[0];
  bad[0].name.ptr = NULL;
  CHECK(revtain_connector_verify("stripe", 6, bad, 1, body, body_len, k, 1, NULL, &ev) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  bad[0] = one[0];
  bad[0].value.ptr = NULL;
  CHECK(revtain_connector_verify("stripe", 6, bad, 1, body, body_len, k, 1, NULL, &ev) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_connector_verify("stripe", 6, one, 1, NULL, 3, k, 1, NULL, &ev) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  /* A NULL argument leaves a detail too: the code and its fixed sentence. */
  er = revtain_error_last();
  CHECK(er != NULL && revtain_error_code(er) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_error_header(er) == NULL && !revtain_error_age(er, &age));
  revtain_error_free(er);
  /* NULL with a length of 0 is the empty text: an unknown name, an invalid secret, a header
   * with an empty value. No headers: NULL with 0 is fine, and the header is missing. */
  CHECK(revtain_connector_verify(NULL, 0, one, 1, body, body_len, k, 1, NULL, &ev) ==
        REVTAIN_RESULT_CONNECTOR_UNKNOWN);
  CHECK(revtain_connector_verify("stripe", 6, NULL, 0, body, body_len, NULL, 0, NULL, &ev) ==
        REVTAIN_RESULT_CONNECTOR_INVALID_SECRET);
  bad[0] = header_of("Stripe-Signature", NULL);
  CHECK(revtain_connector_verify("stripe", 6, bad, 1, body, body_len, whsec, 7, NULL, &ev) ==
        REVTAIN_RESULT_CONNECTOR_HEADER_MALFORMED);
  CHECK(revtain_connector_verify("stripe", 6, NULL, 0, NULL, 0, whsec, 7, NULL, &ev) ==
        REVTAIN_RESULT_CONNECTOR_HEADER_MISSING);
  /* Texts are read to their length: a NUL inside is a byte (not the header, not the
   * connector), and none is needed at the end. */
  bad[0] = one[0];
  bad[0].name.ptr = "Stripe-Signature\0";
  bad[0].name.len = 17;
  CHECK(revtain_connector_verify("stripe", 6, bad, 1, body, body_len, whsec, 7, NULL, &ev) ==
        REVTAIN_RESULT_CONNECTOR_HEADER_MISSING);
  CHECK(revtain_connector_verify("stripe\0", 7, NULL, 0, body, body_len, whsec, 7, NULL, &ev) ==
        REVTAIN_RESULT_CONNECTOR_UNKNOWN);
  CHECK(revtain_connector_verify("stripe, not NUL-terminated", 6, NULL, 0, body, body_len, whsec, 7,
                                 NULL, &ev) == REVTAIN_RESULT_CONNECTOR_HEADER_MISSING);
  /* Getters and frees take NULL. */
  CHECK(revtain_connector_event_connector(NULL) == NULL);
  CHECK(!revtain_connector_event_timestamp(NULL, &t) && t == 0);
  CHECK(!revtain_connector_event_has_id(NULL) && !revtain_connector_event_has_payload(NULL));
  CHECK(revtain_connector_event_id(NULL, buf, sizeof buf, &len) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_connector_event_payload(NULL, (uint8_t *)buf, sizeof buf, &len) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_error_code(NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_error_header(NULL) == NULL);
  CHECK(!revtain_error_age(NULL, &age) && age == 0);
  CHECK(!revtain_error_tolerance(NULL, &t) && t == 0);
  CHECK(revtain_error_message(NULL, buf, sizeof buf, &len) == REVTAIN_RESULT_NULL_PARAMETER);
  revtain_connector_event_free(NULL);
  revtain_error_free(NULL);
  revtain_connector_options_init(NULL);
  /* Zero-initialised options are the defaults: no URL and no key are {NULL, 0}. */
  revtain_connector_options_init(&init);
  CHECK(init.has_tolerance == zero.has_tolerance && init.tolerance == zero.tolerance &&
        init.has_now == zero.has_now && init.now == zero.now &&
        init.notification_url.ptr == NULL && init.notification_url.len == 0 &&
        init.public_key.ptr == NULL && init.public_key.len == 0 &&
        zero.notification_url.ptr == NULL && zero.public_key.ptr == NULL);
  case_end("connector-null-arguments");

  /* Unknown connector (and one that is not UTF-8): the message lists the known ones, never the
   * name given (a swapped argument would put the secret there). */
  case_begin();
  CHECK(revtain_connector_verify("strype", 6, one, 1, body, body_len, k, 1, NULL, &ev) ==
        REVTAIN_RESULT_CONNECTOR_UNKNOWN);
  er = revtain_error_last();
  CHECK(ev == NULL && er != NULL);
  CHECK(revtain_error_header(er) == NULL);
  CHECK(revtain_error_message(er, buf, sizeof buf, &len) == REVTAIN_RESULT_OK);
  CHECK(!strstr(buf, "strype") && strstr(buf, "stripe") && strstr(buf, "standard"));
  /* Insufficient size: nothing written, the length reported. */
  memset(buf, '#', sizeof buf);
  CHECK(revtain_error_message(er, buf, len, &i) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(i == len && buf[0] == '#');
  CHECK(revtain_error_message(er, buf, sizeof buf, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_error_message(er, NULL, len + 1, &i) == REVTAIN_RESULT_NULL_PARAMETER);
  revtain_error_free(er);
  CHECK(revtain_connector_verify("Stripe", 6, one, 1, body, body_len, k, 1, NULL, NULL) ==
        REVTAIN_RESULT_CONNECTOR_UNKNOWN);
  CHECK(revtain_connector_verify("str\xff" "pe", 6, one, 1, body, body_len, k, 1, NULL, NULL) ==
        REVTAIN_RESULT_CONNECTOR_UNKNOWN);
  case_end("connector-unknown");

  /* Options that are not UTF-8, and Square without its URL. */
  case_begin();
  init.notification_url = str_of("https://example.com/\xff");
  CHECK(revtain_connector_verify("square", 6, NULL, 0, body, body_len, k, 1, &init, NULL) ==
        REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS);
  init.notification_url = str_of(NULL);
  {
    revtain_header sq[1];
    sq[0] = header_of("x-square-hmacsha256-signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    CHECK(revtain_connector_verify("square", 6, sq, 1, body, body_len, k, 1, &init, NULL) ==
          REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS);
    /* An option text NULL with a length is a NULL parameter, as every text. */
    init.notification_url.len = 20;
    CHECK(revtain_connector_verify("square", 6, sq, 1, body, body_len, k, 1, &init, NULL) ==
          REVTAIN_RESULT_NULL_PARAMETER);
    init.notification_url.len = 0;
  }
  init.public_key = str_of("pk\xfe");
  CHECK(revtain_connector_verify("braintree", 9, NULL, 0, body, body_len, k, 1, &init, NULL) ==
        REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS);
  init.public_key.ptr = NULL;
  CHECK(revtain_connector_verify("braintree", 9, NULL, 0, body, body_len, k, 1, &init, NULL) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  case_end("connector-options-not-utf8");

  /* require_timestamp: refused for a scheme that signs no timestamp; ReCharge then needs its
   * timestamped header (a request with the legacy one only, or none, names that header). */
  case_begin();
  revtain_connector_options_init(&init);
  init.require_timestamp = true;
  CHECK(revtain_connector_verify("shopify", 7, NULL, 0, body, body_len, k, 1, &init, NULL) ==
        REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS);
  {
    revtain_header legacy[1];
    revtain_error *e;
    legacy[0] = header_of("X-Recharge-Hmac-Sha256",
                          "0000000000000000000000000000000000000000000000000000000000000000");
    CHECK(revtain_connector_verify("recharge", 8, legacy, 1, body, body_len, k, 1, &init, NULL) ==
          REVTAIN_RESULT_CONNECTOR_HEADER_MISSING);
    e = revtain_error_last();
    CHECK(e != NULL && revtain_error_header(e) != NULL &&
          strcmp(revtain_error_header(e), "X-Recharge-Webhook-Signature") == 0);
    revtain_error_free(e);
  }
  init.require_timestamp = false;
  case_end("connector-require-timestamp");

  /* The listing. */
  case_begin();
  CHECK(revtain_connector_count() == N_CONNECTORS);
  for (i = 0; i < revtain_connector_count(); i++) {
    const char *name = revtain_connector_name(i);
    CHECK(name != NULL && strlen(name) > 0);
  }
  CHECK(strcmp(revtain_connector_name(0), "stripe") == 0);
  CHECK(strcmp(revtain_connector_name(N_CONNECTORS - 1), "standard") == 0);
  CHECK(revtain_connector_name(N_CONNECTORS) == NULL);
  CHECK(revtain_connector_name((size_t)-1) == NULL);
  case_end("connector-list");
}

/* A Standard Webhooks request that verifies, for the size conventions of the event getters:
 * signed with Python's hmac, key base64-decoded from the secret, over
 * "msg_1.1700000000.{\"id\":\"evt_1\"}". */
static void test_event_sizes(void) {
  /* The texts are read to their lengths: the id is "msg_1" of a longer buffer, and the secret
   * is given with its length only. */
  static const char id_value[] = "msg_1 (and more, outside the length)";
  static const char secret[] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\0AAAA";
  const size_t secret_len = 38;
  revtain_header headers[3];
  revtain_connector_options o = {0};
  revtain_connector_event *ev = NULL;
  char id[8];
  size_t len = 0;
  uint64_t t = 0;
  const uint8_t *body = (const uint8_t *)STRIPE_BODY;
  revtain_result r;

  headers[0] = header_of("webhook-id", NULL);
  headers[0].value.ptr = id_value;
  headers[0].value.len = 5;
  headers[1] = header_of("webhook-timestamp", "1700000000");
  headers[2] = header_of("webhook-signature", "v1,YvZ0WbZa1/aSr6rYI+WcCNp6iQc1VGsNE8L2cBNlvT4=");
  case_begin();
  o.has_now = true;
  o.now = 1700000000;
  r = revtain_connector_verify("standard", 8, headers, 3, body, strlen(STRIPE_BODY),
                               (const uint8_t *)secret, secret_len, &o, &ev);
  if (r != REVTAIN_RESULT_OK) fprintf(stderr, "    got %s\n", revtain_result_name(r));
  CHECK(r == REVTAIN_RESULT_OK && ev != NULL);
  CHECK(revtain_connector_event_timestamp(ev, &t) && t == 1700000000);
  CHECK(revtain_connector_event_timestamp(ev, NULL));
  memset(id, '#', sizeof id);
  CHECK(revtain_connector_event_id(ev, id, 5, &len) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(len == 5 && id[0] == '#');
  CHECK(revtain_connector_event_id(ev, NULL, 6, &len) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_connector_event_id(ev, id, 6, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_connector_event_id(ev, id, 6, &len) == REVTAIN_RESULT_OK);
  CHECK(len == 5 && strcmp(id, "msg_1") == 0);
  CHECK(!revtain_connector_event_has_payload(ev));
  CHECK(revtain_connector_event_payload(ev, NULL, 0, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  /* The secret with the NUL and what follows it is another secret. */
  CHECK(revtain_connector_verify("standard", 8, headers, 3, body, strlen(STRIPE_BODY),
                                 (const uint8_t *)secret, sizeof secret - 1, &o, NULL) ==
        REVTAIN_RESULT_CONNECTOR_INVALID_SECRET);
  /* The timestamp outside a 10 s window: genuine but stale, with its age. */
  {
    revtain_error *er = NULL;
    int64_t age = 0;
    uint64_t tol = 0, ts = 0;
    o.has_tolerance = true;
    o.tolerance = 10;
    o.now = 1700000011;
    CHECK(revtain_connector_verify("standard", 8, headers, 3, body, strlen(STRIPE_BODY),
                                   (const uint8_t *)secret, secret_len, &o, NULL) ==
          REVTAIN_RESULT_CONNECTOR_TIMESTAMP_OUT_OF_TOLERANCE);
    er = revtain_error_last();
    CHECK(revtain_error_age(er, &age) && age == 11);
    CHECK(revtain_error_tolerance(er, &tol) && tol == 10);
    CHECK(revtain_error_timestamp(er, &ts) && ts == 1700000000);
    CHECK(revtain_error_age(er, NULL));
    revtain_error_free(er);
  }
  revtain_connector_event_free(ev);
  case_end("connector-event-sizes");
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "tests/vectors";
  char path[4096];
  size_t i;
  int found = 0;

  test_conventions();
  test_event_sizes();

  for (i = 0; i < revtain_connector_count(); i++) {
    const char *name = revtain_connector_name(i);
    const cJSON *cases, *c;
    cJSON *v;
    const char *file_connector;
    snprintf(path, sizeof path, "%s/connector/%s.json", dir, name);
    if (!file_exists(path)) {
      fprintf(stderr, "MISSING vector file %s\n", path);
      continue;
    }
    found++;
    snprintf(path, sizeof path, "connector/%s.json", name);
    v = load_vectors(dir, path);
    file_connector = str_field(v, "connector");
    case_begin();
    CHECK(file_connector && strcmp(file_connector, name) == 0);
    cases = cJSON_GetObjectItemCaseSensitive(v, "cases");
    CHECK(cJSON_GetArraySize(cases) > 0);
    snprintf(path, sizeof path, "connector-file-%s", name);
    case_end(path);
    cJSON_ArrayForEach(c, cases) {
      case_begin();
      run_case(name, c);
      case_end(str_field(c, "id"));
    }
    cJSON_Delete(v);
  }

  /* Every connector has its vector file: fewer than 16 is a failure, not a skip. */
  case_begin();
  if (found < N_CONNECTORS)
    fprintf(stderr, "    only %d of %d connector vector files exist in %s/connector\n", found,
            N_CONNECTORS, dir);
  CHECK(found == N_CONNECTORS);
  case_end("connector-all-16-vector-files");
  return summary();
}
