"""Cross-check: the official Stripe verifier (PyPI stripe, pinned in requirements-dev.txt) on the
connector vectors, and revtain's verdict against it."""
from unittest import mock

import pytest
import stripe
from stripe._error import SignatureVerificationError

from conftest import case_body, case_headers, connector_cases, revtain_accepts, sdk_expected


def sdk_accepts(case: dict) -> bool:
    """stripe.WebhookSignature.verify_header on the case, with the SDK's clock at `now`. A header
    given more than once is passed as a framework joins it (`a, b`)."""
    values = [v for n, v in case_headers(case) if n.lower() == "stripe-signature"]
    header = ", ".join(values) if values else None
    opts = case.get("options", {})
    with mock.patch("stripe._webhook.time") as clock:
        clock.time.return_value = opts["now"]
        try:
            stripe.WebhookSignature.verify_header(
                case_body(case), header, case["secret"], tolerance=opts.get("tolerance", 300))
        except SignatureVerificationError:
            return False
    return True


@pytest.mark.parametrize("case", connector_cases("stripe"))
def test_connector_sdk_verdict(case):
    assert sdk_accepts(case) == sdk_expected(case)


@pytest.mark.parametrize("case", connector_cases("stripe"))
def test_connector_sdk_agrees_with_revtain(case):
    ours = revtain_accepts("stripe", case)
    assert ours == (case["expect"] == "ok")
    if "sdk" not in case:
        assert sdk_accepts(case) == ours
