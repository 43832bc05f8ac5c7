"""The waitlist under real concurrency: each client a thread with its own engine, released together
by a barrier, on SQLite and PostgreSQL. The last seat of a slot is fought over by matcher rounds of
several workers, public bookings, the offered person's accept and decline (a double click) and the
offer running out: it never has more holders than seats, and it ends either booked or offered,
exactly once. Parallel joins keep one entry per person and the limit per address."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlmodel import Session, select

from terminsystem.domain import codes, status
from terminsystem.domain import waitlist as wl
from terminsystem.domain.errors import DomainError, SlotTaken, TooManyWaitlistJoins, WaitlistRefused
from terminsystem.models import Appointment, SlotClaim, WaitlistEntry, WaitlistOffer
from terminsystem.services import manage, waitlist

from ..race import race
from .waitlist_world import NINE, NO_PAUSE, NOW, RULES, book, full, join, match, someone

CLIENTS = 10


def holder(engine) -> str:
    """Who holds the seat at 09:00: 'booked' (an appointment) or 'offered' (an open offer). Fails
    unless there is exactly one seat and exactly one holder."""
    with Session(engine) as s:
        seats = s.exec(select(SlotClaim).where(SlotClaim.slot_start == NINE)).all()
        booked = s.exec(select(Appointment.id).where(Appointment.starts_at == NINE,
                                                     Appointment.status == status.BOOKED)).all()
        offered = s.exec(select(WaitlistOffer.id).where(WaitlistOffer.starts_at == NINE,
                                                        WaitlistOffer.status == wl.OFFERED)).all()
        open_entries = s.exec(select(WaitlistEntry.id).where(WaitlistEntry.status == wl.OFFERED)).all()
    assert len(seats) == 1, seats  # capacity 1: never more
    assert len(booked) + len(offered) == 1, (booked, offered)  # neither lost nor given twice
    [seat] = seats
    if booked:
        assert seat.appointment_id == booked[0] and seat.held_until is None
        return "booked"
    assert seat.offer_id == offered[0] and len(open_entries) == 1
    return "offered"


def public(engine, i, now):
    try:
        book(engine, NINE, now=now)
        return "public booked"
    except SlotTaken:
        return "taken"


def test_the_last_seat_is_never_offered_twice_and_never_lost(office, report):
    nine_id, _ = full(office)
    line = [join(office, someone(f"L{i}"), now=NOW + timedelta(minutes=i), client=f"198.51.100.{i}") for i in range(4)]
    at = NOW + timedelta(minutes=10)
    manage.cancel(nine_id, now=at, cutoff=timedelta(hours=2), cooldown=NO_PAUSE, engine=office)

    # 1. The freed seat: five workers' matcher rounds against five public bookings.
    def round_or_booking(engine, i):
        return f"offers {match(engine, at).offers}" if i % 2 else public(engine, i, at)

    first = race(office, round_or_booking, CLIENTS)
    outcome = holder(office)
    assert first.count("public booked") + sum(int(o.split()[1]) for o in first if o.startswith("offers")) == 1
    if outcome == "booked":  # a public booking was faster: give the seat back, the matcher gets it now
        with Session(office) as s:
            taken = s.exec(select(Appointment.id).where(Appointment.starts_at == NINE,
                                                        Appointment.status == status.BOOKED)).one()
        manage.cancel(taken, now=at, cutoff=timedelta(hours=2), cooldown=NO_PAUSE, engine=office)
        assert match(office, at).offers == 1
    assert holder(office) == "offered"

    # 2. The offered person clicks accept and decline at once, while rounds run and others book.
    token = next(r.token for r in line if waitlist.view(r.token, now=at, engine=office).status == "offered")
    later = at + timedelta(minutes=30)

    def answer(engine, i):
        try:
            if i == 0:
                return "accepted" if waitlist.accept(token, now=later, per_person=1, engine=engine) else ""
            if i == 1:
                return waitlist.decline(token, now=later, cooldown=NO_PAUSE, engine=engine).status
        except DomainError as e:
            return e.key
        return f"offers {match(engine, later).offers}" if i < 6 else public(engine, i, later)

    second = race(office, answer, CLIENTS)
    assert sorted(second[:2]) in (["accepted", "error.waitlist_offer_gone"], ["error.waitlist_offer_gone", "waiting"])
    outcome = holder(office)
    assert outcome == "booked" if "accepted" in second else True

    # 3. If the seat is offered again: the offer runs out while its person accepts a second before
    # (their clock), rounds expire it (ours) and the public books.
    third = []
    if outcome == "offered":
        with Session(office) as s:
            offer = s.exec(select(WaitlistOffer).where(WaitlistOffer.status == wl.OFFERED)).one()
            token_hash = s.get(WaitlistEntry, offer.entry_id).token_hash
        token = next(r.token for r in line if codes.token_hash(r.token) == token_hash)
        end = offer.expires_at

        def run_out(engine, i):
            if i == 0:
                try:
                    return "accepted" if waitlist.accept(token, now=end - timedelta(seconds=1), per_person=1,
                                                         engine=engine) else ""
                except WaitlistRefused as e:
                    return e.key
            return f"offers {match(engine, end).offers}" if i < 6 else public(engine, i, end)

        third = race(office, run_out, CLIENTS)
        holder(office)
    with Session(office) as s:
        offered_at_nine = s.exec(select(WaitlistOffer.entry_id).where(WaitlistOffer.starts_at == NINE)).all()
    assert len(offered_at_nine) == len(set(offered_at_nine))  # nobody got the same time twice
    report(f"[{office.dialect.name}] last seat: first to {'the public' if 'public booked' in first else 'the list'}; "
           f"answer {sorted(second[:2])}; run-out {third[:1]}; {len(offered_at_nine)} offers in all")


def test_parallel_joins_give_one_entry_per_person_and_respect_the_limit(office, report):
    full(office)
    person = someone("Doppelt")

    def same_person(engine, i):
        try:
            join(engine, replace(person, email=f"p{i}@example.org"), client=f"203.0.113.{i}")
            return "joined"
        except WaitlistRefused as e:
            return e.key

    outcomes = race(office, same_person, 8)
    assert sorted(outcomes) == ["error.waitlist_duplicate"] * 7 + ["joined"]
    limits = replace(RULES, per_client_hour=4)

    def one_address(engine, i):
        try:
            join(engine, someone(f"A{i}"), client="192.0.2.44", rules=limits, now=NOW + timedelta(minutes=2))
            return "joined"
        except TooManyWaitlistJoins:
            return "refused"

    outcomes = race(office, one_address, 12)
    assert outcomes.count("joined") == 4 and outcomes.count("refused") == 8
    with Session(office) as s:
        assert len(s.exec(select(WaitlistEntry)).all()) == 5
    report(f"[{office.dialect.name}] 8 parallel joins of one person: 1 entry; 12 from one address: 4 joined")
