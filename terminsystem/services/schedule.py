"""Reading the schedule of a team from the database into domain objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlmodel import Session, select

from .. import office_data
from ..domain import schedule
from ..models import Appointment, BlockedDay, Concern, OpeningWindow, SlotClaim, Team


def windows(session: Session, team_id: int) -> list[schedule.OpeningWindow]:
    rows = session.exec(select(OpeningWindow).where(OpeningWindow.team_id == team_id)).all()
    return [
        schedule.OpeningWindow(r.weekday, r.start_time, r.end_time, r.slot_minutes, r.parallel)
        for r in rows
    ]


def blocked_days(session: Session, team_id: int, first: date, last: date) -> set[date]:
    """Days without appointments: blocked in the database, plus the office's annual closures."""
    annual = {
        date(year, month, day)
        for year in range(first.year, last.year + 1)
        for month, day in office_data.ANNUAL_CLOSURES
    }
    rows = session.exec(
        select(BlockedDay.day).where(
            BlockedDay.day.between(first, last),
            sa.or_(BlockedDay.team_id.is_(None), BlockedDay.team_id == team_id),
        )
    ).all()
    return set(rows) | {d for d in annual if first <= d <= last}


def taken_seats(session: Session, team_id: int, first: date, last: date,
                exclude: int | None = None, now: datetime | None = None) -> dict[datetime, int]:
    """Seats claimed per slot start of ``team_id`` between two days (inclusive), including seats
    still in their cooldown at ``now``; ``exclude``: not counting the seats of that appointment (it
    is being moved)."""
    # Up to the last instant of ``last``, not "< the next midnight": the day after 9999-12-31 overflows.
    lo, hi = datetime.combine(first, time.min), datetime.combine(last, time.max)
    rows = session.exec(
        select(SlotClaim.slot_start, sa.func.count())
        .where(SlotClaim.team_id == team_id, SlotClaim.slot_start >= lo, SlotClaim.slot_start <= hi,
               sa.or_(SlotClaim.appointment_id.is_(None), SlotClaim.appointment_id != exclude)
               if exclude is not None else sa.true(),  # a seat held for a waitlist offer has no appointment
               sa.or_(SlotClaim.held_until.is_(None), SlotClaim.held_until > now) if now is not None else sa.true())
        .group_by(SlotClaim.slot_start)
    ).all()
    return {start: n for start, n in rows}


def active_concern(session: Session, concern_id: int) -> Concern | None:
    concern = session.get(Concern, concern_id)
    return concern if concern is not None and concern.active else None


@dataclass(frozen=True)
class ConcernCalendar:
    """Everything needed to compute the start times of one concern between two days, for an
    appointment of ``persons`` persons: a family is received by one clerk one after the other, so it
    needs the concern's duration once per person in consecutive slots (one seat in each)."""

    concern: Concern
    windows: list[schedule.OpeningWindow]
    blocked: set[date]
    taken: dict[datetime, int]
    persons: int = 1
    release: time | None = None  # the team's release time (``BookingPolicy.release``)
    moving_from: datetime | None = None  # the start of the appointment being moved: not offered to it

    def policy(self, policy: schedule.BookingPolicy) -> schedule.BookingPolicy:
        """``policy`` with the team's release time."""
        return policy.with_release(self.release)

    def options(self, day: date, reserve: int = 0) -> list[schedule.TimeOption]:
        """The day's start times; ``reserve``: seat-slots of the day this booking must leave free
        (``BookingPolicy.urgent_seats``: online booking keeps them for urgent offers)."""
        found = schedule.time_options(day, self.windows, self.blocked, self.concern.duration_minutes * self.persons,
                                      self.taken)
        found = schedule.keep_reserve(found, day, self.windows, self.blocked, self.taken, reserve)
        return [o for o in found if o.start != self.moving_from]


def concern_calendar(session: Session, concern_id: int, first: date, last: date, *, persons: int = 1,
                     exclude: int | None = None, now: datetime | None = None) -> ConcernCalendar | None:
    """The calendar of an active concern's team from ``first`` to ``last``; None if not bookable.
    ``exclude``: an appointment being moved, whose own seats count as free, but whose own time is
    not offered (it would be no move: a day with only that time left is full for it)."""
    concern = active_concern(session, concern_id)
    if concern is None:
        return None
    return ConcernCalendar(
        concern=concern,
        windows=windows(session, concern.team_id),
        blocked=blocked_days(session, concern.team_id, first, last),
        taken=taken_seats(session, concern.team_id, first, last, exclude, now),
        persons=max(1, persons),
        release=release_time(session, concern.team_id),
        moving_from=session.exec(select(Appointment.starts_at).where(Appointment.id == exclude)).first()
        if exclude is not None else None,
    )


def release_time(session: Session, team_id: int) -> time | None:
    return session.exec(select(Team.release_time).where(Team.id == team_id)).first()


def lock_team(session: Session, team_id: int) -> None:
    """Serialise changes of one team's seats: bookings and schedule changes of the team take this
    row lock first (PostgreSQL; SQLite's writers are serial anyway), so a booking cannot slip into a
    day that an administrator is closing at the same moment."""
    session.exec(select(Team.id).where(Team.id == team_id).with_for_update()).first()
