"""What the document templates see: plain data built from the model and the views.

Templates get dictionaries, lists and strings only (no model objects), with dates and times
already in words for the document's language. In public mode (``public=True``) non-public
items are left out and no e-mail address or phone number is in the context at all, so no
template can show one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from kogsro import clock
from kogsro.documents.annexes import session_annexes
from kogsro.documents.presentation import (
    content,
    due_text,
    guest_items,
    guest_view,
    paragraphs,
    publicity,
    ref_view,
    scrub_contacts,
    session_location,
    session_title,
    signatory,
    vote_counts,
    vote_text,
    who,
)
from kogsro.documents.render import common_context, footer_context, link_target
from kogsro.i18n import format_date, phrase
from kogsro.ledger.attendance import (
    AttendanceRecord,
    Quorum,
    expected_quorum,
    quorate,
    session_attendance,
)
from kogsro.ledger.lifecycle import Approval, approved_by, lifecycles, session_status
from kogsro.ledger.numbers import session_number
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import (
    Action,
    Decision,
    InlineGuest,
    Item,
    Location,
    Person,
    Session,
    action_id,
    decision_id,
)
from kogsro.workspace.timeplan import time_plan
from kogsro.workspace.yamlsource import Loc

if TYPE_CHECKING:
    from kogsro.documents.views import (
        ActionView,
        AnnexView,
        AttendanceView,
        AttendeeView,
        ChairView,
        DecisionView,
        HostView,
        InvitationExtras,
        ItemView,
        LetterExtras,
        LetterView,
        LocationView,
        MemberView,
        MinutesExtras,
        MinutesPart,
        MinutesStateView,
        PartItemView,
        QuorumView,
        RevisionView,
        SessionView,
        SheetExtras,
        SheetRow,
        TaskView,
    )

Kind = Literal["invitation", "minutes", "attendance"]
KINDS: tuple[Kind, ...] = ("invitation", "minutes", "attendance")
Letter = Literal["invitation", "cancellation", "postponement"]


def document_name(session: Session, kind: str) -> str:
    """What a document of ``session`` is: the invitation of a cancelled session is its
    cancellation letter (Absage), of a postponed one the postponement letter (Verlegung).
    The name picks the templates (``cancellation.typ.j2``) and the file (``cancellation.pdf``).
    """
    if kind == "invitation":
        status = session_status(session)
        if status == "cancelled":
            return "cancellation"
        if status == "postponed":
            return "postponement"
    return kind


def document_context(
    ws: Workspace,
    session: Session,
    kind: Kind,
    *,
    lang: str,
    public: bool,
    audience: str | None = None,
) -> dict[str, Any]:
    """The whole context of one document of one session.

    ``audience`` is a guest (a person, organisation or inline guest's key) the invitation is
    for: it then shows only the public items and the items the guest presents, and no
    internal tasks (see :func:`kogsro.documents.presentation.guest_items`).
    """
    only = guest_items(ws, session, audience) if audience is not None else None
    context = common_context(ws, lang=lang, public=public)
    name = document_name(session, kind)
    context["kind"] = name
    context["title"] = document_title(ws, session, kind, lang=lang, public=public)
    context["session"] = session_context(ws, session, lang=lang, public=public, only=only)
    if name in ("cancellation", "postponement"):
        context.update(letter_extras(ws, session, lang=lang, public=public or only is not None))
    elif kind == "invitation":
        context.update(invitation_extras(ws, session, lang=lang, public=public))
        if only is not None:
            context["open_tasks"] = []
            context["guest_version"] = True
    elif kind == "minutes":
        context.update(minutes_extras(ws, session, lang=lang))
    elif kind == "attendance":
        context.update(sheet_extras(ws, session, lang=lang))
    else:  # pragma: no cover - Kind is a closed set
        raise ValueError(f"unknown document kind {kind!r}")
    return scrub_contacts(context, lang) if public else context


def document_title(ws: Workspace, session: Session, kind: Kind, *, lang: str, public: bool) -> str:
    """``Einladung – Sitzung der KoG SRO am 14. Juni 2022`` (the PDF title, the HTML title)."""
    number = session_number(ws, session)
    title = phrase(
        lang,
        "document_title" if number is None else "document_title_numbered",
        document=phrase(lang, document_name(session, kind)),
        body=ws.config.body.short,
        date=format_date(session.date, lang, "long"),
        number=number,
    )
    if public:
        title += f" ({phrase(lang, 'public_version')})"
    return title


def session_context(
    ws: Workspace,
    session: Session,
    *,
    lang: str,
    public: bool,
    only: set[Loc] | None = None,
) -> SessionView:
    plan = time_plan(session, ws.config)
    location = session_location(ws, session)
    start = f"{plan.start:%H:%M}"
    end = f"{plan.end:%H:%M}"
    items = agenda_items(ws, session, lang=lang, public=public, only=only)
    restricted = public or only is not None
    all_items = agenda_items(ws, session, lang=lang, public=False) if restricted else items
    return {
        "id": session.id,
        "title": _session_title(ws, session, lang),
        "number": session_number(ws, session),
        "date": session.date.isoformat(),
        "date_text": format_date(session.date, lang),
        "date_long": format_date(session.date, lang, "long"),
        "date_numeric": format_date(session.date, lang, "numeric"),
        "weekday": format_date(session.date, lang, "EEEE"),
        "start": start,
        "end": end,
        "time_text": phrase(lang, "time_range", start=start, end=end),
        "status": session.status,
        "notes": content(ws, session.notes, lang),
        "location": location_view(location) if location else None,
        "host": host_context(ws, session.host),
        "chair": person_context(ws, session.chair_id),
        "guests": [_guest(ws, g) for g in session.guests],
        "agenda": items,
        "has_nonpublic": any(not i["public"] for i in items),
        "left_out": len(all_items) - len(items),
        "deferred": [i for i in items if i["deferred"]],
        "parts": minutes_parts(items, lang=lang),
        "annexes": [annex for item in items for annex in item["annexes"]],
    }


def minutes_parts(items: list[ItemView], *, lang: str) -> list[MinutesPart]:
    """The proceedings as council minutes keep them: the public part, then the non-public
    part, each item in its part by its own Ö/N (a non-public sub-item of a public item goes to
    the non-public part, with its number). Empty parts are left out."""
    public = _part_depths([item for item in items if item["public"]])
    nonpublic = _part_depths([item for item in items if not item["public"]])
    parts: list[MinutesPart] = [
        {"key": "public", "heading": phrase(lang, "public_part"), "entries": public},
        {"key": "nonpublic", "heading": phrase(lang, "nonpublic_part"), "entries": nonpublic},
    ]
    return [part for part in parts if part["entries"]]


def _part_depths(entries: list[ItemView]) -> list[PartItemView]:
    """The entries with ``part_depth``: their depth within the part, never more than one below
    the entry before (a sub-item whose parent is in the other part is a heading of its own:
    heading levels must not skip, PDF/UA refuses it)."""
    result: list[PartItemView] = []
    before = -1
    for entry in entries:
        depth = min(entry["depth"], before + 1)
        result.append({**entry, "part_depth": depth})
        before = depth
    return result


def _session_title(ws: Workspace, session: Session, lang: str) -> str:
    title = session_title(ws, session, lang)
    return content(ws, title, lang) or title if title == session.title else title


def location_view(location: Location) -> LocationView:
    """A place as the documents show it: its parts, one line of text, a safe link target."""
    return {
        "name": location.name,
        "address": location.address,
        "room": location.room,
        "online": location.online,
        "directions": location.directions,
        "online_link": link_target(location.online),
        "text": ", ".join(p for p in (location.name, location.room, location.address) if p),
    }


def host_context(ws: Workspace, ref: str) -> HostView:
    """The host organisation with its address and website."""
    host = ws.organisations.get(ref)
    return {
        **ref_view(ws, ref),
        "address": host.address if host else None,
        "website": host.website if host else None,
    }


def person_context(ws: Workspace, ref: str) -> ChairView:
    """A person or organisation, with the person who signs for it (``signatory``)."""
    person = signatory(ws, ref)
    if person is None:
        return {**ref_view(ws, ref), "display": who(ws, ref), "signatory": None}
    org = ws.organisations.get(person.organisation or "")
    return {
        **ref_view(ws, ref),
        "display": who(ws, person.id),
        "signatory": {
            "id": person.id,
            "name": person.name,
            "role": person.role,
            "organisation": org.name if org else None,
            "organisation_short": org.label if org else None,
            "email": person.email,
            "phone": person.phone,
        },
    }


def _guest(ws: Workspace, guest: str | InlineGuest) -> AttendeeView:
    view = guest_view(ws, guest)
    if isinstance(guest, str):
        if guest in ws.people:
            org = ws.organisation_of(guest)
            return {
                **view,
                "display": who(ws, guest),
                "organisation_short": org.label if org else None,
            }
        return {**view, "display": ws.name_of(guest), "organisation_short": None}
    org_name = guest.organisation
    display = f"{guest.name} ({org_name})" if org_name else guest.name
    return {**view, "display": display, "organisation_short": org_name}


def agenda_items(
    ws: Workspace, session: Session, *, lang: str, public: bool, only: set[Loc] | None = None
) -> list[ItemView]:
    """The items in order, depth first, with their numbers and planned start times; with
    ``only``, the items at those places in the file."""
    plan = time_plan(session, ws.config)
    publics = publicity(ws, session)
    valid = quorate(ws, session)
    by_item: dict[str, list[AnnexView]] = {}
    for annex in annex_views(ws, session, lang=lang, public=public):
        by_item.setdefault(annex["item"], []).append(annex)
    approving = {a.number: a for a in approved_by(ws, session)}
    items: list[ItemView] = []
    for entry in plan.items:
        is_public = publics[entry.path]
        if (public and not is_public) or (only is not None and entry.path not in only):
            continue
        item = entry.item
        items.append(
            {
                "number": entry.number,
                "label": ws.config.item_label(entry.number, lang),
                "depth": entry.depth,
                "title": content(ws, item.title, lang),
                "kind": item.kind,
                "kind_text": phrase(lang, f"kind_{item.kind}") if item.kind else None,
                "start": f"{entry.start:%H:%M}",
                "duration": entry.duration,
                "duration_text": phrase(lang, "minutes_unit", minutes=entry.duration)
                if entry.duration is not None
                else None,
                "presenters": [who(ws, p) for p in item.presenters],
                "presenters_text": ", ".join(who(ws, p) for p in item.presenters),
                "public": is_public,
                "mark": phrase(lang, "public_mark" if is_public else "nonpublic_mark"),
                "description": content(ws, item.description, lang),
                "documents": [{"text": d, "url": link_target(d)} for d in item.documents],
                "annexes": by_item.get(entry.number, []),
                "notes": [content(ws, p, lang) for p in paragraphs(item.notes)],
                "decisions": [
                    _decision(ws, session, entry.number, i, d, lang, valid=valid)
                    for i, d in enumerate(item.decisions)
                ],
                "actions": [
                    _action(ws, session, entry.number, i, a, lang)
                    for i, a in enumerate(item.actions)
                ],
                "status": item.status,
                "deferred": item.status == "deferred",
                "carried_from": item.carried_from,
                "carried_from_text": _carried_from(ws, item, lang),
                "approves": item.approves,
                "approves_text": _approves_text(ws, approving.get(entry.number), lang),
                "has_outcomes": bool(item.notes or item.decisions or item.actions),
                "has_details": bool(
                    item.description or by_item.get(entry.number) or item.carried_from
                ),
                "has_children": bool(item.items),
            }
        )
    return items


def annex_views(ws: Workspace, session: Session, *, lang: str, public: bool) -> list[AnnexView]:
    """The Anlagen of the session (the public ones in public mode), for the templates."""
    views: list[AnnexView] = []
    for annex in session_annexes(ws, session, public=public):
        label = phrase(lang, "annex_label", number=annex.number)
        views.append(
            {
                "number": annex.number,
                "label": label,
                "title": annex.title,
                "text": f"{label}: {annex.title}",
                "item": annex.item,
                "item_label": ws.config.item_label(annex.item, lang),
                "kind": annex.kind,
                "url": link_target(annex.url) if annex.url else None,
                "file": annex.file_name or None,
                "public": annex.public,
            }
        )
    return views


def _carried_from(ws: Workspace, item: Item, lang: str) -> str | None:
    ref = item.carried_from
    if not ref:
        return None
    match = re.match(r"^(\d{4}-\d{2}-\d{2})-top([\d.]+)$", ref)
    if match:
        when = format_date(date.fromisoformat(match[1]), lang, "long")
        ref = phrase(lang, "item_of_session", date=when, item=ws.config.item_label(match[2], lang))
    return phrase(lang, "carried_from", ref=ref)


def _approves_text(ws: Workspace, approval: Approval | None, lang: str) -> str | None:
    """ "Genehmigt: Ergebnisprotokoll der Sitzung vom 12. April 2022 (11 Ja, ...)"."""
    if approval is None:
        return None
    target = next((s for s in ws.sessions if s.id == approval.target), None)
    when = format_date(target.date, lang, "long") if target else approval.target
    key = (
        "approval_result_passed"
        if approval.passed
        else ("approval_result_failed" if approval.failed else "approval_result_open")
    )
    text = phrase(lang, key, date=when)
    vote = approval.decision.vote if approval.decision is not None else None
    if vote is None:
        return text
    if vote == "consensus":
        return f"{text} ({phrase(lang, 'vote_consensus')})"
    counts = phrase(lang, "vote_counts", yes=vote.yes, no=vote.no, abstain=vote.abstain)
    if lang == "en":  # in parentheses, not at the start of a sentence
        counts = counts[:1].lower() + counts[1:]
    return f"{text} ({counts})"


def _decision(
    ws: Workspace,
    session: Session,
    number: str,
    index: int,
    decision: Decision,
    lang: str,
    *,
    valid: bool,
) -> DecisionView:
    vote = decision.vote
    return {
        "id": decision.id or decision_id(session.id, number, index),
        "text": content(ws, decision.text, lang),
        "consensus": vote == "consensus",
        "vote": None if vote is None or vote == "consensus" else vote_counts(vote),
        "passed": None
        if vote is None
        else (valid and (True if vote == "consensus" else vote.passed)),
        "vote_text": vote_text(vote, lang, quorate=valid),
    }


def _action(
    ws: Workspace, session: Session, number: str, index: int, action: Action, lang: str
) -> ActionView:
    return {
        "id": action.id or action_id(session.id, number, index),
        "task": content(ws, action.task, lang),
        "owner": action.owner,
        "owner_text": who(ws, action.owner),
        "due": action.due.isoformat() if action.due else None,
        "due_text": due_text(action.due, lang),
        "status": action.status,
        "status_text": phrase(lang, f"status_{action.status}"),
        "note": action.note,
    }


# --- the invitation ------------------------------------------------------------------------


def invitation_extras(
    ws: Workspace, session: Session, *, lang: str, public: bool
) -> InvitationExtras:
    defaults = ws.config.defaults
    letter_date = session.invited_on or clock.today()
    deadline = session.date - timedelta(days=defaults.invitation_days)
    rsvp_by = session.rsvp_by
    if rsvp_by is None and defaults.rsvp_days is not None:
        rsvp_by = session.date - timedelta(days=defaults.rsvp_days)
    contact = ws.config.body.email
    return {
        "letter_date": format_date(letter_date, lang, "long"),
        "letter_place_date": phrase(
            lang, "letter_place_date", date=format_date(letter_date, lang, "long")
        ),
        "rsvp": {
            "by": rsvp_by.isoformat() if rsvp_by else None,
            "by_text": format_date(rsvp_by, lang) if rsvp_by else None,
            "email": contact,
            "text": phrase(lang, "rsvp_by", date=format_date(rsvp_by, lang))
            if rsvp_by
            else phrase(lang, "rsvp_open"),
        },
        "invitation_period": {
            "days": defaults.invitation_days,
            "deadline": deadline.isoformat(),
            "deadline_text": format_date(deadline, lang),
            "text": phrase(
                lang,
                "invitation_period_text",
                days=defaults.invitation_days,
                date=format_date(deadline, lang),
            ),
            "sent": session.invited_on.isoformat() if session.invited_on else None,
            "sent_text": phrase(lang, "invited_on", date=format_date(session.invited_on, lang))
            if session.invited_on
            else None,
            "late": letter_date > deadline,
        },
        "open_tasks": [] if public else open_tasks(ws, session, lang=lang, as_of=letter_date),
        "footer": footer_context(ws, lang, letter_date),
        "revision": revision_context(session, lang=lang),
        "guest_version": False,  # a guest's own version: no internal tasks
    }


# --- cancellation and postponement letters (Absage, Verlegung) ----------------------------


def letter_extras(ws: Workspace, session: Session, *, lang: str, public: bool) -> LetterExtras:
    """What an Absage or a Verlegung says, decided here and nowhere else: the date, time and
    place that were planned, the reason, an apology; for a postponement the new date and
    place in words and the new session's agenda; for a cancellation the next session.
    No time plan, no reply request, no invitation period."""
    today = clock.today()
    plan = time_plan(session, ws.config)
    body = ws.config.body.short
    when = format_date(session.date, lang)
    time = f"{plan.start:%H:%M}"
    if session_status(session) == "cancelled":
        following = next(
            (
                s
                for s in ws.sessions
                if s.date > session.date and session_status(s) in ("planned", "invited")
            ),
            None,
        )
        letter: LetterView = {
            "kind": "cancellation",
            "reason": session.reason,
            "new_session": None,
            "new_agenda_heading": None,
            "next_text": phrase(lang, "next_session_text", date=format_date(following.date, lang))
            if following is not None
            else None,
            "heading": phrase(lang, "cancellation_heading", date=when),
            "text": phrase(lang, "cancellation_text", date=when, time=time, body=body),
            "apology": phrase(lang, "cancellation_apology"),
        }
    else:
        target = next((s for s in ws.sessions if s.id == session.moved_to), None)
        new = session_context(ws, target, lang=lang, public=public) if target else None
        letter = {
            "kind": "postponement",
            "reason": session.reason,
            "new_session": new,
            "new_agenda_heading": phrase(
                lang, "new_agenda", date=format_date(target.date, lang, "long")
            )
            if target is not None
            else None,
            "next_text": None,
            "heading": phrase(lang, "postponement_heading", date=when),
            "text": phrase(lang, "postponement_open_text", date=when, time=time, body=body)
            if new is None
            else phrase(
                lang,
                "postponement_text",
                date=when,
                time=time,
                body=body,
                new_date=new["date_text"],
                new_time=new["start"],
            ),
            "apology": phrase(lang, "postponement_apology"),
        }
    return {
        "letter": letter,
        "letter_date": format_date(today, lang, "long"),
        "letter_place_date": phrase(
            lang, "letter_place_date", date=format_date(today, lang, "long")
        ),
    }


def revision_context(session: Session, *, lang: str) -> RevisionView | None:
    """A revised invitation (``revision:`` above 0) says so in its body and lists the changes
    the session file records under ``changes:``; None for the first invitation."""
    if not session.revision:
        return None
    return {
        "number": session.revision,
        "heading": phrase(lang, "revised_invitation"),
        "section": phrase(lang, "revised_changes"),
        "text": phrase(lang, "revised_text" if session.changes else "revised_text_plain"),
        "changes": list(session.changes),
    }


def open_tasks(
    ws: Workspace, session: Session, *, lang: str, as_of: date | None = None
) -> list[TaskView]:
    """The tasks of earlier sessions still open when ``session`` begins; overdue as of
    ``as_of`` (the letter's date: a letter never calls a task overdue that is not yet due on
    the day it is dated), else as of the session's date.

    Like every command that uses the ledger, this refuses an inconsistent one (duplicate ids,
    updates of unknown tasks) with an :class:`~kogsro.errors.InputError`.
    """
    from kogsro.documents.ledger_docs import action_item, entry_publicity
    from kogsro.ledger.fold import open_actions_before

    entries = open_actions_before(ws, session)
    public = entry_publicity(ws)
    return [
        action_item(ws, entry, as_of or session.date, lang, public=public(entry))
        for entry in entries
    ]


# --- the minutes ---------------------------------------------------------------------------


def minutes_extras(ws: Workspace, session: Session, *, lang: str) -> MinutesExtras:
    record = session_attendance(ws, session)
    return {
        "attendance": attendance_context(ws, record, lang=lang),
        "minute_taker": person_context(ws, session.minutes_by) if session.minutes_by else None,
        "minutes_state": minutes_state(ws, session, lang=lang),
        "corrections": [
            {
                "date": c.date.isoformat(),
                "date_text": format_date(c.date, lang, "long"),
                "reason": c.reason,
            }
            for c in session.corrections
        ],
    }


def minutes_state(ws: Workspace, session: Session, *, lang: str) -> MinutesStateView:
    """Draft or approved, in words: the minutes carry a draft mark until a later session
    approves them, then say where they were approved.

    The circulation record is not read: draft and circulated minutes look the same.
    """
    life = lifecycles(ws, circulations=())[session.id]
    approved = life.minutes == "approved" and life.approved_on is not None
    note = (
        phrase(lang, "approved_note", date=format_date(life.approved_on, lang, "long"))
        if approved and life.approved_on is not None
        else phrase(lang, "draft_note")
    )
    return {
        "status": life.minutes,
        "draft": not approved,
        "mark": None if approved else phrase(lang, "draft_mark"),
        "note": note,
        "approved_in": life.approved_in,
    }


def attendance_context(ws: Workspace, record: AttendanceRecord, *, lang: str) -> AttendanceView:
    def member(person: Person, deputy: Person | None = None) -> MemberView:
        if deputy is None:
            return {**_person(ws, person.id), "deputy": None}
        return {
            **_person(ws, person.id),
            "deputy": _person(ws, deputy.id),
            "display": deputy_text(deputy.name, who(ws, person.id), lang),
        }

    quorum = record.quorum
    quorum_view = None if quorum is None else quorum_context(ws, quorum, lang=lang)
    return {
        "recorded": record.recorded,
        "present": [member(m.person, m.deputy) for m in record.present],
        "excused": [member(p) for p in record.excused],
        "absent": [member(p) for p in record.absent],
        "guests": [_guest(ws, g) for g in record.guests] + [_guest(ws, r) for r in record.others],
        "quorum": quorum_view,
    }


def quorum_context(ws: Workspace, quorum: Quorum, *, lang: str) -> QuorumView:
    """The quorum in words: "Vertreten sind 12 von 13 Mitgliedsorganisationen ..." and the
    rule it was measured against; ``sheet_text`` for the sign-in sheet, before anyone came."""
    rule = quorum.rule
    members = phrase(lang, f"quorum_members_{quorum.counts}")
    rule_key = {"half": "quorum_rule_half", "two-thirds": "quorum_rule_two_thirds"}.get(
        str(rule), "quorum_rule_all" if rule == "all" else "quorum_rule_count"
    )
    rule_text = phrase(lang, rule_key, count=quorum.required, members=members)
    present_key = (
        "quorum_present_organisations" if quorum.counts == "organisations" else "quorum_present"
    )
    key = "quorum_yes" if quorum.reached else "quorum_no"
    return {
        "present": quorum.present,
        "total": quorum.total,
        "required": quorum.required,
        "reached": quorum.reached,
        "rule": rule,
        "counts": quorum.counts,
        "rule_text": rule_text,
        "text": phrase(lang, present_key, present=quorum.present, total=quorum.total)
        + " "
        + phrase(lang, key, body=ws.config.body.short, rule=rule_text),
        "sheet_text": phrase(
            lang, "quorum_sheet", required=quorum.required, total=quorum.total, members=members
        ),
    }


def _person(ws: Workspace, ref: str) -> AttendeeView:
    org = ws.organisation_of(ref)
    return {
        **ref_view(ws, ref),
        "organisation_short": org.label if org else None,
        "display": who(ws, ref),
    }


# --- the sign-in sheet ---------------------------------------------------------------------


def deputy_text(deputy: str, member: str, lang: str) -> str:
    """``Tobias Vertretungsmann i. V. für Leyla Beispielfrau (Neukölln)``: no nested brackets."""
    return phrase(lang, "deputy_display", deputy=deputy, member=member)


def _sheet_members(ws: Workspace, session: Session, *, lang: str) -> list[SheetRow]:
    """The members' rows: those who confirmed (or whose deputy comes) first, the deputy named
    in their place; then the others, each with what they replied."""
    from kogsro.ledger.rsvp import rsvp_summary

    order = {"yes": 0, "maybe": 1, "open": 2, "no": 3}
    rows: list[SheetRow] = []
    for entry in sorted(rsvp_summary(ws, session).members, key=lambda m: order[m.seat]):
        row: SheetRow = {
            **_person(ws, entry.member.id),
            "reply": entry.seat,
            "reply_text": phrase(lang, f"rsvp_seat_{entry.seat}"),
            "deputy": None,
        }
        if entry.deputy is not None and entry.seat == "yes":
            row["deputy"] = {"name": entry.deputy.name}
            row["name"] = deputy_text(entry.deputy.name, entry.member.name, lang)
            row["display"] = deputy_text(entry.deputy.name, who(ws, entry.member.id), lang)
        rows.append(row)
    return rows


def sheet_extras(ws: Workspace, session: Session, *, lang: str) -> SheetExtras:
    """Rows to sign: every member (those who confirmed first, a deputy in the member's
    place), then the invited guests (people of guest organisations), then blank rows.

    A guest is one row however often named: by id in ``guests`` and again under
    ``attendance.guests``, or inline with the organisation spelt differently, or inline with
    the name of a person of the roster. Names compare without regard to case and spacing.
    """
    members = _sheet_members(ws, session, lang=lang)
    member_ids = {p.id for p in ws.members()}
    invited = list(session.guests)
    if session.attendance is not None:
        invited += [g for g in session.attendance.guests if g not in invited]
    refs = [ref for g in invited if isinstance(g, str) for ref in _expand(ws, g, member_ids)]
    names = {_name_key(ws.name_of(ref)) for ref in [*member_ids, *refs]}
    guests: list[AttendeeView] = []
    seen: set[str] = set()
    for guest in invited:
        if isinstance(guest, InlineGuest):
            key = _name_key(guest.name)
            if key not in names:
                names.add(key)
                guests.append(_guest(ws, guest))
            continue
        for ref in _expand(ws, guest, member_ids):
            if ref not in seen and ref not in member_ids:
                seen.add(ref)
                guests.append(_person(ws, ref))
    return {
        "sheet": {
            "members": members,
            "guests": guests,
            "blank_rows": 4,
            "quorum": quorum_context(ws, expected_quorum(ws), lang=lang),
        }
    }


def _expand(ws: Workspace, guest: str, member_ids: set[str]) -> list[str]:
    """An invited organisation stands for its people who are not members (or for itself)."""
    if guest not in ws.organisations:
        return [guest]
    people = [p.id for p in ws.roster.people if p.organisation == guest]
    return [ref for ref in people if ref not in member_ids] or [guest]


def _name_key(name: str) -> str:
    """A name as compared for "the same guest": case and spacing do not count."""
    return " ".join(name.casefold().split())
