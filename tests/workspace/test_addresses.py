"""E-mail addresses of the roster and of guests in their common spelling are taken without
Python's e-mail parser; the parser accepts every one of them too, and keeps the last word (and
the messages) on all others. (kogsro.yaml's mailboxes: tests/workspace/test_model.py.)"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kogsro.workspace.model import PLAIN_ADDRESS
from kogsro.workspace.recipients import address_problem, parsed_address_problem
from tests.conftest import run_cli
from tests.sample_workspace import ROSTER, sample_files

Tree = Callable[[dict[str, str]], Path]


@settings(max_examples=300)
@given(st.from_regex(PLAIN_ADDRESS, fullmatch=True))
def test_every_plain_address_is_one_the_parser_accepts(value: str) -> None:
    assert parsed_address_problem(value) is None


@pytest.mark.parametrize(
    "value",
    ["a..b@example.org", ".a@example.org", "a@example", "a b@example.org",
     "zoe@example.org; x@example.org", "gast@@example.org", "0@[", ":;0", ""],
)  # fmt: skip
def test_other_spellings_are_judged_by_the_parser(value: str) -> None:
    assert not PLAIN_ADDRESS.fullmatch(value)
    assert address_problem(value) == parsed_address_problem(value)
    assert address_problem(value) == f"{value!r} is not a valid address"


def test_the_parser_may_take_what_the_common_spelling_leaves_out() -> None:
    assert not PLAIN_ADDRESS.fullmatch("a@exa_mple.org")
    assert address_problem("a@exa_mple.org") is None


def test_checking_a_roster_of_plain_addresses_does_not_load_the_email_package() -> None:
    code = (
        "import sys\n"
        "from kogsro.workspace.recipients import address_problem\n"
        "assert address_problem('erika.beispiel@ba-nord.berlin.de') is None\n"
        "print(sorted(m for m in sys.modules if m == 'email' or m.startswith('email.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_address_the_parser_trips_over_is_reported_by_check(tree: Tree) -> None:
    roster = ROSTER.replace("email: zoe@example.org", 'email: "0@["')
    code, _, err = run_cli("check", cwd=tree(sample_files({"attendees.yaml": roster})))
    assert code == 2
    assert "the e-mail address of 'gast-2' '0@[' is not a valid address" in err
