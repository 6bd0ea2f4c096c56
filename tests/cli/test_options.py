"""Every option means what it says: file names that contradict the format, folders created
on the way, --json on commands that write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.docx"], "kogsro does not write .docx files"),
        (["-f", "pdf", "-o", "x.html"], "-o x.html does not fit -f pdf"),
        (["-f", "ics", "-o", "x.pdf"], "-o x.pdf does not fit -f ics"),
        (["-f", "md", "-o", "x.docx"], "-o x.docx does not fit -f md"),
    ],
)
def test_a_file_name_that_contradicts_the_format_is_refused(
    example: Path, args: list[str], message: str
) -> None:
    code, _, err = run_cli("invite", "2022-06-14", *args)
    assert code == 2
    assert message in err and "hint:" in err
    assert not (example / Path(args[-1]).name).exists()


def test_the_format_follows_the_file_name(example: Path) -> None:
    code, _out, err = run_cli("minutes", "2022-06-14", "-o", "protokoll.HTML")
    assert code == 0, err
    assert (example / "protokoll.HTML").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    code, _, err = run_cli("invite", "2022-06-14", "-f", "pdf", "-o", "einladung")
    assert code == 0, err
    assert (example / "einladung").read_bytes().startswith(b"%PDF")


def test_folders_created_on_the_way_are_named(example: Path) -> None:
    code, _, err = run_cli("invite", "2022-06-14", "-f", "md", "-o", "neu/tief/x.md")
    assert code == 0, err
    assert (example / "neu" / "tief" / "x.md").is_file()
    assert "created the folder neu" in err
    code, _out, err = run_cli("invite", "2022-06-14", "-f", "md", "-o", "neu/tief/y.md")
    assert code == 0 and "created the folder" not in err


@pytest.mark.parametrize("fmt", ["md", "pdf", "ics", "eml"])
def test_json_reports_what_invite_wrote(example: Path, fmt: str) -> None:
    code, out, err = run_cli("invite", "2022-06-14", "-f", fmt, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["format"] == fmt and data["written"]
    for name in data["written"]:
        assert (example / name).is_file()


@pytest.mark.parametrize(
    "args",
    [
        ["invite", "2022-06-14", "-f", "md", "-o", "-", "--json"],
        ["invite", "2022-06-14", "-f", "ics", "-o", "-", "--json"],
        ["calendar", "-o", "-", "--json"],
        ["new", "-o", "-", "--json"],
    ],
)
def test_json_and_standard_output_exclude_each_other(example: Path, args: list[str]) -> None:
    code, out, err = run_cli(*args)
    assert code == 2
    assert "--json and -o - both want standard output" in err
    assert out == ""
