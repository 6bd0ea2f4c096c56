"""The command line's own words follow the locale: German with LANG=de_DE.UTF-8."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli


def test_german_locale_gives_german_messages(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    code, out, err = run_cli("invite", "2022-06-14", "-f", "md", "-o", "neu/x.md")
    assert code == 0, err
    assert out.strip() == "geschrieben: neu/x.md"
    assert "Ordner angelegt: neu" in err
    code, _, err = run_cli("show", "2099-01-01")
    assert code == 2
    assert err.startswith("Fehler: unknown session '2099-01-01'")
    assert "\n  Hinweis: did you mean" in err
    path = example / "agendas" / "2022-09-13.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\ntitle:", "\ntitel:"), "utf-8")
    code, _, err = run_cli("show", "2022-09-13")
    assert code == 2 and err.rstrip().endswith("Fehler: 1 Problem gefunden")
    code, _, err = run_cli("show", "2022-06-14")
    assert code == 0 and err.startswith("Warnung: agendas/2022-09-13.yaml is left out")
    code, _, err = run_cli("check")
    assert code == 2 and err.rstrip().endswith("\n1 Problem gefunden")
    path.write_text(path.read_text(encoding="utf-8").replace("\ntitel:", "\ntitle:"), "utf-8")
    code, out, _ = run_cli("check")
    assert (code, out.strip()) == (0, "ok: 6 Dateien geprüft, keine Probleme")


@pytest.mark.parametrize("lang", ["C.UTF-8", "en_GB.UTF-8", ""])
def test_other_locales_give_english_messages(
    example: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("LANG", lang)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run_cli("show", "2099-01-01")
    assert code == 2 and err.startswith("error: unknown session") and "  hint: " in err
    # LC_ALL wins over LANG, as for every program
    monkeypatch.setenv("LC_ALL", "de_AT.UTF-8")
    assert run_cli("show", "2099-01-01")[2].startswith("Fehler: ")
