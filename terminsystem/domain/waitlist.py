"""The waitlist's rules in plain Python: the window a person can come in, the order of entries,
and how long an offer of a freed seat holds.

An entry is ``waiting`` until a seat in its window is offered (``offered``); accepting the offer
makes it ``booked``. Declining an offer puts the entry back to ``waiting`` at its old place (that
time is never offered to it again); an offer left unanswered until it runs out ends the entry
(``expired``): somebody who does not read their mail would otherwise hold every further seat for
hours. The person can leave at any time (``left``); an entry ends at the latest after
``WaitlistRules.days`` or when its last day has passed (``expired``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from . import inputs
from .errors import InvalidInput
from .personal import PersonalData, parse_birth_date, validate_personal_data

WAITING, OFFERED, BOOKED, LEFT, EXPIRED = "waiting", "offered", "booked", "left", "expired"
ENTRY_STATUSES = (WAITING, OFFERED, BOOKED, LEFT, EXPIRED)
OPEN = (WAITING, OFFERED)  # entries still in the line: one per person and concern
ACCEPTED, DECLINED, WITHDRAWN = "accepted", "declined", "withdrawn"
# withdrawn: the office no longer offers that time (a closed day, a concern switched off)
OFFER_STATUSES = (OFFERED, ACCEPTED, DECLINED, EXPIRED, WITHDRAWN)
ALL_WEEKDAYS = 0b1111111  # bit 0 = Monday … bit 6 = Sunday


@dataclass(frozen=True)
class WaitlistRules:
    """``offer_hours``: how long an offer holds its seat (``TS_WAITLIST_OFFER_HOURS``); ``days``: how
    long an entry lives at most (``TS_WAITLIST_DAYS``); joins per client address and hour and of
    everybody together per minute (``TS_WAITLIST_PER_CLIENT_HOUR``, ``TS_WAITLIST_PER_MINUTE``)."""

    offer_hours: float = 2
    days: int = 90
    per_client_hour: int = 3
    all_per_minute: int = 20

    def offer_expiry(self, now: datetime, start: datetime) -> datetime:
        """An offer holds for ``offer_hours``, but never beyond the appointment's start."""
        return min(now + timedelta(hours=self.offer_hours), start)

    def entry_expiry(self, now: datetime, latest: date) -> datetime:
        """The end of an entry: after ``days``, or when its last day is over."""
        return min(now + timedelta(days=self.days), datetime.combine(latest + timedelta(days=1), time(0)))


@dataclass(frozen=True)
class Window:
    """The days a person can come: from ``earliest`` to ``latest`` on the weekdays of the mask."""

    earliest: date
    latest: date
    weekdays: int

    def __post_init__(self):
        if self.earliest > self.latest or not 1 <= self.weekdays <= ALL_WEEKDAYS:
            raise ValueError("a window needs earliest <= latest and at least one weekday")

    def fits(self, day: date) -> bool:
        return self.earliest <= day <= self.latest and bool(self.weekdays >> day.weekday() & 1)

    def days(self, first: date, last: date) -> list[date]:
        """The days of the window between ``first`` and ``last`` (inclusive)."""
        day, found = max(first, self.earliest), []
        while day <= min(last, self.latest):
            if self.fits(day):
                found.append(day)
            day += timedelta(days=1)
        return found


def weekday_mask(days: Iterable[int]) -> int:
    return sum(1 << d for d in set(days))


def weekdays_of(mask: int) -> tuple[int, ...]:
    """The weekdays of a mask, Monday (0) first."""
    return tuple(d for d in range(7) if mask >> d & 1)


def _weekdays(value: object) -> int | None:
    """The mask of weekdays ticked on the form: a list of 0 … 6 (numbers or their text); None if
    anything else arrives."""
    if not isinstance(value, list | tuple | set | frozenset) or len(value) > 7:
        return None
    days = set()
    for item in value:
        text = str(item).strip() if isinstance(item, int | str) and not isinstance(item, bool) else ""
        if len(text) != 1 or text not in "0123456":
            return None
        days.add(int(text))
    return weekday_mask(days)


def _day(value: object) -> tuple[date | None, str | None]:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value, None
    text = inputs.text(value)
    if text is None:
        return None, "field.waitlist_date_invalid"
    if not text.strip():
        return None, "field.required"
    parsed = parse_birth_date(text)  # the same formats: 17.05.2027, 2027-05-17
    return (parsed, None) if parsed else (None, "field.waitlist_date_invalid")


def validate_window(*, earliest: object, latest: object, weekdays: object, today: date, max_days: int) -> Window:
    """The window as entered, or ``InvalidInput`` with a message key per bad field: a real date
    from today on, the latest not before the earliest and at most ``max_days`` ahead, at least one
    weekday."""
    errors: dict[str, str] = {}
    first, err = _day(earliest)
    if err:
        errors["earliest"] = err
    elif first < today:
        errors["earliest"] = "field.waitlist_date_past"
    last, err = _day(latest)
    if err:
        errors["latest"] = err
    elif first is not None and last < first:
        errors["latest"] = "field.waitlist_latest_before_earliest"
    elif last > today + timedelta(days=max_days):
        errors["latest"] = "field.waitlist_latest_too_far"
    mask = _weekdays(weekdays)
    if not mask:
        errors["weekdays"] = "field.waitlist_weekdays_required"
    if errors:
        raise InvalidInput(errors)
    return Window(first, last, mask)


def validate_join(*, family_name: object, given_names: object, birth_date: object, email: object, consent: object,
                  earliest: object, latest: object, weekdays: object, today: date,
                  max_days: int) -> tuple[PersonalData, Window]:
    """Everything the join form asks at once; ``InvalidInput`` names every bad field. The e-mail
    address is required here: the offer of a freed seat comes by mail."""
    errors: dict[str, str] = {}
    person = window = None
    try:
        person = validate_personal_data(family_name=family_name, given_names=given_names, birth_date=birth_date,
                                        email=email, consent=consent, today=today)
    except InvalidInput as e:
        errors.update(e.fields)
    if "email" not in errors and (person is None or not person.email) and not (inputs.text(email) or "").strip():
        errors["email"] = "field.waitlist_email_required"
    try:
        window = validate_window(earliest=earliest, latest=latest, weekdays=weekdays, today=today, max_days=max_days)
    except InvalidInput as e:
        errors.update(e.fields)
    if errors:
        raise InvalidInput(errors)
    return person, window
