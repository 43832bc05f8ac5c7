"""Queue rules: who is waiting, who is next, how long people have waited."""

from __future__ import annotations

from datetime import datetime

from . import status

# Waiting means checked in and not parked (a parked person is away for a moment, e.g. fetching
# documents, and "call next" skips them). This is the one definition: the state machine asks
# ``is_waiting``, and ``services.queue.waiting`` turns the same two facts into SQL.
WAITING_STATUS = status.CHECKED_IN


def is_waiting(current_status: str, parked: bool) -> bool:
    return current_status == WAITING_STATUS and not parked


def waiting_order(starts_at: datetime, checked_in_at: datetime | None, appointment_id: int,
                  priority: bool = False) -> tuple:
    """Priority first; then in order of appointment time; among equal times, who arrived first;
    the id only makes the order total."""
    return (not priority, starts_at, checked_in_at or datetime.max, appointment_id)


def waited_minutes(since: datetime | None, now: datetime) -> int:
    if since is None:
        return 0
    return max(0, int((now - since).total_seconds() // 60))
