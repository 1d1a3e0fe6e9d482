#!/usr/bin/env python3
"""Generates tests/vectors/card.json (docs/spec.md §2.7).

Independent of the Rust code: Python's standard library implements the PAN rule (Luhn, digit
groups, word boundaries), the gateway token shapes and the compact JWS (hmac, hashlib, base64,
json) from the text of docs/spec.md and the guides. Inputs are fixed or derived from SHA-256 of
fixed labels, so the output never changes unless this file does.

    python3 tests/vectors/generate_card.py          # rewrite the vector file
    python3 tests/vectors/generate_card.py --check  # fail if the committed file differs
"""

import base64
import hashlib
import hmac
import json
from pathlib import Path

from vectorlib import derived, write_or_check  # this folder (the script's own directory is on sys.path)

OUT = Path(__file__).with_name("card.json")

PAN_DETECTED = "REVTAIN_RESULT_CARD_PAN_DETECTED"
UNKNOWN_GATEWAY = "REVTAIN_RESULT_CARD_UNKNOWN_GATEWAY"
INVALID_TOKEN = "REVTAIN_RESULT_CARD_INVALID_GATEWAY_TOKEN"
INVALID_SECRET = "REVTAIN_RESULT_CARD_UPDATE_INVALID_SECRET"
INVALID_PARAMETER = "REVTAIN_RESULT_CARD_UPDATE_INVALID_PARAMETER"
MALFORMED = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_MALFORMED"
ALGORITHM = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_ALGORITHM"
SIGNATURE = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_SIGNATURE_MISMATCH"
EXPIRED = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_EXPIRED"
NOT_YET_VALID = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_NOT_YET_VALID"
AUDIENCE_ERR = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_AUDIENCE"
ISSUER = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_ISSUER"
CLAIMS = "REVTAIN_RESULT_CARD_UPDATE_TOKEN_INVALID_CLAIMS"

# ------------------------------------------------------------------------------ PAN rule


def luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        v = int(c)
        if i % 2:
            v = v * 2 - 9 if v > 4 else v * 2
        total += v
    return total % 10 == 0


def is_pan_digits(d: str) -> bool:
    return 13 <= len(d) <= 19 and d[0] in "23456" and luhn(d)


def is_word(ch: int) -> bool:
    """ASCII letters, digits and the mask character * (redacted text never matches again)."""
    return (chr(ch).isascii() and chr(ch).isalnum()) or ch == ord("*")


def find_pans(text: bytes):
    """Byte ranges of card numbers, per the rule in docs/card.md."""
    runs, i = [], 0
    while i < len(text):
        if 48 <= text[i] <= 57:
            s = i
            while i < len(text) and 48 <= text[i] <= 57:
                i += 1
            runs.append((s, i))
        else:
            i += 1
    clean_end = lambda e: e == len(text) or not is_word(text[e])  # noqa: E731
    found, k = [], 0
    while k < len(runs):
        s, e = runs[k]
        hit = None
        if not (s > 0 and is_word(text[s - 1])):
            digits = text[s:e].decode()
            if 13 <= len(digits) <= 19 and clean_end(e) and is_pan_digits(digits):
                hit = k
            elif len(digits) == 4:
                sep, prev_end = None, e
                for j in range(k + 1, len(runs)):
                    rs, re_ = runs[j]
                    if rs != prev_end + 1 or not 3 <= re_ - rs <= 6:
                        break
                    c = text[prev_end:rs]
                    if c not in (b" ", b"-") or (sep is not None and c != sep):
                        break
                    sep = c
                    if len(digits) + (re_ - rs) > 19:
                        break
                    digits += text[rs:re_].decode()
                    if len(digits) >= 13 and clean_end(re_) and is_pan_digits(digits):
                        hit = j
                    prev_end = re_
        if hit is None:
            k += 1
        else:
            found.append((runs[k][0], runs[hit][1]))
            k = hit + 1
    return found


def redact(text: str) -> str:
    """Masks all but the last 4 digits of each card number, again until none is left."""
    b = bytearray(text.encode())
    while found := find_pans(bytes(b)):
        mask(b, found)
    return b.decode()


def mask(b: bytearray, found) -> None:
    for s, e in found:
        n = sum(1 for x in b[s:e] if 48 <= x <= 57)
        seen = 0
        for i in range(s, e):
            if 48 <= b[i] <= 57:
                seen += 1
                if seen <= n - 4:
                    b[i] = ord("*")


def offsets(text: str, s: int, e: int) -> dict:
    raw = text.encode()
    chars = lambda o: len(raw[:o].decode())  # noqa: E731
    utf16 = lambda o: len(raw[:o].decode().encode("utf-16-le")) // 2  # noqa: E731
    return {"bytes": [s, e], "chars": [chars(s), chars(e)], "utf16": [utf16(s), utf16(e)]}


PANS = {
    "visa": "4242424242424242", "visa-13": "4222222222222", "mastercard": "5555555555554444",
    "mastercard-2-series": "2223003122003222", "amex": "378282246310005",
    "discover": "6011111111111117", "diners-14": "36227206271667", "jcb": "3566002020360505",
    "unionpay-19": "6205500000000000004",
}


def pan_cases():
    cases = []

    def case(cid, text):
        found = find_pans(text.encode())
        cases.append({"id": cid, "text": text,
                      "matches": [offsets(text, s, e) for s, e in found],
                      "redacted": redact(text)})
        return found

    for name, pan in PANS.items():
        assert case(f"pan-{name}", pan), name
    positives = [
        ("pan-grouped-spaces", "card: 4242 4242 4242 4242"),
        ("pan-grouped-dashes", "card: 4242-4242-4242-4242"),
        ("pan-amex-grouped", "amex 3782 822463 10005 exp 12/30"),
        ("pan-in-json", '{"customer":"cus_42","number":"5555555555554444","cvc":"123"}'),
        ("pan-in-json-number", '{"number":4242424242424242,"amount":4900}'),
        ("pan-in-form-body", "email=a%40b.com&card_number=4242424242424242&exp=12%2F30"),
        ("pan-in-log-line",
         "2026-11-28T10:00:00Z WARN retry failed card=4242-4242-4242-4242 code=do_not_honor"),
        ("pan-after-unicode", "Zoë’s card → 4242 4242 4242 4242 🎉"),  # noqa: RUF001 (non-ASCII text on purpose)
        ("pan-two-on-one-line", "old 4242424242424242 new 5555 5555 5555 4444"),
        ("pan-csv", "cus_1,4242424242424242,12,2030"),
        ("pan-order-id-before-grouped", "order 12345 4242 4242 4242 4242"),
        ("pan-in-parentheses", "(4242424242424242)"),
        ("pan-overlapping-candidates", "x 2000 00000 4000 000 0101 002000 y"),
    ]
    for cid, text in positives:
        assert case(cid, text), cid
    negatives = [
        ("nopan-unix-ms-timestamp", "created 1732792800123 updated 1700000000000"),
        ("nopan-unix-seconds", "t=1700000000"),
        ("nopan-phone-us", "call +1 415 555 2671 or (415) 555-2671"),
        ("nopan-phone-international", "+44 20 7946 0958, +49 30 901820"),
        ("nopan-order-id", "ORD-20261128-000123 and ord_4242424242424242x"),
        ("nopan-uuid", "550e8400-e29b-41d4-a716-446655440000 12345678-1234-5678-1234-567812345678"),
        ("nopan-amount", "amount 4242.42 EUR, total 1,234,567.89"),
        ("nopan-luhn-invalid", "4242424242424241"),
        ("nopan-too-short", "424242424242"),
        ("nopan-too-long", "42424242424242424242"),
        ("nopan-inside-longer-digit-run", "0004242424242424242000"),
        ("nopan-sha256-hex", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("nopan-adyen-id", "recurringDetailReference=8415995487234100"),
        ("nopan-mixed-separators", "4242 4242-4242 4242"),
        ("nopan-double-space", "4242  4242 4242 4242"),
        ("nopan-first-group-3", "424 2424 2424 24242"),
        ("nopan-letters-glued", "x4242424242424242 4242424242424242y"),
        ("nopan-iban", "DE89 3704 0044 0532 0130 00"),
        ("nopan-empty", ""),
        ("nopan-already-redacted", "card **** **** **** 4242 and ************4444 5555 5555 5555"),
        ("nopan-kept-digits-then-groups", "***************2000 000 000 800 000"),
    ]
    for cid, text in negatives:
        assert not case(cid, text), cid
    return cases


# ------------------------------------------------------------------------------ gateway tokens


def token_cases():
    ok = [
        ("stripe", "pm_1MqLiJLkdIwHu7ixUEgbFdYF", "stripe.payment_method"),
        ("stripe", "card_1MvoiELkdIwHu7ixOeFh0G1j", "stripe.card"),
        ("stripe", "src_1MqLiJLkdIwHu7ixUEgbFdYF", "stripe.source"),
        ("stripe", "tok_1N3T00LkdIwHu7ixt44h1F8k", "stripe.token"),
        ("braintree", "8ny5jm", "braintree.payment_method"),
        ("braintree", "my-custom_token-42", "braintree.payment_method"),
        ("braintree", "123456789", "braintree.payment_method"),
        ("braintree", "4242424242424241", "braintree.payment_method"),
        ("adyen", "8415995487234100", "adyen.stored_payment_method"),
        ("adyen", "M5N7TQ4TG5PFWR50", "adyen.stored_payment_method"),
        ("checkout", "src_nwd3m4in3hkuddfpjsaevunhdy", "checkout.source"),
        ("square", "ccof:uIbfJXhXETSP197M3GB", "square.card_on_file"),
        ("gocardless", "MD000123ABCDEF", "gocardless.mandate"),
        ("paddle", "paymtd_01hv8hkk4vwn1yykz6gf2wkyew", "paddle.payment_method"),
    ]
    bad = [
        ("stripe", "4242424242424242", PAN_DETECTED),
        ("stripe", "4242 4242 4242 4242", PAN_DETECTED),
        ("braintree", "4242424242424242", PAN_DETECTED),
        ("adyen", "4111111111111111", PAN_DETECTED),
        ("adyen", "5555-5555-5555-4444", PAN_DETECTED),
        ("checkout", "378282246310005", PAN_DETECTED),
        ("paddle", " 4242424242424242 ", PAN_DETECTED),
        # A card number glued to a token's prefix, or inside it, is still a card number.
        ("stripe", "tok_4242424242424242", PAN_DETECTED),
        ("stripe", "pm_4000056655665556", PAN_DETECTED),
        ("braintree", "cust4111111111111111", PAN_DETECTED),
        ("braintree", "pan-5555555555554444-x", PAN_DETECTED),
        ("gocardless", "MD4242424242424242", PAN_DETECTED),
        ("stripe", "cus_NffrFeUfNV2Hib", INVALID_TOKEN),
        ("stripe", "pm_", INVALID_TOKEN),
        ("stripe", "pm_short", INVALID_TOKEN),
        ("stripe", "pm_1MqLiJLk-dIwHu7ix", INVALID_TOKEN),
        ("stripe", "", INVALID_TOKEN),
        ("stripe", " pm_1MqLiJLkdIwHu7ixUEgbFdYF", INVALID_TOKEN),
        ("braintree", "a" * 37, INVALID_TOKEN),
        ("braintree", "bad token", INVALID_TOKEN),
        ("adyen", "841599548723410", INVALID_TOKEN),
        ("adyen", "m5n7tq4tg5pfwr50", INVALID_TOKEN),
        ("checkout", "src_NWD3M4IN3HKUDDFPJSAEVUNHDY", INVALID_TOKEN),
        ("checkout", "pay_nwd3m4in3hkuddfpjsaevunhdy", INVALID_TOKEN),
        ("square", "cnon:card-nonce-ok", INVALID_TOKEN),
        ("gocardless", "CU000123ABCDEF", INVALID_TOKEN),
        ("paddle", "paymtd_short", INVALID_TOKEN),
        ("worldpay", "abc", UNKNOWN_GATEWAY),
        ("Stripe", "pm_1MqLiJLkdIwHu7ixUEgbFdYF", UNKNOWN_GATEWAY),
        # Arguments swapped: the gateway is checked before anything about the token, so a card
        # number (or a secret) in its place is never echoed by a token error.
        ("4242424242424242", "", UNKNOWN_GATEWAY),
        ("4242424242424242", " stripe", UNKNOWN_GATEWAY),
        ("4242424242424242", "x" * 300, UNKNOWN_GATEWAY),
    ]
    cases = []
    for i, (g, t, kind) in enumerate(ok):
        cases.append({"id": f"token-valid-{g}-{i}", "gateway": g, "token": t, "kind": kind})
    for i, (g, t, err) in enumerate(bad):
        cases.append({"id": f"token-invalid-{g}-{i}", "gateway": g, "token": t, "error": err})
    return cases


# ------------------------------------------------------------------------------ JWS


def b64url(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def compact(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()


SECRET = "cusec_" + base64.b64encode(derived("card-update secret", 32)).decode()
OTHER_SECRET = "cusec_" + base64.b64encode(derived("card-update other secret", 32)).decode()
KEY = derived("card-update secret", 32)
CLIENT = "cli_acme"
BASE_URL = "https://pay.revtain.example/card-update"
NOW = 1_700_000_000
HEADER = {"alg": "HS256", "typ": "JWT"}


def jws(header, claims, key=KEY, digest=hashlib.sha256, raw_header=None, raw_payload=None):
    h = raw_header if raw_header is not None else b64url(compact(header))
    p = raw_payload if raw_payload is not None else b64url(compact(claims))
    sig = hmac.new(key, f"{h}.{p}".encode(), digest).digest()
    return f"{h}.{p}.{b64url(sig)}"


def claims(**over):
    c = {"iss": CLIENT, "sub": "cus_42", "aud": "revtain:card-update", "iat": NOW,
         "exp": NOW + 86400, "jti": "Eg1xmWXrB0yKGN0y4xMKtA"}
    c.update(over)
    return {k: v for k, v in c.items() if v is not None}


def mint_cases():
    out = []
    for cid, cl in [
        ("mint-basic", claims()),
        ("mint-with-return-url", claims(return_url="https://merchant.example/account?tab=billing")),
        ("mint-unicode-customer", claims(sub="client: Zoë Šťastná")),
        ("mint-one-hour", claims(exp=NOW + 3600)),
    ]:
        token = jws(HEADER, cl)
        out.append({"id": cid, "claims": cl, "token": token,
                    "link": f"{BASE_URL}?token={token}"})
    return out


def verify_cases():
    out = []

    def ok(cid, token, now=NOW, leeway=60, expect=None):
        out.append({"id": cid, "token": token, "now": now, "leeway": leeway, "claims": expect})

    def bad(cid, token, err, now=NOW, leeway=60):
        out.append({"id": cid, "token": token, "now": now, "leeway": leeway, "error": err})

    c = claims()
    good = jws(HEADER, c)
    ok("verify-valid", good, expect=c)
    ok("verify-valid-just-before-expiry", good, now=NOW + 86400, expect=c)
    ok("verify-valid-expired-within-leeway", good, now=NOW + 86400 + 60, expect=c)
    bad("verify-expired-beyond-leeway", good, EXPIRED, now=NOW + 86400 + 61)
    bad("verify-expired-leeway-zero", good, EXPIRED, now=NOW + 86401, leeway=0)
    ok("verify-iat-in-future-within-leeway", good, now=NOW - 60, expect=c)
    bad("verify-iat-in-future-beyond-leeway", good, NOT_YET_VALID, now=NOW - 61)
    ok("verify-header-alg-only", jws({"alg": "HS256"}, c), expect=c)
    ok("verify-header-with-kid", jws({"alg": "HS256", "typ": "JWT", "kid": "k1"}, c), expect=c)
    reordered = {k: c[k] for k in ["exp", "jti", "sub", "iat", "aud", "iss"]}
    ok("verify-claims-in-another-order", jws(HEADER, reordered), expect=c)
    ok("verify-aud-array", jws(HEADER, claims(aud=["other", "revtain:card-update"])), expect=c)
    extra = claims(extra="ignored", scope="card")
    ok("verify-extra-claims-ignored", jws(HEADER, extra), expect=c)
    ru = claims(return_url="https://merchant.example/done")
    ok("verify-return-url", jws(HEADER, ru), expect=ru)
    ok("verify-nbf-passed", jws(HEADER, claims(nbf=NOW - 10)), expect=c)
    bad("verify-nbf-in-future", jws(HEADER, claims(nbf=NOW + 3600)), NOT_YET_VALID)

    # Algorithms.
    h, p, _ = good.split(".")
    bad("verify-alg-none-unsigned", f"{b64url(compact({'alg': 'none', 'typ': 'JWT'}))}.{p}.", ALGORITHM)
    bad("verify-alg-none-with-signature", jws({"alg": "none", "typ": "JWT"}, c), ALGORITHM)
    bad("verify-alg-None-mixed-case", jws({"alg": "None"}, c), ALGORITHM)
    bad("verify-alg-hs512", jws({"alg": "HS512", "typ": "JWT"}, c, digest=hashlib.sha512), ALGORITHM)
    bad("verify-alg-hs384", jws({"alg": "HS384", "typ": "JWT"}, c, digest=hashlib.sha384), ALGORITHM)
    bad("verify-alg-rs256-confusion", jws({"alg": "RS256", "typ": "JWT"}, c), ALGORITHM)
    bad("verify-alg-lowercase", jws({"alg": "hs256"}, c), ALGORITHM)
    bad("verify-alg-missing", jws({"typ": "JWT"}, c), MALFORMED)
    bad("verify-alg-not-string", jws({"alg": ["HS256"]}, c), MALFORMED)
    bad("verify-header-crit", jws({"alg": "HS256", "crit": ["exp"]}, c), MALFORMED)
    bad("verify-header-b64-false", jws({"alg": "HS256", "b64": False, "crit": ["b64"]}, c), MALFORMED)
    bad("verify-header-typ-other", jws({"alg": "HS256", "typ": "at+jwt"}, c), MALFORMED)

    # Signatures.
    bad("verify-wrong-secret", jws(HEADER, c, key=derived("card-update other secret", 32)), SIGNATURE)
    tampered = b64url(compact(claims(sub="cus_43")))
    bad("verify-tampered-payload", f"{h}.{tampered}.{good.split('.')[2]}", SIGNATURE)
    bad("verify-signature-truncated-to-24-bytes", good[:len(good) - 43 + 32], SIGNATURE)
    bad("verify-signature-not-base64url", good[:-2] + "+/", MALFORMED)
    bad("verify-signature-empty", f"{h}.{p}.", SIGNATURE)
    bad("verify-keyed-with-whole-secret-string", jws(HEADER, c, key=SECRET.encode()), SIGNATURE)

    # Claims.
    bad("verify-wrong-audience", jws(HEADER, claims(aud="revtain:other")), AUDIENCE_ERR)
    bad("verify-aud-array-without-ours", jws(HEADER, claims(aud=["a", "b"])), AUDIENCE_ERR)
    bad("verify-wrong-issuer", jws(HEADER, claims(iss="cli_other")), ISSUER)
    bad("verify-http-return-url", jws(HEADER, claims(return_url="http://merchant.example/done")), CLAIMS)
    bad("verify-javascript-return-url", jws(HEADER, claims(return_url="javascript:alert(1)")), CLAIMS)
    bad("verify-return-url-userinfo",
        jws(HEADER, claims(return_url="https://pay.revtain.example@evil.example/")), CLAIMS)
    bad("verify-missing-jti", jws(HEADER, claims(jti=None)), CLAIMS)
    bad("verify-missing-exp", jws(HEADER, claims(exp=None)), CLAIMS)
    bad("verify-missing-sub", jws(HEADER, claims(sub=None)), CLAIMS)
    bad("verify-exp-string", jws(HEADER, claims(exp=str(NOW + 86400))), CLAIMS)
    bad("verify-iat-float", jws(HEADER, claims(iat=NOW + 0.5)), CLAIMS)
    bad("verify-exp-before-iat", jws(HEADER, claims(exp=NOW - 1)), CLAIMS)
    bad("verify-payload-not-json", jws(HEADER, None, raw_payload=b64url(b"not json")), CLAIMS)
    # RFC 7515: the header and the claims are JSON objects (an array would fill fields by position).
    bad("verify-payload-json-array",
        jws(HEADER, None, raw_payload=b64url(compact([CLIENT, "cus_42", "revtain:card-update", NOW,
                                                      NOW + 86400, "jti"]))), CLAIMS)
    # Minted elsewhere (any JWT library), what minting refuses is refused here too: a lifetime
    # longer than the default max_lifetime of a week, a card number as the customer.
    ok("verify-lifetime-one-week", jws(HEADER, claims(exp=NOW + 7 * 86400)),
       expect=claims(exp=NOW + 7 * 86400))
    bad("verify-lifetime-over-one-week", jws(HEADER, claims(exp=NOW + 7 * 86400 + 1)), CLAIMS)
    bad("verify-lifetime-ten-years", jws(HEADER, claims(exp=NOW + 10 * 365 * 86400)), CLAIMS)
    bad("verify-sub-is-a-card-number", jws(HEADER, claims(sub="4242424242424242")), PAN_DETECTED)
    bad("verify-sub-holds-a-card-number", jws(HEADER, claims(sub="cus_4111111111111111")), PAN_DETECTED)

    # Syntax.
    bad("verify-two-parts", f"{h}.{p}", MALFORMED)
    bad("verify-four-parts", good + ".x", MALFORMED)
    bad("verify-empty", "", MALFORMED)
    bad("verify-padded-base64", f"{h}=.{p}.{good.split('.')[2]}", MALFORMED)
    std_header = base64.b64encode(compact({"alg": "HS256", "typ": "JWT", "x": "???>>>"})).decode().rstrip("=")
    bad("verify-standard-base64-header", jws(None, c, raw_header=std_header), MALFORMED)
    bad("verify-header-not-json", jws(None, c, raw_header=b64url(b"{alg:HS256}")), MALFORMED)
    bad("verify-header-json-array", jws(None, c, raw_header=b64url(compact(["HS256", "JWT"]))),
        MALFORMED)
    bad("verify-header-duplicate-alg", jws(None, c, raw_header=b64url(b'{"alg":"HS256","alg":"none"}')),
        MALFORMED)
    bad("verify-whitespace", " " + good, MALFORMED)
    return out


def link_errors():
    return [
        {"id": "links-secret-webhook-kind", "secret": "whsec_" + SECRET[len("cusec_"):], "client_id": CLIENT,
         "base_url": BASE_URL, "error": INVALID_SECRET},
        {"id": "links-secret-short", "secret": "cusec_AAAA", "client_id": CLIENT, "base_url": BASE_URL,
         "error": INVALID_SECRET},
        {"id": "links-base-url-http", "secret": SECRET, "client_id": CLIENT,
         "base_url": "http://pay.revtain.example/card", "error": INVALID_PARAMETER},
        {"id": "links-base-url-fragment", "secret": SECRET, "client_id": CLIENT, "base_url": BASE_URL + "#x",
         "error": INVALID_PARAMETER},
        {"id": "links-client-id-empty", "secret": SECRET, "client_id": "", "base_url": BASE_URL,
         "error": INVALID_PARAMETER},
        {"id": "links-client-id-holds-pan", "secret": SECRET, "client_id": "cli_4242424242424242",
         "base_url": BASE_URL, "error": PAN_DETECTED},
    ]


def create_errors():
    return [
        {"id": "create-customer-is-pan", "customer": "4242 4242 4242 4242", "ttl": 86400,
         "error": PAN_DETECTED},
        {"id": "create-customer-holds-pan", "customer": "cus_4111111111111111", "ttl": 86400,
         "error": PAN_DETECTED},
        {"id": "create-customer-empty", "customer": "", "ttl": 86400, "error": INVALID_PARAMETER},
        {"id": "create-ttl-zero", "customer": "cus_42", "ttl": 0, "error": INVALID_PARAMETER},
        {"id": "create-ttl-over-30-days", "customer": "cus_42", "ttl": 30 * 86400 + 1,
         "error": INVALID_PARAMETER},
        {"id": "create-ttl-over-max-lifetime", "customer": "cus_42", "ttl": 7 * 86400 + 1,
         "error": INVALID_PARAMETER},
        {"id": "create-return-url-http", "customer": "cus_42", "ttl": 86400,
         "return_url": "http://merchant.example/", "error": INVALID_PARAMETER},
        {"id": "create-return-url-relative", "customer": "cus_42", "ttl": 86400, "return_url": "/account",
         "error": INVALID_PARAMETER},
    ]


def main():
    data = {
        "description": "Card data safety (docs/spec.md §2.7): card numbers found and redacted in text (with "
                       "offsets in bytes, code points and UTF-16 units), gateway token shapes and "
                       "PAN refusal, and card-update tokens (compact JWS, HS256) minted and verified.",
        "source": "Generated by tests/vectors/generate_card.py: Python's standard library implements "
                  "the PAN rule, the token shapes and the JWS (hmac, hashlib, base64, json) from the "
                  "text of docs/spec.md, independently of the Rust code. Card numbers are the networks' "
                  "published test numbers. PyJWT and jose cross-check the JWS cases in the Python and "
                  "Node interop tests.",
        "links": {"secret": SECRET, "other_secret": OTHER_SECRET, "client_id": CLIENT,
                  "base_url": BASE_URL, "now": NOW},
        "pans": pan_cases(),
        "tokens": token_cases(),
        "mint": mint_cases(),
        "verify": verify_cases(),
        "link_errors": link_errors(),
        "create_errors": create_errors(),
    }
    groups = ("pans", "tokens", "mint", "verify", "link_errors", "create_errors")
    ids = [c["id"] for k in groups for c in data[k]]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    write_or_check(OUT, data, "tests/vectors/generate_card.py")


if __name__ == "__main__":
    main()
