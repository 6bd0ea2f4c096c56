"""The shapes of the projected entities: what templates, tables, JSON and CSV are handed.

Each entity of the workspace (a session, an item, a decision, a task, a person, an attendance,
a place) is projected into one of these shapes by one function of
:mod:`kogsro.documents.presentation` (or, for what only one kind of output needs, next to it),
and every output reads that projection. They are ``TypedDict``s: plain dictionaries at run time
(templates index them, JSON encodes them as they are) that the type checker knows key by key.
The modules that build them import this one only for the type checker (``TYPE_CHECKING``):
making two dozen classes would cost a fresh render a few per cent of its time, for nothing.

A shape that extends another (``class AttendeeView(PersonView)``) is the same entity with the
few keys one use adds; a key is ``NotRequired`` only where it is really absent in some views.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict

if TYPE_CHECKING:
    from kogsro.ledger.rsvp import RsvpCounts

# --- people --------------------------------------------------------------------------------


class PersonView(TypedDict):
    """A person, an organisation or an inline guest (``kind``) with its contact data."""

    id: str | None  # None for an inline guest
    name: str
    label: str
    kind: Literal["person", "organisation", "inline"]
    role: str | None
    organisation: str | None  # the organisation's full name (a person's), else None
    email: str | None
    phone: str | None
    member: bool | None  # None for an organisation


class AttendeeView(PersonView):
    """A person as a document lists it: ``display`` with the short name of the organisation."""

    display: str
    organisation_short: str | None


class MemberView(AttendeeView):
    """A member in the attendance of the minutes, with the deputy who came in their place."""

    deputy: AttendeeView | None


class SignatoryView(TypedDict):
    """The person who signs for a person or an organisation."""

    id: str
    name: str
    role: str | None
    organisation: str | None
    organisation_short: str | None
    email: str | None
    phone: str | None


class ChairView(PersonView):
    """The chair (or the minute taker): shown as ``display``, signed by ``signatory``."""

    display: str
    signatory: SignatoryView | None


class HostView(PersonView):
    """The host organisation with its address and website (the letterhead)."""

    address: str | None
    website: str | None


class SheetDeputy(TypedDict):
    name: str


class SheetRow(AttendeeView):
    """A member's row on the sign-in sheet, with what they replied."""

    reply: str
    reply_text: str
    deputy: SheetDeputy | None


# --- places --------------------------------------------------------------------------------


class LocationView(TypedDict):
    """Where a session takes place; ``text`` in one line, ``online_link`` a safe link target."""

    name: str
    address: str | None
    room: str | None
    online: str | None
    directions: str | None
    online_link: str | None
    text: str


# --- items, decisions, tasks of one session ------------------------------------------------


class VoteCounts(TypedDict):
    yes: int
    no: int
    abstain: int


class DecisionView(TypedDict):
    """A decision as the documents of its session show it."""

    id: str
    text: str
    consensus: bool
    vote: VoteCounts | None  # None for no vote or consensus
    passed: bool | None
    vote_text: str | None


class ActionView(TypedDict):
    """A task as the documents of the session that decided it show it."""

    id: str
    task: str
    owner: str
    owner_text: str
    due: str | None  # ISO date
    due_text: str | None
    status: str
    status_text: str
    note: str | None


class DocumentLink(TypedDict):
    text: str
    url: str | None


class AnnexView(TypedDict):
    """An Anlage of the session; the website adds where its file is and how large."""

    number: int
    label: str
    title: str
    text: str
    item: str
    item_label: str
    kind: str
    url: str | None
    file: str | None
    public: bool
    href: NotRequired[str | None]
    size: NotRequired[str | None]


class ItemView(TypedDict):
    """An agenda item (Tagesordnungspunkt) with everything recorded for it."""

    number: str
    label: str
    depth: int
    title: str
    kind: str | None
    kind_text: str | None
    start: str
    duration: int | None
    duration_text: str | None
    presenters: list[str]
    presenters_text: str
    public: bool
    mark: str
    description: str | None
    documents: list[DocumentLink]
    annexes: list[AnnexView]
    notes: list[str]
    decisions: list[DecisionView]
    actions: list[ActionView]
    status: str | None
    deferred: bool
    carried_from: str | None
    carried_from_text: str | None
    approves: str | None
    approves_text: str | None
    has_outcomes: bool
    has_details: bool
    has_children: bool


class PartItemView(ItemView):
    """An item within the public or the non-public part of the minutes."""

    part_depth: int


class MinutesPart(TypedDict):
    key: Literal["public", "nonpublic"]
    heading: str
    entries: list[PartItemView]


# --- the session ---------------------------------------------------------------------------


class SessionView(TypedDict):
    """A session as its documents (and the website's session page) show it."""

    id: str
    title: str
    number: int | None
    date: str  # ISO date
    date_text: str
    date_long: str
    date_numeric: str
    weekday: str
    start: str
    end: str
    time_text: str
    status: str | None
    notes: str | None
    location: LocationView | None
    host: HostView
    chair: ChairView
    guests: list[AttendeeView]
    agenda: list[ItemView]
    has_nonpublic: bool
    left_out: int
    deferred: list[ItemView]
    parts: list[MinutesPart]
    annexes: list[AnnexView]
    # the website's session page adds these
    status_text: NotRequired[str]
    title_long: NotRequired[str]


class SummaryItem(TypedDict):
    """An item as ``kogsro show`` lists it."""

    number: str
    label: str
    depth: int
    title: str
    kind: str | None
    start: str
    duration: int | None
    presenters: list[str]
    public: bool
    status: str | None


class SessionSummary(TypedDict):
    """What ``kogsro show`` prints (and ``--json`` writes): the session and its time plan."""

    id: str
    title: str
    number: int | None
    date: str
    date_text: str
    start: str
    end: str
    planned_end: str
    status: str | None
    location: dict[str, str] | None  # the place as written, without empty fields
    host: PersonView
    chair: PersonView
    guests: list[PersonView]
    items: list[SummaryItem]
    rsvp: RsvpCounts
    warnings: list[str]


# --- attendance ----------------------------------------------------------------------------


class QuorumView(TypedDict):
    """The quorum in words, and the sentence for the sign-in sheet."""

    present: int
    total: int
    required: int
    reached: bool
    rule: str | int
    counts: str
    rule_text: str
    text: str
    sheet_text: str


class AttendanceView(TypedDict):
    """Who was there (minutes): members present (with deputies), excused, absent, guests."""

    recorded: bool
    present: list[MemberView]
    excused: list[MemberView]
    absent: list[MemberView]
    guests: list[AttendeeView]
    quorum: QuorumView | None


class SheetView(TypedDict):
    """The sign-in sheet: the members' rows, the guests', blank rows, the quorum needed."""

    members: list[SheetRow]
    guests: list[AttendeeView]
    blank_rows: int
    quorum: QuorumView


# --- the ledger: decisions and tasks across sessions ---------------------------------------


class LedgerRow(TypedDict):
    """What a decision and a task of the ledger as data have alike: the entry, its session
    and its item."""

    id: str
    session: str
    date: str
    host: str
    host_name: str
    item: str
    item_label: str
    item_title: str


class DecisionRow(LedgerRow):
    """A decision of the decision log as data: the JSON records and the CSV rows."""

    text: str
    vote: VoteCounts | str | None  # "consensus" or the counts
    status: str
    notes: list[str]


class ActionRow(LedgerRow):
    """A task of the task list as data: the JSON records and the CSV rows."""

    task: str
    owner: str
    owner_name: str
    due: str | None
    status: str
    overdue: bool
    notes: list[str]
    updated_in: list[str]


class LedgerDecisionView(TypedDict):
    """A decision of the decision log in words (documents and the website)."""

    id: str
    session: str
    date: str
    date_text: str
    item: str
    item_label: str
    item_title: str
    text: str
    paragraphs: list[str]
    vote_text: str | None
    status: str
    status_text: str
    notes: list[str]
    public: bool
    nonpublic_text: str | None


class TaskView(TypedDict):
    """A task of the task list in words (documents, open tasks of an invitation, website)."""

    id: str
    session: str
    session_text: str
    item: str
    item_label: str
    item_title: str
    task: str
    owner: str
    owner_text: str
    due: str | None
    due_text: str | None
    status: str
    status_text: str
    overdue: bool
    notes: list[str]
    public: bool
    nonpublic_text: str | None


class DecisionGroup(TypedDict):
    """The decisions of one session in the decision log."""

    id: str
    date: str
    date_text: str
    heading: str
    host: str
    host_text: str
    decisions: list[LedgerDecisionView]


# --- the website ---------------------------------------------------------------------------


class SessionRowView(TypedDict):
    """A session in a list of sessions (the website's start and year pages)."""

    id: str
    href: str
    date: str
    date_text: str
    title: str
    host: str
    place: str | None
    status: str
    status_text: str


class SiteDecision(LedgerDecisionView):
    href: str
    session_href: str
    year: int


class SiteTask(TaskView):
    href: str
    session_href: str
    year: int
    filter_status: str


class SiteDecisionGroup(TypedDict):
    id: str
    href: str
    date: str
    heading: str
    decisions: list[SiteDecision]


# --- what the letters add to the session -----------------------------------------------------


class RsvpRequest(TypedDict):
    """The reply an invitation asks for: by when and to whom."""

    by: str | None
    by_text: str | None
    email: str | None
    text: str


class InvitationPeriodView(TypedDict):
    """The invitation period (Ladungsfrist) and whether the invitation keeps it."""

    days: int
    deadline: str
    deadline_text: str
    text: str
    sent: str | None
    sent_text: str | None
    late: bool


class RevisionView(TypedDict):
    """A revised invitation: its number and the changes it lists."""

    number: int
    heading: str
    section: str
    text: str
    changes: list[str]


class InvitationExtras(TypedDict):
    letter_date: str
    letter_place_date: str
    rsvp: RsvpRequest
    invitation_period: InvitationPeriodView
    open_tasks: list[TaskView]
    footer: dict[str, Any]  # the footer of every letter (kogsro.documents.render)
    revision: RevisionView | None
    guest_version: bool


class LetterView(TypedDict):
    """What an Absage or a Verlegung says."""

    kind: Literal["cancellation", "postponement"]
    heading: str
    text: str
    apology: str
    reason: str | None
    new_session: SessionView | None
    new_agenda_heading: str | None
    next_text: str | None


class LetterExtras(TypedDict):
    letter: LetterView
    letter_date: str
    letter_place_date: str


class CorrectionView(TypedDict):
    date: str
    date_text: str
    reason: str


class MinutesStateView(TypedDict):
    """Draft or approved, in words."""

    status: str
    draft: bool
    mark: str | None
    note: str
    approved_in: str | None


class MinutesExtras(TypedDict):
    attendance: AttendanceView
    minute_taker: ChairView | None
    minutes_state: MinutesStateView
    corrections: list[CorrectionView]


class SheetExtras(TypedDict):
    sheet: SheetView


# --- the website's pages -------------------------------------------------------------------


class YearLink(TypedDict):
    year: int
    href: str
    text: str


class StartPage(TypedDict):
    next_sessions: list[SessionRowView]
    latest_decisions: list[SiteDecision]
    years: list[YearLink]
    public_note: str | None


class YearPage(TypedDict):
    year: int
    sessions: list[SessionRowView]


class SiteDocument(TypedDict):
    """A PDF of a session on its page: the invitation or the minutes."""

    href: str
    kind: str
    text: str
    title: str
    size: str


class SessionPage(TypedDict):
    session: SessionView
    year: int
    year_href: str
    minutes_state: str | None
    documents: list[SiteDocument]
    decisions: list[SiteDecision]
    tasks: list[SiteTask]
    previous: SessionRowView | None
    next: SessionRowView | None


class FilterOption(TypedDict):
    value: str
    text: str


class DecisionLogPage(TypedDict):
    groups: list[SiteDecisionGroup]
    total: int
    filter: dict[str, str]
    statuses: list[FilterOption]
    years: list[int]


class TaskListPage(TypedDict):
    tasks: list[SiteTask]
    total: int
    filter: dict[str, str]
    statuses: list[FilterOption]
    owners: list[FilterOption]
    years: list[int]


class ContactView(TypedDict):
    text: str
    href: str | None


class PublisherView(TypedDict):
    name: str
    address: str | None
    website: str | None


class ImprintPage(TypedDict):
    imprint: list[str]
    publisher: PublisherView
    contact: ContactView | None


class EnforcementBody(TypedDict):
    name: str
    url: str


class AccessibilityPage(TypedDict):
    scope: str
    method: str
    contact: ContactView | None
    enforcement: EnforcementBody
