"""The time plan of a session: when each item starts and whether the plan fits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from kogsro.records import record
from kogsro.workspace.model import Config, Item, Session


@record
class PlannedItem:
    number: str
    item: Item
    depth: int
    path: tuple[str | int, ...]
    start: time
    duration: int | None  # minutes, own or the sum of the sub-items'


@dataclass(slots=True)
class TimePlan:
    start: time
    end: time  # the session's end: given, or computed from the items
    planned_end: time  # when the items are done
    items: list[PlannedItem]
    end_given: bool
    warnings: list[str] = field(default_factory=list)

    @property
    def overrun(self) -> int:
        """Minutes the items run past the given end (0 when they fit)."""
        if not self.end_given:
            return 0
        return max(0, _minutes(self.planned_end) - _minutes(self.end))


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _add(t: time, minutes: int) -> time:
    return (datetime.combine(date(2000, 1, 1), t) + timedelta(minutes=minutes)).time()


def effective_duration(item: Item) -> int | None:
    if item.duration is not None:
        return item.duration
    parts = [effective_duration(child) for child in item.items]
    known = [p for p in parts if p is not None]
    return sum(known) if known else None


def time_plan(session: Session, config: Config) -> TimePlan:
    start = session.start or config.defaults.start
    planned: list[PlannedItem] = []
    warnings: list[str] = []

    def walk(
        items: list[Item], at: time, number: str, path: tuple[str | int, ...], depth: int
    ) -> int:
        total = 0
        for index, item in enumerate(items):
            num = f"{number}{index + 1}"
            here = (*path, "items", index)
            duration = effective_duration(item)
            planned.append(PlannedItem(num, item, depth, here, _add(at, total), duration))
            inner = walk(item.items, _add(at, total), f"{num}.", here, depth + 1)
            if item.duration is not None and inner > item.duration:
                warnings.append(
                    f"{config.item_label(num)}: the sub-items take {inner} min, "
                    f"more than the {item.duration} min planned"
                )
            total += duration or 0
        return total

    total = walk(session.items, start, "", (), 0)
    planned_end = _add(start, total)
    if session.end is not None:
        end = session.end
    elif total:
        end = planned_end
    else:
        end = _add(start, config.defaults.duration)
    plan = TimePlan(start, end, planned_end, planned, session.end is not None, warnings)
    if plan.overrun:
        warnings.insert(
            0,
            f"the agenda runs until {planned_end:%H:%M}, {plan.overrun} min past the "
            f"planned end at {end:%H:%M}",
        )
    return plan
