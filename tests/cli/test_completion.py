"""Shell completion: session ids with next and last, formats, people and organisation ids,
template names; asked for as the shell asks (bash), in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kogsro.cli import completion


def complete(words: str, cwd: Path, **env: str) -> list[str]:
    """What bash gets offered for the command line ``words`` (the last word being typed)."""
    current = len(words.split()) - (0 if words.endswith(" ") else 1)
    result = subprocess.run(
        [sys.executable, "-m", "kogsro"],
        cwd=cwd,
        env={
            **os.environ,
            **env,
            "_KOGSRO_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(current),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.slow
def test_completion_as_the_shell_asks(example: Path) -> None:
    assert complete("kogsro show ", example) == [
        "2022-03-09",
        "2022-04-12",
        "2022-06-14",
        "2022-09-13",
        "last",
        "next",
    ]
    assert complete("kogsro minutes 2022-06", example) == ["2022-06-14"]
    assert complete("kogsro invite next -f ", example) == ["eml", "html", "ics", "md", "pdf"]
    assert complete("kogsro decisions -f c", example) == ["csv"]
    assert complete("kogsro actions --owner spk-s", example) == ["spk-spandau", "spk-sz"]
    assert complete("kogsro decisions --host ba-s", example) == ["ba-spandau", "ba-sz"]
    assert "minutes.typ.j2" in complete("kogsro templates copy min", example)


def test_completion_reads_the_files_not_the_model(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example)
    (example / "agendas" / "2023-01-10.yaml").write_text("not: [valid", encoding="utf-8")
    assert "2023-01-10" in completion.session_ids(None, "2023")
    people = completion.roster_ids(None, "", section="people")
    organisations = completion.organisations(None, "")
    assert "spk-sz" in people and "spk-sz" not in organisations
    assert "ba-sz" in organisations and "ba-sz" not in people
    assert set(completion.people_and_organisations(None, "")) == set(people) | set(organisations)
    (example / "templates").mkdir(exist_ok=True)
    (example / "templates" / "mein-brief.md.j2").write_text("x", encoding="utf-8")
    assert completion.template_names(None, "mein") == ["mein-brief.md.j2"]


def test_completion_outside_a_workspace_offers_what_needs_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert completion.session_ids(None, "") == ["last", "next"]
    assert completion.people_and_organisations(None, "") == []
    assert "invitation.html.j2" in completion.template_names(None, "inv")
    assert completion.choices(("md", "html", "pdf"))(None, "p") == ["pdf"]
