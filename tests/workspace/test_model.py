"""The model's own checks of single values."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from kogsro.workspace.model import _PLAIN_MAILBOX, _parsed_mailbox_problem, mailbox_problem
from tests.conftest import ROOT


@settings(max_examples=150, deadline=None)
@given(st.from_regex(_PLAIN_MAILBOX, fullmatch=True))
def test_the_plain_spellings_of_a_mailbox_are_ones_the_email_parser_takes(value: str) -> None:
    assert _parsed_mailbox_problem(value) is None


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        st.sampled_from([*"aZ09 .-_<>@:;,\"'()[]\\\t", "ä", "é", "\u00a0", "\x00"]),
        max_size=40,
    )
)
def test_a_mailbox_is_judged_as_the_email_parser_judges_it(value: str) -> None:
    assert mailbox_problem(value) == _parsed_mailbox_problem(value)


def test_an_address_the_parser_trips_over_is_a_problem_not_a_crash() -> None:
    for value in ("0@[", ":;0"):
        assert mailbox_problem(value) == "is not an e-mail address"


def test_reading_a_plain_sender_does_not_load_the_email_package() -> None:
    code = (
        "import sys\nfrom kogsro.workspace.model import Mail\n"
        "Mail.from_data({'from': 'KoG SRO <kog-sro@example.org>', 'reply_to': 'a@example.org'})\n"
        "print(sorted(m for m in sys.modules if m.startswith('email')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"
