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

from . import status

MAX_CALLS = 3


@dataclass(frozen=True)
class Snapshot:
    """The parts of an appointment the rules look at."""

    status: str
    call_count: int
    parked: bool


def problem(action: str, a: Snapshot) -> str | None:
    """Why ``action`` is not allowed now (a message key), or None."""
    waiting = a.status == status.CHECKED_IN and not a.parked
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
