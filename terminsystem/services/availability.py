"""What the booking page offers: days with free seats and the free times of one day."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import select

from .. import db
from ..domain.schedule import BookingPolicy
from ..models import Concern, ConcernInfo, DayInfo, TimeInfo
from . import schedule as sched


def concerns(*, engine: sa.Engine | None = None) -> list[ConcernInfo]:
    """All concerns people can book, in display order."""
    with db.read_session(engine) as s:
        rows = s.exec(
            select(Concern).where(Concern.active).order_by(Concern.sort_order, Concern.id)
        ).all()
        return [ConcernInfo(r.id, r.code, r.group_code, r.duration_minutes) for r in rows]


def next_release(concern_id: int, *, now: datetime, policy: BookingPolicy,
                 engine: sa.Engine | None = None) -> tuple[datetime, date] | None:
    """When the concern's team opens its next day for booking, and which day (None: at midnight)."""
    with db.read_session(engine) as s:
        concern = sched.active_concern(s, concern_id)
        release = sched.release_time(s, concern.team_id) if concern else None
    return policy.with_release(release).next_release(now)


def _bookable_options(options, now: datetime, policy: BookingPolicy):
    return [o for o in options if policy.allows(o.start, now)]


def days(
    *, concern_id: int, now: datetime, policy: BookingPolicy, persons: int = 1, moving: int | None = None,
    engine: sa.Engine | None = None,
) -> list[DayInfo]:
    """Every day of the booking horizon: available (free seats), full, or closed. ``persons``: the
    size of the appointment; ``moving``: an appointment being rebooked (its own seats count as free)."""
    first, last = policy.first_day(now), policy.last_day(now)
    with db.read_session(engine) as s:
        calendar = sched.concern_calendar(s, concern_id, first, last, persons=persons, exclude=moving, now=now)
    if calendar is None:
        return []
    policy = calendar.policy(policy)
    last = policy.last_day(now)  # before the team's release time, the newest day is not open yet
    result = []
    day = first
    while day <= last:
        options = _bookable_options(calendar.options(day, policy.urgent_seats), now, policy)
        free = sum(1 for o in options if o.free > 0)
        state = "closed" if not options else ("available" if free else "full")
        result.append(DayInfo(day=day, state=state, free=free))
        day += timedelta(days=1)
    return result


def times(
    *, concern_id: int, day: date, now: datetime, policy: BookingPolicy, persons: int = 1,
    moving: int | None = None, engine: sa.Engine | None = None,
) -> list[TimeInfo]:
    """The start times on ``day`` that still have a free seat for the concern."""
    with db.read_session(engine) as s:
        calendar = sched.concern_calendar(s, concern_id, day, day, persons=persons, exclude=moving, now=now)
    if calendar is None:
        return []
    return [
        TimeInfo(start=o.start, end=o.end, free=o.free)
        for o in _bookable_options(calendar.options(day, policy.urgent_seats), now, calendar.policy(policy))
        if o.free > 0
    ]
