"""Card data safety: redact card numbers in a log line, refuse a PAN where a gateway token
belongs, and mint and verify a card-update link. Run: python examples/python/card.py"""

import revtain

log = "2026-11-28 WARN retry failed card=4242 4242 4242 4242 code=do_not_honor"
print(f"[python] {'redacted log line':<22}: {revtain.redact_pans(log)}")
token = revtain.validate_gateway_token("stripe", "pm_1MqLiJLkdIwHu7ixUEgbFdYF")
print(f"[python] {'gateway token':<22}: ok ({token})")
try:
    revtain.validate_gateway_token("stripe", "4242424242424242")
    raise SystemExit("a PAN must be refused")
except revtain.CardPanDetected as e:
    print(f"[python] {'PAN as a token':<22}: refused ({e.code})")

secret = revtain.generate_card_update_secret()  # one per merchant, from Revtain's dashboard
links = revtain.CardUpdateLinks(secret, "cli_acme", "https://pay.revtain.com/card-update")
url = links.create("cus_42", ttl=86400, return_url="https://acme.example/account", now=1700000000)
print(f"[python] {'card-update link':<22}: {url[:72]}...")
claims = links.verify(url.split("token=")[1], now=1700000600)
print(f"[python] {'verified':<22}: customer {claims.sub} until {claims.exp}")
try:
    links.verify(url.split("token=")[1], now=1700100000)
except revtain.CardUpdateTokenExpired as e:
    print(f"[python] {'a day later':<22}: refused, expired {e.age} s ago")
