"""Booking an appointment: the one place where new appointments claim seats."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session

from .. import db
from ..domain import codes, schedule, status
from ..domain.errors import SlotNotBookable, SlotTaken, TooManyBookings
from ..domain.personal import PersonalData
from ..domain.schedule import BookingLimits, BookingPolicy
from ..models import Appointment, AppointmentPerson, BookingReceipt, Concern
from . import attempts, claims, confirmations, outbox
from . import schedule as sched

MAX_ATTEMPTS = 5
BOOKED = "book"  # the attempt kind of a booking


def book(
    *,
    concern_id: int,
    start: datetime,
    person: PersonalData,
    now: datetime,
    policy: BookingPolicy | None,
    companions: tuple[PersonalData, ...] = (),
    per_person: int | None = None,
    lang: str = "de",
    reminder_before: timedelta | None = None,
    client: str | None = None,
    limits: BookingLimits | None = None,
    engine: sa.Engine | None = None,
    within: Callable[[Session, int], None] | None = None,
) -> BookingReceipt:
    """Book ``start`` for the concern, or raise ``SlotTaken`` / ``SlotNotBookable`` /
    ``PersonHasAppointment``; with ``limits`` (the public page) ``TooManyBookings`` when ``client``
    (its address) or everybody together booked too much lately.

    ``companions``: further persons of a family appointment (it takes the concern's duration once
    per person). ``per_person``: how many open appointments one person may hold (None: no limit,
    for staff and demo data). ``policy=None`` skips horizon and lead time (staff and demo data only).

    Seats and person claims are rows with unique keys, which is what holds when requests race: a
    lost race rolls the whole transaction back and tries again against fresh counts, so the loser
    gets ``SlotTaken`` (or ``PersonHasAppointment``). The confirmation mail (and the reminder) enter
    the outbox in the same transaction: a booking and its mail happen together or not at all.

    ``within(session, appointment_id)``: the caller's own writes in the booking's transaction (an
    urgent request marked offered); whatever it raises undoes the booking too.
    """
    keys = [claims.person_key(p, engine=engine) for p in (person, *companions)] if per_person else []
    for _ in range(MAX_ATTEMPTS):
        try:
            with db.write_session(engine) as session:
                if limits is not None:
                    attempts.count_within(session, BOOKED, client or "unknown", now=now,
                                          per_client_hour=limits.per_client_hour,
                                          all_per_minute=limits.all_per_minute, refused=TooManyBookings)
                receipt, appointment_id = _book_once(session, concern_id, start, person, companions, now, policy, lang)
                if per_person:
                    claims.take_persons(session, keys, appointment_id, now=now, limit=per_person)
                if person.email:
                    _queue_mails(session, appointment_id, receipt.starts_at, now, reminder_before)
                if within is not None:
                    within(session, appointment_id)
                session.commit()
        except sa.exc.IntegrityError:
            continue  # a seat, a person claim or (very rarely) a code was taken meanwhile: retry
        if person.email:
            outbox.wake()
        return receipt
    raise SlotTaken()


def _queue_mails(s: Session, appointment_id: int, starts_at: datetime, now: datetime,
                 reminder_before: timedelta | None) -> None:
    outbox.enqueue(s, "confirmation", appointment_id, now=now)
    if reminder_before and starts_at - reminder_before > now:
        outbox.enqueue(s, "reminder", appointment_id, now=now, due=starts_at - reminder_before)


queue_mails = _queue_mails  # the confirmation and reminder of an accepted waitlist offer too


def _book_once(
    session: Session,
    concern_id: int,
    start: datetime,
    person: PersonalData,
    companions: tuple[PersonalData, ...],
    now: datetime,
    policy: BookingPolicy | None,
    lang: str,
) -> tuple[BookingReceipt, int]:
    persons = 1 + len(companions)
    concern = session.get(Concern, concern_id)
    if concern is not None:
        sched.lock_team(session, concern.team_id)
    calendar = sched.concern_calendar(session, concern_id, start.date(), start.date(), persons=persons, now=now)
    if calendar is None or (policy is not None and not calendar.policy(policy).allows(start, now)):
        raise SlotNotBookable()
    concern = calendar.concern
    option = schedule.find_option(calendar.options(start.date(), policy.urgent_seats if policy else 0), start)
    if option is None:
        raise SlotNotBookable()
    if option.free <= 0:
        raise SlotTaken()
    receipt, appointment_id = new_appointment(session, concern, option.start, option.end, person, companions, now,
                                              lang)
    claims.take_seats(session, concern.team_id, option, appointment_id, now=now)
    return receipt, appointment_id


def new_appointment(session: Session, concern: Concern, start: datetime, end: datetime, person: PersonalData,
                    companions: tuple[PersonalData, ...], now: datetime, lang: str) -> tuple[BookingReceipt, int]:
    """The appointment row, its further persons and tokens, in the caller's transaction; the
    caller gives it its seats (a booking takes them, an accepted waitlist offer hands over its own)."""
    persons = 1 + len(companions)
    nonce = codes.new_nonce()
    token, manage = confirmations.checkin_token(nonce), confirmations.manage_token(nonce)
    appointment = Appointment(
        team_id=concern.team_id,
        concern_id=concern.id,
        starts_at=start,
        ends_at=end,
        status=status.BOOKED,
        family_name=person.family_name,
        given_names=person.given_names,
        birth_date=person.birth_date,
        email=person.email,
        booking_code=codes.new_booking_code(),
        token_hash=codes.token_hash(token),
        link_nonce=nonce,
        manage_token_hash=codes.token_hash(manage),
        lang=lang,
        persons=persons,
        created_at=now,
    )
    session.add(appointment)
    session.flush()
    for position, other in enumerate(companions, start=2):
        session.add(AppointmentPerson(appointment_id=appointment.id, position=position, family_name=other.family_name,
                                      given_names=other.given_names, birth_date=other.birth_date))
    receipt = BookingReceipt(
        booking_code=appointment.booking_code,
        token=token,
        concern_code=concern.code,
        starts_at=start,
        ends_at=end,
        manage_token=manage,
        persons=persons,
    )
    return receipt, appointment.id
