"""What the replies add up to: who comes, who sends a deputy, whether there will be a quorum.

Counts are over the members (``member: true``). A member is counted by the latest reply that
speaks for them: their own, or one of their standing deputy (``deputy_of``). A member who
cannot come but names a deputy (``--deputy``) counts as coming: the deputy represents the
member's seat, as at the session itself. Members without a reply are ``open``. The forecast
compares the members who confirmed with what the quorum rule needs, counted as the quorum
itself is (:mod:`kogsro.ledger.attendance`): ``defaults.quorum`` and ``defaults.quorum_counts``
(one voice per member organisation by default, or per member).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypedDict

from kogsro.ledger.attendance import expected_quorum, voting_unit
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Person, Session
from kogsro.workspace.rsvp import NamedDeputy, Reply, latest_replies, replies_or_raise

Seat = Literal["yes", "no", "maybe", "open"]


@dataclass(frozen=True, slots=True)
class MemberReply:
    """Where one member stands, and through which reply."""

    member: Person
    seat: Seat
    reply: Reply | None = None
    deputy: Person | NamedDeputy | None = None  # who comes in the member's place


class RsvpQuorum(TypedDict):
    counts: str
    voices: int
    required: int
    confirmed: int
    expected: bool


class RsvpCounts(TypedDict):
    yes: int
    no: int
    maybe: int
    open: int
    members: int
    quorum: RsvpQuorum


class MemberReplyData(TypedDict):
    member: str
    seat: str
    by: str | None
    deputy: str | None
    note: str | None


class RsvpData(RsvpCounts):
    replies: list[MemberReplyData]


@dataclass(frozen=True, slots=True)
class RsvpSummary:
    members: tuple[MemberReply, ...]
    others: tuple[Reply, ...]  # replies of people who are neither members nor their deputies
    required: int  # voices needed for a quorum
    voices: int  # voices of the body: member organisations or members
    counts: str  # "organisations" or "people", as defaults.quorum_counts says

    def count(self, seat: Seat) -> int:
        return sum(1 for m in self.members if m.seat == seat)

    @property
    def confirmed(self) -> int:
        """The voices that have confirmed: organisations with a confirmed member, or members."""
        coming = [m.member for m in self.members if m.seat == "yes"]
        if self.counts == "organisations":
            return len({voting_unit(member) for member in coming})
        return len(coming)

    @property
    def quorum_expected(self) -> bool:
        return bool(self.members) and self.confirmed >= self.required

    def warning(self, session: Session) -> str | None:
        """Said when the voices that confirmed are fewer than the quorum needs."""
        if self.quorum_expected or not self.members:
            return None
        what = "member organisations" if self.counts == "organisations" else "members"
        return (
            f"only {self.confirmed} of {self.voices} {what} have confirmed for "
            f"{session.id}; a quorum needs {self.required}"
        )

    def tally(self) -> RsvpCounts:
        """The replies counted over the members, with the quorum forecast."""
        return {
            "yes": self.count("yes"),
            "no": self.count("no"),
            "maybe": self.count("maybe"),
            "open": self.count("open"),
            "members": len(self.members),
            "quorum": {
                "counts": self.counts,
                "voices": self.voices,
                "required": self.required,
                "confirmed": self.confirmed,
                "expected": self.quorum_expected,
            },
        }

    def as_dict(self) -> RsvpData:
        """What ``kogsro rsvp SESSION --json`` prints."""
        return {
            **self.tally(),
            "replies": [
                {
                    "member": m.member.id,
                    "seat": m.seat,
                    "by": m.reply.person if m.reply else None,
                    "deputy": _deputy_name(m.deputy),
                    "note": m.reply.note if m.reply else None,
                }
                for m in self.members
            ],
        }


def _deputy_name(deputy: Person | NamedDeputy | None) -> str | None:
    return deputy.name if deputy is not None else None


def session_replies(ws: Workspace, session: Session) -> list[Reply]:
    """Every reply recorded for ``session`` (an :class:`InputError` for a broken file)."""
    return replies_or_raise(ws.agendas_dir, session, set(ws.people))


def rsvp_summary(ws: Workspace, session: Session) -> RsvpSummary:
    latest = latest_replies(session_replies(ws, session))
    members = ws.members()
    member_ids = {m.id for m in members}
    used: set[str] = set()
    result: list[MemberReply] = []
    for member in members:
        own = latest.get(member.id)
        standing = [  # a standing deputy who comes in the member's place
            latest[p.id]
            for p in ws.roster.people
            if p.deputy_of == member.id and p.id in latest and latest[p.id].answer == "yes"
        ]
        candidates = [r for r in (own, *standing) if r is not None]
        if not candidates:
            result.append(MemberReply(member, "open"))
            continue
        reply = max(candidates, key=lambda r: r.at)
        used.add(reply.person)
        deputy = _deputy(ws, reply)
        if reply.person != member.id:  # a standing deputy answered for the member
            seat: Seat = reply.answer
            result.append(MemberReply(member, seat, reply, ws.people[reply.person]))
        elif deputy is not None and reply.answer != "maybe":
            result.append(MemberReply(member, "yes", reply, deputy))
        else:
            result.append(MemberReply(member, reply.answer, reply, deputy))
    others = tuple(r for pid, r in latest.items() if pid not in member_ids and pid not in used)
    quorum = expected_quorum(ws)
    return RsvpSummary(tuple(result), others, quorum.required, quorum.total, quorum.counts)


def _deputy(ws: Workspace, reply: Reply) -> Person | NamedDeputy | None:
    if reply.deputy is None:
        return None
    if isinstance(reply.deputy, str):
        return ws.people.get(reply.deputy)
    return reply.deputy


def confirmed_people(ws: Workspace, session: Session) -> list[MemberReply]:
    """Members who come or send a deputy, in roster order (the sign-in sheet's first rows)."""
    return [m for m in rsvp_summary(ws, session).members if m.seat == "yes"]
