"""A Django view that receives Revtain webhooks.

In urls.py:  path("webhooks/revtain", django_webhook.revtain_webhook)
Verify the raw body (request.body), never request.POST or a re-serialised JSON.
"""

import os

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

import revtain

# Once, at import: the secret is decoded and the HMAC keyed here.
webhook = revtain.Webhook(os.environ["REVTAIN_WEBHOOK_SECRET"])


@csrf_exempt  # the signature authenticates the request, not a CSRF token
@require_POST
def revtain_webhook(request: HttpRequest) -> JsonResponse:
    try:
        event = webhook.verify(request.body, request.headers)
    except revtain.WebhookError as e:
        return JsonResponse({"error": e.code, "message": str(e)}, status=400)
    if event.type == "recovery.attempt_failed":
        pass  # e.g. log event.data["attempt"]
    return JsonResponse({"received": event.id})
