"""Letters an office sends unchanged: overdue as of the letter's date, no internal bookkeeping,
the footer from kogsro.yaml with the document's own date and no product name, a configurable
salutation, no hyphenated names, and a revised invitation that says so and lists the changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kogsro.documents.session_docs import render_document
from kogsro.workspace.loader import Workspace, load_workspace
from tests.conftest import copy_example
from tests.documents.test_session_docs import visible_text
from tests.pdfcheck import page_texts

FORMATS = ("md", "html", "pdf", "txt")


def example(tmp_path: Path, config: dict[str, object] | None = None) -> Workspace:
    tmp_path.mkdir(parents=True, exist_ok=True)
    root = copy_example(tmp_path)
    if config:
        path = root / "kogsro.yaml"
        data = yaml.safe_load(path.read_text("utf-8"))
        data.update(config)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return load_workspace(root)


def edit_config(ws: Workspace, config: dict[str, object]) -> Workspace:
    path = ws.root / "kogsro.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data.update(config)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return load_workspace(ws.root)


def edit_session(ws: Workspace, session: str, old: str, new: str) -> Workspace:
    path = ws.root / "agendas" / f"{session}.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return load_workspace(ws.root)


def text_of(ws: Workspace, kind: str, fmt: str, session: str = "2022-06-14", **kw: object) -> str:
    data = render_document(ws, ws.session(session), kind, fmt, **kw)  # type: ignore[arg-type]
    return data.decode() if fmt == "txt" else visible_text(data, fmt)


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_overdue_is_judged_on_the_letters_date(tmp_path: Path, fmt: str) -> None:
    ws = example(tmp_path)
    # the invitation of 13 September, dated 1 June (today): a task due 28 June is not overdue
    overdue = re.compile(r"28\.06\.2022,? \(?überfällig")
    text = text_of(ws, "invitation", fmt, "2022-09-13")
    assert "2022-06-14-top4.3-a2" in text and not overdue.search(text)
    # dated 30 August: due on 28 June, it is
    ws = edit_session(ws, "2022-09-13", "start: 10:00", "start: 10:00\ninvited_on: 2022-08-30")
    text = text_of(ws, "invitation", fmt, "2022-09-13")
    assert overdue.search(text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_letters_carry_no_internal_bookkeeping(tmp_path: Path, fmt: str) -> None:
    ws = example(tmp_path)
    text = text_of(ws, "invitation", fmt)
    assert "Ladungsfrist beträgt" not in text and "zu versenden" not in text
    assert "versandt" not in text
    assert "Verkürzung der Ladungsfrist" not in text  # sent in time


def test_a_late_letter_says_so(tmp_path: Path) -> None:
    ws = example(tmp_path)
    ws = edit_session(ws, "2022-06-14", "invited_on: 2022-05-31", "invited_on: 2022-06-07")
    for fmt in FORMATS:
        assert "Die Einladung erfolgt unter Verkürzung der Ladungsfrist." in text_of(
            ws, "invitation", fmt
        )


@pytest.mark.parametrize("fmt", ["html", "pdf"])
@pytest.mark.parametrize("kind", ["invitation", "minutes", "attendance"])
def test_footer_without_product_name(tmp_path: Path, kind: str, fmt: str) -> None:
    ws = example(tmp_path)
    text = text_of(ws, kind, fmt)
    assert "kogsro" not in text.lower()
    # the invitation is dated with its letter date, the others with the day they are made
    assert ("Stand: 31. Mai 2022" if kind == "invitation" else "Stand: 1. Juni 2022") in text
    if fmt == "html":
        raw = render_document(ws, ws.session("2022-06-14"), kind, "html").decode()  # type: ignore[arg-type]
        assert "kogsro" not in raw.lower()


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_footer_text_from_kogsro_yaml(tmp_path: Path, fmt: str) -> None:
    footer = "Geschäftsstelle der KoG SRO · Württembergische Straße 6, 10707 Berlin"
    ws = example(tmp_path, {"documents": {"footer": footer}})
    text = text_of(ws, "minutes", fmt)
    assert f"{footer} · Stand: 1. Juni 2022" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_salutation(tmp_path: Path, fmt: str) -> None:
    ws = example(tmp_path)
    assert "Sehr geehrte Damen und Herren," in text_of(ws, "invitation", fmt)
    assert "Dear members and guests," in text_of(ws, "invitation", fmt, lang="en")
    ws = example(tmp_path / "own", {"documents": {"salutation": "Guten Tag,"}})
    text = text_of(ws, "invitation", fmt)
    assert "Guten Tag," in text and "Sehr geehrte" not in text
    # the configured words are German: an English letter keeps its own
    assert "Dear members and guests," in text_of(ws, "invitation", fmt, lang="en")


def test_unknown_document_settings_are_errors(tmp_path: Path) -> None:
    from kogsro.errors import InputError

    with pytest.raises(InputError) as caught:
        example(tmp_path, {"documents": {"footnote": "x"}})
    assert "footnote" in str(caught.value.problems[0])


def test_names_headings_and_letterhead_are_not_hyphenated(tmp_path: Path) -> None:
    # a narrow page would hyphenate long names; the letterhead, facts, signatures and headings
    # must break only at spaces or at a name's own hyphen
    ws = example(tmp_path)
    ws = edit_session(
        ws,
        "2022-06-14",
        "title: Sitzung der KoG SRO – Neue Ansätze der Bürger*innenbeteiligung",
        "title: Sitzung der Bezirksübergreifenden Koordinierungsgruppe Sozialraumorientierung",
    )
    names = ("Sozialraumorientierung", "Koordinierungsgruppe", "Steglitz", "Zehlendorf")
    for kind in ("invitation", "minutes", "attendance"):
        pdf = render_document(ws, ws.session("2022-06-14"), kind, "pdf")
        for page in page_texts(pdf):
            for line in page.splitlines():
                broken = re.search(r"(\w+)-$", line)
                if broken:
                    assert not any(n.startswith(broken[1]) and n != broken[1] for n in names), (
                        f"{kind}: {line!r}"
                    )


# --- the revised invitation -------------------------------------------------------------------


REVISED = """revision: 1
changes:
  - "TOP 5 neu: Personalsituation in den SPK"
  - Beginn 10:30 Uhr statt 10:00 Uhr
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_revised_invitation_says_so_and_lists_the_changes(tmp_path: Path, fmt: str) -> None:
    ws = example(tmp_path)
    ws = edit_session(ws, "2022-06-14", "invited_on:", REVISED + "invited_on:")
    text = text_of(ws, "invitation", fmt)
    assert "Geänderte Einladung" in text
    assert "Diese Einladung ersetzt die zuvor versandte. Geändert hat sich:" in text
    assert "TOP 5 neu: Personalsituation in den SPK" in text
    assert "Beginn 10:30 Uhr statt 10:00 Uhr" in text
    assert "Änderungen" in text  # the section of the changes has a heading of its own
    english = text_of(ws, "invitation", fmt, lang="en")
    assert "Revised invitation" in english and "What has changed:" in english
    assert "Changes" in english


def test_a_revised_invitation_names_itself_once(tmp_path: Path) -> None:
    """The kind of the letter stands above its title; the section of the changes does not
    repeat it."""
    ws = example(tmp_path)
    ws = edit_session(ws, "2022-06-14", "invited_on:", REVISED + "invited_on:")
    assert text_of(ws, "invitation", "md").count("Geänderte Einladung") == 1


def test_a_revision_without_changes_says_it_replaces_the_first(tmp_path: Path) -> None:
    ws = example(tmp_path)
    ws = edit_session(ws, "2022-06-14", "invited_on:", "revision: 2\ninvited_on:")
    text = text_of(ws, "invitation", "md")
    assert "Geänderte Einladung" in text
    assert "Diese Einladung ersetzt die zuvor versandte." in text
    assert "Geändert hat sich" not in text


def test_the_first_invitation_is_no_revision(tmp_path: Path) -> None:
    text = text_of(example(tmp_path), "invitation", "md")
    assert "Geänderte Einladung" not in text and "ersetzt" not in text


def test_empty_changes_are_errors(tmp_path: Path) -> None:
    from kogsro.errors import InputError

    ws = example(tmp_path)
    with pytest.raises(InputError) as caught:
        edit_session(ws, "2022-06-14", "invited_on:", 'revision: 1\nchanges: [""]\ninvited_on:')
    assert "changes" in str(caught.value.problems[0])


# --- Ö/N: the minutes' parts, the marks in the decision log and the task list -----------------


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_minutes_keep_a_public_and_a_non_public_part(tmp_path: Path, fmt: str) -> None:
    ws = example(tmp_path)
    text = text_of(ws, "minutes", fmt)
    public = text.index("Öffentlicher Teil")
    nonpublic = text.index("Nichtöffentlicher Teil")
    assert public < text.index("TOP 7 Verschiedenes (Ö)", public) < nonpublic
    assert "TOP 5 Personalsituation und Stellenbesetzungen in den SPK (N)" in text[nonpublic:]
    assert "TOP 5 Personalsituation" not in text[public:nonpublic]
    assert "Ö = öffentlicher Tagesordnungspunkt, N = nichtöffentlicher" in text
    english = text_of(ws, "minutes", fmt, lang="en")
    assert english.index("Public part") < english.index("Non-public part")
    assert "(NP)" in english


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_public_minutes_have_no_non_public_part(tmp_path: Path, fmt: str) -> None:
    text = text_of(example(tmp_path), "minutes", fmt, public=True)
    assert "Öffentlicher Teil" in text and "Nichtöffentlicher Teil" not in text
    assert "Personalsituation" not in text and "(Ö)" not in text


def test_a_non_public_sub_item_goes_to_the_non_public_part(tmp_path: Path) -> None:
    ws = example(tmp_path)
    ws = edit_session(
        ws,
        "2022-06-14",
        "      - title: Input der Senatskanzlei\n",
        "      - title: Input der Senatskanzlei\n        public: false\n",
    )
    text = text_of(ws, "minutes", "md")
    public, nonpublic = text.index("Öffentlicher Teil"), text.index("Nichtöffentlicher Teil")
    assert "TOP 4.2 Input der Senatskanzlei (N)" in text[nonpublic:]
    assert "TOP 4.3 Erfahrungsaustausch (Ö)" in text[public:nonpublic]
    assert "TOP 4.2" not in text[public:nonpublic]
    # its heading is one level below the part's (PDF/UA refuses skipped heading levels)
    raw = render_document(ws, ws.session("2022-06-14"), "minutes", "md").decode()
    assert "\n#### TOP 4.2 Input der Senatskanzlei (N)\n" in raw
    pdf = text_of(ws, "minutes", "pdf")
    assert "TOP 4.2 Input der Senatskanzlei (N)" in pdf


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_the_ledger_marks_non_public_entries(tmp_path: Path, fmt: str) -> None:
    from kogsro.documents.ledger_docs import (
        ActionQuery,
        DecisionQuery,
        actions_file,
        decision_log,
        decisions_file,
        task_list,
    )
    from tests.documents.test_session_docs import visible_text

    ws = example(tmp_path)
    # TOP 4 (with its decision under 4.3) becomes non-public
    ws = edit_session(
        ws,
        "2022-06-14",
        "    kind: discussion\n    duration: 80\n",
        "    kind: discussion\n    duration: 80\n    public: false\n",
    )
    decisions = DecisionQuery()
    text = visible_text(decisions_file(ws, decision_log(ws, decisions), decisions, fmt), fmt)
    assert "TOP 4.3 Erfahrungsaustausch (nichtöffentlich)" in text
    assert "TOP 2 Genehmigung des Protokolls der Sitzung vom 12. April 2022 (nicht" not in text
    actions = ActionQuery(as_of=ws.session("2022-06-14").date)
    text = visible_text(actions_file(ws, task_list(ws, actions), actions, fmt), fmt)
    assert "TOP 5 (nichtöffentlich)" in text and "TOP 4.3 (nichtöffentlich)" in text
    assert "TOP 3.2 (nicht" not in text
    public = DecisionQuery(public=True)
    text = visible_text(decisions_file(ws, decision_log(ws, public), public, fmt), fmt)
    assert "nichtöffentlich" not in text and "Erfahrungsaustausch" not in text
