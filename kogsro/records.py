"""Immutable records made without generating code.

``@record`` makes a class of fields (its annotations, in order; a class attribute is a field's
default) with slots, a constructor taking the fields by position or by name, equality, a hash,
a representation and pickling, as ``@dataclass(frozen=True, slots=True)`` would. A dataclass
writes and compiles its methods when its class is made, about a quarter of a millisecond each on
the machines kogsro runs on; a render makes two dozen such classes, which is a tenth of a fresh
render's time. These records share one set of methods instead. For records made by the
thousand (the ledger's entries) a dataclass's generated constructor is faster and stays.
"""

from __future__ import annotations

from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T", bound=type)


class _Frozen(AttributeError):
    pass


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    cls = type(self)
    names: tuple[str, ...] = cls.__record_fields__
    if len(args) > len(names):
        raise TypeError(f"{cls.__name__}() takes {len(names)} arguments, {len(args)} given")
    values = dict(zip(names, args, strict=False))
    for name, value in kwargs.items():
        if name not in names:
            raise TypeError(f"{cls.__name__}() got an unexpected argument {name!r}")
        if name in values:
            raise TypeError(f"{cls.__name__}() got {name!r} twice")
        values[name] = value
    defaults: dict[str, Any] = cls.__record_defaults__
    for name in names:
        if name in values:
            value = values[name]
        elif name in defaults:
            value = defaults[name]
        else:
            raise TypeError(f"{cls.__name__}() is missing the argument {name!r}")
        object.__setattr__(self, name, value)


def _values(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, name) for name in type(self).__record_fields__)


def _eq(self: Any, other: object) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash(_values(self))


def _repr(self: Any) -> str:
    cls = type(self)
    fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in cls.__record_fields__)
    return f"{cls.__qualname__}({fields})"


def _setattr(self: Any, name: str, value: Any) -> None:
    raise _Frozen(f"cannot assign to field {name!r} of a {type(self).__name__}")


def _delattr(self: Any, name: str) -> None:
    raise _Frozen(f"cannot delete field {name!r} of a {type(self).__name__}")


def _reduce(self: Any) -> tuple[Any, tuple[Any, ...]]:
    return type(self), _values(self)


_METHODS = {
    "__init__": _init,
    "__eq__": _eq,
    "__hash__": _hash,
    "__repr__": _repr,
    "__setattr__": _setattr,
    "__delattr__": _delattr,
    "__reduce__": _reduce,
}


@dataclass_transform(frozen_default=True)
def record(cls: T) -> T:
    """The class ``cls`` as an immutable record (see the module's description)."""
    # the class's own annotations, as inspect.get_annotations reads them, without importing
    # inspect into processes that need nothing else of it (the Typst workers)
    annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
    names = tuple(
        name
        for name, kind in annotations.items()
        if not str(kind).startswith(("ClassVar", "typing.ClassVar"))
    )
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
    for name, value in defaults.items():
        if isinstance(value, list | dict | set):
            raise TypeError(f"{cls.__name__}.{name}: a mutable default would be shared")
    seen_default = False
    for name in names:
        if name in defaults:
            seen_default = True
        elif seen_default:
            raise TypeError(f"{cls.__name__}.{name}: a field without default after one with")
    namespace = {
        key: value
        for key, value in cls.__dict__.items()
        if key not in names and key not in ("__dict__", "__weakref__")
    }
    namespace.update(_METHODS)
    namespace["__slots__"] = names
    namespace["__match_args__"] = names
    namespace["__record_fields__"] = names
    namespace["__record_defaults__"] = defaults
    made: T = type(cls)(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__
    return made
