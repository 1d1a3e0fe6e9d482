"""Cross-check: Adyen's official verifier (PyPI Adyen, pinned in requirements-dev.txt) on the
connector vectors, and revtain's verdict against it."""
import json

import pytest
from Adyen.util import is_valid_hmac_notification

from conftest import case_body, connector_cases, revtain_accepts, sdk_expected


def sdk_accepts(case: dict) -> bool:
    """is_valid_hmac_notification(item, key) on every NotificationRequestItem, as Adyen's docs
    prescribe (handed the whole document the function checks only notificationItems[0]). A body
    that is not JSON, or has no items, never reaches the SDK: refused."""
    try:
        document = json.loads(case_body(case).decode("utf-8", "replace"))
    except ValueError:
        return False
    items = document.get("notificationItems") if isinstance(document, dict) else None
    if not items:
        return False
    try:
        return all(is_valid_hmac_notification(i["NotificationRequestItem"], case["secret"]) is True
                   for i in items)
    except ValueError:  # empty hmacSignature ("Must Provide hmacSignature"); key not hex (binascii.Error)
        return False
    except KeyError:  # the SDK's refusal of additionalData without hmacSignature / an item without amount
        return False


@pytest.mark.parametrize("case", connector_cases("adyen"))
def test_connector_sdk_verdict(case):
    assert sdk_accepts(case) == sdk_expected(case)


@pytest.mark.parametrize("case", connector_cases("adyen"))
def test_connector_sdk_agrees_with_revtain(case):
    ours = revtain_accepts("adyen", case)
    assert ours == (case["expect"] == "ok")
    if "sdk" not in case:
        assert sdk_accepts(case) == ours
