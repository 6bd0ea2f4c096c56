"""Declarative records: the classes of the YAML files, their validation and their JSON Schema.

A record class names its fields with annotations, as a dataclass would::

    class Location(Record):
        name: Text
        room: Line | None = None
        capacity: int | None = field(default=None, ge=1)

The annotations are kept as text (``from __future__ import annotations``) and read only when a
class is first used: then they are evaluated in the class's module, where the names of the
value kinds (``Text``, ``Line``, ``Id``, ...) stand for :class:`Spec` objects (and for plain
types to a type checker). Validating a parsed mapping collects *every* problem of a file as an
:class:`Error` (where, what, the input), which :mod:`kogsro.workspace.validation` turns into
``file:line:col`` messages; the same declarations give the JSON Schemas editors read.

Making the classes costs next to nothing at import: no code is generated, no annotation is
evaluated until a file is read.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Self, dataclass_transform

# --- errors ---------------------------------------------------------------------------------

Loc = tuple[str | int, ...]


class Error:
    """One problem found while validating: ``kind`` is ``unknown`` (a key no field has, with
    ``owner`` the record that has none), ``missing``, ``characters`` (a character the text
    may not hold), ``value`` (``message`` says it all), ``bool`` or ``date`` (messages with a
    hint of their own)."""

    __slots__ = ("kind", "loc", "message", "owner", "value")

    def __init__(
        self, loc: Loc, kind: str, message: str = "", value: Any = None, owner: Any = None
    ) -> None:
        self.loc = loc
        self.kind = kind
        self.message = message
        self.value = value
        self.owner = owner

    def __repr__(self) -> str:
        return f"Error({self.loc!r}, {self.kind!r}, {self.message!r})"


class Invalid(ValueError):
    """Data that does not fit a record; ``errors`` holds every problem."""

    def __init__(self, errors: list[Error]) -> None:
        super().__init__("; ".join(f"{dotted(e.loc)}: {e.kind} {e.message}" for e in errors))
        self.errors = errors


def kind_name(value: Any) -> str:
    """How a message names the value found: ``nothing``, ``a list``, ``the number 3``, ..."""
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


def _below(errors: list[Error], start: int, part: str | int) -> None:
    """Put the errors from ``start`` on under ``part``: each spec reports where a problem is
    relative to the value it was given, and its caller puts that below the key or index it
    gave, so that nothing is spent on places while values are fine."""
    for error in errors[start:]:
        error.loc = (part, *error.loc)


def dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Fail:
    __slots__ = ()


FAIL: Any = _Fail()
"""What a spec returns for a value it refused (after adding its errors)."""


# --- value kinds ------------------------------------------------------------------------------


class Spec:
    """A kind of value: validates one input, and describes itself as JSON Schema."""

    def validate(self, value: Any, errors: list[Error]) -> Any:
        raise NotImplementedError

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def bounded(self, ge: float | None, le: float | None) -> Spec:
        return self

    def dump(self, value: Any, jsonable: bool) -> Any:
        return value

    def __or__(self, other: Any) -> Spec:
        return Optional(self) if other is None else Union([self, other])

    def __ror__(self, other: Any) -> Spec:
        return Optional(self) if other is None else Union([other, self])


# Rust's idea of white space, which is what the files were stripped of so far (Python's
# str.strip() would also take the separators U+001C..U+001F)
_WHITE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"  # noqa: E501


class Str(Spec):
    """Text: numbers stand for text, white space around it is stripped; optionally never
    empty, matching ``pattern``, and checked by ``before`` (on the text as written) and
    ``after`` (on the stripped text), which raise ValueError with the message."""

    def __init__(
        self,
        *,
        min_length: int = 0,
        pattern: str | None = None,
        before: Callable[[str], Any] | None = None,
        after: Callable[[str], str] | None = None,
    ) -> None:
        self.min_length = min_length
        self.pattern = pattern
        self._match = re.compile(pattern).match if pattern else None
        self.before = before
        self.after = after

    def validate(self, value: Any, errors: list[Error]) -> Any:
        raw = value
        if type(value) is str or isinstance(value, str):
            if self.before is not None:
                try:
                    self.before(value)
                except ValueError as exc:
                    errors.append(Error((), "value", str(exc), raw))
                    return FAIL
            value = value.strip(_WHITE)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        else:
            errors.append(
                Error((), "value", f"input should be a valid string, found {kind_name(value)}")
            )
            return FAIL
        if len(value) < self.min_length:
            errors.append(Error((), "value", "must not be empty", raw))
            return FAIL
        if self._match is not None and not self._match(value):
            errors.append(Error((), "characters", "", raw))
            return FAIL
        if self.after is not None:
            try:
                value = self.after(value)
            except ValueError as exc:
                errors.append(Error((), "value", str(exc), raw))
                return FAIL
        return value

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string"}
        if self.min_length:
            out["minLength"] = self.min_length
        if self.pattern:
            out["pattern"] = self.pattern
        return out


_INT_TEXT = re.compile(r"([+-]?[0-9](?:_?[0-9])*)(?:\.0+)?")


class _Number(Spec):
    """A number, optionally between ``ge`` and ``le`` (both included)."""

    def __init__(self, ge: float | None = None, le: float | None = None) -> None:
        self.ge = ge
        self.le = le

    def bounded(self, ge: float | None, le: float | None) -> Spec:
        return type(self)(ge, le)


class Int(_Number):
    """A whole number; ``true``/``false`` count as 1/0, ``"12"`` and ``12.0`` as 12."""

    def validate(self, value: Any, errors: list[Error]) -> Any:
        if isinstance(value, int):
            number = int(value)
        elif isinstance(value, float):
            if not value.is_integer():
                errors.append(
                    Error(
                        (),
                        "value",
                        "input should be a valid integer, got a number with a fractional part",
                    )
                )
                return FAIL
            number = int(value)
        elif isinstance(value, str):
            match = _INT_TEXT.fullmatch(value.strip(_WHITE))
            if match is None:
                errors.append(
                    Error(
                        (),
                        "value",
                        "input should be a valid integer, unable to parse string as an integer",
                    )
                )
                return FAIL
            number = int(match[1])
        else:
            errors.append(
                Error((), "value", f"input should be a valid integer, found {kind_name(value)}")
            )
            return FAIL
        return _check_bounds(number, self.ge, self.le, errors)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return _bounds_schema({"type": "integer"}, self.ge, self.le)


class Float(_Number):
    """A number; ``"1.5"`` counts as 1.5."""

    def validate(self, value: Any, errors: list[Error]) -> Any:
        if isinstance(value, int | float):
            number = float(value)
        elif isinstance(value, str):
            text = value.strip(_WHITE)
            try:
                if not text.isascii():
                    raise ValueError(text)
                number = float(text)
            except ValueError:
                errors.append(
                    Error(
                        (),
                        "value",
                        "input should be a valid number, unable to parse string as a number",
                    )
                )
                return FAIL
        else:
            errors.append(
                Error((), "value", f"input should be a valid number, found {kind_name(value)}")
            )
            return FAIL
        return _check_bounds(number, self.ge, self.le, errors)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return _bounds_schema({"type": "number"}, self.ge, self.le)


def _check_bounds(number: float, ge: float | None, le: float | None, errors: list[Error]) -> Any:
    if ge is not None and not number >= ge:
        errors.append(Error((), "value", f"input should be greater than or equal to {ge}"))
        return FAIL
    if le is not None and not number <= le:
        errors.append(Error((), "value", f"input should be less than or equal to {le}"))
        return FAIL
    return number


def _bounds_schema(out: dict[str, Any], ge: float | None, le: float | None) -> dict[str, Any]:
    if ge is not None:
        out["minimum"] = ge
    if le is not None:
        out["maximum"] = le
    return out


class Bool(Spec):
    """``true`` or ``false``, nothing else (not ``yes``, not 1)."""

    def validate(self, value: Any, errors: list[Error]) -> Any:
        if isinstance(value, bool):
            return value
        errors.append(
            Error((), "bool", f"input should be a valid boolean, found {kind_name(value)}")
        )
        return FAIL

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "boolean"}


class Choice(Spec):
    """One of a few fixed values (a ``Literal``)."""

    def __init__(self, values: Iterable[Any]) -> None:
        self.values = tuple(values)

    def validate(self, value: Any, errors: list[Error]) -> Any:
        for allowed in self.values:
            if type(value) is type(allowed) and value == allowed:
                return value
        shown = [repr(v) for v in self.values]
        expected = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]
        errors.append(Error((), "value", f"input should be {expected}"))
        return FAIL

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        if len(self.values) == 1:
            return {"const": self.values[0], "type": "string"}
        return {"enum": list(self.values), "type": "string"}


class Date(Spec):
    """A day: ``2022-06-14`` (a date-time at midnight, or a Unix time of a whole day, too)."""

    def validate(self, value: Any, errors: list[Error]) -> Any:
        if isinstance(value, dt.datetime):
            moment: Any = value
        elif isinstance(value, dt.date):
            return value
        elif isinstance(value, bool) or not isinstance(value, str | int | float):
            errors.append(
                Error((), "date", f"input should be a valid date, found {kind_name(value)}")
            )
            return FAIL
        else:
            moment = _parse_day(value)
            if isinstance(moment, dt.date) and not isinstance(moment, dt.datetime):
                return moment
            if isinstance(moment, str):
                errors.append(Error((), "date", _date_message(value, moment)))
                return FAIL
        if (moment.hour, moment.minute, moment.second, moment.microsecond) != (0, 0, 0, 0):
            errors.append(
                Error(
                    (),
                    "date",
                    _date_message(
                        value,
                        "datetimes provided to dates should have zero time - e.g. be exact dates",
                    ),
                )
            )
            return FAIL
        return moment.date()

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"format": "date", "type": "string"}

    def dump(self, value: Any, jsonable: bool) -> Any:
        return value.isoformat() if jsonable else value


def _date_message(value: Any, reason: str) -> str:
    return f"invalid date {value!r}: {reason}"


class Time(Spec):
    """A time of day: ``10:00``, ``9:30`` or ``9.30``."""

    def validate(self, value: Any, errors: list[Error]) -> Any:
        if isinstance(value, dt.time):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            errors.append(
                Error((), "value", f"invalid time {value!r}: write it as HH:MM, for example 10:00")
            )
            return FAIL
        if isinstance(value, str):
            match = _CLOCK_RE.match(value)
            if not match:
                errors.append(
                    Error(
                        (),
                        "value",
                        f"invalid time {value!r}: write it as HH:MM, for example 10:00",
                    )
                )
                return FAIL
            hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
            if hour > 23 or minute > 59 or second > 59:
                errors.append(
                    Error((), "value", f"invalid time {value!r}: hours go to 23, minutes to 59")
                )
                return FAIL
            return dt.time(hour, minute, second)
        errors.append(Error((), "value", f"input should be a valid time, found {kind_name(value)}"))
        return FAIL

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"format": "time", "type": "string"}

    def dump(self, value: Any, jsonable: bool) -> Any:
        return value.isoformat() if jsonable else value


_CLOCK_RE = re.compile(r"^\s*(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*$")


class DateTime(Spec):
    """A moment: ``2022-06-01T09:30:00+02:00`` (or a Unix time)."""

    def validate(self, value: Any, errors: list[Error]) -> Any:
        if isinstance(value, dt.datetime):
            return value
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            errors.append(Error((), "value", "input should be a valid datetime"))
            return FAIL
        moment = _parse_moment(value)
        if isinstance(moment, str):
            errors.append(Error((), "value", moment))
            return FAIL
        return moment

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"format": "date-time", "type": "string"}

    def dump(self, value: Any, jsonable: bool) -> Any:
        if not jsonable:
            return value
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text


# --- dates and times as ISO 8601 text -----------------------------------------------------------

_NUMBER_TEXT = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_MS_FROM = 20_000_000_000  # Unix times above this many seconds are milliseconds


class _Bad(Exception):
    pass


def _timestamp(number: float) -> dt.datetime:
    if abs(number) > _MS_FROM:
        number = number / 1000
    whole = int(number // 1)
    micro = round((number - whole) * 1_000_000)
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=whole, microseconds=micro)


def _digits(text: str, start: int, count: int, what: str) -> int:
    part = text[start : start + count]
    if len(part) < count or not (part.isascii() and part.isdigit()):
        raise _Bad(f"invalid character in {what}")
    return int(part)


def _day_part(text: str) -> tuple[int, int, int]:
    """The YYYY-MM-DD at the start of ``text``."""
    if len(text) < 10:
        raise _Bad("input is too short")
    year = _digits(text, 0, 4, "year")
    if text[4] != "-":
        raise _Bad("invalid date separator, expected `-`")
    month = _digits(text, 5, 2, "month")
    if text[7] != "-":
        raise _Bad("invalid date separator, expected `-`")
    day = _digits(text, 8, 2, "day")
    if not 1 <= month <= 12:
        raise _Bad("month value is outside expected range of 1-12")
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not 1 <= day <= days:
        raise _Bad("day value is outside expected range")
    return year, month, day


def _day_only(text: str) -> tuple[int, int, int]:
    found = _day_part(text)
    if len(text) > 10:
        raise _Bad("unexpected extra characters at the end of the input")
    return found


def _moment_parts(text: str) -> tuple[tuple[int, int, int], tuple[int, int, int, int], Any]:
    """Date, time and zone (None, or an offset in seconds) of an ISO 8601 date-time."""
    day = _day_part(text)
    if len(text) == 10:
        return day, (0, 0, 0, 0), None
    if text[10] not in "Tt _":
        raise _Bad("invalid datetime separator, expected `T`, `t`, `_` or space")
    at = 11
    if len(text) < at + 5:
        raise _Bad("input is too short")
    hour = _digits(text, at, 2, "hour")
    if text[at + 2] != ":":
        raise _Bad("invalid time separator, expected `:`")
    minute = _digits(text, at + 3, 2, "minute")
    if hour > 23:
        raise _Bad("hour value is outside expected range of 0-23")
    if minute > 59:
        raise _Bad("minute value is outside expected range of 0-59")
    at += 5
    second = micro = 0
    if text[at : at + 1] == ":":
        second = _digits(text, at + 1, 2, "second")
        if second > 59:
            raise _Bad("second value is outside expected range of 0-59")
        at += 3
        if text[at : at + 1] in (".", ","):
            end = at + 1
            while end < len(text) and text[end].isascii() and text[end].isdigit():
                end += 1
            if end == at + 1:
                raise _Bad("invalid character in second fraction")
            micro = int(text[at + 1 : end][:6].ljust(6, "0"))
            at = end
    zone: Any = None
    if at < len(text):
        sign = text[at]
        if sign in "Zz":
            zone = 0
            at += 1
        elif sign in "+-":
            zone_hour = _digits(text, at + 1, 2, "timezone hour")
            at += 3
            if text[at : at + 1] == ":":
                at += 1
            zone_minute = _digits(text, at, 2, "timezone minute")
            at += 2
            zone = (zone_hour * 3600 + zone_minute * 60) * (-1 if sign == "-" else 1)
            if abs(zone) >= 24 * 3600:
                raise _Bad("timezone offset must be less than 24 hours")
        else:
            raise _Bad("invalid timezone sign")
    if at < len(text):
        raise _Bad("unexpected extra characters at the end of the input")
    return day, (hour, minute, second, micro), zone


def _build(day: tuple[int, int, int], time: tuple[int, int, int, int], zone: Any) -> dt.datetime:
    tz = None if zone is None else dt.timezone(dt.timedelta(seconds=zone))
    return dt.datetime(*day, *time, tzinfo=tz)


_YEAR_ZERO = "input should be a valid date in the format YYYY-MM-DD, year 0 is out of range"


_PLAIN_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_day(value: str | float) -> Any:
    """A date, a date-time (for the caller to check it is at midnight) or the error text."""
    if isinstance(value, str) and _PLAIN_DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass  # out of range: said below
    if isinstance(value, str) and not _NUMBER_TEXT.fullmatch(value):
        try:
            year, month, day = _day_only(value)
        except _Bad:
            pass
        else:
            if year == 0:
                return _YEAR_ZERO
            return dt.date(year, month, day)
        try:
            parts = _moment_parts(value)
        except _Bad as exc:
            return f"input should be a valid date or datetime, {exc}"
        if parts[0][0] == 0:
            return _YEAR_ZERO
        return _build(*parts)
    try:
        return _timestamp(float(value))
    except (OverflowError, ValueError):
        return "input should be a valid date or datetime, value is too large"


def _parse_moment(value: str | float) -> Any:
    if isinstance(value, str) and not _NUMBER_TEXT.fullmatch(value):
        try:
            parts = _moment_parts(value)
        except _Bad:
            try:
                _day_only(value)
            except _Bad as exc:
                return f"input should be a valid datetime or date, {exc}"
            return "input should be a valid datetime or date, input is too short"
        if parts[0][0] == 0:
            return "input should be a valid datetime, year 0 is out of range"
        return _build(*parts)
    try:
        return _timestamp(float(value))
    except (OverflowError, ValueError):
        return "input should be a valid datetime, value is too large"


# --- combinations --------------------------------------------------------------------------------


class Optional(Spec):
    """``X | None``."""

    def __init__(self, inner: Spec) -> None:
        self.inner = inner

    def bounded(self, ge: float | None, le: float | None) -> Spec:
        return Optional(self.inner.bounded(ge, le))

    def validate(self, value: Any, errors: list[Error]) -> Any:
        return None if value is None else self.inner.validate(value, errors)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"anyOf": [self.inner.schema(defs), {"type": "null"}]}

    def dump(self, value: Any, jsonable: bool) -> Any:
        return None if value is None else self.inner.dump(value, jsonable)


class Union(Spec):
    """``A | B``: the first that takes the value; when none does, the problems of each."""

    def __init__(self, options: list[Any]) -> None:
        self.options = options  # made specs when first used

    def _specs(self) -> list[Spec]:
        self.options = [to_spec(option) for option in self.options]
        return self.options

    def validate(self, value: Any, errors: list[Error]) -> Any:
        found: list[Error] = []
        for option in self._specs():
            mine: list[Error] = []
            result = option.validate(value, mine)
            if result is not FAIL:
                return result
            found += mine
        errors += found
        return FAIL

    def bounded(self, ge: float | None, le: float | None) -> Spec:
        return Union([option.bounded(ge, le) for option in self._specs()])

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"anyOf": [option.schema(defs) for option in self._specs()]}

    def dump(self, value: Any, jsonable: bool) -> Any:
        return _dump_value(value, jsonable)


class Tagged(Spec):
    """One of a few kinds, told apart by ``tag(value)`` (a tagged union)."""

    def __init__(self, tag: Callable[[Any], str], options: dict[str, Any]) -> None:
        self.tag = tag
        self.options = options  # made specs when first used
        self._specs: dict[str, Spec] | None = None

    def validate(self, value: Any, errors: list[Error]) -> Any:
        if self._specs is None:
            self._specs = {tag: to_spec(option) for tag, option in self.options.items()}
        return self._specs[self.tag(value)].validate(value, errors)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"oneOf": [to_spec(option).schema(defs) for option in self.options.values()]}

    def dump(self, value: Any, jsonable: bool) -> Any:
        return _dump_value(value, jsonable)


class ListOf(Spec):
    """``list[X]``; ``none_is_empty``: nothing at all is an empty list."""

    def __init__(self, item: Any, *, none_is_empty: bool = False) -> None:
        self.item = item
        self.none_is_empty = none_is_empty

    def validate(self, value: Any, errors: list[Error]) -> Any:
        if value is None and self.none_is_empty:
            return []
        if not isinstance(value, list):
            errors.append(Error((), "value", f"expected a list, found {kind_name(value)}"))
            return FAIL
        item = self.item
        if not isinstance(item, Spec):
            item = self.item = to_spec(item)
        check = item.validate
        out = []
        failed = False
        seen = len(errors)  # a value that passes adds no error
        for index, entry in enumerate(value):
            result = check(entry, errors)
            if result is FAIL:
                failed = True
                _below(errors, seen, index)
                seen = len(errors)
            out.append(result)
        return FAIL if failed else out

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"items": to_spec(self.item).schema(defs), "type": "array"}

    def dump(self, value: Any, jsonable: bool) -> Any:
        item = self.item = to_spec(self.item)
        return [item.dump(entry, jsonable) for entry in value]


class RecordSpec(Spec):
    def __init__(self, cls: type[Record]) -> None:
        self.cls = cls

    def validate(self, value: Any, errors: list[Error]) -> Any:
        if isinstance(value, self.cls):
            return value
        if not isinstance(value, dict):
            errors.append(Error((), "value", f"expected a mapping, found {kind_name(value)}"))
            return FAIL
        return self.cls._validate(value, errors)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        name = self.cls.__name__
        if name not in defs:
            defs[name] = None  # taken: a record that holds itself refers to itself
            defs[name] = self.cls._schema(defs)
        return {"$ref": f"#/$defs/{name}"}

    def dump(self, value: Any, jsonable: bool) -> Any:
        return value.as_dict(jsonable=jsonable)


_SCALARS: dict[Any, Spec] = {
    str: Str(),
    int: Int(),
    float: Float(),
    bool: Bool(),
    dt.date: Date(),
    dt.time: Time(),
    dt.datetime: DateTime(),
}


def to_spec(annotation: Any) -> Spec:
    """The spec of an evaluated annotation: a spec, a record class, a scalar type, a
    ``Literal``, a ``list[...]`` or a union of them."""
    if isinstance(annotation, Spec):
        return annotation
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation._spec()
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Literal:
        return Choice(args)
    if origin is list:
        return ListOf(args[0])
    if origin is typing.Union or origin is types.UnionType:
        options = [arg for arg in args if arg is not type(None)]
        inner = to_spec(options[0]) if len(options) == 1 else Union(list(options))
        return Optional(inner) if len(options) < len(args) else inner
    raise TypeError(f"no spec for {annotation!r}")


def _dump_value(value: Any, jsonable: bool) -> Any:
    """A value of a union, dumped by what it is."""
    if isinstance(value, Record):
        return value.as_dict(jsonable=jsonable)
    if isinstance(value, list):
        return [_dump_value(entry, jsonable) for entry in value]
    if jsonable and isinstance(value, dt.datetime):
        return _SCALARS[dt.datetime].dump(value, True)
    if jsonable and isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


# --- records --------------------------------------------------------------------------------------

_MISSING: Any = object()


class Field:
    """A field of a record, as declared: its default, alias, description and bounds."""

    __slots__ = (
        "alias",
        "annotation",
        "check",
        "default",
        "default_factory",
        "description",
        "ge",
        "key",
        "le",
        "name",
        "spec",
    )

    def __init__(
        self,
        default: Any = _MISSING,
        default_factory: Callable[[], Any] | None = None,
        alias: str | None = None,
        description: str | None = None,
        ge: float | None = None,
        le: float | None = None,
        check: Callable[[Any], Any] | None = None,
    ) -> None:
        self.default = default
        self.default_factory = default_factory
        self.alias = alias
        self.description = description
        self.ge = ge
        self.le = le
        self.check = check
        self.name = ""
        self.key = ""
        self.annotation = ""
        self.spec: Spec | None = None

    @property
    def required(self) -> bool:
        return self.default is _MISSING and self.default_factory is None


def field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] | None = None,
    alias: str | None = None,
    description: str | None = None,
    ge: float | None = None,
    le: float | None = None,
    check: Callable[[Any], Any] | None = None,
) -> Any:
    """Declare a field with more than a default: ``alias`` (the key in the file),
    ``description`` (for the schema), bounds ``ge``/``le`` of a number and ``check``, which
    gets the validated value and returns it or raises ValueError with the message."""
    return Field(default, default_factory, alias, description, ge, le, check)


class _RecordMeta(type):
    """Turns annotated class attributes into slots and :class:`Field` declarations."""

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        own: dict[str, Field] = {}
        private: dict[str, Any] = {}
        for key, annotation in namespace.get("__annotations__", {}).items():
            if "ClassVar" in str(annotation):
                continue
            value = namespace.pop(key, _MISSING)
            if key.startswith("_"):
                private[key] = None if value is _MISSING else value
                continue
            declared = value if isinstance(value, Field) else Field(default=value)
            declared.name = key
            declared.key = declared.alias or key
            declared.annotation = annotation
            own[key] = declared
        namespace["__slots__"] = (*namespace.get("__slots__", ()), *own, *private)
        cls: Any = super().__new__(mcls, name, bases, namespace)
        cls._fields = {}
        cls._private = {}
        for base in bases:
            cls._fields.update(getattr(base, "_fields", {}))
            cls._private.update(getattr(base, "_private", {}))
        cls._fields.update(own)
        cls._private.update(private)
        cls._ready = False  # the annotations are read when the class is first used
        return cls


@dataclass_transform(kw_only_default=True, field_specifiers=(field, Field))
class Record(metaclass=_RecordMeta):
    """Base of the records: made from a mapping by :meth:`from_data` (every problem
    collected), or with keyword arguments (validated alike)."""

    __slots__ = ("_given",)
    if TYPE_CHECKING:
        _given: frozenset[str]

    _fields: ClassVar[dict[str, Field]]
    _private: ClassVar[dict[str, Any]]
    _ready: ClassVar[bool]
    _plan: ClassVar[tuple[tuple[Any, ...], ...]]
    _checked: ClassVar[bool]
    _record_spec: ClassVar[RecordSpec]

    def __init__(self, **values: Any) -> None:
        """The record of keyword arguments by field name, validated as a file's keys are
        (records, dates and times may be given as such); raises :class:`Invalid`."""
        errors: list[Error] = []
        keys = {name: declared.key for name, declared in self._fields.items()}
        data = {keys.get(name, name): value for name, value in values.items()}
        made = type(self)._validate(data, errors)
        if errors:
            raise Invalid(errors)
        for name in (*self._fields, *self._private, "_given"):
            setattr(self, name, getattr(made, name))

    # --- the class, when first used ---

    @classmethod
    def _prepare(cls) -> None:
        """Read the annotations into specs (evaluated in the class's module, where the kinds
        of values are specs) and lay out the plan of validation: once, at first use."""
        if cls._ready:
            return
        namespace = vars(sys.modules[cls.__module__])
        for declared in cls._fields.values():
            if declared.spec is None:
                spec = to_spec(eval(declared.annotation, namespace))
                if declared.ge is not None or declared.le is not None:
                    spec = spec.bounded(declared.ge, declared.le)
                declared.spec = spec
        cls._plan = tuple(
            (f.name, f.key, f.spec, f.check, f.required, f.default, f.default_factory)
            for f in cls._fields.values()
        )
        cls._checked = cls._check_record is not Record._check_record
        cls._ready = True

    @classmethod
    def _spec(cls) -> RecordSpec:
        if "_record_spec" not in cls.__dict__:
            cls._record_spec = RecordSpec(cls)
        return cls._record_spec

    # --- validation ---

    @classmethod
    def from_data(cls, data: Any) -> Self:
        """The record of a parsed mapping; raises :class:`Invalid` with every problem."""
        errors: list[Error] = []
        result = cls._spec().validate(data, errors)
        if errors:
            raise Invalid(errors)
        return result  # type: ignore[no-any-return]

    @classmethod
    def _validate(cls, data: dict[Any, Any], errors: list[Error]) -> Any:
        if not cls._ready:
            cls._prepare()
        made = object.__new__(cls)
        given: list[str] = []
        failed = False
        seen = len(errors)  # a value that passes adds no error
        for name, key, spec, check, required, default, factory in cls._plan:
            if key in data:
                raw = data[key]
            elif name != key and name in data:
                key = name  # the field's own name stands for its alias
                raw = data[key]
            else:
                if required:
                    errors.append(Error((key,), "missing"))
                    seen += 1
                    failed = True
                else:
                    setattr(made, name, default if factory is None else factory())
                continue
            given.append(name)
            value = spec.validate(raw, errors)
            if value is not FAIL and check is not None:
                try:
                    value = check(value)
                except ValueError as exc:
                    errors.append(Error((), "value", str(exc), raw))
                    value = FAIL
            if value is FAIL:
                _below(errors, seen, key)
                seen = len(errors)
                failed = True
            else:
                setattr(made, name, value)
        if len(given) != len(data):
            known = {name if cls._fields[name].key not in data else cls._fields[name].key
                     for name in given}  # fmt: skip
            for key in data:
                if key in known:
                    continue
                if not isinstance(key, str):
                    errors.append(Error((key,), "value", "keys should be strings"))
                else:
                    errors.append(Error((key,), "unknown", owner=cls))
                failed = True
        if failed:
            return FAIL
        for name, value in cls._private.items():
            setattr(made, name, value)
        made._given = frozenset(given)
        if cls._checked:
            try:
                made._check_record()
            except ValueError as exc:
                errors.append(Error((), "value", str(exc), data))
                return FAIL
        return made

    def _check_record(self) -> None:
        """Checks of the record as a whole, once every field is valid: raise ValueError."""

    # --- what the rest of the code uses ---

    @classmethod
    def file_keys(cls) -> list[str]:
        """The keys a file may hold for this record, in order."""
        return [declared.key for declared in cls._fields.values()]

    def given_fields(self) -> frozenset[str]:
        """The fields the file (or the caller) gave, as opposed to defaults."""
        return self._given

    def as_dict(
        self,
        *,
        jsonable: bool = False,
        exclude_none: bool = False,
        exclude_unset: bool = False,
        exclude: Iterable[str] = (),
    ) -> dict[str, Any]:
        """The fields as plain data, records and lists included (``jsonable``: dates and
        times as ISO text); without fields that are None, or that were not given, or named
        in ``exclude``."""
        self._prepare()
        skip = set(exclude)
        out: dict[str, Any] = {}
        given = self._given if exclude_unset else None
        for name, declared in self._fields.items():
            if name in skip or (given is not None and name not in given):
                continue
            value = getattr(self, name)
            if value is None:
                if not exclude_none:
                    out[name] = None
                continue
            if exclude_none or exclude_unset:
                out[name] = _dump_deep(value, jsonable, exclude_none, exclude_unset)
            else:
                spec = declared.spec
                assert spec is not None
                out[name] = spec.dump(value, jsonable)
        return out

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` (not validated), which count as given."""
        copy = type(self).__new__(type(self))
        for name in (*self._fields, *self._private):
            setattr(copy, name, changes.get(name, getattr(self, name)))
        copy._given = self._given | frozenset(changes)
        return copy

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(
            getattr(self, name) == getattr(other, name) for name in (*self._fields, *self._private)
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"

    def __getstate__(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in (*self._fields, *self._private, "_given")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    # --- JSON Schema ---

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of the record's file (keys sorted as editors have known them)."""
        defs: dict[str, Any] = {}
        top = cls._schema(defs)
        for name in list(defs):
            if name == cls.__name__:
                del defs[name]  # the file itself is the schema, not one of its parts
        if defs:
            top["$defs"] = defs
        out: dict[str, Any] = _sorted(top)
        return out

    @classmethod
    def _schema(cls, defs: dict[str, Any]) -> dict[str, Any]:
        cls._prepare()
        properties: dict[str, Any] = {}
        required: list[str] = []
        for declared in cls._fields.values():
            spec = declared.spec
            assert spec is not None
            prop = spec.schema(defs)
            if declared.required:
                required.append(declared.key)
            elif declared.default_factory is None:
                prop["default"] = _dump_value(declared.default, True)
            if not _is_record(spec):
                prop["title"] = declared.key.replace("_", " ").title()
            if declared.description is not None:
                prop["description"] = declared.description
            properties[declared.key] = prop
        out: dict[str, Any] = {
            "additionalProperties": False,
            "properties": properties,
            "title": cls.__name__,
            "type": "object",
        }
        if required:
            out["required"] = required
        if cls.__doc__ and "__doc__" in cls.__dict__:
            import inspect

            out["description"] = inspect.cleandoc(cls.__doc__)
        return out


def _is_record(spec: Spec) -> bool:
    while isinstance(spec, Optional):
        spec = spec.inner
    return isinstance(spec, RecordSpec)


def _dump_deep(value: Any, jsonable: bool, exclude_none: bool, exclude_unset: bool) -> Any:
    if isinstance(value, Record):
        return value.as_dict(
            jsonable=jsonable, exclude_none=exclude_none, exclude_unset=exclude_unset
        )
    if isinstance(value, list):
        return [_dump_deep(entry, jsonable, exclude_none, exclude_unset) for entry in value]
    return _dump_value(value, jsonable)


def _sorted(value: Any, parent: str | None = None) -> Any:
    """Keys sorted at every level but the names of properties, and defaults left as they are."""
    if isinstance(value, dict):
        keys = list(value) if parent in ("properties", "default") else sorted(value)
        return {key: _sorted(value[key], key) for key in keys}
    if isinstance(value, list):
        return [_sorted(entry, parent) for entry in value]
    return value
