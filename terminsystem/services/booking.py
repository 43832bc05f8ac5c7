"""Booking an appointment: the one place where seats are claimed."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, select

from .. import db
from ..domain import codes, schedule, status
from ..domain.errors import SlotNotBookable, SlotTaken
from ..domain.personal import PersonalData
from ..domain.schedule import BookingPolicy
from ..models import Appointment, BookingReceipt, SlotClaim
from . import schedule as sched

MAX_ATTEMPTS = 5


def book(
    *,
    concern_id: int,
    start: datetime,
    person: PersonalData,
    now: datetime,
    policy: BookingPolicy | None,
    engine: sa.Engine | None = None,
) -> BookingReceipt:
    """Book ``start`` for the concern, or raise ``SlotTaken`` / ``SlotNotBookable``.

    The seat is claimed by inserting ``SlotClaim`` rows; their unique key (team, slot, seat) is
    what prevents two bookings from holding one seat when requests race. A lost race rolls the
    whole transaction back and tries again against fresh counts, so the loser gets ``SlotTaken``.
    ``policy=None`` skips horizon and lead time (staff and demo data only).
    """
    for _ in range(MAX_ATTEMPTS):
        try:
            with db.write_session(engine) as session:
                receipt = _book_once(session, concern_id, start, person, now, policy)
                session.commit()
                return receipt
        except sa.exc.IntegrityError:
            continue  # a seat (or, very rarely, a booking code) was taken meanwhile: retry
    raise SlotTaken()


def _book_once(
    session: Session,
    concern_id: int,
    start: datetime,
    person: PersonalData,
    now: datetime,
    policy: BookingPolicy | None,
) -> BookingReceipt:
    calendar = sched.concern_calendar(session, concern_id, start.date(), start.date())
    if calendar is None or (policy is not None and not policy.allows(start, now)):
        raise SlotNotBookable()
    concern = calendar.concern
    option = schedule.find_option(calendar.options(start.date()), start)
    if option is None:
        raise SlotNotBookable()
    if option.free <= 0:
        raise SlotTaken()

    token = codes.new_token()
    appointment = Appointment(
        team_id=concern.team_id,
        concern_id=concern.id,
        starts_at=option.start,
        ends_at=option.end,
        status=status.BOOKED,
        family_name=person.family_name,
        given_names=person.given_names,
        birth_date=person.birth_date,
        email=person.email,
        booking_code=codes.new_booking_code(),
        token_hash=codes.token_hash(token),
        created_at=now,
    )
    session.add(appointment)
    session.flush()
    for unit in option.units:
        used = set(
            session.exec(
                select(SlotClaim.seat).where(
                    SlotClaim.team_id == concern.team_id, SlotClaim.slot_start == unit
                )
            ).all()
        )
        seat = next((n for n in range(1, option.capacity + 1) if n not in used), None)
        if seat is None:  # PostgreSQL: a concurrent booking committed after our count
            raise SlotTaken()
        session.add(
            SlotClaim(team_id=concern.team_id, slot_start=unit, seat=seat, appointment_id=appointment.id)
        )
    session.flush()
    return BookingReceipt(
        booking_code=appointment.booking_code,
        token=token,
        concern_code=concern.code,
        starts_at=option.start,
        ends_at=option.end,
    )
