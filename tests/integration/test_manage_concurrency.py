"""The rules of keeping a booking hold under real concurrency: each client a thread with its own
connection pool, released together by a barrier, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, func, select

from terminsystem.domain import status
from terminsystem.domain.checkin import CheckinPolicy
from terminsystem.domain.errors import DomainError, PersonHasAppointment, SlotTaken
from terminsystem.domain.schedule import BookingPolicy
from terminsystem.models import Appointment, PersonClaim, SlotClaim
from terminsystem.services import booking, checkin, manage

from ..helpers import PERSON, concern_id
from ..race import race

CLIENTS = 20
NOW = datetime(2026, 11, 27, 10, 0)
NINE = datetime(2026, 11, 30, 9, 0)  # Monday, 2 seats per slot
TEN = NINE + timedelta(hours=1)


def person(i: int):
    return replace(PERSON, family_name=f"Person{chr(65 + i % 26)}{chr(65 + i // 26)}")


def book(engine, start, who, per_person=None):
    return booking.book(concern_id=concern_id(engine, "blaue_karte"), start=start, person=who, now=NOW,
                        policy=BookingPolicy(), per_person=per_person, engine=engine)


def test_20_rebooks_onto_the_last_seat(office, report):
    book(office, TEN, person(99))  # one of TEN's two seats is taken
    ids = []
    for i in range(CLIENTS):  # 20 bookings spread over other times of the week
        start = datetime.combine(date(2026, 11, 30) + timedelta(days=i // 10), time(8)) + timedelta(minutes=30 * (i % 10))
        start = start if start != TEN else start + timedelta(hours=2, minutes=30)
        receipt = book(office, start, person(i))
        with Session(office) as s:
            ids.append(s.exec(select(Appointment.id).where(Appointment.booking_code == receipt.booking_code)).one())

    def work(engine, i):
        try:
            manage.rebook(ids[i], TEN, now=NOW, cutoff=timedelta(hours=2), policy=BookingPolicy(), engine=engine)
            return "moved"
        except SlotTaken:
            return "taken"

    outcomes = race(office, work, CLIENTS)
    report(f"[{office.dialect.name}] 20 rebooks onto the last seat: {outcomes.count('moved')} moved")
    assert outcomes.count("moved") == 1 and outcomes.count("taken") == CLIENTS - 1
    with Session(office) as s:
        assert s.exec(select(func.count()).select_from(SlotClaim).where(SlotClaim.slot_start == TEN)).one() == 2
        assert s.exec(select(func.count()).select_from(Appointment).where(Appointment.starts_at == TEN)).one() == 2
        # Every appointment holds exactly the seats of its own time: the losers kept theirs.
        rows = s.exec(select(Appointment.starts_at, SlotClaim.slot_start).join(
            SlotClaim, SlotClaim.appointment_id == Appointment.id)).all()
        assert all(a == b for a, b in rows) and len(rows) == CLIENTS + 1


def test_parallel_bookings_of_one_person_give_one(office, report):
    starts = [NINE + timedelta(minutes=30 * (i % 8)) for i in range(10)]

    def work(engine, i):
        try:
            book(engine, starts[i], PERSON, per_person=1)
            return "booked"
        except PersonHasAppointment:
            return "refused"
        except SlotTaken:
            return "taken"

    outcomes = race(office, work, 10)
    report(f"[{office.dialect.name}] 10 parallel bookings of one person: {outcomes.count('booked')} booked")
    assert outcomes.count("booked") == 1 and outcomes.count("refused") == 9
    with Session(office) as s:
        assert s.exec(select(func.count()).select_from(Appointment)).one() == 1
        assert s.exec(select(func.count()).select_from(PersonClaim)).one() == 1


def test_cancel_and_check_in_racing_end_consistent(office, report):
    """Ten rounds: the person cancels online while the same appointment is checked in at the kiosk.
    Exactly one wins each time, and the seats match the outcome."""
    results = []
    for round_ in range(10):
        start = datetime(2026, 12, 1, 8) + timedelta(minutes=30 * round_)
        receipt = book(office, start, person(round_))
        with Session(office) as s:
            aid = s.exec(select(Appointment.id).where(Appointment.booking_code == receipt.booking_code)).one()
        at = start - timedelta(minutes=10)

        def work(engine, i, aid=aid, token=receipt.token, at=at):
            if i == 0:
                try:
                    manage.cancel(aid, now=at, cutoff=timedelta(0), engine=engine)
                    return "cancelled"
                except DomainError:
                    return "not cancelled"
            outcome = checkin.by_token(token, now=at, policy=CheckinPolicy(), engine=engine)
            return "checked in" if outcome.ok else "not checked in"

        outcomes = sorted(race(office, work, 2))
        with Session(office) as s:
            a = s.get(Appointment, aid)
            seats = s.exec(select(func.count()).select_from(SlotClaim).where(SlotClaim.appointment_id == aid)).one()
        if a.status == status.CANCELLED:
            assert outcomes == ["cancelled", "not checked in"] and seats == 0 and a.call_number is None
        else:
            assert a.status == status.CHECKED_IN
            assert outcomes == ["checked in", "not cancelled"] and seats == 1 and a.call_number
        results.append(a.status)
    report(f"[{office.dialect.name}] cancel vs check-in, 10 rounds: {results.count('cancelled')} cancelled, "
           f"{results.count('checked_in')} checked in")
