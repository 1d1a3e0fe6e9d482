"""Shopify connector vectors (docs/spec.md §2.4): `X-Shopify-Hmac-Sha256` = standard base64 HMAC-SHA256
of the raw body keyed with the app's client secret; `X-Shopify-Webhook-Id` is the event id.

Oracle: npm @shopify/shopify-api@13.1.0, `shopify.webhooks.validate({rawBody, rawRequest})` with
the web-api adapter, run with node in a throwaway folder:
    cd /tmp/sdk-b && npm install @shopify/shopify-api@13.1.0
Run from tests/vectors/connector:  python3 generate/shopify.py
Every case also carries the other headers Shopify sends (topic, shop domain, API version), because
validate() requires them after the HMAC check.
"""
import json
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _negatives_b import NO_TIMESTAMP, UTF8_NOTE, b64_sha256, body_sig_cases, case, check_sdk, node, write

SECRET = "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"  # app client secret (shpss_ + 32 hex)
OTHER = "shpss_00000000000000000000000000000000"
H = "X-Shopify-Hmac-Sha256"
WEBHOOK_ID = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"
EXTRA = [("X-Shopify-Topic", "orders/create"), ("X-Shopify-Shop-Domain", "example.myshopify.com"),
         ("X-Shopify-API-Version", "2025-10")]
JSON_BODY = ('{"id":820982911946154508,"email":"jon@example.com","total_price":"42.00",'
             '"currency":"USD","line_items":[{"id":466157049,"price":"42.00","quantity":1,'
             '"grams":4200}]}')
UTF8_BODY = '{"id":820982911946154509,"note":"' + UTF8_NOTE + '","total_weight":4200}'

SCRIPT = r"""
require('@shopify/shopify-api/adapters/web-api');
const {shopifyApi} = require('@shopify/shopify-api');
let input = '';
process.stdin.on('data', d => input += d).on('end', async () => {
  const out = [];
  for (const c of JSON.parse(input)) {
    let shopify;
    try {
      shopify = shopifyApi({apiKey: 'app-key', apiSecretKey: c.secret, hostName: 'app.example.com',
        apiVersion: '2025-10', isEmbeddedApp: false, logger: {level: 0, log: () => {}}});
    } catch (e) {  // an empty apiSecretKey: the library refuses to initialise (ShopifyError)
      out.push(/Missing values for: apiSecretKey/.test(e.message) ? false : 'error: ' + e.message);
      continue;
    }
    const headers = new Headers();
    for (const [n, v] of c.headers) headers.append(n, v);  // a repeated header is joined "a, b"
    const rawRequest = new Request('https://app.example.com/webhooks',
                                   {method: 'POST', headers, body: c.body});
    try {
      const r = await shopify.webhooks.validate({rawBody: c.body, rawRequest});
      out.push(r.valid === true);
    } catch (e) {
      out.push('error: ' + e.name + ': ' + e.message);
    }
  }
  console.log(JSON.stringify(out));
});
"""


def sdk_verdicts(cases):
    res = json.loads(node(SCRIPT, json.dumps(cases)))
    return {c["id"]: r for c, r in zip(cases, res, strict=True)}


EMPTY_SDK = {"accepts": False, "why": "webhooks.validate refuses an empty rawBody before the HMAC "
             "check (reason missing_body); the signature is genuine and revtain accepts it."}
cs = body_sig_cases("shopify", H, b64_sha256, SECRET, OTHER, "npm-shopify-api", encoding="base64",
                    bodies=[("json", JSON_BODY), ("utf8-body", UTF8_BODY), ("tiny-body", "{}"),
                            ("empty-body", "")],
                    alt_names=["x-shopify-hmac-sha256", "X-SHOPIFY-HMAC-SHA256"],
                    extra_headers=EXTRA, event_id_header="X-Shopify-Webhook-Id",
                    event_id=WEBHOOK_ID, empty_body_sdk=EMPTY_SDK)
g = b64_sha256(SECRET, JSON_BODY)
SRC = "npm-shopify-api"
cs += [
    case("shopify-webhook-id-lowercase-name", SRC, [*EXTRA, ("x-shopify-webhook-id", WEBHOOK_ID), (H, g)],
         JSON_BODY, SECRET, event_id=WEBHOOK_ID),
    case("shopify-no-webhook-id-header", SRC, [*EXTRA, (H, g)], JSON_BODY, SECRET, event_id=None,
         sdk={"accepts": False, "why": "webhooks.validate checks the HMAC and then requires the "
              "X-Shopify-Topic/Shop-Domain/API-Version/Webhook-Id headers (reason missing_headers); "
              "revtain verifies only the signature and reports event_id null."}),
    # Shopify "Events" deliveries sign the same way but drop the X- prefix (@shopify/shopify-api
    # 13 lib/types.js ShopifyEventsHeader, lib/webhooks/validate.js detectWebhookType): the
    # prefixed header wins when both are present.
    case("shopify-events-header-only", SRC,
         [("shopify-topic", "orders/create"), ("shopify-shop-domain", "example.myshopify.com"),
          ("shopify-api-version", "2025-10"), ("shopify-webhook-id", WEBHOOK_ID),
          ("shopify-event-id", "evt-1"), ("shopify-hmac-sha256", g)],
         JSON_BODY, SECRET, "ok", event_id=WEBHOOK_ID),
]
got = sdk_verdicts(cs)
errors = {k: v for k, v in got.items() if v not in (True, False)}
assert not errors, errors
check_sdk(cs, lambda c: got[c["id"]], "shopify")
write("shopify",
      "Shopify (X-Shopify-Hmac-Sha256: base64 HMAC-SHA256 of the raw body with the app client secret)",
      "Positives are signed with Python hmac and each one is verified by the official library (npm "
      "@shopify/shopify-api@13.1.0, shopify.webhooks.validate with the web-api adapter, which computes "
      "base64(HMAC-SHA256(apiSecretKey, rawBody)) and compares the base64 text). Shopify publishes no "
      "signed example in its docs or library tests that could be copied. Every case carries the other "
      "headers Shopify sends (topic, shop domain, API version) and, where event_id is given, "
      "X-Shopify-Webhook-Id. Negatives are derived from `shopify-json`. " + NO_TIMESTAMP,
      [{"id": "npm-shopify-api", "what": "npm @shopify/shopify-api@13.1.0, shopify.webhooks.validate "
        "(signature checked; bodies signed with hmac/hashlib, the library's own computation)",
        "where": "node_modules/@shopify/shopify-api/dist/cjs/lib/webhooks/validate.js, "
        "dist/cjs/lib/utils/hmac-validator.js (validateHmacFromRequestFactory)"}],
      "Header names and algorithm confirmed from the library source (ShopifyHeader.Hmac = "
      "X-Shopify-Hmac-Sha256, ShopifyHeader.WebhookId = X-Shopify-Webhook-Id, "
      "createSHA256HMAC(apiSecretKey, rawBody, Base64)) and "
      "https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook. "
      "Shopify 'Events' deliveries sign the same way but send shopify-hmac-sha256 / "
      "shopify-webhook-id (no X- prefix); both are read when the X- headers are absent (case "
      "shopify-events-header-only).",
      cs)
