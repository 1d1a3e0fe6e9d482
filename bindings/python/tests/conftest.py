import json
from pathlib import Path

import pytest

VECTORS = Path(__file__).resolve().parents[3] / "tests" / "vectors"


def load_vectors(name: str) -> dict:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def cases(name: str, group: str):
    """pytest parameters for one group of a vector file, with the case ids as test ids."""
    return [pytest.param(c, id=c["id"]) for c in load_vectors(name)[group]]
