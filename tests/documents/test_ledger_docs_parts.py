"""A long decision log or task list as PDF is compiled in parts and joined (issue 9, "At scale").

The example workspace is small; with a few entries per part it is compiled in parts, and the
joined PDF must read as the one compile does: the same entries in the same order, the page
numbers right across the whole document, one title, one structure tree, one outline.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import kogsro.formats.pdf
from kogsro.documents import ledger_docs
from kogsro.documents.ledger_docs import _decision_parts
from kogsro.workspace.loader import Workspace, load_workspace
from tests.conftest import copy_example
from tests.documents.test_ledger_docs import document
from tests.pdfcheck import digest, page_texts, reader, structure_problems

ID = re.compile(r"\b20\d\d-\d\d-\d\d-top[\d.]+-[ad]\d+\b")


KINDS = ("decisions", "actions")


@pytest.fixture
def ws(example: Path) -> Workspace:
    return load_workspace(example)


def spy_on_parts(monkeypatch: pytest.MonkeyPatch, per_part: int) -> list[int]:
    """``per_part`` entries per part; the number of parts of each compile in parts is recorded."""
    counted: list[int] = []
    numbered = kogsro.formats.pdf._Parts.numbered

    def spy(self: Any, sources: list[str], counts: list[int]) -> bytes:
        counted.append(len(sources))
        return numbered(self, sources, counts)

    monkeypatch.setattr(ledger_docs, "PART_ROWS", per_part)
    monkeypatch.setattr(kogsro.formats.pdf._Parts, "numbered", spy)
    return counted


@pytest.fixture
def parts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    return spy_on_parts(monkeypatch, 2)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The example's decision log and task list as PDF, in parts (three entries each) and in
    one compile; compiled once for the tests of this module."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("KOGSRO_TODAY", "2022-06-01")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1654034400")
        ws = load_workspace(copy_example(tmp_path_factory.mktemp("ledger")))
        counted = spy_on_parts(monkeypatch, 3)
        joined = {kind: document(ws, kind, "pdf") for kind in KINDS}
        parts = {kind: counted[index] for index, kind in enumerate(KINDS)}
        public = [document(ws, "decisions", "pdf", public=True) for _ in range(2)]
        monkeypatch.setattr(ledger_docs, "PART_ROWS", 10_000)
        single = {kind: document(ws, kind, "pdf") for kind in KINDS}
        assert len(counted) == 4  # the single compiles did not go through parts
    return {"joined": joined, "parts": parts, "single": single, "public": public}


def entry_ids(pdf: bytes) -> list[str]:
    return ID.findall(" ".join(page_texts(pdf)))


def check_pages(pdf: bytes) -> None:
    texts = page_texts(pdf)
    for number, text in enumerate(texts, start=1):
        assert text.rstrip().endswith(f"Seite {number} von {len(texts)}"), text[-60:]


@pytest.mark.parametrize("kind", KINDS)
def test_ledger_in_parts_reads_as_one_compile(ledger: dict[str, Any], kind: str) -> None:
    joined, single = ledger["joined"][kind], ledger["single"][kind]
    assert ledger["parts"][kind] >= 3
    assert entry_ids(joined) == entry_ids(single) and entry_ids(single)
    check_pages(joined)
    assert structure_problems(joined) == []
    head, single_head = (digest(pdf).split("\n--- page 1")[0] for pdf in (joined, single))
    assert re.sub(r"pages: \d+\n", "", head) == re.sub(r"pages: \d+\n", "", single_head)
    title = "Beschlussübersicht" if kind == "decisions" else "Aufgabenliste"
    lines = [line for text in page_texts(joined) for line in text.splitlines()]
    assert lines.count("KOG SRO") == 1 and lines.count(title) == 1  # kind line, heading: once
    assert lines.index("KOG SRO") + 1 == lines.index(title)


def test_decision_log_in_parts_keeps_one_outline(ledger: dict[str, Any]) -> None:
    joined = ledger["joined"]["decisions"]
    pdf = reader(joined)
    outline = pdf.outline
    assert [item["/Title"] for item in outline if not isinstance(item, list)] == [
        "Beschlussübersicht"
    ]
    sessions = [child["/Title"] for child in outline[1]]
    assert sessions == [
        "Sitzung am 9. März 2022",
        "Sitzung am 12. April 2022",
        "Sitzung am 14. Juni 2022",
    ]
    texts = page_texts(joined)
    for child in outline[1]:
        assert child["/Title"] in texts[pdf.get_destination_page_number(child)]
    tree = pdf.trailer["/Root"]["/StructTreeRoot"]
    kinds = [kid.get_object()["/S"] for kid in tree["/K"][0]["/K"]]
    assert kinds.count("/H1") == 1 and kinds.count("/H2") == 3
    # each part of the decision log starts with a session on a new page
    assert len(texts) >= ledger["parts"]["decisions"]


def test_task_list_in_parts_repeats_the_table_header(ledger: dict[str, Any]) -> None:
    joined = ledger["joined"]["actions"]
    tree = reader(joined).trailer["/Root"]["/StructTreeRoot"]
    tables = [kid.get_object() for kid in tree["/K"][0]["/K"] if kid.get_object()["/S"] == "/Table"]
    assert len(tables) == ledger["parts"]["actions"]
    for text in page_texts(joined):
        assert "Kennung Aufgabe Zuständig Fällig Stand" in text


def header_places(pdf: bytes) -> list[tuple[float, ...]]:
    """Where the task list's column headers "Zuständig" and "Stand" start, page by page."""
    places = []
    found: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip() in ("Zuständig", "Stand"):
            found.setdefault(text.strip(), round(cm[0] * tm[4] + cm[4], 1))

    for page in reader(pdf).pages:
        found.clear()
        page.extract_text(visitor_text=visit)
        places.append((found["Zuständig"], found["Stand"]))
    return places


def test_task_list_parts_have_the_columns_of_one_piece(ledger: dict[str, Any]) -> None:
    """A part without an overdue task still gives the status column the width of one."""
    joined, single = ledger["joined"]["actions"], ledger["single"]["actions"]
    assert set(header_places(joined)) == set(header_places(single))
    assert len(set(header_places(joined))) == 1


def test_parts_give_the_same_bytes_each_time(ledger: dict[str, Any]) -> None:
    first, second = ledger["public"]
    assert first == second and "(Öffentliche Fassung)" in page_texts(first)[0]


def test_a_workspace_template_is_compiled_in_one(
    ws: Workspace, parts: list[int], example: Path
) -> None:
    """Only the built-in templates know the page numbers across parts."""
    own = example / "templates"
    own.mkdir(exist_ok=True)
    builtin = Path(ledger_docs.__file__).resolve().parents[2] / "templates"
    (own / "actions.typ.j2").write_text(
        (builtin / "actions.typ.j2").read_text(encoding="utf-8"), encoding="utf-8"
    )
    check_pages(document(load_workspace(example), "actions", "pdf"))
    assert parts == []
    document(load_workspace(example), "decisions", "pdf")
    assert parts == [3]


def test_decision_log_parts_hold_whole_sessions(parts: list[int]) -> None:
    sizes = [1, 5, 1, 1, 2]
    sessions = [{"id": f"s{n}", "decisions": [{}] * size} for n, size in enumerate(sizes)]
    groups = _decision_parts(sessions)
    assert groups is not None
    assert [[s["id"] for s in group] for group in groups] == [
        ["s0"],
        ["s1"],  # more than two decisions, but one session: one part
        ["s2", "s3"],
        ["s4"],
    ]
    assert _decision_parts(sessions[2:4]) is None  # two decisions: one compile
