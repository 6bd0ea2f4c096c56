"""Invitation, minutes and sign-in sheet: the example workspace (golden files), hostile data in
every format, PDF standards, public mode, English, template overrides."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from kogsro.documents.context import document_title
from kogsro.documents.session_docs import default_output_path, render_document
from kogsro.errors import InputError, TemplateError
from kogsro.i18n import STRINGS
from kogsro.workspace.loader import Workspace, load_workspace
from tests.conftest import Golden, build_file_tree
from tests.pdfcheck import digest, flat_text, fonts, page_texts, reader, xmp

KINDS = ("invitation", "minutes", "attendance")
FORMATS = ("md", "html", "pdf")
SESSION = "2022-06-14"
COMMONMARK = MarkdownIt("commonmark").enable("table")


def render(ws: Workspace, kind: str, fmt: str, session: str = SESSION, **options: Any) -> bytes:
    return render_document(ws, ws.session(session), kind, fmt, **options)  # type: ignore[arg-type]


class _Text(HTMLParser):
    """The text and the element names of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: set[str] = set()
        self.hrefs: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag in ("style", "title"):
            self._skip += 1
        self.hrefs += [value or "" for name, value in attrs if name == "href"]
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(document: str) -> _Text:
    parser = _Text()
    parser.feed(document)
    parser.close()
    return parser


def flat(text: str) -> str:
    return " ".join(text.split())


def visible_text(data: bytes, fmt: str) -> str:
    """What a reader sees: Markdown rendered by a CommonMark implementation, HTML's text, the
    PDF's extracted text; whitespace collapsed."""
    if fmt == "pdf":
        return flat_text(data)
    document = data.decode("utf-8")
    if fmt == "md":
        document = COMMONMARK.render(document)
    return flat("".join(html_text(document).parts))


# --- the example workspace: golden files -------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_example_documents_match_golden(example: Path, golden: Golden, kind: str, fmt: str) -> None:
    ws = load_workspace(example)
    data = render(ws, kind, fmt)
    if fmt == "pdf":
        golden.check(f"documents/{SESSION}/{kind}.pdf.txt", digest(data))
    else:
        golden.check(f"documents/{SESSION}/{kind}.{fmt}", data.decode("utf-8"))


@pytest.mark.parametrize(
    ("session", "kind", "options", "name"),
    [
        (SESSION, "invitation", {"lang": "en"}, "invitation.en.md"),
        (SESSION, "minutes", {"lang": "en"}, "minutes.en.md"),
        (SESSION, "invitation", {"public": True}, "invitation.public.md"),
        (SESSION, "minutes", {"public": True}, "minutes.public.md"),
        ("2022-04-12", "minutes", {}, "minutes.md"),
        ("2022-09-13", "invitation", {}, "invitation.md"),
    ],
)
def test_example_variants_match_golden(
    example: Path, golden: Golden, session: str, kind: str, options: dict[str, Any], name: str
) -> None:
    ws = load_workspace(example)
    golden.check(f"documents/{session}/{name}", render(ws, kind, "md", session, **options).decode())


def test_minutes_carry_what_vwvfg_93_asks_for(example: Path) -> None:
    text = visible_text(render(load_workspace(example), "minutes", "md"), "md")
    for expected in (
        "Gutshaus Steglitz, Schloßstraße 48, 12165 Berlin",  # place
        "Dienstag, 14. Juni 2022",  # date
        "Beginn: 10:00 Uhr",
        "Ende: 13:00 Uhr",
        "Sitzungsleitung: Erika Beispiel (Steglitz-Zehlendorf)",
        "Protokoll: Zoë Exemplarisch (Marzahn-Hellersdorf)",
        "Anwesende Mitglieder (12):",
        "Entschuldigt (2): Paula Probe (Reinickendorf); Björn Beispielmann (SenSBW)",
        "Abwesend (0): keine",
        "Gäste (2): Dr. Klara Testfall (SenFin); Ömer Beispieloğlu (Skzl)",
        "Vertreten sind 12 von 13 Mitgliedsorganisationen (je Organisation eine Stimme). "
        "Die KoG SRO ist beschlussfähig",
        "Beschluss 2022-06-14-top2-d1:",
        "Abstimmung: Ja: 11, Nein: 0, Enthaltungen: 1 – angenommen",
        "Abstimmung: einvernehmlich",
        "2022-06-14-top4.3-a1",
        "Vertagte Tagesordnungspunkte",
        "TOP 6 Fortschreibung der Bezirksregionenprofile",
        "Protokollführung: Zoë Exemplarisch (Marzahn-Hellersdorf)",
    ):
        assert expected in text, expected


def test_invitation_lists_the_tasks_still_open_when_the_session_begins(example: Path) -> None:
    ws = load_workspace(example)
    text = visible_text(render(ws, "invitation", "md", "2022-09-13"), "md")
    assert "Offene Aufgaben aus früheren Sitzungen" in text
    assert "2022-06-14-top4.3-a1" in text  # open since June
    assert "2022-06-14-top3.1-a1" not in text  # done in June
    # closed by an update in the 13 September file itself: still open when that session begins
    assert "2022-06-14-top4.3-a2" in text
    # due after the letter's date (today, 1 June 2022): not overdue in the letter
    assert "28.06.2022" in text and "28.06.2022 (überfällig)" not in text


def test_invitation_refuses_an_inconsistent_ledger(example: Path) -> None:
    path = example / "agendas" / "2022-09-13.yaml"
    path.write_text(
        path.read_text("utf-8") + "  - action: 2022-06-14-top9-a1\n    status: done\n", "utf-8"
    )
    ws = load_workspace(example)
    with pytest.raises(InputError) as caught:
        render(ws, "invitation", "md", "2022-09-13")
    assert "2022-06-14-top9-a1" in str(caught.value.problems[0])


def test_late_invitation_says_so(example: Path) -> None:
    path = example / "agendas" / "2022-06-14.yaml"
    path.write_text(
        path.read_text("utf-8").replace("invited_on: 2022-05-31", "invited_on: 2022-06-07"),
        "utf-8",
    )
    text = visible_text(render(load_workspace(example), "invitation", "md"), "md")
    assert "unter Verkürzung der Ladungsfrist" in text
    assert "Berlin, 7. Juni 2022" in text


# --- PDF: what a reader and an archive need ------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_is_a4_archival_accessible_with_fonts_embedded(example: Path, kind: str) -> None:
    ws = load_workspace(example)
    data = render(ws, kind, "pdf")
    pdf = reader(data)
    assert pdf.metadata is not None
    assert pdf.metadata.title == document_title(
        ws, ws.session(SESSION), kind, lang="de", public=False
    )  # type: ignore[arg-type]
    assert pdf.trailer["/Root"]["/Lang"] == "de"
    meta = xmp(data)
    assert (
        "<pdfaid:part>2</pdfaid:part>" in meta
        and "<pdfaid:conformance>B</pdfaid:conformance>" in meta
    )
    assert "<pdfuaid:part>1</pdfuaid:part>" in meta
    used = fonts(data)
    assert used and all(used.values()), used
    texts = page_texts(data)
    for number, text in enumerate(texts, start=1):
        page = pdf.pages[number - 1]
        assert page.mediabox.width == pytest.approx(595.28, abs=0.1)
        assert page.mediabox.height == pytest.approx(841.89, abs=0.1)
        assert f"Seite {number} von {len(texts)}" in text
        assert "KoG SRO" in text and "14. Juni 2022" in text  # the header


def test_pdf_text_keeps_every_letter(example: Path) -> None:
    text = flat_text(render(load_workspace(example), "minutes", "pdf"))
    names = ["Ayşe Demir-Muster", "Grzegorz Przykładowy", "Nguyễn Văn Muster", "Jürgen Weißmuster",
             "Ömer Beispieloğlu", "Françoise Exemple", "Zoë Exemplarisch"]  # fmt: skip
    for name in names:
        assert name in text, name


def test_pdf_is_reproducible(example: Path) -> None:
    ws = load_workspace(example)
    assert render(ws, "attendance", "pdf") == render(ws, "attendance", "pdf")


# --- no data string can change a document's structure ----------------------------------------

HOSTILE = [
    "Bürger*innen und Vertreter*innen",
    "14. Juni 2022 beginnt die Sitzung",
    "_intern_",
    "<b>fett</b>",
    "#3",
    '#read("/etc/passwd")',
    '#import "x.typ": *',
    '#eval("1 + 1")',
    "#show: none",
    "max@example.org",
    "50 $ und 3 $",
    "a//b /* kein Kommentar */",
    "[Verweis](https://example.org)",
    "`code` und ``mehr``",
    "<script>alert(1)</script>",
    "&amp; & &lt; ' \"",
    "{{ 7 * 7 }} {% if true %}x{% endif %}",
    "\\ Rückstrich \\",
    "- Spiegelstrich",
    "+ Plus",
    "> Zitat",
    "1) Aufzählung",
    "| Tabelle | Zelle |",
    "~~durch~~ ~ geschützt",
    "=== Überschrift",
    "<!-- Kommentar -->",
    "$x^2$",
    "Größe: ı ş ę ễ ß ÄÖÜ",
    "Ende mit Ausrufezeichen!",
    "--- drei Striche",
    "*fett* **sehr** _kursiv_",
    "@preview/paket",
    "'einfach' \"doppelt\" -- ... -?",
]


def hostile_workspace(root: Path) -> Path:
    """A workspace whose every name and text is a string that means something in some format."""
    h = HOSTILE
    config = {
        "body": {"name": h[0], "short": "KoG <SRO> #1", "email": "kog@example.org"},
        "defaults": {"invitation_days": 14, "rsvp_days": 7},
    }
    roster = {
        "organisations": [
            {"id": "org-a", "name": h[3], "short": h[1]},
            {"id": "org-b", "name": h[5], "short": h[4]},
        ],
        "people": [
            {"id": "p-a", "name": h[2], "organisation": "org-a", "role": h[6], "member": True,
             "email": "max@example.org", "phone": "030 12345"},
            {"id": "p-b", "name": h[7], "organisation": "org-b", "role": h[8], "member": True},
            {"id": "p-c", "name": h[9], "organisation": "org-b", "member": False},
        ],
    }  # fmt: skip
    items = [
        {
            "title": text,
            "kind": "decision",
            "duration": 5,
            "presenters": ["p-a"],
            "description": text,
            "notes": f"{text}\n\n{text}",
            "decisions": [{"text": text, "vote": {"yes": 2, "no": 0, "abstain": 0}}],
            "actions": [{"task": text, "owner": "p-b", "due": "2022-07-01", "note": text}],
            "documents": [text, "javascript:alert(1)"],
        }
        for text in HOSTILE
    ]
    session = {
        "title": h[10],
        "date": "2022-06-14",
        "start": "10:00",
        "location": {"name": h[11], "address": h[12], "room": h[13], "directions": h[14],
                     "online": 'javascript:alert("x")'},
        "host": "org-a",
        "chair": "p-a",
        "guests": ["org-b", {"name": h[15], "organisation": h[16]}],
        "invited_on": "2022-05-30",
        "items": items,
        "attendance": {"present": ["p-a", "p-b"], "guests": ["p-c", {"name": h[17]}]},
        "minutes_by": "p-b",
    }  # fmt: skip

    def dump(data: Any) -> str:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    return build_file_tree(
        root,
        {
            "kogsro.yaml": dump(config),
            "attendees.yaml": dump(roster),
            "agendas/2022-06-14.yaml": dump(session),
        },
    )


@pytest.fixture
def hostile(tmp_path: Path) -> Workspace:
    return load_workspace(hostile_workspace(tmp_path / "hostile"))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_hostile_strings_come_out_literally(hostile: Workspace, kind: str, fmt: str) -> None:
    data = render(hostile, kind, fmt)
    text = visible_text(data, fmt)
    expected = (
        HOSTILE if kind != "attendance" else [HOSTILE[2], HOSTILE[7], HOSTILE[9], HOSTILE[15]]
    )
    for value in expected:
        assert flat(value) in text, f"{value!r} is not in the {kind} as {fmt}"
    numbered = re.sub(r"Anlage \d+", "Anlage", text)  # the items' documents are Anlagen 1…n
    assert "49" not in numbered  # the data's {{ 7 * 7 }} was never rendered as a template


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_markdown_makes_no_markup(hostile: Workspace, kind: str) -> None:
    rendered = COMMONMARK.render(render(hostile, kind, "md").decode())
    tags = html_text(rendered).tags
    assert tags <= {"h1", "h2", "h3", "h4", "p", "strong", "em", "ul", "li", "table", "thead",
                    "tbody", "tr", "th", "td", "a", "br"}, tags  # fmt: skip
    assert all(
        href.startswith("https://example.org") is False for href in html_text(rendered).hrefs
    )


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_html_makes_no_markup(hostile: Workspace, kind: str) -> None:
    parsed = html_text(render(hostile, kind, "html").decode())
    assert not parsed.tags & {"b", "script", "img", "iframe"}, parsed.tags
    assert not any(href.lower().startswith("javascript") for href in parsed.hrefs)


def test_hostile_links_are_text_not_links(hostile: Workspace) -> None:
    md = render(hostile, "invitation", "md").decode()
    assert "](<javascript" not in md
    typ = flat_text(render(hostile, "invitation", "pdf"))
    assert 'javascript:alert("x")' in typ


# --- public mode --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", ("invitation", "minutes"))
def test_public_version_leaves_out_nonpublic_items_and_contact_data(
    example: Path, kind: str, fmt: str
) -> None:
    data = render(load_workspace(example), kind, fmt, public=True)
    text = visible_text(data, fmt)
    raw = data.decode("utf-8") if fmt != "pdf" else text
    assert "Öffentliche Fassung" in text
    assert "Nichtöffentliche Tagesordnungspunkte sind in dieser Fassung nicht enthalten." in text
    assert "Personalsituation" not in text
    assert "2022-06-14-top5-a1" not in text
    assert not re.search(r"\w@\w", raw) and "mailto:" not in raw
    assert "030 23125" not in raw
    assert "Offene Aufgaben" not in text


def test_public_mode_hides_children_of_nonpublic_items(tree: Any) -> None:
    root = hostile_workspace(Path(tree({})) / "ws")
    path = root / "agendas" / "2022-06-14.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["items"] = [
        {"title": "Öffentlich", "duration": 5},
        {"title": "Geheim", "public": False, "items": [{"title": "Geheimes Unterthema"}]},
    ]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    ws = load_workspace(root)
    text = visible_text(render(ws, "invitation", "md", public=True), "md")
    assert "Öffentlich" in text
    assert "Geheim" not in text


# --- English -------------------------------------------------------------------------------------

GERMAN_WORDS = re.compile(
    r"\b(Uhr|Seite|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Januar|Februar|März|Juni|Juli|"
    r"Oktober|Dezember|und|der|die|das|nicht|Sitzung|Mitglieder)\b"
)


def german_left(text: str) -> list[str]:
    """The German fixed strings (or their parts) and common German words in ``text``."""
    fragments = {
        part.strip(" .,:;()")
        for de, en in STRINGS.values()
        if de != en
        for part in re.split(r"\{\w+\}", de)
        if len(part.strip(" .,:;()")) >= 4 and part.strip(" .,:;()") not in en
    }
    return sorted(f for f in fragments if f in text) + GERMAN_WORDS.findall(text)


def english_workspace(root: Path) -> Path:
    return build_file_tree(
        root,
        {
            "kogsro.yaml": """\
                body: {name: Neighbourhood Planning Group, short: NPG, email: npg@example.org}
                language: en
                defaults: {rsvp_days: 7, quorum: two-thirds, quorum_counts: people}
            """,
            "attendees.yaml": """\
                organisations:
                  - {id: east, name: Eastern District Office, short: East}
                  - {id: west, name: Western District Office, short: West}
                  - {id: fin, name: Finance Office, short: Finance}
                people:
                  - {id: ann, name: Ann Example, organisation: east, role: Head, member: true}
                  - {id: bob, name: Bob Sample, organisation: west, role: Head, member: true}
                  - {id: cid, name: Cid Placeholder, organisation: west, member: true}
                  - {id: dee, name: Dee Deputy, organisation: west, deputy_of: cid}
                  - {id: eve, name: Eve Guest, organisation: fin}
            """,
            "agendas/2022-03-01.yaml": """\
                date: 2022-03-01
                host: east
                items:
                  - {title: Budget review, duration: 30}
                  - title: Housing
                    duration: 20
                    actions: [{task: Send the report, owner: bob, due: 2022-03-15}]
            """,
            "agendas/2022-06-14.yaml": """\
                date: 2022-06-14
                start: 9:30
                host: east
                guests: [fin]
                invited_on: 2022-05-20
                items:
                  - {title: Welcome, duration: 10, kind: information}
                  - title: Planning
                    kind: discussion
                    items:
                      - {title: Parks, duration: 15, presenters: [ann]}
                      - {title: Schools, duration: 20, public: false, status: deferred}
                  - title: Budget
                    kind: decision
                    duration: 20
                    notes: The group agrees.
                    decisions: [{text: Adopt the budget., vote: {yes: 2, no: 1}}]
                    actions: [{task: Publish it, owner: ann, due: 2022-07-01, status: done}]
                attendance: {present: [ann, dee], excused: [bob], guests: [eve]}
                minutes_by: ann
            """,
        },
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_english_documents_have_no_german_left(tree: Any, kind: str, fmt: str) -> None:
    ws = load_workspace(english_workspace(Path(tree({})) / "en"))
    text = visible_text(render(ws, kind, fmt), fmt)
    assert not german_left(text)
    assert "Tuesday, 14 June 2022" in text
    if fmt == "pdf":
        assert "Page 1 of" in text


def test_english_minutes_quorum_and_deputy(tree: Any) -> None:
    ws = load_workspace(english_workspace(Path(tree({})) / "en"))
    text = visible_text(render(ws, "minutes", "md"), "md")
    assert (
        "Members present (2): Ann Example (East); "
        "Dee Deputy on behalf of Cid Placeholder (West)" in text
    )
    assert "Apologies (1): Bob Sample (West)" in text
    assert "Guests (1): Eve Guest (Finance)" in text
    assert (
        "2 of 3 members are present. The NPG has a quorum "
        "(required: at least two thirds of the members, that is at least 2)."
    ) in text
    assert "Vote: In favour: 2, against: 1, abstentions: 0 – carried" in text
    assert "Start: 09:30" in text


# --- templates -----------------------------------------------------------------------------------


def test_workspace_template_overrides_the_built_in(example: Path) -> None:
    build_file_tree(
        example, {"templates/minutes.md.j2": "Protokoll: {{ session.title }} {{ body.short }}\n"}
    )
    data = render(load_workspace(example), "minutes", "md")
    assert (
        data.decode()
        == "Protokoll: Sitzung der KoG SRO – Neue Ansätze der Bürger\\*innenbeteiligung KoG SRO\n"
    )


def test_overriding_the_base_restyles_every_html_document(example: Path) -> None:
    base = (Path(__file__).parents[2] / "templates" / "base.html.j2").read_text("utf-8")
    build_file_tree(
        example, {"templates/base.html.j2": base.replace("--accent: #7a1f1f", "--accent: #003366")}
    )
    ws = load_workspace(example)
    for kind in KINDS:
        assert "--accent: #003366" in render(ws, kind, "html").decode()


@pytest.mark.parametrize(
    ("name", "source", "fmt", "where", "what"),
    [
        ("invitation.md.j2", "# {{ t.invitation }}\n\n{{ session.nope }}\n", "md",
         "templates/invitation.md.j2:3:", "nope"),
        ("attendance.typ.j2", "= {{ session.title }}\n#nonexistent()\n", "pdf",
         "templates/attendance.typ.j2", "nonexistent"),
    ],
)  # fmt: skip
def test_broken_workspace_template_is_named(
    example: Path, name: str, source: str, fmt: str, where: str, what: str
) -> None:
    build_file_tree(example, {f"templates/{name}": source})
    with pytest.raises(TemplateError) as caught:
        render(load_workspace(example), name.split(".")[0], fmt)
    assert where in caught.value.message
    assert what in caught.value.message


def test_default_output_paths(example: Path) -> None:
    ws = load_workspace(example)
    session = ws.session(SESSION)
    assert (
        default_output_path(ws, session, "minutes", "pdf", "de")
        == ws.out_dir / SESSION / "minutes.pdf"
    )
    assert (
        default_output_path(ws, session, "minutes", "md", "en")
        == ws.out_dir / SESSION / "minutes.en.md"
    )
    assert (
        default_output_path(ws, session, "invitation", "html", "de", public=True)
        == ws.out_dir / SESSION / "invitation.public.html"
    )


def test_unknown_language_and_format(example: Path) -> None:
    from kogsro.errors import UsageError

    ws = load_workspace(example)
    with pytest.raises(UsageError):
        render(ws, "minutes", "md", lang="fr")
    with pytest.raises(UsageError):
        render(ws, "minutes", "docx")


def test_minutes_of_a_planned_session_say_attendance_is_not_recorded(example: Path) -> None:
    text = visible_text(render(load_workspace(example), "minutes", "html", "2022-09-13"), "html")
    assert "Die Anwesenheit ist nicht erfasst." in text
    assert "Protokoll nicht festgelegt" in text


def test_html_is_standalone_and_semantic(example: Path) -> None:
    document = render(load_workspace(example), "invitation", "html").decode()
    assert document.startswith('<!DOCTYPE html>\n<html lang="de">')
    assert "<title>Einladung – Sitzung der KoG SRO am 14. Juni 2022</title>" in document
    assert "@media print" in document and "@page" in document
    assert '<th scope="col"' in document and '<th scope="row"' in document


@pytest.mark.parametrize("fmt", FORMATS)
def test_invitation_of_a_cancelled_session_says_so(example: Path, fmt: str) -> None:
    path = example / "agendas" / "2022-09-13.yaml"
    path.write_text(
        path.read_text("utf-8").replace("status: planned", "status: cancelled"), "utf-8"
    )
    text = visible_text(render(load_workspace(example), "invitation", fmt, "2022-09-13"), fmt)
    # its own letter (Absage), not an invitation that says it is cancelled
    assert "Absage der Sitzung am Dienstag, 13. September 2022" in " ".join(text.split())
    assert "hiermit lade ich Sie" not in text


def test_the_html_golden_files_share_one_stylesheet() -> None:
    from tests.conftest import GOLDEN_DIR, STYLESHEET_GOLDEN, STYLESHEET_MARKER, Golden

    stored = (GOLDEN_DIR / f"documents/{SESSION}/minutes.html").read_text("utf-8")
    css = (GOLDEN_DIR / STYLESHEET_GOLDEN).read_text("utf-8")
    assert STYLESHEET_MARKER in stored and css.count("{") > 20
    whole = stored.replace(STYLESHEET_MARKER, f"<style>\n{css}</style>")
    Golden(update=False).check(f"documents/{SESSION}/minutes.html", whole)
    with pytest.raises(pytest.fail.Exception, match=r"stylesheet\.css differs"):
        changed = whole.replace("<style>\n", "<style>\nbody { color: red; }\n")
        Golden(update=False).check(f"documents/{SESSION}/minutes.html", changed)
    with pytest.raises(pytest.fail.Exception, match="no <style> block"):
        Golden(update=False).check(f"documents/{SESSION}/minutes.html", stored)
