"""One version everywhere: the workspace's Cargo.toml (every crate inherits it), the npm
package, the Python package (maturin takes it from Cargo.toml) and the C header's macros, which
are generated from it. A release bumps one number; this fails if any surface is left behind."""

import json
import re
import tomllib
from pathlib import Path

import revtain

REPO = Path(__file__).resolve().parents[3]


def cargo_version() -> str:
    workspace = tomllib.loads((REPO / "Cargo.toml").read_text())
    return workspace["workspace"]["package"]["version"]


def test_every_crate_inherits_the_workspace_version():
    for manifest in ["core", "ffi", "cli", "bindings/python", "bindings/node"]:
        package = tomllib.loads((REPO / manifest / "Cargo.toml").read_text())["package"]
        assert package["version"] == {"workspace": True}, manifest


def test_the_surfaces_agree():
    version = cargo_version()
    package = json.loads((REPO / "bindings/node/package.json").read_text())
    header = (REPO / "include/revtain.h").read_text()
    macros = dict(re.findall(r"#define REVTAIN_VERSION_(MAJOR|MINOR|PATCH|STRING) (\S+)", header))
    assert {
        "npm": package["version"],
        "python": revtain.__version__,
        "C header": macros["STRING"].strip('"'),
        "C header parts": ".".join(macros[p] for p in ("MAJOR", "MINOR", "PATCH")),
    } == dict.fromkeys(["npm", "python", "C header", "C header parts"], version)
