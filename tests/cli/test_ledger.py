"""kogsro decisions and kogsro actions on the example workspace."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import run_cli


def records(text: str) -> list[dict[str, object]]:
    data = json.loads(text)
    assert isinstance(data, list)
    return data


# --- decisions --------------------------------------------------------------------------------


def test_decisions_table(example: Path) -> None:
    code, out, err = run_cli("decisions")
    assert code == 0, err
    assert out.startswith("Beschlüsse (7)")
    for ident in ("2022-03-09-top2-d1", "2022-04-12-top4-d1", "2022-06-14-top4.3-d1"):
        assert ident in out
    assert "einvernehmlich" in out and "11/0/1" in out and "geändert" in out
    assert "2022-04-12: Ergänzt" in out  # the note of the amendment


def test_decisions_table_in_english(example: Path) -> None:
    code, out, _ = run_cli("decisions", "--lang", "en", "--search", "gäste")
    assert code == 0
    assert out.startswith("Decisions (1)")
    assert "consensus" in out


def test_decisions_json(example: Path) -> None:
    code, out, _ = run_cli("decisions", "--json")
    assert code == 0
    rows = records(out)
    assert len(rows) == 7
    assert {"id", "session", "date", "item", "text", "vote", "status"} <= set(rows[0])
    assert rows[0]["vote"] == {"yes": 11, "no": 0, "abstain": 1}
    assert [r["status"] for r in rows].count("amended") == 1
    # one record per line
    assert out.splitlines()[1].startswith('{"id": "2022-03-09-top2-d1"')


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--since", "2022-06-01"], ["2022-06-14-top2-d1", "2022-06-14-top4.3-d1"]),
        (["--until", "2022-03-09"], ["2022-03-09-top2-d1", "2022-03-09-top4-d1"]),
        (["--host", "ba-sz"], ["2022-06-14-top2-d1", "2022-06-14-top4.3-d1"]),
        (["--search", "Präsenz"], ["2022-04-12-top5-d1"]),
        (["--status", "amended", "--status", "revoked"], ["2022-03-09-top4-d1"]),
        (
            ["--since", "2022-04-01", "--until", "2022-04-30", "--search", "protokoll"],
            ["2022-04-12-top2-d1"],
        ),
    ],
)
def test_decisions_filters(example: Path, args: list[str], expected: list[str]) -> None:
    code, out, err = run_cli("decisions", "--json", *args)
    assert code == 0, err
    assert [r["id"] for r in records(out)] == expected


def test_no_decisions_found(example: Path) -> None:
    code, out, _ = run_cli("decisions", "--search", "nirgendwo")
    assert (code, out.strip()) == (0, "Keine Beschlüsse gefunden.")
    code, out, _ = run_cli("decisions", "--search", "nirgendwo", "--json")
    assert (code, out) == (0, "[]\n")


def test_decisions_csv_written_to_out(example: Path) -> None:
    code, out, _ = run_cli("decisions", "-f", "csv")
    assert code == 0
    assert out.strip() == "wrote out/decisions.csv"
    data = (example / "out" / "decisions.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(table) == 7
    assert "Bürger*innenbeteiligung" in table[3]["Beschluss"]  # a German workspace: German


def test_csv_to_standard_output_with_semicolons(example: Path) -> None:
    code, out, _ = run_cli("decisions", "-f", "csv", "-o", "-", "--delimiter", ";")
    assert code == 0
    assert out.startswith("\ufeffKennung;Datum;Sitzung;Gastgeber;TOP;Tagesordnungspunkt;")
    assert not (example / "out").exists()


def test_csv_speaks_the_language_of_the_workspace(example: Path) -> None:
    code, out, _ = run_cli("actions", "-f", "csv", "-o", "-")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    states = {r["Stand"] for r in rows}
    assert states <= {"offen", "erledigt", "entfallen"} and {"offen", "erledigt"} <= states
    assert {r["Überfällig"] for r in rows} == {"ja", "nein"}
    assert "done" not in out and ",no," not in out
    code, out, _ = run_cli("decisions", "-f", "csv", "-o", "-")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    assert {r["Abstimmung"] for r in rows} == {"ausgezählt", "einvernehmlich"}
    assert {r["Stand"] for r in rows} >= {"gültig", "geändert"}
    # in English: the field names of the JSON records
    code, out, _ = run_cli("actions", "-f", "csv", "-o", "-", "--lang", "en")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    assert {r["overdue"] for r in rows} == {"yes", "no"}
    assert "done" in {r["status"] for r in rows}
    assert set(json.loads(run_cli("actions", "--json")[1])[0]) >= set(rows[0])


def test_public_csv_has_its_own_default_name(example: Path) -> None:
    code, out, _ = run_cli("actions", "-f", "csv", "--public")
    assert code == 0
    assert out.strip() == "wrote out/actions.public.csv"


def test_csv_neutralises_formulas_end_to_end(example: Path) -> None:
    path = example / "agendas" / "2022-06-14.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "task: Präsentation zur Weitergabe an die Bezirke freigeben",
        'task: \'=HYPERLINK("http://example.org";"klick")\'',
    )
    path.write_text(text, encoding="utf-8")
    code, out, _ = run_cli("actions", "-f", "csv", "-o", "-")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    cell = next(r["Aufgabe"] for r in rows if r["Kennung"] == "2022-06-14-top4.1-a1")
    assert cell == '\'=HYPERLINK("http://example.org";"klick")'


def test_human_files_are_not_overwritten(example: Path) -> None:
    target = example / "beschluesse.csv"
    target.write_text("von Hand\n", encoding="utf-8")
    code, _, err = run_cli("decisions", "-f", "csv", "-o", str(target))
    assert code == 2
    assert "already exists" in err
    assert target.read_text(encoding="utf-8") == "von Hand\n"
    code, _, _ = run_cli("decisions", "-f", "csv", "-o", str(target), "--force")
    assert code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_json_to_a_file(example: Path) -> None:
    code, out, _ = run_cli("decisions", "--json", "-o", "log.json")
    assert code == 0
    assert out.strip() == "wrote log.json"
    assert len(records((example / "log.json").read_text(encoding="utf-8"))) == 7


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "ba-szz"], "--host: unknown organisation 'ba-szz'"),
        (["--since", "14.06.2022"], "--since: invalid date '14.06.2022'"),
        (
            ["--since", "2022-07-01", "--until", "2022-06-01"],
            "--since, --until: the first day 2022-07-01 is after the last day 2022-06-01",
        ),
        (["--status", "gültig"], "--status: unknown status 'gültig'"),
        (["-f", "xlsx"], "--format: unknown format 'xlsx'"),
        (["-f", "csv", "--json"], "--json and --format csv ask for two formats"),
        (["-o", "x.txt"], "--output needs a file format"),
        (["-f", "csv", "--delimiter", "|"], "--delimiter: '|' is not a CSV delimiter"),
        (["--lang", "fr"], "unknown language 'fr'"),
    ],
)
def test_decisions_usage_errors(example: Path, args: list[str], message: str) -> None:
    code, out, err = run_cli("decisions", *args)
    assert (code, out) == (2, "")
    assert message in err
    assert "Traceback" not in err
    assert not (example / "out").exists()


# --- actions ----------------------------------------------------------------------------------


def test_actions_table(example: Path) -> None:
    code, out, err = run_cli("actions")
    assert code == 0, err
    assert out.startswith("Aufgaben (13; 6 offen, 2 überfällig; Stand: 1. Juni 2022)")
    assert "überfällig" in out and "erledigt" in out


def test_actions_json(example: Path) -> None:
    code, out, _ = run_cli("actions", "--json")
    rows = records(out)
    assert code == 0 and len(rows) == 13
    assert {"id", "session", "task", "owner", "due", "status", "overdue"} <= set(rows[0])
    moved = next(r for r in rows if r["id"] == "2022-03-09-top4-a2")
    assert (moved["due"], moved["status"], moved["updated_in"]) == (
        "2022-09-13",
        "open",
        ["2022-04-12"],
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--overdue"], ["2022-03-09-top5-a2", "2022-04-12-top4-a2"]),
        (["--overdue", "--as-of", "2022-05-20"], ["2022-03-09-top5-a2"]),
        (["--open", "--owner", "spk-mh"], ["2022-06-14-top3.2-a1"]),
        (["--owner", "ba-mh"], ["2022-06-14-top3.1-a1", "2022-06-14-top3.2-a1"]),
        (["--open", "--since", "2022-06-14", "--search", "übersicht"], ["2022-06-14-top5-a1"]),
    ],
)
def test_actions_filters(example: Path, args: list[str], expected: list[str]) -> None:
    code, out, err = run_cli("actions", "--json", *args)
    assert code == 0, err
    assert [r["id"] for r in records(out)] == expected


def test_overdue_as_of_a_later_day(example: Path) -> None:
    code, out, _ = run_cli("actions", "--json", "--overdue", "--as-of", "2022-09-14")
    rows = records(out)
    assert code == 0 and rows
    assert all(r["overdue"] and r["status"] == "open" for r in rows)
    assert "2022-03-09-top4-a2" in [r["id"] for r in rows]  # moved to 2022-09-13, still open


def test_fail_on_overdue(example: Path) -> None:
    code, out, err = run_cli("actions", "--overdue", "--fail-on-overdue")
    assert code == 1
    assert "2022-03-09-top5-a2" in out  # the list is still shown
    assert "warning: 2 overdue tasks as of 2022-06-01" in err
    code, _, err = run_cli("actions", "--fail-on-overdue", "--as-of", "2022-05-01", "--json")
    assert code == 0, err
    code, _, _ = run_cli("actions", "--fail-on-overdue", "--owner", "spk-mh")
    assert code == 0  # only the listed tasks count


def test_actions_usage_errors(example: Path) -> None:
    code, _, err = run_cli("actions", "--owner", "niemand")
    assert code == 2
    assert "--owner: unknown person or organisation 'niemand'" in err
    code, _, err = run_cli("actions", "--as-of", "morgen")
    assert code == 2
    assert "--as-of: invalid date 'morgen'" in err


def test_unknown_update_is_reported_with_its_place(example: Path) -> None:
    path = example / "agendas" / "2022-09-13.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - action: 2022-04-12-top4-a1", "  - action: 2022-04-12-top4-a9", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - action: 2022-04-12-top4-a9") + 1
    for command in ("actions", "decisions"):
        code, out, err = run_cli(command)
        assert code == 2
        assert out == ""
        assert f"agendas/2022-09-13.yaml:{line}:13: unknown action id '2022-04-12-top4-a9'" in err
        assert "did you mean '2022-04-12-top4-a2' or '2022-04-12-top4-a1'?" in err
    code, _, err = run_cli("check")
    assert code == 2 and f"2022-09-13.yaml:{line}:13" in err


def test_help_texts(example: Path) -> None:
    for command in ("decisions", "actions"):
        code, out, _ = run_cli(command, "--help")
        assert code == 0
        for option in ("--since", "--search", "--format", "--json", "--output", "--public"):
            assert option in out
    assert "--fail-on-overdue" in run_cli("actions", "--help")[1]


# --- documents ----------------------------------------------------------------------------------


def test_documents_written_to_out(example: Path) -> None:
    code, out, err = run_cli("decisions", "-f", "pdf")
    assert code == 0, err
    assert out.strip() == "wrote out/decisions.pdf"
    assert (example / "out" / "decisions.pdf").read_bytes().startswith(b"%PDF-")
    code, out, _ = run_cli("actions", "-f", "html", "--public", "--open")
    assert out.strip() == "wrote out/actions.public.html"
    html = (example / "out" / "actions.public.html").read_text(encoding="utf-8")
    assert "Öffentliche Fassung" in html and "2022-06-14-top5-a1" not in html


def test_english_documents_are_named_so(example: Path) -> None:
    code, out, _ = run_cli("decisions", "-f", "html", "--lang", "en")
    assert (code, out.strip()) == (0, "wrote out/decisions.en.html")


def test_markdown_to_standard_output(example: Path) -> None:
    code, out, _ = run_cli("actions", "-f", "md", "-o", "-", "--overdue", "--lang", "en")
    assert code == 0
    assert out.startswith("# Task list of the KoG SRO")
    assert "overdue tasks only" in out and "2022-04-12-top4-a2" in out
    assert not (example / "out").exists()
