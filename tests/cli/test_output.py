"""The core names settings, the command line spells them: ``option="host"`` is ``--host``,
``Remedy("date", "YYYY-MM-DD")`` is "pass --date YYYY-MM-DD"."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kogsro.cli.output import flag, report_error
from kogsro.errors import OutputExists, Remedy, UsageError
from tests.conftest import ROOT, run_cli

FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
# Text the core writes into files of other programs (a CI configuration's pip call).
NOT_OURS = {"--quiet"}


def _error_text(exc: UsageError | OutputExists, capsys: pytest.CaptureFixture[str]) -> str:
    report_error(exc)
    return capsys.readouterr().err


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def test_flag_spells_a_setting_as_the_command_line_does() -> None:
    assert flag("host") == "--host"
    assert flag("base_url") == "--base-url"


def test_option_and_remedy_are_shown_in_the_command_lines_spelling(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plain = UsageError("unknown organisation 'x'", hint="did you mean 'y'?", option="host")
    assert _error_text(plain, capsys) == (
        "error: --host: unknown organisation 'x'\n  hint: did you mean 'y'?\n"
    )
    both = UsageError("empty range", option=("since", "until"))
    assert _error_text(both, capsys) == "error: --since, --until: empty range\n"
    either = UsageError(
        "no date", hint="change series.rule in kogsro.yaml", remedy=Remedy("date", "YYYY-MM-DD")
    )
    assert _error_text(either, capsys).endswith(
        "  hint: pass --date YYYY-MM-DD, or change series.rule in kogsro.yaml\n"
    )
    alone = UsageError("no rule", remedy=Remedy("rule", "'FREQ=MONTHLY'"))
    assert _error_text(alone, capsys).endswith("  hint: pass --rule 'FREQ=MONTHLY'\n")


def test_output_exists_says_what_is_there_then_how_to_replace_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _error_text(OutputExists(Path("out/x.pdf")), capsys) == (
        "error: out/x.pdf: already exists, not overwritten\n  hint: pass --force to overwrite it\n"
    )
    many = OutputExists(
        Path("public"), hint="it holds 3 files", remedy=Remedy("force", purpose="to replace them")
    )
    assert _error_text(many, capsys).endswith(
        "  hint: it holds 3 files; pass --force to replace them\n"
    )


def test_the_core_names_no_option_of_the_command_line() -> None:
    """No string of the core (outside docstrings) spells a command-line option."""
    found = []
    for path in sorted((ROOT / "kogsro").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("kogsro/cli/") or relative == "kogsro/i18n/messages.py":
            continue  # the command line and its own words
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) in docstrings:
                    continue
                flags = set(FLAG.findall(node.value)) - NOT_OURS
                if flags:
                    found.append(f"{relative}:{node.lineno}: {sorted(flags)}")
    assert found == []


# --- as the user meets them ----------------------------------------------------------------


def test_new_names_its_options(example: Path) -> None:
    code, _, err = run_cli("new", "--host", "ba-szz")
    assert code == 2 and "error: --host: unknown organisation 'ba-szz'" in err
    assert "hint: did you mean 'ba-sz'?" in err
    code, _, err = run_cli("new", "--date", "2022-09-20", "--chair", "niemand")
    assert code == 2 and "error: --chair: unknown organisation or person 'niemand'" in err
    code, _, err = run_cli("new", "--date", "2022-06-14")
    assert code == 2 and "kogsro never overwrites a session file" in err
    assert "; pass --date YYYY-MM-DD for another day" in err
    assert not (example / "agendas" / "2022-09-20.yaml").exists()


def test_new_without_a_series_says_to_pass_a_date(example: Path) -> None:
    config = example / "kogsro.yaml"
    text = config.read_text(encoding="utf-8")
    without = re.sub(r"\nseries:\n(?:[ \t].*\n)*", "\n", text)
    assert "series:" not in without
    config.write_text(without, encoding="utf-8")
    code, _, err = run_cli("new")
    assert code == 2, err
    assert "hint: pass --date YYYY-MM-DD, or add `series: {rule: FREQ=MONTHLY;BYDAY=2TU}`" in err


def test_template_copy_says_how_to_replace_it(example: Path) -> None:
    assert run_cli("templates", "copy", "invitation.md.j2")[0] == 0
    code, _, err = run_cli("templates", "copy", "invitation.md.j2")
    assert code == 2
    assert "hint: pass --force to replace your copy with the built-in one" in err


def test_no_workspace_says_to_pass_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KOGSRO_WORKSPACE", raising=False)
    code, _, err = run_cli("show", "2022-06-14")
    assert code == 2
    assert "hint: pass --workspace DIR, or run kogsro inside a workspace" in err


def test_init_over_a_workspace_says_what_force_does(example: Path) -> None:
    code, _, err = run_cli("init", str(example))
    assert code == 2 and "already a workspace" in err
    assert err.rstrip().endswith(
        "hint: pass --force to overwrite its kogsro.yaml and attendees.yaml "
        "(session files are never touched)"
    )
