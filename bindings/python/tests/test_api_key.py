"""tests/vectors/api_key.json and the Python surface of API keys."""

import contextlib
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import revtain
from conftest import cases


@pytest.mark.parametrize("case", cases("api_key.json", "valid"))
def test_valid(case):
    key = revtain.ApiKey.parse(case["key"])
    assert key.expose_secret() == case["key"]
    assert key.redacted == case["redacted"]
    assert repr(key) == f"<ApiKey {case['redacted']}>"
    assert str(key) == case["redacted"]
    assert case["key"][4:] not in repr(key) + str(key) + format(key)


@pytest.mark.parametrize("case", cases("api_key.json", "invalid"))
def test_invalid(case):
    with pytest.raises(revtain.InvalidApiKey) as info:
        revtain.ApiKey.parse(case["key"])
    err = info.value
    assert err.code == case["error"]
    assert isinstance(err, ValueError) and isinstance(err, revtain.RevtainError)
    assert err.position == case.get("position")
    assert err.length == case.get("length")
    if len(case["key"]) > 8:
        assert case["key"][4:] not in str(err)


@pytest.mark.parametrize("case", cases("api_key.json", "lookup_hash"))
def test_lookup_hash(case):
    key = revtain.ApiKey.parse(case["key"])
    pepper = bytes.fromhex(case["pepper_hex"])
    want = bytes.fromhex(case["hash_hex"])
    for convert in (bytes, bytearray, memoryview):
        assert key.lookup_hash(convert(pepper)) == want
        assert key.matches(convert(want), convert(pepper))
    if not pepper:
        assert key.lookup_hash() == want
    assert revtain.verify_api_key(case["key"], want, pepper)


@pytest.mark.parametrize("case", cases("api_key.json", "verify"))
def test_verify(case):
    args = (case["key"], bytes.fromhex(case["stored_hash_hex"]), bytes.fromhex(case["pepper_hex"]))
    if "matches" in case:
        assert revtain.verify_api_key(*args) is case["matches"]
    else:
        with pytest.raises(revtain.RevtainError) as info:
            revtain.verify_api_key(*args)
        assert info.value.code == case["error"]
        assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("case", cases("api_key.json", "scan"))
def test_scan(case):
    text = case["text"]
    assert revtain.find_api_keys(text) == [tuple(m["chars"]) for m in case["matches"]]
    assert revtain.redact_api_keys(text) == case["redacted"]
    raw = text.encode()
    want_bytes = [tuple(m["bytes"]) for m in case["matches"]]
    for convert in (bytes, bytearray, memoryview):
        assert revtain.find_api_keys(convert(raw)) == want_bytes
        assert revtain.redact_api_keys(convert(raw)) == case["redacted"].encode()


def test_generate():
    a, b = revtain.generate_api_key(), revtain.generate_api_key()
    assert a != b and len(a) == revtain.API_KEY_LENGTH
    assert revtain.ApiKey.parse(a).expose_secret() == a
    assert revtain.ApiKey.generate() != revtain.ApiKey.generate()


def test_key_is_not_hashable_or_picklable():
    key = revtain.ApiKey.generate()
    with pytest.raises(TypeError):
        hash(key)
    with pytest.raises(TypeError):
        pickle.dumps(key)


def test_equality_is_by_value():
    s = revtain.generate_api_key()
    assert revtain.ApiKey.parse(s) == revtain.ApiKey.parse(s)
    assert revtain.ApiKey.parse(s) != s


def test_wrong_types_are_type_errors():
    key = revtain.ApiKey.generate()
    with pytest.raises(TypeError):
        key.lookup_hash(12)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        revtain.find_api_keys(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        revtain.ApiKey.parse(b"rev_...")  # type: ignore[arg-type]


def test_large_text_scan_releases_gil_and_is_correct():
    key = revtain.generate_api_key()
    text = ("x" * 1000 + " ") * 400 + key + " tail"
    [(start, end)] = revtain.find_api_keys(text)
    assert text[start:end] == key
    assert key not in revtain.redact_api_keys(text)


@given(st.binary(max_size=64))
def test_lookup_hash_round_trip(pepper):
    key = revtain.ApiKey.generate()
    stored = key.lookup_hash(pepper)
    assert revtain.verify_api_key(key.expose_secret(), stored, pepper)
    assert not revtain.verify_api_key(key.expose_secret(), stored, pepper + b"x")


@given(st.text(max_size=80))
def test_parse_and_scan_never_crash(s):
    with contextlib.suppress(revtain.InvalidApiKey):
        revtain.ApiKey.parse(s)
    for start, end in revtain.find_api_keys(s):
        revtain.ApiKey.parse(s[start:end])
    assert revtain.find_api_keys(revtain.redact_api_keys(s)) == []


@given(st.lists(st.tuples(st.text(alphabet=" .,:;=\"'{}é🔑", max_size=6),
                          st.binary(min_size=24, max_size=24)), max_size=4))
def test_embedded_keys_are_all_found(parts):
    import base64

    text, keys = "", []
    for sep, raw in parts:
        key = "rev_" + base64.urlsafe_b64encode(raw).decode()
        text += " " + sep + " " + key
        keys.append(key)
    found = [text[s:e] for s, e in revtain.find_api_keys(text)]
    assert found == keys
