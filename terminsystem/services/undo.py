"""Undo of a clerk's own last action within a short time. Each undoable action stores in its
audit row the appointment's changed fields before it and the version it left the appointment at;
undo writes the "before" values back in one conditional UPDATE that only matches while the
appointment still has that version. Any later change by anyone – even one that leaves the same
fields as they were, like "done" after a recall – raises the version, so an undo never rewinds
what somebody did in the meantime."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import select, update

from .. import db, live
from ..domain import transitions
from ..models import Appointment, AuditEvent
from . import audit

_DATETIMES = {"checked_in_at", "called_at", "finished_at", "parked_at"}
_DATES = {"call_day"}
# An undo or an urgent entry is an action of its own: after it, there is nothing left to undo.
_COUNTED = (*transitions.UNDOABLE, "undo", "urgent")


@dataclass(frozen=True)
class Undone:
    key: str  # "" on success, else a message key
    action: str = ""  # what was undone
    number: str = ""

    @property
    def ok(self) -> bool:
        return not self.key


def change(a: Appointment, values: dict) -> dict:
    """The record of an action on ``a`` that sets ``values``: the fields before and after."""
    return {"before": {k: _encode(getattr(a, k)) for k in values}, "after": {k: _encode(v) for k, v in values.items()}}


def _encode(value):
    return value.isoformat() if isinstance(value, date) else value


def _decode(field: str, value):
    if value is None:
        return None
    if field in _DATETIMES:
        return datetime.fromisoformat(value)
    if field in _DATES:
        return date.fromisoformat(value)
    return value


def undo_last(*, staff_id: int, now: datetime, window: timedelta, engine: sa.Engine | None = None) -> Undone:
    """Take back the last queue action of ``staff_id`` if it is recent and nobody changed the
    appointment since."""
    with db.write_session(engine) as s:
        last = s.exec(select(AuditEvent).where(AuditEvent.staff_id == staff_id, AuditEvent.action.in_(_COUNTED))
                      .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())).first()
        undoable = last is not None and last.change and last.version_after is not None
        recorded = json.loads(last.change) if undoable else None
        if problem := transitions.undo_problem(last.action if recorded else None, last.at if last else None,
                                               now, window):
            return Undone(problem)
        before = {k: _decode(k, v) for k, v in recorded["before"].items()}
        after = {k: _decode(k, v) for k, v in recorded["after"].items()}
        version = last.version_after + 1
        result = s.exec(update(Appointment)
                        .where(Appointment.id == last.appointment_id, Appointment.version == last.version_after)
                        .values(**before, version=version))
        if result.rowcount != 1:
            return Undone("clerk.undo_changed", last.action)
        appointment = s.get(Appointment, last.appointment_id)
        audit.record(s, "undo", now, staff_id=staff_id, team_id=appointment.team_id, appointment_id=appointment.id,
                     via=audit.STAFF, undoes_id=last.id, version_after=version)
        s.commit()
        teams = {appointment.team_id, last.team_id, before.get("team_id"), after.get("team_id")} - {None}
        number = appointment.call_number or recorded["after"].get("call_number") or ""
    live.changed(live.BOARD, *(live.team_channel(t) for t in sorted(teams)))
    return Undone("", last.action, number)
