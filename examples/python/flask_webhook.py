"""A Flask endpoint that receives Revtain webhooks.

    REVTAIN_WEBHOOK_SECRET=whsec_... flask --app examples/python/flask_webhook.py run

Verify the raw body (request.get_data()), never request.json re-serialised.
"""

import os

from flask import Flask, jsonify, request
from flask.typing import ResponseReturnValue

import revtain

app = Flask(__name__)
# Once, at start-up: the secret is decoded and the HMAC keyed here.
webhook = revtain.Webhook(os.environ["REVTAIN_WEBHOOK_SECRET"])


@app.post("/webhooks/revtain")
def revtain_webhook() -> ResponseReturnValue:
    try:
        event = webhook.verify(request.get_data(), request.headers)
    except revtain.WebhookError as e:
        # e.code says which check failed; e.g. WebhookTimestampOutOfTolerance has e.age.
        return jsonify(error=e.code, message=str(e)), 400
    if event.type == "payment.recovered":
        pass  # mark the invoice event.data["invoice"] paid
    elif event.type == "card.updated":
        pass  # the customer replaced their card; nothing to store but the gateway's token
    return jsonify(received=event.id)
