"""Booking and availability on a real SQLite file created by the migrations."""

from datetime import date, datetime, time, timedelta

import pytest
from sqlmodel import Session, select

from terminsystem.domain import codes
from terminsystem.domain.errors import SlotNotBookable, SlotTaken
from terminsystem.domain.schedule import BookingPolicy
from terminsystem.models import BlockedDay, SlotClaim
from terminsystem.services import availability, booking

from ..helpers import PERSON, appointments, concern_id, monday_after

NOW = datetime(2026, 11, 27, 10, 0)  # a Friday
POLICY = BookingPolicy()
MONDAY = monday_after(NOW.date())  # 2026-11-30


NINE = datetime.combine(MONDAY, time(9))


def book(engine, code="blaue_karte", start=NINE, person=PERSON, now=NOW, policy=POLICY):
    return booking.book(concern_id=concern_id(engine, code), start=start, person=person, now=now,
                        policy=policy, engine=engine)


def test_booking_stores_the_person_a_code_and_only_a_token_hash(office):
    receipt = book(office)
    [stored] = appointments(office)
    assert stored.family_name == "Mustermann" and stored.birth_date == date(1964, 8, 12)
    assert stored.status == "booked"
    assert stored.booking_code == receipt.booking_code
    assert stored.token_hash == codes.token_hash(receipt.token)
    assert receipt.token not in (stored.token_hash, stored.booking_code)
    assert (stored.starts_at, stored.ends_at) == (datetime.combine(MONDAY, time(9)), datetime.combine(MONDAY, time(9, 30)))


def test_a_slot_takes_two_people_then_is_taken(office):
    book(office)
    book(office, code="fachkraft")  # same team, same slot, second clerk
    with pytest.raises(SlotTaken):
        book(office, code="verlaengerung")
    assert len(appointments(office)) == 2
    # The other team has its own clerks: the same time is still free there.
    book(office, code="duldung")


def test_a_60_minute_concern_holds_two_consecutive_slots(office):
    book(office, code="niederlassungserlaubnis", start=datetime.combine(MONDAY, time(10)))
    with Session(office) as s:
        claims = s.exec(select(SlotClaim.slot_start)).all()
    assert sorted(c.time() for c in claims) == [time(10), time(10, 30)]


def test_full_slot_disappears_from_times_and_full_day_shows_as_full(office):
    cid = concern_id(office, "blaue_karte")
    nine = datetime.combine(MONDAY, time(9))
    book(office, start=nine)
    book(office, start=nine)
    times = availability.times(concern_id=cid, day=MONDAY, now=NOW, policy=POLICY, engine=office)
    assert nine not in [t.start for t in times]
    assert len(times) == 9
    for t in times:
        book(office, start=t.start)
        book(office, start=t.start)
    days = {d.day: d.state for d in availability.days(concern_id=cid, now=NOW, policy=POLICY, engine=office)}
    assert days[MONDAY] == "full"
    assert days[MONDAY + timedelta(days=1)] == "available"
    assert days[MONDAY - timedelta(days=1)] == "closed"  # Sunday


def test_horizon_lead_time_holidays_and_blocked_days_are_not_bookable(office):
    sunday_evening = datetime(2026, 11, 29, 21, 0)  # Sunday 21:00: Monday 08:30 is 11.5 h away
    with pytest.raises(SlotNotBookable):
        book(office, start=datetime.combine(MONDAY, time(8, 30)), now=sunday_evening)
    with pytest.raises(SlotNotBookable):
        book(office, start=datetime(2027, 1, 11, 9))  # 45 days ahead
    with pytest.raises(SlotNotBookable):
        book(office, start=datetime(2026, 12, 25, 9), now=datetime(2026, 12, 1, 9))  # Christmas
    with pytest.raises(SlotNotBookable):
        book(office, start=datetime(2026, 12, 24, 9), now=datetime(2026, 12, 1, 9))  # office closed
    with pytest.raises(SlotNotBookable):
        book(office, start=datetime.combine(MONDAY, time(9, 10)))  # not a slot start
    with pytest.raises(SlotNotBookable):
        book(office, start=datetime.combine(MONDAY, time(14)))  # after hours
    with Session(office) as s:
        s.add(BlockedDay(day=MONDAY, reason="Betriebsausflug"))
        s.commit()
    with pytest.raises(SlotNotBookable):
        book(office)
    assert appointments(office) == []
    # Staff (policy=None) may book outside the horizon, never outside opening hours.
    book(office, start=datetime.combine(MONDAY + timedelta(days=1), time(8)), policy=None, now=datetime(2026, 12, 1, 7))
    assert len(appointments(office)) == 1


def test_unknown_or_inactive_concern_is_not_bookable(office):
    with pytest.raises(SlotNotBookable):
        booking.book(concern_id=9999, start=datetime.combine(MONDAY, time(9)), person=PERSON,
                     now=NOW, policy=POLICY, engine=office)


def test_days_cover_the_horizon(office):
    days = availability.days(concern_id=concern_id(office, "duldung"), now=NOW, policy=POLICY, engine=office)
    assert days[0].day == NOW.date() + timedelta(days=1)
    assert days[-1].day == NOW.date() + timedelta(days=42)
    assert {d.day for d in days if d.state == "closed"} >= {date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26)}
