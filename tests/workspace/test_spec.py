"""The declarative records: what the rest of kogsro uses of them, and what they cost at start-up."""

from __future__ import annotations

import copy
import datetime as dt
import os
import pickle
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kogsro.workspace.model import Config, Location, Mail, Paths, Session, Smtp, Vote
from kogsro.workspace.rsvp import NamedDeputy, Reply
from kogsro.workspace.spec import Invalid
from kogsro.workspace.validation import validate
from kogsro.workspace.yamlsource import parse_yaml
from tests.conftest import ROOT
from tests.workspace.validation_corpus import read

CORPUS = read()

SESSION = {
    "date": "2022-06-14",
    "host": "ba-sz",
    "start": "9.30",
    "title": "  Sitzung  ",
    "items": [{"title": "Begrüßung", "decisions": [{"text": "D", "vote": {"yes": 3}}]}],
}


def test_a_record_from_data_has_typed_values_and_defaults() -> None:
    session = Session.from_data(SESSION)
    assert session.date == dt.date(2022, 6, 14)
    assert session.start == dt.time(9, 30)
    assert session.title == "Sitzung"  # stripped
    assert session.items[0].decisions[0].vote == Vote(yes=3, no=0, abstain=0)
    assert session.guests == [] and session.revision == 0 and session.status is None
    assert session.id == "" and session.source is None  # set by the loader
    assert session.given_fields() == {"date", "host", "start", "title", "items"}
    assert session.items[0].given_fields() == {"title", "decisions"}


def test_every_problem_is_collected_with_its_place() -> None:
    with pytest.raises(Invalid) as caught:
        Session.from_data({"date": "x", "host": "Bad", "items": [{"kind": "x"}], "zz": 1})
    found = [(e.loc, e.kind) for e in caught.value.errors]
    assert found == [
        (("date",), "date"),
        (("host",), "value"),
        (("items", 0, "title"), "missing"),
        (("items", 0, "kind"), "value"),
        (("zz",), "unknown"),
    ]
    assert caught.value.errors[-1].owner is Session


def test_as_dict_as_data_as_json_without_nones_or_unset_fields() -> None:
    session = Session.from_data(SESSION)
    plain = session.as_dict()
    assert plain["date"] == dt.date(2022, 6, 14) and plain["location"] is None
    assert plain["items"][0]["decisions"][0]["vote"] == {"yes": 3, "no": 0, "abstain": 0}
    data = session.as_dict(jsonable=True)
    assert data["date"] == "2022-06-14" and data["start"] == "09:30:00"
    assert "location" not in session.as_dict(exclude_none=True)
    unset = session.as_dict(jsonable=True, exclude_unset=True, exclude={"items"})
    assert unset == {"date": "2022-06-14", "host": "ba-sz", "start": "09:30:00", "title": "Sitzung"}
    item = session.as_dict(jsonable=True, exclude_unset=True)["items"][0]
    assert item == {"title": "Begrüßung", "decisions": [{"text": "D", "vote": {"yes": 3}}]}


def test_a_moment_in_utc_is_written_with_z_as_before() -> None:
    at = dt.datetime(2022, 6, 1, 7, 30, tzinfo=dt.UTC)
    reply = Reply(person="p", answer="yes", at=at, deputy=NamedDeputy(name="N"))
    assert reply.as_dict(jsonable=True, exclude_none=True) == {
        "person": "p",
        "answer": "yes",
        "deputy": {"name": "N"},
        "at": "2022-06-01T07:30:00Z",
    }
    berlin = dt.timezone(dt.timedelta(hours=2))
    assert Reply(person="p", answer="no", at=at.astimezone(berlin)).as_dict(jsonable=True)[
        "at"
    ] == ("2022-06-01T09:30:00+02:00")


def test_keyword_construction_validates_like_a_file() -> None:
    assert Location(name="  Rathaus ").name == "Rathaus"
    assert Session(date=dt.date(2022, 6, 14), host="ba-sz").given_fields() == {"date", "host"}
    with pytest.raises(Invalid) as caught:
        Reply(person="Bad Id", answer="ja", at=dt.datetime(2022, 6, 1, 9, 30))
    assert [e.loc for e in caught.value.errors] == [("person",), ("answer",), ("at",)]
    assert "needs its offset" in caught.value.errors[-1].message


def test_an_alias_and_the_fields_own_name() -> None:
    assert Mail.from_data({"from": "a@example.org"}).sender == "a@example.org"
    assert Mail.from_data({"sender": "a@example.org"}).sender == "a@example.org"
    assert Mail.file_keys()[0] == "from"
    smtp = Smtp.from_data({"host": "h"})
    assert "port" not in smtp.given_fields() and smtp.port == 587
    assert "port" in Smtp.from_data({"host": "h", "port": 25}).given_fields()


def test_checks_of_the_whole_record() -> None:
    with pytest.raises(Invalid) as caught:
        Paths.from_data({"out": "agendas"})
    assert caught.value.errors[0].loc == ()
    assert "overlaps paths.agendas" in caught.value.errors[0].message
    assert Config.from_data({"body": {"name": "K", "short": "K"}}).paths == Paths()


def test_replace_equality_copies_and_pickles() -> None:
    session = Session.from_data(SESSION)
    session._id = "2022-06-14"
    cancelled = session.replace(status="cancelled")
    assert cancelled.status == "cancelled" and session.status is None
    assert cancelled.id == "2022-06-14" and "status" in cancelled.given_fields()
    assert cancelled != session and cancelled.replace(status=None) == session
    again = pickle.loads(pickle.dumps(session))
    assert again == session and again.given_fields() == session.given_fields()
    assert copy.deepcopy(session) == session
    with pytest.raises(TypeError):
        hash(session)
    assert repr(Vote(yes=1)) == "Vote(yes=1, no=0, abstain=0)"
    with pytest.raises(AttributeError):
        session.unknown = 1  # type: ignore[attr-defined]


def _fresh(code: str, *args: str) -> str:
    env = {**os.environ, "KOGSRO_NO_CACHE": "1", "KOGSRO_TODAY": "2022-06-01"}
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    return result.stderr.strip().splitlines()[-1]


def test_the_record_classes_are_made_without_reading_their_annotations() -> None:
    code = (
        "import sys\nfrom kogsro.workspace import model\n"
        "print([name for name, value in vars(model).items() if isinstance(value, type) "
        "and issubclass(value, model.Record) and value._ready], file=sys.stderr)"
    )
    assert _fresh(code) == "[]"


def test_tagged_unions_take_records_made_in_code() -> None:
    from kogsro.workspace.model import ActionUpdate, DecisionUpdate, InlineGuest

    session = Session(
        date=dt.date(2022, 6, 14),
        host="ba-sz",
        guests=["sen", InlineGuest(name="Erika Beispiel")],
        updates=[DecisionUpdate(decision="d-1", status="revoked"), ActionUpdate(action="a-1")],
    )
    assert isinstance(session.guests[1], InlineGuest)
    assert [type(u).__name__ for u in session.updates] == ["DecisionUpdate", "ActionUpdate"]


_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["2022-06-14", "10:00", "consensus", "ba-sz", "2022-06-14T10:00:00+02:00"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["session", "config", "roster", "rsvp"]),
    st.lists(st.tuples(st.integers(0, 10_000), _VALUES), min_size=1, max_size=3),
)
def test_any_data_anywhere_is_a_located_problem_never_a_crash(
    kind: str, changes: list[tuple[int, Any]]
) -> None:
    """Values of every type (NaN, huge numbers, nested lists and mappings) put in place of any
    value of a valid file: validation answers with problems or a record, never an exception."""
    from tests.workspace import validation_corpus as corpus

    case = max(
        (c for c in CORPUS if c["kind"] == kind and "data" in c), key=lambda c: len(c["text"])
    )
    data, source, _ = parse_yaml(case["text"], "f.yaml")
    for where, value in changes:
        paths = corpus._paths(data)
        path = paths[where % len(paths)]
        corpus._parent(data, path)[path[-1]] = value
    model, problems = validate(data, corpus.model_of(kind), source)
    assert (model is None) == bool(problems)
    for problem in problems:
        assert problem.file == "f.yaml" and problem.line >= 1 and problem.message
