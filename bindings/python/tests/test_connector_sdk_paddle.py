"""Cross-check: Paddle's official verifier (PyPI paddle-python-sdk, pinned in
requirements-dev.txt) on the connector vectors, and revtain's verdict against it."""
import os
from unittest import mock

import pytest
from paddle_billing.Notifications import Secret, Verifier

from conftest import case_body, case_headers, connector_cases, revtain_accepts, sdk_expected


class _Headers(dict):
    """Case-insensitive header lookup, as the web frameworks' request objects do."""

    def get(self, key, default=None):
        for name, value in self.items():
            if name.lower() == key.lower():
                return value
        return default


class _Request:
    def __init__(self, headers, body):
        self.headers, self.body = headers, body


def sdk_accepts(case: dict) -> bool:
    """Verifier().verify on the case, its clock at `now`; the case's `tolerance` (when given) as
    maximum_variance, else the SDK's own default (5 s). A header given more than once is passed
    as a framework joins it (`a, b`)."""
    headers = _Headers()
    for n, v in case_headers(case):
        headers[n] = f"{headers[n]}, {v}" if n in headers else v
    opts = case["options"]
    verifier = Verifier(opts["tolerance"]) if "tolerance" in opts else Verifier()
    env = {k: v for k, v in os.environ.items() if k != "TEST_MODE"}  # TEST_MODE turns the time check off
    with mock.patch("paddle_billing.Notifications.Verifier.time", return_value=opts["now"]), \
            mock.patch.dict(os.environ, env, clear=True):
        try:
            return verifier.verify(_Request(headers, case_body(case)), Secret(case["secret"])) is True
        except ValueError:  # PaddleSignature.parse refuses an unparsable header with ValueError
            return False


@pytest.mark.parametrize("case", connector_cases("paddle"))
def test_connector_sdk_verdict(case):
    assert sdk_accepts(case) == sdk_expected(case)


@pytest.mark.parametrize("case", connector_cases("paddle"))
def test_connector_sdk_agrees_with_revtain(case):
    ours = revtain_accepts("paddle", case)
    assert ours == (case["expect"] == "ok")
    if "sdk" not in case:
        assert sdk_accepts(case) == ours
