"""Records (kogsro.records) behave as frozen dataclasses with slots do."""

from __future__ import annotations

import copy
import pickle
from typing import ClassVar

import pytest

from kogsro.records import record


@record
class Point:
    """A place on a page."""

    x: int
    y: int = 0
    label: str | None = None
    KIND: ClassVar[str] = "point"

    @property
    def total(self) -> int:
        return self.x + self.y

    def moved(self, by: int) -> Point:
        return Point(self.x + by, self.y + by, self.label)


def test_made_by_position_and_by_name_with_defaults() -> None:
    assert Point(1, 2).total == 3
    assert Point(x=1).y == 0 and Point(1, label="a").label == "a"
    assert Point(1).moved(2) == Point(3, 2)
    assert Point.KIND == "point" and Point.__doc__ == "A place on a page."


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {}, "missing the argument 'x'"),
        ((1, 2, "a", 4), {}, "takes 3 arguments, 4 given"),
        ((1,), {"z": 2}, "unexpected argument 'z'"),
        ((1,), {"x": 2}, "got 'x' twice"),
    ],
)
def test_wrong_arguments(args: tuple[object, ...], kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        Point(*args, **kwargs)  # type: ignore[arg-type, misc]


def test_frozen_with_slots() -> None:
    point = Point(1, 2)
    with pytest.raises(AttributeError):
        point.x = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.y  # type: ignore[misc]
    assert not hasattr(point, "__dict__")
    assert Point.__match_args__ == ("x", "y", "label")


def test_equality_hash_and_representation() -> None:
    assert Point(1, 2) == Point(1, 2) and Point(1, 2) != Point(2, 1)
    assert Point(1, 2) != (1, 2, None)  # a record is not a tuple
    assert len({Point(1, 2), Point(1, 2), Point(2, 1)}) == 2
    assert repr(Point(1, label="a")) == "Point(x=1, y=0, label='a')"


def test_pickled_and_copied() -> None:
    point = Point(1, 2, "a")
    assert pickle.loads(pickle.dumps(point)) == point
    assert copy.deepcopy(point) == point and copy.copy(point) == point


def test_a_mutable_default_or_a_field_without_default_after_one_is_refused() -> None:
    with pytest.raises(TypeError, match="mutable default"):

        @record
        class Shared:
            items: list[int] = []  # noqa: RUF012

    with pytest.raises(TypeError, match="without default after one with"):

        @record
        class Order:
            a: int = 0
            b: int
