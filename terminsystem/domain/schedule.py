"""Opening hours, slots and capacity.

A team receives booked appointments in opening windows (weekday, from, to). A window is cut into
slots of ``slot_minutes``; in each slot ``parallel`` clerks receive one person each, so a slot has
``parallel`` seats. A concern lasting longer than one slot occupies consecutive slots of one window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays


@dataclass(frozen=True)
class OpeningWindow:
    weekday: int  # 0 = Monday
    start: time
    end: time
    slot_minutes: int
    parallel: int

    def __post_init__(self):
        if not 0 <= self.weekday <= 6:
            raise ValueError("weekday must be 0..6")
        if self.slot_minutes <= 0 or self.parallel <= 0:
            raise ValueError("slot length and parallel clerks must be positive")
        if self.start >= self.end:
            raise ValueError("window must end after it starts")

    def slot_starts(self, day: date) -> list[datetime]:
        """Slot start times of this window on ``day`` (a slot must end inside the window)."""
        step = timedelta(minutes=self.slot_minutes)
        current, end = datetime.combine(day, self.start), datetime.combine(day, self.end)
        starts = []
        while current + step <= end:
            starts.append(current)
            current += step
        return starts


@dataclass(frozen=True)
class TimeOption:
    """A possible start for a concern: the slots it would occupy and how many seats are free."""

    start: datetime
    end: datetime
    units: tuple[datetime, ...]
    capacity: int
    free: int


@dataclass(frozen=True)
class BookingPolicy:
    """How far ahead people may book: from ``min_days_ahead`` to ``max_days_ahead`` days,
    and never later than ``lead_time`` before the appointment.

    ``release``: the clock time at which the next day becomes bookable (a team's fixed release
    time, e.g. 08:00: the day ``max_days_ahead`` ahead opens then, not at midnight, so everybody
    knows when new appointments come). None: at midnight. ``follows_release``: False for staff,
    who book for a person whatever the release.

    ``urgent_seats``: seat-slots per team and day that this kind of booking leaves free for the
    team's offers to urgent requests (online booking and the waitlist; staff: 0, they may use them)."""

    min_days_ahead: int = 1
    max_days_ahead: int = 42
    lead_time: timedelta = timedelta(hours=12)
    release: time | None = None
    follows_release: bool = True
    urgent_seats: int = 0

    def first_day(self, now: datetime) -> date:
        return now.date() + timedelta(days=self.min_days_ahead)

    def last_day(self, now: datetime) -> date:
        before_release = self.follows_release and self.release is not None and now.time() < self.release
        return now.date() + timedelta(days=self.max_days_ahead - (1 if before_release else 0))

    def with_release(self, release: time | None) -> BookingPolicy:
        """This policy for a team whose new days open at ``release``."""
        return replace(self, release=release)

    def next_release(self, now: datetime) -> tuple[datetime, date] | None:
        """When the next day opens, and which day; None without a fixed release time."""
        if not self.follows_release or self.release is None:
            return None
        at = datetime.combine(now.date(), self.release)
        if now >= at:
            at += timedelta(days=1)
        return at, at.date() + timedelta(days=self.max_days_ahead)

    def allows(self, start: datetime, now: datetime) -> bool:
        return (
            self.first_day(now) <= start.date() <= self.last_day(now)
            and start - now >= self.lead_time
        )


@dataclass(frozen=True)
class Cooldown:
    """A seat given back is offered again only after a random pause between ``shortest`` and
    ``longest``: whoever cancels cannot know when it comes back, so a seat cannot be passed to
    somebody waiting for it."""

    shortest: timedelta = timedelta(minutes=10)
    longest: timedelta = timedelta(minutes=40)

    def __post_init__(self):
        if self.shortest < timedelta(0) or self.longest < self.shortest:
            raise ValueError("cooldown needs 0 <= shortest <= longest")

    def until(self, now: datetime, fraction: float) -> datetime:
        """The end of the pause for a random ``fraction`` in [0, 1)."""
        seconds = self.shortest.total_seconds() + fraction * (self.longest - self.shortest).total_seconds()
        return now + timedelta(seconds=round(seconds))


@lru_cache(maxsize=8)
def _bw_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("DE", subdiv="BW", years=year, language="de")


def public_holiday(day: date) -> str | None:
    """Name of the Baden-Württemberg public holiday on ``day``, else None."""
    return _bw_holidays(day.year).get(day)


def units_needed(duration_minutes: int, slot_minutes: int) -> int:
    """Consecutive slots a concern occupies (a 45-minute concern in 30-minute slots takes two)."""
    return max(1, math.ceil(duration_minutes / slot_minutes))


def is_closed(day: date, windows: list[OpeningWindow], blocked_days: set[date]) -> bool:
    """Closed on public holidays, blocked days and weekdays without opening hours."""
    return (
        day in blocked_days
        or public_holiday(day) is not None
        or not any(w.weekday == day.weekday() for w in windows)
    )


def day_capacity(day: date, windows: list[OpeningWindow], blocked_days: set[date]) -> int:
    """Seats offered on ``day``: slots × parallel clerks over all windows (0 when closed)."""
    if is_closed(day, windows, blocked_days):
        return 0
    return sum(len(w.slot_starts(day)) * w.parallel for w in windows if w.weekday == day.weekday())


def time_options(
    day: date,
    windows: list[OpeningWindow],
    blocked_days: set[date],
    duration_minutes: int,
    taken: dict[datetime, int],
) -> list[TimeOption]:
    """Every start on ``day`` for a concern of ``duration_minutes``, with free seats.

    ``taken`` maps slot start → seats already claimed. A start is free only if every slot it
    occupies has a free seat.
    """
    if is_closed(day, windows, blocked_days):
        return []
    options = []
    for window in sorted((w for w in windows if w.weekday == day.weekday()), key=lambda w: w.start):
        starts = window.slot_starts(day)
        n = units_needed(duration_minutes, window.slot_minutes)
        for i in range(len(starts) - n + 1):
            units = tuple(starts[i : i + n])
            free = min(window.parallel - taken.get(u, 0) for u in units)
            options.append(
                TimeOption(
                    start=units[0],
                    end=units[-1] + timedelta(minutes=window.slot_minutes),
                    units=units,
                    capacity=window.parallel,
                    free=max(0, free),
                )
            )
    return options


def keep_reserve(options: list[TimeOption], day: date, windows: list[OpeningWindow], blocked_days: set[date],
                 taken: dict[datetime, int], reserve: int) -> list[TimeOption]:
    """``options`` of ``day`` with no free seat where taking one would leave fewer than ``reserve``
    free seat-slots on the team's day (kept for urgent offers)."""
    if reserve <= 0 or not options:
        return options
    spare = 0 if is_closed(day, windows, blocked_days) else sum(
        max(0, w.parallel - taken.get(u, 0)) for w in windows if w.weekday == day.weekday() for u in w.slot_starts(day))
    return [o if spare - len(o.units) >= reserve else replace(o, free=0) for o in options]


def find_option(options: list[TimeOption], start: datetime) -> TimeOption | None:
    return next((o for o in options if o.start == start), None)


@dataclass(frozen=True)
class BookingLimits:
    """How many bookings one client address may make per hour, and everybody together per minute:
    a script cannot empty the calendar, a family or a counsellor books a few."""

    per_client_hour: int = 5
    all_per_minute: int = 30
