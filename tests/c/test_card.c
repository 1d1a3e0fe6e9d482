/* Runs tests/vectors/card.json (card numbers, gateway tokens, card-update tokens) and the C
 * conventions against librevtain. Usage: test_card <vectors dir> */
#include <revtain.h>

#include "harness.h"

static const cJSON *links_cfg;

static revtain_card_update_links *make_links(uint64_t leeway) {
  const char *secret = str_field(links_cfg, "secret"), *client = str_field(links_cfg, "client_id"),
             *base = str_field(links_cfg, "base_url");
  revtain_card_update_links *links = NULL;
  CHECK(revtain_card_update_links_new(secret, strlen(secret), client, strlen(client), base,
                                      strlen(base), leeway, REVTAIN_CARD_UPDATE_DEFAULT_MAX_LIFETIME,
                                      &links) == REVTAIN_RESULT_OK);
  return links;
}

static uint64_t now_of(const cJSON *c) {
  return (uint64_t)cJSON_GetObjectItemCaseSensitive(c, "now")->valuedouble;
}

static void test_pan(const cJSON *c) {
  const char *text = str_field(c, "text");
  const cJSON *want = cJSON_GetObjectItemCaseSensitive(c, "matches");
  const char *want_red = str_field(c, "redacted");
  size_t want_n = (size_t)cJSON_GetArraySize(want), count = 999, n = 0, i;
  revtain_range *ranges;
  char *out;
  revtain_result r = revtain_card_pan_find(text, strlen(text), NULL, 0, &count);
  CHECK(count == want_n);
  CHECK(r == (want_n == 0 ? REVTAIN_RESULT_OK : REVTAIN_RESULT_INSUFFICIENT_SIZE));
  ranges = calloc(want_n + 1, sizeof *ranges);
  CHECK(revtain_card_pan_find(text, strlen(text), ranges, want_n + 1, &count) == REVTAIN_RESULT_OK);
  for (i = 0; i < want_n && i < count; i++) {
    const cJSON *bytes = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(want, (int)i), "bytes");
    CHECK(ranges[i].start == (size_t)cJSON_GetArrayItem(bytes, 0)->valuedouble);
    CHECK(ranges[i].end == (size_t)cJSON_GetArrayItem(bytes, 1)->valuedouble);
  }
  free(ranges);
  out = malloc(strlen(text) + 1);
  CHECK(revtain_card_pan_redact(text, strlen(text), out, strlen(text) + 1, &n) == REVTAIN_RESULT_OK);
  CHECK(n == strlen(want_red) && strcmp(out, want_red) == 0);
  free(out);
}

static void test_token(const cJSON *c) {
  const char *gateway = str_field(c, "gateway"), *token = str_field(c, "token");
  const char *want_kind = str_field(c, "kind");
  const char *kind = "untouched";
  revtain_result r = revtain_card_gateway_token_validate(gateway, strlen(gateway), token,
                                                         strlen(token), &kind);
  if (want_kind) {
    CHECK(r == REVTAIN_RESULT_OK);
    CHECK(kind && strcmp(kind, want_kind) == 0);
  } else {
    CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
    CHECK(kind == NULL);
  }
}

static void test_verify(const cJSON *c) {
  const char *token = str_field(c, "token");
  const cJSON *want = cJSON_GetObjectItemCaseSensitive(c, "claims");
  revtain_card_update_links *links =
      make_links((uint64_t)cJSON_GetObjectItemCaseSensitive(c, "leeway")->valuedouble);
  char json[2048];
  size_t n = 0;
  uint64_t now = now_of(c);
  revtain_result r =
      revtain_card_update_links_verify(links, token, strlen(token), &now, json, sizeof json, &n);
  if (cJSON_IsObject(want)) {
    cJSON *got;
    const cJSON *item;
    CHECK(r == REVTAIN_RESULT_OK);
    got = cJSON_Parse(json);
    CHECK(got != NULL);
    /* Every expected claim, and nothing else. */
    CHECK(cJSON_GetArraySize(got) == cJSON_GetArraySize(want));
    cJSON_ArrayForEach(item, want) {
      CHECK(cJSON_Compare(item, cJSON_GetObjectItemCaseSensitive(got, item->string), 1));
    }
    cJSON_Delete(got);
  } else {
    CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
  }
  revtain_card_update_links_free(links);
}

static void test_mint(const cJSON *c) {
  /* The C API mints with a random jti, so the fixed tokens of the vectors are verified here,
   * and a fresh link is minted and verified with the vectors' claims. */
  const cJSON *want = cJSON_GetObjectItemCaseSensitive(c, "claims");
  const char *token = str_field(c, "token"), *link = str_field(c, "link");
  const char *sub = str_field(want, "sub");
  revtain_str ret = str_of(str_field(want, "return_url")); /* {NULL, 0}: none */
  uint64_t now = (uint64_t)cJSON_GetObjectItemCaseSensitive(links_cfg, "now")->valuedouble;
  uint64_t ttl = (uint64_t)(cJSON_GetObjectItemCaseSensitive(want, "exp")->valuedouble -
                            cJSON_GetObjectItemCaseSensitive(want, "iat")->valuedouble);
  revtain_card_update_links *links = make_links(60);
  char json[2048], *url, *made_token;
  size_t n = 0, len = 0;
  cJSON *got;
  CHECK(revtain_card_update_links_verify(links, token, strlen(token), &now, json, sizeof json, &n) ==
        REVTAIN_RESULT_OK);
  CHECK(strncmp(link, str_field(links_cfg, "base_url"), strlen(str_field(links_cfg, "base_url"))) == 0);
  /* Size query, then the link. */
  CHECK(revtain_card_update_links_create(links, sub, strlen(sub), ttl, ret.ptr, ret.len, &now, NULL,
                                         0, &len) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
  url = malloc(len + 1);
  CHECK(revtain_card_update_links_create(links, sub, strlen(sub), ttl, ret.ptr, ret.len, &now, url,
                                         len + 1, &n) == REVTAIN_RESULT_OK);
  CHECK(n == len);
  made_token = strstr(url, "?token=");
  CHECK(made_token != NULL);
  if (made_token) {
    made_token += 7;
    CHECK(revtain_card_update_links_verify(links, made_token, strlen(made_token), &now, json,
                                           sizeof json, &n) == REVTAIN_RESULT_OK);
    got = cJSON_Parse(json);
    CHECK(strcmp(str_field(got, "sub"), sub) == 0);
    CHECK(cJSON_GetObjectItemCaseSensitive(got, "exp")->valuedouble ==
          cJSON_GetObjectItemCaseSensitive(want, "exp")->valuedouble);
    CHECK((ret.ptr == NULL) == (str_field(got, "return_url") == NULL));
    cJSON_Delete(got);
  }
  free(url);
  revtain_card_update_links_free(links);
}

static void test_link_error(const cJSON *c) {
  const char *secret = str_field(c, "secret"), *client = str_field(c, "client_id"),
             *base = str_field(c, "base_url");
  revtain_card_update_links *links = (revtain_card_update_links *)&links;
  revtain_result r = revtain_card_update_links_new(secret, strlen(secret), client, strlen(client),
                                                   base, strlen(base), 60,
                                                   REVTAIN_CARD_UPDATE_DEFAULT_MAX_LIFETIME, &links);
  CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
  CHECK(links == NULL);
}

static void test_create_error(const cJSON *c) {
  const char *customer = str_field(c, "customer");
  revtain_str ret = str_of(str_field(c, "return_url"));
  revtain_card_update_links *links = make_links(60);
  char buf[2048];
  size_t n = 0;
  uint64_t now = 1700000000;
  revtain_result r = revtain_card_update_links_create(
      links, customer, strlen(customer),
      (uint64_t)cJSON_GetObjectItemCaseSensitive(c, "ttl")->valuedouble, ret.ptr, ret.len, &now,
      buf, sizeof buf, &n);
  CHECK(strcmp(revtain_result_name(r), str_field(c, "error")) == 0);
  revtain_card_update_links_free(links);
}

static void test_conventions(void) {
  char buf[128];
  size_t n = 0, count = 0;
  const char *kind;
  uint64_t zero = 0;
  revtain_range ranges[2];
  revtain_card_update_links *links = make_links(60);
  case_begin();
  CHECK(revtain_card_pan_find(NULL, 4, NULL, 0, &count) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_card_pan_find("4242424242424242", 16, NULL, 0, NULL) == REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_card_pan_find("4242424242424242", 16, NULL, 4, &count) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_card_pan_redact("4242424242424242", 16, buf, 16, &n) ==
        REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(n == 16);
  CHECK(revtain_card_pan_redact(NULL, 0, buf, sizeof buf, &n) == REVTAIN_RESULT_OK && n == 0);
  CHECK(revtain_card_pan_redact(NULL, 3, buf, sizeof buf, &n) == REVTAIN_RESULT_NULL_PARAMETER);
  /* Non-UTF-8 bytes around a card number are kept. */
  CHECK(revtain_card_pan_redact("\xff 4242424242424242 \xfe", 20, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_OK);
  CHECK(memcmp(buf, "\xff ************4242 \xfe", 21) == 0);
  /* The text is read to its length: past a NUL inside it, and not past its end. */
  CHECK(revtain_card_pan_find("4242424242424242\0 5555555555554444", 34, ranges, 2, &count) ==
        REVTAIN_RESULT_OK);
  CHECK(count == 2 && ranges[1].start == 18 && ranges[1].end == 34);
  CHECK(revtain_card_pan_redact("4242424242424242\0 5555555555554444", 34, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_OK);
  CHECK(n == 34 && memcmp(buf, "************4242\0 ************4444", 35) == 0);
  CHECK(revtain_card_pan_find("4242424242424242", 8, ranges, 2, &count) == REVTAIN_RESULT_OK &&
        count == 0);
  CHECK(revtain_card_gateway_token_validate(NULL, 6, "pm_x", 4, NULL) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_card_gateway_token_validate("stripe", 6, NULL, 4, NULL) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_card_gateway_token_validate("stripe", 6, "\xff\xfe", 2, &kind) ==
        REVTAIN_RESULT_CARD_INVALID_GATEWAY_TOKEN);
  CHECK(revtain_card_gateway_token_validate("stripe\0", 7, "pm_1MqLiJLkdIwHu7ixUEgbFdYF", 27,
                                            &kind) == REVTAIN_RESULT_CARD_UNKNOWN_GATEWAY);
  CHECK(revtain_card_gateway_token_validate("stripe, not NUL-terminated", 6,
                                            "pm_1MqLiJLkdIwHu7ixUEgbFdYF", 27,
                                            &kind) == REVTAIN_RESULT_OK);
  CHECK(revtain_card_update_secret_generate(buf, 10, &n) == REVTAIN_RESULT_INSUFFICIENT_SIZE);
  CHECK(n + 1 == REVTAIN_CARD_UPDATE_SECRET_BUF_SIZE);
  CHECK(revtain_card_update_secret_generate(buf, sizeof buf, &n) == REVTAIN_RESULT_OK);
  CHECK(strncmp(buf, "cusec_", 6) == 0 && strlen(buf) == n);
  CHECK(revtain_card_update_links_new(buf, n, "c", 1, "https://x.example", 17, 60, 604800, NULL) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_card_update_links_new(NULL, n, "c", 1, "https://x.example", 17, 60, 604800, NULL) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_card_update_links_create(NULL, "c", 1, 60, NULL, 0, NULL, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_card_update_links_verify(links, NULL, 0, NULL, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_CARD_UPDATE_TOKEN_MALFORMED);
  CHECK(revtain_card_update_links_verify(links, NULL, 5, NULL, buf, sizeof buf, &n) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  CHECK(revtain_card_update_links_verify(links, "a.b.c", 5, NULL, buf, sizeof buf, NULL) ==
        REVTAIN_RESULT_NULL_PARAMETER);
  {
    char url[1024], claims[1024];
    char *token;
    cJSON *got;
    /* now == NULL is the system clock: a link minted now verifies now. */
    CHECK(revtain_card_update_links_create(links, "cus_1", 5, 600, NULL, 0, NULL, url, sizeof url,
                                           &n) == REVTAIN_RESULT_OK);
    token = strstr(url, "token=") + 6;
    CHECK(revtain_card_update_links_verify(links, token, strlen(token), NULL, claims,
                                           sizeof claims, &n) == REVTAIN_RESULT_OK);
    /* now = 0 is 1970, not the clock: that link is not yet valid then ... */
    CHECK(revtain_card_update_links_verify(links, token, strlen(token), &zero, claims,
                                           sizeof claims, &n) ==
          REVTAIN_RESULT_CARD_UPDATE_TOKEN_NOT_YET_VALID);
    /* ... and one minted at 0 expired long ago. */
    CHECK(revtain_card_update_links_token(links, "cus_1", 5, 600, NULL, 0, &zero, url, sizeof url,
                                          &n) == REVTAIN_RESULT_OK);
    CHECK(revtain_card_update_links_verify(links, url, n, &zero, claims, sizeof claims, &n) ==
          REVTAIN_RESULT_OK);
    got = cJSON_Parse(claims);
    CHECK(got && cJSON_GetObjectItemCaseSensitive(got, "iat")->valuedouble == 0 &&
          cJSON_GetObjectItemCaseSensitive(got, "exp")->valuedouble == 600);
    cJSON_Delete(got);
    CHECK(revtain_card_update_links_verify(links, url, strlen(url), NULL, claims, sizeof claims,
                                           &n) == REVTAIN_RESULT_CARD_UPDATE_TOKEN_EXPIRED);
    /* The return URL: NULL, 0 is none; read to its length (no NUL needed); NULL with a
     * length is an error; given but empty, it is refused. */
    CHECK(revtain_card_update_links_token(links, "cus_1", 5, 600,
                                          "https://acme.example/account#and more", 28, NULL, url,
                                          sizeof url, &n) == REVTAIN_RESULT_OK);
    CHECK(revtain_card_update_links_verify(links, url, n, NULL, claims, sizeof claims, &n) ==
          REVTAIN_RESULT_OK);
    got = cJSON_Parse(claims);
    CHECK(got && strcmp(str_field(got, "return_url"), "https://acme.example/account") == 0);
    cJSON_Delete(got);
    CHECK(revtain_card_update_links_token(links, "cus_1", 5, 600, NULL, 28, NULL, url, sizeof url,
                                          &n) == REVTAIN_RESULT_NULL_PARAMETER);
    CHECK(revtain_card_update_links_token(links, "cus_1", 5, 600, "", 0, NULL, url, sizeof url,
                                          &n) == REVTAIN_RESULT_CARD_UPDATE_INVALID_PARAMETER);
    CHECK(revtain_card_update_links_token(links, "cus_1", 5, 600, "https://acme.example/\0", 22,
                                          NULL, url, sizeof url, &n) ==
          REVTAIN_RESULT_CARD_UPDATE_INVALID_PARAMETER);
    CHECK(revtain_card_update_links_token(links, NULL, 5, 600, NULL, 0, NULL, url, sizeof url,
                                          &n) == REVTAIN_RESULT_NULL_PARAMETER);
  }
  revtain_card_update_links_free(links);
  revtain_card_update_links_free(NULL);
  case_end("c-card-conventions");
}

int main(int argc, char **argv) {
  cJSON *v;
  if (argc != 2) {
    fprintf(stderr, "usage: %s <tests/vectors dir>\n", argv[0]);
    return 2;
  }
  (void)unhex; /* shared by the other tests */
  v = load_vectors(argv[1], "card.json");
  links_cfg = cJSON_GetObjectItemCaseSensitive(v, "links");
  run_group(v, "pans", test_pan);
  run_group(v, "tokens", test_token);
  run_group(v, "mint", test_mint);
  run_group(v, "verify", test_verify);
  run_group(v, "link_errors", test_link_error);
  run_group(v, "create_errors", test_create_error);
  test_conventions();
  cJSON_Delete(v);
  return summary();
}
