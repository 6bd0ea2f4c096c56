"""The layers stay layers: the import contracts of pyproject.toml hold.

``[tool.importlinter]`` names the packages from the command line down to the errors; each may
import only the ones below it, the core never imports typer, rich, click or ``kogsro.cli``, and
no two modules of a package import each other in a circle (imports inside functions count).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold() -> None:
    pytest.importorskip("importlinter")
    script = (
        "import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_core_has_no_flat_modules_left() -> None:
    """Every module of the core sits in the package of its layer."""
    flat = sorted(p.name for p in (ROOT / "kogsro").glob("*.py"))
    assert flat == [
        "__init__.py",
        "__main__.py",
        "api.py",
        "clock.py",
        "errors.py",
        "fsio.py",
        "records.py",
        "workers.py",
    ]


def test_no_two_modules_name_a_function_alike() -> None:
    """A name says what a function does, once: no public function of one module shares its
    name with one of another (a command, a use case of kogsro.api and the core function under
    it each have their own)."""
    import ast
    from collections import defaultdict

    where: dict[str, set[str]] = defaultdict(set)
    for path in sorted((ROOT / "kogsro").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            if function and not node.name.startswith("_"):
                where[node.name].add(path.relative_to(ROOT).as_posix())
    shared = {name: sorted(paths) for name, paths in where.items() if len(paths) > 1}
    assert shared == {}
