"""Validation of parsed YAML against the model, every error mapped back to its line and column.

:mod:`kogsro.workspace.yamlsource` composes a file into plain data with positions; this module
validates that data with pydantic and turns each validation error into a
:class:`~kogsro.errors.Problem` at the ``file:line:col`` of the offending key or value, with a
"did you mean" hint for misspelt keys.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from kogsro.errors import InputError, Problem
from kogsro.workspace.yamlsource import Loc, Source, parse_yaml, read_text

M = TypeVar("M", bound=BaseModel)


def validate(data: Any, model: type[M], source: Source) -> tuple[M | None, list[Problem]]:
    """Validate parsed data against ``model``, mapping every error to its line and column."""
    if not isinstance(data, dict):
        found = _kind_name(data)
        return None, [
            source.problem(
                (),
                f"expected a mapping of keys (like `date: 2022-06-14`), found {found}",
                hint=f"see `kogsro schema` for the keys of a {model.__name__.lower()} file",
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_problem_from_error(err, data, model, source) for err in exc.errors()]


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


# --- turning pydantic errors into messages -------------------------------------------------


def _kind_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"the text {value!r}"


def _data_loc(loc: Sequence[str | int], data: Any) -> tuple[Loc, Any]:
    """Keep only the parts of a pydantic location that exist in the data (drops union tags)."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
            path.append(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            path.append(part)
        elif isinstance(current, dict) and isinstance(part, str) and part not in ("ref", "inline"):
            path.append(part)  # a missing key: report it at its parent
            current = None
    return tuple(path), current


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that holds the last key of ``loc`` (for "did you mean" hints)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return None
        current = _inner_model(fields[part].annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    for meta in getattr(annotation, "__metadata__", ()) or ():
        found = _inner_model(meta)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        return _inner_model(origin)
    return None


def _field_names(model: type[BaseModel]) -> list[str]:
    names = []
    for name, info in model.model_fields.items():
        names.append(info.alias or name)
    return names


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _problem_from_error(err: Any, data: Any, model: type[BaseModel], source: Source) -> Problem:
    kind = err["type"]
    loc, _ = _data_loc(err["loc"], data)
    where = _dotted(loc) or "the file"
    if kind == "extra_forbidden":
        key = loc[-1] if loc else "?"
        owner = _model_at(model, loc)
        hint = None
        if owner is not None:
            names = _field_names(owner)
            close = difflib.get_close_matches(str(key), names, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "allowed keys: " + ", ".join(names)
        return source.problem(loc, f"unknown key '{key}'", hint=hint, key=True)
    if kind == "missing":
        parent = loc[:-1]
        return source.problem(
            parent,
            f"missing required key '{loc[-1]}'" + (f" in {_dotted(parent)}" if parent else ""),
            key=True,
        )
    if kind == "string_pattern_mismatch" and isinstance(err.get("input"), str):
        return _bad_character(source, loc, where, err["input"])
    message = str(err["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = f"expected a mapping, found {_kind_name(err.get('input'))}"
    elif kind == "string_too_short" and (err.get("ctx") or {}).get("min_length") == 1:
        message = "must not be empty"
    elif kind == "list_type":
        message = f"expected a list, found {_kind_name(err.get('input'))}"
    elif kind in ("string_type", "int_type", "bool_type", "date_type", "time_type", "float_type"):
        message = f"{message[0].lower()}{message[1:]}, found {_kind_name(err.get('input'))}"
    elif kind.startswith(("date_", "time_")) and "input" in err:
        what = "date" if kind.startswith("date") else "time"
        message = f"invalid {what} {err['input']!r}: {message[0].lower()}{message[1:]}"
    else:
        message = message[0].lower() + message[1:]
    hint = None
    if kind == "bool_type":
        hint = "write true or false"
    elif kind.startswith("date_"):
        hint = "write dates as YYYY-MM-DD, for example 2022-06-14"
    elif kind == "union_tag_invalid":
        hint = None
    if len(loc) >= 2 and loc[-2] == "guests" and message.startswith("invalid id"):
        hint = (
            "a guest is an id from attendees.yaml, or a person written out as "
            "{name: Erika Beispiel, organisation: Verein X}"
        )
    return source.problem(loc, f"{where}: {message}", hint=hint)


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
