"""Standard Webhooks / Svix connector vectors (docs/spec.md §2.4): `webhook-id`, `webhook-timestamp`,
`webhook-signature` (or the `svix-` trio), HMAC-SHA256 over `{id}.{t}.{body}` keyed with the
base64-decoded secret (`whsec_` prefix optional), base64, space-separated `v1,<sig>` list,
300 s both ways.

Needs (throwaway): PyPI standardwebhooks==1.1.0 and svix==2.9.1 in /tmp/sdk-a/venv (they sign
the positives with `Webhook(secret).sign(msg_id, timestamp, payload)` and verify every case).
Run from tests/vectors/connector:  /tmp/sdk-a/venv/bin/python generate/standard.py
"""
import base64
import datetime as _dt
import os
import sys
from unittest import mock

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != _HERE] + [_HERE]
import standardwebhooks  # noqa: E402
import svix.webhooks  # noqa: E402
from standardwebhooks.webhooks import EmptyWebhookSecretError, WebhookVerificationError  # noqa: E402

from _negatives_a import (  # noqa: E402
    INVALID_SECRET,
    JSON_BODY,
    MALFORMED,
    MISMATCH,
    MISSING,
    NOW,
    STALE,
    UTF8_BODY,
    case,
    check_sdk,
    write,
)

SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"
OTHER = "whsec_dGhpcy1pcy1hbm90aGVyLWtleS0zMg=="
MSG = "msg_2Kp8vZxQw3NfR7tLmA9cYb1Hd"
# The Standard Webhooks specification's published test vector (also svix's docs).
PUB = {"secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
       "t": 1614265330, "body": '{"test": 2432232314}',
       "sig": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}


def ts(t):
    return _dt.datetime.fromtimestamp(t, tz=_dt.UTC)


def std_sign(secret, msg_id, t, body):
    return standardwebhooks.Webhook(secret).sign(msg_id, ts(t), body)


def svix_sign(secret, msg_id, t, body):
    return svix.webhooks.Webhook(secret).sign(msg_id, ts(t), body)


def trio(msg_id, t, sig, prefix="webhook", names=("id", "timestamp", "signature")):
    return [(f"{prefix}-{names[0]}", msg_id), (f"{prefix}-{names[1]}", str(t)),
            (f"{prefix}-{names[2]}", sig)]


def sdk_accepts(c, lib):
    """One library's verdict; the clock is the case's `now`. Repeated headers are joined `a, b`."""
    joined = {}
    for n, v in c["headers"]:
        joined[n] = f"{joined[n]}, {v}" if n in joined else v
    now = c["options"]["now"]

    class Clock(_dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return _dt.datetime.fromtimestamp(now, tz=tz)

    with mock.patch("standardwebhooks.webhooks.datetime", Clock):
        try:
            if lib == "standardwebhooks":
                standardwebhooks.Webhook(c["secret"]).verify(c["body"].encode(), joined,
                                                             json_parse=False)
            else:
                svix.webhooks.Webhook(c["secret"]).verify(c["body"].encode(), joined)
        # The libraries raise ValueError (binascii.Error) on an unparsable signature entry or
        # secret: a refusal too.
        except (WebhookVerificationError, EmptyWebhookSecretError, ValueError):
            return False
    return True


def libs(c):
    # The standardwebhooks library reads only the webhook-* names; svix reads both trios.
    if any(n.lower().startswith("svix-") for n, _ in c["headers"]):
        return ["svix"]
    return ["standardwebhooks", "svix"]


def main():
    assert std_sign(PUB["secret"], PUB["id"], PUB["t"], PUB["body"]) == PUB["sig"]
    assert svix_sign(PUB["secret"], PUB["id"], PUB["t"], PUB["body"]) == PUB["sig"]
    good = std_sign(SECRET, MSG, NOW, JSON_BODY)
    assert good == svix_sign(SECRET, MSG, NOW, JSON_BODY)
    # The libraries strip `whsec_` when present: the bare base64 gives the same signature.
    assert std_sign(SECRET[len("whsec_"):], MSG, NOW, JSON_BODY) == good
    b64 = good.split(",", 1)[1]
    raw = base64.b64decode(b64)
    o = {"now": NOW}
    S, X, P = "pypi-standardwebhooks", "pypi-svix", "standard-webhooks-spec-vector"
    W = "webhook-signature"

    def sg(t=NOW, body=JSON_BODY, secret=SECRET, msg=MSG, signer=std_sign):
        return signer(secret, msg, t, body)

    cs = [
        case("standard-sdk-json", S, trio(MSG, NOW, good), JSON_BODY, SECRET, options=o,
             timestamp=NOW, event_id=MSG),
        case("standard-svix-signed-utf8-body", X, trio(MSG, NOW, sg(body=UTF8_BODY, signer=svix_sign)),
             UTF8_BODY, SECRET, options=o, timestamp=NOW, event_id=MSG),
        case("standard-sdk-empty-body", S, trio(MSG, NOW, sg(body="")), "", SECRET, options=o,
             timestamp=NOW, event_id=MSG),
        case("standard-svix-header-trio", X, trio(MSG, NOW, sg(signer=svix_sign), prefix="svix"),
             JSON_BODY, SECRET, options=o, timestamp=NOW, event_id=MSG),
        case("standard-published-spec-vector", P, trio(PUB["id"], PUB["t"], PUB["sig"]), PUB["body"],
             PUB["secret"], options={"now": PUB["t"]}, timestamp=PUB["t"], event_id=PUB["id"]),
        case("standard-published-secret-without-prefix", P, trio(PUB["id"], PUB["t"], PUB["sig"]),
             PUB["body"], PUB["secret"][len("whsec_"):], options={"now": PUB["t"]},
             timestamp=PUB["t"], event_id=PUB["id"]),
        case("standard-secret-without-prefix", S, trio(MSG, NOW, good), JSON_BODY,
             SECRET[len("whsec_"):], options=o, timestamp=NOW, event_id=MSG),
        case("standard-multi-sig-second-valid", S,
             trio(MSG, NOW, f"{sg(secret=OTHER)} {good}"), JSON_BODY, SECRET, options=o,
             timestamp=NOW, event_id=MSG),
        case("standard-v2-entry-ignored", S,
             trio(MSG, NOW, f"v2,{base64.b64encode(bytes(32)).decode()} {good}"), JSON_BODY, SECRET,
             options=o, timestamp=NOW, event_id=MSG),
        case("standard-header-names-titlecase", S,
             [("Webhook-Id", MSG), ("Webhook-Timestamp", str(NOW)), ("Webhook-Signature", good)],
             JSON_BODY, SECRET, options=o, timestamp=NOW, event_id=MSG),
        case("standard-window-boundary-past-ok", S, trio(MSG, NOW - 300, sg(t=NOW - 300)), JSON_BODY,
             SECRET, options=o, timestamp=NOW - 300, event_id=MSG),
        case("standard-window-boundary-future-ok", S, trio(MSG, NOW + 300, sg(t=NOW + 300)),
             JSON_BODY, SECRET, options=o, timestamp=NOW + 300, event_id=MSG),
        case("standard-tolerance-widened-ok", S, trio(MSG, NOW - 600, sg(t=NOW - 600)), JSON_BODY,
             SECRET, options={"now": NOW, "tolerance": 900}, timestamp=NOW - 600, event_id=MSG,
             sdk={"accepts": False, "why": "standardwebhooks/svix have a fixed 5-minute window "
                  "(no tolerance parameter): age 600 is refused"}),
        # negatives
        case("standard-tampered-body", S, trio(MSG, NOW, good), JSON_BODY.replace("4200", "4201"),
             SECRET, MISMATCH, o),
        case("standard-wrong-secret", S, trio(MSG, NOW, sg(secret=OTHER)), JSON_BODY, SECRET,
             MISMATCH, o),
        case("standard-wrong-id", S, trio("msg_other", NOW, good), JSON_BODY, SECRET, MISMATCH, o),
        case("standard-stale-wrong-secret-is-mismatch", S,
             trio(MSG, NOW - 1000, sg(t=NOW - 1000, secret=OTHER)), JSON_BODY, SECRET, MISMATCH, o),
        case("standard-stale-301", S, trio(MSG, NOW - 301, sg(t=NOW - 301)), JSON_BODY, SECRET,
             STALE, o, age=301, tolerance=300),
        case("standard-future-301", S, trio(MSG, NOW + 301, sg(t=NOW + 301)), JSON_BODY, SECRET,
             STALE, o, age=-301, tolerance=300),
        case("standard-tolerance-narrowed-stale", S, trio(MSG, NOW - 100, sg(t=NOW - 100)),
             JSON_BODY, SECRET, STALE, {"now": NOW, "tolerance": 60}, age=100, tolerance=60,
             sdk={"accepts": True, "why": "standardwebhooks/svix have a fixed 5-minute window "
                  "(no tolerance parameter): age 100 passes there"}),
        case("standard-malformed-signature-empty", S, trio(MSG, NOW, ""), JSON_BODY, SECRET,
             MALFORMED, o, header=W),
        case("standard-malformed-signature-garbage", S, trio(MSG, NOW, "garbage"), JSON_BODY,
             SECRET, MALFORMED, o, header=W),
        case("standard-malformed-signature-space-separator", S, trio(MSG, NOW, f"v1 {b64}"),
             JSON_BODY, SECRET, MALFORMED, o, header=W),
        case("standard-malformed-signature-equals-separator", S, trio(MSG, NOW, f"v1={b64}"),
             JSON_BODY, SECRET, MALFORMED, o, header=W),
        case("standard-malformed-signature-not-base64", S, trio(MSG, NOW, "v1,!!!!not*base64$$"),
             JSON_BODY, SECRET, MALFORMED, o, header=W),
        case("standard-malformed-sig-too-short", S,
             trio(MSG, NOW, "v1," + base64.b64encode(raw[:31]).decode()), JSON_BODY, SECRET,
             MALFORMED, o, header=W),
        case("standard-malformed-sig-too-long", S,
             trio(MSG, NOW, "v1," + base64.b64encode(raw + b"\0").decode()), JSON_BODY, SECRET,
             MALFORMED, o, header=W),
        case("standard-malformed-timestamp-non-numeric", S, trio(MSG, "abc", good), JSON_BODY,
             SECRET, MALFORMED, o, header="webhook-timestamp"),
        case("standard-malformed-timestamp-fractional", S, trio(MSG, f"{NOW}.0", good), JSON_BODY,
             SECRET, MALFORMED, o, header="webhook-timestamp",
             sdk={"accepts": True, "why": "standardwebhooks parses the timestamp with float() and "
                  "signs floor(t), so `1700000000.0` verifies the signature made for 1700000000"}),
        case("standard-malformed-timestamp-empty", S, trio(MSG, "", good), JSON_BODY, SECRET,
             MALFORMED, o, header="webhook-timestamp"),
        case("standard-header-missing-id", S, trio(MSG, NOW, good)[1:], JSON_BODY, SECRET, MISSING,
             o, header="webhook-id"),
        case("standard-header-missing-timestamp", S, [trio(MSG, NOW, good)[i] for i in (0, 2)],
             JSON_BODY, SECRET, MISSING, o, header="webhook-timestamp"),
        case("standard-header-missing-signature", S, trio(MSG, NOW, good)[:2], JSON_BODY, SECRET,
             MISSING, o, header="webhook-signature"),
        case("standard-header-signature-twice", S, [*trio(MSG, NOW, good), (W, good)], JSON_BODY,
             SECRET, MALFORMED, o, header=W),
        case("standard-header-id-twice", S, [*trio(MSG, NOW, good), ("webhook-id", MSG)],
             JSON_BODY, SECRET, MALFORMED, o, header="webhook-id"),
        case("standard-empty-secret", S, trio(MSG, NOW, good), JSON_BODY, "", INVALID_SECRET, o),
        case("standard-secret-prefix-only", S, trio(MSG, NOW, good), JSON_BODY, "whsec_",
             INVALID_SECRET, o),
        case("standard-secret-not-base64", S, trio(MSG, NOW, good), JSON_BODY, "whsec_not base64!",
             INVALID_SECRET, o),
    ]
    for lib in ("standardwebhooks", "svix"):
        check_sdk([c for c in cs if lib in libs(c)], lambda c, lib=lib: sdk_accepts(c, lib), lib)
    write("standard", "Standard Webhooks / Svix (webhook-* or svix-* trio, v1 base64 list, 300 s both ways)",
          "Positive cases are signed by PyPI standardwebhooks==1.1.0 and svix==2.9.1 "
          "`Webhook(secret).sign(msg_id, timestamp, payload)`; both reproduce the Standard Webhooks "
          "specification's published vector (secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, "
          "msg_p5jXN8AQM9LWM0D4loKWxJek, 1614265330, {\"test\": 2432232314} -> "
          "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=), which is included as is. Both libraries "
          "strip a `whsec_` prefix when present (confirmed: the bare base64 secret gives the same "
          "signature). Negatives are derived by generate/standard.py; every case is verified by both "
          "libraries (svix only for the svix-* trio, which standardwebhooks does not read) and their "
          "verdict recorded in `sdk` where it differs from ours.",
          [{"id": S, "what": "PyPI standardwebhooks==1.1.0 Webhook.sign / Webhook.verify",
            "where": "standardwebhooks/webhooks.py"},
           {"id": X, "what": "PyPI svix==2.9.1 svix.webhooks.Webhook.sign / verify (wraps standardwebhooks)",
            "where": "svix/webhooks.py"},
           {"id": P, "what": "Standard Webhooks specification test vector (the libraries' own tests "
            "and svix's docs use it)",
            "where": "reproduced by standardwebhooks.Webhook.sign in generate/standard.py"}],
          "not a † row", cs)


if __name__ == "__main__":
    main()
