"""Who came, who sent apologies, who stayed away, and whether the body had a quorum.

Members are the people of the roster with ``member: true``. A session's ``attendance`` lists
person ids, or organisation ids when an organisation was represented without naming anyone.
A member counts as present when

- the member's own id is listed as present,
- a present person is the member's deputy (``deputy_of``), or
- the member's organisation is listed as present;

as excused, under the same rules, from the ``excused`` list (present wins); and as absent
otherwise. The quorum rule comes from ``defaults.quorum`` in ``kogsro.yaml``: ``half`` (more
than half of the members), ``two-thirds`` (at least two thirds), ``all``, or a number.

Whom the quorum counts comes from ``defaults.quorum_counts``: ``organisations`` (the default:
one voice per member organisation, present when any of its members or their deputies is) or
``people`` (one voice per member). The same count bounds the votes of a decision: a vote can
have no more voices than there are voting members present.
"""

from __future__ import annotations

import math
from typing import Literal

from kogsro.records import record
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import InlineGuest, Person, Session

QuorumRule = str | int
QuorumCounts = Literal["organisations", "people"]


@record
class MemberAttendance:
    person: Person
    deputy: Person | None = None  # the deputy who came in the member's place


@record
class Quorum:
    present: int
    total: int
    required: int
    rule: QuorumRule
    counts: QuorumCounts = "people"  # what ``present`` and ``total`` count

    @property
    def reached(self) -> bool:
        return self.total > 0 and self.present >= self.required


@record
class AttendanceRecord:
    """The attendance of one session, resolved against the roster."""

    recorded: bool  # False when the session file has no ``attendance`` yet
    present: tuple[MemberAttendance, ...]
    excused: tuple[Person, ...]
    absent: tuple[Person, ...]
    guests: tuple[str | InlineGuest, ...]  # guests who came (or, unrecorded, who are invited)
    others: tuple[str, ...]  # present ids that are neither members, their deputies nor guests
    quorum: Quorum | None  # None when attendance is not recorded


def required_members(rule: QuorumRule, total: int) -> int:
    """How many of ``total`` members must be present under ``rule``."""
    if isinstance(rule, int):
        return rule
    if rule == "half":
        return total // 2 + 1
    if rule == "two-thirds":
        return math.ceil(total * 2 / 3)
    if rule == "all":
        return total
    raise ValueError(f"unknown quorum rule {rule!r}")


def voting_unit(member: Person) -> str:
    """What one voice belongs to when the quorum counts organisations: the member's
    organisation (a member without one is a unit of its own)."""
    return member.organisation or member.id


def voting_members(ws: Workspace) -> list[str]:
    """The voices of the body, in roster order: member organisations or members."""
    members = ws.members()
    if ws.config.defaults.quorum_counts == "organisations":
        return list(dict.fromkeys(voting_unit(m) for m in members))
    return [m.id for m in members]


def expected_quorum(ws: Workspace) -> Quorum:
    """The quorum before anyone is counted: how many voices there are and are needed."""
    total = len(voting_members(ws))
    rule = ws.config.defaults.quorum
    return Quorum(0, total, required_members(rule, total), rule, ws.config.defaults.quorum_counts)


def session_attendance(ws: Workspace, session: Session) -> AttendanceRecord:
    members = ws.members()
    record = session.attendance
    if record is None:
        return AttendanceRecord(False, (), (), tuple(members), tuple(session.guests), (), None)
    present_ids = set(record.present)
    excused_ids = set(record.excused)
    deputies = {
        ws.people[ref].deputy_of: ws.people[ref]
        for ref in record.present
        if ref in ws.people and ws.people[ref].deputy_of
    }

    def listed(member: Person, ids: set[str]) -> bool:
        return member.id in ids or (member.organisation or "") in ids

    present: list[MemberAttendance] = []
    excused: list[Person] = []
    absent: list[Person] = []
    for member in members:
        if member.id in present_ids:
            present.append(MemberAttendance(member))
        elif member.id in deputies:
            present.append(MemberAttendance(member, deputies[member.id]))
        elif listed(member, present_ids) and member.id not in excused_ids:
            present.append(MemberAttendance(member))
        elif listed(member, excused_ids):
            excused.append(member)
        else:
            absent.append(member)

    member_ids = {m.id for m in members}
    deputy_ids = {d.id for d in deputies.values()}
    member_orgs = {m.organisation for m in members if m.organisation}
    guest_ids = {g for g in record.guests if isinstance(g, str)}
    others = tuple(
        ref
        for ref in record.present
        if ref not in member_ids
        and ref not in deputy_ids
        and ref not in member_orgs
        and ref not in guest_ids
    )
    expected = expected_quorum(ws)
    if expected.counts == "organisations":
        voices = len({voting_unit(m.person) for m in present})
    else:
        voices = len(present)
    quorum = Quorum(voices, expected.total, expected.required, expected.rule, expected.counts)
    return AttendanceRecord(
        True, tuple(present), tuple(excused), tuple(absent), tuple(record.guests), others, quorum
    )


def quorate(ws: Workspace, session: Session) -> bool:
    """Whether the session's decisions can be valid: True unless the attendance is recorded
    and falls short of the quorum (the one rule the minutes and the decision log follow)."""
    quorum = session_attendance(ws, session).quorum
    return quorum is None or quorum.reached
