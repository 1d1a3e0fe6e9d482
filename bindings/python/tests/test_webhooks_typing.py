"""The webhook stubs accept what the runtime accepts: `Webhook.verify` takes the header container
of every framework (Flask's `request.headers` is a Werkzeug `Headers`, which is no `Mapping`),
`event.data` is usable without casts, and the examples type-check under `mypy --strict`.
stubtest checks the stubs against the module; this checks them against their callers."""

from pathlib import Path

from mypy import api

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "python"

CALLER = """\
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from starlette.datastructures import Headers as StarletteHeaders
from werkzeug.datastructures import EnvironHeaders, Headers

import revtain

w = revtain.Webhook(revtain.generate_webhook_secret())
body = b"{}"
plain: dict[str, str] = {}
as_bytes: dict[str, bytes] = {}
django_meta: dict[str, Any] = {}
mapping: Mapping[str, str] = {}
for headers in (plain, as_bytes, django_meta, mapping, MappingProxyType(plain)):
    w.verify(body, headers)
w.verify(body, Headers())
w.verify(body, EnvironHeaders({}))
w.verify(body, StarletteHeaders())
for b in (b"", bytearray(), memoryview(b""), ""):
    w.verify_signature(b, "t=1,v1=", now=1)
invoice: str = w.verify(body, plain).data["invoice"]
w.verify(body, 42)  # error
w.verify(body, {"x-revtain-signature": 1})  # error
"""


def test_stubs_accept_every_header_container_and_the_examples_type_check(tmp_path):
    caller = tmp_path / "caller.py"
    caller.write_text(CALLER)
    out, err, _ = api.run([
        "--strict", "--ignore-missing-imports", "--cache-dir", str(tmp_path / "cache"),
        "--no-error-summary", str(caller),
        *(str(EXAMPLES / f"{name}.py") for name in ("flask_app", "fastapi_app", "webhooks")),
    ])
    assert not err, err
    lines = CALLER.splitlines()
    reported = sorted({int(line.split(":")[1]) for line in out.splitlines() if ": error:" in line})
    expected = [i + 1 for i, line in enumerate(lines) if line.endswith("# error")]
    assert reported == expected, out
