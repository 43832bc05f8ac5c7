"""A small office for the waitlist tests: the team of 'blaue_karte' receives only on Monday
30 November 2026, 09:00 and 09:30, and on Tuesday at 09:00, one seat each, and the booking horizon
is one week from Friday 27 November; so three bookings fill everything."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, delete, select

from terminsystem import db
from terminsystem.domain import waitlist as wl
from terminsystem.domain.personal import PersonalData
from terminsystem.domain.schedule import BookingPolicy, Cooldown
from terminsystem.models import Appointment, Concern, OpeningWindow, SlotClaim, WaitlistEntry, WaitlistOffer
from terminsystem.services import booking, waitlist, waitlist_match

from ..helpers import concern_id, letters

NOW = datetime(2026, 11, 27, 10, 0)  # a Friday
MONDAY = date(2026, 11, 30)
NINE, HALF = datetime.combine(MONDAY, time(9)), datetime.combine(MONDAY, time(9, 30))
TUESDAY = datetime.combine(MONDAY + timedelta(days=1), time(9))
POLICY = BookingPolicy(min_days_ahead=1, max_days_ahead=7, lead_time=timedelta(hours=12))
RULES = wl.WaitlistRules(offer_hours=2, days=90, per_client_hour=3, all_per_minute=20)
NO_PAUSE = Cooldown(timedelta(0), timedelta(0))
PAUSE = Cooldown(timedelta(minutes=10), timedelta(minutes=40))
MONDAYS = wl.weekday_mask([0])
CONCERN = "blaue_karte"


def small_office(engine) -> int:
    """The concern's team opens only Mondays 09:00-10:00 and Tuesdays 09:00-09:30 with one seat;
    the concern's id."""
    concern = concern_id(engine, CONCERN)
    with db.write_session(engine) as s:
        team = s.get(Concern, concern).team_id
        s.exec(delete(OpeningWindow).where(OpeningWindow.team_id == team))
        s.add(OpeningWindow(team_id=team, weekday=0, start_time=time(9), end_time=time(10), slot_minutes=30,
                            parallel=1))
        s.add(OpeningWindow(team_id=team, weekday=1, start_time=time(9), end_time=time(9, 30), slot_minutes=30,
                            parallel=1))
        s.commit()
    return concern


_BORN = itertools.count(1)


def someone(tag: str = "", email: bool = True) -> PersonalData:
    """A new person: own names, own date of birth, own address."""
    name = f"Warte{tag}{letters(6)}".title()
    return PersonalData(family_name=name, given_names=letters(5).title(),
                        birth_date=date(1950, 1, 1) + timedelta(days=37 * next(_BORN)),
                        email=f"{letters(8)}@example.org" if email else None)


def book(engine, start: datetime, now: datetime = NOW) -> int:
    receipt = booking.book(concern_id=concern_id(engine, CONCERN), start=start, person=someone("Gebucht", email=False), now=now,
                           policy=POLICY, engine=engine)
    with Session(engine) as s:
        return s.exec(select(Appointment.id).where(Appointment.booking_code == receipt.booking_code)).one()


def full(engine) -> tuple[int, int]:
    """The small office with every seat booked; the ids of Monday's appointments."""
    small_office(engine)
    book(engine, TUESDAY)
    return book(engine, NINE), book(engine, HALF)


def join(engine, person=None, *, weekdays=MONDAYS, now=NOW, client="198.51.100.7", rules=RULES,
         earliest=MONDAY - timedelta(days=2), latest=MONDAY + timedelta(days=20), companions=()):
    return waitlist.join(concern_id=concern_id(engine, CONCERN), person=person or someone(),
                         window=wl.Window(earliest, latest, weekdays), now=now, policy=POLICY, rules=rules,
                         client=client, companions=companions, engine=engine)


def match(engine, now=NOW, cooldown=NO_PAUSE):
    return waitlist_match.match(now=now, policy=POLICY, rules=RULES, cooldown=cooldown, per_person=1, engine=engine)


def claims_at(engine, start: datetime) -> list[SlotClaim]:
    with Session(engine) as s:
        return list(s.exec(select(SlotClaim).where(SlotClaim.slot_start == start)).all())


def offers(engine) -> list[WaitlistOffer]:
    with Session(engine) as s:
        return list(s.exec(select(WaitlistOffer).order_by(WaitlistOffer.id)).all())


def entry(engine, entry_id: int) -> WaitlistEntry:
    with Session(engine) as s:
        return s.get(WaitlistEntry, entry_id)


def entry_id(engine, token: str) -> int:
    from terminsystem.domain import codes

    with Session(engine) as s:
        return s.exec(select(WaitlistEntry.id).where(WaitlistEntry.token_hash == codes.token_hash(token))).one()
