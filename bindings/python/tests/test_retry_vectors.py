"""tests/vectors/retry.json through the Python surface: delay ceilings and jittered delays of
RetryPolicy, the classification of attempts (classify_attempt) and Retry-After parsing
(parse_retry_after), with the core's errors for outcomes that cannot be classified."""

import pytest

import revtain
from conftest import cases, load_vectors

V = load_vectors("retry.json")
TOLERANCE = V["delay_tolerance"]


@pytest.mark.parametrize("case", cases("retry.json", "delays"))
def test_delays(case):
    policy = revtain.RetryPolicy(**case["policy"])
    assert abs(policy.ceiling(case["n"]) - case["ceiling"]) < TOLERANCE
    assert abs(policy.delay(case["n"], case["uniform"]) - case["delay"]) < TOLERANCE


@pytest.mark.parametrize("case", cases("retry.json", "classify"))
def test_classify(case):
    verdict = revtain.classify_attempt(case.get("status"), case["headers"],
                                       transport=case.get("transport"), now=case["now"])
    assert verdict == (case["verdict"], case["retry_after"])


@pytest.mark.parametrize("case", cases("retry.json", "invalid"))
def test_invalid(case):
    with pytest.raises(revtain.GatewayInvalidRequest) as e:
        revtain.classify_attempt(case.get("status"))
    assert (e.value.code, str(e.value)) == (case["code"], case["message"])


@pytest.mark.parametrize("case", cases("retry.json", "retry_after"))
def test_retry_after(case):
    assert revtain.parse_retry_after(case["value"], now=case["now"]) == case["seconds"]


def test_unknown_transport_names_the_choices():
    with pytest.raises(revtain.GatewayInvalidRequest, match="connection_failed, timed_out"):
        revtain.classify_attempt(503, transport="reset")
