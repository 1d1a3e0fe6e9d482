"""Adyen connector vectors (docs/spec.md §2.4): every NotificationRequestItem of a Standard webhook carries
additionalData.hmacSignature = base64 HMAC-SHA256, key = the hex-decoded HMAC key, over
pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success
(value/currency from `amount`; a missing field is the empty string; JSON strings as their decoded
value, unescaped).

Oracle: PyPI Adyen==16.0.0, `Adyen.util.generate_notification_sig(item, key)` (signs) and
`Adyen.util.is_valid_hmac_notification(item, key)` (verifies), installed in a throwaway venv:
    python3 -m venv /tmp/sdk-b/venv && /tmp/sdk-b/venv/bin/pip install Adyen==16.0.0
Published vectors are read from copies in /tmp/sdk-b/fixtures/adyen/ of
Adyen/adyen-python-api-library test/mocks/util/*_notification.json and
Adyen/adyen-java-api-library src/test/resources/mocks/hmac-validation-webhook.json.
Run from tests/vectors/connector:  /tmp/sdk-b/venv/bin/python generate/adyen.py
"""
import base64
import copy
import hashlib
import hmac
import json
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from Adyen.util import generate_notification_sig, is_valid_hmac_notification

from _negatives_b import (
    INVALID_SECRET,
    MALFORMED,
    MISMATCH,
    MISSING,
    NO_TIMESTAMP,
    PAYLOAD_MALFORMED,
    case,
    check_sdk,
    write,
)

KEY = "5B0A3E8C1D7F2A9E4C6B8D0F1A3C5E7092B4D6F8A0C2E4B6D8F0A2C4E6B8D0F1"
OTHER = "0000000000000000000000000000000000000000000000000000000000000001"
F = "additionalData.hmacSignature"
FX = "/tmp/sdk-b/fixtures/adyen/"
SRC = "pypi-adyen"


def fixture(name):
    with open(FX + name, encoding="utf-8") as f:
        return json.load(f)


def item(psp, ref, value=4200, currency="EUR", event="AUTHORISATION", success="true", **extra):
    it = {"amount": {"currency": currency, "value": value}, "eventCode": event,
          "eventDate": "2024-05-01T10:00:00+02:00", "merchantAccountCode": "RevtainECOM",
          "merchantReference": ref, "operations": ["CANCEL", "CAPTURE", "REFUND"],
          "paymentMethod": "visa", "pspReference": psp, "reason": "087330:1111:03/2030",
          "success": success}
    it.update(extra)
    return it


def signed(it, key=KEY, **more_ad):
    it = copy.deepcopy(it)
    it["additionalData"] = {"authCode": "087330", "cardSummary": "1111",
                            "hmacSignature": generate_notification_sig(it, key).decode(), **more_ad}
    return it


def our_sig(fields, key=KEY):
    """revtain's rule, for the cases the Python SDK renders differently (JSON booleans, null)."""
    def text(v):
        return "" if v is None else ("true" if v is True else "false" if v is False else str(v))
    s = ":".join(text(v) for v in fields)
    return base64.b64encode(hmac.new(bytes.fromhex(key), s.encode(), hashlib.sha256).digest()).decode()


def doc(*items, ascii_only=False, indent=None):
    d = {"live": "false", "notificationItems": [{"NotificationRequestItem": i} for i in items]}
    return json.dumps(d, ensure_ascii=ascii_only, indent=indent)


def sdk_accepts(c):
    """Adyen's documented use: is_valid_hmac_notification on every item (the function itself only
    looks at notificationItems[0] when handed the whole document). An unparsable body or one
    without items never reaches the SDK."""
    body = bytes.fromhex(c["body_hex"]).decode("utf-8", "replace") if "body_hex" in c else c["body"]
    try:
        d = json.loads(body)
    except ValueError:
        return False
    items = d.get("notificationItems") if isinstance(d, dict) else None
    if not items:
        return False
    try:
        return all(is_valid_hmac_notification(i["NotificationRequestItem"], c["secret"]) is True
                   for i in items)
    except ValueError:  # empty hmacSignature ("Must Provide hmacSignature"), key not hex (binascii.Error)
        return False
    except KeyError:  # additionalData without hmacSignature, or an item without amount
        return False


A = signed(item("8816178952380553", "order-4200"))
B2 = signed(item("8816178952380554", "order-4201", value=1999, currency="USD"))
C3 = signed(item("8816178952380555", "order-4202", event="CAPTURE",
                 originalReference="8816178952380553"))
sigA = A["additionalData"]["hmacSignature"]
rawA = base64.b64decode(sigA)


def with_sig(it, sig):
    it = copy.deepcopy(it)
    it["additionalData"]["hmacSignature"] = sig
    return it


def without_ad(it):
    it = copy.deepcopy(it)
    del it["additionalData"]
    return it


def drop_sig(it):
    it = copy.deepcopy(it)
    del it["additionalData"]["hmacSignature"]
    return it


boolean_item = item("8816178952380560", "order-bool", success=True)
boolean_item["additionalData"] = {"hmacSignature": our_sig(
    ["8816178952380560", None, "RevtainECOM", "order-bool", 4200, "EUR", "AUTHORISATION", True])}
null_item = item("8816178952380561", "order-null", originalReference=None)
null_item["additionalData"] = {"hmacSignature": our_sig(
    ["8816178952380561", None, "RevtainECOM", "order-null", 4200, "EUR", "AUTHORISATION", "true"])}
no_amount = item("8816178952380562", "order-noamount", event="REPORT_AVAILABLE")
del no_amount["amount"]
no_amount["additionalData"] = {"hmacSignature": our_sig(
    ["8816178952380562", None, "RevtainECOM", "order-noamount", None, None, "REPORT_AVAILABLE", "true"])}
no_ref = item("8816178952380563", "x")
del no_ref["merchantReference"]
no_ref = signed(no_ref)

cs = [
    case("adyen-sdk-one-item", SRC, [], doc(A), KEY),
    case("adyen-sdk-one-item-pretty", SRC, [], doc(A, indent=2), KEY),
    case("adyen-sdk-several-items", SRC, [], doc(A, B2, C3), KEY),
    case("adyen-sdk-value-zero", SRC, [], doc(signed(item("8816178952380556", "zero-auth", value=0))), KEY),
    case("adyen-sdk-success-false", SRC, [], doc(signed(item("8816178952380557", "order-refused",
                                                           success="false"))), KEY),
    case("adyen-sdk-utf8-merchant-reference", SRC, [],
         doc(signed(item("8816178952380558", "Zoë-Köln-日本語-€"))), KEY),
    case("adyen-sdk-utf8-merchant-reference-escaped", SRC, [],
         doc(signed(item("8816178952380558", "Zoë-Köln-日本語-€")), ascii_only=True), KEY,
         note="the same item with \\u escapes in the JSON text: the signed string uses the decoded value"),
    case("adyen-sdk-colon-and-backslash-in-reference", SRC, [],
         doc(signed(item("8816178952380559", "a:b\\c/d"))), KEY,
         note="no escaping of ':' or '\\' in the signed string"),
    case("adyen-sdk-original-reference", SRC, [], doc(C3), KEY),
    case("adyen-sdk-value-as-json-string", SRC, [],
         doc(signed(item("8816178952380564", "order-str", value="4200"))), KEY),
    case("adyen-sdk-merchant-reference-absent", SRC, [], doc(no_ref), KEY),
    case("adyen-key-lowercase-hex", SRC, [], doc(A), KEY.lower()),
    case("adyen-success-json-boolean", "revtain-rule", [], doc(boolean_item), KEY,
         sdk={"accepts": False, "why": "Adyen.util.generate_notification_sig renders values with "
              "Python str(): a JSON boolean true becomes 'True', so the SDK signs '…:True' where "
              "revtain (and Adyen's Node and Java libraries: String(true), String.valueOf(boolean)) "
              "sign '…:true'. Adyen itself sends success as the string \"true\"/\"false\"."}),
    case("adyen-original-reference-null", "revtain-rule", [], doc(null_item), KEY,
         sdk={"accepts": False, "why": "the Python SDK renders a JSON null with str(None) = 'None'; "
              "revtain, like Adyen's Node (Array.join) and Java (Util.implode skips null) libraries, "
              "signs an empty field."}),
    case("adyen-amount-absent", "revtain-rule", [], doc(no_amount), KEY,
         sdk={"accepts": False, "why": "generate_notification_sig reads request_dict['amount']['value'] "
              "and raises KeyError for an item without amount; revtain (like Adyen's Java library) "
              "signs empty value and currency."}),
    # negatives
    case("adyen-several-items-one-bad", SRC, [],
         doc(A, with_sig(B2, C3["additionalData"]["hmacSignature"]), C3), KEY, MISMATCH,
         note="the Python SDK, handed the whole document, checks only item 0 and "
         "would accept this; Adyen's docs say to verify every item"),
    case("adyen-tampered-value", SRC, [], doc(A).replace('"value": 4200', '"value": 4201'), KEY, MISMATCH),
    case("adyen-tampered-event-code", SRC, [], doc(A).replace('"AUTHORISATION"', '"CAPTURE"'), KEY, MISMATCH),
    case("adyen-tampered-success", SRC, [], doc(A).replace('"success": "true"', '"success": "false"'), KEY,
         MISMATCH),
    case("adyen-wrong-key", SRC, [], doc(A), OTHER, MISMATCH),
    case("adyen-signature-missing", SRC, [], doc(without_ad(A)), KEY, MISSING, header=F),
    case("adyen-signature-missing-other-additional-data", SRC, [], doc(drop_sig(A)), KEY, MISSING, header=F),
    case("adyen-several-items-one-missing", SRC, [], doc(A, without_ad(B2)), KEY, MISSING, header=F),
    case("adyen-signature-empty", SRC, [], doc(with_sig(A, "")), KEY, MALFORMED, header=F),
    case("adyen-signature-not-base64", SRC, [], doc(with_sig(A, "!" + sigA[1:])), KEY, MALFORMED, header=F),
    case("adyen-signature-too-short", SRC, [], doc(with_sig(A, base64.b64encode(rawA[:-1]).decode())), KEY,
         MALFORMED, header=F),
    case("adyen-signature-too-long", SRC, [], doc(with_sig(A, base64.b64encode(rawA + b"\0").decode())),
         KEY, MALFORMED, header=F),
    case("adyen-signature-hex", SRC, [], doc(with_sig(A, rawA.hex())), KEY, MALFORMED, header=F),
    case("adyen-secret-not-hex", SRC, [], doc(A), "not-a-hex-key", INVALID_SECRET),
    case("adyen-secret-odd-length", SRC, [], doc(A), KEY[:-1], INVALID_SECRET),
    case("adyen-empty-secret", SRC, [], doc(A), "", INVALID_SECRET),
    case("adyen-invalid-json", SRC, [], doc(A)[:-2], KEY, PAYLOAD_MALFORMED),
    case("adyen-no-items", SRC, [], '{"live":"false","notificationItems":[]}', KEY, PAYLOAD_MALFORMED),
    case("adyen-no-notification-items-key", SRC, [], json.dumps({"live": "false"}), KEY, PAYLOAD_MALFORMED),
    case("adyen-bare-item", SRC, [], json.dumps(A), KEY, PAYLOAD_MALFORMED,
         note="a NotificationRequestItem not wrapped in a notification document"),
    case("adyen-empty-body", SRC, [], "", KEY, PAYLOAD_MALFORMED),
    case("adyen-body-not-utf8", SRC, [], None, KEY, PAYLOAD_MALFORMED,
         body_hex=doc(signed(item("8816178952380565", "order-latin1"))).encode().hex().replace(
             "6f726465722d6c6174696e31", "6f726465722d6ce474696e31")),
]

# Published vectors.
ut = {"pspReference": "7914073381342284", "merchantReference": "TestPayment-1407325143704",
      "merchantAccountCode": "TestMerchant", "amount": {"currency": "EUR", "value": 1130},
      "eventCode": "AUTHORISATION", "success": "true", "eventDate": "2019-05-06T17:15:34.121+02:00",
      "operations": ["CANCEL", "CAPTURE", "REFUND"], "paymentMethod": "visa",
      "additionalData": {"hmacSignature": "coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0="}}
pub = [case("adyen-published-python-utiltest", "adyen-python-tests", [], doc(ut),
            "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056")]
for name in ("backslash", "colon", "forwardslash", "mixed"):
    it = fixture(f"py_{name}.json")
    pub.append(case(f"adyen-published-python-{name}", "adyen-python-tests", [], doc(it),
                    "74F490DD33F7327BAECC88B2947C011FC02D014A473AAA33A8EC93E4DC069174"))
jt = {"additionalData": {"hmacSignature": "NuEkADFmlCC6VgX+wcoPAegIWxVPNBPCuKlM4Hzo5qc="},
      "amount": {"currency": "EUR", "value": "0"}, "eventCode": "REPORT_AVAILABLE",
      "eventDate": "2019-11-20T14:35:36+01:00", "merchantAccountCode": "Magento2Rik",
      "merchantReference": "testMerchantRef1", "pspReference": "test_REPORT_AVAILABLE",
      "reason": "will contain the url to the report", "success": "true"}
pub.append(case("adyen-published-java-validate-hmac", "adyen-java-tests", [], doc(jt),
                "9064450A8892A093D9E97EFCC9639DE31B74F3A7803135555A3C96F5A57915D6"))
pub.append(case("adyen-published-java-without-escaping", "adyen-java-tests", [],
                doc(fixture("java_hmac-validation-webhook.json")),
                "74F490DD33F7327BAECC88B2947C011FC02D014A473AAA33A8EC93E4DC069174"))
pub.append(case("adyen-published-python-utiltest-wrong-key", "adyen-python-tests", [], doc(ut),
                "74F490DD33F7327BAECC88B2947C011FC02D014A473AAA33A8EC93E4DC069174", MISMATCH))
cs = pub + cs

check_sdk(cs, sdk_accepts, "adyen")
write("adyen", "Adyen Standard webhooks (additionalData.hmacSignature per NotificationRequestItem: base64 "
      "HMAC-SHA256 with the hex-decoded key)",
      "Positives are signed by the official SDK (PyPI Adyen==16.0.0, Adyen.util.generate_notification_sig) "
      "and every case is verified with Adyen.util.is_valid_hmac_notification applied to each "
      "notification item (the function only checks notificationItems[0] when given the whole "
      "document). Seven positives are Adyen's own published test vectors (Python and Java libraries). "
      "Cases with origin `revtain-rule` are signed with revtain's rule where the Python SDK renders "
      "values differently (JSON boolean, null, absent amount); each records the SDK's verdict. Every "
      "item of a document must carry a valid signature. " + NO_TIMESTAMP,
      [{"id": "pypi-adyen", "what": "PyPI Adyen==16.0.0, Adyen.util.generate_notification_sig / "
        "is_valid_hmac_notification", "where": "Adyen/util.py"},
       {"id": "adyen-python-tests", "what": "Adyen/adyen-python-api-library UtilTest."
        "test_notification_request_item_hmac (key 44782DEF…BA056, signature coqCmt/…CWo0=) and "
        "test_webhooks_with_slashes (key 74F490DD…069174; backslash/colon/forwardslash/mixed notifications), "
        "each item wrapped in {live, notificationItems}",
        "where": "github.com/Adyen/adyen-python-api-library test/UtilTest.py, "
        "test/mocks/util/{backslash,colon,forwardslash,mixed}_notification.json "
        "(commit ea72a2cfc718c60c55c81fbe1f1baa43c2d46bd0)"},
       {"id": "adyen-java-tests", "what": "Adyen/adyen-java-api-library HMACValidatorTest.testValidateHMAC "
        "(key 9064450A…5915D6, amount value as the JSON string \"0\") and testValidateHMACWithoutEscaping "
        "(key 74F490DD…069174, merchantReference \\:/\\/slashes are fun)",
        "where": "github.com/Adyen/adyen-java-api-library "
        "src/test/java/com/adyen/util/HMACValidatorTest.java, "
        "src/test/resources/mocks/hmac-validation-webhook.json "
        "(commit 15b1f17567b5b9bc8f615409e0d889e8b972ce72)"},
       {"id": "revtain-rule", "what": "Python hmac over revtain's signed string (JSON true/false as "
        "true/false, null and absent fields as empty)", "where": "generate/adyen.py our_sig"}],
      "Signed string confirmed from three Adyen libraries: Python Adyen/util.py (':'.join(map(str, "
      "fields)), missing field ''), Node src/utils/hmacValidator.ts getDataToSign (array join: undefined/"
      "null ''), Java HMACValidator.getDataToSign (Util.implode skips null; success via "
      "String.valueOf(boolean)). None escapes ':' or '\\' for NotificationRequestItem (the published "
      "backslash/colon tests); the key is hex-decoded; base64 output. The libraries differ only on "
      "JSON booleans (Python 'True') and null (Python 'None'), which Adyen does not send "
      "(success is a string). Docs: https://docs.adyen.com/development-resources/webhooks/secure-webhooks/verify-hmac-signatures",
      cs)
