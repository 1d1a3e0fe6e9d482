"""Chargebee connector vectors (docs/spec.md §2.4): Chargebee does not sign bodies; it sends
`Authorization: Basic base64(user:pass)` (RFC 7617). The secret is `username:password`.
Positives are built with Python's base64 (RFC 7617); every case is also given to npm
chargebee@3.33.0's `basicAuthValidator` (the SDK's own webhook Basic-auth check) in /tmp/sdk-a,
and its verdict is recorded in `sdk` where it differs.
Run from tests/vectors/connector:  python3 generate/chargebee.py
"""
import base64
import json
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _negatives_a import INVALID_SECRET, JSON_BODY, MALFORMED, MISMATCH, MISSING, case, node, write

SECRET = "cb_webhook_user:Q7v!m2#Rk9zT4pLx"
H = "Authorization"
SRC = "rfc7617"


def basic(userpass: str) -> str:
    return "Basic " + base64.b64encode(userpass.encode("utf-8")).decode()


def sdk_verdicts(cs):
    items = [[c["headers"], c["secret"]] for c in cs]
    script = (
        "const {basicAuthValidator}=require('chargebee');"
        f"const items={json.dumps(items)};"
        "(async()=>{const out=[];for(const [hs,secret] of items){"
        "const i=secret.indexOf(':');const U=i<0?null:secret.slice(0,i),P=i<0?null:secret.slice(i+1);"
        "const h={};for(const [n,v] of hs){const k=n.toLowerCase();h[k]=h[k]===undefined?v:h[k]+', '+v;}"
        "try{await basicAuthValidator((u,p)=>U!==null&&u===U&&p===P)(h);out.push(true)}catch(e){"
        "if(e.name!=='WebhookAuthenticationError'&&e.constructor.name!=='WebhookAuthenticationError')"
        "throw e;out.push(false)}}"
        "console.log(JSON.stringify(out))})()")
    return json.loads(node(script))


cs = [
    case("chargebee-basic-ok", SRC, [(H, basic(SECRET))], JSON_BODY, SECRET),
    case("chargebee-header-name-lowercase", SRC, [("authorization", basic(SECRET))], JSON_BODY, SECRET),
    case("chargebee-empty-body-ok", SRC, [(H, basic(SECRET))], "", SECRET),
    case("chargebee-password-with-colon", SRC, [(H, basic("hooks:pa:ss:word"))], JSON_BODY,
         "hooks:pa:ss:word"),
    case("chargebee-utf8-credentials", SRC, [(H, basic("zoë:pässwörd✓"))], JSON_BODY, "zoë:pässwörd✓"),
    case("chargebee-scheme-lowercase", SRC, [(H, "basic " + basic(SECRET)[6:])], JSON_BODY, SECRET,
         sdk={"accepts": False, "why": "npm chargebee basicAuthValidator requires the exact token "
              "`Basic`; RFC 7235 §2.1 makes the auth-scheme case-insensitive"}),
    case("chargebee-wrong-password", SRC, [(H, basic("cb_webhook_user:wrong"))], JSON_BODY, SECRET,
         MISMATCH),
    case("chargebee-wrong-user", SRC, [(H, basic("someone_else:Q7v!m2#Rk9zT4pLx"))], JSON_BODY, SECRET,
         MISMATCH),
    case("chargebee-malformed-empty", SRC, [(H, "")], JSON_BODY, SECRET, MALFORMED, header=H),
    case("chargebee-malformed-bearer", SRC, [(H, "Bearer abc.def.ghi")], JSON_BODY, SECRET, MALFORMED,
         header=H),
    case("chargebee-malformed-basic-no-credentials", SRC, [(H, "Basic")], JSON_BODY, SECRET, MALFORMED,
         header=H),
    case("chargebee-malformed-not-base64", SRC, [(H, "Basic !!!not*base64!!!")], JSON_BODY, SECRET, MALFORMED,
         header=H),
    case("chargebee-malformed-no-colon", SRC, [(H, "Basic " + base64.b64encode(b"justauser").decode())],
         JSON_BODY, SECRET, MALFORMED, header=H),
    case("chargebee-malformed-raw-credentials", SRC, [(H, "Basic " + SECRET)], JSON_BODY, SECRET, MALFORMED,
         header=H),
    case("chargebee-header-missing", SRC, [("Content-Type", "application/json")], JSON_BODY, SECRET, MISSING,
         header=H),
    case("chargebee-header-twice", SRC, [(H, basic(SECRET)), (H, basic(SECRET))], JSON_BODY, SECRET,
         MALFORMED, header=H),
    case("chargebee-secret-without-colon", SRC, [(H, basic(SECRET))], JSON_BODY, "cb_webhook_user",
         INVALID_SECRET),
    case("chargebee-empty-secret", SRC, [(H, basic(SECRET))], JSON_BODY, "", INVALID_SECRET),
]
got = sdk_verdicts(cs)
diff = []
for c, v in zip(cs, got, strict=True):
    want = c["sdk"]["accepts"] if "sdk" in c else c["expect"] == "ok"
    if v != want:
        diff.append((c["id"], v))
if diff:
    raise SystemExit(f"chargebee: npm basicAuthValidator differs without a recorded `sdk`: {diff}")
print(f"chargebee: npm basicAuthValidator verdict matches on {len(cs)} cases")
write("chargebee", "Chargebee (HTTP Basic credentials on the webhook; no body signature)",
      "Chargebee does not sign webhook bodies; it sends the endpoint's configured HTTP Basic credentials. "
      "Positives are built by generate/chargebee.py with Python's base64 per RFC 7617 (`Basic "
      "base64(user:pass)`, split on the first ':'); the secret is `username:password`. Every case is also "
      "given to npm chargebee@3.33.0 `basicAuthValidator((u, p) => …)` "
      "(chargebee/cjs/resources/webhook/auth.js), "
      "and where it decides otherwise the case records it in `sdk`.",
      [{"id": SRC, "what": "RFC 7617 Basic credentials built with Python base64",
        "where": "generate/chargebee.py"},
       {"id": "npm-chargebee", "what": "npm chargebee@3.33.0 basicAuthValidator (cross-check only)",
        "where": "node_modules/chargebee/cjs/resources/webhook/auth.js"}],
      "not a † row", cs)
