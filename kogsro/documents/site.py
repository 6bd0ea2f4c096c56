"""`kogsro site`: a static website of the workspace.

The site is a folder of plain files with relative links only, so it works from ``file://``
as from any static host: a start page, one page per year and per session, the decision log
and the task list (with a filter that runs in the browser and leaves a plain list without
JavaScript), the imprint and the accessibility statement, the calendar feed, and each
session's invitation and minutes as PDF.

It is public by default, with the same rules as every ``--public`` document: only public
items (and the decisions and tasks of public items), no e-mail address or phone number of
anyone. ``public=False`` gives an intranet copy with everything.

The same inputs give byte-identical files: pages carry the day they were made ("today"), and
the time stamps in the PDFs and the calendar are that day's start (or ``SOURCE_DATE_EPOCH``).
:func:`render_site` returns every file's bytes except for PDFs whose Typst source did not
change since the state it is given (``previous``); compiling PDFs is what costs, so a rebuild
after a change compiles only the documents the change reaches.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from kogsro import __version__, clock
from kogsro.i18n import format_date, phrase
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Session

if TYPE_CHECKING:
    from kogsro.documents.views import (
        AccessibilityPage,
        ContactView,
        DecisionLogPage,
        ImprintPage,
        SessionPage,
        SessionRowView,
        SiteDecision,
        SiteDecisionGroup,
        SiteDocument,
        SiteTask,
        StartPage,
        TaskListPage,
        YearPage,
    )
    from kogsro.ledger.fold import ActionEntry, DecisionEntry

ASSETS = ("site.css", "filter.js")
"""Static files of the site, looked up in ``site/`` on the template search path."""

FEED = "calendar.ics"
ENFORCEMENT_URL = "https://www.berlin.de/lb/digitale-barrierefreiheit/"
"""The enforcement body of the Berlin act on accessible IT (BIKTG Bln)."""
STATE_VERSION = 1


@dataclass(frozen=True, slots=True)
class FileState:
    """What a file of the site was made from (a digest of its inputs) and its size."""

    key: str
    size: int

    def as_dict(self) -> dict[str, str | int]:
        return {"key": self.key, "size": self.size}


@dataclass(slots=True)
class Site:
    """The files of a site by relative path; ``None`` means "unchanged, keep the file"."""

    files: dict[str, bytes | None] = field(default_factory=dict)
    state: dict[str, FileState] = field(default_factory=dict)
    compiled: int = 0  # PDFs compiled in this run
    reused: int = 0  # PDFs whose sources had not changed


# --- where things go ---------------------------------------------------------------------------


def session_page(session_id: str) -> str:
    return f"sessions/{session_id}.html"


def session_pdf(session_id: str, kind: str) -> str:
    return f"sessions/{session_id}/{kind}.pdf"


def year_page(year: int) -> str:
    return f"years/{year}.html"


def _root(path: str) -> str:
    """The way back from ``path`` to the top of the site (``""``, ``"../"``)."""
    return "../" * path.count("/")


# --- building ----------------------------------------------------------------------------------


def site_stamp(ws: Workspace) -> datetime:
    """The time stamp written into PDFs and the calendar: ``SOURCE_DATE_EPOCH``, else the
    start of today in the workspace's time zone (so a site made twice a day is the same)."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return clock.now()
    start = datetime.combine(clock.today(), datetime.min.time(), ZoneInfo(ws.config.timezone))
    return start.astimezone(UTC)


def render_site(
    ws: Workspace,
    *,
    lang: str | None = None,
    public: bool = True,
    previous: Mapping[str, FileState] | None = None,
) -> Site:
    """Every file of the site; PDFs whose inputs match ``previous`` are not compiled again."""
    from kogsro.ledger.lifecycle import is_held

    lang = lang or ws.config.language
    previous = previous or {}
    site = Site()
    stamp = site_stamp(ws)
    sessions = list(ws.sessions)

    # PDFs first: the pages show their sizes
    for session in sessions:
        for kind in _session_documents(session, is_held(session)):
            _add_pdf(ws, site, previous, session, kind, lang=lang, public=public, stamp=stamp)

    annex_files = _add_annexes(ws, site, public=public)
    builder = _Pages(ws, site, lang=lang, public=public, annex_files=annex_files)
    builder.build()

    from kogsro.documents.calendar import feed

    _add(site, FEED, feed(ws, public=public, lang=lang, stamp=stamp))
    for name in ASSETS:
        _add(site, f"assets/{name}", _asset(ws, name))
    return site


def annex_file(session_id: str, name: str) -> str:
    return f"sessions/{session_id}/anlagen/{name}"


def _add_annexes(ws: Workspace, site: Site, *, public: bool) -> dict[tuple[str, int], str]:
    """Copy the attachment files of every session (the public ones in a public site) into
    the site; returns where each went, by session and Anlage number."""
    from kogsro.documents.annexes import session_annexes
    from kogsro.errors import KogsroError

    where: dict[tuple[str, int], str] = {}
    for session in ws.sessions:
        for annex in session_annexes(ws, session, public=public):
            if annex.kind != "file" or annex.path is None:
                continue
            try:
                data = annex.path.read_bytes()
            except OSError as exc:
                raise KogsroError(
                    f"{ws.display(annex.path)}: attachment {annex.number} of session "
                    f"{session.id} cannot be read: {exc.strerror or exc}",
                    hint="check the file: path in the session file (`kogsro check`)",
                ) from None
            name = annex_file(session.id, annex.numbered_name)
            _add(site, name, data)
            where[(session.id, annex.number)] = name
    return where


def _session_documents(session: Session, held: bool) -> list[str]:
    if session.status in ("cancelled", "postponed"):
        return []
    return ["invitation", "minutes"] if held else ["invitation"]


def _add(site: Site, name: str, data: bytes) -> None:
    site.files[name] = data
    site.state[name] = FileState(hashlib.sha256(data).hexdigest(), len(data))


def _add_pdf(
    ws: Workspace,
    site: Site,
    previous: Mapping[str, FileState],
    session: Session,
    kind: str,
    *,
    lang: str,
    public: bool,
    stamp: datetime,
) -> None:
    """A session document as PDF, compiled only when its Typst source (or what else goes into
    the file) differs from the one the existing file was made from."""
    from kogsro.documents.context import document_context, document_title
    from kogsro.documents.render import assets_dir, render_template, template_origin
    from kogsro.formats.pdf import compile_pdf

    name = session_pdf(session.id, kind)
    template = f"{kind}.typ.j2"
    context = document_context(ws, session, kind, lang=lang, public=public)  # type: ignore[arg-type]
    source = str(render_template(ws, template, context, flavour="typ"))
    title = document_title(ws, session, kind, lang=lang, public=public)  # type: ignore[arg-type]
    assets = assets_dir(ws)
    key = _digest(__version__, source, title, lang, stamp.isoformat(), _folder_digest(assets))
    before = previous.get(name)
    if before is not None and before.key == key:
        site.files[name] = None
        site.state[name] = before
        site.reused += 1
        return
    data = compile_pdf(
        source,
        assets=assets,
        title=title,
        lang=lang,
        timestamp=stamp,
        source_name=template_origin(ws, template),
    )
    site.files[name] = data
    site.state[name] = FileState(key, len(data))
    site.compiled += 1


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _folder_digest(folder: Path | None) -> str:
    """The templates' assets (images, fonts) a PDF may include, by name and content."""
    if folder is None:
        return ""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _asset(ws: Workspace, name: str) -> bytes:
    from kogsro.documents.render import template_dirs
    from kogsro.errors import TemplateError

    for folder in template_dirs(ws):
        path = folder / "site" / name
        if path.is_file():
            return path.read_bytes()
    raise TemplateError(f"site/{name} not found on the template search path")


# --- the pages ---------------------------------------------------------------------------------


class _Pages:
    """The HTML pages: each gets the common context plus its own part."""

    def __init__(
        self,
        ws: Workspace,
        site: Site,
        *,
        lang: str,
        public: bool,
        annex_files: dict[tuple[str, int], str],
    ) -> None:
        from kogsro.documents.ledger_docs import (
            ActionQuery,
            DecisionQuery,
            decision_log,
            decision_viewer,
            task_list,
        )
        from kogsro.ledger.lifecycle import lifecycles

        self.ws = ws
        self.site = site
        self.annex_files = annex_files
        self.lang = lang
        self.public = public
        self.today = clock.today()
        self.sessions = list(ws.sessions)
        self.decisions = decision_log(ws, DecisionQuery(public=public))
        self.actions = task_list(ws, ActionQuery(as_of=self.today, public=public))
        self.years = sorted({s.date.year for s in self.sessions})
        self.lifecycles = lifecycles(ws)
        self.decision_view = decision_viewer(ws, lang)

    def word(self, key: str, **values: Any) -> str:
        return phrase(self.lang, key, **values)

    def build(self) -> None:
        self.page("index.html", "site/index.html.j2", self.word("site_home"), self.start())
        for year in self.years:
            self.page(
                year_page(year),
                "site/year.html.j2",
                self.word("site_sessions_of_year", year=year),
                self.year(year),
                current=year_page(year),
            )
        for index, session in enumerate(self.sessions):
            context = self.session(session, index)
            self.page(
                session_page(session.id),
                "site/session.html.j2",
                context["session"]["title_long"],
                context,
                current=year_page(session.date.year),
            )
        self.page(
            "decisions.html", "site/decisions.html.j2", self.word("site_decision_log"),
            self.decision_log(),
        )  # fmt: skip
        self.page(
            "actions.html", "site/actions.html.j2", self.word("site_task_list"), self.task_list()
        )
        self.page("imprint.html", "site/imprint.html.j2", self.word("site_imprint"), self.imprint())
        self.page(
            "accessibility.html",
            "site/accessibility.html.j2",
            self.word("site_accessibility"),
            self.accessibility(),
        )

    # --- the frame

    def page(
        self,
        path: str,
        template: str,
        title: str,
        extra: Mapping[str, object],
        *,
        current: str | None = None,
    ) -> None:
        from kogsro.documents.presentation import scrub_contacts
        from kogsro.documents.render import common_context, render_template

        context = common_context(self.ws, lang=self.lang, public=self.public)
        current = current or path
        config = self.ws.config.site
        context.update(
            kind="site",
            title=title,
            page_title=f"{title} – {self.ws.config.body.short}",
            path=path,
            root=_root(path),
            base_url=config.base_url if config else None,
            internal=not self.public,
            as_of=self.word("site_as_of", date=format_date(self.today, self.lang, "long")),
            nav=[
                {"href": href, "text": text, "current": href == current}
                for href, text in self.navigation()
            ],
            feed=FEED,
        )
        context.update(extra)
        if self.public:
            context = scrub_contacts(context, self.lang)
        text = render_template(self.ws, template, context, flavour="html")
        _add(self.site, path, str(text).encode("utf-8"))

    def navigation(self) -> list[tuple[str, str]]:
        links = [("index.html", self.word("site_home"))]
        links += [(year_page(y), str(y)) for y in self.years]
        links += [
            ("decisions.html", self.word("site_decision_log")),
            ("actions.html", self.word("site_task_list")),
        ]
        return links

    # --- the start page

    def start(self) -> StartPage:
        coming = [s for s in self.sessions if s.date >= self.today][:3]
        latest = list(reversed(self.decisions))[:5]
        return {
            "next_sessions": [self.session_row(s) for s in coming],
            "latest_decisions": [self.decision(e) for e in latest],
            "years": [
                {
                    "year": y,
                    "href": year_page(y),
                    "text": self.word(
                        "site_year_count",
                        year=y,
                        count=sum(1 for s in self.sessions if s.date.year == y),
                    ),
                }
                for y in reversed(self.years)
            ],
            "public_note": self.word("site_public_only_note") if self.public else None,
        }

    def session_row(self, session: Session) -> SessionRowView:
        from kogsro.documents.presentation import session_location

        location = session_location(self.ws, session)
        status = self.lifecycles[session.id].status
        return {
            "id": session.id,
            "href": session_page(session.id),
            "date": session.date.isoformat(),
            "date_text": format_date(session.date, self.lang),
            "title": session.title or self.word("session_of", body=self.ws.config.body.short),
            "host": self.ws.label_of(session.host),
            "place": location.name if location else None,
            "status": status,
            "status_text": self.word(f"site_state_{status}"),
        }

    # --- years and sessions

    def year(self, year: int) -> YearPage:
        return {
            "year": year,
            "sessions": [self.session_row(s) for s in self.sessions if s.date.year == year],
        }

    def session(self, session: Session, index: int) -> SessionPage:
        from kogsro.documents.context import document_title, session_context

        data = session_context(self.ws, session, lang=self.lang, public=self.public)
        if self.public and data["location"]:  # no online meeting links in public
            data["location"] = {**data["location"], "online": None, "online_link": None}
        for annex in data["annexes"]:  # the same dicts as under each item
            name = self.annex_files.get((session.id, annex["number"]))
            state = self.site.state.get(name) if name else None
            annex["href"] = name
            annex["size"] = _size(state.size, self.lang) if state else None
        row = self.session_row(session)
        data["status"] = row["status"]
        data["status_text"] = row["status_text"]
        data["title_long"] = self.word(
            "document_title",
            document=self.word("session"),
            body=self.ws.config.body.short,
            date=format_date(session.date, self.lang, "long"),
        ).split(" – ", 1)[-1]
        documents: list[SiteDocument] = []
        for kind in ("invitation", "minutes"):
            name = session_pdf(session.id, kind)
            state = self.site.state.get(name)
            if state is None:
                continue
            documents.append(
                {
                    "href": name,
                    "kind": kind,
                    "text": self.word(kind),
                    "title": document_title(
                        self.ws, session, kind, lang=self.lang, public=self.public
                    ),
                    "size": _size(state.size, self.lang),
                }
            )
        before = self.sessions[index - 1] if index > 0 else None
        after = self.sessions[index + 1] if index + 1 < len(self.sessions) else None
        return {
            "session": data,
            "year": session.date.year,
            "year_href": year_page(session.date.year),
            "minutes_state": self.minutes_state(session),
            "documents": documents,
            "decisions": [self.decision(e) for e in self.decisions if e.session == session.id],
            "tasks": [self.task(e) for e in self.actions if e.session == session.id],
            "previous": self.session_row(before) if before else None,
            "next": self.session_row(after) if after else None,
        }

    def minutes_state(self, session: Session) -> str | None:
        """Entwurf, versandt or genehmigt (with the day) for a held session, from the lifecycle."""
        life = self.lifecycles[session.id]
        if life.minutes == "none":
            return None
        word = self.word(f"minutes_{life.minutes}")
        if life.approved_on is not None:
            day = format_date(life.approved_on, self.lang, "long")
            return self.word("site_minutes_approved_on", state=word, date=day)
        return word

    # --- the ledger

    def decision(self, entry: DecisionEntry) -> SiteDecision:
        """A decision as the decision log shows it (:func:`~kogsro.documents.ledger_docs.
        decision_viewer`), with its place on the website."""
        return {
            **self.decision_view(entry),
            "href": f"{session_page(entry.session)}#{entry.id}",
            "session_href": session_page(entry.session),
            "year": entry.date.year,
        }

    def task(self, entry: ActionEntry) -> SiteTask:
        """A task as the task list shows it (:func:`~kogsro.documents.ledger_docs.action_item`),
        with its place on the website and the words the list filters by."""
        from kogsro.documents.ledger_docs import action_item

        view = action_item(self.ws, entry, self.today, self.lang)
        return {
            **view,
            "href": f"{session_page(entry.session)}#{entry.id}",
            "session_href": session_page(entry.session),
            "year": entry.date.year,
            "filter_status": f"{entry.status} overdue" if view["overdue"] else entry.status,
        }

    def decision_log(self) -> DecisionLogPage:
        groups: list[SiteDecisionGroup] = []
        for entry in self.decisions:
            if not groups or groups[-1]["id"] != entry.session:
                groups.append(
                    {
                        "id": entry.session,
                        "href": session_page(entry.session),
                        "date": entry.date.isoformat(),
                        "heading": self.word(
                            "session_on", date=format_date(entry.date, self.lang, "long")
                        ),
                        "decisions": [],
                    }
                )
            groups[-1]["decisions"].append(self.decision(entry))
        statuses = ("valid", "revoked", "amended")
        return {
            "groups": groups,
            "total": len(self.decisions),
            "filter": self.filter_labels(),
            "statuses": [{"value": s, "text": self.word(f"status_{s}")} for s in statuses],
            "years": sorted({e.date.year for e in self.decisions}),
        }

    def task_list(self) -> TaskListPage:
        tasks = [self.task(e) for e in self.actions]
        owners = sorted({(t["owner_text"], t["owner"]) for t in tasks})
        statuses = [("open", "status_open"), ("overdue", "site_overdue"),
                    ("done", "status_done"), ("dropped", "status_dropped")]  # fmt: skip
        return {
            "tasks": tasks,
            "total": len(tasks),
            "filter": self.filter_labels(),
            "statuses": [{"value": v, "text": self.word(k)} for v, k in statuses],
            "owners": [{"value": ident, "text": text} for text, ident in owners],
            "years": sorted({t["year"] for t in tasks}),
        }

    def filter_labels(self) -> dict[str, str]:
        return {
            "count": self.word("site_filter_count", shown="{shown}", total="{total}"),
        }

    # --- imprint and accessibility

    def contact(self) -> ContactView | None:
        """Whom to write to: ``site.contact`` of kogsro.yaml, else the body's address."""
        config = self.ws.config.site
        body = self.ws.config.body
        text = config.contact if config and config.contact else body.email
        if not text:
            return None
        email = text if "@" in text and " " not in text.strip() else None
        return {"text": text, "href": f"mailto:{email}" if email else None}

    def imprint(self) -> ImprintPage:
        from kogsro.documents.presentation import paragraphs

        config = self.ws.config.site
        body = self.ws.config.body
        return {
            "imprint": paragraphs(config.imprint) if config and config.imprint else [],
            "publisher": {"name": body.name, "address": body.address, "website": body.website},
            "contact": self.contact(),
        }

    def accessibility(self) -> AccessibilityPage:
        config = self.ws.config.site
        made = config.statement_date if config and config.statement_date else self.today
        url = config.base_url if config and config.base_url else None
        applies = (
            self.word("site_a11y_applies_url", url=url) if url else self.word("site_a11y_applies")
        )
        return {
            "scope": f"{self.word('site_a11y_scope', body=self.ws.config.body.short)} {applies}",
            "method": self.word("site_a11y_method", date=format_date(made, self.lang, "long")),
            "contact": self.contact(),
            "enforcement": {
                "name": self.word("site_a11y_enforcement_body"),
                "url": ENFORCEMENT_URL,
            },
        }


def _size(size: int, lang: str) -> str:
    from babel.numbers import format_decimal

    locale = "de_DE" if lang == "de" else "en_GB"
    if size < 1024 * 1024:
        return f"{format_decimal(max(1, round(size / 1024)), locale=locale)} KB"
    return f"{format_decimal(round(size / 1024 / 1024, 1), locale=locale)} MB"


# --- the state of a written site ---------------------------------------------------------------


def load_state(data: bytes) -> dict[str, FileState]:
    try:
        raw = json.loads(data)
        if raw.get("version") != STATE_VERSION:
            return {}
        return {
            name: FileState(str(entry["key"]), int(entry["size"]))
            for name, entry in raw["files"].items()
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}


def dump_state(folder: Path, state: Mapping[str, FileState]) -> bytes:
    data = {
        "version": STATE_VERSION,
        "folder": str(folder),
        "files": {name: state[name].as_dict() for name in sorted(state)},
    }
    return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode()


# --- writing -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Written:
    written: list[str]  # files written (new or changed)
    unchanged: list[str]  # files that were already as they should be
    removed: list[str]  # files of the previous site that are no longer part of it


def write_site(
    site: Site,
    folder: Path,
    *,
    previous: Mapping[str, FileState],
    out_dir: Path,
    force: bool = False,
    protected: Iterable[Path] = (),
) -> Written:
    """Write the files of ``site`` into ``folder``, each atomically, and only where they
    differ; remove the files of the previous site that are no longer part of it.

    Inside ``out_dir`` the folder is kogsro's own. Elsewhere, a file kogsro did not write
    there before is replaced only with ``force``.
    """
    from kogsro.errors import OutputExists, UsageError
    from kogsro.fsio import check_protected, is_within, owning_folder, remove_file, write_atomic

    check_protected(folder, protected)
    base = owning_folder(folder, out_dir)  # no write leaves it through a link
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: is not a folder", hint="name a folder for the website")
    if not force and not is_within(folder, out_dir):
        foreign = sorted(n for n in site.files if n not in previous and (folder / n).exists())
        if foreign:  # the first file the website would replace that it did not write there
            raise OutputExists(folder / foreign[0])
    written, unchanged = [], []
    for name in sorted(site.files):
        data = site.files[name]
        path = folder / name
        if data is None or (path.is_file() and path.read_bytes() == data):
            unchanged.append(name)
            continue
        write_atomic(path, data, within=base)
        written.append(name)
    removed = []
    for name in sorted(set(previous) - set(site.files)):
        path = folder / name
        if path.is_file() and not path.is_symlink():
            remove_file(path, within=base)
            removed.append(name)
            _remove_empty_parents(path.parent, folder)
    return Written(written, unchanged, removed)


def _remove_empty_parents(folder: Path, top: Path) -> None:
    while (
        folder != top and is_inside(folder, top) and folder.is_dir() and not any(folder.iterdir())
    ):
        folder.rmdir()
        folder = folder.parent


def is_inside(path: Path, top: Path) -> bool:
    try:
        path.relative_to(top)
    except ValueError:
        return False
    return True
