"""A small workspace for the reply tests: four members, a standing deputy, a guest."""

from __future__ import annotations

from pathlib import Path

from kogsro.workspace.loader import Workspace, load_workspace

ROSTER = """
organisations:
  - {id: ba-nk, name: Bezirksamt Neukölln, short: Neukölln, kind: district}
  - {id: ba-a, name: Bezirksamt A, short: A, kind: district}
  - {id: sen, name: Senatsverwaltung, short: Sen, kind: senate}
people:
  - {id: spk-nk, name: Leyla Beispielfrau, organisation: ba-nk, member: true,
     email: Leyla.Beispielfrau@example.org}
  - {id: spk-nk-v, name: Tobias Vertretungsmann, organisation: ba-nk, deputy_of: spk-nk,
     email: tobias.vertretungsmann@example.org}
  - {id: spk-a, name: Erika Beispiel, organisation: ba-a, member: true, email: erika@example.org}
  - {id: sen-1, name: Maria Musterfrau, organisation: sen, member: true, email: maria@example.org}
  - {id: sen-2, name: Björn Beispielmann, organisation: sen, member: true}
  - {id: gast-1, name: Klara Testfall, organisation: sen, email: klara@example.org}
"""
SESSION = """
date: 2023-03-21
host: ba-a
items:
  - title: Begrüßung
"""


def rsvp_workspace(tmp_path: Path, quorum: str = "half", counts: str = "people") -> Workspace:
    root = tmp_path / "ws"
    files = {
        "kogsro.yaml": (
            "body: {name: Koordinierungsgruppe, short: KoG SRO, email: kog@example.org}\n"
            f"defaults: {{quorum: {quorum}, quorum_counts: {counts}}}\n"
        ),
        "attendees.yaml": ROSTER,
        "agendas/2023-03-21.yaml": SESSION,
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return load_workspace(root)
