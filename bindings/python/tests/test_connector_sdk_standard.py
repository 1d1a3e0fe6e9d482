"""Cross-check: the official Standard Webhooks verifiers (PyPI standardwebhooks and svix, pinned in
requirements-dev.txt) on the connector vectors, and revtain's verdict against them."""
import datetime as _dt
from unittest import mock

import pytest
import standardwebhooks
import svix.webhooks
from standardwebhooks.webhooks import EmptyWebhookSecretError, WebhookVerificationError

from conftest import case_body, case_headers, connector_cases, revtain_accepts, sdk_expected


def libraries(case: dict) -> list[str]:
    """standardwebhooks reads only the webhook-* names; svix reads both trios."""
    if any(n.lower().startswith("svix-") for n, _ in case_headers(case)):
        return ["svix"]
    return ["standardwebhooks", "svix"]


def sdk_accepts(case: dict, lib: str = "standardwebhooks") -> bool:
    """One library's Webhook(secret).verify on the case, its clock at `now`. A header given more
    than once is passed as a framework joins it (`a, b`)."""
    headers: dict[str, str] = {}
    for n, v in case_headers(case):
        headers[n] = f"{headers[n]}, {v}" if n in headers else v
    now = case["options"]["now"]

    class Clock(_dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return _dt.datetime.fromtimestamp(now, tz=tz)

    with mock.patch("standardwebhooks.webhooks.datetime", Clock):
        try:
            if lib == "standardwebhooks":
                standardwebhooks.Webhook(case["secret"]).verify(case_body(case), headers,
                                                                json_parse=False)
            else:
                svix.webhooks.Webhook(case["secret"]).verify(case_body(case), headers)
        # Besides WebhookVerificationError / EmptyWebhookSecretError, the libraries surface an
        # unparsable signature entry (`garbage`, `v1=…`) or secret as ValueError/binascii.Error
        # from their own parsing: the webhook is refused all the same.
        except (WebhookVerificationError, EmptyWebhookSecretError, ValueError):
            return False
    return True


@pytest.mark.parametrize("case", connector_cases("standard"))
def test_connector_sdk_verdict(case):
    for lib in libraries(case):
        assert sdk_accepts(case, lib) == sdk_expected(case), lib


@pytest.mark.parametrize("case", connector_cases("standard"))
def test_connector_sdk_agrees_with_revtain(case):
    ours = revtain_accepts("standard", case)
    assert ours == (case["expect"] == "ok")
    if "sdk" not in case:
        for lib in libraries(case):
            assert sdk_accepts(case, lib) == ours, lib
