"""Reserved urgent seats (``TS_URGENT_SEATS``): online booking, moves and the waitlist leave that
many seat-slots of a team's day free; the team's offer to an urgent request may use them.
SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from terminsystem.domain.errors import SlotTaken
from terminsystem.domain.schedule import BookingPolicy
from terminsystem.services import availability, booking

from ..helpers import PERSON, concern_id, letters, monday_after

NOW = datetime(2026, 11, 27, 10, 0)  # a Friday
MONDAY = monday_after(NOW.date())
ONLINE = BookingPolicy(urgent_seats=2)
STAFF = BookingPolicy(min_days_ahead=0, lead_time=timedelta(0), follows_release=False)


def book(engine, start, policy):
    person = replace(PERSON, family_name=f"Reserve{letters()}".capitalize())
    return booking.book(concern_id=concern_id(engine, "blaue_karte"), start=start, person=person, now=NOW,
                        policy=policy, engine=engine)


def times(engine, policy) -> list[datetime]:
    return [t.start for t in availability.times(concern_id=concern_id(engine, "blaue_karte"), day=MONDAY, now=NOW,
                                                policy=policy, engine=engine)]


def day_state(engine, policy) -> str:
    days = availability.days(concern_id=concern_id(engine, "blaue_karte"), now=NOW, policy=policy, engine=engine)
    return next(d.state for d in days if d.day == MONDAY)


def test_online_booking_leaves_the_reserved_seats_of_the_day_to_urgent_offers(office):
    seats = {t.start: t.free for t in availability.times(concern_id=concern_id(office, "blaue_karte"), day=MONDAY,
                                                         now=NOW, policy=STAFF, engine=office)}
    total = sum(seats.values())
    assert total >= 4
    # Everything but three seat-slots of the day is booked (by anybody).
    for start in [start for start, free in seats.items() for _ in range(free)][: total - 3]:
        book(office, start, STAFF)
    # Three free, two reserved: one more online booking, then the day is full online ...
    assert times(office, ONLINE) and day_state(office, ONLINE) == "available"
    book(office, times(office, ONLINE)[0], ONLINE)
    assert times(office, ONLINE) == [] and day_state(office, ONLINE) == "full"
    with pytest.raises(SlotTaken):
        book(office, times(office, STAFF)[0], ONLINE)
    # ... while without a reserve (the office's default) and for the team's offers two are left.
    assert times(office, BookingPolicy()) != []
    book(office, times(office, STAFF)[0], STAFF)
    book(office, times(office, STAFF)[0], STAFF)
    assert times(office, STAFF) == []
