/* Card data safety from C: redact card numbers in a log line, refuse a PAN where a gateway
 * token belongs, and mint and verify a card-update link.
 *   cc card.c $(pkg-config --cflags --libs revtain) -o card */
#include <revtain.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  const char *log = "2026-11-28 WARN retry failed card=4242 4242 4242 4242 code=do_not_honor";
  const char *base = "https://pay.revtain.com/card-update", *kind = NULL;
  const char *return_url = "https://acme.example/account";
  /* Fixed times so that the example runs the same forever; pass NULL for the system clock. */
  const uint64_t minted_at = 1700000000, ten_minutes_later = minted_at + 600,
                 a_day_later = minted_at + 100000;
  char redacted[256], secret[REVTAIN_CARD_UPDATE_SECRET_BUF_SIZE], url[1024], claims[1024];
  revtain_card_update_links *links = NULL;
  size_t n;
  revtain_result r;
  char *token;

  if (revtain_card_pan_redact(log, strlen(log), redacted, sizeof redacted, &n) != REVTAIN_RESULT_OK)
    return 1;
  printf("[c]      %-22s: %s\n", "redacted log line", redacted);

  if (revtain_card_gateway_token_validate("stripe", 6, "pm_1MqLiJLkdIwHu7ixUEgbFdYF", 27,
                                          &kind) != REVTAIN_RESULT_OK)
    return 1;
  printf("[c]      %-22s: ok (%s)\n", "gateway token", kind);
  r = revtain_card_gateway_token_validate("stripe", 6, "4242424242424242", 16, &kind);
  if (r != REVTAIN_RESULT_CARD_PAN_DETECTED) return 1;
  printf("[c]      %-22s: refused (%s)\n", "PAN as a token", revtain_result_name(r));

  /* One secret per merchant, from Revtain's dashboard; here we make one. */
  if (revtain_card_update_secret_generate(secret, sizeof secret, &n) != REVTAIN_RESULT_OK) return 1;
  if (revtain_card_update_links_new(secret, n, "cli_acme", 8, base, strlen(base),
                                    REVTAIN_CARD_UPDATE_DEFAULT_LEEWAY,
                                    REVTAIN_CARD_UPDATE_DEFAULT_MAX_LIFETIME, &links) != REVTAIN_RESULT_OK)
    return 1;
  r = revtain_card_update_links_create(links, "cus_42", 6, REVTAIN_CARD_UPDATE_DEFAULT_TTL,
                                       return_url, strlen(return_url), &minted_at, url, sizeof url,
                                       &n);
  if (r != REVTAIN_RESULT_OK) return 1;
  printf("[c]      %-22s: %.72s...\n", "card-update link", url);

  token = strstr(url, "token=") + 6;
  r = revtain_card_update_links_verify(links, token, strlen(token), &ten_minutes_later, claims,
                                       sizeof claims, &n);
  if (r != REVTAIN_RESULT_OK) return 1;
  printf("[c]      %-22s: %s\n", "verified claims", claims);
  r = revtain_card_update_links_verify(links, token, strlen(token), &a_day_later, claims,
                                       sizeof claims, &n);
  printf("[c]      %-22s: refused (%s)\n", "a day later", revtain_result_name(r));
  revtain_card_update_links_free(links);
  return r == REVTAIN_RESULT_CARD_UPDATE_TOKEN_EXPIRED ? 0 : 1;
}
