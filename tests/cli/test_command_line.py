"""The command line builds each command when it is used, and is otherwise the one Typer builds:
the same commands in the same order, the same options, the same help."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import typer.main

from kogsro.cli import LazyCommands, app, command_line


def eager() -> Any:
    return typer.main.get_command(app)


def options(command: Any) -> list[tuple[str, tuple[str, ...], tuple[str, ...], bool]]:
    return [
        (param.name, tuple(param.opts), tuple(param.secondary_opts), param.required)
        for param in command.params
    ]


def test_the_same_commands_in_the_declared_order() -> None:
    lazy, full = command_line(), eager()
    assert list(lazy.commands) == list(full.commands)
    assert len(lazy.commands) == len(full.commands) > 20
    assert options(lazy) == options(full)  # the global options: --workspace, --debug, ...


def test_every_command_has_the_same_options_and_help() -> None:
    lazy, full = command_line(), eager()
    for name, command in full.commands.items():
        built = lazy.commands[name]
        assert options(built) == options(command), name
        assert built.help == command.help, name
        if hasattr(command, "commands"):  # a group: templates, export
            assert list(built.commands) == list(command.commands), name
            for sub, sub_command in command.commands.items():
                assert options(built.commands[sub]) == options(sub_command), f"{name} {sub}"


def test_a_run_builds_only_its_command() -> None:
    group = command_line()
    commands = group.commands
    assert isinstance(commands, LazyCommands)
    with pytest.raises(SystemExit) as exit_:
        group.main(["schema", "--help"], prog_name="kogsro")
    assert exit_.value.code == 0
    assert list(commands._built) == ["schema"]
    assert app.registered_commands, "building the group leaves the application as it was"


def test_the_mapping_behaves_as_a_mapping() -> None:
    built: list[str] = []

    def factory(name: str) -> Any:
        def make() -> str:
            built.append(name)
            return f"<{name}>"

        return make

    commands = LazyCommands({"a": factory("a"), "b": factory("b")})
    assert list(commands) == ["a", "b"] and len(commands) == 2 and built == []
    assert commands["b"] == "<b>" and commands["b"] == "<b>" and built == ["b"]
    assert commands.get("c") is None and "c" not in commands
    commands["c"] = "<c>"
    assert list(commands) == ["a", "b", "c"] and commands["c"] == "<c>"
    del commands["a"]
    assert list(commands) == ["b", "c"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kogsro", *args], capture_output=True, text=True, check=False
    )


def test_help_lists_every_command_and_a_typo_gets_a_suggestion() -> None:
    listed = run("--help")
    assert listed.returncode == 0
    for name in eager().commands:
        assert f"\n  {name} " in listed.stdout, name
    typo = run("minutse")
    assert typo.returncode == 2
    assert "No such command 'minutse'. Did you mean 'minutes'" in typo.stderr


def test_a_sub_command_of_a_group_runs() -> None:
    result = run("templates", "--help")
    assert result.returncode == 0
    assert "list" in result.stdout and "copy" in result.stdout
