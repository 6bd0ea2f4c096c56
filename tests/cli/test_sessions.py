"""`kogsro new`, `kogsro plan` and `kogsro sessions` on the example workspace."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Golden, run_cli


def files(example: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((example / "agendas").iterdir())}


# --- new -----------------------------------------------------------------------------------


def test_new_creates_the_next_session(example: Path) -> None:
    code, out, err = run_cli("new")
    assert code == 0, err
    assert out.splitlines()[0] == "created agendas/2022-10-11.yaml: Tue 2022-10-11, host ba-nk"
    assert "open tasks listed for updates" in out
    text = (example / "agendas" / "2022-10-11.yaml").read_text(encoding="utf-8")
    assert 'host: "ba-nk"' in text and "Rathaus Neukölln" in text
    assert "Offene Aufgaben aus früheren Sitzungen" in text
    # the deferred item of June was taken up in September: not carried again
    assert "carried_from" not in text.replace("# die Tagesordnung ergänzen", "").split("items:")[1]
    code, out, err = run_cli("check")
    assert code == 0, err
    code, out, _ = run_cli("sessions", "--json")
    row = json.loads(out)[-1]
    assert (row["id"], row["status"], row["host"]) == ("2022-10-11", "planned", "ba-nk")


def test_new_carries_a_deferred_item(example: Path) -> None:
    september = example / "agendas" / "2022-09-13.yaml"
    september.unlink()
    code, out, err = run_cli("new", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["file"] == "agendas/2022-09-13.yaml"
    assert (data["date"], data["host"], data["chair"]) == ("2022-09-13", "ba-ts", "ba-ts")
    assert data["carried_items"] == ["2022-06-14-top6"]
    assert "2022-06-14-top3.2-a1" in data["open_tasks"]
    assert "2022-04-12-top4-a1" in data["open_tasks"]  # closed only in the old September file
    assert data["warnings"] == []
    code, out, _ = run_cli("show", "2022-09-13", "--json")
    assert code == 0
    titles = [item["title"] for item in json.loads(out)["items"]]
    assert (
        "Fortschreibung der Bezirksregionenprofile: gemeinsames Kernset von Indikatoren" in titles
    )


def test_new_with_options_and_stdout(example: Path) -> None:
    before = files(example)
    code, out, err = run_cli(
        "new", "--date", "2022-10-03", "--host", "ba-li", "--chair", "spk-li", "-o", "-"
    )
    assert code == 0, err
    assert "public holiday in Berlin (Tag der Deutschen Einheit)" in err
    assert "date: 2022-10-03" in out and 'host: "ba-li"' in out and 'chair: "spk-li"' in out
    assert files(example) == before  # -o - writes nothing


def test_new_refuses_to_overwrite(example: Path) -> None:
    before = files(example)
    code, _, err = run_cli("new", "--date", "2022-09-13")
    assert code == 2
    assert "agendas/2022-09-13.yaml: already exists, not overwritten" in err
    assert "Traceback" not in err
    assert files(example) == before


def test_new_bad_options(example: Path) -> None:
    code, _, err = run_cli("new", "--date", "13.09.2022")
    assert code == 2 and "--date: invalid date '13.09.2022'" in err and "YYYY-MM-DD" in err
    code, _, err = run_cli("new", "--host", "ba-nkk")
    assert code == 2 and "unknown organisation 'ba-nkk'" in err and "did you mean 'ba-nk'?" in err
    code, _, err = run_cli("new", "--chair", "nobody")
    assert code == 2 and "'nobody'" in err
    assert not (example / "agendas" / "2022-10-11.yaml").exists()


def test_new_refuses_a_broken_workspace(example: Path) -> None:
    (example / "agendas" / "2022-09-13.yaml").write_text("date: 2022-09-13\nhots: ba-ts\n")
    before = files(example)
    code, _, err = run_cli("new")
    assert code == 2
    assert "agendas/2022-09-13.yaml:2:1: unknown key 'hots'" in err
    assert files(example) == before


def test_two_concurrent_new_processes_create_one_file(example: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KOGSRO_TODAY": "2022-06-01"}
    command = [sys.executable, "-m", "kogsro", "new", "--date", "2022-10-11"]
    processes = [
        subprocess.Popen(
            command, cwd=example, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    results = [(p.wait(timeout=60), *p.communicate()) for p in processes]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 2, 2], results
    for code, _, err in results:
        if code == 2:
            assert "already exists, not overwritten" in err and "Traceback" not in err
    created = [p.name for p in (example / "agendas").iterdir() if p.name.startswith("2022-10-11")]
    assert created == ["2022-10-11.yaml"]  # and no temporary files left behind
    assert not [p for p in (example / "agendas").iterdir() if p.name.startswith(".")]
    code, _, err = run_cli("check")
    assert code == 0, err


def test_new_files_match_the_golden_files(example: Path, golden: Golden) -> None:
    """The whole file as the coordinator gets it: with open tasks, and with a deferred item."""
    code, out, err = run_cli("new", "-o", "-")
    assert code == 0, err
    golden.check("sessions/new-2022-10-11.yaml", out)
    (example / "agendas" / "2022-09-13.yaml").unlink()
    code, out, err = run_cli("new", "-o", "-")
    assert code == 0, err
    golden.check("sessions/new-2022-09-13.yaml", out)
    code, out, err = run_cli("plan", "2023")
    assert code == 0, err
    text = (example / "agendas" / "2023-03-14.yaml").read_text(encoding="utf-8")
    golden.check("sessions/plan-2023-03-14.yaml", text)


# --- plan ----------------------------------------------------------------------------------


def test_plan_dry_run_writes_nothing(example: Path) -> None:
    before = files(example)
    code, out, err = run_cli("plan", "2023", "--dry-run", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert files(example) == before
    assert data["rule"] == "FREQ=MONTHLY;BYDAY=2TU" and data["breaks"] == ["07-01..08-31"]
    assert [(s["date"], s["host"], s["exists"]) for s in data["sessions"]][:3] == [
        ("2023-01-10", "ba-nk", False),
        ("2023-02-14", "ba-tk", False),
        ("2023-03-14", "ba-mh", False),
    ]
    assert data["sessions"][0]["file"] == "agendas/2023-01-10.yaml"
    assert [s["date"] for s in data["skipped"]] == ["2023-07-11", "2023-08-08"]
    assert data["skipped"][0]["reason"] == "break 07-01..08-31"
    code, out, _ = run_cli("plan", "2023", "--dry-run")
    assert "dry run: would create 10 session files; nothing written" in out
    assert files(example) == before


def test_plan_twice_creates_nothing_new(example: Path) -> None:
    code, out, err = run_cli("plan", "2023")
    assert code == 0, err
    assert "created 10 session files in agendas/" in out
    assert "2023-01-10 Tue  ba-nk" in out
    written = files(example)
    assert len(written) == 4 + 10
    code, out, err = run_cli("check")
    assert code == 0, err
    code, out, _ = run_cli("plan", "2023")
    assert code == 0
    assert "nothing new: all 10 sessions of the plan exist already" in out
    assert files(example) == written
    code, out, _ = run_cli("plan", "2023", "--json")
    assert all(s["exists"] and not s["created"] for s in json.loads(out)["sessions"])
    # `new` continues after the planned year, with the next host of the rotation
    code, out, _ = run_cli("new", "--json")
    data = json.loads(out)
    assert data["date"] == "2024-01-09"
    december = json.loads(run_cli("sessions", "--json", "--year", "2023")[1])[-1]
    assert december["id"] == "2023-12-12"
    rotation = ["ba-mitte", "ba-fk", "ba-pankow", "ba-cw", "ba-spandau", "ba-sz", "ba-ts",
                "ba-nk", "ba-tk", "ba-mh", "ba-li", "ba-rd"]  # fmt: skip
    assert rotation.index(data["host"]) == (rotation.index(december["host"]) + 1) % 12


def test_plan_keeps_existing_and_skips_the_past(example: Path) -> None:
    code, out, err = run_cli("plan", "2022", "--json")
    assert code == 0, err
    data = json.loads(out)
    rows = {s["date"]: s for s in data["sessions"]}
    # 8 March 2022 is Internationaler Frauentag: moved to the 9th, which exists already
    assert rows["2022-03-09"]["exists"] and rows["2022-03-09"]["moved_from"] == "2022-03-08"
    assert rows["2022-03-09"]["holiday"] == "Internationaler Frauentag"
    assert rows["2022-06-14"]["exists"] and rows["2022-06-14"]["host"] == "ba-sz"
    assert rows["2022-10-11"]["created"] and rows["2022-10-11"]["host"] == "ba-nk"
    skipped = {s["date"]: s["reason"] for s in data["skipped"]}
    assert skipped["2022-05-10"] == "in the past" and skipped["2022-01-11"] == "in the past"
    assert skipped["2022-07-12"] == "break 07-01..08-31"


def test_plan_options(example: Path) -> None:
    code, out, err = run_cli(
        "plan", "2025", "--rule", "FREQ=MONTHLY;BYMONTHDAY=8", "--on-holiday", "skip",
        "--break", "12-01..12-31", "--break", "07-15..08-15", "--dry-run", "--json",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    skipped = {s["date"]: s["reason"] for s in data["skipped"]}
    assert skipped["2025-03-08"] == "public holiday: Internationaler Frauentag"
    assert skipped["2025-05-08"].startswith("public holiday: 80. Jahrestag der Befreiung")
    assert skipped["2025-12-08"] == "break 12-01..12-31"
    assert "2025-08-08" in skipped
    assert [s["date"] for s in data["sessions"]] == [
        "2025-01-08", "2025-02-08", "2025-04-08", "2025-06-08", "2025-07-08", "2025-09-08",
        "2025-10-08", "2025-11-08",
    ]  # fmt: skip
    code, out, err = run_cli(
        "plan",
        "2025",
        "--rule",
        "FREQ=MONTHLY;BYDAY=2TU",
        "--on-holiday",
        "next-workday",
        "--dry-run",
    )
    assert code == 0, err
    assert "on holidays: next-workday; breaks: 07-01..08-31" in out


def test_plan_bad_input(example: Path) -> None:
    before = files(example)
    code, _, err = run_cli("plan", "2023", "--rule", "FREQ=MONTHLY;BYDAY=9TU")
    assert code == 2 and "BYDAY position is out of range" in err and "hint:" in err
    code, _, err = run_cli("plan", "2023", "--break", "07-01..07-32")
    assert code == 2 and "month 7 has no day 32" in err
    code, _, err = run_cli("plan", "2023", "--on-holiday", "move")
    assert code == 2 and "skip or next-workday" in err
    code, _, err = run_cli("plan", "1900")
    assert code == 2 and "out of range" in err
    code, _, err = run_cli("plan", "next")
    assert code == 2
    assert files(example) == before
    config = example / "kogsro.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("BYDAY=2TU", "BYDAY=2XX"))
    code, _, err = run_cli("plan", "2023")
    line = next(
        n
        for n, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1)
        if "2XX" in text
    )
    assert code == 2 and f"kogsro.yaml:{line}:" in err and "2XX" in err
    code, _, err = run_cli("check")
    assert code == 2 and f"kogsro.yaml:{line}:" in err
    assert files(example) == before


def test_plan_without_series_needs_a_rule(example: Path) -> None:
    config = example / "kogsro.yaml"
    text = config.read_text(encoding="utf-8")
    start = text.index("# Sitzungsrhythmus")
    config.write_text(text[:start] + text[text.index("# Versand") :], encoding="utf-8")
    code, _, err = run_cli("plan", "2023")
    assert code == 2 and "no recurrence rule" in err and "--rule" in err
    code, _, err = run_cli("new")
    assert code == 2 and "--date" in err
    code, out, err = run_cli("plan", "2023", "--rule", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1")
    assert code == 0, err
    assert "2023-03-01 Wed  ba-nk" in out


# --- sessions ------------------------------------------------------------------------------


def test_sessions_table_and_json(example: Path) -> None:
    code, out, err = run_cli("sessions")
    assert code == 0, err
    lines = [line for line in out.splitlines() if "2022-" in line]
    assert len(lines) == 4
    # in the workspace's language, like the other tables
    assert lines[2].split() == [
        "2022-06-14",
        "Di.",
        "Steglitz-Zehlendorf",
        "durchgeführt",
        "Entwurf",
        "3",
        "–",
    ]
    assert lines[0].split()[-2:] == ["2", "1"]  # open, of which overdue
    assert "geplant" in lines[3]
    assert "überfällig" in out
    code, out, _ = run_cli("sessions", "--json")
    data = json.loads(out)
    assert [(r["id"], r["status"], r["open_tasks"]) for r in data] == [
        ("2022-03-09", "held", 2),
        ("2022-04-12", "held", 1),
        ("2022-06-14", "held", 3),
        ("2022-09-13", "planned", 0),
    ]
    code, out, _ = run_cli("sessions", "--json", "--year", "2021")
    assert json.loads(out) == []


@pytest.mark.parametrize("columns", [60, 66, 72, 80, 120])
def test_sessions_name_the_host_at_every_width(
    example: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    """Too narrow for a host column of 12 cells, each host goes under its session."""
    from kogsro.cli.output import console

    monkeypatch.setenv("COLUMNS", str(columns))
    console.cache_clear()
    code, out, err = run_cli("sessions")
    console.cache_clear()
    assert code == 0, err
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= columns
    rule = next(n for n, line in enumerate(lines) if line.startswith("─"))
    header = lines[rule - 1]
    below = header.startswith("Gastgeber")  # under "Sitzung" in the first column
    assert below is (columns < 75)
    if below:  # the first column: the session, its host folded below it
        start, end = 0, header.index("Tag")
    else:
        start, end = header.index("Gastgeber"), header.index("Stand")
    column = "".join(line[start:end].strip() for line in lines[rule + 1 :])
    for host in ("Charlottenburg-Wilmersdorf", "Spandau", "Steglitz-Zehlendorf", "Tempelhof"):
        assert host in column, host
    assert "…" not in out
    code, out, err = run_cli("sessions", "--year", "2021")
    assert code == 0 and "no sessions" in err


# --- planning without traps ----------------------------------------------------------------


def test_plan_says_why_when_every_date_is_past(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOGSRO_TODAY", "2023-12-20")
    code, out, err = run_cli("plan", "2023", "--dry-run")
    assert code == 0, err
    assert "skipped: in the past" in out
    assert "nothing to plan: every date of 2023 is in the past or too close to invite" in out
    assert "10 dates of 2023 before today left out" in err
    assert "`kogsro plan 2024`" in err


def test_plan_leaves_out_late_dates_and_says_so(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOGSRO_TODAY", "2022-12-30")  # 10 January 2023: 14 days ended 12-27
    code, out, err = run_cli("plan", "2023")
    assert code == 0, err
    assert "2023-01-10 Tue  skipped: too late to invite" in out
    assert "left out 2023-01-10: too late to invite" in err
    assert "created 9 session files" in out
    code, _, err = run_cli("check")
    assert code == 0, err


def test_plan_grammar_for_one_existing_session(example: Path) -> None:
    code, out, err = run_cli("plan", "2022", "--dry-run")
    assert code == 0, err
    assert "4 sessions existed already and were left as they are" in out
    for name in ("2022-03-09", "2022-04-12", "2022-09-13"):
        (example / "agendas" / f"{name}.yaml").unlink()
    code, out, err = run_cli("plan", "2022", "--dry-run")
    assert "1 session existed already and was left as it is" in out


def test_prepare_on_the_command_line(example: Path) -> None:
    code, out, err = run_cli("plan", "2023")
    assert code == 0, err
    code, out, err = run_cli("prepare", "2023-01-10")
    assert (code, out.strip()) == (0, "agendas/2023-01-10.yaml is up to date"), err
    # September no longer takes up the item June deferred: the plan's first session does
    september = example / "agendas" / "2022-09-13.yaml"
    text = september.read_text(encoding="utf-8")
    september.write_text(text.replace("carried_from: 2022-06-14-top6", ""), encoding="utf-8")
    code, out, err = run_cli("prepare", "2023-01-10", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["changed"] and data["added"] == ["2022-06-14-top6"] and data["kept"] == []
    code, out, err = run_cli("prepare", "2023-01-10")
    assert out.strip() == "agendas/2023-01-10.yaml is up to date"
    code, out, err = run_cli("prepare", "2022-06-14")
    assert code == 2 and "is held: its agenda is a record now" in err
    code, _, err = run_cli("check")
    assert code == 0, err
