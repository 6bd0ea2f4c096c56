"""The typed shapes of kogsro.documents.views describe the data the projections hand out.

The type checker checks every projection where it is built; these tests check the shapes
themselves (every annotation resolves) and, on the example workspace, that each projection has
exactly the keys its shape names, nested ones included.
"""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path
from typing import Any, NotRequired, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from kogsro.documents import views
from kogsro.documents.context import document_context, session_context
from kogsro.documents.ledger_docs import (
    ActionQuery,
    DecisionQuery,
    action_item,
    action_rows,
    decision_log,
    decision_rows,
    decision_viewer,
    task_list,
)
from kogsro.documents.presentation import session_summary
from kogsro.workspace.loader import Workspace, load_workspace

SHAPES = [
    value
    for value in vars(views).values()
    if isinstance(value, type) and is_typeddict(value) and value.__module__ == views.__name__
]


@pytest.fixture
def ws(example: Path) -> Workspace:
    return load_workspace(example)


def _hints(shape: type) -> dict[str, Any]:
    from kogsro.ledger.rsvp import RsvpCounts

    return get_type_hints(shape, localns={"RsvpCounts": RsvpCounts}, include_extras=True)


def _keys(shape: type) -> tuple[set[str], set[str]]:
    """The required and the optional keys (``NotRequired``; with postponed annotations
    Python 3.11 does not tell them apart in ``__required_keys__``)."""
    hints = _hints(shape)
    optional = {key for key, hint in hints.items() if get_origin(hint) is NotRequired}
    return set(hints) - optional, optional


def _check(value: object, hint: Any, where: str) -> None:
    """``value`` has the keys of every TypedDict in ``hint``, all the way down."""
    origin = get_origin(hint)
    if is_typeddict(hint):
        assert isinstance(value, dict), where
        required, optional = _keys(hint)
        missing = required - set(value)
        extra = set(value) - required - optional
        assert not missing and not extra, f"{where}: missing {missing}, extra {extra}"
        hints = _hints(hint)
        for key, item in value.items():
            inner = hints[key]
            if get_origin(inner) is NotRequired:
                (inner,) = get_args(inner)
            _check(item, inner, f"{where}.{key}")
    elif origin is list:
        assert isinstance(value, list), where
        (inner,) = get_args(hint)
        for index, item in enumerate(value):
            _check(item, inner, f"{where}[{index}]")
    elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        options = get_args(hint)
        if value is None:
            assert type(None) in options, where
            return
        shapes = [o for o in options if is_typeddict(o) or get_origin(o) is list]
        if isinstance(value, dict | list) and len(shapes) == 1:
            _check(value, shapes[0], where)


def test_every_shape_resolves() -> None:
    assert len(SHAPES) > 30
    for shape in SHAPES:
        assert _hints(shape), shape.__name__


def test_the_session_and_its_items(ws: Workspace) -> None:
    session = ws.session("2022-06-14")
    _check(session_context(ws, session, lang="de", public=False), views.SessionView, "session")
    _check(session_context(ws, session, lang="en", public=True), views.SessionView, "public")
    _check(session_summary(ws, session), views.SessionSummary, "summary")


@pytest.mark.parametrize("kind", ["invitation", "minutes", "attendance"])
def test_the_documents_of_a_session(ws: Workspace, kind: Any) -> None:
    context = document_context(ws, ws.session("2022-06-14"), kind, lang="de", public=False)
    _check(context["session"], views.SessionView, "session")
    extras = {
        "invitation": views.InvitationExtras,
        "minutes": views.MinutesExtras,
        "attendance": views.SheetExtras,
    }[kind]
    for key in _keys(extras)[0]:
        _check(context[key], _hints(extras)[key], key)


def test_the_ledger(ws: Workspace) -> None:
    as_of = dt.date(2022, 7, 1)
    decisions = decision_log(ws, DecisionQuery())
    actions = task_list(ws, ActionQuery(as_of=as_of))
    assert decisions and actions
    _check(decision_rows(ws, decisions), list[views.DecisionRow], "decision rows")
    _check(action_rows(ws, actions, as_of), list[views.ActionRow], "action rows")
    view = decision_viewer(ws, "en")
    _check([view(e) for e in decisions], list[views.LedgerDecisionView], "decisions")
    _check([action_item(ws, e, as_of, "de") for e in actions], list[views.TaskView], "tasks")
