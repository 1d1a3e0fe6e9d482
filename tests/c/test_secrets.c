/* Secret sweep (C surface): every failing call that was given a secret (a wrong or malformed
 * webhook secret, a malformed keyring text holding a valid key, a connector name that is the
 * secret, a card number as the gateway or the token, a gateway client with an Authorization
 * header and a failing call, ...) must never show the secret in what the library reports:
 * revtain_error_message, revtain_error_header and revtain_result_message (and, for a gateway
 * call, the attempts' error texts; for a diagnosis, its sentences; for a redaction, its output).
 *
 * A secret is found in any of its forms (the whole string, its base64 payload, the hex of its
 * raw bytes) or as any 12-character run of one; secrets are random per run. The first case
 * proves the scanner can fail. A leak that exists today is a commented CHECK, saying what leaks.
 * The C library has no Redis store and no getters that render a client, a verifier or a keyring,
 * so only errors and outputs are swept here.
 *
 * Usage: test_secrets <vectors dir> (unused: every input is made here). */
#include <revtain.h>
#include <stdint.h>
#include <time.h>

#include "harness.h"

#define WINDOW 12
#define MAX_FORMS 12
#define FORM_LEN 160
#define MAX_SECRETS 12

typedef struct {
  const char *label;
  char forms[MAX_FORMS][FORM_LEN];
  int n;
} secret;

static secret *secrets[MAX_SECRETS];
static int n_secrets = 0;

/* ------------------------------------------------------------------------ making secrets */

static void random_bytes(unsigned char *out, size_t n) {
  FILE *f = fopen("/dev/urandom", "rb");
  if (!f || fread(out, 1, n, f) != n) {
    fprintf(stderr, "cannot read /dev/urandom\n");
    exit(2);
  }
  fclose(f);
}

static void base64(const unsigned char *in, size_t n, char *out, int url, int pad) {
  const char *abc = url ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                        : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i, o = 0;
  for (i = 0; i + 2 < n; i += 3) {
    out[o++] = abc[in[i] >> 2];
    out[o++] = abc[((in[i] & 3) << 4) | (in[i + 1] >> 4)];
    out[o++] = abc[((in[i + 1] & 15) << 2) | (in[i + 2] >> 6)];
    out[o++] = abc[in[i + 2] & 63];
  }
  if (n - i == 1) {
    out[o++] = abc[in[i] >> 2];
    out[o++] = abc[(in[i] & 3) << 4];
    if (pad) {
      out[o++] = '=';
      out[o++] = '=';
    }
  } else if (n - i == 2) {
    out[o++] = abc[in[i] >> 2];
    out[o++] = abc[((in[i] & 3) << 4) | (in[i + 1] >> 4)];
    out[o++] = abc[(in[i + 1] & 15) << 2];
    if (pad) out[o++] = '=';
  }
  out[o] = '\0';
}

static void hex(const unsigned char *in, size_t n, char *out, int upper) {
  size_t i;
  for (i = 0; i < n; i++) snprintf(out + 2 * i, 3, upper ? "%02X" : "%02x", in[i]);
  out[2 * n] = '\0';
}

static void random_text(char *out, size_t n) {
  const char *abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char b[256];
  size_t i;
  random_bytes(b, n);
  for (i = 0; i < n; i++) out[i] = abc[b[i] % 62];
  out[n] = '\0';
}

static void add_form(secret *s, const char *form) {
  if (s->n < MAX_FORMS && form[0]) {
    snprintf(s->forms[s->n], FORM_LEN, "%s", form);
    s->n++;
  }
}

static void secret_init(secret *s, const char *label, const char *text) {
  s->label = label;
  s->n = 0;
  add_form(s, text);
}

/* Every encoding of raw bytes a message might use. */
static void add_raw(secret *s, const unsigned char *raw, size_t n) {
  char buf[FORM_LEN];
  base64(raw, n, buf, 0, 1);
  add_form(s, buf);
  base64(raw, n, buf, 1, 0);
  add_form(s, buf);
  hex(raw, n, buf, 0);
  add_form(s, buf);
  hex(raw, n, buf, 1);
  add_form(s, buf);
}

/* `prefix` + standard base64 of 32 random bytes into `text`; `raw` receives the bytes. */
static void prefixed(secret *s, const char *label, const char *prefix, char *text, unsigned char *raw) {
  char b64[64];
  random_bytes(raw, 32);
  base64(raw, 32, b64, 0, 1);
  snprintf(text, 80, "%s%s", prefix, b64);
  secret_init(s, label, text);
  add_raw(s, raw, 32);
}

/* A random Luhn-valid 16-digit Visa number into `pan` (17 bytes); the forms are what a
 * redaction must hide: the first twelve digits, plain or grouped. */
static void random_pan(secret *s, char *pan) {
  unsigned char b[15];
  int digits[16], i, sum = 0;
  char buf[32];
  random_bytes(b, sizeof b);
  digits[0] = 4;
  for (i = 1; i < 15; i++) digits[i] = b[i] % 10;
  for (i = 0; i < 15; i++) {
    int d = digits[14 - i], x = i % 2 == 0 ? d * 2 : d;
    sum += x > 9 ? x - 9 : x;
  }
  digits[15] = (10 - sum % 10) % 10;
  for (i = 0; i < 16; i++) pan[i] = (char)('0' + digits[i]);
  pan[16] = '\0';
  snprintf(buf, sizeof buf, "%.12s", pan);
  secret_init(s, "PAN", buf);
  snprintf(buf, sizeof buf, "%.4s %.4s %.4s", pan, pan + 4, pan + 8);
  add_form(s, buf);
  snprintf(buf, sizeof buf, "%.4s-%.4s-%.4s", pan, pan + 4, pan + 8);
  add_form(s, buf);
}

/* ------------------------------------------------------------------------ the scanner */

static int contains(const char *hay, size_t hay_len, const char *needle, size_t n) {
  size_t i;
  if (n == 0 || n > hay_len) return 0;
  for (i = 0; i + n <= hay_len; i++)
    if (memcmp(hay + i, needle, n) == 0) return 1;
  return 0;
}

/* Whether `text` shows `s`: a whole form, or any WINDOW-character run of a longer one. */
static int shows(const char *text, size_t len, const secret *s, char *why, size_t why_len) {
  int f;
  for (f = 0; f < s->n; f++) {
    const char *form = s->forms[f];
    size_t n = strlen(form), start;
    if (n <= WINDOW) {
      if (contains(text, len, form, n)) {
        snprintf(why, why_len, "%s (form \"%s\")", s->label, form);
        return 1;
      }
      continue;
    }
    for (start = 0; start + WINDOW <= n; start++) {
      if (contains(text, len, form + start, WINDOW)) {
        snprintf(why, why_len, "%s (run \"%.*s\" of form \"%s\")", s->label, WINDOW, form + start, form);
        return 1;
      }
    }
  }
  return 0;
}

/* Whether no registered secret shows in `text` (NULL is clean); says which one when `loud`. */
static int clean_bytes(const char *what, const char *text, size_t len, int loud) {
  int i, ok = 1;
  char why[512];
  if (!text) return 1;
  for (i = 0; i < n_secrets; i++) {
    if (shows(text, len, secrets[i], why, sizeof why)) {
      if (loud) fprintf(stderr, "    leak: %s shows %s\n      rendering: %.*s\n", what, why, (int)len, text);
      ok = 0;
    }
  }
  return ok;
}

static int clean(const char *what, const char *text) {
  return clean_bytes(what, text, text ? strlen(text) : 0, 1);
}

/* The sweep of the error of the call that just returned `r` (not OK): revtain_error_last's
 * message, header and code, and revtain_result_message and revtain_result_name of `r`. Returns
 * whether all of it is clean (and there was an error); `loud` says what leaks. */
static int error_clean_as(const char *what, revtain_result r, int loud) {
  revtain_error *er = revtain_error_last();
  char *msg, fixed[1024], label[256];
  size_t len = 0, n = 0;
  int ok = 1;
  if (r == REVTAIN_RESULT_OK || !er) {
    if (loud) fprintf(stderr, "    %s: expected an error, got %s\n", what, revtain_result_name(r));
    revtain_error_free(er);
    return 0;
  }
  if (revtain_error_code(er) != r) ok = 0;
  if (revtain_error_message(er, NULL, 0, &len) != REVTAIN_RESULT_INSUFFICIENT_SIZE) ok = 0;
  msg = malloc(len + 1);
  if (revtain_error_message(er, msg, len + 1, &n) != REVTAIN_RESULT_OK || n != len) ok = 0;
  snprintf(label, sizeof label, "%s revtain_error_message", what);
  ok &= clean_bytes(label, msg, n, loud);
  free(msg);
  snprintf(label, sizeof label, "%s revtain_error_header", what);
  ok &= clean_bytes(label, revtain_error_header(er), revtain_error_header(er) ? strlen(revtain_error_header(er)) : 0, loud);
  if (revtain_result_message((uint32_t)r, fixed, sizeof fixed, &n) != REVTAIN_RESULT_OK) ok = 0;
  snprintf(label, sizeof label, "%s revtain_result_message", what);
  ok &= clean_bytes(label, fixed, n, loud);
  snprintf(label, sizeof label, "%s revtain_result_name", what);
  ok &= clean_bytes(label, revtain_result_name((uint32_t)r), strlen(revtain_result_name((uint32_t)r)), loud);
  revtain_error_free(er);
  return ok;
}

static int error_clean(const char *what, revtain_result r) { return error_clean_as(what, r, 1); }

/* Registers the secrets of the next case (they stay registered until reset_secrets). */
static void register_secret(secret *s) {
  if (n_secrets < MAX_SECRETS) secrets[n_secrets++] = s;
}

static void reset_secrets(void) { n_secrets = 0; }

static uint64_t now_s(void) { return (uint64_t)time(NULL); }

/* ------------------------------------------------------------------------ cases */

static void test_scanner(void) {
  secret s, p;
  char whsec[80], pan[17], planted[256], grouped[32];
  unsigned char raw[32];
  case_begin();
  reset_secrets();
  prefixed(&s, "whsec", "whsec_", whsec, raw);
  random_pan(&p, pan);
  register_secret(&s);
  register_secret(&p);
  snprintf(planted, sizeof planted, "x%s", whsec);
  CHECK(!clean_bytes("planted", planted, strlen(planted), 0));
  snprintf(planted, sizeof planted, "cut %.12s...", whsec + 9);
  CHECK(!clean_bytes("planted run", planted, strlen(planted), 0));
  snprintf(planted, sizeof planted, "key=%s", s.forms[3]); /* hex of the raw bytes */
  CHECK(!clean_bytes("planted hex", planted, strlen(planted), 0));
  snprintf(grouped, sizeof grouped, "%.4s %.4s %.4s %.4s", pan, pan + 4, pan + 8, pan + 12);
  CHECK(!clean_bytes("planted PAN", grouped, strlen(grouped), 0));
  snprintf(grouped, sizeof grouped, "**** **** **** %.4s", pan + 12);
  CHECK(clean_bytes("redacted PAN", grouped, strlen(grouped), 0));
  CHECK(clean_bytes("clean", "signature mismatch", 18, 0));
  case_end("the scanner finds planted secrets");
}

static void test_webhook_wrong_secret(void) {
  secret a, b;
  char sa[80], sb[80], sig[512], diag[4096];
  unsigned char raw[32];
  const char *body = "{\"id\":\"evt_1\",\"type\":\"card.updated\",\"created\":1700000000,\"data\":{}}";
  size_t n = 0, body_len = strlen(body);
  revtain_str secret_a, secret_b, both[2];
  revtain_webhook_verifier *v = NULL;
  uint64_t t = now_s(), ts = 0;
  revtain_result r;
  case_begin();
  reset_secrets();
  prefixed(&a, "whsec A (signer)", "whsec_", sa, raw);
  prefixed(&b, "whsec B (wrong)", "whsec_", sb, raw);
  register_secret(&a);
  register_secret(&b);
  secret_a = str_of(sa);
  secret_b = str_of(sb);
  CHECK(revtain_webhook_signature_header(&secret_a, 1, (const uint8_t *)body, body_len, t, sig,
                                         sizeof sig, &n) == REVTAIN_RESULT_OK);
  r = revtain_webhook_verify((const uint8_t *)body, body_len, sig, n, &secret_b, 1,
                             REVTAIN_WEBHOOK_DEFAULT_TOLERANCE, &t, &ts);
  CHECK(r == REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH);
  CHECK(error_clean("revtain_webhook_verify(wrong secret)", r));
  CHECK(revtain_webhook_verifier_new(&secret_b, 1, REVTAIN_WEBHOOK_DEFAULT_TOLERANCE, &v) == REVTAIN_RESULT_OK);
  r = revtain_webhook_verifier_verify(v, (const uint8_t *)body, body_len, sig, n, &t, &ts);
  CHECK(error_clean("revtain_webhook_verifier_verify(wrong secret)", r));
  CHECK(revtain_webhook_verifier_diagnose(v, (const uint8_t *)body, body_len, sig, n, &t, diag,
                                          sizeof diag, &n) == REVTAIN_RESULT_OK);
  CHECK(clean("revtain_webhook_verifier_diagnose(wrong secret)", diag));
  /* The secret itself as the signature header (swapped arguments). */
  r = revtain_webhook_verifier_verify(v, (const uint8_t *)body, body_len, sb, strlen(sb), &t, &ts);
  CHECK(error_clean("revtain_webhook_verifier_verify(secret as the header)", r));
  CHECK(revtain_webhook_verifier_diagnose(v, (const uint8_t *)body, body_len, sb, strlen(sb), &t,
                                          diag, sizeof diag, &n) == REVTAIN_RESULT_OK);
  CHECK(clean("revtain_webhook_verifier_diagnose(secret as the header)", diag));
  r = revtain_webhook_verify((const uint8_t *)body, body_len, sa, strlen(sa), &secret_a, 1,
                             REVTAIN_WEBHOOK_DEFAULT_TOLERANCE, &t, &ts);
  CHECK(error_clean("revtain_webhook_verify(secret as the header)", r));
  /* An event id that cannot be signed, with both secrets. */
  both[0] = secret_a;
  both[1] = secret_b;
  r = revtain_webhook_sign(both, 2, (const uint8_t *)body, body_len, " ", 1, t, diag, sizeof diag, &n);
  CHECK(error_clean("revtain_webhook_sign(event id a space)", r));
  revtain_webhook_verifier_free(v);
  case_end("webhook: a wrong secret is never shown");
}

static void test_webhook_invalid_secrets(void) {
  secret s, g;
  char good[80], payload[64], bad[200], label[256];
  unsigned char raw[32], more[33];
  int i;
  revtain_str one, two[2];
  revtain_webhook_verifier *v = NULL;
  revtain_result r;
  size_t n = 0;
  uint64_t t = now_s(), ts = 0;
  case_begin();
  reset_secrets();
  random_bytes(raw, 32);
  base64(raw, 32, payload, 0, 1);
  secret_init(&s, "whsec payload", payload);
  add_raw(&s, raw, 32);
  prefixed(&g, "valid whsec beside", "whsec_", good, more);
  register_secret(&s);
  register_secret(&g);
  memcpy(more, raw, 32);
  more[32] = raw[0];
  for (i = 0; i < 9; i++) {
    char tmp[128];
    switch (i) {
      case 0: snprintf(bad, sizeof bad, "%s", payload); break;
      case 1: snprintf(bad, sizeof bad, "WHSEC_%s", payload); break;
      case 2: base64(raw, 31, tmp, 0, 1); snprintf(bad, sizeof bad, "whsec_%s", tmp); break;
      case 3: base64(more, 33, tmp, 0, 1); snprintf(bad, sizeof bad, "whsec_%s", tmp); break;
      case 4: snprintf(bad, sizeof bad, "whsec_%.10s!%s", payload, payload + 11); break;
      case 5: hex(raw, 32, tmp, 0); snprintf(bad, sizeof bad, "whsec_%s", tmp); break;
      case 6: snprintf(bad, sizeof bad, "cusec_%s", payload); break;
      case 7: snprintf(bad, sizeof bad, "\"whsec_%s\"", payload); break;
      default: snprintf(bad, sizeof bad, "whsec_%.20s %s", payload, payload + 20); break;
    }
    one = str_of(bad);
    two[0] = str_of(good);
    two[1] = one;
    r = revtain_webhook_verifier_new(&one, 1, 300, &v);
    snprintf(label, sizeof label, "revtain_webhook_verifier_new(malformed #%d)", i);
    CHECK(error_clean(label, r));
    revtain_webhook_verifier_free(v);
    v = NULL;
    r = revtain_webhook_verifier_new(two, 2, 300, &v);
    snprintf(label, sizeof label, "revtain_webhook_verifier_new([valid, malformed #%d])", i);
    CHECK(error_clean(label, r));
    revtain_webhook_verifier_free(v);
    v = NULL;
    r = revtain_webhook_sign(&one, 1, (const uint8_t *)"{}", 2, "evt_1", 5, t, NULL, 0, &n);
    snprintf(label, sizeof label, "revtain_webhook_sign(malformed #%d)", i);
    CHECK(error_clean(label, r));
    r = revtain_webhook_signature_header(two, 2, (const uint8_t *)"{}", 2, t, NULL, 0, &n);
    snprintf(label, sizeof label, "revtain_webhook_signature_header([valid, malformed #%d])", i);
    CHECK(error_clean(label, r));
    r = revtain_webhook_verify((const uint8_t *)"{}", 2, "t=1,v1=00", 9, &one, 1, 300, &t, &ts);
    snprintf(label, sizeof label, "revtain_webhook_verify(malformed #%d)", i);
    CHECK(error_clean(label, r));
  }
  case_end("webhook: a malformed secret is never shown");
}

/* An Ed25519 signing key (whsk_) given where it does not belong, or malformed, is never shown:
 * to a verifier, as a public key to derive from, cut short, or as an event id. */
static void test_webhook_signing_key(void) {
  secret s;
  char sk[REVTAIN_WEBHOOK_SIGNING_KEY_BUF_SIZE], pk[REVTAIN_WEBHOOK_PUBLIC_KEY_BUF_SIZE];
  char cut[40], label[256], buf[1024];
  size_t sk_len = 0, pk_len = 0, n = 0;
  unsigned char seed[48];
  revtain_str one, two[2];
  revtain_webhook_verifier *v = NULL;
  revtain_result r;
  int decoded = 0, i;
  uint64_t t = now_s(), ts = 0;
  case_begin();
  reset_secrets();
  CHECK(revtain_webhook_signing_key_generate(sk, sizeof sk, &sk_len, pk, sizeof pk, &pk_len) ==
        REVTAIN_RESULT_OK);
  secret_init(&s, "whsk signing key", sk);
  /* The seed's own bytes, in every encoding a message might use. */
  {
    static const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned int acc = 0;
    int bits = 0;
    for (i = 5; sk[i] && sk[i] != '='; i++) {
      acc = (acc << 6) | (unsigned int)(strchr(alphabet, sk[i]) - alphabet);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        seed[decoded++] = (unsigned char)(acc >> bits);
      }
    }
    add_raw(&s, seed, (size_t)decoded);
  }
  CHECK(decoded == 32);
  register_secret(&s);
  one = str_of(sk);
  r = revtain_webhook_verifier_new(&one, 1, 300, &v);
  CHECK(error_clean("revtain_webhook_verifier_new(whsk)", r) && v == NULL);
  two[0] = str_of(pk);
  two[1] = one;
  r = revtain_webhook_verifier_new(two, 2, 300, &v);
  CHECK(error_clean("revtain_webhook_verifier_new([whpk, whsk])", r) && v == NULL);
  r = revtain_webhook_verify((const uint8_t *)"{}", 2, "t=1,v1=00", 9, &one, 1, 300, &t, &ts);
  CHECK(error_clean("revtain_webhook_verify(whsk)", r));
  snprintf(cut, sizeof cut, "%.30s", sk);
  one = str_of(cut);
  r = revtain_webhook_signature_header(&one, 1, (const uint8_t *)"{}", 2, t, NULL, 0, &n);
  CHECK(error_clean("revtain_webhook_signature_header(whsk cut)", r));
  r = revtain_webhook_public_key(cut, strlen(cut), buf, sizeof buf, &n);
  CHECK(error_clean("revtain_webhook_public_key(whsk cut)", r));
  one = str_of(sk);
  /* The key pasted as the event id, with the space that makes it one no header can carry. */
  snprintf(label, sizeof label, "%s ", sk);
  r = revtain_webhook_sign(&one, 1, (const uint8_t *)"{}", 2, label, strlen(label), t, buf, sizeof buf, &n);
  CHECK(error_clean("revtain_webhook_sign(whsk as the event id)", r));
  /* What the signer writes never holds the key. */
  r = revtain_webhook_sign(&one, 1, (const uint8_t *)"{}", 2, "evt_1", 5, t, buf, sizeof buf, &n);
  CHECK(r == REVTAIN_RESULT_OK && clean("revtain_webhook_sign(whsk) headers", buf));
  case_end("webhook: an Ed25519 signing key is never shown");
}

static void test_keyring_text(void) {
  secret k1, k2;
  char a[64], b[64], text[400], label[160], tmp[128];
  unsigned char raw[32], raw2[32];
  revtain_keyring *kr = NULL;
  revtain_result r;
  int i;
  case_begin();
  reset_secrets();
  random_bytes(raw, 32);
  random_bytes(raw2, 32);
  base64(raw, 32, a, 0, 1);
  base64(raw2, 32, b, 0, 1);
  secret_init(&k1, "key 1", a);
  add_raw(&k1, raw, 32);
  secret_init(&k2, "key 2", b);
  add_raw(&k2, raw2, 32);
  register_secret(&k1);
  register_secret(&k2);
  for (i = 0; i < 14; i++) {
    switch (i) {
      case 0: base64(raw, 31, tmp, 0, 1); snprintf(text, sizeof text, "1:%s,2:%s", a, tmp); break;
      case 1: snprintf(text, sizeof text, "1:%s,1:%s", a, b); break;
      case 2: snprintf(text, sizeof text, "x:%s", a); break;
      case 3: snprintf(text, sizeof text, "%s", a); break;
      case 4: snprintf(text, sizeof text, "01:%s", a); break;
      case 5: snprintf(text, sizeof text, "1:%.43s", a); break; /* unpadded */
      case 6: base64(raw, 32, tmp, 1, 0); snprintf(text, sizeof text, "1:%s", tmp); break;
      case 7: hex(raw, 32, tmp, 0); snprintf(text, sizeof text, "1:%s", tmp); break;
      case 8: snprintf(text, sizeof text, "1:%s;2:%s", a, b); break;
      case 9: snprintf(text, sizeof text, "1:%s\n2:%s", a, b); break;
      case 10: snprintf(text, sizeof text, "1:%s,", a); break;
      case 11: snprintf(text, sizeof text, "4294967296:%s", a); break;
      case 12: snprintf(text, sizeof text, "REVTAIN_KEYRING=1:%s", a); break;
      default: snprintf(text, sizeof text, "1:%.10s!%s", a, a + 11); break;
    }
    r = revtain_keyring_from_text(text, strlen(text), &kr);
    CHECK(kr == NULL);
    snprintf(label, sizeof label, "revtain_keyring_from_text(malformed #%d)", i);
    CHECK(error_clean(label, r));
    revtain_keyring_free(kr);
    kr = NULL;
  }
  case_end("keyring: malformed text holding a valid key never shows the key");
}

static void test_connectors(void) {
  secret w, cb, cbw, ad;
  char whsec[80], user_pw[80], pw[32], wrong_pw[32], creds[80], b64creds[160], auth[200];
  char stripe[160], adyen_key[80], zeros[65], label[200];
  unsigned char raw[32], hraw[32];
  revtain_header h[1];
  revtain_connector_event *ev = NULL;
  revtain_connector_options o;
  revtain_result r;
  const char *body = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}";
  size_t body_len = strlen(body);
  case_begin();
  reset_secrets();
  prefixed(&w, "connector whsec", "whsec_", whsec, raw);
  random_text(pw, 24);
  random_text(wrong_pw, 24);
  snprintf(user_pw, sizeof user_pw, "merchant:%s", pw);
  secret_init(&cb, "Chargebee password", pw);
  snprintf(creds, sizeof creds, "merchant:%s", wrong_pw);
  base64((const unsigned char *)creds, strlen(creds), b64creds, 0, 1);
  secret_init(&cbw, "Chargebee credentials sent", wrong_pw);
  add_form(&cbw, b64creds);
  random_bytes(hraw, 32);
  hex(hraw, 32, adyen_key, 1);
  secret_init(&ad, "Adyen key", adyen_key);
  add_raw(&ad, hraw, 32);
  register_secret(&w);
  register_secret(&cb);
  register_secret(&cbw);
  register_secret(&ad);
  revtain_connector_options_init(&o);
  o.has_now = true;
  o.now = now_s();
  memset(zeros, '0', 64);
  zeros[64] = '\0';
  snprintf(stripe, sizeof stripe, "t=%llu,v1=%s", (unsigned long long)o.now, zeros);

  /* A wrong secret. */
  h[0] = header_of("Stripe-Signature", stripe);
  r = revtain_connector_verify("stripe", 6, h, 1, (const uint8_t *)body, body_len,
                               (const uint8_t *)whsec, strlen(whsec), &o, &ev);
  CHECK(r == REVTAIN_RESULT_CONNECTOR_SIGNATURE_MISMATCH && ev == NULL);
  CHECK(error_clean("revtain_connector_verify(stripe, wrong secret)", r));
  snprintf(auth, sizeof auth, "Basic %s", b64creds);
  h[0] = header_of("Authorization", auth);
  r = revtain_connector_verify("chargebee", 9, h, 1, (const uint8_t *)body, body_len,
                               (const uint8_t *)user_pw, strlen(user_pw), &o, &ev);
  CHECK(error_clean("revtain_connector_verify(chargebee, wrong password)", r));
  r = revtain_connector_verify("chargebee", 9, h, 1, (const uint8_t *)body, body_len,
                               (const uint8_t *)pw, strlen(pw), &o, &ev);
  CHECK(error_clean("revtain_connector_verify(chargebee, secret without a colon)", r));
  h[0] = header_of("Authorization", pw);
  r = revtain_connector_verify("chargebee", 9, h, 1, (const uint8_t *)body, body_len,
                               (const uint8_t *)user_pw, strlen(user_pw), &o, &ev);
  CHECK(error_clean("revtain_connector_verify(chargebee, no Basic)", r));
  r = revtain_connector_verify("adyen", 5, NULL, 0, (const uint8_t *)body, body_len,
                               (const uint8_t *)whsec, strlen(whsec), &o, &ev);
  CHECK(error_clean("revtain_connector_verify(adyen, secret not hex)", r));
  r = revtain_connector_verify("adyen", 5, NULL, 0, (const uint8_t *)adyen_key, strlen(adyen_key),
                               (const uint8_t *)adyen_key, strlen(adyen_key), &o, &ev);
  CHECK(error_clean("revtain_connector_verify(adyen, key as the body)", r));
  h[0] = header_of("Stripe-Signature", whsec);
  r = revtain_connector_verify("stripe", 6, h, 1, (const uint8_t *)body, body_len,
                               (const uint8_t *)whsec, strlen(whsec), &o, &ev);
  CHECK(error_clean("revtain_connector_verify(stripe, secret as the header)", r));

  /* The secret in the name argument (swapped arguments): unknown, never repeated. */
  h[0] = header_of("Stripe-Signature", stripe);
  r = revtain_connector_verify(whsec, strlen(whsec), h, 1, (const uint8_t *)body, body_len,
                               (const uint8_t *)"stripe", 6, &o, &ev);
  CHECK(r == REVTAIN_RESULT_CONNECTOR_UNKNOWN && ev == NULL);
  CHECK(error_clean("revtain_connector_verify(secret as the name)", r));
  r = revtain_connector_verify(user_pw, strlen(user_pw), NULL, 0, (const uint8_t *)body, body_len,
                               (const uint8_t *)"chargebee", 9, NULL, &ev);
  CHECK(error_clean("revtain_connector_verify(credentials as the name, no options)", r));
  o.require_timestamp = true;
  r = revtain_connector_verify(whsec, strlen(whsec), NULL, 0, (const uint8_t *)body, body_len,
                               (const uint8_t *)whsec, strlen(whsec), &o, &ev);
  snprintf(label, sizeof label, "revtain_connector_verify(secret as the name, require_timestamp)");
  CHECK(error_clean(label, r));
  revtain_connector_event_free(ev);
  case_end("connector: a wrong secret, or the secret as the name, is never shown");
}

static void test_card_numbers(void) {
  secret p, c;
  char pan[17], spaced[32], text[128], out[128], label[160], cusec[80], link[1024];
  unsigned char raw[32];
  const char *kind = NULL;
  const char *gateways[] = {"stripe", "braintree", "adyen", "checkout", "square", "gocardless", "paddle"};
  const char *tokens[5];
  char tok[40], pm[40], dashed[32];
  size_t n = 0, i, j;
  uint64_t t = now_s();
  revtain_card_update_links *links = NULL;
  revtain_result r;
  case_begin();
  reset_secrets();
  random_pan(&p, pan);
  register_secret(&p);
  snprintf(spaced, sizeof spaced, "%.4s %.4s %.4s %.4s", pan, pan + 4, pan + 8, pan + 12);
  snprintf(dashed, sizeof dashed, "%.4s-%.4s-%.4s-%.4s", pan, pan + 4, pan + 8, pan + 12);
  snprintf(tok, sizeof tok, "tok_%s", pan);
  snprintf(pm, sizeof pm, "pm_%s", pan);
  tokens[0] = pan;
  tokens[1] = spaced;
  tokens[2] = dashed;
  tokens[3] = tok;
  tokens[4] = pm;

  /* redaction keeps the last four digits only */
  snprintf(text, sizeof text, "card %s, %s and %s", pan, spaced, dashed);
  CHECK(revtain_card_pan_redact(text, strlen(text), out, sizeof out, &n) == REVTAIN_RESULT_OK);
  CHECK(clean("revtain_card_pan_redact", out));

  /* a card number where a token belongs, for every gateway */
  for (i = 0; i < sizeof gateways / sizeof gateways[0]; i++) {
    for (j = 0; j < 5; j++) {
      r = revtain_card_gateway_token_validate(gateways[i], strlen(gateways[i]), tokens[j], strlen(tokens[j]), &kind);
      CHECK(r == REVTAIN_RESULT_CARD_PAN_DETECTED);
      snprintf(label, sizeof label, "revtain_card_gateway_token_validate(%s, PAN form %zu)", gateways[i], j);
      CHECK(error_clean(label, r));
    }
  }
  /* a card number as the gateway (swapped arguments) */
  r = revtain_card_gateway_token_validate(pan, strlen(pan), "pm_1MqLiJLkdIwHu7ixUEgbFdYF", 27, &kind);
  CHECK(r == REVTAIN_RESULT_CARD_UNKNOWN_GATEWAY);
  CHECK(error_clean("revtain_card_gateway_token_validate(PAN as the gateway)", r));
  r = revtain_card_gateway_token_validate(spaced, strlen(spaced), "x", 1, &kind);
  CHECK(error_clean("revtain_card_gateway_token_validate(spaced PAN as the gateway)", r));
  r = revtain_card_gateway_token_validate(pan, strlen(pan), pan, strlen(pan), &kind);
  CHECK(error_clean("revtain_card_gateway_token_validate(PAN, PAN)", r));

  /* card-update links: a PAN as the client id or the customer */
  prefixed(&c, "cusec", "cusec_", cusec, raw);
  register_secret(&c);
  r = revtain_card_update_links_new(cusec, strlen(cusec), pan, strlen(pan), "https://pay.example.com/card", 28, 60, 604800, &links);
  CHECK(r == REVTAIN_RESULT_CARD_PAN_DETECTED && links == NULL);
  CHECK(error_clean("revtain_card_update_links_new(PAN as the client id)", r));
  CHECK(revtain_card_update_links_new(cusec, strlen(cusec), "cli_acme", 8, "https://pay.example.com/card", 28, 60, 604800, &links) == REVTAIN_RESULT_OK);
  r = revtain_card_update_links_create(links, pan, strlen(pan), 600, NULL, 0, &t, link, sizeof link, &n);
  CHECK(error_clean("revtain_card_update_links_create(PAN as the customer)", r));
  r = revtain_card_update_links_token(links, spaced, strlen(spaced), 600, NULL, 0, &t, link, sizeof link, &n);
  CHECK(error_clean("revtain_card_update_links_token(spaced PAN as the customer)", r));
  /* A card-update token whose header alg is a card number: refused, and the refusal names only
   * registered algorithms (it quoted the whole PAN when this test was written). */
  {
    char header_json[96], header_b64[160], token[256];
    snprintf(header_json, sizeof header_json, "{\"alg\":\"%s\",\"typ\":\"JWT\"}", pan);
    base64((const unsigned char *)header_json, strlen(header_json), header_b64, 1, 0);
    snprintf(token, sizeof token, "%s.e30.AAAA", header_b64);
    r = revtain_card_update_links_verify(links, token, strlen(token), &t, link, sizeof link, &n);
    CHECK(r == REVTAIN_RESULT_CARD_UPDATE_TOKEN_ALGORITHM);
    CHECK(error_clean("revtain_card_update_links_verify(alg = PAN)", r));
  }
  revtain_card_update_links_free(links);

  /* API key validation given a card number */
  r = revtain_api_key_validate(pan, strlen(pan), &n);
  CHECK(error_clean("revtain_api_key_validate(PAN)", r));
  case_end("card numbers are never shown");
}

static void test_card_update_secrets(void) {
  secret s;
  char payload[64], bad[200], label[160], tmp[128];
  unsigned char raw[32];
  revtain_card_update_links *links = NULL;
  revtain_result r;
  int i;
  case_begin();
  reset_secrets();
  random_bytes(raw, 32);
  base64(raw, 32, payload, 0, 1);
  secret_init(&s, "cusec payload", payload);
  add_raw(&s, raw, 32);
  register_secret(&s);
  for (i = 0; i < 6; i++) {
    switch (i) {
      case 0: snprintf(bad, sizeof bad, "%s", payload); break;
      case 1: snprintf(bad, sizeof bad, "whsec_%s", payload); break;
      case 2: base64(raw, 31, tmp, 0, 1); snprintf(bad, sizeof bad, "cusec_%s", tmp); break;
      case 3: snprintf(bad, sizeof bad, "cusec_%.10s!%s", payload, payload + 11); break;
      case 4: hex(raw, 32, tmp, 0); snprintf(bad, sizeof bad, "cusec_%s", tmp); break;
      default: snprintf(bad, sizeof bad, "\"cusec_%s\"", payload); break;
    }
    r = revtain_card_update_links_new(bad, strlen(bad), "cli_acme", 8, "https://pay.example.com/card", 28, 60, 604800, &links);
    snprintf(label, sizeof label, "revtain_card_update_links_new(malformed secret #%d)", i);
    CHECK(links == NULL);
    CHECK(error_clean(label, r));
    revtain_card_update_links_free(links);
    links = NULL;
  }
  case_end("card-update links: a malformed secret is never shown");
}

static void test_api_keys(void) {
  secret k, w;
  char key[64], bad[128], out[256], label[160], whsec[80];
  unsigned char raw[32];
  size_t n = 0, pos = 0;
  revtain_result r;
  int i;
  case_begin();
  reset_secrets();
  CHECK(revtain_api_key_generate(key, sizeof key, &n) == REVTAIN_RESULT_OK);
  secret_init(&k, "API key", key);
  add_form(&k, key + 4);
  prefixed(&w, "whsec given as an API key", "whsec_", whsec, raw);
  register_secret(&k);
  register_secret(&w);
  for (i = 0; i < 8; i++) {
    switch (i) {
      case 0: snprintf(bad, sizeof bad, "%s\n", key); break;
      case 1: snprintf(bad, sizeof bad, " %s ", key); break;
      case 2: snprintf(bad, sizeof bad, "%.35s", key); break;
      case 3: snprintf(bad, sizeof bad, "REV_%s", key + 4); break;
      case 4: snprintf(bad, sizeof bad, "%.20s+%s", key, key + 21); break;
      case 5: snprintf(bad, sizeof bad, "Bearer %s", key); break;
      case 6: snprintf(bad, sizeof bad, "%s==", key); break;
      default: snprintf(bad, sizeof bad, "%s", whsec); break;
    }
    r = revtain_api_key_validate(bad, strlen(bad), &pos);
    snprintf(label, sizeof label, "revtain_api_key_validate(malformed #%d)", i);
    CHECK(error_clean(label, r));
    r = revtain_api_key_redacted(bad, strlen(bad), out, sizeof out, &n);
    snprintf(label, sizeof label, "revtain_api_key_redacted(malformed #%d)", i);
    CHECK(error_clean(label, r));
  }
  CHECK(revtain_api_key_redacted(key, strlen(key), out, sizeof out, &n) == REVTAIN_RESULT_OK);
  CHECK(clean("revtain_api_key_redacted(key)", out));
  snprintf(bad, sizeof bad, "ticket: %s pasted", key);
  CHECK(revtain_api_key_redact_text(bad, strlen(bad), out, sizeof out, &n) == REVTAIN_RESULT_OK);
  CHECK(clean("revtain_api_key_redact_text", out));
  case_end("API keys: a malformed key is never shown");
}

static void test_gateway(void) {
  secret a, b, u;
  char token[48], token2[48], bearer[64], bearer2[64], pw[32], url[160], label[200], err[1024];
  char newline[128];
  revtain_header hs[2], rh[2];
  revtain_retry_policy *policy = NULL;
  revtain_gateway_client *client = NULL;
  revtain_gateway_response *resp = NULL;
  revtain_gateway_attempt at;
  revtain_result r;
  size_t i, n = 0;
  int k;
  case_begin();
  reset_secrets();
  snprintf(token, sizeof token, "sk_live_");
  random_text(token + 8, 32);
  snprintf(token2, sizeof token2, "sk_live_");
  random_text(token2 + 8, 32);
  snprintf(bearer, sizeof bearer, "Bearer %s", token);
  snprintf(bearer2, sizeof bearer2, "Bearer %s", token2);
  secret_init(&a, "Authorization", bearer);
  add_form(&a, token);
  secret_init(&b, "second Authorization", bearer2);
  add_form(&b, token2);
  pw[0] = 'p';
  pw[1] = 'w';
  random_text(pw + 2, 20);
  secret_init(&u, "URL password", pw);
  register_secret(&a);
  register_secret(&b);
  register_secret(&u);
  CHECK(revtain_retry_policy_new(0.001, 0.001, 2, 5, REVTAIN_JITTER_NONE, &policy) == REVTAIN_RESULT_OK);

  /* A client with an Authorization header, and a call that fails (nothing listens on port 1). */
  hs[0] = header_of("Authorization", bearer);
  hs[1] = header_of("X-Api-Key", token);
  CHECK(revtain_gateway_client_new("http://127.0.0.1:1", 18, policy, 2, hs, 2, false, &client) == REVTAIN_RESULT_OK);
  rh[0] = header_of("Authorization", bearer2);
  rh[1] = header_of("Stripe-Account", token2);
  r = revtain_gateway_client_request(client, "POST", 4, "/v1/charges", 11, (const uint8_t *)"amount=1", 8, rh, 2, token2, strlen(token2), &resp);
  CHECK(r == REVTAIN_RESULT_GATEWAY_RETRIES_EXHAUSTED);
  CHECK(error_clean("revtain_gateway_client_request(closed port)", r));
  for (i = 0; i < revtain_gateway_response_attempt_count(resp); i++) {
    CHECK(revtain_gateway_response_attempt(resp, i, &at, err, sizeof err, &n) == REVTAIN_RESULT_OK);
    snprintf(label, sizeof label, "revtain_gateway_response_attempt #%zu error text", i);
    CHECK(clean(label, err));
  }
  revtain_gateway_response_free(resp);
  resp = NULL;

  /* Requests that cannot be sent, each with the secret in an argument. */
  snprintf(newline, sizeof newline, "%s\r\nX-Injected: 1", bearer2);
  for (k = 0; k < 7; k++) {
    const char *method = "GET", *path = "/v1", *key = NULL;
    size_t n_headers = 0;
    switch (k) {
      case 0: method = token2; break;
      case 1: method = bearer2; break;
      case 2: path = token2; break;
      case 3: path = bearer2; break;
      case 4: rh[0] = header_of("Authorization", newline); n_headers = 1; break;
      case 5: rh[0] = header_of(bearer2, "x"); n_headers = 1; break;
      default: key = newline; break;
    }
    r = revtain_gateway_client_request(client, method, strlen(method), path, strlen(path), NULL, 0,
                                       n_headers ? rh : NULL, n_headers, key, key ? strlen(key) : 0, &resp);
    snprintf(label, sizeof label, "revtain_gateway_client_request(invalid #%d)", k);
    CHECK(resp == NULL);
    CHECK(error_clean(label, r));
    revtain_gateway_response_free(resp);
    resp = NULL;
  }
  revtain_gateway_client_free(client);
  client = NULL;

  /* Clients that cannot be made: credentials in the base URL, a header value that is not valid,
   * the header's value as its name, a proxy URL with credentials that is not valid. */
  for (k = 0; k < 12; k++) {
    const char *proxy = NULL;
    char proxy_url[160];
    size_t n_headers = 1;
    hs[0] = header_of("Authorization", bearer);
    switch (k) {
      case 0: snprintf(url, sizeof url, "https://user:%s@api.example.com", pw); break;
      case 1: snprintf(url, sizeof url, "https://:%s@api.example.com/v1", pw); break;
      case 2: snprintf(url, sizeof url, "https://%s@api.example.com", token); break;
      case 3: snprintf(url, sizeof url, "http://user:%s@127.0.0.1:1", pw); break;
      case 4: snprintf(url, sizeof url, "https://user:p@ss%s@api.example.com", pw); break;
      case 5: snprintf(url, sizeof url, "user:%s@api.example.com", pw); break;
      case 6: snprintf(url, sizeof url, "https://user:%s x@api.example.com", pw); break;
      case 7: snprintf(url, sizeof url, "%s", bearer); break;
      case 8:
        snprintf(url, sizeof url, "https://api.example.com");
        hs[0] = header_of("Authorization", newline);
        break;
      case 9:
        snprintf(url, sizeof url, "https://api.example.com");
        hs[0] = header_of(bearer, "Authorization");
        break;
      case 10:
        snprintf(url, sizeof url, "https://api.example.com");
        snprintf(proxy_url, sizeof proxy_url, "http://proxyuser:%s@127.0.0.1:1/path", pw);
        proxy = proxy_url;
        break;
      default:
        snprintf(url, sizeof url, "http://127.0.0.1:1");
        snprintf(proxy_url, sizeof proxy_url, "http://proxyuser:%s@127.0.0.1:1", pw);
        proxy = proxy_url;
        break;
    }
    r = proxy ? revtain_gateway_client_new_with_proxy(url, strlen(url), policy, 2, hs, n_headers, false, proxy, strlen(proxy), &client)
              : revtain_gateway_client_new(url, strlen(url), policy, 2, hs, n_headers, false, &client);
    snprintf(label, sizeof label, "revtain_gateway_client_new(invalid #%d)", k);
    CHECK(client == NULL);
    CHECK(error_clean(label, r));
    revtain_gateway_client_free(client);
    client = NULL;
  }
  revtain_retry_policy_free(policy);
  case_end("gateway client: header values and URL credentials are never shown");
}

static void test_adyen_pan(void) {
  secret p;
  char pan[17], body[128], key[65];
  unsigned char raw[32];
  revtain_connector_event *ev = NULL;
  revtain_result r;
  case_begin();
  reset_secrets();
  random_pan(&p, pan);
  register_secret(&p);
  random_bytes(raw, 32);
  hex(raw, 32, key, 0);
  snprintf(body, sizeof body, "{\"live\":\"false\",\"notificationItems\":\"%s\"}", pan);
  r = revtain_connector_verify("adyen", 5, NULL, 0, (const uint8_t *)body, strlen(body),
                               (const uint8_t *)key, strlen(key), NULL, &ev);
  CHECK(r == REVTAIN_RESULT_CONNECTOR_PAYLOAD_MALFORMED && ev == NULL);
  /* An Adyen body with a card number where an array belongs: the message says what was expected,
   * never the value (it quoted serde_json's error, which quoted the PAN, when this was written). */
  CHECK(error_clean("revtain_connector_verify(adyen, body with a PAN)", r));
  revtain_connector_event_free(ev);
  case_end("connector: a malformed Adyen body with a card number");
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s <tests/vectors dir>\n", argv[0]);
    return 2;
  }
  /* Shared by the other tests. */
  (void)load_vectors;
  (void)unhex;
  (void)str_field;
  test_scanner();
  test_webhook_wrong_secret();
  test_webhook_invalid_secrets();
  test_webhook_signing_key();
  test_keyring_text();
  test_connectors();
  test_card_numbers();
  test_card_update_secrets();
  test_api_keys();
  test_gateway();
  test_adyen_pan();
  return summary();
}
