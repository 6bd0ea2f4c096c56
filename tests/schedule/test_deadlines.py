"""The invitation period: late invitations recorded, sessions that can no longer be invited in
time, and the notice `invite` prints (kogsro.schedule.deadlines)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kogsro.schedule.deadlines import invitation_notice, invitation_period_problems
from kogsro.workspace.loader import load_workspace
from tests.conftest import run_cli
from tests.sample_workspace import CONFIG, sample_files

Tree = Callable[[dict[str, str]], Path]
TODAY = date(2022, 6, 1)


def session_file(day: str, extra: str = "") -> dict[str, str]:
    return {f"agendas/{day}.yaml": f"date: {day}\nhost: ba-nord\n{extra}"}


def test_example_like_sessions_have_no_period_problems(tree: Tree) -> None:
    ws = load_workspace(tree(sample_files()))
    assert invitation_period_problems(ws, TODAY) == []


def test_recorded_late_invitation_is_a_problem_at_invited_on(tree: Tree) -> None:
    files = sample_files(session_file("2022-06-14", "invited_on: 2022-06-05\n"))
    ws = load_workspace(tree(files))
    (problem,) = invitation_period_problems(ws, TODAY)
    assert problem.file.endswith("agendas/2022-06-14.yaml")
    assert (problem.line, problem.column) == (3, 13)
    assert problem.message == (
        "invited on 2022-06-05, 9 days before the session; the invitation period is "
        "14 days (invite by 2022-05-31)"
    )


def test_upcoming_session_that_can_no_longer_be_invited_in_time(tree: Tree) -> None:
    ws = load_workspace(tree(sample_files(session_file("2022-06-10"))))
    (problem,) = invitation_period_problems(ws, TODAY)
    assert (problem.line, problem.column) == (1, 7)
    assert "can no longer be invited in time" in problem.message
    assert "ended on 2022-05-27" in problem.message


@pytest.mark.parametrize(
    "extra",
    [
        "status: invited\n",  # invited, date not recorded
        "status: cancelled\n",
        "status: cancelled\ninvited_on: 2022-06-08\n",
    ],
)
def test_not_a_period_problem(tree: Tree, extra: str) -> None:
    ws = load_workspace(tree(sample_files(session_file("2022-06-10", extra))))
    assert invitation_period_problems(ws, TODAY) == []


def test_past_session_without_invited_on_is_not_a_problem(tree: Tree) -> None:
    ws = load_workspace(tree(sample_files(session_file("2022-05-20"))))
    assert invitation_period_problems(ws, TODAY) == []


def test_deadline_day_itself_is_in_time(tree: Tree) -> None:
    ws = load_workspace(tree(sample_files(session_file("2022-06-15"))))
    assert invitation_period_problems(ws, TODAY) == []  # invite today = 14 days before
    ws = load_workspace(tree(sample_files(session_file("2022-06-14"))))
    assert len(invitation_period_problems(ws, TODAY)) == 1


def test_invitation_days_from_the_config(tree: Tree) -> None:
    config = CONFIG.replace("invitation_days: 14", "invitation_days: 7")
    files = sample_files({"kogsro.yaml": config, **session_file("2022-06-10")})
    ws = load_workspace(tree(files))
    assert invitation_period_problems(ws, TODAY) == []


def test_invite_notice(tree: Tree) -> None:
    files = sample_files(
        {
            **session_file("2022-06-10"),
            **session_file("2022-06-20", "invited_on: 2022-06-01\n"),
            **session_file("2022-06-21", "invited_on: 2022-06-10\n"),
        }
    )
    ws = load_workspace(tree(files))
    assert invitation_notice(ws, ws.session("2022-07-12"), TODAY) is None
    assert invitation_notice(ws, ws.session("2022-06-20"), TODAY) is None
    notice = invitation_notice(ws, ws.session("2022-06-10"), TODAY)
    assert notice == (
        "invitation period missed: invited today, 9 days before the session on 2022-06-10, "
        "but the invitation period is 14 days (invite by 2022-05-27)"
    )
    notice = invitation_notice(ws, ws.session("2022-06-21"), TODAY)
    assert notice is not None and "invited on 2022-06-10, 11 days before" in notice
    notice = invitation_notice(ws, ws.session("2022-01-11"), TODAY)
    assert notice == "the session 2022-01-11 is in the past (2022-01-11)"
    assert invitation_notice(ws, ws.session("2022-09-13"), TODAY) is None  # cancelled


def test_check_reports_the_period(tree: Tree) -> None:
    root = tree(sample_files(session_file("2022-06-10")))
    code, _, err = run_cli("check", cwd=root)
    assert code == 2
    assert "agendas/2022-06-10.yaml:1:7: the session can no longer be invited in time" in err
    assert "1 problem found" in err
