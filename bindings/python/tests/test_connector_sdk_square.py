"""Cross-check: Square's official verifier (PyPI squareup, pinned in requirements-dev.txt) on the
connector vectors, and revtain's verdict against it."""
import pytest
from square.utils.webhooks_helper import verify_signature

from conftest import case_body, case_headers, connector_cases, revtain_accepts, sdk_expected

HEADER = "x-square-hmacsha256-signature"


def sdk_accepts(case: dict) -> bool:
    """verify_signature(request_body, signature_header, signature_key, notification_url) on the
    case. The header is looked up case-insensitively; a header given more than once is passed as a
    framework joins it (`a, b`), a missing one as "" (what `request.headers.get(name, "")` gives);
    a missing notification_url as None. The SDK raises ValueError for an empty key or URL."""
    signature = ", ".join(v for n, v in case_headers(case) if n.lower() == HEADER)
    try:
        return verify_signature(request_body=case_body(case).decode("utf-8"),
                                signature_header=signature, signature_key=case["secret"],
                                notification_url=case.get("options", {}).get("notification_url"))
    except ValueError:
        return False


@pytest.mark.parametrize("case", connector_cases("square"))
def test_connector_sdk_verdict(case):
    assert sdk_accepts(case) == sdk_expected(case)


@pytest.mark.parametrize("case", connector_cases("square"))
def test_connector_sdk_agrees_with_revtain(case):
    ours = revtain_accepts("square", case)
    assert ours == (case["expect"] == "ok")
    if "sdk" not in case:
        assert sdk_accepts(case) == ours
