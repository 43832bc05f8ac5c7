"""Rules of the self check-in at the kiosk."""

from __future__ import annotations

import hmac
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from . import status

CALL_NUMBER_RANGE = (100, 999)


@dataclass(frozen=True)
class CheckinPolicy:
    """Check-in is open from ``before`` the appointment until ``after`` its start."""

    before: timedelta = timedelta(minutes=60)
    after: timedelta = timedelta(minutes=15)
    lookups_per_minute: int = 5  # date-of-birth lookups per kiosk device


def checkin_problem(current_status: str, starts_at: datetime, now: datetime, policy: CheckinPolicy) -> str | None:
    """Why this appointment cannot be checked in now (a message key), or None if it can."""
    if current_status == status.CANCELLED:
        return "checkin.cancelled"
    if current_status != status.BOOKED:
        return "checkin.already"
    if starts_at.date() != now.date():
        return "checkin.other_day"
    if now < starts_at - policy.before:
        return "checkin.too_early"
    if now > starts_at + policy.after:
        return "checkin.too_late"
    return None


def new_call_number(rng: random.Random | None = None) -> str:
    """A three-digit number for the display. Random, so it says nothing about the person, the team
    or the order of arrival (teams call independently; rising numbers would suggest a queue)."""
    low, high = CALL_NUMBER_RANGE
    return str((rng or random.SystemRandom()).randint(low, high))


def decoy_rank(secret: bytes, day: date, born: date) -> Callable[[datetime], bytes]:
    """An order of a day's times that is fixed for one date of birth on one day and unpredictable
    without the server's secret: the decoys offered for the same input stay the same all day, so
    repeating a lookup does not single out the true time."""
    def rank(t: datetime) -> bytes:
        return hmac.new(secret, f"{day.isoformat()}|{born.isoformat()}|{t.isoformat()}".encode(), "sha256").digest()
    return rank


# A usual day's slot times, as decoys on a day without opening hours (appointments placed by staff
# on a weekend): with only the true times to offer, the screen would give them away.
USUAL_TIMES = [time(8 + i // 2, 30 * (i % 2)) for i in range(20)]  # 08:00 … 17:30


def decoy_pool(slot_starts: set[datetime], day: date, count: int = 4) -> set[datetime]:
    """The day's slot times to draw decoys from; the usual times when the day has too few."""
    if len(slot_starts) >= 2 * count:
        return set(slot_starts)
    return set(slot_starts) | {datetime.combine(day, t) for t in USUAL_TIMES}


def time_choices(true_times: list[datetime], day_times: set[datetime] | list[datetime],
                 rank: Callable[[datetime], bytes], count: int = 4) -> list[datetime]:
    """The appointment times offered as the second factor: the true ones plus the first decoys of
    the day's times in ``rank`` order, sorted, so that a date of birth alone does not reveal or
    confirm anything."""
    chosen = set(true_times)
    decoys = sorted((t for t in set(day_times) if t not in chosen), key=rank)
    chosen.update(decoys[: max(0, count - len(chosen))])
    return sorted(chosen)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def name_starts_with(family_name: str, prefix: str) -> bool:
    """Case- and accent-insensitive prefix match (``mull`` matches ``Müller``)."""
    return bool(_fold(prefix)) and _fold(family_name).startswith(_fold(prefix))


