"""A seat given back is offered again only after a random pause, so that it cannot be handed from
one person to another by cancelling and booking at the same moment. SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

import pytest
from sqlmodel import Session, select

from terminsystem.domain.errors import SlotTaken
from terminsystem.domain.schedule import BookingPolicy, Cooldown
from terminsystem.models import SlotClaim
from terminsystem.services import availability, booking, manage, retention, schedule_admin, statistics

from ..helpers import PERSON, concern_id, letters, monday_after, team_id
from ..race import at_once, label, own_engine

NOW = datetime(2026, 11, 27, 10, 0)  # a Friday
POLICY = BookingPolicy()
NINE = datetime.combine(monday_after(NOW.date()), time(9))  # two seats
PAUSE = Cooldown(timedelta(minutes=10), timedelta(minutes=40))
CUTOFF = timedelta(hours=2)


def book(engine, start=NINE, now=NOW):
    person = replace(PERSON, family_name=f"Kühl{letters()}".capitalize())
    return booking.book(concern_id=concern_id(engine, "blaue_karte"), start=start, person=person, now=now,
                        policy=POLICY, engine=engine)


def offered(engine, now, start=NINE) -> bool:
    times = availability.times(concern_id=concern_id(engine, "blaue_karte"), day=start.date(), now=now, policy=POLICY,
                               engine=engine)
    return start in [t.start for t in times]


def _id(engine, code: str) -> int:
    from terminsystem.models import Appointment

    with Session(engine) as s:
        return s.exec(select(Appointment.id).where(Appointment.booking_code == code)).one()


def held_until(engine) -> list[datetime]:
    with Session(engine) as s:
        return list(s.exec(select(SlotClaim.held_until).where(SlotClaim.held_until.is_not(None))).all())


def test_a_cancelled_seat_comes_back_only_after_a_random_pause(office):
    first, second = book(office), book(office)
    assert not offered(office, NOW)  # both seats taken
    manage.cancel(_id(office, second.booking_code), now=NOW, cutoff=CUTOFF, cooldown=PAUSE, engine=office)
    [until] = held_until(office)
    assert NOW + PAUSE.shortest <= until <= NOW + PAUSE.longest
    assert not offered(office, NOW) and not offered(office, NOW + timedelta(minutes=9))
    with pytest.raises(SlotTaken):  # somebody waiting for it right away gets nothing
        book(office, now=NOW + timedelta(minutes=1))
    assert not offered(office, until - timedelta(seconds=1))
    assert offered(office, until)
    book(office, now=until)  # the held seat is given out again, once
    assert held_until(office) == [] and not offered(office, until)
    assert first


def test_a_move_holds_the_old_seat_but_the_person_may_move_back(office):
    receipt, other = book(office), book(office)
    ten = NINE + timedelta(hours=1)
    moved = manage.rebook(_id(office, receipt.booking_code), ten, now=NOW, cutoff=CUTOFF, policy=POLICY,
                          cooldown=PAUSE, engine=office)
    assert moved.starts_at == ten and not offered(office, NOW)  # 09:00 held, not free for others
    back = manage.rebook(_id(office, receipt.booking_code), NINE, now=NOW, cutoff=CUTOFF, policy=POLICY,
                         cooldown=PAUSE, engine=office)
    assert back.starts_at == NINE and other
    with Session(office) as s:
        at_nine = s.exec(select(SlotClaim).where(SlotClaim.slot_start == NINE)).all()
    assert sorted(c.held_until is None for c in at_nine) == [True, True]  # its own hold was taken back


def test_held_seats_are_nobodys_booking(office):
    receipt = book(office)
    manage.cancel(_id(office, receipt.booking_code), now=NOW, cutoff=CUTOFF, cooldown=PAUSE, engine=office)
    team = team_id(office, "beschaeftigung_familie")
    assert schedule_admin.plan_blocked(NINE.date(), team, now=NOW, engine=office) == []
    figures = statistics.report(period="day", first=NINE.date(), last=NINE.date(), now=NOW, team_id=team,
                                engine=office).total
    assert figures.seats_used == 0
    report = retention.sweep(now=NOW + timedelta(hours=1), days=30, engine=office)
    assert report.held_seats == 1 and held_until(office) == []


def test_when_a_pause_ends_exactly_one_of_many_gets_the_seat(office, report):
    book(office)
    manage.cancel(_id(office, book(office).booking_code), now=NOW, cutoff=CUTOFF, cooldown=PAUSE, engine=office)
    later = NOW + PAUSE.longest

    def client(_):
        with own_engine(office) as engine:
            return book(engine, now=later)

    outcomes = [label(o, done="booked") for o in at_once(client, 12, refused=(SlotTaken,))]
    assert sorted(outcomes) == ["booked"] + ["error.slot_taken"] * 11
    with Session(office) as s:
        assert len(s.exec(select(SlotClaim).where(SlotClaim.slot_start == NINE)).all()) == 2
    report(f"[{office.dialect.name}] 12 clients when a seat's pause ends: {outcomes.count('booked')} booked")


def test_no_pause_gives_the_seat_back_at_once(office):
    receipt, _ = book(office), book(office)
    manage.cancel(_id(office, receipt.booking_code), now=NOW, cutoff=CUTOFF,
                  cooldown=Cooldown(timedelta(0), timedelta(0)), engine=office)
    assert held_until(office) == [] and offered(office, NOW)
