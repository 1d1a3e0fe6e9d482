/* tests/vectors/arguments.json from C: the same arguments give the same code and, through
 * revtain_error_last(), the same message as in Rust, Python and Node.js. Cases whose arguments
 * C cannot express (a negative uint64_t, option names) say so in the vector; every other case
 * runs. Usage: test_arguments <tests/vectors dir> */
#include <math.h>
#include <revtain.h>

#include "harness.h"

static const char *card_secret;

/* A number argument: a JSON number or "NaN", "Infinity", "-Infinity"; `dflt` when absent. */
static double num(const cJSON *c, const char *name, double dflt) {
  const cJSON *f = cJSON_GetObjectItemCaseSensitive(c, name);
  if (cJSON_IsNumber(f)) return f->valuedouble;
  if (cJSON_IsString(f)) {
    if (strcmp(f->valuestring, "NaN") == 0) return NAN;
    if (strcmp(f->valuestring, "Infinity") == 0) return INFINITY;
    if (strcmp(f->valuestring, "-Infinity") == 0) return -INFINITY;
  }
  return dflt;
}

static int has(const cJSON *c, const char *name) {
  return cJSON_GetObjectItemCaseSensitive(c, name) != NULL;
}

/* An optional `now` read through a pointer: `slot` set from the case, or NULL (the system
 * clock) when the case has none. */
static const uint64_t *now_u64(const cJSON *c, uint64_t *slot) {
  if (!has(c, "now")) return NULL;
  *slot = (uint64_t)num(c, "now", 0);
  return slot;
}

static const double *now_f64(const cJSON *c, double *slot) {
  if (!has(c, "now")) return NULL;
  *slot = num(c, "now", 0);
  return slot;
}

/* Runs one case's call; returns its result code. */
static revtain_result call(const cJSON *c) {
  const char *what = str_field(c, "call");
  const char *secret = str_field(c, "secret");
  revtain_str secrets[1];
  const char *body = str_field(c, "body");
  size_t body_len = body ? strlen(body) : 0;
  char buf[1024];
  size_t n = 0;
  uint64_t now = 0;
  double now_f = 0;
  revtain_result r;
  secrets[0] = str_of(secret);

  if (strcmp(what, "webhook.new") == 0 || strcmp(what, "webhook.verify_signature") == 0) {
    revtain_webhook_verifier *v = NULL;
    uint64_t t = 0;
    r = revtain_webhook_verifier_new(
        secrets, 1, (uint64_t)num(c, "tolerance", REVTAIN_WEBHOOK_DEFAULT_TOLERANCE), &v);
    if (r == REVTAIN_RESULT_OK && strcmp(what, "webhook.verify_signature") == 0) {
      revtain_str header = str_of(str_field(c, "header"));
      r = revtain_webhook_verifier_verify(v, (const uint8_t *)body, body_len, header.ptr,
                                          header.len, now_u64(c, &now), &t);
    }
    revtain_webhook_verifier_free(v);
    return r;
  }
  if (strcmp(what, "webhook.sign") == 0) {
    revtain_str event_id = str_of(str_field(c, "event_id"));
    return revtain_webhook_sign(secrets, 1, (const uint8_t *)body, body_len, event_id.ptr,
                                event_id.len, (uint64_t)num(c, "timestamp", 0), buf, sizeof buf,
                                &n);
  }
  if (strcmp(what, "connector.verify") == 0) {
    const cJSON *headers = cJSON_GetObjectItemCaseSensitive(c, "headers"), *h;
    revtain_header list[8];
    revtain_str name = str_of(str_field(c, "connector"));
    size_t count = 0;
    revtain_connector_options o;
    revtain_connector_options_init(&o);
    cJSON_ArrayForEach(h, headers) {
      if (count < 8) {
        list[count] = header_of(cJSON_GetArrayItem(h, 0)->valuestring,
                                cJSON_GetArrayItem(h, 1)->valuestring);
        count++;
      }
    }
    if (has(c, "tolerance")) {
      o.has_tolerance = true;
      o.tolerance = (uint64_t)num(c, "tolerance", 0);
    }
    if (has(c, "now")) {
      o.has_now = true;
      o.now = (uint64_t)num(c, "now", 0);
    }
    return revtain_connector_verify(name.ptr, name.len, list, count, (const uint8_t *)body,
                                    body_len, (const uint8_t *)secret, secret ? strlen(secret) : 0,
                                    &o, NULL);
  }
  if (strcmp(what, "ratelimit.new") == 0 || strcmp(what, "ratelimit.check") == 0) {
    revtain_rate_limiter *l = NULL;
    revtain_rate_limit_decision d;
    r = revtain_rate_limiter_new((uint32_t)num(c, "limit", REVTAIN_RATE_LIMIT_DEFAULT_LIMIT),
                                 num(c, "window", REVTAIN_RATE_LIMIT_DEFAULT_WINDOW), &l);
    if (r == REVTAIN_RESULT_OK && strcmp(what, "ratelimit.check") == 0) {
      const char *key = str_field(c, "key");
      r = revtain_rate_limiter_check(l, (const uint8_t *)key, strlen(key), now_f64(c, &now_f), &d);
    }
    revtain_rate_limiter_free(l);
    return r;
  }
  if (strcmp(what, "retry.policy") == 0) {
    revtain_retry_policy *p = NULL;
    r = revtain_retry_policy_new(num(c, "base", REVTAIN_RETRY_DEFAULT_BASE),
                                 num(c, "cap", REVTAIN_RETRY_DEFAULT_CAP),
                                 (uint32_t)num(c, "max_attempts", REVTAIN_RETRY_DEFAULT_MAX_ATTEMPTS),
                                 num(c, "deadline", REVTAIN_RETRY_DEFAULT_DEADLINE),
                                 REVTAIN_JITTER_FULL, &p);
    revtain_retry_policy_free(p);
    return r;
  }
  if (strcmp(what, "gateway.client") == 0) {
    revtain_gateway_client *g = NULL;
    const char *url = "https://api.example.com";
    r = revtain_gateway_client_new(url, strlen(url), NULL, num(c, "timeout", 10.0), NULL, 0, false,
                                   &g);
    revtain_gateway_client_free(g);
    return r;
  }
  if (strcmp(what, "card.links") == 0 || strcmp(what, "card.create") == 0) {
    revtain_card_update_links *links = NULL;
    const char *client = "cli_args", *base = "https://pay.example.com/card";
    r = revtain_card_update_links_new(card_secret, strlen(card_secret), client, strlen(client),
                                      base, strlen(base),
                                      (uint64_t)num(c, "leeway", REVTAIN_CARD_UPDATE_DEFAULT_LEEWAY),
                                      REVTAIN_CARD_UPDATE_DEFAULT_MAX_LIFETIME, &links);
    if (r == REVTAIN_RESULT_OK && strcmp(what, "card.create") == 0) {
      r = revtain_card_update_links_create(
          links, "cus_args", 8, (uint64_t)num(c, "ttl", REVTAIN_CARD_UPDATE_DEFAULT_TTL), NULL, 0,
          now_u64(c, &now), buf, sizeof buf, &n);
    }
    revtain_card_update_links_free(links);
    return r;
  }
  fprintf(stderr, "    no C form for call %s (the vector must say why in skip.c)\n", what);
  return REVTAIN_RESULT_PANIC;
}

static void run(const cJSON *c) {
  const cJSON *want = cJSON_GetObjectItemCaseSensitive(c, "error");
  revtain_result r;
  case_begin();
  r = call(c);
  if (!want) {
    if (r != REVTAIN_RESULT_OK) fprintf(stderr, "    refused: %s\n", revtain_result_name(r));
    CHECK(r == REVTAIN_RESULT_OK);
  } else {
    revtain_error *e = revtain_error_last();
    char message[1024];
    size_t n = 0;
    const char *code = str_field(want, "code"), *text = str_field(want, "message");
    if (strcmp(revtain_result_name(r), code) != 0)
      fprintf(stderr, "    got %s, expected %s\n", revtain_result_name(r), code);
    CHECK(strcmp(revtain_result_name(r), code) == 0);
    CHECK(e != NULL && revtain_error_code(e) == r);
    CHECK(revtain_error_message(e, message, sizeof message, &n) == REVTAIN_RESULT_OK);
    if (strcmp(message, text) != 0) fprintf(stderr, "    got      %s\n    expected %s\n", message, text);
    CHECK(strcmp(message, text) == 0);
    revtain_error_free(e);
  }
  case_end(str_field(c, "id"));
}

int main(int argc, char **argv) {
  cJSON *v, *c;
  int ran = 0, skipped = 0;
  if (argc != 2) {
    fprintf(stderr, "usage: %s <tests/vectors dir>\n", argv[0]);
    return 2;
  }
  (void)unhex;
  v = load_vectors(argv[1], "arguments.json");
  card_secret = str_field(v, "card_update_secret");
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(v, "cases")) {
    const cJSON *skip = cJSON_GetObjectItemCaseSensitive(c, "skip");
    /* The vector says why C has no form of this case (a negative uint64_t, option names). */
    if (str_field(skip, "c")) {
      skipped++;
      continue;
    }
    run(c);
    ran++;
  }
  printf("# %d cases run from C, %d have no C form (see their skip.c)\n", ran, skipped);
  cJSON_Delete(v);
  return summary();
}
