"""What a fresh render of the example's minutes loads: only what making the document needs.

Start-up is a large part of a render from scratch (README, "A fresh render against the
floor"); these modules were each found to cost a few per cent of it and are not needed for
Markdown minutes of a German or English workspace with plainly spelt addresses.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

NOT_LOADED = (
    "pydantic",  # the records validate themselves (kogsro.workspace.spec)
    "pydantic_core",
    "annotated_types",
    "babel",  # German and English dates come from a table (kogsro.i18n.dates)
    "email",  # kogsro.yaml's and the roster's plain addresses need no header parser
    "kogsro.documents.views",  # the projections' shapes are for the type checker only
    "rich",  # nothing is printed as a table
)

CODE = """
import sys
from kogsro.cli import main
sys.argv = ["kogsro", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize("command", [["minutes", "2022-06-14", "-f", "md", "-o", "-"], ["check"]])
def test_a_fresh_render_loads_only_what_it_needs(command: list[str]) -> None:
    env = {**os.environ, "KOGSRO_NO_CACHE": "1", "KOGSRO_TODAY": "2022-06-01"}
    result = subprocess.run(
        [sys.executable, "-c", CODE, *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    loaded = set(result.stderr.strip().splitlines()[-1].split())
    for name in NOT_LOADED:
        assert not {m for m in loaded if m == name or m.startswith(name + ".")}, name
