"""Who is invited and who organises: recipients, addresses, the organizer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kogsro.errors import InputError
from kogsro.workspace.loader import load_workspace
from kogsro.workspace.recipients import address_problem, organizer, recipients
from tests.conftest import run_cli
from tests.sample_workspace import ROSTER, sample_files

Tree = Callable[[dict[str, str]], Path]


def session_file(day: str, extra: str = "") -> dict[str, str]:
    return {f"agendas/{day}.yaml": f"date: {day}\nhost: ba-nord\n{extra}"}


# --- recipients --------------------------------------------------------------------------------


def test_members_then_guests_each_once(tree: Tree) -> None:
    ws = load_workspace(tree(sample_files()))
    found = recipients(ws, ws.session("2022-07-12"))
    assert [(w.key, w.role, w.kind) for w in found.invitees] == [
        ("spk-nord", "member", "person"),
        ("spk-sued", "chair", "person"),
        ("sen-1", "member", "person"),
        ("sen-2", "member", "person"),
        ("gast-1", "guest", "person"),  # the people of the guest organisation
        ("gast-2", "guest", "person"),
        ("verein", "guest", "organisation"),  # no people: its own address
        ("guest-3", "guest", "inline"),
    ]
    assert [w.key for w in found.missing] == ["sen-3", "guest-4"]
    warnings = found.warnings()
    assert "Paula Ohneadresse (" in warnings[0] and "attendees.yaml:45:5)" in warnings[0]
    assert "Ohne Mail (" in warnings[1] and "2022-07-12.yaml:14:5)" in warnings[1]


def test_a_member_named_as_guest_is_invited_once(tree: Tree) -> None:
    ws = load_workspace(
        tree(sample_files(session_file("2022-10-11", "guests: [spk-sued, sen, sen-1]\n")))
    )
    keys = [w.key for w in recipients(ws, ws.session("2022-10-11")).invitees]
    assert keys == ["spk-nord", "spk-sued", "sen-1", "sen-2"]


def test_shared_address_is_invited_once(tree: Tree) -> None:
    roster = ROSTER.replace("email: zoe@example.org", "email: Klara.Testfall@example.org")
    files = sample_files({"attendees.yaml": roster})
    ws = load_workspace(tree(files))
    keys = [w.key for w in recipients(ws, ws.session("2022-07-12")).invitees]
    assert "gast-2" not in keys and "gast-1" in keys


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        # refused when the roster is loaded, by the one rule for one-line fields
        ("name", '"Anna\\nMüller"', "name: a line break at character 5 is not allowed"),
        ("name", '"Anna\\rBcc: x@example.org"', "name: a carriage return at character 5"),
        ("email", '"anna@example.org\\nBcc: x@example.org"', "email: a line break at character"),
        ("email", "anna@example.org, x@example.org", "is not a valid address"),
        ("email", "Anna <anna@example.org>", "is not a valid address"),
        ("email", "anna", "is not a valid address"),
    ],
)
def test_header_injection_is_refused_at_the_roster_entry(
    tree: Tree, field: str, value: str, message: str
) -> None:
    original = {
        "name": 'name: "Müller, Anna"',
        "email": "email: anna.mueller@example.org",
    }[field]
    roster = ROSTER.replace(original, f"{field}: {value}")
    with pytest.raises(InputError) as caught:
        ws = load_workspace(tree(sample_files({"attendees.yaml": roster})))
        recipients(ws, ws.session("2022-07-12"))
    (problem,) = caught.value.problems
    assert problem.file.endswith("attendees.yaml")
    assert problem.line == (31 if field == "name" else 33)
    assert message in problem.message
    assert problem.hint


def test_inline_guest_with_a_bad_address_points_at_the_session_file(tree: Tree) -> None:
    extra = "guests:\n  - name: Gast\n    email: gast@@example.org\n"
    ws = load_workspace(tree(sample_files(session_file("2022-10-11", extra))))
    with pytest.raises(InputError) as caught:
        recipients(ws, ws.session("2022-10-11"))
    (problem,) = caught.value.problems
    assert problem.file.endswith("agendas/2022-10-11.yaml")
    assert (problem.line, problem.column) == (5, 12)


def test_address_problem() -> None:
    assert address_problem("erika.beispiel@example.org") is None
    assert address_problem("jürgen@example.org")  # most servers cannot take these
    assert address_problem("nobody@localhost")
    assert address_problem("a@b.org\r\n")
    assert address_problem("")


# --- organiser ---------------------------------------------------------------------------------


def test_organizer_order(tree: Tree) -> None:
    ws = load_workspace(tree(sample_files()))
    # host without address, chair a person
    assert organizer(ws, ws.session("2022-07-12")).email == "anna.mueller@example.org"  # type: ignore[union-attr]
    # host without address, chair = host district: its first member with an address
    assert organizer(ws, ws.session("2022-01-11")).name == "Jürgen Weißmüller"  # type: ignore[union-attr]
    roster = ROSTER.replace("    short: Nord\n", "    short: Nord\n    email: nord@example.org\n")
    ws = load_workspace(tree(sample_files({"attendees.yaml": roster})))
    contact = organizer(ws, ws.session("2022-01-11"))
    assert contact is not None and (contact.name, contact.email) == (
        "Bezirksamt Nord",
        "nord@example.org",
    )


def test_organizer_falls_back_to_the_body(tree: Tree) -> None:
    roster = ROSTER.replace("    email: juergen.weissmueller@example.org\n", "")
    ws = load_workspace(tree(sample_files({"attendees.yaml": roster})))
    contact = organizer(ws, ws.session("2022-01-11"))
    assert contact is not None and contact.email == "kog-sro@example.org"


def test_check_reports_addresses_that_would_break_an_invitation(tree: Tree) -> None:
    roster = ROSTER.replace("email: zoe@example.org", "email: zoe@example.org; x@example.org")
    extra = "guests:\n  - name: Gast\n    email: gast@@example.org\n"
    root = tree(sample_files({"attendees.yaml": roster, **session_file("2022-10-11", extra)}))
    code, _, err = run_cli("check", cwd=root)
    assert code == 2
    lines = [line for line in err.splitlines() if not line.startswith(("  hint", "2 problems"))]
    assert lines == [
        "agendas/2022-10-11.yaml:5:12: the e-mail address of 'guest-1' "
        "'gast@@example.org' is not a valid address",
        "attendees.yaml:56:12: the e-mail address of 'gast-2' "
        "'zoe@example.org; x@example.org' is not a valid address",
    ]
