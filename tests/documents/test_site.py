"""`kogsro site`: the pages, public and internal, determinism, incremental rebuilds, writing
rules and bad input (the browser checks are in test_site_browser.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kogsro.api import build_site, site_state_file
from kogsro.errors import OutputExists, UsageError
from kogsro.workspace.loader import load_workspace
from tests.browser.linkcheck import check_links
from tests.conftest import run_cli

PAGES = {
    "index.html",
    "years/2022.html",
    "sessions/2022-03-09.html",
    "sessions/2022-04-12.html",
    "sessions/2022-06-14.html",
    "sessions/2022-09-13.html",
    "decisions.html",
    "actions.html",
    "imprint.html",
    "accessibility.html",
}
PDFS = {
    "sessions/2022-03-09/invitation.pdf",
    "sessions/2022-03-09/minutes.pdf",
    "sessions/2022-04-12/invitation.pdf",
    "sessions/2022-04-12/minutes.pdf",
    "sessions/2022-06-14/invitation.pdf",
    "sessions/2022-06-14/minutes.pdf",
    "sessions/2022-09-13/invitation.pdf",
}
OTHERS = {"calendar.ics", "assets/site.css", "assets/filter.js"}
NONPUBLIC_TITLE = "Personalsituation und Stellenbesetzungen in den SPK"
NONPUBLIC_TASK = "Übersicht über unbesetzte Stellen und Vertretungsregelungen"


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def text(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def all_html(folder: Path) -> str:
    return "\n".join(text(folder, n) for n in sorted(files(folder)) if n.endswith(".html"))


@pytest.fixture
def public_site(example: Path) -> Path:
    result = build_site(load_workspace(example))
    return result.folder


def test_the_public_site_of_the_example(public_site: Path, example: Path) -> None:
    assert public_site == example / "out" / "site"
    assert set(files(public_site)) == PAGES | PDFS | OTHERS
    index = text(public_site, "index.html")
    assert '<html lang="de">' in index
    # the next sessions as of 2022-06-01, the feed, the latest decisions, the years
    assert "Dienstag, 14. Juni 2022" in index and "Dienstag, 13. September 2022" in index
    assert 'href="calendar.ics"' in index
    assert 'href="sessions/2022-06-14.html#2022-06-14-top4.3-d1"' in index
    assert 'href="years/2022.html">2022 (4)</a>' in index
    assert "Öffentliche Fassung" in index and "Interne Fassung" not in index
    # every page reaches the imprint and the accessibility statement
    for name in PAGES:
        page = text(public_site, name)
        assert "imprint.html" in page and "accessibility.html" in page, name


def test_the_session_page_shows_agenda_times_documents_decisions_and_tasks(
    public_site: Path,
) -> None:
    page = text(public_site, "sessions/2022-06-14.html")
    assert "Gutshaus Steglitz, Schloßstraße 48, 12165 Berlin" in page
    assert "10:00–13:00 Uhr" in page
    assert re.search(r"<td class=\"time\">10:45</td>\s*<td class=\"title\">Neue Ansätze", page)
    assert 'href="../sessions/2022-06-14/invitation.pdf"' in page
    assert 'href="../sessions/2022-06-14/minutes.pdf"' in page
    assert re.search(r"Ergebnisprotokoll \(PDF, \d+ KB\)", page)
    assert 'id="2022-06-14-top4.3-d1"' in page and "einvernehmlich" in page
    assert 'id="2022-06-14-top3.1-a1"' in page
    assert "https://mein.berlin.de/projekte/stadtteilbudget-marzahn-hellersdorf-2022/" in page
    assert 'rel="prev"' in page and 'rel="next"' in page
    assert "durchgeführt" in page
    # the state of the minutes, from the lifecycle
    assert "<dt>Protokoll</dt><dd>Entwurf</dd>" in page
    approved = text(public_site, "sessions/2022-03-09.html")
    assert "<dt>Protokoll</dt><dd>genehmigt am 12. April 2022</dd>" in approved
    # a planned session has only its invitation
    planned = text(public_site, "sessions/2022-09-13.html")
    assert "invitation.pdf" in planned and "minutes.pdf" not in planned


def test_public_means_no_nonpublic_items_and_no_contact_data(
    public_site: Path, example: Path
) -> None:
    html = all_html(public_site)
    assert NONPUBLIC_TITLE not in html and NONPUBLIC_TASK not in html
    assert "Nicht öffentliche Tagesordnungspunkte sind hier nicht aufgeführt." in html
    addresses = set(re.findall(r"[\w.+-]+@[\w.-]+", text(example, "attendees.yaml")))
    assert addresses
    for address in addresses:
        assert address not in html
    assert "030 23125" not in html
    assert "meet.example.org" not in html  # no online meeting links
    feed = text(public_site, "calendar.ics")
    assert NONPUBLIC_TITLE not in feed and "meet.example.org" not in feed


def test_the_internal_site_has_everything(example: Path) -> None:
    result = build_site(load_workspace(example), public=False)
    assert result.folder == example / "out" / "site-internal"
    html = all_html(result.folder)
    assert NONPUBLIC_TITLE in html and NONPUBLIC_TASK in html
    assert "meet.example.org" in html
    assert "Interne Fassung – nicht zur Veröffentlichung" in html


def test_english_site(example: Path) -> None:
    result = build_site(load_workspace(example), lang="en")
    assert result.folder == example / "out" / "site-en"
    index = text(result.folder, "index.html")
    assert '<html lang="en">' in index and "Next meetings" in index
    html = all_html(result.folder)
    for word in ("Beschlussübersicht", "Aufgabenliste", ">Tagesordnung<", "Impressum"):
        assert word not in html
    assert "Accessibility statement" in html


def test_links_are_relative_and_all_lead_somewhere(public_site: Path) -> None:
    links, problems = check_links(public_site)
    assert problems == []
    assert len(links) > 100
    targets = {link.target for link in links}
    assert "../assets/site.css" in targets and "assets/site.css" in targets
    assert not [t for t in targets if t.startswith("/")]


def test_the_ledger_pages_list_everything_for_the_filter(public_site: Path) -> None:
    decisions = text(public_site, "decisions.html")
    assert decisions.count("data-filter-entry") == 7
    assert '<form class="filter" role="search"' in decisions and " hidden>" in decisions
    assert 'data-status="amended"' in decisions
    assert "<li>12.04.2022: Ergänzt: Für Indikatoren" in decisions  # why it was amended
    assert '<script src="assets/filter.js"></script>' in decisions
    actions = text(public_site, "actions.html")
    assert 'data-status="open overdue"' in actions or 'data-status="open"' in actions
    assert 'data-owner="spk-mh"' in actions


def test_accessibility_statement_and_imprint_from_kogsro_yaml(example: Path) -> None:
    config = example / "kogsro.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\nsite:\n  base_url: https://kog-sro.example.org\n"
        "  imprint: |-\n    Verantwortlich: Geschäftsstelle der KoG SRO\n    Musterstraße 1\n"
        "  contact: barrierefrei@example.org\n  statement_date: 2022-05-02\n",
        encoding="utf-8",
    )
    folder = build_site(load_workspace(example)).folder
    statement = text(folder, "accessibility.html")
    assert "BITV 2.0" in statement and "WCAG 2.1" in statement
    assert "teilweise vereinbar" in statement and "Leichter Sprache" in statement
    assert "PDF/UA-1" in statement
    assert "gilt für die Website unter https://kog-sro.example.org." in statement
    assert "am 2. Mai 2022 erstellt" in statement
    assert 'href="mailto:barrierefrei@example.org"' in statement
    assert "Landesbeauftragte für digitale Barrierefreiheit" in statement
    imprint = text(folder, "imprint.html")
    assert "Verantwortlich: Geschäftsstelle der KoG SRO\nMusterstraße 1" in imprint
    assert '<link rel="canonical" href="https://kog-sro.example.org/imprint.html">' in imprint


def test_without_site_settings_the_imprint_says_what_is_missing(public_site: Path) -> None:
    imprint = text(public_site, "imprint.html")
    assert "site.imprint" in imprint
    assert 'href="mailto:kog-sro@example.org"' in imprint  # the body's own address


def test_the_same_inputs_give_the_same_bytes(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")  # stamps come from "today" then
    ws = load_workspace(example)
    first = build_site(ws, output=example / "out" / "a").folder
    second = build_site(ws, output=example / "out" / "b").folder
    assert files(first) == files(second)
    assert b"DTSTAMP:20220531T220000Z" in files(first)["calendar.ics"]


def test_a_rebuild_writes_only_what_changed(example: Path) -> None:
    ws = load_workspace(example)
    first = build_site(ws)
    assert first.compiled == len(PDFS) and first.reused == 0
    assert len(first.written) == len(PAGES | PDFS | OTHERS)
    before = {n: (first.folder / n).stat().st_mtime_ns for n in files(first.folder)}

    again = build_site(load_workspace(example))
    assert again.written == [] and again.compiled == 0 and again.reused == len(PDFS)

    session = example / "agendas" / "2022-09-13.yaml"
    session.write_text(
        session.read_text(encoding="utf-8").replace("title: ", "title: Geänderte ", 1),
        encoding="utf-8",
    )
    changed = build_site(load_workspace(example))
    assert changed.compiled == 1  # only the invitation of 2022-09-13
    assert "sessions/2022-09-13/invitation.pdf" in changed.written
    assert "sessions/2022-09-13.html" in changed.written
    assert "sessions/2022-03-09.html" not in changed.written
    after = {n: (changed.folder / n).stat().st_mtime_ns for n in files(changed.folder)}
    untouched = [n for n in before if n not in changed.written]
    assert untouched and all(before[n] == after[n] for n in untouched)


def test_a_deleted_session_leaves_the_site(example: Path) -> None:
    build_site(load_workspace(example))
    (example / "agendas" / "2022-09-13.yaml").unlink()
    result = build_site(load_workspace(example))
    assert "sessions/2022-09-13.html" in result.removed
    assert "sessions/2022-09-13/invitation.pdf" in result.removed
    assert not (result.folder / "sessions" / "2022-09-13").exists()


def test_state_is_kept_under_dot_kogsro(example: Path) -> None:
    ws = load_workspace(example)
    result = build_site(ws)
    state = site_state_file(ws, result.folder)
    assert state.parent == example / ".kogsro" / "site"
    data = json.loads(state.read_text(encoding="utf-8"))
    assert set(data["files"]) == PAGES | PDFS | OTHERS
    # a broken state file only costs a full rebuild
    state.write_text("{not json", encoding="utf-8")
    assert build_site(load_workspace(example)).compiled == len(PDFS)


def test_a_folder_elsewhere_is_not_overwritten_without_force(example: Path, tmp_path: Path) -> None:
    target = tmp_path / "public"
    target.mkdir()
    (target / "index.html").write_text("<p>mine</p>", encoding="utf-8")
    (target / "notes.txt").write_text("kept", encoding="utf-8")
    ws = load_workspace(example)
    with pytest.raises(OutputExists) as caught:
        build_site(ws, output=target)
    assert caught.value.path == target / "index.html"
    assert (target / "index.html").read_text(encoding="utf-8") == "<p>mine</p>"
    assert not (target / "decisions.html").exists()
    code, _, err = run_cli("site", "-o", str(target))
    assert code == 2 and "index.html: already exists" in err and "--force" in err
    build_site(ws, output=target, force=True)
    assert "Beschlussübersicht" in text(target, "decisions.html")
    assert text(target, "notes.txt") == "kept"
    build_site(load_workspace(example), output=target)  # its own files: no --force needed


def test_an_unknown_language_is_a_usage_error(example: Path) -> None:
    with pytest.raises(UsageError):
        build_site(load_workspace(example), lang="fr")


def test_standard_output_and_files_are_no_site_folders(example: Path) -> None:
    code, _, err = run_cli("site", "-o", "-")
    assert code == 2 and "a website is a folder" in err
    code, _, err = run_cli("site", "-o", "kogsro.yaml")
    assert code == 2 and "kogsro.yaml" in err and "Traceback" not in err
    assert not (example / "out").exists()


def test_values_are_escaped(example: Path) -> None:
    session = example / "agendas" / "2022-09-13.yaml"
    session.write_text(
        session.read_text(encoding="utf-8").replace(
            "title: ", "title: <script>alert(1)</script> & Co ", 1
        ),
        encoding="utf-8",
    )
    folder = build_site(load_workspace(example)).folder
    page = text(folder, "sessions/2022-09-13.html")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page


# --- the command ---------------------------------------------------------------------------------


def test_site_command(example: Path) -> None:
    code, out, err = run_cli("site")
    assert code == 0, err
    assert out.startswith("wrote 20 of 20 files to out/site (public; 7 PDFs compiled")
    code, out, err = run_cli("site", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["written"] == [] and data["pdfs_reused"] == 7 and data["public"] is True
    code, out, err = run_cli("site", "--internal", "--lang", "en", "-o", "intranet")
    assert code == 0, err
    assert "to intranet (internal;" in out
    assert (example / "intranet" / "index.html").is_file()


def test_site_command_refuses_bad_input_and_writes_nothing(example: Path) -> None:
    session = example / "agendas" / "2022-09-13.yaml"
    session.write_text(
        session.read_text(encoding="utf-8").replace("host: ", "hots: ", 1), encoding="utf-8"
    )
    code, _, err = run_cli("site")
    assert code == 2
    assert re.search(r"agendas/2022-09-13\.yaml:\d+:\d+: ", err)
    assert "Traceback" not in err
    assert not (example / "out" / "site").exists()
    assert not (example / ".kogsro" / "site").exists()


def test_a_workspace_restyles_the_site(example: Path) -> None:
    code, out, err = run_cli("templates", "copy", "site/site.css", "site/index.html.j2")
    assert code == 0, err
    css = example / "templates" / "site" / "site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* Hausfarbe */\n", encoding="utf-8")
    page = example / "templates" / "site" / "index.html.j2"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "{% block content %}", "{% block content %}<p>Willkommen</p>", 1
        ),
        encoding="utf-8",
    )
    folder = build_site(load_workspace(example)).folder
    assert text(folder, "assets/site.css").endswith("/* Hausfarbe */\n")
    assert "<p>Willkommen</p>" in text(folder, "index.html")
    code, out, _ = run_cli("templates", "list")
    assert "site/filter.js" in out


def test_attachments_are_part_of_the_site_and_public_ones_only_in_public(example: Path) -> None:
    (example / "anlagen").mkdir()
    (example / "anlagen" / "leitfaden.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 3000)
    (example / "anlagen" / "stellen.pdf").write_bytes(b"%PDF-1.7\nintern\n")
    session = example / "agendas" / "2022-09-13.yaml"
    text_ = session.read_text(encoding="utf-8")
    first_item = re.search(r"(?m)^  - title: .*$", text_)
    assert first_item
    text_ = (
        text_[: first_item.end()]
        + "\n    attachments:\n"
        + "      - {file: anlagen/leitfaden.pdf, title: Leitfaden Beteiligung}\n"
        + "      - {file: anlagen/stellen.pdf, title: Stellenübersicht, public: false}\n"
        + "      - {url: 'https://example.org/vorlage.pdf', title: Vorlage}"
        + text_[first_item.end() :]
    )
    session.write_text(text_, encoding="utf-8")
    ws = load_workspace(example)
    public = build_site(ws).folder
    page = text(public, "sessions/2022-09-13.html")
    copied = sorted((public / "sessions" / "2022-09-13" / "anlagen").iterdir())
    assert [p.name for p in copied] == ["anlage-01-leitfaden.pdf"]
    assert copied[0].read_bytes().startswith(b"%PDF-1.7\nxxx")
    assert 'href="../sessions/2022-09-13/anlagen/anlage-01-leitfaden.pdf"' in page
    assert "Anlage 1: Leitfaden Beteiligung" in page and "leitfaden.pdf, 3 KB" in page
    assert 'href="https://example.org/vorlage.pdf">Anlage 3: Vorlage</a>' in page
    assert "Stellenübersicht" not in page  # not public; Anlage 3 keeps its number
    assert check_links(public)[1] == []
    internal = build_site(ws, public=False).folder
    names = sorted(p.name for p in (internal / "sessions" / "2022-09-13" / "anlagen").iterdir())
    assert names == ["anlage-01-leitfaden.pdf", "anlage-02-stellen.pdf"]
    assert "Anlage 2: Stellenübersicht" in text(internal, "sessions/2022-09-13.html")
    # an attachment that turns non-public leaves the public site at the next build
    session.write_text(
        session.read_text(encoding="utf-8").replace(
            "title: Leitfaden Beteiligung}", "title: Leitfaden Beteiligung, public: false}"
        ),
        encoding="utf-8",
    )
    result = build_site(load_workspace(example))
    assert "sessions/2022-09-13/anlagen/anlage-01-leitfaden.pdf" in result.removed
    assert not (public / "sessions" / "2022-09-13" / "anlagen").exists()
