/* Runs tests/vectors/webhook.json (signing, verification, errors) and the C conventions
 * against librevtain. Usage: test_webhook <vectors dir> */
#include <revtain.h>
#include <time.h>

#include "harness.h"

/* body = hex(body_hex) repeated body_repeat times; the caller frees. */
static unsigned char *body_of(const cJSON *c, size_t *len) {
  size_t unit_len, i;
  const cJSON *rep = cJSON_GetObjectItemCaseSensitive(c, "body_repeat");
  size_t repeat = cJSON_IsNumber(rep) ? (size_t)rep->valuedouble : 1;
  unsigned char *unit = unhex(str_field(c, "body_hex"), &unit_len);
  unsigned char *body = malloc(unit_len * repeat + 1);
  for (i = 0; i < repeat; i++) memcpy(body + i * unit_len, unit, unit_len);
  free(unit);
  *len = unit_len * repeat;
  return body;
}

/* The array `field` (secrets, or a sign case's verify_keys); the texts belong to the cJSON tree. */
static revtain_str *keys_of(const cJSON *c, const char *field, size_t *n) {
  const cJSON *arr = cJSON_GetObjectItemCaseSensitive(c, field), *s;
  revtain_str *out = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *out);
  *n = 0;
  cJSON_ArrayForEach(s, arr) { out[(*n)++] = str_of(s->valuestring); }
  return out;
}

static revtain_str *secrets_of(const cJSON *c, size_t *n) { return keys_of(c, "secrets", n); }

static uint64_t u64_field(const cJSON *c, const char *name) {
  return (uint64_t)cJSON_GetObjectItemCaseSensitive(c, name)->valuedouble;
}

/* Splits `text`, HTTP header lines `Name: value\r\n`, in place; returns the number of lines
 * (at most `max`), or -1 when a line is not of that form. */
static int parse_header_lines(char *text, const char **names, const char **values, int max) {
  int n = 0;
  while (*text) {
    char *end = strstr(text, "\r\n"), *colon = strstr(text, ": ");
    if (!end || !colon || colon > end || n == max) return -1;
    *colon = '\0';
    *end = '\0';
    names[n] = text;
    values[n] = colon + 2;
    n++;
    text = end + 2;
  }
  return n;
}

static void test_sign(const cJSON *c) {
  size_t n_secrets, body_len, len = 0, n = 0, sig_len = 0;
  revtain_str *secrets = secrets_of(c, &n_secrets);
  unsigned char *body = body_of(c, &body_len);
  const cJSON *headers = cJSON_GetObjectItemCaseSensitive(c, "headers"), *h;
  const char *event_id = str_field(c, "event_id"), *names[8], *values[8];
  const char *want_sig = str_field(headers, "X-Revtain-Signature");
  size_t event_id_len = strlen(event_id);
  uint64_t timestamp = u64_field(c, "timestamp"), t = 0, now;
  char *text, *sig;
  int lines, i = 0;
  revtain_webhook_verifier *v = NULL;

  /* Size first, then a buffer one byte short (no room for the NUL), then the right size. */
  CHECK(revtain_webhook_sign(secrets, n_secrets, body, body_len, event_id, event_id_len,
                             timestamp, NULL, 0, &len) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
  text = malloc(len + 1);
  memset(text, '#', len + 1);
  CHECK(revtain_webhook_sign(secrets, n_secrets, body, body_len, event_id, event_id_len,
                             timestamp, text, len, &n) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(n == len && text[0] == '#' && text[len] == '#');
  CHECK(revtain_webhook_sign(secrets, n_secrets, body, body_len, event_id, event_id_len,
                             timestamp, text, len + 1, &n) == REVTAIN_RESULT_OK);
  CHECK(n == len && strlen(text) == len);

  /* Our own output, read back as header lines: the vector's four headers, in its order
   * (X-Revtain-Signature first), each value exactly. */
  lines = parse_header_lines(text, names, values, 8);
  CHECK(lines == cJSON_GetArraySize(headers) && lines == 4);
  cJSON_ArrayForEach(h, headers) {
    if (i >= lines) break;
    CHECK(strcmp(names[i], h->string) == 0);
    CHECK(strcmp(values[i], h->valuestring) == 0);
    i++;
  }
  CHECK(lines > 0 && strcmp(names[0], "X-Revtain-Signature") == 0);

  /* The X-Revtain-Signature value alone. */
  CHECK(revtain_webhook_signature_header(secrets, n_secrets, body, body_len, timestamp, NULL, 0,
                                         &sig_len) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(sig_len == strlen(want_sig));
  sig = malloc(sig_len + 1);
  CHECK(revtain_webhook_signature_header(secrets, n_secrets, body, body_len, timestamp, sig,
                                         sig_len + 1, &n) == REVTAIN_RESULT_OK);
  CHECK(n == sig_len && strcmp(sig, want_sig) == 0);

  /* And our verifiers, holding the public key of each signing key, accept it a second after it
   * was signed. */
  free(secrets);
  secrets = keys_of(c, "verify_keys", &n_secrets);
  now = timestamp + 1;
  CHECK(revtain_webhook_verify(body, body_len, want_sig, strlen(want_sig), secrets, n_secrets,
                               REVTAIN_WEBHOOK_DEFAULT_TOLERANCE, &now, &t) == REVTAIN_RESULT_OK);
  CHECK(t == timestamp);
  t = 0;
  CHECK(revtain_webhook_verifier_new(secrets, n_secrets, REVTAIN_WEBHOOK_DEFAULT_TOLERANCE, &v) ==
        REVTAIN_RESULT_OK);
  /* At the edge of the tolerance. */
  now = timestamp + REVTAIN_WEBHOOK_DEFAULT_TOLERANCE;
  CHECK(revtain_webhook_verifier_verify(v, body, body_len, want_sig, strlen(want_sig), &now, &t) ==
        REVTAIN_RESULT_OK);
  CHECK(t == timestamp);
  revtain_webhook_verifier_free(v);
  free(sig);
  free(text);
  free(body);
  free(secrets);
}

static void test_sign_error(const cJSON *c) {
  size_t n_secrets, n = 0;
  revtain_str *secrets = secrets_of(c, &n_secrets);
  const char *want = str_field(c, "error");
  revtain_str event_id = str_of(str_field(c, "event_id"));
  char buf[2048];
  revtain_result r = revtain_webhook_sign(secrets, n_secrets, (const uint8_t *)"{}", 2,
                                          event_id.ptr, event_id.len, 1, buf, sizeof buf, &n);
  CHECK(strcmp(revtain_result_name(r), want) == 0);
  /* A size query fails the same way: nothing is sized that cannot be signed. */
  r = revtain_webhook_sign(secrets, n_secrets, (const uint8_t *)"{}", 2, event_id.ptr,
                           event_id.len, 1, NULL, 0, &n);
  CHECK(strcmp(revtain_result_name(r), want) == 0);
  free(secrets);
}

/* One verify outcome against the vector: the timestamp, or the error code (and for a stale
 * webhook, the age from the signed timestamp handed back). */
static void check_outcome(const cJSON *c, revtain_result r, uint64_t now, uint64_t t) {
  const cJSON *want_t = cJSON_GetObjectItemCaseSensitive(c, "timestamp");
  const cJSON *age = cJSON_GetObjectItemCaseSensitive(c, "age");
  if (cJSON_IsNumber(want_t)) {
    CHECK(r == REVTAIN_RESULT_OK);
    CHECK(t == (uint64_t)want_t->valuedouble);
  } else {
    CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
    if (cJSON_IsNumber(age)) {
      CHECK((double)((int64_t)now - (int64_t)t) == age->valuedouble);
    } else {
      CHECK(t == 0);
    }
  }
}

static void test_verify(const cJSON *c) {
  size_t n_secrets, body_len;
  revtain_str *secrets = secrets_of(c, &n_secrets);
  unsigned char *body = body_of(c, &body_len);
  /* {NULL, 0} when the vector has none: the request has no such header. */
  revtain_str header = str_of(str_field(c, "header"));
  uint64_t t = 12345, now = u64_field(c, "now"), tolerance = u64_field(c, "tolerance");
  revtain_webhook_verifier *v = (revtain_webhook_verifier *)&t; /* must be overwritten */
  revtain_result r;

  r = revtain_webhook_verify(body, body_len, header.ptr, header.len, secrets, n_secrets, tolerance,
                             &now, &t);
  check_outcome(c, r, now, t);

  /* The same through a keyed-once verifier; bad secrets fail when it is made. */
  r = revtain_webhook_verifier_new(secrets, n_secrets, tolerance, &v);
  if (r == REVTAIN_RESULT_OK) {
    t = 12345;
    r = revtain_webhook_verifier_verify(v, body, body_len, header.ptr, header.len, &now, &t);
    check_outcome(c, r, now, t);
    revtain_webhook_verifier_free(v);
  } else {
    CHECK(v == NULL);
    check_outcome(c, r, now, 0);
  }
  free(body);
  free(secrets);
}

/* The events group: a body parses to the expected id, type, created and data, or is refused.
 * It is also signed and verified first, as a merchant's code would do. */
static const char *event_secret;

static void test_event(const cJSON *c) {
  size_t len, n = 0, sig_len = 0;
  unsigned char *body = unhex(str_field(c, "body_hex"), &len);
  const cJSON *want = cJSON_GetObjectItemCaseSensitive(c, "event");
  revtain_str secrets[1];
  char headers[1024];
  revtain_webhook_event *ev = (revtain_webhook_event *)&n;
  uint64_t t = 0, now = 1700000000;
  revtain_result r;
  secrets[0] = str_of(event_secret);
  CHECK(revtain_webhook_signature_header(secrets, 1, body, len, 1700000000, headers, sizeof headers,
                                         &sig_len) == REVTAIN_RESULT_OK);
  CHECK(revtain_webhook_verify(body, len, headers, sig_len, secrets, 1, 300, &now, &t) ==
        REVTAIN_RESULT_OK);
  r = revtain_webhook_event_parse(body, len, &ev);
  if (cJSON_IsObject(want)) {
    cJSON *data;
    size_t id_len = 0;
    CHECK(r == REVTAIN_RESULT_OK);
    CHECK(strcmp(revtain_webhook_event_id(ev, &id_len), str_field(want, "id")) == 0);
    CHECK(id_len == strlen(str_field(want, "id")));
    CHECK(strcmp(revtain_webhook_event_type(ev, NULL), str_field(want, "type")) == 0);
    CHECK((double)revtain_webhook_event_created(ev) ==
          cJSON_GetObjectItemCaseSensitive(want, "created")->valuedouble);
    data = cJSON_Parse(revtain_webhook_event_data(ev, NULL));
    CHECK(data != NULL && cJSON_Compare(data, cJSON_GetObjectItemCaseSensitive(want, "data"), 1));
    cJSON_Delete(data);
  } else {
    CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
    CHECK(ev == NULL);
  }
  revtain_webhook_event_free(ev);
  free(body);
}

static void test_conventions(void) {
  char secret[REVTAIN_WEBHOOK_SECRET_BUF_SIZE], other[REVTAIN_WEBHOOK_SECRET_BUF_SIZE], buf[1024];
  char sig[256], current[256], padded[300], longer[64];
  revtain_str one[1], two[2], with_null[2], empty_entry[1], longer_secret[1];
  const uint8_t *body = (const uint8_t *)"{}";
  size_t n = 0, sig_len = 0, current_len = 0;
  uint64_t t = 0, zero = 0, at100 = 100, signed_now;
  revtain_webhook_verifier *v = NULL;
  case_begin();
  CHECK(revtain_webhook_secret_generate(secret, 10, &n) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(n == REVTAIN_WEBHOOK_SECRET_LEN && n + 1 == REVTAIN_WEBHOOK_SECRET_BUF_SIZE);
  CHECK(revtain_webhook_secret_generate(secret, REVTAIN_WEBHOOK_SECRET_LEN, &n) ==
        REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(revtain_webhook_secret_generate(secret, sizeof secret, &n) == REVTAIN_RESULT_OK);
  CHECK(n == REVTAIN_WEBHOOK_SECRET_LEN && strlen(secret) == n);
  CHECK(revtain_webhook_secret_generate(other, sizeof other, &n) == REVTAIN_RESULT_OK);
  CHECK(strncmp(secret, "whsec_", 6) == 0 && strcmp(secret, other) != 0);
  CHECK(revtain_webhook_secret_generate(secret, sizeof secret, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_secret_generate(NULL, sizeof secret, &n) == REVTAIN_RESULT_NULL_PARAMETER);
  one[0] = str_of(secret);
  CHECK(revtain_webhook_sign(one, 1, body, 2, "evt_1", 5, 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_OK);
  CHECK(strncmp(buf, "X-Revtain-Signature: t=0,v1=", 28) == 0);
  /* The same signature alone: a webhook signed at t = 0, in 1970. */
  CHECK(revtain_webhook_signature_header(one, 1, body, 2, 0, sig, sizeof sig, &sig_len) ==
        REVTAIN_RESULT_OK);
  CHECK(strncmp(buf + 21, sig, sig_len) == 0 && buf[21 + sig_len] == '\r');

  /* now == NULL is the system clock: signed in 1970, it is stale (its timestamp handed back). */
  t = 99;
  CHECK(revtain_webhook_verify(body, 2, sig, sig_len, one, 1, 300, NULL, &t) ==
        REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE);
  CHECK(t == 0);
  /* now = 0 is 1970, not the clock: that webhook is fresh then, and one signed just now is
   * out of tolerance then (and fine on the clock). */
  CHECK(revtain_webhook_verify(body, 2, sig, sig_len, one, 1, 300, &zero, &t) == REVTAIN_RESULT_OK);
  signed_now = (uint64_t)time(NULL);
  CHECK(revtain_webhook_signature_header(one, 1, body, 2, signed_now, current, sizeof current,
                                         &current_len) == REVTAIN_RESULT_OK);
  CHECK(revtain_webhook_verify(body, 2, current, current_len, one, 1, 300, &zero, &t) ==
        REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE);
  CHECK(t == signed_now);
  t = 0;
  CHECK(revtain_webhook_verify(body, 2, current, current_len, one, 1, 300, NULL, &t) ==
        REVTAIN_RESULT_OK);
  CHECK(t == signed_now);
  CHECK(revtain_webhook_verify(body, 2, sig, sig_len, one, 1, 300, &at100, NULL) == REVTAIN_RESULT_OK);
  /* Rotation: either secret verifies. */
  two[0] = str_of(other);
  two[1] = str_of(secret);
  CHECK(revtain_webhook_verify(body, 2, sig, sig_len, two, 2, 300, &at100, &t) == REVTAIN_RESULT_OK);
  CHECK(revtain_webhook_verify(body, 2, sig, sig_len, two, 1, 300, &at100, &t) ==
        REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH);

  /* Texts are read to their length: no NUL is needed after them (the header here is followed
   * by 'X's that would spoil its v1), and a NUL inside is a byte like any other. */
  memset(padded, 'X', sizeof padded);
  memcpy(padded, sig, sig_len);
  CHECK(revtain_webhook_verify(body, 2, padded, sig_len, one, 1, 300, &at100, &t) ==
        REVTAIN_RESULT_OK);
  CHECK(revtain_webhook_verifier_new(one, 1, 300, &v) == REVTAIN_RESULT_OK);
  CHECK(revtain_webhook_verifier_verify(v, body, 2, padded, sig_len, &at100, &t) ==
        REVTAIN_RESULT_OK);
  revtain_webhook_verifier_free(v);
  v = NULL;
  padded[sig_len] = '\0';
  CHECK(revtain_webhook_verify(body, 2, padded, sig_len + 1, one, 1, 300, &at100, &t) ==
        REVTAIN_RESULT_WEBHOOK_NO_SIGNATURE);
  memcpy(longer, secret, REVTAIN_WEBHOOK_SECRET_LEN);
  memcpy(longer + REVTAIN_WEBHOOK_SECRET_LEN, "\0AAAA", 5);
  longer_secret[0].ptr = longer;
  longer_secret[0].len = REVTAIN_WEBHOOK_SECRET_LEN + 5;
  CHECK(revtain_webhook_verify(body, 2, sig, sig_len, longer_secret, 1, 300, &at100, &t) ==
        REVTAIN_RESULT_WEBHOOK_INVALID_SECRET);
  longer_secret[0].len = REVTAIN_WEBHOOK_SECRET_LEN;
  CHECK(revtain_webhook_verify(body, 2, sig, sig_len, longer_secret, 1, 300, &at100, &t) ==
        REVTAIN_RESULT_OK);
  CHECK(revtain_webhook_sign(one, 1, body, 2, "evt_1\0x", 7, 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_WEBHOOK_INVALID_EVENT_ID);
  CHECK(revtain_webhook_sign(one, 1, body, 2, "evt_1 and more", 5, 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_OK);
  CHECK(strstr(buf, "\r\nwebhook-id: evt_1\r\n") != NULL);

  /* NULL arguments are errors, never crashes; NULL with a length of 0 is the empty text. */
  with_null[0] = str_of(secret);
  with_null[1].ptr = NULL;
  with_null[1].len = REVTAIN_WEBHOOK_SECRET_LEN;
  empty_entry[0].ptr = NULL;
  empty_entry[0].len = 0;
  CHECK(revtain_webhook_verify(NULL, 2, sig, sig_len, one, 1, 300, &at100, &t) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_verify(NULL, 0, sig, sig_len, one, 1, 300, &at100, &t) ==
        REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH);
  /* The header as NULL, 0 is a request without it (a failed lookup passed straight in); NULL
   * with a length is an error; a header present but empty is malformed. */
  CHECK(revtain_webhook_verify(body, 2, NULL, 0, one, 1, 300, &at100, &t) ==
        REVTAIN_RESULT_WEBHOOK_HEADER_MISSING);
  CHECK(revtain_webhook_verify(body, 2, NULL, sig_len, one, 1, 300, &at100, &t) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_verify(body, 2, "", 0, one, 1, 300, &at100, &t) ==
        REVTAIN_RESULT_WEBHOOK_HEADER_MALFORMED);
  CHECK(revtain_webhook_verify(body, 2, sig, sig_len, NULL, 1, 300, &at100, &t) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_verify(body, 2, sig, sig_len, with_null, 2, 300, &at100, &t) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_verify(body, 2, sig, sig_len, empty_entry, 1, 300, &at100, &t) ==
        REVTAIN_RESULT_WEBHOOK_INVALID_SECRET);
  CHECK(revtain_webhook_verify(body, 2, sig, sig_len, one, 0, 300, &at100, &t) ==
        REVTAIN_RESULT_WEBHOOK_INVALID_SECRET);
  CHECK(revtain_webhook_verify(body, 2, sig, sig_len, NULL, 0, 300, &at100, &t) ==
        REVTAIN_RESULT_WEBHOOK_INVALID_SECRET);
  CHECK(revtain_webhook_sign(one, 1, body, 2, NULL, 0, 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_WEBHOOK_INVALID_EVENT_ID);
  CHECK(revtain_webhook_sign(one, 1, body, 2, NULL, 5, 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_sign(one, 1, body, 2, "evt_1", 5, 0, buf, sizeof buf, NULL) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_sign(NULL, 1, body, 2, "evt_1", 5, 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_sign(with_null, 2, body, 2, "evt_1", 5, 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_sign(empty_entry, 1, body, 2, "evt_1", 5, 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_WEBHOOK_INVALID_SECRET);
  CHECK(revtain_webhook_sign(one, 1, NULL, 2, "evt_1", 5, 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_sign(one, 1, body, 2, "evt\xff", 4, 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_WEBHOOK_INVALID_EVENT_ID);
  /* A size that would fit, but no buffer. */
  CHECK(revtain_webhook_sign(one, 1, body, 2, "evt_1", 5, 0, NULL, sizeof buf, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_signature_header(one, 1, body, 2, 0, buf, sizeof buf, NULL) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_signature_header(NULL, 1, body, 2, 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_signature_header(with_null, 2, body, 2, 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_signature_header(one, 1, NULL, 2, 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_signature_header(one, 0, body, 2, 0, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_WEBHOOK_INVALID_SECRET);
  /* The verifier handle: NULLs, a failed construction leaves NULL, free(NULL) is a no-op. */
  CHECK(revtain_webhook_verifier_new(one, 1, 300, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  v = (revtain_webhook_verifier *)&t;
  CHECK(revtain_webhook_verifier_new(NULL, 1, 300, &v) == REVTAIN_RESULT_NULL_PARAMETER && v == NULL);
  v = (revtain_webhook_verifier *)&t;
  CHECK(revtain_webhook_verifier_new(with_null, 2, 300, &v) == REVTAIN_RESULT_NULL_PARAMETER && v == NULL);
  v = (revtain_webhook_verifier *)&t;
  CHECK(revtain_webhook_verifier_new(empty_entry, 1, 300, &v) ==
            REVTAIN_RESULT_WEBHOOK_INVALID_SECRET &&
        v == NULL);
  CHECK(revtain_webhook_verifier_verify(NULL, body, 2, sig, sig_len, &at100, &t) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_verifier_new(two, 2, 300, &v) == REVTAIN_RESULT_OK && v != NULL);
  CHECK(revtain_webhook_verifier_verify(v, NULL, 2, sig, sig_len, &at100, &t) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_verifier_verify(v, body, 2, NULL, 0, &at100, &t) ==
        REVTAIN_RESULT_WEBHOOK_HEADER_MISSING);
  CHECK(revtain_webhook_verifier_verify(v, body, 2, NULL, sig_len, &at100, &t) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_verifier_verify(v, body, 2, sig, sig_len, &at100, NULL) == REVTAIN_RESULT_OK);
  /* now == NULL is the clock, now = 0 is 1970. */
  t = 99;
  CHECK(revtain_webhook_verifier_verify(v, body, 2, sig, sig_len, NULL, &t) ==
        REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE);
  CHECK(t == 0);
  CHECK(revtain_webhook_verifier_verify(v, body, 2, sig, sig_len, &zero, &t) == REVTAIN_RESULT_OK);
  CHECK(revtain_webhook_verifier_verify(v, body, 2, current, current_len, &zero, &t) ==
        REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE);
  CHECK(t == signed_now);
  t = 0;
  CHECK(revtain_webhook_verifier_verify(v, body, 2, current, current_len, NULL, &t) ==
        REVTAIN_RESULT_OK);
  CHECK(t == signed_now);
  /* The diagnosis: nothing for a genuine webhook, the added newline named for a changed body. */
  CHECK(revtain_webhook_verifier_diagnose(v, body, 2, sig, sig_len, &at100, buf, sizeof buf, &n) ==
            REVTAIN_RESULT_OK &&
        n == 0 && buf[0] == '\0');
  CHECK(revtain_webhook_verifier_diagnose(v, (const uint8_t *)"{}\n", 3, sig, sig_len, &at100, NULL,
                                          0, &n) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(n > 0 && n < sizeof buf);
  CHECK(revtain_webhook_verifier_diagnose(v, (const uint8_t *)"{}\n", 3, sig, sig_len, &at100, buf,
                                          sizeof buf, &n) == REVTAIN_RESULT_OK);
  CHECK(strstr(buf, "without its trailing whitespace") != NULL);
  /* The header NULL, 0 (missing) is taken as for verifying, and says so (a failure never gives
   * an empty diagnosis); NULL with a length is an error. */
  CHECK(revtain_webhook_verifier_diagnose(v, body, 2, NULL, 0, &at100, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_OK);
  CHECK(strstr(buf, "no X-Revtain-Signature value") != NULL);
  CHECK(revtain_webhook_verifier_diagnose(v, body, 2, NULL, sig_len, &at100, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_webhook_verifier_diagnose(NULL, body, 2, sig, sig_len, &at100, buf, sizeof buf,
                                          &n) == REVTAIN_RESULT_NULL_PARAMETER);
  revtain_webhook_verifier_free(v);
  revtain_webhook_verifier_free(NULL);
  /* Messages exist for every webhook code. */
  {
    uint32_t code;
    for (code = 300; code <= 308; code++) {
      CHECK(revtain_result_message(code, buf, sizeof buf, &n) == REVTAIN_RESULT_OK && n > 20);
      CHECK(strcmp(revtain_result_name(code), "REVTAIN_RESULT_UNKNOWN") != 0);
    }
  }
  case_end("c-webhook-conventions");
}

/* Ed25519 (docs/spec.md §2.9): a generated signing key signs, its public key verifies, and
 * neither key is accepted in the other's place. */
static void test_signing_keys(void) {
  char sk[REVTAIN_WEBHOOK_SIGNING_KEY_BUF_SIZE], pk[REVTAIN_WEBHOOK_PUBLIC_KEY_BUF_SIZE];
  char pk2[REVTAIN_WEBHOOK_PUBLIC_KEY_BUF_SIZE], small[8], header[512];
  size_t sk_len = 0, pk_len = 0, n = 0, small_len = 0;
  uint64_t now = 1700000000, t = 0;
  const uint8_t body[] = "{\"id\":\"evt_1\",\"type\":\"card.updated\",\"created\":1,\"data\":{}}";
  revtain_str key;
  revtain_webhook_verifier *v = NULL;
  case_begin();
  CHECK(revtain_webhook_signing_key_generate(sk, sizeof sk, &sk_len, pk, sizeof pk, &pk_len) ==
        REVTAIN_RESULT_OK);
  CHECK(sk_len == sizeof sk - 1 && strlen(sk) == sk_len && strncmp(sk, "whsk_", 5) == 0);
  CHECK(pk_len == sizeof pk - 1 && strlen(pk) == pk_len && strncmp(pk, "whpk_", 5) == 0);
  /* Too small a buffer: nothing generated, both sizes told. */
  sk_len = pk_len = 0;
  CHECK(revtain_webhook_signing_key_generate(small, sizeof small, &sk_len, pk2, sizeof pk2,
                                             &pk_len) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(sk_len == REVTAIN_WEBHOOK_SIGNING_KEY_BUF_SIZE - 1 &&
        pk_len == REVTAIN_WEBHOOK_PUBLIC_KEY_BUF_SIZE - 1);
  CHECK(revtain_webhook_signing_key_generate(sk, sizeof sk, NULL, pk, sizeof pk, &pk_len) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  /* The public key of the signing key. */
  CHECK(revtain_webhook_public_key(sk, strlen(sk), pk2, sizeof pk2, &n) == REVTAIN_RESULT_OK);
  CHECK(n == strlen(pk) && strcmp(pk2, pk) == 0);
  CHECK(revtain_webhook_public_key(sk, strlen(sk), small, sizeof small, &small_len) ==
        REVTAIN_RESULT_INSUFFICIENT_SIZE && small_len == strlen(pk));
  CHECK(revtain_webhook_public_key(pk, strlen(pk), pk2, sizeof pk2, &n) ==
        REVTAIN_RESULT_WEBHOOK_INVALID_SECRET);
  CHECK(revtain_webhook_public_key(NULL, 3, pk2, sizeof pk2, &n) == REVTAIN_RESULT_NULL_PARAMETER);
  /* Sign with the signing key: t=…,v1a=…; verify with the public key. */
  key = str_of(sk);
  CHECK(revtain_webhook_signature_header(&key, 1, body, sizeof body - 1, now, header, sizeof header,
                                         &n) == REVTAIN_RESULT_OK);
  CHECK(strstr(header, ",v1a=") != NULL && strstr(header, ",v1=") == NULL);
  key = str_of(pk);
  CHECK(revtain_webhook_verify(body, sizeof body - 1, header, n, &key, 1, 300, &now, &t) ==
        REVTAIN_RESULT_OK && t == now);
  CHECK(revtain_webhook_verifier_new(&key, 1, 300, &v) == REVTAIN_RESULT_OK);
  CHECK(revtain_webhook_verifier_verify(v, body, sizeof body - 2, header, n, &now, &t) ==
        REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH);
  revtain_webhook_verifier_free(v);
  v = NULL;
  /* A verifier never holds the signing key; a signer cannot sign with the public key. */
  key = str_of(sk);
  CHECK(revtain_webhook_verifier_new(&key, 1, 300, &v) == REVTAIN_RESULT_WEBHOOK_INVALID_SECRET &&
        v == NULL);
  key = str_of(pk);
  CHECK(revtain_webhook_signature_header(&key, 1, body, sizeof body - 1, now, header, sizeof header,
                                         &n) == REVTAIN_RESULT_WEBHOOK_INVALID_SECRET);
  case_end("c-webhook-ed25519-keys");
}

int main(int argc, char **argv) {
  cJSON *v;
  if (argc != 2) {
    fprintf(stderr, "usage: %s <tests/vectors dir>\n", argv[0]);
    return 2;
  }
  v = load_vectors(argv[1], "webhook.json");
  run_group(v, "sign", test_sign);
  run_group(v, "sign_errors", test_sign_error);
  run_group(v, "verify", test_verify);
  event_secret = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(
                                        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(v, "sign"), 0),
                                        "secrets"),
                                    0)
                     ->valuestring;
  run_group(v, "events", test_event);
  /* NULL handling of the event API. */
  case_begin();
  {
    revtain_webhook_event *ev = NULL;
    size_t len = 7;
    CHECK(revtain_webhook_event_parse(NULL, 3, &ev) == REVTAIN_RESULT_NULL_PARAMETER);
    CHECK(revtain_webhook_event_parse((const uint8_t *)"{}", 2, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
    CHECK(revtain_webhook_event_id(NULL, &len) == NULL && len == 0);
    CHECK(revtain_webhook_event_created(NULL) == 0);
    revtain_webhook_event_free(NULL);
  }
  case_end("c-webhook-event-null-arguments");
  test_conventions();
  test_signing_keys();
  cJSON_Delete(v);
  return summary();
}
