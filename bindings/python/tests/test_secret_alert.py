"""tests/vectors/secret_alert.json through the Python surface: GitHub secret-scanning alerts
verified against GitHub's published key document, errors, repr, and the feedback body."""

import json

import pytest

import revtain
from conftest import cases, load_vectors

V = load_vectors("secret_alert.json")
DOCS = V["public_key_documents"]


def as_dict(a):
    return {"token": a.token, "type": a.type, "url": a.url, "source": a.source,
            "is_revtain_key": a.is_revtain_key}


@pytest.mark.parametrize("c", cases("secret_alert.json", "verify"))
def test_verify(c):
    doc = DOCS[c["public_keys"]]
    for body, keys in [(c["body"], doc), (c["body"].encode(), doc.encode()),
                       (bytearray(c["body"].encode()), memoryview(doc.encode()))]:
        if "alerts" in c:
            alerts = revtain.verify_github_secret_alert(body, c["headers"], keys)
            assert [as_dict(a) for a in alerts] == c["alerts"]
            for a in alerts:
                if len(a.token) > 12:
                    assert a.token not in repr(a)
        else:
            with pytest.raises(revtain.SecretAlertError) as info:
                revtain.verify_github_secret_alert(body, c["headers"], keys)
            assert info.value.code == c["error"]
            assert info.value.header == c.get("header")


DOCUMENT_ERRORS = [*cases("secret_alert.json", "public_key_errors"),
                   *cases("secret_alert.json", "unusable_keys")]


@pytest.mark.parametrize("c", DOCUMENT_ERRORS)
def test_document_errors(c):
    body = c.get("body", "[]")
    with pytest.raises(revtain.SecretAlertInvalidPublicKeys) as info:
        revtain.verify_github_secret_alert(body, c.get("headers", {}), c["document"])
    assert info.value.code == c["error"]
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("c", cases("secret_alert.json", "response"))
def test_response(c):
    alerts = [revtain.SecretAlert(a["token"], a["type"], a["url"], a["source"]) for a in c["alerts"]]
    assert [a.is_revtain_key for a in alerts] == [a["is_revtain_key"] for a in c["alerts"]]
    asked = []

    def is_known(token):
        asked.append(token)
        return token in c["known"]

    assert revtain.secret_alert_response(alerts, is_known) == c["body"].encode()
    assert asked == c["asked"]


def test_an_exception_from_is_known_propagates():
    alert = revtain.SecretAlert(V["response"][0]["alerts"][0]["token"], "revtain_api_key")

    def broken(token):
        raise ConnectionError("database down")

    with pytest.raises(ConnectionError):
        revtain.secret_alert_response([alert], broken)


def test_the_headers_of_every_framework():
    c = V["verify"][0]
    doc = DOCS[c["public_keys"]]
    key_id, sig = c["headers"]["Github-Public-Key-Identifier"], c["headers"]["Github-Public-Key-Signature"]
    for headers in [{"github-public-key-identifier": key_id, "github-public-key-signature": sig},
                    {"HTTP_GITHUB_PUBLIC_KEY_IDENTIFIER": key_id, "HTTP_GITHUB_PUBLIC_KEY_SIGNATURE": sig},
                    [("Github-Public-Key-Identifier", key_id), ("Github-Public-Key-Signature", sig)]]:
        assert revtain.verify_github_secret_alert(c["body"], headers, doc)[0].token == "some_token"
    twice = [("Github-Public-Key-Identifier", key_id), ("github-public-key-identifier", key_id),
             ("Github-Public-Key-Signature", sig)]
    with pytest.raises(revtain.SecretAlertSignatureMismatch, match="more than once"):
        revtain.verify_github_secret_alert(c["body"], twice, doc)


def test_a_token_never_shows_in_an_error():
    c = next(c for c in V["verify"] if c["id"] == "two-matches-one-revtain-key")
    token = c["alerts"][0]["token"]
    doc = DOCS[c["public_keys"]]
    for body in [c["body"] + " ", c["body"].replace("revtain_api_key", "x")]:
        with pytest.raises(revtain.SecretAlertError) as info:
            revtain.verify_github_secret_alert(body, c["headers"], doc)
        assert token not in str(info.value)
    assert json.loads(c["body"])[0]["token"] == token
