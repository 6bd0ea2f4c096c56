"""A synthetic workspace for the scale benchmarks: many sessions full of decisions and actions.

    python benchmarks/synthetic.py DIR [SESSIONS] [--per-session N] [--seed S]

Writes ``kogsro.yaml``, ``attendees.yaml`` and SESSIONS session files (weekly from January
2000) into DIR. Each held session has about eight TOPs, some with sub-items, carrying
``--per-session`` decisions and as many actions (20 each by default) with German text of
realistic length, counted votes or consensus, owners from the roster and due dates; and an
``updates:`` list that closes, postpones or drops actions of the sessions before it and now
and then amends or revokes a decision. The same seed gives the same files, byte for byte.
The workspace passes ``kogsro check``.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

DISTRICTS = [
    ("ba-mitte", "Mitte"),
    ("ba-fk", "Friedrichshain-Kreuzberg"),
    ("ba-pankow", "Pankow"),
    ("ba-cw", "Charlottenburg-Wilmersdorf"),
    ("ba-spandau", "Spandau"),
    ("ba-sz", "Steglitz-Zehlendorf"),
    ("ba-ts", "Tempelhof-Schöneberg"),
    ("ba-nk", "Neukölln"),
    ("ba-tk", "Treptow-Köpenick"),
    ("ba-mh", "Marzahn-Hellersdorf"),
    ("ba-li", "Lichtenberg"),
    ("ba-rd", "Reinickendorf"),
]
FIRST = ["Erika", "Max", "Mia", "Jonas", "Lena", "Paul", "Sofia", "Ben", "Clara", "Emil"]
LAST = ["Beispiel", "Muster", "Platzhalter", "Probe", "Vorlage", "Entwurf"]

SUBJECTS = [  # (subject, plural?)
    ("Die Bezirke", True),
    ("Die KoG SRO", False),
    ("SenSBW", False),
    ("Die Geschäftsstelle", False),
    ("Die Arbeitsgruppe Daten", False),
    ("Die SPK-Leitungen", True),
]
VERBS = [  # (singular, plural)
    ("legt fest, dass", "legen fest, dass"),
    ("beschließt, dass", "beschließen, dass"),
    ("vereinbart, dass", "vereinbaren, dass"),
    ("stimmt zu, dass", "stimmen zu, dass"),
    ("nimmt zur Kenntnis, dass", "nehmen zur Kenntnis, dass"),
]
CLAUSES = [
    "die Bezirksregionenprofile auf einen einheitlichen Datenstand gestützt werden",
    "die Stadtteilkonferenzen im zweiten Halbjahr wieder vor Ort stattfinden",
    "ein gemeinsames Kernset von Indikatoren für das Monitoring erarbeitet wird",
    "Bürger*innen frühzeitig an der Auswahl der Projekte beteiligt werden",
    "die Ergebnisse der Kiezbefragung allen Bezirken zur Verfügung gestellt werden",
    "das Stadtteilbudget im nächsten Jahr in allen Bezirksregionen erprobt wird",
    "die Abstimmung zwischen Senatsverwaltungen und Bezirken regelmäßig stattfindet",
    "die Mittel des Programms „Stärkung Berliner Großsiedlungen“ fristgerecht abfließen",
    "eine Arbeitshilfe zur Beteiligung von Kindern und Jugendlichen erstellt wird",
    "die Regionalkoordinationen in allen Bezirken besetzt werden",
]
TAILS = [
    "Bereits begonnene Vorhaben können nach den bisherigen Regeln abgeschlossen werden.",
    "Über den Stand wird in der übernächsten Sitzung berichtet.",
    "Die Kosten trägt die Senatsverwaltung im Rahmen der verfügbaren Mittel.",
    "Die Bezirke melden Ansprechpersonen bis zum Ende des Quartals.",
    "",
]
TASK_VERBS = ["vorbereiten", "abstimmen", "versenden", "zusammenstellen", "vorlegen", "prüfen"]
TASK_OBJECTS = [
    "Übersicht über laufende Beteiligungsvorhaben",
    "Entwurf der Arbeitshilfe zur Projektauswahl",
    "Datenpaket für die Fortschreibung der Profile",
    "Einladung der Gäste aus der Senatskanzlei",
    "Auswertung der Abfrage zum Mittelabfluss",
    "Präsentation zum Stadtteilbudget",
    "Stellungnahme zum Entwurf der Leitlinien",
    "Termine der Stadtteilkonferenzen",
]
TOPICS = [
    "Berichte aus den Bezirken",
    "Bezirksregionenprofile: Fortschreibung",
    "Neue Ansätze der Bürger*innenbeteiligung",
    "Programm „Stärkung Berliner Großsiedlungen“",
    "Monitoring Soziale Stadtentwicklung",
    "Sitzungsplanung",
    "Stadtteilbudgets und Kiezfonds",
    "Verschiedenes",
]
NOTES = [
    "Erledigt; die Unterlagen liegen den Mitgliedern vor.",
    "Frist auf Bitte des Bezirks verlängert.",
    "Nicht mehr erforderlich, da das Vorhaben eingestellt wurde.",
    "In Bearbeitung; Zwischenstand in der nächsten Sitzung.",
]


KINDS = ("information", "discussion", "decision")
KINDS_WITH_DECISIONS = ("discussion", "decision")


def config() -> str:
    return (
        "body:\n"
        "  name: Bezirksübergreifende Koordinierungsgruppe Sozialraumorientierung\n"
        "  short: KoG SRO\n"
        "language: de\n"
        "rotation: [" + ", ".join(d for d, _ in DISTRICTS) + "]\n"
    )


def roster() -> tuple[str, list[str]]:
    """The roster text and the ids of all people."""
    lines = ["organisations:"]
    for ident, short in DISTRICTS:
        lines += [
            f"  - id: {ident}",
            f"    name: Bezirksamt {short} von Berlin",
            f"    short: {short}",
            "    kind: district",
        ]
    lines += [
        "  - id: sensbw",
        "    name: Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen",
        "    short: SenSBW",
        "    kind: senate",
        "people:",
    ]
    people = []
    for index, (ident, _) in enumerate(DISTRICTS):
        person = "spk-" + ident.removeprefix("ba-")
        people.append(person)
        lines += [
            f"  - id: {person}",
            f"    name: {FIRST[index % len(FIRST)]} {LAST[index % len(LAST)]}",
            f"    organisation: {ident}",
            "    role: SPK-Leitung",
            f"    email: {person}@example.org",
            "    member: true",
        ]
    for index in (1, 2):
        person = f"sensbw-{index}"
        people.append(person)
        lines += [
            f"  - id: {person}",
            f"    name: {FIRST[-index]} {LAST[-index]}",
            "    organisation: sensbw",
            "    member: true",
        ]
    return "\n".join(lines) + "\n", people


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Writer:
    def __init__(self, seed: int, per_session: int, people: list[str]) -> None:
        self.rng = random.Random(seed)
        self.per_session = per_session
        self.people = people
        self.open_actions: list[tuple[str, date]] = []  # (id, session date)
        self.decisions: list[str] = []

    def decision_text(self) -> str:
        rng = self.rng
        subject, plural = rng.choice(SUBJECTS)
        verb = rng.choice(VERBS)[1 if plural else 0]
        text = f"{subject} {verb} {rng.choice(CLAUSES)}."
        tail = rng.choice(TAILS)
        return f"{text} {tail}".strip()

    def session(self, number: int, day: date) -> str:
        rng = self.rng
        sid = day.isoformat()
        host = DISTRICTS[number % len(DISTRICTS)][0]
        updates = self._updates(day)  # of earlier sessions only
        lines = [
            f"# Sitzung {number + 1} (synthetisch)",
            "title: Sitzung der KoG SRO",
            f"date: {sid}",
            "start: 10:00",
            "status: held",
            f"host: {host}",
            "items:",
        ]
        # spread the decisions and actions over the TOPs, some of them with sub-items
        slots = [f"{top}" for top in range(1, 9)]
        slots += ["3.1", "3.2", "4.1", "4.2"]
        per_slot_d: dict[str, int] = dict.fromkeys(slots, 0)
        per_slot_a: dict[str, int] = dict.fromkeys(slots, 0)
        for _ in range(self.per_session):
            per_slot_d[rng.choice(slots)] += 1
            per_slot_a[rng.choice(slots)] += 1
        made: list[str] = []
        for top in range(1, 9):
            title = TOPICS[top - 1]
            lines += [
                f"  - title: {_quote(title)}",
                # an item that takes decisions is not one of kind information
                f"    kind: {rng.choice(KINDS_WITH_DECISIONS if per_slot_d[str(top)] else KINDS)}",
                f"    duration: {rng.choice([10, 15, 20, 30])}",
                "    status: done",
                "    notes: >-",
                f"      {self.decision_text()} {self.decision_text()}",
            ]
            lines += self._outcomes(sid, str(top), per_slot_d, per_slot_a, "    ", made)
            if top in (3, 4):
                lines.append("    items:")
                for sub in (1, 2):
                    number_ = f"{top}.{sub}"
                    lines += [
                        f"      - title: {_quote(f'{title}, Teil {sub}')}",
                        "        duration: 10",
                    ]
                    lines += self._outcomes(sid, number_, per_slot_d, per_slot_a, "        ", made)
        # the chair (the host's member) and the minute-taker are among those present
        chair = "spk-" + host.removeprefix("ba-")
        taker = self.people[number % len(self.people)]
        excused = [p for p in self.people if p not in (chair, taker)][number % 10 :][:2]
        lines += [
            "attendance:",
            "  present: [" + ", ".join(p for p in self.people if p not in excused) + "]",
            "  excused: [" + ", ".join(excused) + "]",
            f"minutes_by: {taker}",
        ]
        lines += updates
        self.open_actions += [(ident, day) for ident in made]
        return "\n".join(lines) + "\n"

    def _outcomes(
        self,
        sid: str,
        number: str,
        decisions: dict[str, int],
        actions: dict[str, int],
        indent: str,
        made: list[str],
    ) -> list[str]:
        rng = self.rng
        lines: list[str] = []
        if decisions[number]:
            lines.append(f"{indent}decisions:")
            for index in range(decisions[number]):
                lines.append(f"{indent}  - text: >-")
                lines.append(f"{indent}      {self.decision_text()}")
                if rng.random() < 0.4:
                    lines.append(f"{indent}    vote: consensus")
                else:
                    # at most 11 voices: one per member organisation present
                    yes = rng.randint(6, 8)
                    no = rng.randint(0, 2)
                    lines.append(
                        f'{indent}    vote: {{"yes": {yes}, "no": {no}, '
                        f'"abstain": {rng.randint(0, 1)}}}'
                    )
                self.decisions.append(f"{sid}-top{number}-d{index + 1}")
        if actions[number]:
            lines.append(f"{indent}actions:")
            day = date.fromisoformat(sid)
            for index in range(actions[number]):
                task = f"{rng.choice(TASK_OBJECTS)} {rng.choice(TASK_VERBS)}"
                due = day + timedelta(days=rng.choice([14, 21, 28, 42, 56, 90]))
                lines += [
                    f"{indent}  - task: {_quote(task)}",
                    f"{indent}    owner: {rng.choice(self.people)}",
                    f"{indent}    due: {due.isoformat()}",
                ]
                made.append(f"{sid}-top{number}-a{index + 1}")
        return lines

    def _updates(self, day: date) -> list[str]:
        """Close, postpone or drop some of the open actions of earlier sessions."""
        rng = self.rng
        lines: list[str] = []
        still_open: list[tuple[str, date]] = []
        for ident, made_on in self.open_actions:
            if made_on >= day or rng.random() < 0.5:
                still_open.append((ident, made_on))
                continue
            kind = rng.random()
            lines.append(f"  - action: {ident}")
            if kind < 0.7:
                lines += ["    status: done", f"    note: {_quote(NOTES[0])}"]
            elif kind < 0.9:
                due = day + timedelta(days=rng.choice([14, 28, 56]))
                lines += [f"    due: {due.isoformat()}", f"    note: {_quote(NOTES[1])}"]
                still_open.append((ident, made_on))
            else:
                lines += ["    status: dropped", f"    note: {_quote(NOTES[2])}"]
        self.open_actions = still_open
        if self.decisions and rng.random() < 0.3:
            lines += [
                f"  - decision: {rng.choice(self.decisions[-200:])}",
                f"    status: {rng.choice(['amended', 'revoked'])}",
                f"    note: {_quote(self.decision_text())}",
            ]
        return ["updates:", *lines] if lines else []


def generate(root: Path, sessions: int, *, per_session: int = 20, seed: int = 2022) -> Path:
    """Write a synthetic workspace with ``sessions`` sessions into ``root``."""
    agendas = root / "agendas"
    agendas.mkdir(parents=True, exist_ok=True)
    (root / "kogsro.yaml").write_text(config(), encoding="utf-8")
    text, people = roster()
    (root / "attendees.yaml").write_text(text, encoding="utf-8")
    writer = _Writer(seed, per_session, people)
    day = date(2000, 1, 4)
    for number in range(sessions):
        path = agendas / f"{day.isoformat()}.yaml"
        path.write_text(writer.session(number, day), encoding="utf-8")
        day += timedelta(days=7)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("sessions", type=int, nargs="?", default=200)
    parser.add_argument("--per-session", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    generate(args.directory, args.sessions, per_session=args.per_session, seed=args.seed)
    print(f"wrote {args.sessions} sessions into {args.directory}")


if __name__ == "__main__":
    main()
