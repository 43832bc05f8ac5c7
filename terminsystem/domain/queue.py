"""Queue rules: who is next, how long people have waited."""

from __future__ import annotations

from datetime import datetime


def waiting_order(starts_at: datetime, checked_in_at: datetime | None, appointment_id: int,
                  priority: bool = False) -> tuple:
    """Priority first; then in order of appointment time; among equal times, who arrived first;
    the id only makes the order total."""
    return (not priority, starts_at, checked_in_at or datetime.max, appointment_id)


def waited_minutes(since: datetime | None, now: datetime) -> int:
    if since is None:
        return 0
    return max(0, int((now - since).total_seconds() // 60))
