"""What the office's figures mean: periods, outcomes, percentiles and rates.

Every figure is computed from facts of an appointment that name nobody (team, concern, times,
status, check-in channel, urgent flag, seats), so the figures do not change when the personal data
is deleted.

Definitions (the SQL of ``services.statistics`` follows them; the tests recount them in Python):

- An appointment belongs to the day it was booked for (``starts_at``); an urgent entry to the day
  it was entered. It counts for the team it ended with (a transfer moves it), its seats for the
  team whose seats they are.
- booked: appointments booked ahead (not urgent) and not cancelled; cancelled: cancelled ones.
- checked in: appointments with a check-in time, urgent entries included, by channel (kiosk QR,
  kiosk date of birth, staff).
- no-show: a booked (not urgent) appointment that was called but did not come (status
  ``no_show``), or that was never checked in on a day that is over. The no-show rate is
  no-shows / (no-shows + booked appointments that came); open appointments (today, future) count
  in neither.
- waiting time: check-in → first call (``first_called_at``; a recall or a call after parking does
  not move it). Service time: last call → done, for appointments done (the person comes to the
  desk after the last call).
- percentiles: nearest rank (the value at rank ⌈p·n⌉ of the sorted values), so a median is always
  a measured value; p = 0.5 and 0.9.
- seats: used = seats held by bookings (cancelled ones free theirs); offered = slots × parallel
  clerks of the opening hours on open days; utilisation = used / offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DAY, WEEK, MONTH = "day", "week", "month"
PERIODS = (DAY, WEEK, MONTH)
MEDIAN, P90 = (1, 2), (9, 10)  # percentiles as fractions (numerator, denominator): exact integer ranks


def bucket_start(day: date, period: str) -> date:
    """The first day of the period ``day`` lies in: the day, the Monday of its week, the 1st."""
    if period == DAY:
        return day
    if period == WEEK:
        return day - timedelta(days=day.weekday())
    if period == MONTH:
        return day.replace(day=1)
    raise ValueError(f"unknown period {period!r}")


def buckets(first: date, last: date, period: str) -> list[date]:
    """The starts of all periods touching ``first``..``last``, in order."""
    starts, day = [], first
    while day <= last:
        start = bucket_start(day, period)
        if not starts or starts[-1] != start:
            starts.append(start)
        day += timedelta(days=1)
    return starts


def rank(n: int, fraction: tuple[int, int]) -> int:
    """Nearest rank ⌈p·n⌉ (1-based) of ``n`` sorted values, with p = numerator / denominator."""
    num, den = fraction
    return max(1, -(-n * num // den))


def percentile(values: list[int], fraction: tuple[int, int]) -> int | None:
    """Nearest-rank percentile of ``values``; None for no values."""
    if not values:
        return None
    return sorted(values)[rank(len(values), fraction) - 1]


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def minutes(seconds: int | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


@dataclass(frozen=True)
class Figures:
    """The figures of one period (``start``) or one concern (``concern_id``)."""

    start: date | None = None
    concern_id: int | None = None
    booked: int = 0
    cancelled: int = 0
    checked_in: int = 0
    checked_in_qr: int = 0
    checked_in_birth_date: int = 0
    checked_in_staff: int = 0
    came: int = 0  # booked ahead, checked in and not a no-show: the other half of the no-show rate
    no_show: int = 0
    urgent: int = 0
    waits: int = 0  # how many waiting times the percentiles are of
    wait_median_s: int | None = None
    wait_p90_s: int | None = None
    services: int = 0
    service_median_s: int | None = None
    service_p90_s: int | None = None
    seats_used: int = 0
    seats_offered: int = 0

    @property
    def no_show_rate(self) -> float | None:
        return rate(self.no_show, self.no_show + self.came)

    @property
    def utilisation(self) -> float | None:
        return rate(self.seats_used, self.seats_offered)


@dataclass(frozen=True)
class BookedOut:
    """How far ahead a concern is booked out: its first day with a free time (None: none within
    the booking horizon) and how many days from today that is."""

    concern_id: int
    concern_code: str
    team_id: int
    first_free: date | None
    days_ahead: int | None


def days_ahead(today: date, first_free: date | None) -> int | None:
    return None if first_free is None else (first_free - today).days


# How much one view may span: a bar per day stays readable for a quarter, weeks and months for years.
MAX_DAYS = {DAY: 92, WEEK: 3 * 366, MONTH: 5 * 366}


def range_problem(first: date | None, last: date | None, period: str) -> str | None:
    """Why a chosen range cannot be shown (a message key), or None."""
    if period not in PERIODS or first is None or last is None:
        return "stats.invalid"
    if last < first:
        return "stats.range_reversed"
    if (last - first).days + 1 > MAX_DAYS[period]:
        return "stats.range_too_long"
    return None
