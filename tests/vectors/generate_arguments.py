#!/usr/bin/env python3
"""Generates tests/vectors/arguments.json: one behaviour everywhere.

The same bad or odd arguments, given to the same call in Rust, C, Python and Node.js, must
give the same error code and the same message, byte for byte: the core decides (its checks of
host numbers, its header lookup, its secrets rule, its defaults), the surfaces only translate.

Independent of the Rust code: the messages are the contract, written out here; signatures are
computed with Python's standard library (hmac, hashlib, base64).

    python3 tests/vectors/generate_arguments.py          # rewrite the vector file
    python3 tests/vectors/generate_arguments.py --check  # fail if the committed file differs

Format of a case:

- `call`: which API (`webhook.new`, `webhook.verify_signature`, `webhook.verify`,
  `webhook.sign`, `connector.verify`, `ratelimit.new`, `ratelimit.check`, `retry.policy`,
  `retry.delay`, `gateway.client`, `card.links`, `card.create`), and its arguments by their
  Python names (Node.js uses the camelCase spelling, C the positional argument).
- A number argument is a JSON number, or one of the strings "NaN", "Infinity", "-Infinity".
- `headers`: `[name, value]` pairs; each surface builds every header container it accepts
  from them (dicts, Werkzeug/Starlette/Django headers, pairs; Node's `req.headers`, `Headers`,
  `Map`, pairs, `rawHeaders`) and expects the same outcome from each. A container that joins a
  repeated header into one value (WHATWG `Headers`, Node's `req.headers`) then sees one malformed
  value: `joined_message` is what the core says of it.
- `error`: the expected `code` and `message`; or `ok`, what the call returns.
- `skip`: per surface, why the case cannot be written there (a `uint64_t` cannot be
  negative; Python keywords cannot be unknown). A suite runs every case that does not name it.
"""

import base64
import hashlib
import hmac
from pathlib import Path

from vectorlib import derived, write_or_check  # this folder (the script's own directory is on sys.path)

OUT = Path(__file__).with_name("arguments.json")

T = 1_700_000_000
SECRET_RAW = derived("arguments webhook secret", 32)
SECRET = "whsec_" + base64.b64encode(SECRET_RAW).decode()
UNPADDED = SECRET.rstrip("=")
BODY = b'{"id":"evt_args","type":"payment.recovered","created":1700000000,"data":{}}'
ARRAY_BODY = b'[{"id":"evt_args"}]'
EVENT = {"id": "evt_args", "type": "payment.recovered", "created": 1700000000}


def v1(body: bytes, t: int = T, key: bytes = SECRET_RAW) -> str:
    return f"t={t},v1={hmac.new(key, f'{t}.'.encode() + body, hashlib.sha256).hexdigest()}"


SIG = v1(BODY)
ARRAY_SIG = v1(ARRAY_BODY)

U64 = "now and tolerance are uint64_t in C: a negative, fractional or NaN value cannot be passed"
C_NO_CONTAINER = "C takes the X-Revtain-Signature value itself, not a header container"
PY_KEYWORDS = "Python takes keyword arguments: an unknown one is Python's own TypeError"
RUST_TYPED = "Rust takes typed arguments: there are no option names"
C_POSITIONAL = "C takes positional arguments: there are no option names"
C_JITTER = "C takes the jitter as an enum value, not a name"

WEBHOOK_OPTIONS = "REVTAIN_RESULT_WEBHOOK_INVALID_OPTIONS"
CONNECTOR_OPTIONS = "REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS"
RATE_CONFIG = "REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG"
RETRY_POLICY = "REVTAIN_RESULT_RETRY_INVALID_POLICY"
GATEWAY_REQUEST = "REVTAIN_RESULT_GATEWAY_INVALID_REQUEST"
CARD_PARAMETER = "REVTAIN_RESULT_CARD_UPDATE_INVALID_PARAMETER"

STRIPE_SECRET = "whsec_" + base64.b64encode(derived("arguments stripe secret", 24)).decode()
STRIPE_BODY = b'{"id":"evt_stripe","object":"event"}'
STRIPE_SIG = v1(STRIPE_BODY, key=STRIPE_SECRET.encode())  # Stripe's t=,v1= is the same scheme
STANDARD_KEY = derived("arguments standard secret", 24)
STANDARD_SECRET = "whsec_" + base64.b64encode(STANDARD_KEY).decode()
STANDARD_HEADERS = [
    ["webhook-id", "msg_args"],
    ["webhook-timestamp", str(T)],
    ["webhook-signature", "v1," + base64.b64encode(
        hmac.new(STANDARD_KEY, f"msg_args.{T}.".encode() + BODY, hashlib.sha256).digest()).decode()],
]

MAX_UNIX = 253402300799
MS_HINT = (": it looks like milliseconds since the epoch (JavaScript's Date.now()?); "
           "pass unix seconds (divide by 1000)")


def err(code, message):
    return {"code": code, "message": message}


def webhook_opt(message):
    return err(WEBHOOK_OPTIONS, "invalid webhook options: " + message)


def unix_rule(what, shown):
    return f"{what} must be unix seconds, a whole number >= 0, not {shown}"


def cases():
    out = []

    def add(cid, call, **kw):
        out.append({"id": cid, "call": call, **kw})

    # --- webhook: seconds from a host ---------------------------------------------------
    add("webhook-tolerance-default", "webhook.new", secret=SECRET, ok={"tolerance": 300})
    add("webhook-tolerance-whole-float", "webhook.new", secret=SECRET, tolerance=60.0, ok={"tolerance": 60})
    add("webhook-tolerance-negative", "webhook.new", secret=SECRET, tolerance=-1,
        error=webhook_opt("tolerance must be a whole number of seconds >= 0, not -1"), skip={"c": U64})
    add("webhook-tolerance-fractional", "webhook.new", secret=SECRET, tolerance=0.5,
        error=webhook_opt("tolerance must be a whole number of seconds >= 0, not 0.5"), skip={"c": U64})
    add("webhook-tolerance-nan", "webhook.new", secret=SECRET, tolerance="NaN",
        error=webhook_opt("tolerance must be a whole number of seconds >= 0, not NaN"), skip={"c": U64})
    add("webhook-unknown-option", "webhook.new", secret=SECRET, options={"tolerence": 1},
        error=webhook_opt('unknown option "tolerence"; the options are tolerance'),
        skip={"python": PY_KEYWORDS, "c": C_POSITIONAL, "rust": RUST_TYPED})
    add("webhook-secret-unpadded", "webhook.new", secret=UNPADDED, ok={"tolerance": 300})
    add("webhook-secret-short", "webhook.new", secret="whsec_AAAA",
        error=err("REVTAIN_RESULT_WEBHOOK_INVALID_SECRET",
                  "invalid webhook secret: it decodes to 3 bytes; expected exactly 32"))
    add("webhook-secret-api-key", "webhook.new", secret="sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        error=err("REVTAIN_RESULT_WEBHOOK_INVALID_SECRET",
                  'invalid webhook secret: it must start with "whsec_" (the webhook signing secret '
                  'from the Revtain dashboard) or "whpk_" (an Ed25519 public key), not an API key'))
    add("webhook-secret-signing-key", "webhook.new",
        secret="whsk_" + "A" * 43 + "=",
        error=err("REVTAIN_RESULT_WEBHOOK_INVALID_SECRET",
                  "invalid webhook secret: it is an Ed25519 signing key (whsk_…), which only the "
                  "sender may hold: verify with its public key (whpk_…)"))
    for cid, now, shown, skip in [
        ("negative", -1, "-1", {"c": U64}),
        ("fractional", T + 0.5, "1700000000.5", {"c": U64}),
        ("nan", "NaN", "NaN", {"c": U64}),
        ("infinite", "Infinity", "infinity", {"c": U64}),
    ]:
        add(f"webhook-now-{cid}", "webhook.verify_signature", secret=SECRET, body=BODY.decode(),
            header=SIG, now=now, error=webhook_opt(unix_rule("now", shown)), skip=skip)
    add("webhook-now-milliseconds", "webhook.verify_signature", secret=SECRET, body=BODY.decode(),
        header=SIG, now=T * 1000,
        error=webhook_opt(f"now must be unix seconds, at most {MAX_UNIX} (the year 9999), "
                          f"not {T * 1000}{MS_HINT}"))
    add("webhook-now-past-9999-not-ms", "webhook.verify_signature", secret=SECRET, body=BODY.decode(),
        header=SIG, now=10**18,
        error=webhook_opt(f"now must be unix seconds, at most {MAX_UNIX} (the year 9999), not 1e18"))
    add("webhook-now-whole-float", "webhook.verify_signature", secret=SECRET, body=BODY.decode(),
        header=SIG, now=float(T), ok={"timestamp": T}, skip={"c": U64})
    add("webhook-verify-unpadded-secret", "webhook.verify_signature", secret=UNPADDED,
        body=BODY.decode(), header=SIG, now=T, ok={"timestamp": T})
    add("webhook-timestamp-negative", "webhook.sign", secret=SECRET, body=BODY.decode(),
        event_id="evt_args", timestamp=-5, error=webhook_opt(unix_rule("timestamp", "-5")),
        skip={"c": "the timestamp is a uint64_t in C"})
    add("webhook-timestamp-milliseconds", "webhook.sign", secret=SECRET, body=BODY.decode(),
        event_id="evt_args", timestamp=T * 1000,
        error=webhook_opt(f"timestamp must be unix seconds, at most {MAX_UNIX} (the year 9999), "
                          f"not {T * 1000}{MS_HINT}"))

    # --- webhook: headers in every container --------------------------------------------
    dup = err("REVTAIN_RESULT_WEBHOOK_HEADER_MALFORMED",
              "the X-Revtain-Signature header is malformed: the header appears more than once")
    joined = "the X-Revtain-Signature header is malformed: t appears more than once"
    for cid, headers in [
        ("same-spelling", [["X-Revtain-Signature", SIG], ["X-Revtain-Signature", SIG]]),
        ("two-spellings", [["X-Revtain-Signature", SIG], ["x-revtain-signature", SIG]]),
        ("good-then-forged",
         [["x-revtain-signature", SIG], ["X-REVTAIN-SIGNATURE", v1(BODY, key=b"forged")]]),
        ("cgi-spelling", [["X-Revtain-Signature", SIG], ["HTTP_X_REVTAIN_SIGNATURE", SIG]]),
    ]:
        add(f"webhook-header-twice-{cid}", "webhook.verify", secret=SECRET, body=BODY.decode(),
            headers=headers, now=T, error=dup, joined_message=joined, skip={"c": C_NO_CONTAINER})
    for cid, name in [("lower", "x-revtain-signature"), ("upper", "X-REVTAIN-SIGNATURE"),
                      ("cgi", "HTTP_X_REVTAIN_SIGNATURE")]:
        add(f"webhook-header-spelling-{cid}", "webhook.verify", secret=SECRET, body=BODY.decode(),
            headers=[["Content-Type", "application/json"], [name, SIG]], now=T, ok=EVENT,
            skip={"c": C_NO_CONTAINER})
    add("webhook-header-missing", "webhook.verify", secret=SECRET, body=BODY.decode(),
        headers=[["Content-Type", "application/json"], ["X-Revtain-Signatur", SIG]], now=T,
        error=err("REVTAIN_RESULT_WEBHOOK_HEADER_MISSING",
                  "the X-Revtain-Signature header is missing: this request was not signed by "
                  "Revtain, or a proxy dropped the header"),
        skip={"c": C_NO_CONTAINER})
    add("webhook-body-json-array", "webhook.verify", secret=SECRET, body=ARRAY_BODY.decode(),
        headers=[["X-Revtain-Signature", ARRAY_SIG]], now=T,
        error=err("REVTAIN_RESULT_WEBHOOK_INVALID_PAYLOAD",
                  "the webhook body is not a Revtain event: it is an array, not an object with "
                  "id, type, created and data"),
        skip={"c": C_NO_CONTAINER})

    # --- connectors ---------------------------------------------------------------------
    stripe = {"connector": "stripe", "headers": [["Stripe-Signature", STRIPE_SIG]],
              "body": STRIPE_BODY.decode(), "secret": STRIPE_SECRET}

    def copt(message, connector="stripe"):
        return err(CONNECTOR_OPTIONS, f"invalid {connector} options: {message}")

    add("connector-ok", "connector.verify", **stripe, now=T, ok={"timestamp": T})
    add("connector-now-negative", "connector.verify", **stripe, now=-1,
        error=copt(unix_rule("now", "-1")), skip={"c": U64})
    add("connector-now-nan", "connector.verify", **stripe, now="NaN",
        error=copt(unix_rule("now", "NaN")), skip={"c": U64})
    add("connector-now-milliseconds", "connector.verify", **stripe, now=T * 1000,
        error=copt(f"now must be unix seconds, at most {MAX_UNIX} (the year 9999), not {T * 1000}{MS_HINT}"))
    add("connector-tolerance-fractional", "connector.verify", **stripe, now=T, tolerance=2.5,
        error=copt("tolerance must be a whole number of seconds >= 0, not 2.5"), skip={"c": U64})
    add("connector-tolerance-infinite", "connector.verify", **stripe, now=T, tolerance="Infinity",
        error=copt("tolerance must be a whole number of seconds >= 0, not infinity"), skip={"c": U64})
    add("connector-unknown-option", "connector.verify", **stripe, now=T,
        options={"notification_url": "https://x"},
        error=copt('unknown option "notification_url" (did you mean notificationUrl?); the options '
                   'are tolerance, now, notificationUrl, publicKey, requireTimestamp'),
        skip={"python": PY_KEYWORDS, "c": C_POSITIONAL, "rust": RUST_TYPED})
    add("connector-unknown-name-not-echoed", "connector.verify", **{**stripe, "connector": STRIPE_SECRET},
        now=T, error=err("REVTAIN_RESULT_CONNECTOR_UNKNOWN",
                         "unknown connector: expected one of stripe, chargebee, recharge, recurly, "
                         "paddle, braintree, maxio, shopify, gocardless, checkout, razorpay, "
                         "lemonsqueezy, square, paystack, adyen, standard"))
    add("connector-header-twice", "connector.verify",
        **{**stripe, "headers": [["Stripe-Signature", STRIPE_SIG], ["stripe-signature", STRIPE_SIG]]},
        now=T, error=err("REVTAIN_RESULT_CONNECTOR_HEADER_MALFORMED",
                         "the Stripe-Signature header is malformed: it is present more than once"),
        joined_message="the Stripe-Signature header is malformed: t appears more than once")
    add("connector-header-cgi", "connector.verify",
        **{**stripe, "headers": [["HTTP_STRIPE_SIGNATURE", STRIPE_SIG]]}, now=T, ok={"timestamp": T})
    add("connector-standard-unpadded-secret", "connector.verify", connector="standard",
        headers=STANDARD_HEADERS, body=BODY.decode(), secret=STANDARD_SECRET.rstrip("="), now=T,
        ok={"timestamp": T})
    add("connector-standard-padded-secret", "connector.verify", connector="standard",
        headers=STANDARD_HEADERS, body=BODY.decode(), secret=STANDARD_SECRET, now=T,
        ok={"timestamp": T})

    # --- rate limiting ------------------------------------------------------------------
    def rl(message):
        return err(RATE_CONFIG, "invalid rate limiter configuration: " + message)

    add("ratelimit-defaults", "ratelimit.new", ok={"limit": 60, "window": 60})
    add("ratelimit-limit-zero", "ratelimit.new", limit=0,
        error=rl("limit must be a whole number from 1 to 1000000, not 0"))
    add("ratelimit-limit-fractional", "ratelimit.new", limit=1.5,
        error=rl("limit must be a whole number from 1 to 1000000, not 1.5"),
        skip={"c": "the limit is a uint32_t in C"})
    add("ratelimit-limit-negative", "ratelimit.new", limit=-1,
        error=rl("limit must be a whole number from 1 to 1000000, not -1"),
        skip={"c": "the limit is a uint32_t in C"})
    add("ratelimit-window-nan", "ratelimit.new", window="NaN",
        error=rl("window must be seconds, a number above 0, not NaN"))
    add("ratelimit-window-too-short", "ratelimit.new", window=0.0005,
        error=rl("window must be between 0.001 and 31622400 seconds (1 ms to 366 days), not 0.0005"))
    add("ratelimit-timeout-zero-in-memory", "ratelimit.new", timeout=0,
        error=rl("timeout must be seconds, a number above 0, not 0"),
        skip={"c": "the C library's limiter is in memory only and takes no timeout"})
    add("ratelimit-now-negative", "ratelimit.check", key="k", now=-1,
        error=rl("now must be unix seconds, a number >= 0, not -1"))
    add("ratelimit-now-infinite", "ratelimit.check", key="k", now="Infinity",
        error=rl("now must be unix seconds, a number >= 0, not infinity"))
    add("ratelimit-unknown-option", "ratelimit.new", options={"redis_url": "redis://127.0.0.1:1"},
        error=rl('unknown option "redis_url" (did you mean redisUrl?); the options are limit, '
                 'window, redisUrl, failOpen, prefix, timeout'),
        skip={"python": PY_KEYWORDS, "c": C_POSITIONAL, "rust": RUST_TYPED})

    # --- retries ------------------------------------------------------------------------
    def rp(message):
        return err(RETRY_POLICY, "invalid retry policy: " + message)

    add("retry-defaults", "retry.policy",
        ok={"base": 0.5, "cap": 20, "max_attempts": 4, "deadline": 30, "jitter": "full"})
    add("retry-base-negative", "retry.policy", base=-0.5,
        error=rp("base must be seconds, a number >= 0, not -0.5"))
    add("retry-base-above-cap", "retry.policy", base=2, cap=1,
        error=rp("base (2 s) must not exceed cap (1 s)"))
    add("retry-max-attempts-zero", "retry.policy", max_attempts=0,
        error=rp("max_attempts must be a whole number from 1 to 100, not 0"))
    add("retry-max-attempts-fractional", "retry.policy", max_attempts=2.5,
        error=rp("max_attempts must be a whole number from 1 to 100, not 2.5"),
        skip={"c": "max_attempts is a uint32_t in C"})
    add("retry-deadline-zero", "retry.policy", deadline=0,
        error=rp("deadline must be seconds, a number above 0, not 0"))
    add("retry-deadline-nan", "retry.policy", deadline="NaN",
        error=rp("deadline must be seconds, a number above 0, not NaN"))
    add("retry-jitter-unknown", "retry.policy", jitter="half",
        error=rp('jitter must be "full", "equal" or "none", not "half"'), skip={"c": C_JITTER})
    add("retry-delay-n-negative", "retry.delay", n=-1,
        error=rp("n must be a whole number from 0 to 4294967295, not -1"),
        skip={"c": "n is a uint32_t in C"})
    add("gateway-timeout-zero", "gateway.client", timeout=0,
        error=err(GATEWAY_REQUEST,
                  "invalid gateway request: timeout must be seconds, a number above 0, not 0"))
    add("gateway-timeout-nan", "gateway.client", timeout="NaN",
        error=err(GATEWAY_REQUEST,
                  "invalid gateway request: timeout must be seconds, a number above 0, not NaN"))
    add("gateway-timeout-default", "gateway.client", ok={"timeout": 10})

    # --- card-update links --------------------------------------------------------------
    def card(message):
        return err(CARD_PARAMETER, "invalid card-update link parameter: " + message)

    add("card-leeway-negative", "card.links", leeway=-1,
        error=card("leeway must be a whole number of seconds >= 0, not -1"),
        skip={"c": "the leeway is a uint64_t in C"})
    add("card-ttl-zero", "card.create", ttl=0,
        error=card("the ttl must be 1 to 2592000 seconds (30 days), not 0"))
    add("card-ttl-fractional", "card.create", ttl=1.5,
        error=card("the ttl must be 1 to 2592000 seconds (30 days), not 1.5"),
        skip={"c": "the ttl is a uint64_t in C"})
    add("card-now-milliseconds", "card.create", ttl=3600, now=T * 1000,
        error=card(f"now must be unix seconds, at most {MAX_UNIX} (the year 9999), not {T * 1000}{MS_HINT}"))
    return out


def main():
    data = {
        "description": "Arguments every surface must treat alike: bad times and numbers, headers "
        "given twice in any container, padded and unpadded secrets, unknown option names, a body "
        "that is JSON but not an event. The same code and the same message, byte for byte, in "
        "Rust, C, Python and Node.js. See generate_arguments.py for the format.",
        "source": "derived from the rules of core/src/args.rs, core/src/headers.rs and "
        "core/src/wire.rs; signatures computed with Python's hmac, hashlib and base64",
        "card_update_secret": "cusec_" + base64.b64encode(derived("arguments card secret", 32)).decode(),
        "cases": cases(),
    }
    ids = [c["id"] for c in data["cases"]]
    assert len(ids) == len(set(ids)), "case ids are unique"
    write_or_check(OUT, data, "tests/vectors/generate_arguments.py")


if __name__ == "__main__":
    main()
