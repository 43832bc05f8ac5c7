"""Seats and person claims: what an appointment holds, taken and given back in the caller's
transaction. The unique keys on ``slot_claim`` and ``person_claim`` are what make both limits hold
when requests race; a loser's INSERT fails and its whole transaction rolls back."""

from __future__ import annotations

import hashlib
import hmac
import random
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, delete, select, update

from ..domain import manage, schedule
from ..domain.errors import PersonHasAppointment, SlotTaken
from ..domain.personal import PersonalData, person_key_text
from ..models import Appointment, PersonClaim, SlotClaim
from . import secrets


def take_seats(s: Session, team_id: int, option: schedule.TimeOption, appointment_id: int | None = None, *,
               now: datetime, offer_id: int | None = None, held_until: datetime | None = None) -> None:
    """One seat in every slot of ``option``: the lowest seat number still free in each. Seats whose
    cooldown is over (and the appointment's own held seats, when it moves back) are free again.
    ``offer_id``: the seats are held for a waitlist offer instead, until ``held_until``."""
    own = SlotClaim.appointment_id == appointment_id if appointment_id is not None else sa.false()
    for unit in option.units:
        here = (SlotClaim.team_id == team_id, SlotClaim.slot_start == unit)
        s.exec(delete(SlotClaim).where(*here, SlotClaim.held_until.is_not(None), sa.or_(
            SlotClaim.held_until <= now, own)))
        used = set(s.exec(select(SlotClaim.seat).where(*here)).all())
        seat = next((n for n in range(1, option.capacity + 1) if n not in used), None)
        if seat is None:  # PostgreSQL: a concurrent booking committed after our count
            raise SlotTaken()
        s.add(SlotClaim(team_id=team_id, slot_start=unit, seat=seat, appointment_id=appointment_id, offer_id=offer_id,
                        held_until=held_until))
    s.flush()


def free_seats(s: Session, appointment_id: int, *, now: datetime | None = None,
               cooldown: schedule.Cooldown | None = None) -> None:
    """Give the appointment's seats back: at once, or (``cooldown``) held for a random pause."""
    mine = (SlotClaim.appointment_id == appointment_id, SlotClaim.held_until.is_(None))
    if cooldown is None or now is None or not cooldown.longest:
        s.exec(delete(SlotClaim).where(*mine))
        return
    until = cooldown.until(now, random.SystemRandom().random())
    s.exec(update(SlotClaim).where(*mine).values(held_until=until))


def person_key(person: PersonalData, *, engine=None) -> str:
    """A keyed hash: the table of claims names nobody, and equal hashes mean equal persons."""
    key = secrets.get("person-key", engine=engine)
    return hmac.new(key, person_key_text(person.family_name, person.birth_date).encode(), hashlib.sha256).hexdigest()


def take_persons(s: Session, keys: list[str], appointment_id: int, *, now: datetime, limit: int) -> None:
    """A claim for each person of the appointment, or ``PersonHasAppointment`` when one of them
    already holds ``limit`` open appointments. Claims of appointments that are no longer open
    (cancelled, checked in, over) are cleared first."""
    for key in dict.fromkeys(keys):  # a family member typed twice counts once
        held = s.exec(select(PersonClaim.n, Appointment.status, Appointment.ends_at)
                      .join(Appointment, Appointment.id == PersonClaim.appointment_id)
                      .where(PersonClaim.person_key == key)).all()
        stale = [n for n, state, ends in held if not manage.is_open(state, ends, now)]
        if stale:
            s.exec(delete(PersonClaim).where(PersonClaim.person_key == key, PersonClaim.n.in_(stale)))
        used = {n for n, *_ in held} - set(stale)
        n = next((i for i in range(1, limit + 1) if i not in used), None)
        if n is None:
            raise PersonHasAppointment()
        s.add(PersonClaim(person_key=key, n=n, appointment_id=appointment_id))
    s.flush()


def free_persons(s: Session, appointment_id: int) -> None:
    s.exec(delete(PersonClaim).where(PersonClaim.appointment_id == appointment_id))
