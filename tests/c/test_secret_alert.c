/* tests/vectors/secret_alert.json through the C API: GitHub secret-scanning alerts verified
 * against GitHub's published key document, their matches, errors, and the feedback body. */
#include "harness.h"

static const cJSON *docs;

static revtain_github_public_keys *keys_of(const char *document) {
  revtain_github_public_keys *keys = NULL;
  CHECK(revtain_github_public_keys_parse((const uint8_t *)document, strlen(document), &keys) ==
        REVTAIN_RESULT_OK);
  return keys;
}

/* The case's headers as a revtain_header array (texts owned by the cJSON tree). */
static revtain_header *headers_of(const cJSON *c, size_t *n) {
  const cJSON *obj = cJSON_GetObjectItemCaseSensitive(c, "headers"), *h;
  revtain_header *out = calloc((size_t)cJSON_GetArraySize(obj) + 1, sizeof *out);
  *n = 0;
  cJSON_ArrayForEach(h, obj) { out[(*n)++] = header_of(h->string, h->valuestring); }
  return out;
}

static int text_is(const char *got, size_t len, const cJSON *want) {
  if (cJSON_IsNull(want)) return got != NULL && len == 0 && got[0] == '\0';
  return got != NULL && len == strlen(want->valuestring) && strcmp(got, want->valuestring) == 0;
}

static void test_verify(const cJSON *c) {
  const char *doc = cJSON_GetObjectItemCaseSensitive(docs, str_field(c, "public_keys"))->valuestring;
  const char *body = str_field(c, "body");
  const cJSON *want = cJSON_GetObjectItemCaseSensitive(c, "alerts"), *a;
  revtain_github_public_keys *keys;
  revtain_secret_alerts *alerts = (revtain_secret_alerts *)1;
  revtain_header *headers;
  size_t n_headers, i = 0, len = 0;
  revtain_result r;
  keys = keys_of(doc);
  headers = headers_of(c, &n_headers);
  r = revtain_secret_alert_verify(keys, headers, n_headers, (const uint8_t *)body, strlen(body), &alerts);
  if (want) {
    CHECK(r == REVTAIN_RESULT_OK);
    CHECK(revtain_secret_alerts_count(alerts) == (size_t)cJSON_GetArraySize(want));
    cJSON_ArrayForEach(a, want) {
      const char *t = revtain_secret_alerts_token(alerts, i, &len);
      CHECK(text_is(t, len, cJSON_GetObjectItemCaseSensitive(a, "token")));
      t = revtain_secret_alerts_type(alerts, i, &len);
      CHECK(text_is(t, len, cJSON_GetObjectItemCaseSensitive(a, "type")));
      t = revtain_secret_alerts_url(alerts, i, &len);
      CHECK(text_is(t, len, cJSON_GetObjectItemCaseSensitive(a, "url")));
      t = revtain_secret_alerts_source(alerts, i, &len);
      CHECK(text_is(t, len, cJSON_GetObjectItemCaseSensitive(a, "source")));
      CHECK(revtain_secret_alerts_is_revtain_key(alerts, i) ==
            cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(a, "is_revtain_key")));
      i++;
    }
    /* Out of range: NULL, length 0. */
    len = 9;
    CHECK(revtain_secret_alerts_token(alerts, i, &len) == NULL && len == 0);
    CHECK(!revtain_secret_alerts_is_revtain_key(alerts, i));
  } else {
    CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
    CHECK(alerts == NULL);
  }
  revtain_secret_alerts_free(alerts);
  revtain_github_public_keys_free(keys);
  free(headers);
}

static void test_document_error(const cJSON *c) {
  const char *doc = str_field(c, "document");
  revtain_github_public_keys *keys = (revtain_github_public_keys *)1;
  CHECK(strcmp(revtain_result_name(revtain_github_public_keys_parse((const uint8_t *)doc,
                                                                    strlen(doc), &keys)),
               str_field(c, "error")) == 0);
  CHECK(keys == NULL);
}

static void test_unusable_key(const cJSON *c) {
  const char *body = str_field(c, "body");
  revtain_github_public_keys *keys;
  revtain_secret_alerts *alerts = NULL;
  revtain_header *headers;
  size_t n;
  keys = keys_of(str_field(c, "document"));
  headers = headers_of(c, &n);
  CHECK(strcmp(revtain_result_name(revtain_secret_alert_verify(keys, headers, n, (const uint8_t *)body,
                                                               strlen(body), &alerts)),
               str_field(c, "error")) == 0);
  revtain_github_public_keys_free(keys);
  free(headers);
}

/* is_known: whether the token is in the case's `known` list; records what it was asked. */
struct lookup {
  const cJSON *known;
  char asked[4][64];
  int n_asked;
};

static int32_t is_known(const char *token, size_t len, void *context) {
  struct lookup *l = context;
  const cJSON *k;
  if (l->n_asked < 4 && len < 64) {
    memcpy(l->asked[l->n_asked], token, len);
    l->asked[l->n_asked][len] = '\0';
  }
  l->n_asked++;
  cJSON_ArrayForEach(k, l->known) {
    if (strlen(k->valuestring) == len && memcmp(k->valuestring, token, len) == 0) return 1;
  }
  return 0;
}

/* The feedback body, for the alerts of every verify case that verifies (C makes alerts only by
 * verifying): each Revtain key is known, so it is true_positive and everything else
 * false_positive; is_known is asked about the Revtain keys only. (The response group's exact
 * bodies are checked by the Rust, Python and Node suites, which can build alerts directly.) */
static void test_response(const cJSON *vectors) {
  const cJSON *verify = cJSON_GetObjectItemCaseSensitive(vectors, "verify"), *c;
  cJSON_ArrayForEach(c, verify) {
    const cJSON *want = cJSON_GetObjectItemCaseSensitive(c, "alerts");
    const char *doc, *body;
    revtain_github_public_keys *keys;
    revtain_secret_alerts *alerts = NULL;
    revtain_header *headers;
    struct lookup l;
    const cJSON *known = cJSON_CreateArray(), *a;
    size_t n, len = 0, i = 0;
    char *out;
    cJSON *parsed, *entry;
    int revtain_keys = 0;
    if (!want) {
      cJSON_Delete((cJSON *)known);
      continue;
    }
    case_begin();
    doc = cJSON_GetObjectItemCaseSensitive(docs, str_field(c, "public_keys"))->valuestring;
    body = str_field(c, "body");
    keys = keys_of(doc);
    headers = headers_of(c, &n);
    CHECK(revtain_secret_alert_verify(keys, headers, n, (const uint8_t *)body, strlen(body), &alerts) ==
          REVTAIN_RESULT_OK);
    /* Every Revtain key is known. */
    cJSON_ArrayForEach(a, want) {
      if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(a, "is_revtain_key"))) {
        cJSON_AddItemToArray((cJSON *)known,
                             cJSON_CreateString(str_field(a, "token")));
        revtain_keys++;
      }
    }
    memset(&l, 0, sizeof l);
    l.known = known;
    CHECK(revtain_secret_alert_response(alerts, is_known, &l, NULL, 0, &len) ==
          REVTAIN_RESULT_INSUFFICIENT_SIZE);
    out = malloc(len + 1);
    l.n_asked = 0;
    CHECK(revtain_secret_alert_response(alerts, is_known, &l, out, len + 1, &len) == REVTAIN_RESULT_OK);
    CHECK(l.n_asked == revtain_keys);
    CHECK(revtain_secret_alert_response(alerts, NULL, &l, out, len + 1, &len) ==
          REVTAIN_RESULT_NULL_PARAMETER);
    parsed = cJSON_Parse(out);
    CHECK(parsed && cJSON_GetArraySize(parsed) == cJSON_GetArraySize(want));
    cJSON_ArrayForEach(entry, parsed) {
      const cJSON *w = cJSON_GetArrayItem(want, (int)i++);
      int rk = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(w, "is_revtain_key"));
      CHECK(strcmp(str_field(entry, "token_type"), str_field(w, "type")) == 0);
      CHECK(strlen(str_field(entry, "token_hash")) == 64);
      CHECK(strcmp(str_field(entry, "label"), rk ? "true_positive" : "false_positive") == 0);
    }
    cJSON_Delete(parsed);
    free(out);
    revtain_secret_alerts_free(alerts);
    revtain_github_public_keys_free(keys);
    free(headers);
    cJSON_Delete((cJSON *)known);
    case_end("c-secret-alert-response");
  }
}

int main(int argc, char **argv) {
  cJSON *v;
  if (argc != 2) {
    fprintf(stderr, "usage: %s <tests/vectors dir>\n", argv[0]);
    return 2;
  }
  v = load_vectors(argv[1], "secret_alert.json");
  docs = cJSON_GetObjectItemCaseSensitive(v, "public_key_documents");
  run_group(v, "verify", test_verify);
  run_group(v, "public_key_errors", test_document_error);
  run_group(v, "unusable_keys", test_unusable_key);
  test_response(v);
  /* NULL handling. */
  case_begin();
  {
    revtain_secret_alerts *alerts = NULL;
    revtain_github_public_keys *keys = NULL;
    size_t len = 3;
    CHECK(revtain_github_public_keys_parse(NULL, 3, &keys) == REVTAIN_RESULT_NULL_PARAMETER);
    CHECK(revtain_github_public_keys_parse((const uint8_t *)"{}", 2, NULL) ==
          REVTAIN_RESULT_NULL_PARAMETER);
    CHECK(revtain_secret_alert_verify(NULL, NULL, 0, NULL, 0, &alerts) == REVTAIN_RESULT_NULL_PARAMETER);
    CHECK(revtain_secret_alerts_count(NULL) == 0);
    CHECK(revtain_secret_alerts_token(NULL, 0, &len) == NULL && len == 0);
    revtain_secret_alerts_free(NULL);
    revtain_github_public_keys_free(NULL);
  }
  case_end("c-secret-alert-null-arguments");
  cJSON_Delete(v);
  return summary();
}
