"""Urgent same-day entries ("individuelle Lösungen für dringende Fälle"): a clerk or team lead
enters a person standing in front of them; they get a call number and join the queue with
priority, outside the booked capacity (a staff decision)."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import select

from .. import db, live
from ..domain import codes, inputs, status
from ..domain.personal import PersonalData
from ..models import CHECKIN_STAFF, Appointment, Concern
from . import audit, call_numbers
from .checkin import Outcome


def create(*, team_id: int, concern_id: int, person: PersonalData, reason: object, now: datetime, by: int,
           engine: sa.Engine | None = None) -> Outcome:
    """Enter an urgent case for ``team_id``; the concern must be one of that team's."""
    reason = inputs.free_text(reason)  # one line of printable text, as typed
    if not reason:
        return Outcome("clerk.urgent_reason_missing")

    def attempt(number: str) -> Outcome:
        with db.write_session(engine) as s:
            concern = s.exec(select(Concern).where(Concern.id == concern_id, Concern.team_id == team_id)).first()
            if concern is None:
                return Outcome("clerk.not_possible")
            appointment = Appointment(
                team_id=team_id, concern_id=concern.id, starts_at=now,
                ends_at=now + timedelta(minutes=concern.duration_minutes), status=status.CHECKED_IN,
                family_name=person.family_name, given_names=person.given_names, birth_date=person.birth_date,
                booking_code=codes.new_booking_code(), token_hash=codes.token_hash(codes.new_token()),
                created_at=now, checked_in_at=now, call_day=now.date(), call_number=number,
                priority=True, urgent=True, urgent_reason=reason, checkin_via=CHECKIN_STAFF,
            )
            s.add(appointment)
            s.flush()
            audit.record(s, "urgent", now, staff_id=by, team_id=team_id, appointment_id=appointment.id,
                         via=audit.STAFF, note=reason, version_after=appointment.version)
            s.commit()
        return Outcome("checkin.success", call_number=number)

    outcome = call_numbers.with_new_number(attempt)
    if outcome.ok:
        live.changed(live.team_channel(team_id))
    return outcome
