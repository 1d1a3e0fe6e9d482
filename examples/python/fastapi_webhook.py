"""A FastAPI endpoint that receives Revtain webhooks.

    REVTAIN_WEBHOOK_SECRET=whsec_... uvicorn examples.python.fastapi_webhook:app

Verify the raw body (await request.body()), never a parsed model re-serialised.
"""

import os

from fastapi import FastAPI, HTTPException, Request

import revtain

app = FastAPI()
# Once, at start-up: the secret is decoded and the HMAC keyed here.
webhook = revtain.Webhook(os.environ["REVTAIN_WEBHOOK_SECRET"])


@app.post("/webhooks/revtain")
async def revtain_webhook(request: Request) -> dict[str, str]:
    try:
        event = webhook.verify(await request.body(), request.headers)
    except revtain.WebhookError as e:
        raise HTTPException(status_code=400, detail={"error": e.code, "message": str(e)}) from e
    if event.type == "payment.recovered":
        pass  # mark the invoice event.data["invoice"] paid
    elif event.type == "payment.failed":
        pass  # recovery gave up: notify the customer
    return {"received": event.id}
