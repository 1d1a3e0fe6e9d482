"""tests/vectors/card.json and the Python surface of card data: PANs with str offsets,
gateway tokens, card-update links."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

import revtain
from conftest import cases, load_vectors

V = load_vectors("card.json")
L = V["links"]


def links(leeway=60):
    return revtain.CardUpdateLinks(L["secret"], L["client_id"], L["base_url"], leeway=leeway)


def claims_dict(c):
    d = {k: getattr(c, k) for k in ("iss", "sub", "aud", "iat", "exp", "jti")}
    if c.return_url is not None:
        d["return_url"] = c.return_url
    return d


@pytest.mark.parametrize("c", cases("card.json", "pans"))
def test_pans(c):
    text = c["text"]
    assert revtain.find_pans(text) == [tuple(m["chars"]) for m in c["matches"]]
    assert revtain.find_pans(text.encode()) == [tuple(m["bytes"]) for m in c["matches"]]
    for (s, e), m in zip(revtain.find_pans(text), c["matches"], strict=True):
        assert text[s:e] == text.encode()[m["bytes"][0]:m["bytes"][1]].decode()
    assert revtain.redact_pans(text) == c["redacted"]
    assert revtain.redact_pans(text.encode()) == c["redacted"].encode()
    assert revtain.redact_pans(bytearray(text.encode())) == c["redacted"].encode()


@pytest.mark.parametrize("c", cases("card.json", "tokens"))
def test_tokens(c):
    if "kind" in c:
        assert revtain.validate_gateway_token(c["gateway"], c["token"]) == c["kind"]
        return
    with pytest.raises(revtain.CardError) as info:
        revtain.validate_gateway_token(c["gateway"], c["token"])
    assert info.value.code == c["error"]
    assert isinstance(info.value, ValueError)
    digits = "".join(ch for ch in c["token"] if ch.isdigit())
    if len(digits) >= 8:
        assert digits not in str(info.value)


@pytest.mark.parametrize("c", cases("card.json", "mint"))
def test_mint(c):
    got = links().verify(c["token"], now=L["now"])
    assert claims_dict(got) == c["claims"]
    # A fresh link with the same claims verifies to the same customer, expiry and return URL.
    want = c["claims"]
    url = links().create(want["sub"], ttl=want["exp"] - want["iat"], return_url=want.get("return_url"),
                         now=want["iat"])
    assert url.startswith(L["base_url"] + "?token=")
    fresh = links().verify(url.split("?token=")[1], now=want["iat"])
    assert (fresh.sub, fresh.exp, fresh.return_url) == (want["sub"], want["exp"], want.get("return_url"))
    assert fresh.jti != want["jti"]


@pytest.mark.parametrize("c", cases("card.json", "verify"))
def test_verify(c):
    def run():
        return links(c["leeway"]).verify(c["token"], now=c["now"])

    if "claims" in c:
        assert claims_dict(run()) == c["claims"]
        return
    with pytest.raises(revtain.CardError) as info:
        run()
    assert info.value.code == c["error"]


@pytest.mark.parametrize("c", cases("card.json", "link_errors"))
def test_link_errors(c):
    with pytest.raises(revtain.CardError) as info:
        revtain.CardUpdateLinks(c["secret"], c["client_id"], c["base_url"])
    assert info.value.code == c["error"]
    assert c["secret"][6:] not in str(info.value)


@pytest.mark.parametrize("c", cases("card.json", "create_errors"))
def test_create_errors(c):
    with pytest.raises(revtain.CardError) as info:
        links().create(c["customer"], ttl=c["ttl"], return_url=c.get("return_url"), now=L["now"])
    assert info.value.code == c["error"]
    assert "4242" not in str(info.value)


def test_expired_and_future_carry_the_age():
    token = links().token("cus_1", ttl=600, now=1_700_000_000)
    with pytest.raises(revtain.CardUpdateTokenExpired) as info:
        links().verify(token, now=1_700_000_000 + 600 + 61)
    assert info.value.age == 661 - 600
    with pytest.raises(revtain.CardUpdateTokenNotYetValid) as info:
        links().verify(token, now=1_700_000_000 - 100)
    assert info.value.age == -100


def test_defaults_and_clock():
    secret = revtain.generate_card_update_secret()
    assert secret.startswith("cusec_") and len(secret) == 50
    lk = revtain.CardUpdateLinks(secret, "cli_x", "https://pay.example/card?lang=en")
    url = lk.create("cus_9")
    assert url.startswith("https://pay.example/card?lang=en&token=")
    claims = lk.verify(url.split("&token=")[1])
    assert claims.exp - claims.iat == 86400 and claims.customer == "cus_9" and claims.return_url is None
    assert claims.aud == revtain.CARD_UPDATE_AUDIENCE
    with pytest.raises(ValueError):
        lk.create("cus_9", ttl=-1)
    with pytest.raises(ValueError):
        lk.verify("x", now=-1)


def test_repr_shows_no_secret():
    lk = links()
    assert L["secret"][6:20] not in repr(lk)
    assert repr(lk) == f"CardUpdateLinks(client_id='{L['client_id']}', base_url='{L['base_url']}')"
    assert "CardUpdateClaims(iss='cli_acme'" in repr(links().verify(V["mint"][0]["token"], now=L["now"]))


def test_gateways():
    assert revtain.GATEWAYS == ("stripe", "braintree", "adyen", "checkout", "square", "gocardless", "paddle")


def luhn_complete(prefix: str) -> str:
    for d in "0123456789":
        digits = prefix + d
        total = sum((int(c) * 2 - 9 if int(c) * 2 > 9 else int(c) * 2) if i % 2 else int(c)
                    for i, c in enumerate(reversed(digits)))
        if total % 10 == 0:
            return digits
    raise AssertionError


@given(first=st.sampled_from("23456"), body=st.text("0123456789", min_size=11, max_size=17),
       before=st.text("abc :=é🎉", max_size=5), gateway=st.sampled_from(["stripe", "adyen", "braintree"]))
def test_every_card_number_is_found_redacted_and_refused(first, body, before, gateway):
    pan = luhn_complete(first + body)
    text = f"{before} {pan} ."
    start = len(before) + 1
    assert revtain.find_pans(text) == [(start, start + len(pan))]
    assert revtain.redact_pans(text) == f"{before} {'*' * (len(pan) - 4)}{pan[-4:]} ."
    with pytest.raises(revtain.CardPanDetected) as info:
        revtain.validate_gateway_token(gateway, pan)
    assert pan not in str(info.value)
