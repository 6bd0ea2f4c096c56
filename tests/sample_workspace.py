"""A small workspace for calendar and mail tests: a winter, a summer and a cancelled session,
and people whose names need care in headers and calendar entries."""

from __future__ import annotations

CONFIG = """
body:
  name: Bezirksübergreifende Koordinierungsgruppe Sozialraumorientierung
  short: KoG SRO
  email: kog-sro@example.org
language: de
timezone: Europe/Berlin
defaults:
  start: "10:00"
  invitation_days: 14
  rsvp_days: 7
mail:
  from: "KoG SRO <kog-sro@example.org>"
  smtp:
    host: smtp.example.org
"""

ROSTER = """
organisations:
  - id: ba-nord
    name: Bezirksamt Nord
    short: Nord
    kind: district
    location:
      name: Rathaus Nord
      address: Hauptstraße 1, 10000 Berlin
  - id: ba-sued
    name: Bezirksamt Süd
    short: Süd
    kind: district
  - id: sen
    name: Senatsverwaltung für Beispiele
    short: SenBsp
    kind: senate
  - id: gast
    name: Senatsverwaltung für Gäste
    kind: guest
  - id: verein
    name: Verein ohne Personen e.V.
    kind: guest
    email: post@verein.example.org
people:
  - id: spk-nord
    name: Jürgen Weißmüller
    organisation: ba-nord
    email: juergen.weissmueller@example.org
    member: true
  - id: spk-sued
    name: "Müller, Anna"
    organisation: ba-sued
    email: anna.mueller@example.org
    member: true
  - id: sen-1
    name: 'Erika "Eri" Beispiel'
    organisation: sen
    email: erika.beispiel@example.org
    member: true
  - id: sen-2
    name: Ömer Beispieloğlu; Referent
    organisation: sen
    email: oemer@example.org
    member: true
  - id: sen-3
    name: Paula Ohneadresse
    organisation: sen
    member: true
  - id: gast-1
    name: Dr. Klara Testfall
    organisation: gast
    email: klara.testfall@example.org
  - id: gast-2
    name: Zoë Exemplarisch
    organisation: gast
    email: zoe@example.org
"""

WINTER = """
title: Sitzung der KoG SRO
date: 2022-01-11
start: 10:00
end: 12:30
status: held
host: ba-nord
invited_on: 2021-12-21
items:
  - title: Begrüßung
    duration: 10
  - title: Berichte; Ausblick, Planung
    duration: 60
    items:
      - title: Bericht Nord
        duration: 30
  - title: Personalien
    duration: 20
    public: false
"""

SUMMER = """
date: 2022-07-12
start: 14:00
status: planned
host: ba-sued
chair: spk-sued
location:
  name: Videokonferenz
  online: https://meet.example.org/kog-sro?id=1&pw=2
guests:
  - gast
  - verein
  - name: Mia Gastmann
    email: mia.gastmann@example.org
  - name: Ohne Mail
items:
  - title: Begrüßung
    duration: 15
  - title: Neue Ansätze der Bürger*innenbeteiligung
    kind: discussion
    duration: 90
"""

CANCELLED = """
date: 2022-09-13
status: cancelled
revision: 1
host: ba-nord
items:
  - title: Begrüßung
    duration: 10
"""


def sample_files(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The files of the sample workspace for the ``tree`` fixture; ``extra`` adds or replaces."""
    return {
        "kogsro.yaml": CONFIG,
        "attendees.yaml": ROSTER,
        "agendas/2022-01-11.yaml": WINTER,
        "agendas/2022-07-12.yaml": SUMMER,
        "agendas/2022-09-13.yaml": CANCELLED,
        **(extra or {}),
    }
