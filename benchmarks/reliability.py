"""The reliability suite: generated and mutated workspaces through `check` and every renderer.

    python benchmarks/reliability.py                      # N=200, seed 14, 10 kills of build
    python benchmarks/reliability.py -n 10000 --kills 100 --seed 14

Each run builds a small workspace from the run's seed (a body, a roster, a held and a planned
session), plants hostile payloads in random text fields, often mutates the YAML (a missing
or misspelt key, a wrong type, a flipped byte, a cut-off file, a line break in a one-line
field, a symbolic link out of ``out/``), then runs ``kogsro check`` and a few renderers chosen
by the seed, in-process through the Typer application. It counts:

- runs and the histogram of exit codes; **internal errors** (exit 3, or an exception that
  escaped the command line);
- **parse failures**: outputs that do not parse back (pypdf, html.parser, csv, icalendar,
  email, json);
- **payloads executed**: a payload that took effect instead of coming out as text (a Typst
  ``#read`` that read a file, a Jinja expression that was evaluated, a ``<script>`` element or
  ``on...`` attribute in HTML, an injected header or calendar property, a spreadsheet formula);
- **files outside**: files written or changed anywhere but in the output folder (or the
  tool's own ``.kogsro/``), including behind a link out of ``out/``;
- **leaks**: non-public item titles, online-meeting tokens or contact data typed into notes
  found in a ``--public`` output.

Then it kills ``kogsro build`` with SIGKILL ``--kills`` times at seeded moments and counts
partial output files (an output that does not parse back), temporary files left behind (the
next build removes them) and worker processes still running afterwards (orphans).

The same seed gives the same workspaces and the same figures. ``tests/reliability`` runs a
small N of this suite on every change.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import email
import email.policy
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# --- payloads --------------------------------------------------------------------------------

MARK = "ZQX"  # every planted payload carries it, so its text can be found in the output
PAYLOADS = [
    '#read("/etc/passwd")',
    '#include "/etc/hostname"',
    '#image("/etc/passwd")',
    '#import "@preview/cetz:0.2.0"',
    "#{ 7 * 191 }",
    "$ 7 * 191 $",
    "{{ 7 * 191 }}",
    "{% for x in range(3) %}LOOP{% endfor %}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "${7*191}",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    '"><b>bold</b>',
    "</title><script>x</script>",
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1)",
    '=HYPERLINK("http://x")',
    "*emph* _emph_ **strong** `code`",
    "[link](javascript:alert(1))",
    "# heading\n## two",
    "| a | b |\n|---|---|",
    "<!-- comment -->",
    "\\u0000 \\x00",
    "line one\nline two",
    "tab\there",
    "CR\rLF\r\nX-INJECTED: evil",
    "Bcc: victim@example.org",
    "BEGIN:VEVENT\nX-INJECTED:evil\nEND:VEVENT",
    "$(touch PWNED)",
    "`touch PWNED`",
    "; rm -rf /",
    "../../etc/passwd",
    "%s %n %x",
    "\u202eevil\u202c",  # right-to-left override
    "👩\u200d👩\u200d👧 ✓ ∑ 中文",
    "Vertreter*innen #3 <b> & ; , '\"",
    "x" * 400,
    "🙂" * 50,
]
CONTROL_PAYLOADS = ["a\x07b", "a\x1bb", "a\u2028b", "a\x85b", "a\x00b"]
SECRET = "GEHEIM"  # in titles of non-public items and their sub-items
TOKEN = "pwdTOKEN"  # in the online-meeting link
CONTACTS = ("kontakt.leak@example.org", "030 9029-12345", "+49 30 1234567")

EXECUTED_SIGNS = {
    "1337": "an expression was evaluated (7 * 191)",
    "root:x:0:0": "a template read /etc/passwd",
    "LOOPLOOP": "a Jinja loop ran",
    "<class 'object'>": "a Jinja expression reached Python objects",
}

# --- the generated workspace -----------------------------------------------------------------


ONE_LINE_PAYLOADS = [p for p in PAYLOADS if not any(c in p for c in "\n\r\t")]


def _text(rng: random.Random, base: str, *, lines: bool = False) -> str:
    """``base``, now and then with a payload before or after it (one with line breaks only
    where the field may have several lines: ``check`` refuses them elsewhere, which the
    mutations test on their own)."""
    if rng.random() < 0.35:
        payload = rng.choice(PAYLOADS if lines else ONE_LINE_PAYLOADS)
        return f"{base} {MARK}{payload}{MARK}" if rng.random() < 0.5 else f"{MARK}{payload} {base}"
    return base


def workspace_data(rng: random.Random) -> dict[str, Any]:
    """The files of one workspace as data (before YAML and mutations)."""
    orgs = [
        {"id": "ba-nord", "name": _text(rng, "Bezirksamt Nord"), "short": "Nord",
         "kind": "district"},
        {"id": "ba-sued", "name": _text(rng, "Bezirksamt Süd"), "short": _text(rng, "Süd"),
         "kind": "district", "email": "sued@example.org", "phone": "030 1111111"},
        {"id": "sen", "name": _text(rng, "Senatsverwaltung für Beispiele"), "kind": "senate",
         "location": {"name": _text(rng, "Rathaus"),
                      "address": _text(rng, "Hauptstr. 1, 10000 Berlin", lines=True)}},
    ]  # fmt: skip
    people = [
        {"id": "p-nord", "name": _text(rng, "Erika Beispiel"), "organisation": "ba-nord",
         "email": "erika.beispiel@example.org", "phone": "030 2222222", "member": True},
        {"id": "p-sued", "name": _text(rng, "Max Muster"), "organisation": "ba-sued",
         "email": "max.muster@example.org", "member": True},
        {"id": "p-sen", "name": _text(rng, "Mia Platzhalter"), "organisation": "sen",
         "role": _text(rng, "Referentin"), "member": False},
    ]  # fmt: skip
    config: dict[str, Any] = {
        "body": {
            "name": _text(rng, "Koordinierungsgruppe Beispiel"),
            "short": _text(rng, "KoG Bsp"),
            "email": "kog@example.org",
        },
        "language": rng.choice(["de", "en"]),
        "timezone": "Europe/Berlin",
        "defaults": {"start": "10:00", "invitation_days": 14, "public": True},
        "rotation": ["ba-nord", "ba-sued"],
        "mail": {"from": "KoG Bsp <kog@example.org>"},
    }
    held = {
        "title": _text(rng, "Sitzung der KoG Bsp"),
        "date": "2022-03-08",
        "start": "10:00",
        "status": "held",
        "host": "ba-nord",
        "guests": ["sen", {"name": _text(rng, "Gast Person"), "email": "gast@example.org"}],
        "location": {"name": _text(rng, "Videokonferenz"),
                     "online": f"https://meet.example.org/j/1?{TOKEN}=1"},
        "notes": _text(rng, "Sitzungsnotiz", lines=True),
        "attendance": {"present": ["p-nord", "p-sued"], "excused": ["p-sen"]},
        "minutes_by": "p-nord",
        "items": [
            {"title": _text(rng, "Begrüßung"), "duration": 10, "status": "done",
             "notes": _text(rng, f"Rückfragen an {CONTACTS[0]} oder {CONTACTS[1]}.", lines=True),
             "description": _text(rng, f"Telefon {CONTACTS[2]}", lines=True)},
            {"title": _text(rng, "Beteiligung"), "kind": "decision", "duration": 30,
             "status": "done", "notes": _text(rng, "Notizen\n\nZweiter Absatz", lines=True),
             "decisions": [{"text": _text(rng, "Die Gruppe beschließt etwas.", lines=True),
                            "vote": {"yes": 2, "no": 0, "abstain": 0}}],
             "actions": [{"task": _text(rng, "Bericht vorlegen", lines=True), "owner": "p-sued",
                          "due": "2022-04-12"}]},
            {"title": f"{SECRET} Personalien", "public": False, "duration": 20, "status": "done",
             "notes": f"{SECRET} Vertrauliches",
             "decisions": [{"text": f"{SECRET} Beschluss", "vote": "consensus"}],
             "items": [{"title": f"{SECRET}-SUB Nachfolge", "duration": 10,
                        "notes": f"{SECRET} Untere Ebene"}]},
        ],
    }  # fmt: skip
    planned = {
        "date": "2022-07-12",
        "host": "ba-sued",
        "status": "planned",
        "items": [
            {"title": _text(rng, "Begrüßung"), "duration": 15},
            {"title": _text(rng, "Ausblick"), "kind": "discussion", "duration": 45,
             "presenters": ["p-sen"], "description": _text(rng, "Beschreibung", lines=True)},
        ],
    }  # fmt: skip
    return {
        "kogsro.yaml": config,
        "attendees.yaml": {"organisations": orgs, "people": people},
        "agendas/2022-03-08.yaml": held,
        "agendas/2022-07-12.yaml": planned,
    }


def _walk_strings(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_strings(item, (*path, index))
    elif isinstance(value, str):
        yield path, value


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _delete(data: Any, path: tuple[Any, ...]) -> None:
    for part in path[:-1]:
        data = data[part]
    del data[path[-1]]


def mutate(rng: random.Random, files: dict[str, Any]) -> tuple[dict[str, bytes], list[str]]:
    """YAML text of the files, with zero or more mutations; returns the files and what was done."""
    done: list[str] = []
    name = rng.choice(sorted(files))
    data = files[name]
    strings = list(_walk_strings(data))
    roll = rng.random()
    if roll < 0.06 and strings:
        path, _ = rng.choice(strings)
        _set(data, path, rng.choice(CONTROL_PAYLOADS))
        done.append(f"control character in {name}:{path}")
    elif roll < 0.11 and strings:
        path, value = rng.choice(strings)
        _set(data, path, value + "\r\nX-INJECTED: evil")
        done.append(f"line break in {name}:{path}")
    elif roll < 0.15 and strings:
        path, _ = rng.choice(strings)
        _delete(data, path)
        done.append(f"deleted {name}:{path}")
    elif roll < 0.19 and strings:
        path, _ = rng.choice(strings)
        _set(data, path, rng.choice([12, True, None, [], {"x": 1}, 1.5]))
        done.append(f"wrong type at {name}:{path}")
    elif roll < 0.21 and isinstance(data, dict):
        data[rng.choice(["titel", "dat", "itmes", "paths"])] = rng.choice(["x", {"out": "agendas"}])
        done.append(f"unknown or bad key in {name}")
    elif roll < 0.26 and name == "kogsro.yaml":
        data["paths"] = {
            "out": rng.choice([".", "agendas", "/tmp/elsewhere", "a" * 300, "archive"])
        }
        done.append("bad paths.out")
    texts = {path: _yaml(value).encode("utf-8") for path, value in files.items()}
    roll = rng.random()
    if roll < 0.03:
        target = rng.choice(sorted(texts))
        raw = bytearray(texts[target])
        if raw:
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        texts[target] = bytes(raw)
        done.append(f"flipped a byte of {target}")
    elif roll < 0.05:
        target = rng.choice(sorted(texts))
        texts[target] = texts[target][: rng.randrange(len(texts[target]) + 1)]
        done.append(f"cut {target} short")
    elif roll < 0.07:
        target = rng.choice(sorted(texts))
        texts[target] = rng.choice(
            [b"a: &a [*a]\n", b"x: !!python/object:os.system ls\n", b"- - - - -\n" * 50,
             b"a: 1\na: 2\n", b"---\na: 1\n---\nb: 2\n", b"\t- x\n"]
        )  # fmt: skip
        done.append(f"hostile YAML in {target}")
    return texts, done


def _yaml(value: Any) -> str:
    import yaml

    return str(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1000))


# --- parsing outputs back --------------------------------------------------------------------


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.executable: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and not any(
            k == "type" and v == "application/ld+json" for k, v in attrs
        ):
            self.executable.append("<script>")
        for key, value in attrs:
            if key.startswith("on"):
                self.executable.append(f"{key}= attribute")
            if key in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.executable.append("javascript: link")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_back(fmt: str, data: bytes) -> tuple[str, list[str]]:
    """The text of an output and the payloads that took effect in it; raises if it cannot be
    parsed back."""
    executed: list[str] = []
    if fmt == "pdf":
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    elif fmt == "html":
        parser = _Html()
        parser.feed(data.decode("utf-8"))
        parser.close()
        executed += parser.executable
        text = "".join(parser.text)
    elif fmt == "md":
        from markdown_it import MarkdownIt

        html = MarkdownIt("commonmark", {"html": False}).render(data.decode("utf-8"))
        return parse_back("html", html.encode("utf-8"))
    elif fmt == "json":
        text = json.dumps(json.loads(data), ensure_ascii=False)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        for row in rows[1:]:
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@") and not _number(cell):
                    executed.append(f"formula {cell[:20]!r}")
        text = "\n".join(",".join(row) for row in rows)
    elif fmt == "ics":
        from icalendar import Calendar

        calendar = Calendar.from_ical(data)
        for component in calendar.walk():
            for key in component:
                if key.upper().startswith("X-INJECTED"):
                    executed.append("injected calendar property")
        text = data.decode("utf-8")
    elif fmt == "eml":
        message = email.message_from_bytes(data, policy=email.policy.default)
        if message.defects:
            raise ValueError(f"e-mail defects: {message.defects}")
        if "X-INJECTED" in message or len(message.get_all("Bcc") or []) > 1:
            executed.append("injected e-mail header")
        body = message.get_body(("plain",))
        # headers and the decoded body only: the raw message holds random MIME boundaries and
        # base64, whose digits are no evidence of anything
        headers = [f"{key}: {value}" for key, value in message.items()]
        headers = [h for h in headers if not h.lower().startswith(("content-type", "message-id"))]
        text = "\n".join(headers) + (body.get_content() if body is not None else "")
        for part in message.iter_attachments():
            if part.get_content_type() == "text/calendar":
                _, found = parse_back("ics", part.get_payload(decode=True))
                executed += found
    else:
        text = data.decode("utf-8")
    for sign, what in EXECUTED_SIGNS.items():
        if sign in text:
            executed.append(what)
    return text, executed


def _number(cell: str) -> bool:
    try:
        float(cell.replace(",", "."))
    except ValueError:
        return False
    return True


# --- one run ---------------------------------------------------------------------------------


@dataclass
class Command:
    args: list[str]
    fmt: str  # how to parse what it writes
    public: bool = False
    reads: str = "stdout"  # "stdout" or a glob in out/


COMMANDS = [
    Command(["show", "2022-07-12", "--json"], "json"),
    Command(["invite", "2022-07-12", "-f", "md", "-o", "-"], "md"),
    Command(["invite", "2022-07-12", "-f", "html", "-o", "-", "--public"], "html", public=True),
    Command(["invite", "2022-07-12", "-f", "pdf", "-o", "-"], "pdf"),
    Command(["invite", "2022-07-12", "-f", "ics", "-o", "-", "--public"], "ics", public=True),
    Command(["invite", "2022-07-12", "-f", "eml"], "eml", reads="2022-07-12/mail/*.eml"),
    Command(["minutes", "2022-03-08", "-f", "md", "-o", "-", "--public"], "md", public=True),
    Command(["minutes", "2022-03-08", "-f", "html", "-o", "-"], "html"),
    Command(["minutes", "2022-03-08", "-f", "pdf", "-o", "-", "--public"], "pdf", public=True),
    Command(["attendance", "2022-03-08", "-f", "pdf", "-o", "-"], "pdf"),
    Command(["decisions", "-f", "csv", "-o", "-", "--public"], "csv", public=True),
    Command(["decisions", "--json"], "json"),
    Command(["actions", "-f", "html", "-o", "-"], "html"),
    Command(["calendar", "--public", "-o", "-"], "ics", public=True),
    Command(["export", "oparl", "-o", "-"], "json", public=True),
    Command(["decisions"], "text"),
    Command(["sessions", "--json"], "json"),
]


@dataclass
class Figures:
    runs: int = 0
    commands: int = 0
    exit_codes: collections.Counter[int] = field(default_factory=collections.Counter)
    internal_errors: list[str] = field(default_factory=list)
    parse_failures: list[str] = field(default_factory=list)
    executed: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    parsed: collections.Counter[str] = field(default_factory=collections.Counter)
    refusals: collections.Counter[str] = field(default_factory=collections.Counter)
    kills: int = 0
    partial_files: list[str] = field(default_factory=list)
    temp_files_left: int = 0
    orphans: list[str] = field(default_factory=list)

    def problems(self) -> int:
        return (
            len(self.internal_errors)
            + len(self.parse_failures)
            + len(self.executed)
            + len(self.outside)
            + len(self.leaks)
            + len(self.partial_files)
            + len(self.orphans)
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "runs": self.runs,
            "commands": self.commands,
            "exit_codes": dict(sorted(self.exit_codes.items())),
            "internal_errors": len(self.internal_errors),
            "parse_failures": len(self.parse_failures),
            "outputs_parsed_back": dict(sorted(self.parsed.items())),
            "payloads_executed": len(self.executed),
            "files_outside": len(self.outside),
            "leaks": len(self.leaks),
            "build_kills": self.kills,
            "partial_files": len(self.partial_files),
            "temp_files_left": self.temp_files_left,
            "orphans": len(self.orphans),
        }


def _invoke(args: list[str]) -> tuple[int, bytes, str, BaseException | None]:
    from typer.testing import CliRunner

    from kogsro.cli import app

    result = CliRunner().invoke(app, args, catch_exceptions=True)
    error = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.stdout_bytes, result.stderr, error


def _reason(stderr: str) -> str:
    """The first message of a refusal, without its place and quoted values (for a histogram)."""
    import re

    line = stderr.strip().splitlines()[0] if stderr.strip() else ""
    line = re.sub(r"^\S+:\d+:\d+: ", "", line)
    line = re.sub(r"'[^']*'|\"[^\"]*\"", "...", line)
    return re.sub(r"\d+", "N", line)[:90]


def _snapshot(root: Path, out: str) -> dict[str, bytes]:
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel == out or rel.startswith((out + "/", ".kogsro/", "elsewhere/")) or path.is_dir():
            continue
        with contextlib.suppress(OSError):
            link = path.is_symlink()
            found[rel] = b"->" + str(path.readlink()).encode() if link else path.read_bytes()
    return found


def one_run(index: int, seed: int, base: Path, figures: Figures, *, pdf: bool = True) -> None:
    rng = random.Random(seed * 1_000_003 + index)
    root = base / f"run{index}"
    ws = root / "ws"
    files, _ = mutate(rng, workspace_data(rng))
    for name, data in files.items():
        (ws / name).parent.mkdir(parents=True, exist_ok=True)
        (ws / name).write_bytes(data)
    (ws / "templates").mkdir(exist_ok=True)
    elsewhere = ws / "elsewhere"
    elsewhere.mkdir()
    if rng.random() < 0.1:  # a link out of the output folder, as a cloned workspace may carry
        (ws / "out").mkdir()
        (ws / "out" / rng.choice(["2022-03-08", "2022-07-12", "oparl"])).symlink_to(elsewhere)
    before = _snapshot(ws, "out")
    figures.runs += 1
    chosen = [Command(["check"], "text")]
    pool = [c for c in COMMANDS if pdf or c.fmt != "pdf"]
    chosen += rng.sample(pool, 3)
    for command in chosen:
        figures.commands += 1
        label = f"run {index} (seed {seed}): kogsro {' '.join(command.args)}"
        code, stdout, stderr, error = _invoke(["-w", str(ws), *command.args])
        figures.exit_codes[code] += 1
        if code == 3 or error is not None:
            figures.internal_errors.append(f"{label}: {error!r} {stderr.strip()[-300:]}")
            continue
        if code != 0:
            if not stderr.strip():
                figures.internal_errors.append(f"{label}: exit {code} without a message")
            figures.refusals[_reason(stderr)] += 1
            continue
        outputs: list[tuple[str, bytes]] = []
        if command.reads == "stdout":
            outputs.append(("standard output", stdout))
        else:
            outputs += [(str(p), p.read_bytes()) for p in sorted((ws / "out").glob(command.reads))]
        for where, data in outputs:
            if command.fmt == "text":
                continue
            try:
                text, executed = parse_back(command.fmt, data)
            except Exception as exc:
                figures.parse_failures.append(f"{label}: {where}: {type(exc).__name__}: {exc}")
                continue
            figures.parsed[command.fmt] += 1
            figures.executed += [f"{label}: {what}" for what in executed]
            if command.public:
                for secret in (SECRET, TOKEN, *CONTACTS):
                    if secret in text:
                        figures.leaks.append(f"{label}: {secret!r} in public output")
    after = _snapshot(ws, "out")
    for name in sorted(set(before) | set(after)):
        if before.get(name) != after.get(name):
            figures.outside.append(f"run {index} (seed {seed}): {name} written or changed")
    if any(elsewhere.iterdir()):
        figures.outside.append(f"run {index} (seed {seed}): files behind a link out of out/")
    if (ws / "PWNED").exists() or Path("PWNED").exists():
        figures.executed.append(f"run {index}: a shell command ran")
    shutil.rmtree(root, ignore_errors=True)


# --- killing build ---------------------------------------------------------------------------


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    todo = [pid]
    while todo:
        current = todo.pop()
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                for child in children.read_text().split():
                    found.append(int(child))
                    todo.append(int(child))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


ORPHAN_WAIT_SECONDS = 10


def kill_builds(kills: int, seed: int, base: Path, figures: Figures) -> None:
    """``kogsro build`` killed with SIGKILL at seeded moments; partial files and orphans."""
    if kills <= 0 or not sys.platform.startswith("linux"):
        return
    rng = random.Random(seed)
    before = set(_descendants(os.getpid()))  # helpers started earlier (a forkserver) are not ours
    ws = base / "kill-ws"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), str(ws), "6",
         "--per-session", "3", "--seed", str(seed)],
        check=True, capture_output=True,
    )  # fmt: skip
    command = [sys.executable, "-m", "kogsro", "-w", str(ws), "build"]
    env = {**os.environ, "KOGSRO_NO_CACHE": "1", "KOGSRO_TODAY": "2001-06-01"}
    for number in range(kills):
        figures.kills += 1
        build = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        delay = rng.uniform(0.5, 4.0)
        workers: set[int] = set()
        end = time.monotonic() + delay
        while time.monotonic() < end and build.poll() is None:
            workers.update(_descendants(build.pid))
            time.sleep(0.05)
        workers.update(_descendants(build.pid))
        with contextlib.suppress(ProcessLookupError):
            build.send_signal(signal.SIGKILL)
        build.wait()
        # a worker ends at once by the kernel's signal, or within a poll of its watch; a busy
        # machine may take a while to schedule that, an orphan never ends
        deadline = time.monotonic() + ORPHAN_WAIT_SECONDS
        while any(_running(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        figures.orphans += [f"kill {number}: pid {p} still running" for p in workers if _running(p)]
        for path in sorted((ws / "out").rglob("*")):
            if not path.is_file():
                continue
            if path.name.endswith(".kogsro-tmp"):
                figures.temp_files_left += 1
                continue
            fmt = path.suffix.lstrip(".")
            try:
                parse_back(fmt if fmt in ("pdf", "html", "csv", "ics", "json", "md") else "txt",
                           path.read_bytes())  # fmt: skip
            except Exception as exc:
                figures.partial_files.append(f"kill {number}: {path.name}: {exc}")
    deadline = time.monotonic() + ORPHAN_WAIT_SECONDS
    left = [p for p in _descendants(os.getpid()) if p not in before]  # nothing of ours may stay
    while any(_running(p) for p in left) and time.monotonic() < deadline:
        time.sleep(0.05)
    figures.orphans += [f"pid {p} left over" for p in left if _running(p)]


# --- main ------------------------------------------------------------------------------------


def run(
    n: int,
    seed: int,
    kills: int = 0,
    *,
    pdf_every: int = 1,
    shard: tuple[int, int] = (0, 1),
    deadline: float | None = None,
    progress: Callable[[int], None] | None = None,
) -> Figures:
    """Run the suite; every ``pdf_every``-th run may render PDFs (they cost the most time).

    ``shard=(k, m)`` runs only the runs whose number is ``k`` modulo ``m``: shards run in
    parallel processes add up to the same figures as one process."""
    figures = Figures()
    os.environ["KOGSRO_NO_CACHE"] = "1"
    os.environ.setdefault("KOGSRO_TODAY", "2022-06-01")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1654034400")
    os.environ.setdefault("COLUMNS", "100")
    import warnings

    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory(prefix="kogsro-reliability-") as temp:
        base = Path(temp)
        try:
            for index in range(shard[0], n, shard[1]):
                if deadline is not None and time.monotonic() > deadline:
                    print(f"deadline: stopped after {figures.runs} runs", file=sys.stderr)
                    break
                one_run(index, seed, base, figures, pdf=index % pdf_every == 0)
                if progress is not None:
                    progress(figures.runs)
        except KeyboardInterrupt:  # stopped early: the figures of the runs done so far
            print(f"stopped after {figures.runs} runs", file=sys.stderr)
        kill_builds(kills, seed, base, figures)
    return figures


def report(figures: Figures, seed: int, seconds: float) -> str:
    data = figures.as_dict()
    lines = [f"seed {seed}, {seconds:.0f} s"]
    lines += [f"{key}: {value}" for key, value in data.items()]
    lines += [f"  refused ({count}x): {why}" for why, count in figures.refusals.most_common(8)]
    for name in ("internal_errors", "parse_failures", "executed", "outside", "leaks",
                 "partial_files", "orphans"):  # fmt: skip
        for entry in getattr(figures, name)[:10]:
            lines.append(f"  {name}: {entry}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=200, help="generated workspaces (default 200)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--kills", type=int, default=10, help="times build is killed")
    parser.add_argument("--pdf-every", type=int, default=1, help="PDFs in every k-th run only")
    parser.add_argument("--shard", default="0/1", help="K/M: only runs K, K+M, K+2M, ...")
    parser.add_argument("--minutes", type=float, help="stop starting new runs after this time")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    k, m = (int(x) for x in args.shard.split("/"))
    began = time.perf_counter()

    def progress(done: int) -> None:
        if done % 100 == 0:
            print(f"{done}/{args.n} runs, {time.perf_counter() - began:.0f} s", file=sys.stderr)

    figures = run(
        args.n,
        args.seed,
        args.kills,
        pdf_every=args.pdf_every,
        shard=(k, m),
        deadline=None if args.minutes is None else time.monotonic() + 60 * args.minutes,
        progress=progress,
    )
    seconds = time.perf_counter() - began
    if args.json:
        details = {
            name: getattr(figures, name)
            for name in ("internal_errors", "parse_failures", "executed", "outside", "leaks",
                         "partial_files", "orphans")
        }  # fmt: skip
        data = {"seed": args.seed, "n": args.n, "shard": args.shard, "seconds": round(seconds)}
        print(json.dumps({**data, **figures.as_dict(), "details": details}, indent=2))
    else:
        print(report(figures, args.seed, seconds))
    return 1 if figures.problems() else 0


if __name__ == "__main__":
    sys.exit(main())
