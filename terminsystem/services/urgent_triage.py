"""Urgent requests, the team's side: the triage list of a team ordered by the documents' expiry,
offering a time (a normal appointment with its confirmation mail and reminder), answering with a
message, closing a request without mail. Clerks and team leads of the request's team may do this,
admins for every team (``domain.auth.may_act_for_team``, checked against the account as it is now).

Every step is one transaction with a conditional UPDATE on the request's status, so a request is
never offered twice nor answered twice, and an audit row naming the staff member.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, select, update

from .. import db, live, settings
from ..domain import auth
from ..domain import urgent_requests as rules
from ..domain.errors import UrgentRefused
from ..domain.personal import PersonalData
from ..domain.schedule import BookingPolicy
from ..models import Appointment, Concern, DayInfo, Staff, TimeInfo, UrgentRequest
from . import audit, availability, booking, outbox
from .urgent_requests import channel

RECENT = timedelta(days=7)  # handled requests stay on the list this long


@dataclass(frozen=True)
class TriageRow:
    """A request as the team sees it (staff data: names, date of birth, e-mail)."""

    id: int
    number: str
    received_at: datetime
    concern_id: int
    concern_code: str
    permit_kind: str
    permit_expires: date
    days_left: int  # until the document expires; negative: expired
    urgency: str  # how to highlight the days left: expired | critical | soon | later
    family_name: str
    given_names: str
    birth_date: date
    email: str
    lang: str
    description: str
    status: str  # open | offered | answered | closed
    handled_at: datetime | None
    handled_by: str  # the staff member's name
    answer: str
    appointment_start: datetime | None  # the offered appointment
    booking_code: str

    @property
    def offerable(self) -> bool:
        return self.status in rules.OFFERABLE and self.appointment_start is None


@dataclass(frozen=True)
class Triage:
    open: list[TriageRow]  # by expiry, then by receipt
    handled: list[TriageRow]  # handled in the last days, newest first


def _acting(s: Session, by: int, team_id: int) -> Staff:
    """The staff member, if they may work on ``team_id``'s requests now (active account)."""
    staff = s.get(Staff, by)
    if staff is None or not staff.active or not auth.may_act_for_team(staff.role, staff.team_id, team_id):
        raise UrgentRefused("urgent.not_allowed")
    return staff


def triage(team_id: int, *, by: int, now: datetime, engine: sa.Engine | None = None) -> Triage:
    """The team's open requests by expiry date (then by receipt) and those handled lately. Raises
    ``UrgentRefused`` when ``by`` may not see the team's requests."""
    today = now.date()
    with db.read_session(engine) as s:
        _acting(s, by, team_id)
        rows = s.exec(_listed().where(
            UrgentRequest.team_id == team_id, UrgentRequest.anonymised_at.is_(None),
            sa.or_(UrgentRequest.status == rules.OPEN, UrgentRequest.handled_at >= now - RECENT))).all()
    found = [_row(r, code, name, start, booking_code, today) for r, code, name, start, booking_code in rows]
    return Triage(open=sorted((r for r in found if r.status == rules.OPEN),
                              key=lambda r: (r.permit_expires, r.received_at, r.id)),
                  handled=sorted((r for r in found if r.status != rules.OPEN),
                                 key=lambda r: (r.handled_at, r.id), reverse=True))


def _row(r: UrgentRequest, concern_code: str, handled_by: str | None, start: datetime | None,
         booking_code: str | None, today: date) -> TriageRow:
    left = rules.days_left(r.permit_expires, today)
    return TriageRow(id=r.id, number=r.number, received_at=r.received_at, concern_id=r.concern_id,
                     concern_code=concern_code, permit_kind=r.permit_kind, permit_expires=r.permit_expires,
                     days_left=left, urgency=rules.urgency(left), family_name=r.family_name,
                     given_names=r.given_names, birth_date=r.birth_date, email=r.email or "", lang=r.lang,
                     description=r.description or "", status=r.status, handled_at=r.handled_at,
                     handled_by=handled_by or "", answer=r.answer or "", appointment_start=start,
                     booking_code=booking_code or "")


def _request(s: Session, request_id: int, by: int) -> UrgentRequest:
    request = s.get(UrgentRequest, request_id)
    if request is None or request.anonymised_at is not None:
        raise UrgentRefused("urgent.unknown")
    _acting(s, by, request.team_id)
    return request


# --- offering a time ------------------------------------------------------------------------------

def offer_days(request_id: int, *, by: int, now: datetime, policy: BookingPolicy | None = None,
               engine: sa.Engine | None = None) -> list[DayInfo]:
    """The days the team can offer for the request's concern (staff see every free seat from today,
    ``settings.staff_booking_policy``)."""
    with db.read_session(engine) as s:
        concern_id = _request(s, request_id, by).concern_id
    return availability.days(concern_id=concern_id, now=now, policy=policy or settings.staff_booking_policy(),
                             engine=engine)


def offer_times(request_id: int, day: date, *, by: int, now: datetime, policy: BookingPolicy | None = None,
                engine: sa.Engine | None = None) -> list[TimeInfo]:
    """The free start times of ``day`` for the request's concern."""
    with db.read_session(engine) as s:
        concern_id = _request(s, request_id, by).concern_id
    return availability.times(concern_id=concern_id, day=day, now=now,
                              policy=policy or settings.staff_booking_policy(), engine=engine)


def offer_time(request_id: int, start: datetime, *, by: int, now: datetime, policy: BookingPolicy | None = None,
               reminder_before: timedelta | None = None, engine: sa.Engine | None = None) -> TriageRow:
    """Book ``start`` for the person (the usual confirmation mail and reminder, in their language)
    and mark the request offered, in the booking's transaction: the request's conditional UPDATE
    (still open or answered, no appointment yet) fails for the second of two offers at once, and
    that undoes its booking. Raises ``UrgentRefused`` (not allowed, unknown, already offered or
    closed), ``SlotTaken`` or ``SlotNotBookable``. No limit of open appointments per person: a
    staff decision."""
    with db.read_session(engine) as s:
        request = _request(s, request_id, by)
        if request.status not in rules.OFFERABLE or request.appointment_id is not None:
            raise UrgentRefused("urgent.not_open")
        person = PersonalData(family_name=request.family_name, given_names=request.given_names,
                              birth_date=request.birth_date, email=request.email)
        team_id, number, concern_id, lang = request.team_id, request.number, request.concern_id, request.lang

    def mark_offered(session: Session, appointment_id: int) -> None:
        taken = session.exec(update(UrgentRequest).where(
            UrgentRequest.id == request_id, UrgentRequest.status.in_(rules.OFFERABLE),
            UrgentRequest.appointment_id.is_(None), UrgentRequest.anonymised_at.is_(None),
        ).values(status=rules.OFFERED, appointment_id=appointment_id, handled_at=now, handled_by=by)).rowcount
        if taken != 1:
            raise UrgentRefused("urgent.not_open")
        audit.record(session, "urgent_offer", now, staff_id=by, team_id=team_id, appointment_id=appointment_id,
                     via=audit.STAFF, note=number, entity="urgent_request", entity_id=request_id)

    booking.book(concern_id=concern_id, start=start, person=person, now=now,
                 policy=policy or settings.staff_booking_policy(), lang=lang, reminder_before=reminder_before,
                 engine=engine, within=mark_offered)
    live.changed(channel(team_id))
    return _one(request_id, now, engine)


# --- answering and closing ------------------------------------------------------------------------

def answer(request_id: int, text: object, *, by: int, now: datetime, engine: sa.Engine | None = None) -> TriageRow:
    """Answer an open request with a message (``text`` as typed; lines kept): it is mailed to the
    person in their language with translated framing. Raises ``UrgentRefused`` (no text, not
    allowed, unknown, not open)."""
    text = rules.answer_text(text)
    if not text:
        raise UrgentRefused("urgent.answer_missing")
    return _handle(request_id, by, now, engine, action="urgent_answer", status=rules.ANSWERED, answer=text)


def close(request_id: int, *, by: int, now: datetime, engine: sa.Engine | None = None) -> TriageRow:
    """Drop an open request without a mail (a duplicate, nonsense). Raises ``UrgentRefused``."""
    return _handle(request_id, by, now, engine, action="urgent_close", status=rules.CLOSED, answer=None)


def _handle(request_id: int, by: int, now: datetime, engine, *, action: str, status: str,
            answer: str | None) -> TriageRow:
    with db.write_session(engine) as s:
        request = _request(s, request_id, by)
        done = s.exec(update(UrgentRequest).where(
            UrgentRequest.id == request_id, UrgentRequest.status == rules.OPEN, UrgentRequest.anonymised_at.is_(None),
        ).values(status=status, answer=answer, handled_at=now, handled_by=by)).rowcount
        if done != 1:
            raise UrgentRefused("urgent.not_open")
        if answer:
            outbox.enqueue(s, "urgent_answer", now=now, request_id=request_id)
        audit.record(s, action, now, staff_id=by, team_id=request.team_id, via=audit.STAFF, note=request.number,
                     entity="urgent_request", entity_id=request_id)
        s.commit()
        team_id = request.team_id
    if answer:
        outbox.wake()
    live.changed(channel(team_id))
    return _one(request_id, now, engine)


def _one(request_id: int, now: datetime, engine) -> TriageRow:
    with db.read_session(engine) as s:
        r, code, name, start, booking_code = s.exec(_listed().where(UrgentRequest.id == request_id)).one()
    return _row(r, code, name, start, booking_code, now.date())


def _listed():
    """A request with what the list shows of it: concern, who handled it, the offered appointment."""
    return (select(UrgentRequest, Concern.code, Staff.display_name, Appointment.starts_at, Appointment.booking_code)
            .join(Concern, Concern.id == UrgentRequest.concern_id)
            .outerjoin(Staff, Staff.id == UrgentRequest.handled_by)
            .outerjoin(Appointment, Appointment.id == UrgentRequest.appointment_id))
