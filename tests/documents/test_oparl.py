"""The OParl 1.1 export: every object valid against the official schemas, public and internal
modes, stable ids, and the mapping of a small workspace built for the edge cases."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kogsro.documents.oparl import export, write_export
from kogsro.errors import OutputExists, UsageError
from kogsro.formats.oparl import DEFAULT_BASE_URL, LISTS, check_base_url, counts, dumps, layout
from kogsro.workspace.loader import Workspace, load_workspace
from tests.conftest import ROOT
from tests.oparl_validation import (
    embedded,
    requires_schemas,
    validate_document,
    validate_object,
)

BASE = DEFAULT_BASE_URL
Tree = Callable[[dict[str, str]], Path]

SMALL = {
    "kogsro.yaml": """
        body:
          name: Arbeitsgruppe Beispiel
          short: AG Beispiel
        timezone: Europe/Berlin
        defaults:
          location: {name: Rathaus Beispiel, address: "Musterplatz 1, 10115 Berlin"}
        """,
    "attendees.yaml": """
        organisations:
          - id: ba-a
            name: Bezirksamt A
            short: A
            kind: district
            website: https://example.org/ba-a/
            location: {name: Rathaus A, address: "Amtsweg 2, 10117 Berlin", room: Raum 101}
          - id: ag-beispiel          # the same as the body's short name made into an id
            name: Senatsverwaltung B
            short: SenB
            kind: senate
          - id: verein
            name: Verein Nachbarschaft e.V.
            short: Nachbarschaft
            kind: guest
        people:
          - id: anna
            name: Anna Apfel
            organisation: ba-a
            role: SPK-Leitung
            email: anna@example.org
            phone: 030 23125-201
            member: true
          - id: bert
            name: Bert Birne
            organisation: ag-beispiel
            role: Referent
            email: bert@example.org
            member: true
          - id: carla
            name: Carla Kirsche
            organisation: ba-a
            deputy_of: anna
        """,
    "agendas/2022-01-11.yaml": """
        date: 2022-01-11
        start: 9:30
        status: held
        host: ba-a
        location: {name: Rathaus A, address: "Amtsweg 2, 10117 Berlin", room: Raum 101}
        items:
          - title: Begrüßung
            kind: information
            duration: 10
            status: done
          - title: Haushalt
            kind: decision
            duration: 20
            status: done
            decisions:
              - text: Der Haushalt wird beschlossen.
                vote: {"yes": 2, "no": 0, "abstain": 1}
              - text: Der Antrag auf Kürzung wird abgelehnt.
                vote: {"yes": 0, "no": 2, "abstain": 0}
          - title: Personal
            public: false
            duration: 15
            items:
              - title: Stellenbesetzung
                public: true
                duration: 15
                documents: [https://example.org/stellen.pdf]
          - title: Fortschreibung
            kind: decision
            duration: 10
            status: deferred
          - title: Unterlagen
            duration: 5
            status: done
            documents: ["https://example.org/unterlagen/a%20b.pdf", Anlage 2.pdf]
        attendance:
          present: [anna, bert, ba-a]
          guests:
            - {name: Mia Gastmann, organisation: Stadtteilzentrum Musterkiez e.V., role: Leitung,
               email: mia@example.org}
            - {name: Jan Jansen, organisation: Nachbarschaft}
            - verein
        """,
    "agendas/2022-03-08.yaml": """
        date: 2022-03-08
        status: held
        host: ba-a
        attendance:
          present: [carla]
          guests:
            - {name: Mia Gastmann, organisation: Stadtteilzentrum Musterkiez e.V.}
        """,
    "agendas/2022-07-05.yaml": """
        date: 2022-07-05
        start: 10:00
        end: 12:00
        status: cancelled
        host: ag-beispiel
        guests:
          - {name: Olaf Online, organisation: Freie Presse}
        items:
          - title: Austausch
            duration: 30
        """,
    "agendas/2023-02-07.yaml": """
        title: Nachtsitzung
        date: 2023-02-07
        start: 23:30
        host: ba-a
        invited_on: 2023-01-24
        location: {name: Videokonferenz, online: https://meet.example.org/ag}
        items:
          - title: Lange Nacht
            duration: 60
        """,
}


@pytest.fixture
def small(tree: Tree) -> Workspace:
    return load_workspace(tree(SMALL))


@pytest.fixture
def example_ws() -> Workspace:
    return load_workspace(ROOT)


def objects(document: dict[str, Any], name: str) -> dict[str, dict[str, Any]]:
    """The objects of one list by the last part of their id."""
    return {obj["id"].rsplit("/", 1)[1]: obj for obj in document[name]["data"]}


def all_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *all_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in all_strings(v)]
    return []


def keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys(v)}
    return set()


# --- validity -----------------------------------------------------------------------------------


@requires_schemas
@pytest.mark.parametrize("public", [True, False], ids=["public", "internal"])
def test_every_object_of_the_example_is_valid(example_ws: Workspace, public: bool) -> None:
    document = export(example_ws, public_only=public)
    assert set(document) == {"system", *LISTS}
    checked = validate_document(document, LISTS)
    assert checked == 1 + sum(counts(document).values())
    inner = embedded(document)
    for obj in inner:  # embedded objects on their own, too
        validate_object(obj)
    assert len(inner) > checked  # locations, memberships, agenda items and files inside others


@requires_schemas
@pytest.mark.parametrize("public", [True, False], ids=["public", "internal"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_object_of_the_small_workspace_is_valid(
    small: Workspace, public: bool, lang: str
) -> None:
    document = export(small, public_only=public, lang=lang)
    validate_document(document, LISTS)
    for obj in embedded(document):
        validate_object(obj)


@requires_schemas
def test_every_file_of_the_layout_is_valid(small: Workspace) -> None:
    document = export(small)
    files = layout(document, BASE)
    assert files["system.json"] is document["system"]
    assert files["body.json"]["type"].endswith("/Body")
    for name, value in files.items():
        if name.removesuffix(".json") in LISTS:
            assert set(value) == {"data", "pagination", "links"}, name
        else:
            validate_object(value)
            assert value["id"] == f"{BASE}/{name.removesuffix('.json')}"
    assert len(files) == 1 + len(LISTS) + sum(counts(document).values())


def test_the_mandatory_properties(small: Workspace) -> None:
    document = export(small)
    system = document["system"]
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    assert system["body"] == f"{BASE}/bodies"
    body = document["bodies"]["data"][0]
    for name, path in {
        "organization": "organizations",
        "person": "persons",
        "meeting": "meetings",
        "paper": "papers",
        "agendaItem": "agendaitems",
        "membership": "memberships",
        "locationList": "locations",
        "legislativeTermList": "legislativeterms",
    }.items():
        assert body[name] == f"{BASE}/{path}"
        assert document[path]["links"]["self"] == body[name]
    assert body["system"] == system["id"]
    assert [t["name"] for t in body["legislativeTerm"]] == [
        "Sitzungsjahr 2022",
        "Sitzungsjahr 2023",
    ]
    for item in document["agendaitems"]["data"]:
        assert isinstance(item["order"], int)


# --- public and internal ------------------------------------------------------------------------


def test_public_export_of_the_example_hides_what_is_internal(example_ws: Workspace) -> None:
    public = export(example_ws)
    internal = export(example_ws, public_only=False)
    items = objects(public, "agendaitems")
    assert "2022-06-14-top5" not in items  # the non-public TOP 5 (Personalsituation)
    assert all(item["public"] for item in items.values())
    assert objects(internal, "agendaitems")["2022-06-14-top5"]["public"] is False
    text = dumps(public)
    assert "Personalsituation" not in text
    assert "meet.example.org" not in text  # online link of the April video conference
    assert not keys(public) & {"email", "phone"}
    addresses = {s for s in all_strings(public) if "@" in s}
    assert addresses == {"kog-sro@example.org"}  # the body's contact address only
    person = objects(internal, "persons")["spk-sz"]
    assert person["email"] == ["erika.beispiel@example.org"]
    assert person["phone"] == ["030 23125-106"]
    assert "meet.example.org" in dumps(internal)


def test_public_export_hides_sub_items_of_non_public_items(small: Workspace) -> None:
    public = objects(export(small), "agendaitems")
    internal = objects(export(small, public_only=False), "agendaitems")
    assert "2022-01-11-top3" not in public and "2022-01-11-top3.1" not in public
    assert internal["2022-01-11-top3"]["public"] is False
    assert internal["2022-01-11-top3.1"]["public"] is False  # its own `public: true` loses
    # order is the place in the whole agenda, so it does not change between the two modes
    assert [i["order"] for k, i in public.items() if k.startswith("2022-01-11")] == [1, 2, 5, 6]
    assert [i["order"] for k, i in internal.items() if k.startswith("2022-01-11")] == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]
    public_files = {f["accessUrl"] for f in export(small)["files"]["data"]}
    assert "https://example.org/stellen.pdf" not in public_files


def test_contact_data_only_in_an_internal_export(small: Workspace) -> None:
    public = export(small)
    assert not {s for s in all_strings(public) if "@" in s}
    internal = export(small, public_only=False)
    people = objects(internal, "persons")
    assert people["anna"]["email"] == ["anna@example.org"]
    assert people["anna"]["phone"] == ["030 23125-201"]
    assert "phone" not in people["bert"]
    assert people["mia-gastmann"]["email"] == ["mia@example.org"]
    place = objects(internal, "locations")["2023-02-07"]
    assert place["description"] == "Videokonferenz (https://meet.example.org/ag)"
    assert objects(public, "locations")["2023-02-07"]["description"] == "Videokonferenz"


# --- ids and time stamps ------------------------------------------------------------------------


def ids(document: dict[str, Any]) -> list[str]:
    return [obj["id"] for obj in embedded(document)]


def test_ids_are_stable_across_runs(small: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    first = export(small)
    assert dumps(export(small)) == dumps(first)  # same clock: byte for byte the same
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    later = export(small)
    assert ids(later) == ids(first)
    assert later["system"]["modified"] != first["system"]["modified"]
    # what the public export shows has the same ids in the internal one
    assert set(ids(first)) < set(ids(export(small, public_only=False)))


def test_ids_of_the_example(example_ws: Workspace) -> None:
    document = export(example_ws)
    assert f"{BASE}/meeting/2022-06-14" in ids(document)
    assert f"{BASE}/agendaitem/2022-06-14-top4.3" in ids(document)
    assert f"{BASE}/person/spk-sz" in ids(document)
    assert f"{BASE}/organization/ba-sz" in ids(document)
    assert f"{BASE}/organization/kog-sro" in ids(document)
    assert f"{BASE}/membership/spk-sz/kog-sro" in ids(document)
    assert f"{BASE}/location/organization/ba-sz" in ids(document)


def test_time_stamps_come_from_the_clock(small: Workspace) -> None:
    document = export(small)
    # SOURCE_DATE_EPOCH 1654034400 (conftest) is midnight of 1 June 2022 in Berlin
    assert {obj["created"] for obj in embedded(document)} == {"2022-06-01T00:00:00+02:00"}
    assert {obj["modified"] for obj in embedded(document)} == {"2022-06-01T00:00:00+02:00"}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://ris.example.org/kog/", "https://ris.example.org/kog"),
        ("http://localhost:8000", "http://localhost:8000"),
        ("  https://example.org/oparl/v1.1  ", "https://example.org/oparl/v1.1"),
    ],
)
def test_base_url_is_normalised(given: str, expected: str) -> None:
    assert check_base_url(given) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "example.org/oparl",
        "ftp://example.org/oparl",
        "https://",
        "/oparl",
        "",
        "https://x.org/?a=1",
        "https://x.org/a#b",
        "https://x.org/a b",
    ],
)
def test_bad_base_urls_are_usage_errors(bad: str, small: Workspace) -> None:
    with pytest.raises(UsageError) as caught:
        export(small, base_url=bad)
    assert caught.value.option == "base_url"  # the command line names it: --base-url
    assert "--" not in caught.value.message
    assert caught.value.hint


def test_every_id_is_below_the_base_url(small: Workspace) -> None:
    document = export(small, base_url="https://ris.example.org/kog/")
    strings = [s for s in all_strings(document) if s.startswith("https://ris.")]
    assert strings and all(s.startswith("https://ris.example.org/kog/") for s in strings)
    assert not [s for s in strings if "//" in s.removeprefix("https://")]
    assert not [s for s in all_strings(document) if s.startswith(BASE)]


# --- the mapping --------------------------------------------------------------------------------


def test_body_organisations_and_memberships(small: Workspace) -> None:
    document = export(small)
    orgs = objects(document, "organizations")
    # the body's own organisation: its short name as id, made unique against the roster's ids
    body = orgs["ag-beispiel-2"]
    assert body["name"] == "Arbeitsgruppe Beispiel"
    assert body["organizationType"] == "Gremium"
    assert body["classification"] == "Koordinierungsgruppe"
    assert body["memberCount"] == body["votingMemberCount"] == 2
    assert body["meeting"] == f"{BASE}/meetings"
    assert orgs["ba-a"]["organizationType"] == "Verwaltungsbereich"
    assert orgs["ba-a"]["classification"] == "Bezirksamt"
    assert orgs["ba-a"]["website"] == "https://example.org/ba-a/"
    assert orgs["ag-beispiel"]["classification"] == "Senatsverwaltung"
    assert orgs["verein"]["organizationType"] == "Institution"
    assert next(iter(orgs)) == "ag-beispiel-2"

    people = objects(document, "persons")
    anna = {m["id"].split("/membership/")[1]: m for m in people["anna"]["membership"]}
    assert anna["anna/ag-beispiel-2"]["role"] == "Mitglied"
    assert anna["anna/ag-beispiel-2"]["votingRight"] is True
    assert anna["anna/ag-beispiel-2"]["onBehalfOf"] == f"{BASE}/organization/ba-a"
    assert anna["anna/ba-a"]["role"] == "SPK-Leitung"
    assert "person" not in anna["anna/ba-a"]  # no back reference inside the person
    carla = {m["id"].split("/membership/")[1]: m for m in people["carla"]["membership"]}
    assert carla["carla/ag-beispiel-2"]["votingRight"] is False
    assert carla["carla/ag-beispiel-2"]["role"] == "Stellvertretendes Mitglied"
    assert people["anna"]["status"] == ["SPK-Leitung"]

    memberships = {m["id"].split("/membership/")[1]: m for m in document["memberships"]["data"]}
    assert memberships["anna/ba-a"]["person"] == f"{BASE}/person/anna"  # standing alone: it has
    assert set(body["membership"]) == {
        f"{BASE}/membership/anna/ag-beispiel-2",
        f"{BASE}/membership/bert/ag-beispiel-2",
        f"{BASE}/membership/carla/ag-beispiel-2",
    }
    assert all(m in [x["id"] for x in document["memberships"]["data"]] for m in body["membership"])


def test_inline_guests_become_people(small: Workspace) -> None:
    document = export(small)
    people = objects(document, "persons")
    orgs = objects(document, "organizations")
    meetings = objects(document, "meetings")
    # Mia came twice: one person; her organisation is not in the roster: an external one
    assert [p for p in people if p == "mia-gastmann"] == ["mia-gastmann"]
    assert people["mia-gastmann"]["status"] == ["Leitung"]
    external = orgs["stadtteilzentrum-musterkiez-e-v"]
    assert external["name"] == "Stadtteilzentrum Musterkiez e.V."
    assert external["membership"] == [
        f"{BASE}/membership/mia-gastmann/stadtteilzentrum-musterkiez-e-v"
    ]
    # Jan's organisation is the roster's "Nachbarschaft" (its short name)
    assert people["jan-jansen"]["membership"][0]["organization"] == f"{BASE}/organization/verein"
    assert f"{BASE}/membership/jan-jansen/verein" in orgs["verein"]["membership"]
    # invited but the session was cancelled: nobody took part, no person for Olaf
    assert "olaf-online" not in people
    assert "freie-presse" not in orgs
    assert meetings["2022-01-11"]["participant"] == [
        f"{BASE}/person/anna",
        f"{BASE}/person/bert",
        f"{BASE}/person/mia-gastmann",
        f"{BASE}/person/jan-jansen",
    ]  # organisations in the attendance are not people
    assert meetings["2022-03-08"]["participant"] == [
        f"{BASE}/person/carla",
        f"{BASE}/person/mia-gastmann",
    ]


def test_meetings(small: Workspace) -> None:
    meetings = objects(export(small), "meetings")
    held = meetings["2022-01-11"]
    assert held["name"] == "Sitzung der AG Beispiel"
    assert held["meetingState"] == "durchgeführt"
    assert held["cancelled"] is False
    assert held["start"] == "2022-01-11T09:30:00+01:00"  # winter time
    assert held["end"] == "2022-01-11T10:30:00+01:00"  # from the items' durations
    assert held["organization"] == [f"{BASE}/organization/ag-beispiel-2"]
    # the session names the host's place: the same Location object
    assert held["location"]["id"] == f"{BASE}/location/organization/ba-a"
    assert held["location"]["room"] == "Raum 101"
    assert held["location"]["streetAddress"] == "Amtsweg 2"
    assert held["location"]["postalCode"] == "10117"
    assert held["location"]["locality"] == "Berlin"
    assert "meetings" not in held["location"]  # no back references when embedded

    cancelled = meetings["2022-07-05"]
    assert cancelled["cancelled"] is True
    assert cancelled["meetingState"] == "terminiert"
    assert "participant" not in cancelled
    assert cancelled["start"] == "2022-07-05T10:00:00+02:00"  # summer time
    assert cancelled["end"] == "2022-07-05T12:00:00+02:00"
    assert cancelled["location"]["id"] == f"{BASE}/location/body"  # host without a place
    assert "result" not in cancelled["agendaItem"][0]

    no_items = meetings["2022-03-08"]
    assert no_items["agendaItem"] == []
    assert no_items["end"] == "2022-03-08T13:00:00+01:00"  # the default duration of 180 min

    night = meetings["2023-02-07"]
    assert night["name"] == "Nachtsitzung"
    assert night["meetingState"] == "eingeladen"
    assert night["start"] == "2023-02-07T23:30:00+01:00"
    assert night["end"] == "2023-02-08T00:30:00+01:00"  # past midnight: the next day
    assert night["agendaItem"][0]["end"] == "2023-02-08T00:30:00+01:00"
    assert night["location"]["id"] == f"{BASE}/location/meeting/2023-02-07"


def test_agenda_items(small: Workspace) -> None:
    document = export(small)
    items = objects(document, "agendaitems")
    assert items["2022-01-11-top1"]["number"] == "1"
    assert items["2022-01-11-top1"]["result"] == "zur Kenntnis genommen"
    assert items["2022-01-11-top1"]["start"] == "2022-01-11T09:30:00+01:00"
    assert items["2022-01-11-top1"]["end"] == "2022-01-11T09:40:00+01:00"
    assert items["2022-01-11-top1"]["meeting"] == f"{BASE}/meeting/2022-01-11"
    budget = items["2022-01-11-top2"]
    assert budget["result"] == "teilweise beschlossen"
    assert budget["resolutionText"] == (
        "Der Haushalt wird beschlossen. (2 Ja, 0 Nein, 1 Enthaltung)\n\n"
        "Der Antrag auf Kürzung wird abgelehnt. (0 Ja, 2 Nein, 0 Enthaltungen)"
    )
    assert items["2022-01-11-top4"]["result"] == "vertagt"
    papers = items["2022-01-11-top5"]
    assert papers["result"] == "behandelt"
    # only links become files; "Anlage 2.pdf" names no place to fetch it from
    [file] = papers["auxiliaryFile"]
    assert file["accessUrl"] == "https://example.org/unterlagen/a%20b.pdf"
    assert file["name"] == "a b.pdf"
    assert file["id"] == f"{BASE}/file/2022-01-11-top5-1"
    assert "agendaItem" not in file
    [listed] = document["files"]["data"]
    assert listed["agendaItem"] == [papers["id"]]
    assert listed["meeting"] == [f"{BASE}/meeting/2022-01-11"]
    embedded_item = objects(document, "meetings")["2022-01-11"]["agendaItem"][0]
    assert "meeting" not in embedded_item
    assert {k: v for k, v in items["2022-01-11-top1"].items() if k != "meeting"} == embedded_item


def test_example_results_and_decisions(example_ws: Workspace) -> None:
    items = objects(export(example_ws), "agendaitems")
    assert items["2022-06-14-top2"]["result"] == "beschlossen"
    assert items["2022-06-14-top4.3"]["resolutionText"].endswith("(einvernehmlich)")
    assert items["2022-06-14-top6"]["result"] == "vertagt"
    assert "result" not in items["2022-09-13-top1"]  # planned: no result yet
    assert items["2022-06-14-top1"]["number"] == "1"
    assert items["2022-06-14-top4.3"]["number"] == "4.3"


def test_locations_carry_their_back_references(small: Workspace) -> None:
    places = objects(export(small), "locations")
    assert places["body"]["bodies"] == [f"{BASE}/body"]
    assert places["body"]["organizations"] == [f"{BASE}/organization/ag-beispiel-2"]
    assert places["body"]["meetings"] == [f"{BASE}/meeting/2022-07-05"]
    assert places["ba-a"]["organizations"] == [f"{BASE}/organization/ba-a"]
    assert places["ba-a"]["meetings"] == [
        f"{BASE}/meeting/2022-01-11",
        f"{BASE}/meeting/2022-03-08",
    ]
    assert places["body"]["description"] == "Rathaus Beispiel, Musterplatz 1, 10115 Berlin"


def test_english(small: Workspace) -> None:
    document = export(small, lang="en")
    items = objects(document, "agendaitems")
    assert items["2022-01-11-top2"]["result"] == "partly adopted"
    assert items["2022-01-11-top2"]["resolutionText"].startswith(
        "Der Haushalt wird beschlossen. (2 in favour, 0 against, 1 abstention)"
    )
    assert items["2022-01-11-top4"]["result"] == "deferred"
    assert objects(document, "meetings")["2022-01-11"]["name"] == "Meeting of the AG Beispiel"
    assert objects(document, "legislativeterms")["2022"]["name"] == "Session year 2022"
    # OParl's own vocabulary stays as the standard spells it
    assert objects(document, "meetings")["2022-01-11"]["meetingState"] == "durchgeführt"
    assert objects(document, "organizations")["ag-beispiel-2"]["organizationType"] == "Gremium"


def test_a_workspace_without_sessions(tree: Tree) -> None:
    ws = load_workspace(tree({"kogsro.yaml": SMALL["kogsro.yaml"], "attendees.yaml": "{}\n"}))
    document = export(ws)
    assert counts(document) == {
        "bodies": 1,
        "organizations": 1,
        "persons": 0,
        "memberships": 0,
        "meetings": 0,
        "agendaitems": 0,
        "locations": 1,
        "legislativeterms": 0,
        "files": 0,
        "papers": 0,
    }
    assert document["bodies"]["data"][0]["legislativeTerm"] == []


def test_golden_public_export(small: Workspace, golden: Any) -> None:
    golden.check("oparl/small-public.json", dumps(export(small)))


# --- writing ------------------------------------------------------------------------------------


def test_write_export_replaces_and_removes_its_own_files(small: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out"
    folder = out / "oparl"
    document = export(small, public_only=False)
    written = write_export(document, folder, base_url=BASE, out_dir=out)
    assert len(written.files) == len(layout(document, BASE))
    assert written.removed == []
    assert json.loads((folder / "meeting" / "2022-01-11.json").read_text("utf-8"))["id"].endswith(
        "/meeting/2022-01-11"
    )
    (folder / "README.txt").write_text("served by the web server\n", encoding="utf-8")
    (folder / "meeting" / "notes.txt").write_text("kept\n", encoding="utf-8")
    again = write_export(export(small), folder, base_url=BASE, out_dir=out)  # public now
    removed = {p.relative_to(folder).as_posix() for p in again.removed}
    assert removed == {
        "agendaitem/2022-01-11-top3.json",
        "agendaitem/2022-01-11-top3.1.json",
        "file/2022-01-11-top3.1-1.json",
    }
    assert not (folder / "agendaitem" / "2022-01-11-top3.json").exists()
    assert (folder / "README.txt").exists() and (folder / "meeting" / "notes.txt").exists()


def test_write_export_removes_emptied_folders(small: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_export(export(small), out / "oparl", base_url=BASE, out_dir=out)
    assert (out / "oparl" / "file").is_dir()
    (small.agendas_dir / "2022-01-11.yaml").unlink()
    again = write_export(
        export(load_workspace(small.root)), out / "oparl", base_url=BASE, out_dir=out
    )
    assert not (out / "oparl" / "file").exists()
    assert not (out / "oparl" / "membership" / "jan-jansen").exists()  # came only on 11 Jan
    assert (out / "oparl" / "membership" / "mia-gastmann").is_dir()
    assert any(p.name == "2022-01-11.json" for p in again.removed)


def test_write_export_outside_out_needs_force(small: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out"
    folder = tmp_path / "public"
    document = export(small)
    write_export(document, folder, base_url=BASE, out_dir=out)  # a new folder: fine
    before = (folder / "system.json").read_bytes()
    with pytest.raises(OutputExists) as caught:
        write_export(document, folder, base_url=BASE, out_dir=out)
    assert caught.value.remedy is not None and caught.value.remedy.option == "force"
    assert (folder / "system.json").read_bytes() == before
    write_export(document, folder, base_url=BASE, out_dir=out, force=True)


def test_write_export_into_a_file_is_a_usage_error(small: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError):
        write_export(export(small), target, base_url=BASE, out_dir=tmp_path / "out")
    assert target.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("public", [True, False], ids=["public", "internal"])
def test_every_link_resolves_to_a_file(
    example_ws: Workspace, small: Workspace, public: bool
) -> None:
    """What a client crawling the static API finds: every URL below the base is a file."""
    for ws in (example_ws, small):
        files = layout(export(ws, public_only=public), BASE)
        links = {s for s in all_strings(list(files.values())) if s.startswith(BASE)}
        missing = sorted(s for s in links if f"{s.removeprefix(BASE + '/')}.json" not in files)
        assert not missing, missing
        # and every object is reachable from the system through the lists
        assert set(files) >= {f"{name}.json" for name in LISTS}
