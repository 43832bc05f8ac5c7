"""Which booked appointments a change of the schedule would hit.

An appointment holds one seat in each slot it occupies (``SlotClaim``). After a change of opening
hours, slot length, parallel seats or closed days it still fits when its day is open, every slot
it holds is still a slot of a window of that weekday, and no slot holds more appointments than the
window has seats. When a slot is over-full, the appointments holding its highest seat numbers
(the ones booked last) are the ones that no longer fit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise

from .schedule import OpeningWindow, is_closed


@dataclass(frozen=True)
class Held:
    """One seat an appointment holds."""

    appointment_id: int
    slot_start: datetime
    seat: int


def hit(held: list[Held], windows: list[OpeningWindow], blocked: set[date]) -> set[int]:
    """The appointments (ids) among ``held`` that do not fit ``windows`` and ``blocked`` days."""
    affected: set[int] = set()
    capacity: dict[datetime, int] = {}
    for day in {h.slot_start.date() for h in held}:
        if is_closed(day, windows, blocked):
            continue
        for w in windows:
            if w.weekday == day.weekday():
                for start in w.slot_starts(day):
                    capacity[start] = capacity.get(start, 0) + w.parallel
    by_slot: dict[datetime, list[Held]] = defaultdict(list)
    for h in held:
        if h.slot_start not in capacity:
            affected.add(h.appointment_id)
        else:
            by_slot[h.slot_start].append(h)
    for start, seats in by_slot.items():
        keep = capacity[start]
        for h in sorted(seats, key=lambda h: h.seat)[keep:]:
            affected.add(h.appointment_id)
    return affected


def overlap(windows: list[OpeningWindow]) -> bool:
    """Whether two windows of the same weekday overlap (their slots would be counted twice)."""
    by_day: dict[int, list[OpeningWindow]] = defaultdict(list)
    for w in windows:
        by_day[w.weekday].append(w)
    for same_day in by_day.values():
        ordered = sorted(same_day, key=lambda w: w.start)
        if any(a.end > b.start for a, b in pairwise(ordered)):
            return True
    return False


def window_problem(start, end, slot_minutes: int, parallel: int) -> str | None:
    """The message key of what is wrong with one window, or None."""
    if start is None or end is None or start >= end:
        return "admin.hours.order"
    if slot_minutes < 5 or slot_minutes > 240:
        return "admin.hours.slot_range"
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    if minutes % slot_minutes:
        return "admin.hours.slot_divides"
    if parallel < 1 or parallel > 50:
        return "admin.hours.seats_range"
    return None
