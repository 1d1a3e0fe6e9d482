"""Connector verifiers: verify inbound webhooks from billing platforms (here Stripe and Standard
Webhooks, signed with the standard library as the platforms do), and see a tampered one refused
with a precise message. Run: python examples/python/connector.py"""

import base64
import hashlib
import hmac

import revtain

NOW = 1700000000
body = b'{"id":"evt_1Q2w3E","type":"invoice.paid","data":{"invoice":"in_42","amount":4900}}'

# Stripe: HMAC-SHA256 keyed with the whole whsec_ string, over "{t}.{body}", hex.
stripe_secret = "whsec_demo_5f3c1a9e7b2d4c6e8a0f"
t = NOW - 12
v1 = hmac.new(stripe_secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
headers = {"Content-Type": "application/json", "Stripe-Signature": f"t={t},v1={v1}"}
event = revtain.verify_connector("stripe", headers, body, stripe_secret, now=NOW)
print(f"[python] {'stripe':<22}: {event}")

# Standard Webhooks (Svix): key = base64-decoded whsec_ secret, over "{id}.{t}.{body}", base64.
key = bytes(range(32))
standard_secret = "whsec_" + base64.b64encode(key).decode()
mac = hmac.new(key, f"msg_2Kx9.{NOW}.".encode() + body, hashlib.sha256).digest()
standard_headers = [
    ("webhook-id", "msg_2Kx9"),
    ("webhook-timestamp", str(NOW)),
    ("webhook-signature", "v1," + base64.b64encode(mac).decode()),
]
event = revtain.verify_connector("standard", standard_headers, body, standard_secret, now=NOW)
print(f"[python] {'standard webhooks':<22}: id {event.id}, timestamp {event.timestamp}")

# A body re-serialised by a framework (or tampered with) is refused, and the message says why.
try:
    revtain.verify_connector("stripe", headers, body.replace(b":", b": "), stripe_secret, now=NOW)
    raise SystemExit("a re-serialised body must be refused")
except revtain.ConnectorSignatureMismatch as e:
    assert stripe_secret not in str(e)
    print(f"[python] {'re-serialised body':<22}: refused ({e.code})")
    print(f"[python] {'':<22}  {e}")

# The same webhook replayed an hour later: the signature is genuine, the timestamp is not fresh.
try:
    revtain.verify_connector("stripe", headers, body, stripe_secret, now=NOW + 3600)
    raise SystemExit("a replayed webhook must be refused")
except revtain.ConnectorTimestampOutOfTolerance as e:
    print(f"[python] {'replayed an hour later':<22}: refused, age {e.age} s > {e.tolerance} s")

print(f"[python] {'connectors':<22}: {', '.join(revtain.CONNECTORS)}")
