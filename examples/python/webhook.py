"""Revtain webhooks: sign an event as Revtain does, verify it as a merchant does, and see a
tampered body and a replayed one refused. Run: python examples/python/webhook.py"""

import revtain

secret = revtain.generate_webhook_secret()  # the merchant copies it from the dashboard
body = (b'{"id":"evt_1Q2w3E","type":"payment.recovered","created":1700000000,'
        b'"data":{"invoice":"in_42","amount":4900,"currency":"eur"}}')

# Revtain's side.
headers = revtain.WebhookSigner(secret).sign(body, "evt_1Q2w3E", timestamp=1700000000)
for name, value in headers.items():
    print(f"[python] {name:<22}: {value[:40]}{'...' if len(value) > 40 else ''}")

# The merchant's side: the raw body and the request's headers (any mapping).
webhook = revtain.Webhook(secret)
event = webhook.verify(body, headers, now=1700000042)
print(f"[python] {'verified':<22}: {event.type} {event.id} {event.data}")

try:
    webhook.verify(body.replace(b"4900", b"1"), headers, now=1700000042)
    raise SystemExit("a tampered body must be refused")
except revtain.WebhookSignatureMismatch as e:
    print(f"[python] {'tampered body':<22}: refused ({e.code})")
try:
    webhook.verify(body, headers, now=1700003600)
    raise SystemExit("a webhook replayed an hour later must be refused")
except revtain.WebhookTimestampOutOfTolerance as e:
    print(f"[python] {'replayed an hour later':<22}: refused, age {e.age} s")
