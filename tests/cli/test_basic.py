"""The commands of the foundation through the Typer app, and one real process."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli


def test_version() -> None:
    code, out, _ = run_cli("--version")
    assert code == 0
    assert out.startswith("kogsro ")


def test_help_lists_every_command() -> None:
    code, out, _ = run_cli("--help")
    assert code == 0
    for command in ("init", "check", "show", "schema"):
        assert command in out


def test_check_example_is_clean(example: Path) -> None:
    code, out, err = run_cli("check")
    assert code == 0, err
    assert "no problems" in out
    code, out, _ = run_cli("check", "--json")
    assert code == 0 and json.loads(out) == []


def test_check_reports_every_problem_and_exits_2(example: Path) -> None:
    (example / "agendas" / "2022-06-14.yaml").write_text(
        "date: 2022-06-14\nhots: ba-sz\nstart: 25:00\n", encoding="utf-8"
    )
    (example / "agendas" / "2022-09-13.yaml").write_bytes(b"date: 2022-09-13\nhost: \xff\n")
    code, out, err = run_cli("check")
    assert code == 2
    assert "agendas/2022-06-14.yaml:2:1: unknown key 'hots'" in err
    assert "hint: did you mean 'host'?" in err
    assert "agendas/2022-06-14.yaml:3:8:" in err
    assert "agendas/2022-09-13.yaml:2:7: invalid UTF-8" in err
    assert "Traceback" not in err + out
    code, out, _ = run_cli("check", "--json")
    assert code == 2
    problems = json.loads(out)
    assert {"file", "line", "column", "message"} <= set(problems[0])
    assert len(problems) >= 4


def test_check_named_files(example: Path) -> None:
    code, out, _ = run_cli("check", "agendas/2022-06-14.yaml")
    assert code == 0, out
    bad = example / "bad.yaml"
    bad.write_text("- just a list\n")
    code, _, err = run_cli("check", str(bad))
    assert code == 2
    assert "bad.yaml:1:1: expected a mapping" in err


def test_broken_roster_is_reported_not_raised(example: Path) -> None:
    (example / "attendees.yaml").write_text("organisations: [\n")
    code, _, err = run_cli("check")
    assert code == 2
    assert "attendees.yaml:" in err


def test_show_in_german(example: Path) -> None:
    code, out, err = run_cli("show", "2022-06-14")
    assert code == 0, err
    assert "Dienstag, 14. Juni 2022" in out
    assert "Gutshaus Steglitz" in out
    assert "Steglitz-Zehlendorf" in out
    assert "TOP" in out and "10:00" in out
    assert "Senatsverwaltung für Finanzen" in out


def test_show_json_and_english(example: Path) -> None:
    code, out, _ = run_cli("show", "2022-06-14", "--json", "--lang", "en")
    assert code == 0
    data = json.loads(out)
    assert data["date_text"] == "Tuesday, 14 June 2022"
    assert data["items"][0]["start"] == "10:00"
    starts = [item["start"] for item in data["items"] if item["depth"] == 0]
    assert starts == sorted(starts)
    assert {"number", "title", "duration", "presenters", "public"} <= set(data["items"][0])
    assert any(not item["public"] for item in data["items"])


def test_show_next_and_last_use_today(example: Path) -> None:
    _, out, _ = run_cli("show", "next", "--json")  # KOGSRO_TODAY=2022-06-01
    assert json.loads(out)["id"] == "2022-06-14"
    _, out, _ = run_cli("show", "last", "--json")
    assert json.loads(out)["id"] == "2022-04-12"


def test_show_warns_when_the_plan_overruns(example: Path) -> None:
    path = example / "agendas" / "2022-06-14.yaml"
    text = path.read_text(encoding="utf-8").replace("end: 13:00", "end: 11:00")
    path.write_text(text, encoding="utf-8")
    code, _, err = run_cli("show", "2022-06-14")
    assert code == 0
    assert "warning: the agenda runs until" in err


def test_show_unknown_session(example: Path) -> None:
    code, _, err = run_cli("show", "2022-06-15")
    assert code == 2
    assert "unknown session '2022-06-15'" in err
    assert "did you mean" in err


def test_outside_a_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("show", "next")
    assert code == 2
    assert "no kogsro.yaml" in err
    assert "kogsro init" in err


def test_workspace_option_and_variable(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_cli("--workspace", str(example), "check")[0] == 0
    monkeypatch.setenv("KOGSRO_WORKSPACE", str(example))
    assert run_cli("check")[0] == 0


def test_init_creates_a_clean_workspace(tmp_path: Path) -> None:
    target = tmp_path / "new"
    code, _, err = run_cli("init", str(target))
    assert code == 0, err
    assert (target / "kogsro.yaml").is_file()
    assert (target / "attendees.yaml").is_file()
    assert (target / "agendas").is_dir()
    code, _, err = run_cli("--workspace", str(target), "check")
    assert code == 0, err


def test_init_refuses_an_existing_workspace(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    run_cli("init", str(target))
    (target / "kogsro.yaml").write_text("body: {name: Mine, short: M}\n")
    code, _, err = run_cli("init", str(target))
    assert code == 2
    assert "nothing written" in err and "--force" in err
    assert (target / "kogsro.yaml").read_text() == "body: {name: Mine, short: M}\n"
    code, _, _ = run_cli("init", str(target), "--force")
    assert code == 0
    assert "Mine" not in (target / "kogsro.yaml").read_text()


def test_schema() -> None:
    code, out, _ = run_cli("schema", "session")
    assert code == 0
    schema = json.loads(out)
    assert "date" in schema["properties"] and "host" in schema["required"]
    assert run_cli("schema", "nonsense")[0] == 2


def test_unexpected_errors_are_one_line_with_a_hint(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kogsro.documents.presentation

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaputt")

    monkeypatch.setattr(kogsro.documents.presentation, "session_summary", boom)
    code, _, err = run_cli("show", "2022-06-14")
    assert code == 3
    assert "internal error: RuntimeError: kaputt" in err
    assert "--debug" in err
    assert "Traceback" not in err
    with pytest.raises(RuntimeError):
        run_cli("--debug", "show", "2022-06-14")


def test_core_never_imports_typer_or_rich() -> None:
    offenders = []
    for path in (ROOT / "kogsro").rglob("*.py"):
        if "cli" in path.relative_to(ROOT / "kogsro").parts:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import typer", "from typer", "import rich", "from rich")):
                offenders.append(f"{path}: {stripped}")
    assert offenders == []


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys; from kogsro.cli import app\n"
        "try:\n    app(['--help'], prog_name='kogsro')\nexcept SystemExit:\n    pass\n"
        "heavy = {'yaml', 'jinja2', 'babel', 'pydantic', 'typst', 'icalendar', 'holidays', "
        "'dateutil', 'pypdf', 'kogsro.workspace.model', 'kogsro.workspace.yamlsource'}\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_installed_entry_point(tmp_path: Path) -> None:
    """The console script pip installed, as a real process (skipped in a source-only run)."""
    script = shutil.which("kogsro", path=str(Path(sys.executable).parent)) or shutil.which("kogsro")
    if script is None:
        pytest.skip("kogsro is not installed in this environment")
    env = {**os.environ, "KOGSRO_TODAY": "2022-06-01"}
    result = subprocess.run(
        [script, "show", "2022-06-14"], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "14. Juni 2022" in result.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("date: 2022-02-30\nhost: ba-sz\n")
    result = subprocess.run(
        [script, "-w", str(ROOT), "check", str(bad)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 2
    assert "bad.yaml:1:7:" in result.stderr
    assert "Traceback" not in result.stderr


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kogsro", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0
    assert result.stdout.startswith("kogsro ")


@pytest.mark.parametrize("args", [["show", "2022-06-14"], ["export", "oparl", "-o", "-"]])
def test_a_reader_that_goes_away_is_no_error(args: list[str]) -> None:
    env = {**os.environ, "KOGSRO_TODAY": "2022-06-01", "COLUMNS": "80"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kogsro", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=30)
    assert proc.returncode in (0, 141)
    assert "Traceback" not in err and "internal error" not in err


def test_every_exit_code_comes_from_the_one_table() -> None:
    from kogsro.cli import EXIT_BAD_INPUT, EXIT_FAILED, exit_code
    from kogsro.errors import DeliveryError, InputError, OutputExists, TemplateError, UsageError

    assert exit_code(DeliveryError("x")) == EXIT_FAILED == 1
    for error in (InputError([]), UsageError("x"), OutputExists(Path("x")), TemplateError("x")):
        assert exit_code(error) == EXIT_BAD_INPUT == 2
    source = "\n".join(
        path.read_text("utf-8") for path in (Path(__file__).parents[2] / "kogsro").rglob("*.py")
    )
    assert "exit_code =" not in source  # no error class sets its own
    assert re.findall(r"typer\.Exit\((\d+)\)", source) == []  # no number outside the table
