"""The sign-in sheet: every guest once, however the session file names them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kogsro.documents.context import sheet_extras
from kogsro.workspace.loader import load_workspace
from tests.conftest import run_cli

Tree = Callable[[dict[str, str]], Path]

BODY = "body: {name: Testgremium, short: TG}\n"
ROSTER = """
organisations:
  - {id: ba-a, name: Bezirksamt A, kind: district}
  - {id: senfin, name: Senatsverwaltung für Finanzen, kind: guest}
people:
  - {id: p-a, name: Erika Beispiel, organisation: ba-a, member: true}
  - {id: fin-1, name: Max Mustermann, organisation: senfin}
"""
SESSION = """
date: 2022-06-14
host: ba-a
guests:
  - senfin
  - {name: Jonas Gast, organisation: Verein X e.V.}
attendance:
  present: [p-a]
  guests:
    - {name: "jonas  gast", organisation: Verein X}
    - {name: Max Mustermann, organisation: SenFin}
    - fin-1
    - {name: Zoë Neu, organisation: Verein Y}
"""


def test_a_guest_is_one_row_however_often_named(tree: Tree) -> None:
    root = tree({"kogsro.yaml": BODY, "attendees.yaml": ROSTER, "agendas/2022-06-14.yaml": SESSION})
    ws = load_workspace(root)
    rows = sheet_extras(ws, ws.session("2022-06-14"), lang="de")["sheet"]["guests"]
    assert [row["display"] for row in rows] == [
        "Max Mustermann (Senatsverwaltung für Finanzen)",
        "Jonas Gast (Verein X e.V.)",
        "Zoë Neu (Verein Y)",
    ]


def test_a_plain_name_as_guest_explains_the_inline_form(example: Path) -> None:
    path = example / "agendas" / "2022-06-14.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("guests: [", "guests: [Erika Gast, ", 1), encoding="utf-8")
    code, _, err = run_cli("check", str(path))
    assert code == 2
    assert "invalid id 'Erika Gast'" in err
    assert "{name: Erika Beispiel, organisation: Verein X}" in err
