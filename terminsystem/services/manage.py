"""A person's own booking: found by the manage link or by booking code + date of birth; cancelled
or moved by the person (until the cut-off) or by staff on their behalf. Every change is one
transaction: a conditional UPDATE on the appointment's version, its seats and person claims, the
mails and the audit row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, select, update

from .. import db, live
from ..domain import codes, manage, schedule, status
from ..domain.errors import NotChangeable, SlotNotBookable, SlotTaken, TooManyLookups
from ..domain.schedule import BookingPolicy, Cooldown
from ..models import Appointment, AppointmentPerson, Concern
from . import attempts, audit, claims, confirmations, outbox, waitlist_match
from . import schedule as sched

MAX_ATTEMPTS = 5
LOOKUP, LOOKUP_WINDOW = "manage", timedelta(hours=1)  # attempt kind of a lookup; misses per client are counted per hour


@dataclass(frozen=True)
class Booking:
    """What the manage page shows: no names, no date of birth, no e-mail address."""

    id: int
    booking_code: str
    concern_id: int
    concern_code: str
    starts_at: datetime
    ends_at: datetime
    persons: int
    status: str
    problem: str | None  # why it cannot be changed now (a message key), None if it can
    has_email: bool
    manage_token: str  # for the download links; "" for bookings made before there were links


def load(appointment_id: int, *, now: datetime, cutoff: timedelta, engine: sa.Engine | None = None) -> Booking | None:
    with db.read_session(engine) as s:
        a = s.get(Appointment, appointment_id)
        if a is None:
            return None
        concern = s.get(Concern, a.concern_id)
        return Booking(id=a.id, booking_code=a.booking_code, concern_id=a.concern_id, concern_code=concern.code,
                       starts_at=a.starts_at, ends_at=a.ends_at, persons=a.persons, status=a.status,
                       problem=manage.change_problem(a.status, a.starts_at, now, cutoff), has_email=bool(a.email),
                       manage_token=confirmations.manage_token(a.link_nonce) if a.link_nonce else "")


def find(booking_code: object, born: date | None, *, client: str, now: datetime, per_hour: int,
         all_per_minute: int | None = None, engine: sa.Engine | None = None) -> int | None:
    """The appointment with this booking code of which one person has this date of birth. A wrong
    code or date gives None like an unknown one. Raises ``TooManyLookups`` after ``per_hour``
    failures of a client (until the hour is over), and when everybody together looked up more
    than ``all_per_minute`` times in the last minute."""
    code = codes.normalize_booking_code(booking_code)
    with db.write_session(engine) as s:
        if all_per_minute is not None:
            attempts.serialize(s, LOOKUP)
        if (attempts.too_many(s, LOOKUP, client, now=now, window=LOOKUP_WINDOW, limit=per_hour)
                or (all_per_minute is not None and attempts.too_many(
                    s, LOOKUP, attempts.EVERYBODY, now=now, window=timedelta(minutes=1), limit=all_per_minute))):
            raise TooManyLookups()
        if all_per_minute is not None:
            attempts.record(s, LOOKUP, attempts.EVERYBODY, now=now)
        found = None
        if born is not None:
            found = s.exec(select(Appointment.id).where(
                Appointment.booking_code == code, Appointment.anonymised_at.is_(None),
                sa.or_(Appointment.birth_date == born, Appointment.id.in_(
                    select(AppointmentPerson.appointment_id).where(AppointmentPerson.birth_date == born))),
            )).first()
        if found is None:
            attempts.failed(s, LOOKUP, client, now=now)
        s.commit()
        return found


def cancel(appointment_id: int, *, now: datetime, cutoff: timedelta, by: int | None = None,
           cooldown: Cooldown | None = None, engine: sa.Engine | None = None) -> None:
    """Cancel: the seats (after the ``cooldown``) and person claims are free again in the same
    transaction, a pending reminder is dropped and a cancellation mail queued. ``by``: a clerk
    acting for the person (no cut-off for them; the appointment must still be booked and not
    begun). Raises ``NotChangeable``."""
    with db.write_session(engine) as s:
        a = _changeable(s, appointment_id, now, cutoff, by)
        _cancel(s, a, now, by, mail="cancelled", via=audit.STAFF if by else audit.ONLINE, cooldown=cooldown)
        s.commit()
        team_id, mailed = a.team_id, bool(a.email)
    _after_change(team_id, mailed, (a.starts_at,), now)


def rebook(appointment_id: int, start: datetime, *, now: datetime, cutoff: timedelta, policy: BookingPolicy | None,
           reminder_before: timedelta | None = None, by: int | None = None, cooldown: Cooldown | None = None,
           engine: sa.Engine | None = None) -> Booking:
    """Move the booking to ``start`` (same concern, same persons): the new seats are taken and the
    old ones freed (after the ``cooldown``) in one transaction, so either both happen or nothing
    changes. Staff (``by``)
    may move it to any time the team offers (``policy=None``). Raises ``NotChangeable``,
    ``SlotTaken`` or ``SlotNotBookable``."""
    for _ in range(MAX_ATTEMPTS):
        try:
            with db.write_session(engine) as s:
                old = _rebook_once(s, appointment_id, start, now, cutoff, policy, reminder_before, by, cooldown)
                s.commit()
                break
        except sa.exc.IntegrityError:
            continue  # a seat was taken meanwhile: count again
    else:
        raise SlotTaken()
    booking = load(appointment_id, now=now, cutoff=cutoff, engine=engine)
    team_id, mailed, old_start = old
    _after_change(team_id, mailed, (old_start, booking.starts_at), now)
    return booking


def _rebook_once(s: Session, appointment_id: int, start: datetime, now: datetime, cutoff: timedelta,
                 policy: BookingPolicy | None, reminder_before: timedelta | None, by: int | None,
                 cooldown: Cooldown | None):
    a = _changeable(s, appointment_id, now, cutoff, by)
    if start == a.starts_at or start <= now:
        raise SlotNotBookable()
    sched.lock_team(s, a.team_id)
    calendar = sched.concern_calendar(s, a.concern_id, start.date(), start.date(), persons=a.persons, exclude=a.id,
                                      now=now)
    if calendar is not None and policy is not None and not calendar.policy(policy).allows(start, now):
        raise SlotNotBookable()
    reserve = policy.urgent_seats if policy else 0
    option = schedule.find_option(calendar.options(start.date(), reserve), start) if calendar else None
    if option is None:
        raise SlotNotBookable()
    if option.free <= 0:
        raise SlotTaken()
    old = (a.team_id, bool(a.email), a.starts_at)
    claims.free_seats(s, a.id, now=now, cooldown=cooldown)
    version = _bump(s, a, starts_at=option.start, ends_at=option.end)
    claims.take_seats(s, a.team_id, option, a.id, now=now)
    if a.email:
        outbox.drop_pending(s, a.id, ("reminder",))
        outbox.enqueue(s, "rebooked", a.id, now=now)
        if reminder_before and option.start - reminder_before > now:
            outbox.enqueue(s, "reminder", a.id, now=now, due=option.start - reminder_before)
    audit.record(s, "rebook", now, staff_id=by, team_id=a.team_id, appointment_id=a.id,
                 via=audit.STAFF if by else audit.ONLINE, version_after=version,
                 change={"before": {"starts_at": old[2].isoformat()}, "after": {"starts_at": option.start.isoformat()}})
    return old


def withdraw(s: Session, appointment_id: int, *, now: datetime, by: int | None) -> bool:
    """The office cancels a booked appointment (closed day, shorter hours, fewer seats, a concern
    ended), inside the caller's transaction: like ``cancel``, but the person gets the "withdrawn"
    mail (in their language, with a link to book another time). False if it is no longer booked."""
    a = s.get(Appointment, appointment_id)
    if a is None or a.status != status.BOOKED:
        return False
    _cancel(s, a, now, by, mail="withdrawn", via=audit.STAFF, reason=audit.OFFICE)
    return True


def _cancel(s: Session, a: Appointment, now: datetime, by: int | None, *, mail: str, via: str,
            reason: str | None = None, cooldown: Cooldown | None = None) -> None:
    """The seats and person claims are free again, pending mails about the appointment dropped,
    the person told (``mail``) if they gave an address, and the audit row written."""
    version = _bump(s, a, status=status.CANCELLED, cancelled_at=now)
    claims.free_seats(s, a.id, now=now, cooldown=cooldown)
    claims.free_persons(s, a.id)
    outbox.drop_pending(s, a.id, ("reminder", "confirmation", "rebooked"))
    if a.email:
        outbox.enqueue(s, mail, a.id, now=now)
    audit.record(s, "cancel", now, staff_id=by, team_id=a.team_id, appointment_id=a.id, via=via, reason=reason,
                 version_after=version)


def _changeable(s: Session, appointment_id: int, now: datetime, cutoff: timedelta, by: int | None) -> Appointment:
    a = s.get(Appointment, appointment_id)
    if a is None:
        raise NotChangeable("manage.unknown")
    problem = manage.change_problem(a.status, a.starts_at, now, timedelta(0) if by else cutoff)
    if problem:
        raise NotChangeable(problem)
    return a


def _bump(s: Session, a: Appointment, **values) -> int:
    """One conditional UPDATE: only the version we decided on, and only while still booked (a
    check-in or a second tab that got there first wins; we change nothing)."""
    version = a.version + 1
    result = s.exec(update(Appointment).where(Appointment.id == a.id, Appointment.version == a.version,
                                              Appointment.status == status.BOOKED).values(**values, version=version))
    if result.rowcount != 1:
        raise NotChangeable("manage.changed")
    return version


def _after_change(team_id: int, mailed: bool, starts: tuple[datetime, ...], now: datetime) -> None:
    """Tell open pages: a change of today shows on the team's dashboard at once; mail goes out now."""
    if any(start.date() == now.date() for start in starts):
        live.changed(live.team_channel(team_id))
    if mailed:
        outbox.wake()
    waitlist_match.kick()  # a seat was given back (only a signal: the round runs in the background)


@dataclass(frozen=True)
class StaffBooking:
    """A booking as staff see it when they act for the person (names, but no date of birth or e-mail)."""

    id: int
    team_id: int
    booking_code: str
    concern_id: int
    concern_code: str
    starts_at: datetime
    persons: tuple[str, ...]
    status: str
    problem: str | None  # for staff there is no cut-off: only "not booked" or "begun" stops a change


def for_staff(booking_code: object, *, team_id: int | None, now: datetime,
              engine: sa.Engine | None = None) -> StaffBooking | None:
    """The booking with this code, if it belongs to ``team_id`` (None: any team, the admin)."""
    code = codes.normalize_booking_code(booking_code)
    with db.read_session(engine) as s:
        a = s.exec(select(Appointment).where(Appointment.booking_code == code)).first()
        if a is None or (team_id is not None and a.team_id != team_id):
            return None
        concern = s.get(Concern, a.concern_id)
        return StaffBooking(id=a.id, team_id=a.team_id, booking_code=a.booking_code, concern_id=a.concern_id,
                            concern_code=concern.code, starts_at=a.starts_at,
                            persons=confirmations.person_names(s, a), status=a.status,
                            problem=manage.change_problem(a.status, a.starts_at, now, timedelta(0)))
