"""The data: what a body, a roster and a session are.

These records (:mod:`kogsro.workspace.spec`) are the contract of the YAML files: every key
not named here is an error. Keys are English; content may be in any language. The records
validate shapes and single values; cross-references (host, chair, presenters, ...) are checked by
:mod:`kogsro.workspace.loader`, which knows the roster.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from kogsro.records import record
from kogsro.workspace.spec import ListOf, Record, Str, Tagged, Time, field

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
_ID_RE = re.compile(ID_PATTERN)


def is_valid_id(value: str) -> bool:
    """Ids use lowercase letters, digits, '-', '_' and '.', and never start with '.' or '-'."""
    return bool(_ID_RE.match(value)) and ".." not in value


def _check_id(value: Any) -> Any:
    if isinstance(value, str) and not is_valid_id(value):
        raise ValueError(
            f"invalid id {value!r}: use only lowercase letters, digits, '-', '_' and '.', "
            "starting with a letter or digit"
        )
    return value


# Text that reaches an e-mail header, a calendar content line, a heading or a table cell must
# stay on one line: line breaks and control characters are refused at load time, at their
# file:line:col, instead of breaking (or injecting into) an output later.
CONTROLS = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029"
"""Characters no text may hold (a regular-expression class): control characters but tab and
line feed, and the Unicode line and paragraph separators."""
ONE_LINE_PATTERN = f"^[^{CONTROLS}\\t\\n]*$"
MULTI_LINE_PATTERN = f"^[^{CONTROLS}]*$"

# The kinds of values: plain types to a type checker, specs (how to validate them) at run time.
if TYPE_CHECKING:
    Id: TypeAlias = str
    Line: TypeAlias = str
    Prose: TypeAlias = str
    Text: TypeAlias = str
    LongText: TypeAlias = str
    Mailbox: TypeAlias = str
    Folder: TypeAlias = str
    Clock: TypeAlias = dt.time
else:
    Id = Str(before=_check_id)
    """An id of the roster or of a session (see :func:`is_valid_id`)."""
    Line = Str(pattern=ONE_LINE_PATTERN)
    """One line of text: no line break, tab or control character."""
    Prose = Str(pattern=MULTI_LINE_PATTERN)
    """Text that may have several lines and paragraphs (notes, descriptions): no control
    character."""
    Text = Str(min_length=1, pattern=ONE_LINE_PATTERN)
    """A name or title: one line, never empty (after stripping)."""
    LongText = Str(min_length=1, pattern=MULTI_LINE_PATTERN)
    """A decision's text or a task: never empty, may have several paragraphs."""
    Clock = Time()
    """A time of day: ``10:00``, ``9:30`` or ``9.30``."""


# The common spellings of one mailbox, which the e-mail parser below takes without a defect
# (a test checks it): "Name <local@example.org>" or a plain address, with a name of plain words.
# They spare a command that only reads kogsro.yaml the import of the e-mail package (~20 ms).
_ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_PLAIN_ADDRESS = f"{_ATOM}(?:\\.{_ATOM})*@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+"
_PLAIN_NAME = "[A-Za-z0-9][A-Za-z0-9-]*(?: [A-Za-z0-9][A-Za-z0-9-]*)*"
_PLAIN_MAILBOX = re.compile(f"(?:{_PLAIN_ADDRESS}|{_PLAIN_NAME} <{_PLAIN_ADDRESS}>)")
PLAIN_ADDRESS = re.compile(_PLAIN_ADDRESS)
"""A plain address in its common spelling (``local@example.org``), taken without the parser."""


def mailbox_problem(value: str) -> str | None:
    """Why ``value`` is not one mailbox (``Name <address@example.org>`` or a plain address),
    or None. A group (``Name: a@example.org;``) or a list of addresses is not one mailbox."""
    if _PLAIN_MAILBOX.fullmatch(value):
        return None
    return _parsed_mailbox_problem(value)


def _parsed_mailbox_problem(value: str) -> str | None:
    from email.errors import HeaderParseError
    from email.headerregistry import HeaderRegistry

    try:
        header: Any = HeaderRegistry()("From", value)
        groups = header.groups
    except (HeaderParseError, ValueError, IndexError, TypeError, AttributeError):
        # AttributeError: the parser trips over some broken addresses (":;0", "0@[")
        return "is not an e-mail address"
    if len(groups) != 1 or groups[0].display_name is not None:
        return "must be one address, not a group or a list (a ':' in the name needs quotes)"
    if len(groups[0].addresses) != 1:
        return "must be one address, not a list"
    try:
        defects = header.defects
    except AttributeError:
        return "is not an e-mail address"
    if defects:
        return "is not a valid e-mail address"
    address = groups[0].addresses[0]
    if not address.username or "." not in address.domain:
        return "is not a complete e-mail address"
    return None


def _check_mailbox(value: str) -> str:
    reason = mailbox_problem(value)
    if reason is not None:
        raise ValueError(f'{value!r} {reason}: write it as "Name <address@example.org>"')
    return value


if not TYPE_CHECKING:
    Mailbox = Str(pattern=ONE_LINE_PATTERN, after=_check_mailbox)

MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 1024


def _check_folder(value: str) -> str:
    """A folder of the workspace: relative, with names a file system takes."""
    import posixpath

    if not value:
        raise ValueError("must not be empty")
    if value.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", value):
        raise ValueError(
            f"{value!r} is not relative to the workspace: name a folder inside it, like out"
        )
    if len(value.encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES:
        raise ValueError(f"the path is longer than {MAX_PATH_BYTES} bytes")
    for part in value.replace("\\", "/").split("/"):
        if len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
            raise ValueError(
                f"the folder name {part[:20]!r}... is longer than {MAX_NAME_BYTES} bytes"
            )
    return posixpath.normpath(value.replace("\\", "/"))


if not TYPE_CHECKING:
    Folder = Str(pattern=ONE_LINE_PATTERN, after=_check_folder)
MINUTES = 24 * 60


class Strict(Record):
    """Base of every file record: unknown keys are errors; numbers may stand for text."""


# --- kogsro.yaml -------------------------------------------------------------------------


class Location(Strict):
    name: Text
    address: Prose | None = None
    room: Line | None = None
    online: Line | None = field(default=None, description="link for online participation")
    directions: Prose | None = None


class BodyInfo(Strict):
    name: Text
    short: Text
    email: Line | None = None
    address: Prose | None = None
    website: Line | None = None


class StandardItem(Strict):
    """An item every new session starts with (opening, approval of the minutes, ...)."""

    title: Text
    kind: Literal["information", "discussion", "decision"] | None = None
    duration: int | None = field(default=None, ge=0, le=MINUTES)
    public: bool | None = None
    approvals: bool = field(
        default=False,
        description="the place of the approval items: one per earlier session whose minutes "
        "await approval, titled after it (this item itself is left out)",
    )


class Defaults(Strict):
    start: Clock = dt.time(10, 0)
    duration: int = field(default=180, ge=0, le=MINUTES)
    location: Location | None = None
    invitation_days: int = field(default=14, ge=0, le=365)
    quorum: Literal["half", "two-thirds", "all"] | int = field(default="half", ge=1)
    quorum_counts: Literal["organisations", "people"] = field(
        default="organisations",
        description="whom the quorum and the votes count: one voice per member organisation "
        "(organisations) or per member (people)",
    )
    public: bool = True
    rsvp_days: int | None = field(default=None, ge=0, le=365)
    objection_days: int = field(
        default=14, ge=0, le=365, description="days for objections to circulated draft minutes"
    )
    items: list[StandardItem] = field(default_factory=list)


class Series(Strict):
    """How sessions recur: an RFC 5545 RRULE such as ``FREQ=MONTHLY;BYDAY=2TU``."""

    rule: Line
    on_holiday: Literal["skip", "next-workday"] = "skip"
    breaks: list[Line] = field(default_factory=list, description="MM-DD..MM-DD ranges")


class Smtp(Strict):
    host: Line
    port: int = field(default=587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    user: Line | None = None


class Mail(Strict):
    sender: Mailbox | None = field(default=None, alias="from")
    reply_to: Mailbox | None = None
    smtp: Smtp | None = None
    copy_deputies: bool = field(
        default=False, description="standing deputies (deputy_of) get the invitation in copy"
    )
    max_attachments_mb: float = field(
        default=10.0, ge=0, description="attachment files attached up to this size in all (MB)"
    )


class Paths(Strict):
    agendas: Folder = "agendas"
    templates: Folder = "templates"
    out: Folder = "out"

    def _check_record(self) -> None:
        """Rendered files never land among the files people write: the output folder must
        not be, contain or lie in the session files, the templates or the archive."""
        value = self.out
        others = {
            "paths.agendas": self.agendas,
            "paths.templates": self.templates,
            "the archive": "archive",
        }
        if value == ".":
            raise ValueError(
                "the output folder cannot be the workspace itself: name a folder in it, like out"
            )
        for name, other in others.items():
            if _overlap(value, other):
                raise ValueError(
                    f"the output folder {value!r} overlaps {name} ({other!r}); "
                    "rendered files would land among files people write: choose another folder"
                )


def _overlap(one: str, other: str) -> bool:
    a, b = one.split("/"), other.split("/")
    if "." in (one, other):
        return True
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


class Site(Strict):
    """The public website (``kogsro site``): imprint, contact and where it is published."""

    base_url: Line | None = None
    imprint: Prose | None = None
    contact: Prose | None = None
    statement_date: dt.date | None = None


class DocumentSettings(Strict):
    """How the documents an office sends read: the footer line and the salutation."""

    footer: str | None = field(
        default=None,
        description="text in the footer of every document, next to its date (e.g. the office's "
        "name and address); no product name unless written here",
    )
    salutation: str | None = field(
        default=None,
        description="the salutation of letters in the workspace's language; default "
        "'Sehr geehrte Damen und Herren,' (de) or 'Dear members and guests,' (en)",
    )


def _known_zone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: 'Europe' is a folder
        raise ValueError(f"unknown time zone {value!r}, e.g. Europe/Berlin") from None
    return value


class Config(Strict):
    """The body's ``kogsro.yaml``."""

    body: BodyInfo
    language: Literal["de", "en"] = "de"
    timezone: str = field(default="Europe/Berlin", check=_known_zone)
    numbering: Line | None = field(
        default=None,
        description="prefix of item numbers; default: TOP in German documents, Item in English",
    )
    content_language: Literal["de", "en"] = field(
        default="de",
        description="language of what the files say (titles, notes, decisions): documents in "
        "another language mark it as such for screen readers",
    )
    numbering_start: int | None = field(
        default=None, ge=1, description="number the sessions in date order from this number"
    )
    defaults: Defaults = field(default_factory=Defaults)
    rotation: list[Id] = field(default_factory=list)
    series: Series | None = None
    mail: Mail | None = None
    paths: Paths = field(default_factory=Paths)
    documents: DocumentSettings = field(default_factory=DocumentSettings)
    site: Site | None = None

    def item_prefix(self, lang: str | None = None) -> str:
        """The prefix of item numbers: ``numbering`` when set, else the document language's
        ("TOP" in German, "Item" in English)."""
        if self.numbering is not None:
            return self.numbering
        return "Item" if (lang or self.language) == "en" else "TOP"

    def item_label(self, number: str, lang: str | None = None) -> str:
        """An item as documents, tables and messages name it: ``TOP 2.1``, ``Item 2.1``."""
        return f"{self.item_prefix(lang)} {number}".strip()


# --- attendees.yaml ----------------------------------------------------------------------


class Organisation(Strict):
    id: Id
    name: Text
    short: Line | None = None
    kind: Literal["district", "senate", "guest", "other"] = "other"
    address: Prose | None = None
    email: Line | None = None
    phone: Line | None = None
    website: Line | None = None
    location: Location | None = field(default=None, description="where it hosts sessions")

    @property
    def label(self) -> str:
        return self.short or self.name


class Person(Strict):
    id: Id
    name: Text
    organisation: Id | None = None
    role: Line | None = None
    email: Line | None = None
    phone: Line | None = None
    member: bool = False
    deputy_of: Id | None = None


class Roster(Strict):
    """The ``attendees.yaml``: organisations and people."""

    organisations: list[Organisation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)


# --- agendas/<id>.yaml -------------------------------------------------------------------


class Vote(Strict):
    yes: int = field(default=0, ge=0)
    no: int = field(default=0, ge=0)
    abstain: int = field(default=0, ge=0)

    @property
    def passed(self) -> bool:
        return self.yes > self.no


def _vote_kind(value: Any) -> str:
    return "consensus" if isinstance(value, str) else "counted"


if TYPE_CHECKING:
    VoteOrConsensus: TypeAlias = Vote | Literal["consensus"]
else:
    VoteOrConsensus = Tagged(_vote_kind, {"counted": Vote, "consensus": Literal["consensus"]})


class Decision(Strict):
    id: Id | None = None
    text: LongText
    vote: VoteOrConsensus | None = None


class Action(Strict):
    id: Id | None = None
    task: LongText
    owner: Id
    due: dt.date | None = None
    status: Literal["open", "done", "dropped"] = "open"
    note: Prose | None = None


class Attachment(Strict):
    """An Anlage of an item: a file inside the workspace or an http(s) link."""

    file: Line | None = field(default=None, description="path inside the workspace")
    url: Line | None = field(default=None, description="an http(s) link")
    title: Text | None = None
    public: bool = True

    def _check_record(self) -> None:
        if (self.file is None) == (self.url is None):
            raise ValueError("an attachment has either `file:` (a path) or `url:` (a link)")
        if self.url is not None and not self.url.startswith(("http://", "https://")):
            raise ValueError(f"attachment url {self.url!r} is not an http(s) link")


class Item(Strict):
    title: Text
    kind: Literal["information", "discussion", "decision"] | None = None
    duration: int | None = field(default=None, ge=0, le=MINUTES)
    presenters: list[Id] = field(default_factory=list)
    public: bool | None = None
    description: Prose | None = None
    documents: list[Line] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    carried_from: Line | None = field(default=None, description="id of the earlier item")
    approves: Id | None = field(
        default=None, description="id of the earlier session whose minutes this item approves"
    )
    # after the session
    notes: Prose | None = None
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    status: Literal["done", "deferred"] | None = None


class InlineGuest(Strict):
    name: Text
    organisation: Line | None = None
    role: Line | None = None
    email: Line | None = None


def _guest_kind(value: Any) -> str:
    return "inline" if isinstance(value, dict | InlineGuest) else "ref"


if TYPE_CHECKING:
    Guest: TypeAlias = str | InlineGuest
else:
    Guest = Tagged(_guest_kind, {"ref": Id, "inline": InlineGuest})


class Attendance(Strict):
    present: list[Id] = field(default_factory=list)
    excused: list[Id] = field(default_factory=list)
    guests: list[Guest] = field(default_factory=list, description="guests who came")


class ActionUpdate(Strict):
    action: Line
    status: Literal["open", "done", "dropped"] | None = None
    due: dt.date | None = None
    note: Prose | None = None


class DecisionUpdate(Strict):
    decision: Line
    status: Literal["revoked", "amended"]
    note: Prose | None = None


def _update_kind(value: Any) -> str:
    if isinstance(value, DecisionUpdate) or (isinstance(value, dict) and "decision" in value):
        return "decision"
    return "action"


if TYPE_CHECKING:
    Update: TypeAlias = ActionUpdate | DecisionUpdate
else:
    Update = Tagged(_update_kind, {"action": ActionUpdate, "decision": DecisionUpdate})


class Correction(Strict):
    """A change to approved minutes (Berichtigung), with its date and reason."""

    date: dt.date
    reason: Text


# `items:` with nothing after it (only comments) is a session without items yet
if TYPE_CHECKING:
    ItemList: TypeAlias = list[Item]
else:
    ItemList = ListOf(Item, none_is_empty=True)


class Session(Strict):
    """One session file; its id is the file name without ``.yaml``."""

    title: Text | None = None
    date: dt.date
    start: Clock | None = None
    end: Clock | None = None
    status: Literal["planned", "invited", "held", "cancelled", "postponed"] | None = None
    reason: Prose | None = field(
        default=None, description="why the session is cancelled or postponed"
    )
    moved_to: Id | None = field(default=None, description="id of the session it is postponed to")
    revision: int = field(default=0, ge=0)
    number: int | None = field(
        default=None, ge=1, description="the session's number; later sessions count on from it"
    )
    changes: list[Text] = field(
        default_factory=list,
        description="what changed since the invitation that was sent (a revised invitation, "
        "revision > 0, lists them)",
    )
    location: Location | None = None
    host: Id
    chair: Id | None = None
    guests: list[Guest] = field(default_factory=list)
    public: bool | None = None
    invited_on: dt.date | None = None
    rsvp_by: dt.date | None = None
    notes: Prose | None = None
    items: ItemList = field(default_factory=list)
    # after the session
    attendance: Attendance | None = None
    minutes_by: Id | None = None
    updates: list[Update] = field(default_factory=list)
    corrections: list[Correction] = field(
        default_factory=list, description="corrections of the approved minutes"
    )

    _id: str = ""
    _source: Any = None

    @property
    def id(self) -> str:
        return self._id

    @property
    def source(self) -> Any:
        """The :class:`~kogsro.workspace.yamlsource.Source` the session was read from."""
        return self._source

    @property
    def chair_id(self) -> str:
        return self.chair or self.host

    def numbered_items(self) -> Iterator[NumberedItem]:
        """Every item, depth first, with its number ("1", "2", "2.1") and its place in the file."""

        def walk(
            items: list[Item], prefix: str, path: tuple[str | int, ...], depth: int
        ) -> Iterator[NumberedItem]:
            for index, item in enumerate(items):
                number = f"{prefix}{index + 1}"
                here = (*path, "items", index)
                yield NumberedItem(number, item, depth, here)
                yield from walk(item.items, f"{number}.", here, depth + 1)

        yield from walk(self.items, "", (), 0)


@record
class NumberedItem:
    number: str
    item: Item
    depth: int
    path: tuple[str | int, ...]


def decision_id(session_id: str, number: str, index: int) -> str:
    """Stable id of the ``index``-th (0-based) decision under TOP ``number``."""
    return f"{session_id}-top{number}-d{index + 1}"


def action_id(session_id: str, number: str, index: int) -> str:
    """Stable id of the ``index``-th (0-based) action under TOP ``number``."""
    return f"{session_id}-top{number}-a{index + 1}"
