"""The validation corpus: YAML inputs of every file kind and what kogsro says about them.

``tests/workspace/data/validation_corpus.json`` holds, per case, the file kind, the YAML text
and either the problems kogsro reports (line, column, severity, message, hint) or, for a valid
file, the validated data as JSON. ``test_validation_corpus.py`` replays it; the cases are made
here, hand-picked for every kind of error plus seeded mutations of real files:

    python -m tests.workspace.validation_corpus      # rewrite the corpus (inputs and results)
    python -m pytest tests/workspace/test_validation_corpus.py --update-golden  # results only
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "data" / "validation_corpus.json"
KINDS = ("session", "roster", "config", "rsvp")
SEED = 9
MUTATIONS = 360

S = "date: 2022-06-14\nhost: ba-sz\n"
C = "body: {name: KoG, short: K}\n"
R = "organisations: [{id: ba, name: Bezirksamt}]\npeople: [{id: p, name: Erika Beispiel}]\n"
RS = "session: 2022-06-14\n"
REPLY = "replies:\n  - {person: p, answer: 'yes', at: '2022-06-01T09:30:00+02:00'"


def _item(extra: str) -> str:
    return S + "items:\n  - title: T\n    " + extra + "\n"


def hand_picked() -> list[tuple[str, str]]:
    """Every kind of error the model knows, one or a few cases each."""
    cases: list[tuple[str, str]] = []

    def add(kind: str, *texts: str) -> None:
        cases.extend((kind, text) for text in texts)

    # the file as a whole
    for kind in KINDS:
        add(kind, "", "- a\n", "just text\n", "12\n", "true\n", "{}\n", "null\n")
    # sessions: keys
    add("session", S, S + "titel: X\n", S + "zzz: 1\n", "host: a\n", "date: 2022-06-14\n")
    add("session", S + "1: x\n", S + "Date: x\n", S + "item: []\n", S + "items: [{titel: T}]\n")
    # text: empty, stripped, coerced, wrong types, characters
    for value in (
        "''", "'   '", "12", "-3", "1.5", "1e3", "true", "[a]", "{a: 1}", "null",
        "'  x  '", "Ärger ✓", '"a\\tb"', '"a\\u0007b"', '"a\\u2028b"', '"a\\x85b"',
        '"a\\u2029b"', '"a\\rb"', '"a\\u007fb"', '"a\\u009fb"', '"\\tx"', "|\n  a\n  b",
        '"a\\nb\\u0007"', '"a \\t "',
    ):  # fmt: skip
        add("session", S + f"title: {value}\n", S + f"notes: {value}\n", S + f"reason: {value}\n")
    add("session", S + "changes: ['', 'a\\tb', 12, null]\n", S + "changes: x\n")
    # dates
    for value in (
        "2022-13-01", "2022-02-30", "20220614", "0", "86400", "-86400", "1654041600000",
        "2022-06-14T10:00:00", "2022-06-14T00:00:00", "'2022-06-14 00:00'", "14.06.2022",
        "'2022-06-14 '", "abc", "''", "null", "true", "1.5", "[2022]", "{y: 1}", "2022-6-14",
        "2022-06-14Z", "'2022-06-1'", "'20220614'", "'2022-06-14T10:00:00+02:00'", "2022",
        "'2022-00-10'", "'0000-01-01'", "'9999-12-31'", "'2022-06-32'", "'2022/06/14'",
    ):  # fmt: skip
        add("session", f"date: {value}\nhost: ba-sz\n", S + f"invited_on: {value}\n")
    add("session", S + "corrections: [{date: 2022-13-01, reason: R}]\n")
    # times
    for value in (
        "10:00", "25:00", "10:61", "ten", "10", "9.30", "true", "null", "[1]", "{a: 1}",
        "'10:00:30'", "'10:00:61'", "' 9:05 '", "'9:5'", "'24:00'", "'-1:00'", "''", "1e3",
        "'10.00'", "'10:00 Uhr'",
    ):  # fmt: skip
        add("session", S + f"start: {value}\n")
    add("config", C + "defaults: {start: null}\n", C + "defaults: {start: '7:45'}\n")
    # literals
    for value in ("done", "Held", "1", "null", "''", "[held]", "true", "' held '"):
        add("session", S + f"status: {value}\n")
    # integers and their bounds
    for value in (
        "-1", "'3'", "1.5", "2.0", "true", "false", "abc", "null", "99999999999999999999",
        "' 4 '", "[1]", "'1e2'", "1e2", "'0x10'", "'1_000'", "''", "-0",
    ):  # fmt: skip
        add("session", S + f"revision: {value}\n", S + f"number: {value}\n")
    add("session", S + "number: 0\n", S + "number: 1\n")
    # ids
    for value in (
        "Ba-SZ", "a..b", ".a", "-a", "'a b'", "12", "true", "null", "[a]", "''", "a_b.c-1",
        "'a/b'", "'ä'", "1.5",
    ):  # fmt: skip
        add("session", f"date: 2022-06-14\nhost: {value}\n", S + f"chair: {value}\n")
    # guests: ids or inline people
    for value in (
        "['Bad Id']", "[{name: X}]", "[{name: ''}]", "[{nme: X}]", "[12]", "[true]", "[null]",
        "[[a]]", "abc", "{a: 1}", "[ok, {name: X, organisation: O, role: R, email: e}]",
        "[{name: X, organisation: [1]}]", "[{}]",
    ):  # fmt: skip
        add("session", S + f"guests: {value}\n", S + f"attendance: {{guests: {value}}}\n")
    # booleans
    for value in ("yes", "'true'", "1", "0", "null", "True", "[true]"):
        add("session", S + f"public: {value}\n", _item(f"public: {value}"))
    # items
    add("session", S + "items:\n", S + "items: null\n", S + "items: x\n", S + "items: [null]\n")
    add("session", S + "items: ['x']\n", S + "items: [{}]\n", S + "items: {title: T}\n")
    for extra in (
        "kind: foo", "duration: -1", "duration: 1441", "duration: 1440", "duration: '30'",
        "duration: 30.5", "presenters: [Bad]", "presenters: x", "documents: [12, 'a\\tb']",
        "attachments: [{file: a, url: 'http://x'}]", "attachments: [{}]",
        "attachments: [{url: 'ftp://x'}]", "attachments: [{url: 'https://x', title: ''}]",
        "attachments: [{file: a, extra: 1}]", "attachments: [{file: a, public: 'no'}]",
        "attachments: [{file: '', url: null}]", "attachments: x", "attachments: [x]",
        "items: [{title: ''}, {kind: x}]", "items: [{title: T, items: [{titel: U}]}]",
        "approves: Bad", "carried_from: 'a\\tb'", "status: open",
        "decisions: [{text: ''}]", "decisions: [{text: D, vote: consensus}]",
        "decisions: [{text: D, vote: Consensus}]", "decisions: [{text: D, vote: 'yes'}]",
        "decisions: [{text: D, vote: 5}]", "decisions: [{text: D, vote: {'yes': -1}}]",
        "decisions: [{text: D, vote: {ja: 1}}]", "decisions: [{text: D, vote: [1]}]",
        "decisions: [{text: D, vote: null}]", "decisions: [{text: D, vote: {'yes': '5'}}]",
        "decisions: [{text: D, vote: true}]", "decisions: [{text: D, id: Bad}]",
        "decisions: [{txt: D}]", "decisions: [D]", "decisions: D",
        "decisions: [{text: \"a\\n\\nb\"}]", "decisions: [{text: \"a\\u0007\"}]",
        "actions: [{task: T}]", "actions: [{task: T, owner: Bad}]",
        "actions: [{task: T, owner: p, due: x}]", "actions: [{task: T, owner: p, status: closed}]",
        "actions: [{task: T, owner: p, note: \"a\\u0007\"}]", "actions: [{owner: p}]",
        "actions: [{task: '  ', owner: p, due: 2022-06-30, status: done, id: a-1}]",
        "notes: \"a\\u0000b\"", "description: 12", "title: T2",
    ):  # fmt: skip
        add("session", _item(extra))
    # attendance
    for value in (
        "{present: [a], excused: x}", "{guests: [{name: N, foo: 1}]}", "[]", "x",
        "{present: [Bad, ok, 12]}", "{presnt: [a]}", "null", "{}",
    ):  # fmt: skip
        add("session", S + f"attendance: {value}\n")
    # updates: tasks or decisions
    for value in (
        "[{action: a-1, status: done}]", "[{decision: d, status: revoked}]", "[{decision: d}]",
        "[{decision: d, status: done}]", "[{action: x, status: revoked}]", "[{foo: 1}]",
        "['x']", "[{action: a, decision: d, status: revoked}]", "[null]", "x",
        "[{action: a, due: x, note: \"n\\u0007\"}]", "[{action: ''}]",
        "[{decision: 12, status: amended}]",
    ):  # fmt: skip
        add("session", S + f"updates: {value}\n")
    for value in (
        "[{date: 2022-06-20, reason: R}]", "[{date: x}]", "[{reason: ''}]", "x", "[x]",
    ):  # fmt: skip
        add("session", S + f"corrections: {value}\n")
    for value in (
        "{name: ''}", "{name: N, room: \"a\\nb\"}", "x", "{nam: X}", "{name: N, online: 12}",
        "{name: N, address: \"a\\nb\", directions: \"c\\u0007\"}", "[]",
    ):  # fmt: skip
        add("session", S + f"location: {value}\n", C + f"defaults: {{location: {value}}}\n")
    add("session", S + "moved_to: Bad\nreason: R\nminutes_by: X\nrsvp_by: x\n")
    # several problems in one file, in the order kogsro reports them
    add(
        "session",
        "zzz: 1\ntitle: ''\ndate: x\nhost: Bad\nitems: [{title: ''}, {kind: x}]\naaa: 2\n",
        "items: [{titel: T, title: U, zz: 1}]\nhst: x\n",
    )
    # config
    add("config", C, "body: x\n", "body: {name: K}\n", C + "language: fr\n", C + "langauge: de\n")
    for value in ("Mars/Base", "Europe", "12", "''", "UTC", "'Europe/Berlin '", "null", "[a]"):
        add("config", C + f"timezone: {value}\n")
    add(
        "config",
        C + 'numbering: "a\\tb"\n',
        C + "numbering_start: 0\n",
        C + "content_language: fr\n",
    )
    for value in (
        "{start: '25:00'}", "{duration: 2000}", "{invitation_days: 400}", "{quorum: most}",
        "{quorum: 0}", "{quorum: 3}", "{quorum: '3'}", "{quorum: two-thirds}", "{quorum: 1.5}",
        "{quorum: null}", "{quorum: true}", "{quorum_counts: votes}", "{public: 'yes'}",
        "{rsvp_days: -1}", "{objection_days: null}", "{items: [{title: T, approvals: 'yes'}]}",
        "{items: [{title: ''}]}", "{items: [{title: T, kind: x, duration: -5, public: 1}]}",
        "{items: x}", "{itmes: []}", "x", "null", "{invitation_days: '14'}",
    ):  # fmt: skip
        add("config", C + f"defaults: {value}\n")
    add("config", C + "rotation: [Bad, ok]\n", C + "rotation: x\n", C + "rotation: [null]\n")
    for value in (
        "{rule: FREQ=MONTHLY, on_holiday: move, breaks: [\"a\\tb\"]}", "{}", "x",
        "{rule: FREQ=MONTHLY, breaks: x}", "{rule: 12}",
    ):  # fmt: skip
        add("config", C + f"series: {value}\n")
    for value in (
        "{from: x}", "{from: 'Name <a@b>'}", "{from: 'a@example.org, b@example.org'}",
        "{from: 'G: a@example.org;'}", "{from: 'Name <a@example.org>'}",
        "{sender: 'a@example.org'}", "{reply_to: '@@'}", "{from: '\"Q: x\" <a@example.org>'}",
        "{from: 'a@example.org'}", "{from: '<a@example.org>'}", "{from: 'a @ example.org'}",
        "{from: \"a\\t<a@example.org>\"}", "{from: 12}", "{from: ''}", "{from: '@example.org'}",
        "{smtp: {host: h, port: 0}}", "{smtp: {host: h, port: 70000}}",
        "{smtp: {host: h, port: '25'}}", "{smtp: {host: h, security: tls}}",
        "{smtp: {port: 25}}", "{smtp: {host: h, user: u, password: p}}", "{copy_deputies: 1}",
        "{max_attachments_mb: -1}", "{max_attachments_mb: '1.5'}", "{max_attachments_mb: abc}",
        "{max_attachments_mb: true}", "{max_attachments_mb: 3}", "{max_attachments_mb: null}",
        "{max_attachments_mb: '1e1'}", "{max_attachments_mb: '.5'}", "{max_attachments_mb: 'inf'}",
        "x", "{frm: a@example.org}", "{from: '0@['}", "{from: ':;0'}",
    ):  # fmt: skip
        add("config", C + f"mail: {value}\n")
    for value in (
        "{out: '.'}", "{out: agendas}", "{out: agendas/x}", "{out: archive}", "{out: /tmp/x}",
        "{out: 'C:\\x'}", "{out: '~/x'}", "{out: ''}", "{out: " + "a" * 300 + "}",
        "{out: x/./y}", "{out: 'out\\sub'}", "{agendas: out}", "{templates: '.'}",
        "{out: \"a\\tb\"}", "{out: 'x/'}", "{out: " + "/".join(["abcdefghij"] * 100) + "}",
        "{out: 'archive/2022'}", "{out: 'arch'}", "{agendas: '/abs', out: '~'}", "{out: 12}",
    ):  # fmt: skip
        add("config", C + f"paths: {value}\n")
    for value in ("{statement_date: x}", "{base_url: 1}", '{imprint: "a\\u0007"}', "x"):
        add("config", C + f"site: {value}\n")
    for value in ('{footer: "a\\u0007"}', "{footer: 12}", "{salutation: [1]}", "{foot: x}"):
        add("config", C + f"documents: {value}\n")
    add("config", (ROOT / "kogsro.yaml").read_text(encoding="utf-8"))
    # roster
    add("roster", R, "organisations: x\n", "people: [x]\n", "persons: []\n", "organisations:\n")
    for value in (
        "{id: a, name: A, kind: city}", "{id: A, name: ''}", "{name: x}", "{id: a, name: A, "
        "email: \"a\\tb\", location: {name: ''}}", "{id: a, name: A, short: 12, phone: 030 1}",
        "{id: a, name: A, lokation: {}}",
    ):  # fmt: skip
        add("roster", f"organisations: [{value}]\n")
    for value in (
        "{id: p, name: P, member: 'yes'}", "{id: p, name: P, organisation: Bad Id}",
        "{id: p, name: P, deputy_of: Bad}", "{id: p}", "{id: p, name: P, mail: x}",
        "{id: p, name: P, member: true, role: \"a\\nb\"}", "{id: 12, name: 34}",
    ):  # fmt: skip
        add("roster", f"people: [{value}]\n")
    add("roster", (ROOT / "attendees.yaml").read_text(encoding="utf-8"))
    # rsvp files
    add("rsvp", RS + REPLY + "}\n", RS, "replies: []\n", RS + "replies: x\n", RS + "replies: [x]\n")
    for extra in (
        "answer: ja", "at: '2022-06-01T09:30:00'", "at: x", "at: 2022-06-01", "at: 12",
        "at: '2022-06-01 09:30:00+02:00'", "at: '2022-06-01T09:30:00Z'", "at: null",
        "at: '2022-06-01T09:30+02:00'", "at: '2022-06-01T25:30:00+02:00'",
        "at: '2022-06-01T09:30:00.123456+02:00'", "at: '2022-06-01T09:30:00+25:00'",
        "deputy: Bad", "deputy: {name: N}", "deputy: {name: ''}", "deputy: {nam: N}",
        "deputy: 12", "deputy: {name: N, organisation: O}", "deputy: [x]", "via: 1",
        "note: \"a\\u0007\"", "person: Bad", "person: null", "vote: 1", "answer: null",
    ):  # fmt: skip
        key, value = extra.split(": ", 1)
        reply = {"person": "p", "answer": "'yes'", "at": "'2022-06-01T09:30:00+02:00'"}
        reply[key] = value
        fields = ", ".join(f"{name}: {text}" for name, text in reply.items())
        add("rsvp", RS + "replies:\n  - {" + fields + "}\n")
    add("rsvp", "session: 12\nreplies: []\n", REPLY + "}\n", RS + "replies: [{}]\n")
    # the example sessions
    for path in sorted((ROOT / "agendas").glob("*.yaml")):
        add("session", path.read_text(encoding="utf-8"))
    return cases


# --- seeded mutations --------------------------------------------------------------------------

ODD_VALUES: list[Any] = [
    12, -1, 0, 1.5, True, False, None, [], {}, {"x": 1}, "", "  ", "x", "a\tb", "a\nb", "a\x07b",
    "a\u2028b", "2022-13-01", "2022-06-14", "10:61", "10:00", "abc", "Ab Cd", "1e3", 99999,
    "https://example.org", "consensus", "done", "ba-sz", "Bad Id", ["x"], [None], [{}],
    "a..b", "-1", "  padded  ",
]  # fmt: skip
ODD_KEYS = ["titel", "dat", "itmes", "nmae", "zzz", "Title", "status_", "vote", "public"]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def mutate(rng: random.Random, data: Any) -> Any:
    data = copy.deepcopy(data)
    for _ in range(rng.choice((1, 1, 2, 3))):
        paths = _paths(data)
        if not paths:
            break
        path = rng.choice(paths)
        parent = _parent(data, path)
        roll = rng.random()
        if roll < 0.55:
            parent[path[-1]] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif roll < 0.7:
            del parent[path[-1]]
        elif roll < 0.85 and isinstance(parent, dict):
            key = str(path[-1])
            at = rng.randrange(len(key) + 1)
            wrong = key[:at] + rng.choice("aex_") + key[at + 1 :]
            value = parent.pop(path[-1])
            parent[wrong] = value
        elif isinstance(parent, dict):
            parent[rng.choice(ODD_KEYS)] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(rng.choice(ODD_VALUES)))
    return data


def seeds() -> list[tuple[str, Any]]:
    import sys

    from kogsro.workspace.yamlsource import parse_yaml

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from reliability import workspace_data
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))

    found: list[tuple[str, Any]] = []

    # the example files as kogsro reads them (10:00 stays text), cut to a few entries of each
    # list to keep the corpus small
    def example(name: str) -> Any:
        data, _, problems = parse_yaml((ROOT / name).read_text(encoding="utf-8"), name)
        assert not problems, problems
        return data

    config = example("kogsro.yaml")
    config["rotation"] = config["rotation"][:3]
    found.append(("config", config))
    roster = example("attendees.yaml")
    found.append(("roster", {key: value[:4] for key, value in roster.items()}))
    for path in sorted((ROOT / "agendas").glob("*.yaml")):
        data = example(f"agendas/{path.name}")
        data["items"] = data.get("items", [])[:3]
        found.append(("session", data))
    files = workspace_data(random.Random(SEED))
    for name, data in files.items():
        kind = {"kogsro.yaml": "config", "attendees.yaml": "roster"}.get(name, "session")
        found.append((kind, data))
    found.append(
        (
            "rsvp",
            {
                "session": "2022-06-14",
                "replies": [
                    {"person": "p", "answer": "yes", "at": "2022-06-01T09:30:00+02:00"},
                    {"person": "q", "answer": "no", "deputy": "r",
                     "at": "2022-06-02T10:00:00+02:00", "via": "kogsro rsvp"},
                    {"person": "s", "answer": "maybe", "deputy": {"name": "N", "organisation": "O"},
                     "note": "vielleicht", "at": "2022-06-03T08:00:00+02:00"},
                ],
            },
        )
    )  # fmt: skip
    return found


def mutated() -> list[tuple[str, str]]:
    import yaml

    rng = random.Random(SEED)
    bases = seeds()
    cases = []
    for _ in range(MUTATIONS):
        kind, data = rng.choice(bases)
        text = yaml.safe_dump(mutate(rng, data), allow_unicode=True, sort_keys=False, width=100)
        cases.append((kind, text))
    return cases


# --- what kogsro says --------------------------------------------------------------------------


def model_of(kind: str) -> type:
    from kogsro.workspace.model import Config, Roster, Session
    from kogsro.workspace.rsvp import RsvpFile

    return {"session": Session, "roster": Roster, "config": Config, "rsvp": RsvpFile}[kind]


def outcome(kind: str, text: str) -> dict[str, Any]:
    """What kogsro makes of ``text`` as a file of ``kind``: its problems, or its data."""
    from kogsro.workspace.validation import validate
    from kogsro.workspace.yamlsource import parse_yaml

    data, source, problems = parse_yaml(text, "f.yaml")
    if problems:
        return {"parse": len(problems)}  # not the validator's business
    model, problems = validate(data, model_of(kind), source)
    if problems:
        return {"problems": [[p.line, p.column, p.severity, p.message, p.hint] for p in problems]}
    assert model is not None
    return {"data": dump(model)}


def dump(model: Any) -> Any:
    """The validated data, as JSON (dates and times as ISO text)."""
    return json.loads(json.dumps(model.as_dict(jsonable=True)))


def write(cases: list[dict[str, Any]]) -> None:
    CORPUS.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(case, ensure_ascii=False, separators=(",", ":")) for case in cases]
    CORPUS.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")


def read() -> list[dict[str, Any]]:
    return list(json.loads(CORPUS.read_text(encoding="utf-8")))


def build() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for kind, text in hand_picked() + mutated():
        if (kind, text) in seen:
            continue
        seen.add((kind, text))
        cases.append({"kind": kind, "text": text, **outcome(kind, text)})
    return cases


if __name__ == "__main__":
    corpus = build()
    write(corpus)
    valid = sum("data" in case for case in corpus)
    parse = sum("parse" in case for case in corpus)
    print(f"{len(corpus)} cases: {valid} valid, {parse} refused by the parser, written {CORPUS}")
