"""Rate limits of online booking: per client address and hour, and of everybody together per
minute; a refused booking stores nothing. Exact under concurrency. SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

import pytest
from sqlmodel import Session, func, select

from terminsystem.domain.errors import TooManyBookings
from terminsystem.domain.schedule import BookingLimits, BookingPolicy
from terminsystem.models import Appointment, SlotClaim
from terminsystem.services import booking

from ..helpers import PERSON, concern_id, letters, monday_after
from ..race import label, race

NOW = datetime(2026, 11, 27, 10, 0)  # a Friday
POLICY = BookingPolicy()
MONDAY = monday_after(NOW.date())


def book(engine, n: int, *, client: str, limits: BookingLimits, now=NOW):
    start = datetime.combine(MONDAY, time(8)) + timedelta(minutes=30 * (n % 10))
    person = replace(PERSON, family_name=f"Grenze{letters()}".capitalize())
    return booking.book(concern_id=concern_id(engine, "blaue_karte"), start=start, person=person, now=now,
                        policy=POLICY, client=client, limits=limits, engine=engine)


def counts(engine) -> tuple[int, int]:
    with Session(engine) as s:
        return (s.exec(select(func.count()).select_from(Appointment)).one(),
                s.exec(select(func.count()).select_from(SlotClaim)).one())


def test_one_client_books_a_few_then_is_told_to_wait(office):
    limits = BookingLimits(per_client_hour=3, all_per_minute=100)
    for n in range(3):
        book(office, n, client="203.0.113.7", limits=limits)
    before = counts(office)
    with pytest.raises(TooManyBookings) as e:
        book(office, 3, client="203.0.113.7", limits=limits)
    assert e.value.key == "error.too_many_bookings" and counts(office) == before  # nothing stored
    book(office, 4, client="198.51.100.2", limits=limits)  # another address is not affected
    book(office, 5, client="203.0.113.7", limits=limits, now=NOW + timedelta(hours=1, seconds=1))  # an hour later


def test_everybody_together_is_limited_per_minute(office):
    limits = BookingLimits(per_client_hour=100, all_per_minute=2)
    book(office, 0, client="a", limits=limits)
    book(office, 1, client="b", limits=limits)
    with pytest.raises(TooManyBookings):
        book(office, 2, client="c", limits=limits)
    book(office, 3, client="c", limits=limits, now=NOW + timedelta(minutes=1, seconds=1))
    booking.book(concern_id=concern_id(office, "blaue_karte"), start=datetime.combine(MONDAY, time(12)),
                 person=PERSON, now=NOW, policy=None, engine=office)  # staff and demo data: no limits


def test_a_script_booking_in_parallel_gets_exactly_the_limit(office, report):
    limits = BookingLimits(per_client_hour=4, all_per_minute=100)

    def client(engine, n):
        return book(engine, n, client="192.0.2.66", limits=limits)

    outcomes = [label(o, done="booked") for o in race(office, client, 12, refused=(TooManyBookings,))]
    assert outcomes.count("booked") == 4 and counts(office)[0] == 4
    report(f"[{office.dialect.name}] 12 parallel bookings from one address, limit 4: {sorted(outcomes)}")
