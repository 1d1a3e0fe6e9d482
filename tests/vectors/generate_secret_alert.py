#!/usr/bin/env python3
"""Generates tests/vectors/secret_alert.json (docs/spec.md §2.10): GitHub secret-scanning
partner alerts, their verification and the feedback body.

The first case is GitHub's own published example (its key id, public key, body and signature,
copied from GitHub's documentation as docs/spec.md quotes them); the `cryptography` package
(OpenSSL) checks here that it verifies. Every other positive case is signed by a test key
derived from a fixed scalar with RFC 6979 deterministic ECDSA P-256 / SHA-256, so the output
never changes unless this file does; negatives are derived from the positives (a byte of the
body or signature changed, a header removed, an unknown key id, …). Needs `cryptography` (in
the repository's .venv: `make vectors` runs it there).

    .venv/bin/python tests/vectors/generate_secret_alert.py          # rewrite the vector file
    .venv/bin/python tests/vectors/generate_secret_alert.py --check  # fail if it differs
"""

import base64
import hashlib
import json
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from vectorlib import derived, write_or_check  # this folder (the script's own directory is on sys.path)

OUT = Path(__file__).with_name("secret_alert.json")

HEADER_MISSING = "REVTAIN_RESULT_SECRET_ALERT_HEADER_MISSING"
UNKNOWN_KEY = "REVTAIN_RESULT_SECRET_ALERT_UNKNOWN_KEY"
BAD_SIGNATURE = "REVTAIN_RESULT_SECRET_ALERT_SIGNATURE_MISMATCH"
MALFORMED = "REVTAIN_RESULT_SECRET_ALERT_MALFORMED_BODY"
INVALID_KEYS = "REVTAIN_RESULT_SECRET_ALERT_INVALID_PUBLIC_KEYS"

ID_HEADER = "Github-Public-Key-Identifier"
SIG_HEADER = "Github-Public-Key-Signature"

# GitHub's published example (docs.github.com, "Secret scanning partner program").
GITHUB_KEY_ID = "90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a"
GITHUB_KEY_PEM = (
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9MJJHnMfn2+H4xL4YaPDA4RpJqUq\n"
    "kCmRCBnYERxZanmcpzQSXs1X/AljlKkbJ8qpVIW4clayyef9gWhFbNHWAA==\n"
    "-----END PUBLIC KEY-----\n"
)
GITHUB_BODY = '[{"token":"some_token","type":"some_type","url":"some_url"}]'
GITHUB_SIGNATURE = ("MEUCIQDKZokqnCjrRtw0tni+2Ltvl/uiMJ1EGumEsp1BsNr32AIgQY1YXD2nlj+XNfGK4rBfkMJ1JDOQcYXx"
                    "a2sY8FNkrKc=")

# A Revtain API key (tests/vectors/api_key.json, valid-counting-bytes).
REVTAIN_KEY = "rev_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"

TEST_PRIVATE = ec.derive_private_key(int.from_bytes(derived("secret alert test key", 32), "big")
                                     % (2**255), ec.SECP256R1())
TEST_KEY_PEM = TEST_PRIVATE.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
TEST_KEY_ID = hashlib.sha256(TEST_KEY_PEM.encode()).hexdigest()


def sign(body: str) -> str:
    der = TEST_PRIVATE.sign(body.encode(), ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
    return base64.b64encode(der).decode()


def document(*keys) -> str:
    return json.dumps({"public_keys": [
        {"key_identifier": kid, "key": pem, "is_current": current} for kid, pem, current in keys]})


GITHUB_DOC = document((GITHUB_KEY_ID, GITHUB_KEY_PEM, True))
# GitHub's key beside the test key, which is not current (a key being rotated out still signs).
TEST_DOC = document((GITHUB_KEY_ID, GITHUB_KEY_PEM, True), (TEST_KEY_ID, TEST_KEY_PEM, False))


def alert(token, type_, url=None, source=None):
    return {"token": token, "type": type_, "url": url, "source": source,
            "is_revtain_key": token == REVTAIN_KEY}


def verify_cases():
    cases = []

    def case(cid, body, headers, expect, doc="test", **extra):
        c = {"id": cid, "public_keys": doc, "body": body, "headers": headers}
        if isinstance(expect, list):
            c["alerts"] = expect
        else:
            c["error"] = expect
        c.update(extra)
        cases.append(c)

    gh_headers = {ID_HEADER: GITHUB_KEY_ID, SIG_HEADER: GITHUB_SIGNATURE}
    case("github-published-example", GITHUB_BODY, gh_headers, [alert("some_token", "some_type", "some_url")],
         doc="github")
    case("github-published-example-upper-case-headers", GITHUB_BODY,
         {ID_HEADER.upper(): GITHUB_KEY_ID, SIG_HEADER.upper(): GITHUB_SIGNATURE},
         [alert("some_token", "some_type", "some_url")], doc="github")
    case("github-published-example-in-a-larger-document", GITHUB_BODY, gh_headers,
         [alert("some_token", "some_type", "some_url")])

    body = json.dumps([
        {"token": REVTAIN_KEY, "type": "revtain_api_key",
         "url": "https://github.com/octocat/Hello-World/blob/12345600b9cb/config.env", "source": "content"},
        {"token": "rev_notarealkey", "type": "revtain_api_key", "url": "https://example.test/x",
         "source": "commit"},
    ], separators=(",", ":"))
    ours = {ID_HEADER: TEST_KEY_ID, SIG_HEADER: sign(body)}
    two = [alert(REVTAIN_KEY, "revtain_api_key",
                 "https://github.com/octocat/Hello-World/blob/12345600b9cb/config.env", "content"),
           alert("rev_notarealkey", "revtain_api_key", "https://example.test/x", "commit")]
    case("two-matches-one-revtain-key", body, ours, two)
    pretty = json.dumps(json.loads(body), indent=2)
    case("pretty-printed-body", pretty, {ID_HEADER: TEST_KEY_ID, SIG_HEADER: sign(pretty)}, two)
    extra = '[{"token":"t","type":"x","url":"u","source":"npm","secret_type_display_name":"X"}]'
    case("unknown-members-ignored", extra, {ID_HEADER: TEST_KEY_ID, SIG_HEADER: sign(extra)},
         [alert("t", "x", "u", "npm")])
    case("empty-array", "[]", {ID_HEADER: TEST_KEY_ID, SIG_HEADER: sign("[]")}, [])

    # The signature is over the raw bytes.
    case("tampered-body", GITHUB_BODY.replace("some_token", "some_tokem"), gh_headers, BAD_SIGNATURE,
         doc="github")
    case("body-with-trailing-newline", GITHUB_BODY + "\n", gh_headers, BAD_SIGNATURE, doc="github")
    case("reserialised-body", json.dumps(json.loads(GITHUB_BODY)), gh_headers, BAD_SIGNATURE, doc="github")
    raw = bytearray(base64.b64decode(GITHUB_SIGNATURE))
    raw[-1] ^= 1
    case("signature-last-byte-changed", GITHUB_BODY,
         {ID_HEADER: GITHUB_KEY_ID, SIG_HEADER: base64.b64encode(bytes(raw)).decode()}, BAD_SIGNATURE,
         doc="github")
    case("signature-of-another-body", GITHUB_BODY, {ID_HEADER: GITHUB_KEY_ID, SIG_HEADER: sign("[]")},
         BAD_SIGNATURE, doc="github")
    case("signed-by-another-listed-key", GITHUB_BODY, {ID_HEADER: TEST_KEY_ID, SIG_HEADER: GITHUB_SIGNATURE},
         BAD_SIGNATURE)
    case("signature-not-base64", GITHUB_BODY, {ID_HEADER: GITHUB_KEY_ID, SIG_HEADER: "not*base64!"},
         BAD_SIGNATURE, doc="github")
    case("signature-not-der", GITHUB_BODY,
         {ID_HEADER: GITHUB_KEY_ID, SIG_HEADER: base64.b64encode(b"\x01" * 64).decode()}, BAD_SIGNATURE,
         doc="github")
    case("signature-empty", GITHUB_BODY, {ID_HEADER: GITHUB_KEY_ID, SIG_HEADER: ""}, BAD_SIGNATURE,
         doc="github")

    # Keys and headers.
    case("unknown-key-id", GITHUB_BODY, {ID_HEADER: "f" * 64, SIG_HEADER: GITHUB_SIGNATURE}, UNKNOWN_KEY,
         doc="github")
    case("key-id-of-the-test-key-not-in-github-document", body, ours, UNKNOWN_KEY, doc="github")
    case("key-id-in-upper-case-is-another-id", GITHUB_BODY,
         {ID_HEADER: GITHUB_KEY_ID.upper(), SIG_HEADER: GITHUB_SIGNATURE}, UNKNOWN_KEY, doc="github")
    case("missing-key-id-header", GITHUB_BODY, {SIG_HEADER: GITHUB_SIGNATURE}, HEADER_MISSING, doc="github",
         header=ID_HEADER)
    case("missing-signature-header", GITHUB_BODY, {ID_HEADER: GITHUB_KEY_ID}, HEADER_MISSING, doc="github",
         header=SIG_HEADER)
    case("no-headers", GITHUB_BODY, {}, HEADER_MISSING, doc="github", header=ID_HEADER)

    # Malformed bodies: signed, so that only the parsing can refuse them.
    for cid, bad in [("body-not-json", "not json"), ("body-an-object", '{"token":"t","type":"x"}'),
                     ("item-without-token", '[{"type":"x","url":"u"}]'),
                     ("item-without-type", '[{"token":"t"}]'),
                     ("token-not-a-string", '[{"token":42,"type":"x"}]'),
                     ("item-not-an-object", '["t"]'),
                     ("duplicate-token", '[{"token":"a","token":"b","type":"x"}]'),
                     ("trailing-garbage", '[]x')]:
        case(cid, bad, {ID_HEADER: TEST_KEY_ID, SIG_HEADER: sign(bad)}, MALFORMED)
    # A malformed body under a bad signature is a bad signature: nothing is parsed first.
    case("malformed-body-unsigned", "not json", gh_headers, BAD_SIGNATURE, doc="github")
    return cases


def public_key_errors():
    return [
        {"id": "document-not-json", "document": "<html>rate limited</html>", "error": INVALID_KEYS},
        {"id": "document-without-public-keys", "document": '{"keys":[]}', "error": INVALID_KEYS},
        {"id": "public-keys-not-an-array", "document": '{"public_keys":{}}', "error": INVALID_KEYS},
        {"id": "key-without-identifier", "document": json.dumps({"public_keys": [{"key": GITHUB_KEY_PEM}]}),
         "error": INVALID_KEYS},
    ]


def unusable_key_cases():
    """A document whose listed key cannot be used (not PEM, or not P-256): the document loads,
    and an alert naming that key is refused with the document's error."""
    doc = document((GITHUB_KEY_ID, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", True))
    return [{"id": "listed-key-not-a-p256-key", "document": doc, "body": GITHUB_BODY,
             "headers": {ID_HEADER: GITHUB_KEY_ID, SIG_HEADER: GITHUB_SIGNATURE}, "error": INVALID_KEYS}]


def response_cases():
    def entry(token, type_, label):
        return {"token_hash": hashlib.sha256(token.encode()).hexdigest(), "token_type": type_, "label": label}

    def case(cid, alerts, known):
        body = [entry(a["token"], a["type"],
                      "true_positive" if a["is_revtain_key"] and a["token"] in known else "false_positive")
                for a in alerts]
        return {"id": cid, "alerts": alerts, "known": known,
                "asked": [a["token"] for a in alerts if a["is_revtain_key"]],
                "body": json.dumps(body, separators=(",", ":"))}

    revtain = alert(REVTAIN_KEY, "revtain_api_key", "u", "content")
    other = alert("some_token", "some_type", "some_url")
    return [
        case("known-revtain-key", [revtain], [REVTAIN_KEY]),
        case("revoked-or-unknown-revtain-key", [revtain], []),
        case("not-a-revtain-key-is-never-asked", [other], ["some_token"]),
        case("mixed", [other, revtain], [REVTAIN_KEY]),
        case("no-alerts", [], []),
    ]


def main():
    # GitHub's example verifies under GitHub's key, by OpenSSL.
    serialization.load_pem_public_key(GITHUB_KEY_PEM.encode()).verify(
        base64.b64decode(GITHUB_SIGNATURE), GITHUB_BODY.encode(), ec.ECDSA(hashes.SHA256()))
    data = {
        "description": "GitHub secret-scanning partner alerts (docs/spec.md §2.10): verification of "
                       "the ECDSA P-256 signature over the raw body against GitHub's published key "
                       "document, parsing of the alerts, errors, and the feedback body.",
        "source": "Generated by tests/vectors/generate_secret_alert.py. github-published-example is "
                  "GitHub's documented example request and key (docs.github.com, Secret scanning "
                  "partner program), checked with the cryptography package (OpenSSL); the other "
                  "positives are signed with RFC 6979 deterministic ECDSA by a test key made from a "
                  "fixed scalar; negatives are derived from them.",
        "rules": "public_keys names a document of public_key_documents; headers are sent as given; "
                 "alerts list what verification returns, in order; a response case's body is what "
                 "secret_alert_response writes when is_known(token) is `token in known`, and "
                 "`asked` the tokens is_known is called with.",
        "public_key_documents": {"github": GITHUB_DOC, "test": TEST_DOC},
        "verify": verify_cases(),
        "public_key_errors": public_key_errors(),
        "unusable_keys": unusable_key_cases(),
        "response": response_cases(),
    }
    ids = [c["id"] for k in ("verify", "public_key_errors", "unusable_keys", "response") for c in data[k]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    write_or_check(OUT, data, "tests/vectors/generate_secret_alert.py")


if __name__ == "__main__":
    main()
