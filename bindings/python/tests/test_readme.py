"""The README's Python code blocks run as written: each as a script of its own, by the same
interpreter, from an empty folder (as a reader pastes it into a file and runs it)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)


def test_readme_has_code_blocks():
    # A README whose blocks the pattern no longer finds would pass every test below vacuously.
    assert len(BLOCKS) >= 5, f"only {len(BLOCKS)} python blocks found in README.md"


@pytest.mark.parametrize("block", [pytest.param(b, id=f"README.md-{i}") for i, b in enumerate(BLOCKS)])
def test_block_runs(block, tmp_path):
    script = tmp_path / "block.py"
    script.write_text(block, encoding="utf-8")
    r = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
