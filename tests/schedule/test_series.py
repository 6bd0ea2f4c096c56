"""Recurrence rules, Berlin's public holidays, breaks and host rotation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kogsro.errors import UsageError
from kogsro.schedule.series import (
    Break,
    SeriesSpec,
    berlin_holidays,
    following_host,
    holiday_name,
    next_series_date,
    next_workday,
    normalise_rule,
    parse_break,
    plan_year,
    previous_host,
    rule_dates,
    series_year,
)
from kogsro.workspace.loader import load_workspace

Tree = Callable[[dict[str, str]], Path]

BODY = """
body: {name: Testgremium, short: TG}
rotation: [ba-a, ba-b, ba-c]
"""
ROSTER = """
organisations:
  - {id: ba-a, name: Bezirksamt A, short: A, kind: district}
  - {id: ba-b, name: Bezirksamt B, short: B, kind: district}
  - {id: ba-c, name: Bezirksamt C, short: C, kind: district}
  - {id: sen, name: Senatsverwaltung, kind: senate}
"""
MONTHLY = "FREQ=MONTHLY;BYDAY=2TU"


def workspace(tree: Tree, **sessions: str) -> Path:
    files = {"kogsro.yaml": BODY, "attendees.yaml": ROSTER}
    files.update({f"agendas/{name}.yaml": text for name, text in sessions.items()})
    return tree(files)


# --- holidays ------------------------------------------------------------------------------


def test_berlin_holidays_have_german_names() -> None:
    days = berlin_holidays([2023])
    assert days[date(2023, 1, 1)] == "Neujahr"
    assert days[date(2023, 4, 7)] == "Karfreitag"
    assert days[date(2023, 4, 10)] == "Ostermontag"
    assert days[date(2023, 5, 18)] == "Christi Himmelfahrt"
    assert days[date(2023, 5, 29)] == "Pfingstmontag"
    assert days[date(2023, 10, 3)] == "Tag der Deutschen Einheit"
    assert days[date(2023, 12, 25)] == "Erster Weihnachtstag"
    assert days[date(2023, 12, 26)] == "Zweiter Weihnachtstag"


def test_berlin_only_holidays() -> None:
    # Internationaler Frauentag is a public holiday in Berlin (since 2019), not nationwide.
    assert holiday_name(date(2022, 3, 8)) == "Internationaler Frauentag"
    assert holiday_name(date(2018, 3, 8)) is None
    # The 75th and 80th anniversaries of the end of the war were one-off holidays in Berlin.
    assert "Befreiung" in (holiday_name(date(2020, 5, 8)) or "")
    assert "Befreiung" in (holiday_name(date(2025, 5, 8)) or "")
    assert holiday_name(date(2022, 5, 8)) is None
    # Holidays of other states are not Berlin's: Fronleichnam, Reformationstag, Allerheiligen.
    assert holiday_name(date(2023, 6, 8)) is None
    assert holiday_name(date(2023, 10, 31)) is None
    assert holiday_name(date(2023, 11, 1)) is None


def test_next_workday_skips_weekends_and_holidays() -> None:
    assert next_workday(date(2023, 4, 7)) == date(2023, 4, 11)  # Good Friday -> Easter Tuesday
    assert next_workday(date(2022, 3, 8)) == date(2022, 3, 9)
    assert next_workday(date(2020, 12, 24)) == date(2020, 12, 28)  # Christmas on Fri/Sat


# --- rules and breaks ----------------------------------------------------------------------


def test_normalise_rule_accepts_common_spellings() -> None:
    assert normalise_rule("RRULE:freq=monthly;byday=2tu") == MONTHLY
    assert normalise_rule(" FREQ=WEEKLY;INTERVAL=2;BYDAY=WE; ") == "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"
    assert (
        normalise_rule("FREQ=MONTHLY;UNTIL=20230630T000000Z")
        == "FREQ=MONTHLY;UNTIL=20230630T000000"
    )


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("", "empty"),
        ("BYDAY=TU", "FREQ is missing"),
        ("FREQ=HOURLY", "planned by the day"),
        ("FREQ=MONTHLY;BYDAY=9TU", "BYDAY position"),
        ("FREQ=MONTHLY;FOO=1", "FOO"),
        ("FREQ=MONTHLY;FREQ=WEEKLY", "given twice"),
        ("FREQ=MONTHLY;BYDAY", "not NAME=VALUE"),
        ("DTSTART:20220101\nRRULE:FREQ=MONTHLY", "no DTSTART"),
        ("FREQ=MONTHLY;BYDAY=XX", "invalid recurrence rule"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "matches no day"),
    ],
)
def test_bad_rules_are_explained(rule: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        normalise_rule(rule)
    with pytest.raises(UsageError) as info:
        SeriesSpec.build(rule)
    assert info.value.hint and "FREQ=MONTHLY;BYDAY=2TU" in info.value.hint


def test_rule_dates_are_anchored_at_new_year() -> None:
    # 1 January 2023 is a Sunday: its week counts as the first, so every other Monday
    # starts on 9 January, whenever the plan is made
    days = rule_dates("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", date(2023, 1, 1), date(2023, 2, 28))
    assert days == [date(2023, 1, 9), date(2023, 1, 23), date(2023, 2, 6), date(2023, 2, 20)]
    assert rule_dates("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", date(2023, 2, 1), date(2023, 2, 28)) == [
        date(2023, 2, 6),
        date(2023, 2, 20),
    ]
    # several times a day still give one session day
    assert rule_dates("FREQ=DAILY;BYHOUR=9,14", date(2023, 1, 2), date(2023, 1, 3)) == [
        date(2023, 1, 2),
        date(2023, 1, 3),
    ]
    # a rule that matches rarely ends at the end of the range
    assert (
        rule_dates("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", date(2023, 1, 1), date(2023, 12, 31)) == []
    )


def test_parse_break() -> None:
    summer = parse_break("07-01..08-31")
    assert summer == Break((7, 1), (8, 31))
    assert str(summer) == "07-01..08-31"
    assert summer.contains(date(2023, 7, 1)) and summer.contains(date(2023, 8, 31))
    assert not summer.contains(date(2023, 6, 30)) and not summer.contains(date(2023, 9, 1))
    winter = parse_break(" 12-20 .. 1-6 ")
    assert winter.contains(date(2023, 12, 24)) and winter.contains(date(2024, 1, 6))
    assert not winter.contains(date(2024, 1, 7)) and not winter.contains(date(2023, 12, 19))
    assert parse_break("02-29..02-29").contains(date(2024, 2, 29))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("07-01-08-31", "MM-DD..MM-DD"),
        ("13-01..13-05", "no month 13"),
        ("02-30..03-01", "no day 30"),
        ("04-31..05-01", "no day 31"),
        ("summer", "MM-DD..MM-DD"),
    ],
)
def test_bad_breaks(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_break(text)
    with pytest.raises(UsageError):
        SeriesSpec.build(MONTHLY, breaks=[text])


def test_bad_on_holiday_choice() -> None:
    with pytest.raises(UsageError, match="on-holiday"):
        SeriesSpec.build(MONTHLY, "move")


# --- a year's series -----------------------------------------------------------------------


def test_berlin_only_holiday_is_skipped_or_moved() -> None:
    # 8 March 2022 is the second Tuesday of March and Internationaler Frauentag.
    days, skipped = series_year(SeriesSpec.build(MONTHLY, "skip"), 2022)
    assert date(2022, 3, 8) not in [d.date for d in days]
    assert [(s.date, s.kind) for s in skipped] == [(date(2022, 3, 8), "holiday")]
    assert "Internationaler Frauentag" in skipped[0].reason

    days, skipped = series_year(SeriesSpec.build(MONTHLY, "next-workday"), 2022)
    moved = [d for d in days if d.moved_from]
    assert [(d.date, d.moved_from, d.holiday) for d in moved] == [
        (date(2022, 3, 9), date(2022, 3, 8), "Internationaler Frauentag")
    ]
    assert skipped == []
    assert len(days) == 12


def test_nationwide_holidays_are_skipped() -> None:
    # Every Monday of 2023: Easter Monday, Whit Monday and 1 May fall on a Monday.
    days, skipped = series_year(SeriesSpec.build("FREQ=WEEKLY;BYDAY=MO"), 2023)
    names = {s.date: s.reason for s in skipped}
    assert set(names) == {
        date(2023, 4, 10),
        date(2023, 5, 1),
        date(2023, 5, 29),
        date(2023, 12, 25),
    }
    assert "Ostermontag" in names[date(2023, 4, 10)]
    assert "Erster Mai" in names[date(2023, 5, 1)]
    assert len(days) == 52 - 4


def test_next_workday_never_lands_on_another_session_or_in_a_break() -> None:
    # Thursdays and Fridays of 2025: Christmas (Thu, Fri) both move to Monday 29 December.
    spec = SeriesSpec.build("FREQ=WEEKLY;BYDAY=TH,FR", "next-workday")
    days, skipped = series_year(spec, 2025)
    dates = [d.date for d in days]
    assert len(dates) == len(set(dates))
    assert date(2025, 12, 29) in dates
    assert any(s.date == date(2025, 12, 26) and "already" in s.reason for s in skipped)
    # Ascension Thursday moves onto Friday, which is a day of the series: skipped
    assert any(s.date == date(2025, 5, 29) for s in skipped)
    # a holiday just before a break: the next working day is inside it
    spec = SeriesSpec.build("FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=3", "next-workday", ["10-04..10-31"])
    days, skipped = series_year(spec, 2023)
    assert days == [] and "in the break" in skipped[0].reason


def test_break_leaves_out_the_summer() -> None:
    spec = SeriesSpec.build(MONTHLY, "next-workday", ["07-01..08-31"])
    days, skipped = series_year(spec, 2023)
    assert [d.date.month for d in days] == [1, 2, 3, 4, 5, 6, 9, 10, 11, 12]
    assert [(s.date, s.reason) for s in skipped] == [
        (date(2023, 7, 11), "break 07-01..08-31"),
        (date(2023, 8, 8), "break 07-01..08-31"),
    ]


def test_break_over_new_year() -> None:
    spec = SeriesSpec.build("FREQ=WEEKLY;BYDAY=WE", "skip", ["12-20..01-10"])
    days, _ = series_year(spec, 2023)
    assert days[0].date == date(2023, 1, 11)
    assert days[-1].date == date(2023, 12, 13)


def test_year_out_of_range() -> None:
    with pytest.raises(UsageError, match="out of range"):
        series_year(SeriesSpec.build(MONTHLY), 1980)


def test_next_series_date() -> None:
    spec = SeriesSpec.build(MONTHLY, "next-workday", ["07-01..08-31"])
    assert next_series_date(spec, date(2022, 6, 14)).date == date(2022, 9, 13)
    assert next_series_date(spec, date(2022, 3, 1)).date == date(2022, 3, 9)
    assert next_series_date(spec, date(2022, 12, 13)).date == date(2023, 1, 10)
    with pytest.raises(UsageError, match="no date after"):
        next_series_date(SeriesSpec.build("FREQ=MONTHLY;UNTIL=20220301"), date(2022, 3, 1))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    year=st.integers(2019, 2030),
    rule=st.sampled_from(
        [
            "FREQ=MONTHLY;BYDAY=2TU",
            "FREQ=MONTHLY;BYDAY=1MO",
            "FREQ=MONTHLY;BYDAY=-1FR",
            "FREQ=WEEKLY;BYDAY=MO,TH",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
            "FREQ=DAILY",
            "FREQ=MONTHLY;BYMONTHDAY=1,8,25",
            "FREQ=YEARLY;BYMONTH=3,5,10,12;BYMONTHDAY=1,3,8,24,25,26,31",
        ]
    ),
    on_holiday=st.sampled_from(["skip", "next-workday"]),
    start=st.tuples(st.integers(1, 12), st.integers(1, 28)),
    length=st.integers(0, 120),
)
def test_no_planned_date_is_a_holiday_or_in_the_break(
    year: int, rule: str, on_holiday: str, start: tuple[int, int], length: int
) -> None:
    first = date(2001, *start)  # a year without 29 February
    last = first + timedelta(days=length)
    text = f"{first:%m-%d}..{last:%m-%d}"
    spec = SeriesSpec.build(rule, on_holiday, [text])
    days, skipped = series_year(spec, year)
    holidays = berlin_holidays([year, year + 1])
    pause = spec.breaks[0]
    dates = [d.date for d in days]
    assert len(dates) == len(set(dates))
    for day in dates:
        assert day not in holidays
        assert not pause.contains(day)
    every = set(rule_dates(rule, date(year, 1, 1), date(year, 12, 31)))
    # every day of the rule is accounted for: planned (maybe moved) or skipped with a reason
    assert every == {d.moved_from or d.date for d in days} | {s.date for s in skipped}


# --- rotation ------------------------------------------------------------------------------


def test_following_host_wraps_around() -> None:
    rotation = ["ba-a", "ba-b", "ba-c"]
    assert following_host(rotation, "ba-a") == "ba-b"
    assert following_host(rotation, "ba-c") == "ba-a"
    assert following_host(rotation, None) == "ba-a"
    assert following_host(rotation, "sen") == "ba-a"
    with pytest.raises(UsageError, match="no rotation"):
        following_host([], "ba-a")


def test_previous_host_ignores_hosts_outside_the_rotation() -> None:
    history = [(date(2023, 1, 10), "ba-b"), (date(2023, 2, 14), "sen"), (date(2023, 5, 9), "ba-a")]
    rotation = ["ba-a", "ba-b", "ba-c"]
    assert previous_host(rotation, history, date(2023, 3, 14)) == "ba-b"
    assert previous_host(rotation, history, date(2023, 6, 1)) == "ba-a"
    assert previous_host(rotation, history, date(2023, 1, 10)) is None


def test_plan_year_continues_rotation_and_keeps_existing(tree: Tree) -> None:
    root = workspace(
        tree,
        **{
            "2023-02-14": "date: 2023-02-14\nhost: ba-b\n",
            "2023-04-11": "date: 2023-04-11\nhost: ba-a\nstatus: cancelled\n",
            "2023-05-09": "date: 2023-05-09\nhost: sen\n",
        },
    )
    ws = load_workspace(root)
    spec = SeriesSpec.build(MONTHLY, "skip", ["07-01..08-31"])
    plan = plan_year(ws, 2023, spec, today=date(2023, 2, 20))
    rows = [(p.date, p.host, p.exists) for p in plan.sessions]
    assert rows == [
        (date(2023, 2, 14), "ba-b", True),
        (date(2023, 3, 14), "ba-c", False),
        (date(2023, 4, 11), "ba-a", True),  # cancelled: it exists, but ba-a did not host
        (date(2023, 5, 9), "sen", True),
        (date(2023, 6, 13), "ba-a", False),
        (date(2023, 9, 12), "ba-b", False),
        (date(2023, 10, 10), "ba-c", False),
        (date(2023, 11, 14), "ba-a", False),  # wrapped round
        (date(2023, 12, 12), "ba-b", False),
    ]
    past = [s for s in plan.skipped if s.kind == "past"]
    assert [s.date for s in past] == [date(2023, 1, 10)]
    assert plan.sessions[1].path == root / "agendas" / "2023-03-14.yaml"
    assert plan.sessions[0].path == root / "agendas" / "2023-02-14.yaml"
    assert len(plan.new) == 6


def test_plan_year_starts_rotation_at_the_beginning(tree: Tree) -> None:
    ws = load_workspace(workspace(tree))
    plan = plan_year(
        ws, 2023, SeriesSpec.build("FREQ=MONTHLY;BYDAY=2TU;COUNT=4"), today=date(2022, 12, 1)
    )
    assert [p.host for p in plan.sessions] == ["ba-a", "ba-b", "ba-c", "ba-a"]


def test_plan_year_without_rotation_is_an_error(tree: Tree) -> None:
    root = workspace(tree)
    (root / "kogsro.yaml").write_text("body: {name: Testgremium, short: TG}\n", encoding="utf-8")
    ws = load_workspace(root)
    with pytest.raises(UsageError, match="no rotation"):
        plan_year(ws, 2023, SeriesSpec.build(MONTHLY), today=date(2023, 1, 1))
