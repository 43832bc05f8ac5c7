"""The team lead's view of today: figures, urgent entries and the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import func, or_, select

from .. import db
from ..domain import status
from ..models import Appointment, AuditEvent, Staff, Team
from . import queue

AUDIT_LIMIT = 500  # about a long Wednesday's worth of events for one team


@dataclass(frozen=True)
class DayFigures:
    expected: int  # booked for today, not arrived (yet)
    waiting: int
    parked: int
    called: int
    done: int
    no_show: int
    urgent: int
    longest_wait: int  # minutes, of the people waiting now
    mean_wait: int | None  # minutes from check-in to the call, of today's calls; None before the first


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    action: str
    who: str  # the staff member's name; "" for the kiosk or the system
    call_number: str
    via: str = ""  # "kiosk" | "staff" | "system" for appointment changes
    reason: str = ""  # a machine key, e.g. "locked"
    to_team: str = ""  # the name of the team a transfer went to
    note: str = ""  # free text to show: transfer note, urgent reason
    undoes: str = ""  # the action an undo took back
    target_kind: str = ""  # unlock: "account" or "client"
    target: str = ""


def team_today(team_id: int, *, now: datetime,
               engine: sa.Engine | None = None) -> tuple[DayFigures, list[queue.QueueRow]]:
    """The team's figures of today and its urgent entries (in time order)."""
    day = queue.team_day(team_id, now=now, engine=engine)
    everyone = day.waiting + day.expected + day.called + day.finished + day.parked
    with db.read_session(engine) as s:
        last_call = (select(AuditEvent.appointment_id, func.max(AuditEvent.at).label("at"))
                     .where(AuditEvent.action == "call", *queue.today(now, AuditEvent.at))
                     .group_by(AuditEvent.appointment_id).subquery())
        waits = [(called - arrived).total_seconds() / 60 for called, arrived in s.exec(
            select(last_call.c.at, Appointment.checked_in_at)
            .join(Appointment, Appointment.id == last_call.c.appointment_id)
            .where(Appointment.team_id == team_id, Appointment.checked_in_at.is_not(None))).all()]
    figures = DayFigures(
        expected=len(day.expected), waiting=len(day.waiting), parked=len(day.parked), called=len(day.called),
        done=sum(r.status == status.DONE for r in day.finished),
        no_show=sum(r.status == status.NO_SHOW for r in day.finished),
        urgent=sum(r.urgent for r in everyone),
        longest_wait=max((r.waited for r in day.waiting), default=0),
        mean_wait=round(sum(waits) / len(waits)) if waits else None,
    )
    return figures, sorted((r for r in everyone if r.urgent), key=lambda r: r.start)


def audit_today(team_id: int | None, *, now: datetime, engine: sa.Engine | None = None) -> list[AuditRow]:
    """Today's audit trail, newest first: one team's (events on its appointments and of its staff),
    or everything with ``team_id=None`` (admins)."""
    undone = aliased(AuditEvent)
    query = (select(AuditEvent, Staff.display_name, Appointment.call_number, Team.name, undone.action)
             .outerjoin(Staff, Staff.id == AuditEvent.staff_id)
             .outerjoin(Appointment, Appointment.id == AuditEvent.appointment_id)
             .outerjoin(Team, Team.id == AuditEvent.to_team_id)
             .outerjoin(undone, undone.id == AuditEvent.undoes_id)
             .where(*queue.today(now, AuditEvent.at)))
    if team_id is not None:
        query = query.where(or_(AuditEvent.team_id == team_id, Staff.team_id == team_id))
    with db.read_session(engine) as s:
        rows = s.exec(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(AUDIT_LIMIT)).all()
    return [AuditRow(e.at, e.action, name or "", number or "", e.via or "", e.reason or "", to_team or "",
                     e.note or "", undid or "", e.target_kind or "", e.target or "")
            for e, name, number, to_team, undid in rows]
