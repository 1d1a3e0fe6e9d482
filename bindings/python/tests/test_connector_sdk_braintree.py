"""Cross-check: Braintree's official verifier (PyPI braintree, pinned in requirements-dev.txt) on
the connector vectors, and revtain's verdict against it."""
import urllib.parse

import braintree
import pytest
from braintree.exceptions.configuration_error import ConfigurationError
from braintree.exceptions.invalid_signature_error import InvalidSignatureError

from conftest import case_body, connector_cases, revtain_accepts, sdk_expected


def sdk_accepts(case: dict) -> bool:
    """gateway.webhook_notification.parse(bt_signature, bt_payload) on the case, with a Sandbox
    gateway configured with the case's public key (options.public_key) and private key (secret).
    The fields are what a framework hands the SDK: the form decoded leniently (invalid UTF-8
    replaced), the first value of a repeated field (werkzeug's request.form.get), None for a
    missing one. The SDK refuses with InvalidSignatureError, and a gateway without a public or
    private key with ConfigurationError."""
    fields = urllib.parse.parse_qs(case_body(case).decode("utf-8", "replace"),
                                   keep_blank_values=True)
    try:
        gateway = braintree.BraintreeGateway(braintree.Configuration(
            braintree.Environment.Sandbox, merchant_id="h7k2m9q4x8b3n6p1",
            public_key=case.get("options", {}).get("public_key"), private_key=case["secret"]))
        gateway.webhook_notification.parse(fields.get("bt_signature", [None])[0],
                                           fields.get("bt_payload", [None])[0])
    except (InvalidSignatureError, ConfigurationError):
        return False
    return True


@pytest.mark.parametrize("case", connector_cases("braintree"))
def test_connector_sdk_verdict(case):
    assert sdk_accepts(case) == sdk_expected(case)


@pytest.mark.parametrize("case", connector_cases("braintree"))
def test_connector_sdk_agrees_with_revtain(case):
    ours = revtain_accepts("braintree", case)
    assert ours == (case["expect"] == "ok")
    if "sdk" not in case:
        assert sdk_accepts(case) == ours
