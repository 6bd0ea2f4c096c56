"""Validation of parsed YAML against the model, every error mapped back to its line and column.

:mod:`kogsro.workspace.yamlsource` composes a file into plain data with positions; this module
validates that data against the records of :mod:`kogsro.workspace.model` and turns each
error into a :class:`~kogsro.errors.Problem` at the ``file:line:col`` of the offending key or
value, with a "did you mean" hint for misspelt keys.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, TypeVar

from kogsro.errors import InputError, Problem
from kogsro.workspace.spec import Error, Invalid, Record, dotted, kind_name
from kogsro.workspace.yamlsource import Loc, Source, parse_yaml, read_text

M = TypeVar("M", bound=Record)


def validate(data: Any, model: type[M], source: Source) -> tuple[M | None, list[Problem]]:
    """Validate parsed data against ``model``, mapping every error to its line and column."""
    if not isinstance(data, dict):
        found = kind_name(data)
        return None, [
            source.problem(
                (),
                f"expected a mapping of keys (like `date: 2022-06-14`), found {found}",
                hint=f"see `kogsro schema` for the keys of a {model.__name__.lower()} file",
            )
        ]
    try:
        return model.from_data(data), []
    except Invalid as exc:
        return None, [_problem_from_error(err, source) for err in exc.errors]


def load_file(
    path: Path, model: type[M], display: str | None = None
) -> tuple[M | None, Source, list[Problem]]:
    """Read, parse and validate one file; returns the model (or None) and all problems."""
    name = display or str(path)
    text, problems = read_text(path, name)
    if problems:
        return None, Source(name), problems
    data, source, problems = parse_yaml(text, name)
    if problems:
        return None, source, problems
    result, problems = validate(data, model, source)
    return result, source, problems


def load_or_raise(path: Path, model: type[M], display: str | None = None) -> tuple[M, Source]:
    result, source, problems = load_file(path, model, display)
    if problems or result is None:
        raise InputError(problems)
    return result, source


# --- turning validation errors into messages ------------------------------------------------


def _problem_from_error(err: Error, source: Source) -> Problem:
    loc = err.loc
    where = dotted(loc) or "the file"
    if err.kind == "unknown":
        key = loc[-1] if loc else "?"
        names = err.owner.file_keys()
        close = difflib.get_close_matches(str(key), names, n=1, cutoff=0.6)
        advice = f"did you mean '{close[0]}'?" if close else "allowed keys: " + ", ".join(names)
        return source.problem(loc, f"unknown key '{key}'", hint=advice, key=True)
    if err.kind == "missing":
        parent = loc[:-1]
        return source.problem(
            parent,
            f"missing required key '{loc[-1]}'" + (f" in {dotted(parent)}" if parent else ""),
            key=True,
        )
    if err.kind == "characters" and isinstance(err.value, str):
        return _bad_character(source, loc, where, err.value)
    hint: str | None = None
    if err.kind == "bool":
        hint = "write true or false"
    elif err.kind == "date":
        hint = "write dates as YYYY-MM-DD, for example 2022-06-14"
    if len(loc) >= 2 and loc[-2] == "guests" and err.message.startswith("invalid id"):
        hint = (
            "a guest is an id from attendees.yaml, or a person written out as "
            "{name: Erika Beispiel, organisation: Verein X}"
        )
    return source.problem(loc, f"{where}: {err.message}", hint=hint)


_CHARACTER_NAMES = {
    "\n": "a line break",
    "\r": "a carriage return",
    "\t": "a tab",
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
}


def _bad_character(source: Source, loc: Loc, where: str, value: str) -> Problem:
    """A text with a character its field cannot hold: which one, and where in the text."""
    from kogsro.workspace.model import CONTROLS

    multi_line = re.compile(f"[{CONTROLS}]")
    found = multi_line.search(value)
    one_line = found is None  # the text is fine for several lines: the field wants one
    if found is None:
        found = re.search(r"[\t\n]", value)
    at = found.start() if found else 0
    char = value[at] if found else "?"
    name = _CHARACTER_NAMES.get(char, f"the control character U+{ord(char):04X}")
    message = f"{where}: {name} at character {at + 1} is not allowed"
    if one_line:
        message += " in this one-line field"
        hint = "write it on one line: it goes into a heading, an e-mail header or a calendar line"
    else:
        hint = "remove the character; only line breaks and tabs may stand in a text"
    return source.problem(loc, message, hint=hint)
