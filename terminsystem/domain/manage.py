"""When a person may still cancel or move their booking (pure rules: the clock and the cut-off are
passed in)."""

from __future__ import annotations

from datetime import datetime, timedelta

from . import status


def change_problem(state: str, starts_at: datetime, now: datetime, cutoff: timedelta) -> str | None:
    """None if the booking can be cancelled or moved now, else the message key saying why not.

    Only a booked appointment that has not begun can change; up to ``cutoff`` before its start a
    person does it themselves, later the office has to be asked (the page says how)."""
    if state == status.CANCELLED:
        return "manage.cancelled"
    if state != status.BOOKED or starts_at <= now:
        return "manage.past"
    if starts_at - now < cutoff:
        return "manage.too_late"
    return None


def is_open(state: str, ends_at: datetime, now: datetime) -> bool:
    """An open appointment: booked and not over. It counts against a person's limit."""
    return state == status.BOOKED and ends_at > now
