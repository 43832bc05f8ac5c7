"""Queue rules: who is next, how long people have waited."""

from __future__ import annotations

from datetime import datetime


def waiting_order(starts_at: datetime, checked_in_at: datetime | None, appointment_id: int) -> tuple:
    """Waiting people are called in order of their appointment time; among equal times, who
    arrived first; the id only makes the order total."""
    return (starts_at, checked_in_at or datetime.max, appointment_id)


def waited_minutes(since: datetime | None, now: datetime) -> int:
    if since is None:
        return 0
    return max(0, int((now - since).total_seconds() // 60))
