"""Interop: card-update tokens made by us verify with PyJWT, HS256 tokens made by PyJWT verify
with ours, and ours refuses what it must (PyJWT is a test-only dependency)."""

import base64
import time
import warnings

import jwt
import pytest

import revtain

SECRET = revtain.generate_card_update_secret()
KEY = base64.b64decode(SECRET[len("cusec_"):])
CLIENT = "cli_acme"
LINKS = revtain.CardUpdateLinks(SECRET, CLIENT, "https://pay.revtain.example/card")


def test_our_token_verifies_with_pyjwt():
    token = LINKS.token("cus_42", ttl=3600, return_url="https://merchant.example/done")
    claims = jwt.decode(token, KEY, algorithms=["HS256"], audience="revtain:card-update", issuer=CLIENT)
    assert claims["sub"] == "cus_42" and claims["exp"] - claims["iat"] == 3600
    assert claims["return_url"] == "https://merchant.example/done"
    assert jwt.get_unverified_header(token) == {"alg": "HS256", "typ": "JWT"}


def pyjwt_token(**over):
    now = int(time.time())
    claims = {"iss": CLIENT, "sub": "cus_7", "aud": "revtain:card-update", "iat": now,
              "exp": now + 600, "jti": "pyjwt-1"}
    claims.update(over)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(claims, KEY, algorithm="HS256")


def test_pyjwt_token_verifies_with_ours():
    claims = LINKS.verify(pyjwt_token())
    assert (claims.sub, claims.jti) == ("cus_7", "pyjwt-1")
    assert LINKS.verify(pyjwt_token(aud=["x", "revtain:card-update"])).sub == "cus_7"


def now():
    return int(time.time())


def confused(alg):
    """A token whose header names `alg` but which is signed with HMAC-SHA256 and our key."""
    import hashlib
    import hmac
    import json

    def b64(b):
        return base64.urlsafe_b64encode(b).decode().rstrip("=")

    head = b64(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    body = b64(json.dumps({"iss": CLIENT, "sub": "c", "aud": "revtain:card-update", "iat": now(),
                           "exp": now() + 60, "jti": "j"}).encode())
    sig = hmac.new(KEY, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64(sig)}"


REFUSED = {
    "alg none": (lambda: jwt.encode({"iss": CLIENT, "sub": "c", "aud": "revtain:card-update",
                                     "iat": now(), "exp": now() + 60, "jti": "j"}, None, algorithm="none"),
                 revtain.CardUpdateTokenAlgorithm),
    "HS512": (lambda: jwt.encode({"iss": CLIENT, "sub": "c", "aud": "revtain:card-update", "iat": now(),
                                  "exp": now() + 60, "jti": "j"}, KEY, algorithm="HS512"),
              revtain.CardUpdateTokenAlgorithm),
    "HS384": (lambda: jwt.encode({"iss": CLIENT, "sub": "c", "aud": "revtain:card-update", "iat": now(),
                                  "exp": now() + 60, "jti": "j"}, KEY, algorithm="HS384"),
              revtain.CardUpdateTokenAlgorithm),
    "RS256 header, HMAC signature (algorithm confusion)": (lambda: confused("RS256"),
                                                           revtain.CardUpdateTokenAlgorithm),
    "wrong aud": (lambda: pyjwt_token(aud="revtain:other"), revtain.CardUpdateTokenAudience),
    "wrong iss": (lambda: pyjwt_token(iss="cli_other"), revtain.CardUpdateTokenIssuer),
    "expired": (lambda: pyjwt_token(iat=now() - 7200, exp=now() - 3600), revtain.CardUpdateTokenExpired),
    "iat in the future": (lambda: pyjwt_token(iat=now() + 3600, exp=now() + 7200),
                          revtain.CardUpdateTokenNotYetValid),
    "http return_url": (lambda: pyjwt_token(return_url="http://merchant.example/"),
                        revtain.CardUpdateTokenInvalidClaims),
    "missing jti": (lambda: pyjwt_token(jti=None), revtain.CardUpdateTokenInvalidClaims),
    "other key": (lambda: jwt.encode({"iss": CLIENT, "sub": "c", "aud": "revtain:card-update", "iat": now(),
                                      "exp": now() + 60, "jti": "j"}, b"k" * 32, algorithm="HS256"),
                  revtain.CardUpdateTokenSignatureMismatch),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_ours_refuses(name):
    make, error = REFUSED[name]
    warnings.simplefilter("ignore", jwt.warnings.InsecureKeyLengthWarning)
    with pytest.raises(error):
        LINKS.verify(make())


def test_tampered_payload_refused_by_both():
    h, p, s = LINKS.token("cus_42").split(".")
    payload = base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)).replace(b"cus_42", b"cus_43")
    tampered = f"{h}.{base64.urlsafe_b64encode(payload).decode().rstrip('=')}.{s}"
    with pytest.raises(revtain.CardUpdateTokenSignatureMismatch):
        LINKS.verify(tampered)
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(tampered, KEY, algorithms=["HS256"], audience="revtain:card-update")
