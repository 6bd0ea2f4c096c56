"""The documentation keeps up with the command line: every command has help and is in the README."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer.main

from kogsro.cli import app
from tests.conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> list[tuple[str, ...]]:
    """Every command path, e.g. ("invite",), ("templates", "copy")."""
    root = typer.main.get_command(app)
    found: list[tuple[str, ...]] = []

    def walk(group: object, path: tuple[str, ...]) -> None:
        for name, command in getattr(group, "commands", {}).items():
            here = (*path, name)
            if getattr(command, "commands", None):
                walk(command, here)
            else:
                found.append(here)

    walk(root, ())
    return found


def test_there_are_commands() -> None:
    assert len(commands()) >= 15


@pytest.mark.parametrize("path", commands(), ids=" ".join)
def test_every_command_has_help_and_is_documented(path: tuple[str, ...]) -> None:
    code, out, _ = run_cli(*path, "--help")
    assert code == 0
    _, _, rest = out.partition("\n\n")
    assert rest.strip(), f"`kogsro {' '.join(path)}` has no help text"
    assert re.search(rf"kogsro {re.escape(' '.join(path))}\b", README), (
        f"`kogsro {' '.join(path)}` is not mentioned in README.md"
    )


@pytest.mark.parametrize("path", commands(), ids=" ".join)
def test_every_option_has_help(path: tuple[str, ...]) -> None:
    root = typer.main.get_command(app)
    command = root
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    for param in command.params:
        if getattr(param, "param_type_name", "") == "option" and not param.hidden:
            where = f"kogsro {' '.join(path)}: {param.name}"
            assert getattr(param, "help", None), f"{where} has no help"


def tour() -> list[str]:
    """The command lines of the README's quick tour, as written."""
    section = README.split("## A quick tour", 1)[1]
    block = section.split("```console", 1)[1].split("```", 1)[0]
    return [line[2:] for line in block.splitlines() if line.startswith("$ ")]


def test_the_readme_tour_runs_as_written(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KOGSRO_TODAY", raising=False)
    lines = tour()
    assert lines[0].startswith("export KOGSRO_TODAY=")
    for line in lines:
        command = line.split("  #", 1)[0].strip()
        if command.startswith("export "):
            name, _, value = command.removeprefix("export ").partition("=")
            monkeypatch.setenv(name, value)
            continue
        words = shlex.split(command.split(" > ", 1)[0].replace("~/", f"{tmp_path}/"))
        assert words[0] == "kogsro"
        code, out, err = run_cli(*words[1:])
        assert code == 0, f"`{command}` failed: {err}"
        assert out.strip() or err.strip(), f"`{command}` said nothing"
