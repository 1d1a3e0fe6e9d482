"""tests/vectors/vault.json, the Python surface of the vault, and a cross-check of the
envelope format against the `cryptography` package's AESGCM (a test-only dependency)."""

import base64
import os
import pickle
import struct

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import given
from hypothesis import strategies as st

import revtain
from conftest import cases, load_vectors

V = load_vectors("vault.json")
KEYRING = revtain.Keyring.from_text(V["keyring"])
KEYS = {int(i): base64.b64decode(k) for i, k in (e.split(":") for e in V["keyring"].split(","))}


def encode_context(ctx):
    """The the canonical context encoding of docs/spec.md, written independently of the library."""
    pairs = sorted((k.encode(), v.encode()) for k, v in ctx.items())
    out = struct.pack(">H", len(pairs))
    for k, v in pairs:
        out += struct.pack(">H", len(k)) + k + struct.pack(">H", len(v)) + v
    return out


def aesgcm_open(envelope: bytes, ctx) -> bytes:
    """Opens an envelope following docs/spec.md layout byte for byte with cryptography."""
    assert envelope[0] == 1 and envelope[1] == 1
    (key_id,) = struct.unpack(">I", envelope[2:6])
    return AESGCM(KEYS[key_id]).decrypt(envelope[6:18], envelope[18:], envelope[:6] + encode_context(ctx))


def aesgcm_seal(key_id: int, plaintext: bytes, ctx) -> bytes:
    header = bytes([1, 1]) + struct.pack(">I", key_id)
    nonce = os.urandom(12)
    return header + nonce + AESGCM(KEYS[key_id]).encrypt(nonce, plaintext, header + encode_context(ctx))


@pytest.mark.parametrize("case", cases("vault.json", "seal"))
def test_seal_vectors(case):
    pt = bytes.fromhex(case["plaintext_hex"])
    env = bytes.fromhex(case["envelope_hex"])
    ctx = case["context"]
    assert KEYRING.open(env, ctx) == pt
    assert KEYRING.open(case["envelope_text"], ctx) == pt
    assert KEYRING.open(case["envelope_text"].encode(), ctx) == pt
    assert KEYRING.open(bytearray(env), ctx) == pt
    assert KEYRING.open(memoryview(env), ctx) == pt
    assert KEYRING.needs_rotation(env) is case["needs_rotation"]
    resealed = KEYRING.reseal(case["envelope_text"], ctx)
    assert resealed.startswith("rvc1:") and not KEYRING.needs_rotation(resealed)
    assert KEYRING.open(resealed, ctx) == pt
    # Our seal, read by the second implementation.
    assert aesgcm_open(KEYRING.seal_bytes(pt, ctx), ctx) == pt
    text = KEYRING.seal(pt, ctx)
    assert aesgcm_open(base64.urlsafe_b64decode(text[5:] + "=" * (-len(text[5:]) % 4)), ctx) == pt


@pytest.mark.parametrize("case", cases("vault.json", "seal"))
def test_cryptography_reads_the_vectors_and_we_read_cryptography(case):
    pt = bytes.fromhex(case["plaintext_hex"])
    ctx = case["context"]
    assert aesgcm_open(bytes.fromhex(case["envelope_hex"]), ctx) == pt
    assert encode_context(ctx).hex() == case["context_encoding_hex"]
    theirs = aesgcm_seal(case["key_id"], pt, ctx)
    assert KEYRING.open(theirs, ctx) == pt


@pytest.mark.parametrize("case", cases("vault.json", "open_errors"))
def test_open_errors(case):
    env = bytes.fromhex(case["envelope_hex"]) if "envelope_hex" in case else case["envelope_text"]
    with pytest.raises(revtain.VaultError) as info:
        KEYRING.open(env, case["context"])
    assert info.value.code == case["error"]
    if "reason" in case:
        assert str(info.value).startswith(f"malformed envelope: {case['reason']}")
    if isinstance(info.value, revtain.VaultUnknownKeyId):
        assert info.value.key_id is not None and info.value.key_id not in KEYRING.key_ids


@pytest.mark.parametrize("case", cases("vault.json", "keyring_valid"))
def test_keyring_valid(case):
    kr = revtain.Keyring.from_text(case["text"])
    assert kr.key_ids == case["key_ids"]
    assert kr.primary_key_id == case["key_ids"][0]
    assert revtain.Keyring.from_text(kr.to_text()).key_ids == case["key_ids"]
    assert repr(kr) == f"Keyring(primary_key_id={case['key_ids'][0]}, key_ids={case['key_ids']})"


@pytest.mark.parametrize("case", cases("vault.json", "keyring_invalid"))
def test_keyring_invalid(case):
    with pytest.raises(revtain.KeyringInvalid) as info:
        revtain.Keyring.from_text(case["text"])
    assert info.value.code == case["error"]
    assert isinstance(info.value, ValueError)
    for part in case["text"].replace(",", ":").split(":"):
        if len(part.strip()) > 8:
            assert part.strip() not in str(info.value)


@pytest.mark.parametrize("case", cases("vault.json", "context_invalid"))
def test_context_invalid(case):
    ctx = {"k" * case["key_len"]: "v" * case["value_len"]}
    with pytest.raises(revtain.VaultInvalidContext) as info:
        KEYRING.seal(b"x", ctx)
    assert info.value.code == case["error"]


def test_from_env(monkeypatch):
    monkeypatch.setenv("REVTAIN_KEYRING", V["keyring"])
    assert revtain.Keyring.from_env().key_ids == KEYRING.key_ids
    monkeypatch.delenv("REVTAIN_KEYRING")
    with pytest.raises(revtain.KeyringInvalid, match="REVTAIN_KEYRING is not set"):
        revtain.Keyring.from_env()


def test_rotation_and_tenant_binding():
    old = revtain.Keyring.generate()
    a = {"tenant": "t_a", "gateway": "stripe", "field": "secret_key"}
    b = dict(a, tenant="t_b")
    sealed = old.seal("sk_live_123", a)
    with pytest.raises(revtain.VaultAuthenticationFailed):
        old.open(sealed, b)
    new = old.rotate()
    assert new.needs_rotation(sealed) and not old.needs_rotation(sealed)
    resealed = new.reseal(sealed, a)
    assert new.open(resealed, a) == b"sk_live_123"
    with pytest.raises(revtain.VaultUnknownKeyId) as info:
        old.open(resealed, a)
    assert info.value.key_id == new.primary_key_id


def test_types_and_secrecy():
    kr = revtain.Keyring.generate()
    with pytest.raises(TypeError):
        kr.seal(b"x", {"tenant": 1})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        kr.seal(b"x", [("a", "b")])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        pickle.dumps(kr)
    assert kr.to_text().split(":")[1] not in repr(kr)


@given(st.binary(max_size=200), st.dictionaries(st.text(max_size=6), st.text(max_size=10), max_size=4))
def test_round_trip(pt, ctx):
    assert KEYRING.open(KEYRING.seal(pt, ctx), ctx) == pt
    assert aesgcm_open(KEYRING.seal_bytes(pt, ctx), ctx) == pt
