"""Strict YAML -> model, with ``file:line:col`` for every problem.

The YAML is read event by event (libyaml's C parser where present) and built into plain
Python values by a small composer of our own, which

- resolves plain scalars by a deliberately small rule set: ``null``, ``true``/``false``,
  decimal integers without leading zeros and decimal floats; everything else is a string,
  so ``10:00`` is a time (parsed later), ``yes``/``no``/``on``/``off`` stay words and
  ``01067`` stays a postal code;
- refuses YAML tags, duplicate keys (naming both lines), multiple documents, absurd nesting
  and alias bombs;
- records where every value stands, so that a validation error anywhere in the model can be
  reported at its line and column.

Most files are fine, and for them positions are never needed. So a file is first read on a
fast path: libyaml composes the document in C and a short walk builds the values with the same
rules. Anything unusual (a tag, an anchor or alias, a duplicate key, a syntax error, deep
nesting) sends the file to the careful composer, which reports it. A file read on the fast
path keeps its text, and its positions are recorded the first time one is asked for.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kogsro.errors import Problem
from kogsro.records import record

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]
try:  # pragma: no cover - depends on how PyYAML was built
    from yaml._yaml import CParser as _CParser
    from yaml._yaml import get_version as _libyaml_version

    # from 0.2.5 on, libyaml refuses nesting deeper than 1000 levels, which keeps its
    # recursive composer safe
    _FAST = _libyaml_version() >= (0, 2, 5)
except ImportError:  # pragma: no cover
    _FAST = False

Loc = tuple[str | int, ...]

MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_BYTES = 10 * 1024 * 1024

_NULLS = frozenset(("~", "null", "Null", "NULL", ""))
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)$")
_STR_TAGS = {"tag:yaml.org,2002:str", "!"}
_TAG_NAMES = {
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
}


@record
class Mark:
    line: int  # 1-based
    column: int  # 1-based


class Source:
    """A parsed file: its path as shown to users and where each value stands.

    ``values`` and ``keys`` map a location (``("items", 2, "title")``) to the place of the value
    or of its key. A source made with ``text`` records them from that text when first asked.
    """

    __slots__ = ("_keys", "_text", "_values", "file")

    def __init__(self, file: str, *, text: str | None = None) -> None:
        self.file = file
        self._values: dict[Loc, Mark] = {}
        self._keys: dict[Loc, Mark] = {}
        # kept as UTF-8: half the memory of a str with a single character beyond Latin-1
        self._text = None if text is None else text.encode("utf-8", "surrogatepass")

    def __repr__(self) -> str:
        return f"Source({self.file!r})"

    @property
    def values(self) -> dict[Loc, Mark]:
        if self._text is not None:
            self._locate()
        return self._values

    @property
    def keys(self) -> dict[Loc, Mark]:
        if self._text is not None:
            self._locate()
        return self._keys

    def _locate(self) -> None:
        data, self._text = self._text, None
        if data is not None:
            _compose(data.decode("utf-8", "surrogatepass"), _Collector(self))

    def mark(self, loc: Loc, *, key: bool = False) -> Mark:
        """The place of the value at ``loc`` (or of its key), else of its nearest parent."""
        table = self.keys if key else self.values
        while True:
            found = table.get(loc)
            if found is not None:
                return found
            if key:
                found = self.values.get(loc)
                if found is not None:
                    return found
            if not loc:
                return Mark(1, 1)
            loc = loc[:-1]

    def problem(
        self, loc: Loc, message: str, *, hint: str | None = None, key: bool = False
    ) -> Problem:
        where = self.mark(loc, key=key)
        return Problem(self.file, where.line, where.column, message, hint)


class _Collector:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, mark: Any, message: str, hint: str | None = None) -> None:
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        self.problems.append(Problem(self.source.file, line, column, message, hint))


def _mark(event: Any) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)


def _scalar(event: Any, errors: _Collector) -> Any:
    value: str = event.value
    tag = event.tag
    if tag is not None and tag not in _STR_TAGS:
        if tag in _TAG_NAMES:
            try:
                return _TAG_NAMES[tag](value)
            except ValueError:
                errors.add(event.start_mark, f"{value!r} is not a valid {tag.rsplit(':', 1)[-1]}")
                return value
        errors.add(
            event.start_mark,
            f"YAML tag {_short_tag(tag)} is not allowed",
            "remove the tag; kogsro files hold plain text, numbers, lists and mappings",
        )
        return None
    if tag is not None or not event.implicit[0]:
        return value  # quoted or explicitly a string
    return _plain(value)


_NUMBER_STARTS = frozenset("0123456789+-.")


def _plain(value: str) -> Any:
    """A plain (unquoted, untagged) scalar: null, a boolean, a decimal number, else text."""
    if value in _NULLS:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if value[0] in _NUMBER_STARTS:
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            return float(value)
    return value


def _short_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


@dataclass(slots=True)
class _Frame:
    kind: str  # "map" | "seq"
    loc: Loc
    value: Any
    anchor: str | None
    size: int = 1
    key: Any = None
    key_mark: Any = None
    has_key: bool = False
    seen: dict[Any, int] = field(default_factory=dict)


def _compose(text: str, errors: _Collector) -> tuple[Any, bool]:
    """Build the one document of ``text``; returns (value, found_a_document)."""
    values = errors.source.values
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Frame] = []
    result: Any = None
    documents = 0
    total = 0
    loader = _Loader(text)
    try:
        while True:
            event: Any = loader.get_event()
            if event is None:
                break
            kind = type(event).__name__
            if kind in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
                continue
            if kind == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    errors.add(
                        event.start_mark,
                        "more than one YAML document in this file",
                        "remove the '---' line; each file holds one document",
                    )
                    break
                continue
            if kind in ("MappingEndEvent", "SequenceEndEvent"):
                done = stack.pop()
                if done.anchor is not None:
                    anchors[done.anchor] = (done.value, done.size)
                _attach(stack, done.value, done.size, None, errors)
                if not stack:
                    result = done.value
                continue

            # a node: scalar, alias, mapping or sequence start
            if stack and stack[-1].kind == "map" and not stack[-1].has_key:
                _take_key(stack[-1], event, kind, errors)
                continue
            loc = _child_loc(stack)
            if loc is not None:
                values.setdefault(loc, _mark(event))
            if kind == "AliasEvent":
                if event.anchor not in anchors:
                    errors.add(event.start_mark, f"unknown alias *{event.anchor}")
                    value, size = None, 1
                else:
                    value, size = anchors[event.anchor]
                total += size
                if total > MAX_NODES:
                    errors.add(
                        event.start_mark,
                        "the document expands to too many values through aliases",
                        "write the values out instead of repeating anchors",
                    )
                    return None, True
                if stack:
                    _attach(stack, value, size, loc, errors)
                else:
                    result = value
                continue
            total += 1
            if total > MAX_NODES:
                errors.add(event.start_mark, "the document is too large")
                return None, True
            if kind == "ScalarEvent":
                value = _scalar(event, errors)
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                if stack:
                    _attach(stack, value, 1, loc, errors)
                else:
                    result = value
                continue
            # collection start
            if event.tag is not None and event.tag not in (
                "tag:yaml.org,2002:map",
                "tag:yaml.org,2002:seq",
                "!",
            ):
                errors.add(event.start_mark, f"YAML tag {_short_tag(event.tag)} is not allowed")
            if len(stack) >= MAX_DEPTH:
                errors.add(
                    event.start_mark,
                    f"nesting deeper than {MAX_DEPTH} levels",
                    "kogsro files are only a few levels deep; check the indentation",
                )
                return None, True
            frame = _Frame(
                kind="map" if kind == "MappingStartEvent" else "seq",
                loc=loc if loc is not None else (),
                value={} if kind == "MappingStartEvent" else [],
                anchor=event.anchor,
            )
            stack.append(frame)
    except _ComplexKey:
        return None, True
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        hint = "check the indentation and quoting around this place"
        if _char_at(text, mark) == "\t" or "tab" in message:
            message = "a tab character cannot be used here"
            hint = "indent with spaces, not tabs"
        elif exc.context and exc.problem:
            message = f"{exc.problem} ({exc.context})"
        errors.add(mark, message, hint)
        return None, True
    except yaml.reader.ReaderError as exc:  # control characters and the like
        line, column = _line_column(text, exc.position)
        errors.problems.append(
            Problem(
                errors.source.file,
                line,
                column,
                f"control character U+{exc.character:04X} is not allowed"
                if isinstance(exc.character, int)
                else f"cannot read the file: {exc.reason}",
                "remove the character, or quote the text and write it as an escape",
            )
        )
        return None, True
    except yaml.YAMLError as exc:  # pragma: no cover - other parser failures
        errors.add(getattr(exc, "problem_mark", None), f"cannot read the file: {exc}")
        return None, True
    finally:
        loader.dispose()
    return result, documents > 0


def _child_loc(stack: list[_Frame]) -> Loc | None:
    if not stack:
        return ()
    top = stack[-1]
    if top.kind == "seq":
        return (*top.loc, len(top.value))
    if isinstance(top.key, (str, int)):
        return (*top.loc, top.key)
    return None


def _take_key(frame: _Frame, event: Any, kind: str, errors: _Collector) -> None:
    frame.has_key = True
    frame.key_mark = event.start_mark
    if kind != "ScalarEvent":
        errors.add(event.start_mark, "a key must be a plain word, not a list, mapping or alias")
        frame.key = None
        if kind in ("MappingStartEvent", "SequenceStartEvent"):
            raise _ComplexKey(event)
        return
    key = _scalar(event, errors)
    if isinstance(key, float | bool) or key is None:
        key = event.value
    frame.key = key
    if key in frame.seen:
        errors.add(
            event.start_mark,
            f"duplicate key {key!r} (first defined on line {frame.seen[key]})",
            "each key may appear only once in a mapping; remove or merge one of them",
        )
    else:
        frame.seen[key] = event.start_mark.line + 1
        if isinstance(key, (str, int)):
            errors.source.keys[(*frame.loc, key)] = _mark(event)


class _ComplexKey(Exception):
    """Stops composing at a list or mapping used as a key (already reported)."""

    def __init__(self, event: Any) -> None:
        super().__init__(event.start_mark)


def _char_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    if 0 <= mark.line < len(lines) and 0 <= mark.column < len(lines[mark.line]):
        return str(lines[mark.line][mark.column])
    return ""


def _line_column(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, len(before.rsplit("\n", 1)[-1]) + 1


def _attach(
    stack: list[_Frame], value: Any, size: int, loc: Loc | None, errors: _Collector
) -> None:
    if not stack:
        return
    top = stack[-1]
    top.size += size
    if top.kind == "seq":
        top.value.append(value)
        return
    key = top.key
    first = top.seen.get(key)
    keep = first is None or first == top.key_mark.line + 1  # a duplicate key keeps the first
    if key is not None and keep and key not in top.value:
        top.value[key] = value
    top.key = None
    top.has_key = False


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small objects are made that form no
    garbage cycles: loading many files, drawing a large terminal table.

    The collector would only scan the growing heap again and again (a third of the time of
    loading a large workspace; with a workspace in memory, a quarter of the time of a table of
    20,000 decisions under the default thresholds, a few per cent under the command line's rare
    collection).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_text(path: Path, display: str | None = None) -> tuple[str, list[Problem]]:
    """Read a file as UTF-8 (a BOM is allowed), reporting undecodable bytes at their place."""
    name = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return "", [Problem(name, 0, 0, f"cannot read the file: {exc.strerror or exc}")]
    if len(data) > MAX_BYTES:
        return "", [Problem(name, 0, 0, f"the file is larger than {MAX_BYTES // 2**20} MiB")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        return "", [
            Problem(
                name,
                line,
                column,
                f"invalid UTF-8 byte 0x{data[exc.start]:02x}",
                "save the file with UTF-8 encoding",
            )
        ]
    return text, []


# --- the fast path ----------------------------------------------------------------------------

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN = object()  # the tag the fast composer gives untagged plain scalars
_FAST_MAX_DEPTH = MAX_DEPTH // 2  # deeper files take the careful path, which judges them


class _Unusual(Exception):
    """The fast path met something only the careful composer can judge."""


if _FAST:

    class _NodeParser(_CParser):
        """libyaml's composer, with the resolving left to :func:`_fast_scalar`."""

        def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> object:
            if kind is yaml.ScalarNode:
                return _PLAIN if implicit[0] else _STR_TAG
            return _MAP_TAG if kind is yaml.MappingNode else _SEQ_TAG

        def descend_resolver(self, parent: Any, index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None


def _fast_scalar(node: Any) -> Any:
    tag = node.tag
    if tag is _PLAIN:
        return _plain(node.value)
    if tag in _STR_TAGS:
        return node.value
    convert = _TAG_NAMES.get(tag)
    if convert is None:
        raise _Unusual
    try:
        return convert(node.value)
    except ValueError:
        raise _Unusual from None


def _fast_build(node: Any, depth: int, seen: set[int]) -> Any:
    """The value of a collection node (the hot loop of loading: kept flat on purpose)."""
    if id(node) in seen or depth >= _FAST_MAX_DEPTH:  # an alias of a collection, or deep
        raise _Unusual
    seen.add(id(node))
    scalar_node = yaml.ScalarNode
    if type(node) is yaml.MappingNode:
        if node.tag != _MAP_TAG and node.tag != "!":
            raise _Unusual
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not scalar_node:
                raise _Unusual
            key = _fast_scalar(key_node)
            if isinstance(key, float | bool) or key is None:
                key = key_node.value
            if key in mapping:
                raise _Unusual
            if type(value_node) is scalar_node:
                if value_node.tag is _STR_TAG:
                    mapping[key] = value_node.value
                else:
                    mapping[key] = _fast_scalar(value_node)
            else:
                mapping[key] = _fast_build(value_node, depth + 1, seen)
        return mapping
    if type(node) is yaml.SequenceNode:
        if node.tag != _SEQ_TAG and node.tag != "!":
            raise _Unusual
        return [
            _fast_scalar(item) if type(item) is scalar_node else _fast_build(item, depth + 1, seen)
            for item in node.value
        ]
    raise _Unusual


def _has_bare_tag(text: str) -> bool:
    """Whether ``text`` may hold the non-specific tag ``!`` (libyaml's composer resolves
    ``! 12`` like a plain 12, the careful composer as the text "12")."""
    at = text.find("!")
    while at != -1:
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if (before.isspace() or before in "[{,") and (after.isspace() or after in ",]}"):
            return True
        at = text.find("!", at + 1)
    return False


def _fast_parse(text: str) -> tuple[bool, Any]:
    """``(True, value)`` for a plain, valid document; ``(False, None)`` for anything else.

    Scalar aliases give the same value on both paths; collection aliases are refused, so no
    alias is ever expanded here. A document has at most one value more than it has
    characters, so a text shorter than ``MAX_NODES // 2`` cannot hold too many.
    """
    if not _FAST:  # pragma: no cover - depends on how PyYAML was built
        return False, None
    if len(text) >= MAX_NODES // 2 or _has_bare_tag(text):
        return False, None
    try:
        node = _NodeParser(text).get_single_node()
        if node is None:
            return False, None
        if type(node) is yaml.ScalarNode:
            return True, _fast_scalar(node)
        return True, _fast_build(node, 0, set())
    except Exception:  # syntax errors, several documents, _Unusual: the careful path reports
        return False, None


def parse_yaml(text: str, file: str) -> tuple[Any, Source, list[Problem]]:
    """Parse one YAML document strictly; never raises."""
    fine, value = _fast_parse(text)
    if fine:
        return value, Source(file, text=text), []
    source = Source(file)
    errors = _Collector(source)
    try:
        value, found = _compose(text, errors)
    except RecursionError:  # pragma: no cover - guarded by MAX_DEPTH
        errors.add(None, "nesting too deep")
        value, found = None, True
    if not found and not errors.problems:
        errors.problems.append(
            Problem(file, 1, 1, "the file is empty", "see `kogsro schema` for what belongs here")
        )
    return value, source, errors.problems
