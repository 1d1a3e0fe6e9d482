"""Cross-check: Razorpay's official verifier (PyPI razorpay, pinned in requirements-dev.txt) on
the connector vectors, and revtain's verdict against it."""
import pytest
import razorpay
from razorpay.errors import SignatureVerificationError

from conftest import case_body, case_headers, connector_cases, revtain_accepts, sdk_expected

HEADER = "x-razorpay-signature"
CLIENT = razorpay.Client(auth=("rzp_test_key_id", "rzp_test_key_secret"))


def sdk_accepts(case: dict) -> bool:
    """Client.utility.verify_webhook_signature(body, signature, secret) on the case. The header is
    looked up case-insensitively; a header given more than once is passed as a framework joins it
    (`a, b`), a missing one as "" (what `request.headers.get(name, "")` gives)."""
    values = [v for n, v in case_headers(case) if n.lower() == HEADER]
    signature = ", ".join(values)
    body = case_body(case).decode("utf-8")
    try:
        return CLIENT.utility.verify_webhook_signature(body, signature, case["secret"]) is True
    except SignatureVerificationError:
        return False


@pytest.mark.parametrize("case", connector_cases("razorpay"))
def test_connector_sdk_verdict(case):
    assert sdk_accepts(case) == sdk_expected(case)


@pytest.mark.parametrize("case", connector_cases("razorpay"))
def test_connector_sdk_agrees_with_revtain(case):
    ours = revtain_accepts("razorpay", case)
    assert ours == (case["expect"] == "ok")
    if "sdk" not in case:
        assert sdk_accepts(case) == ours
