"""Helpers shared by the vector generators in this folder."""

import hashlib
import json
import sys
from pathlib import Path


def derived(label: str, n: int) -> bytes:
    """n fixed pseudo-random bytes: SHA-256 of `label/counter`, so the output never changes."""
    out, counter = b"", 0
    while len(out) < n:
        out += hashlib.sha256(f"{label}/{counter}".encode()).digest()
        counter += 1
    return out[:n]


def write_or_check(out: Path, data: dict, generator: str) -> None:
    """Writes `data` as the vector file `out`, or with --check fails if the file differs."""
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if "--check" in sys.argv:
        if out.read_text(encoding="utf-8") != text:
            sys.exit(f"{out} is stale: run {generator} and commit the result")
        print(f"{out.name}: up to date")
        return
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
