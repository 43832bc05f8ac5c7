"""What a clerk may do with an appointment in which status: the appointment's state machine.

  booked ──check-in──▶ checked_in ──call──▶ called ──done──▶ done
                        ▲   │  ▲             │ │ └─no-show─▶ no_show
                        │ park unpark        │ └─recall (up to 3 calls in all)
                        │   ▼  │             │
                        └─ parked ◀──park────┘        transfer: checked_in/called → checked_in
                                                                of the other team
Parked people stay "checked_in" with a ``parked_at`` time and are skipped by "call next".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from . import queue, status

MAX_CALLS = 3
# What a clerk can take back with "undo": their own last action, if nothing else happened to the
# appointment since (a staff check-in is "arrived" on the dashboard).
UNDOABLE = ("call", "recall", "done", "no_show", "park", "unpark", "priority", "transfer", "check_in")


@dataclass(frozen=True)
class Snapshot:
    """The parts of an appointment the rules look at."""

    status: str
    call_count: int
    parked: bool


def problem(action: str, a: Snapshot) -> str | None:
    """Why ``action`` is not allowed now (a message key), or None."""
    waiting = queue.is_waiting(a.status, a.parked)
    rules = {
        "call": waiting,
        "recall": a.status == status.CALLED and a.call_count < MAX_CALLS,
        "done": a.status in (status.CALLED, status.IN_SERVICE),
        "no_show": a.status == status.CALLED,
        "park": waiting or a.status == status.CALLED,
        "unpark": a.status == status.CHECKED_IN and a.parked,
        "priority": a.status == status.CHECKED_IN,
        "transfer": a.status in (status.CHECKED_IN, status.CALLED),
    }
    if action not in rules:
        raise ValueError(action)
    if rules[action]:
        return None
    if action == "recall" and a.status == status.CALLED:
        return "clerk.max_calls"
    return "clerk.not_possible"


def auto_no_show(a: Snapshot, called_at: datetime | None, now: datetime, after: timedelta) -> bool:
    """After the last allowed call, a person who does not come is marked no-show automatically."""
    return (a.status == status.CALLED and a.call_count >= MAX_CALLS and called_at is not None
            and now - called_at >= after)


def undo_problem(last_action: str | None, done_at: datetime | None, now: datetime, window: timedelta) -> str | None:
    """Why a clerk's last action cannot be undone now (a message key), or None. Only the very last
    action counts: after an undo, or after something that cannot be undone, there is nothing to undo."""
    if last_action not in UNDOABLE or done_at is None:
        return "clerk.undo_none"
    if now - done_at > window:
        return "clerk.undo_too_late"
    return None
