"""Cross-check: GoCardless's official verifier (PyPI gocardless-pro, pinned in
requirements-dev.txt) on the connector vectors, and revtain's verdict against it."""
import pytest
from gocardless_pro import webhooks
from gocardless_pro.errors import InvalidSignatureError

from conftest import case_body, case_headers, connector_cases, revtain_accepts, sdk_expected

HEADER = "webhook-signature"


def sdk_accepts(case: dict) -> bool:
    """gocardless_pro.webhooks.parse(body, secret, signature) on the case. The header is looked
    up case-insensitively; a header given more than once is passed as a framework joins it
    (`a, b`), a missing one as "" (what `request.headers.get(name, "")` gives)."""
    signature = ", ".join(v for n, v in case_headers(case) if n.lower() == HEADER)
    try:
        webhooks.parse(case_body(case).decode("utf-8"), case["secret"], signature)
    except InvalidSignatureError:
        return False
    return True


@pytest.mark.parametrize("case", connector_cases("gocardless"))
def test_connector_sdk_verdict(case):
    assert sdk_accepts(case) == sdk_expected(case)


@pytest.mark.parametrize("case", connector_cases("gocardless"))
def test_connector_sdk_agrees_with_revtain(case):
    ours = revtain_accepts("gocardless", case)
    assert ours == (case["expect"] == "ok")
    if "sdk" not in case:
        assert sdk_accepts(case) == ours
