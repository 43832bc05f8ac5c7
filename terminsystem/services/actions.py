"""The clerk's actions on the queue. Each is one transaction: the state machine
(``domain.transitions``) decides, a conditional UPDATE applies it only to the version of the
appointment it was decided on and raises the version (so two clerks acting at the same instant
never both succeed), the audit trail records it with the new version, and the pages are told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, select, update

from .. import db, live
from ..domain import inputs, queue, status, transitions
from ..domain.transitions import Snapshot
from ..models import Appointment
from . import audit, undo
from .queue import today, waiting

MAX_RACE_RETRIES = 5


@dataclass(frozen=True)
class Result:
    key: str  # "" on success, else a message key
    number: str = ""

    @property
    def ok(self) -> bool:
        return not self.key


def _snapshot(a: Appointment) -> Snapshot:
    return Snapshot(a.status, a.call_count, a.parked_at is not None)


def _values(action: str, a: Appointment, now: datetime, room_id: int | None, to_team: int | None, note: str) -> dict:
    return {
        "call": dict(status=status.CALLED, called_at=now, first_called_at=a.first_called_at or now, room_id=room_id,
                     call_count=1),
        "recall": dict(called_at=now, room_id=room_id or a.room_id, call_count=a.call_count + 1),
        "done": dict(status=status.DONE, finished_at=now),
        "no_show": dict(status=status.NO_SHOW, finished_at=now),
        "park": dict(status=status.CHECKED_IN, parked_at=now),
        "unpark": dict(parked_at=None),
        "priority": dict(priority=not a.priority),
        "transfer": dict(team_id=to_team, status=status.CHECKED_IN, parked_at=None, transfer_note=note[:200] or None),
    }[action]


def _apply(s: Session, action: str, a: Appointment, *, now: datetime, by: int | None, room_id: int | None = None,
           to_team: int | None = None, note: str = "", via: str = audit.STAFF) -> Result:
    if problem := transitions.problem(action, _snapshot(a)):
        return Result(problem)
    values = _values(action, a, now, room_id, to_team, note)
    change = undo.change(a, values)
    version = a.version + 1
    result = s.exec(update(Appointment).where(Appointment.id == a.id, Appointment.version == a.version)
                    .values(**values, version=version))
    if result.rowcount != 1:
        return Result("clerk.already_taken")
    transfer = action == "transfer"
    audit.record(s, action, now, staff_id=by, team_id=a.team_id, appointment_id=a.id, via=via,
                 to_team_id=to_team if transfer else None, note=note if transfer else None,
                 version_after=version, change=change)
    return Result("", a.call_number or "")


def act(action: str, appointment_id: int, *, team_id: int, now: datetime, by: int | None = None,
        room_id: int | None = None, to_team: int | None = None, note: object = "",
        engine: sa.Engine | None = None) -> Result:
    """Do ``action`` on one appointment of ``team_id`` (another team's appointment is not found).
    ``note``: a transfer's note as typed (kept as one line of printable text)."""
    if action == "transfer" and (to_team is None or to_team == team_id):
        return Result("clerk.not_possible")
    note = inputs.free_text(note)
    with db.write_session(engine) as s:
        a = s.exec(select(Appointment).where(Appointment.id == appointment_id, Appointment.team_id == team_id)).first()
        if a is None:
            return Result("clerk.not_possible")
        outcome = _apply(s, action, a, now=now, by=by, room_id=room_id, to_team=to_team, note=note)
        if not outcome.ok:
            return outcome
        s.commit()
    channels = [live.BOARD, live.team_channel(team_id)] + ([live.team_channel(to_team)] if to_team else [])
    live.changed(*channels)
    return outcome


def call_next(*, team_id: int, room_id: int, now: datetime, by: int | None = None,
              engine: sa.Engine | None = None) -> str | None:
    """Call the next waiting person of the team to ``room_id``; their call number, or None."""
    for _ in range(MAX_RACE_RETRIES):
        with db.write_session(engine) as s:
            candidates = s.exec(select(Appointment).where(
                Appointment.team_id == team_id, *waiting(), *today(now))).all()
            if not candidates:
                return None
            for a in sorted(candidates, key=lambda a: queue.waiting_order(a.starts_at, a.checked_in_at, a.id, a.priority)):
                if _apply(s, "call", a, now=now, by=by, room_id=room_id).ok:
                    s.commit()
                    live.changed(live.BOARD, live.team_channel(team_id))
                    return a.call_number
    return None


def auto_no_show(*, now: datetime, after: timedelta, engine: sa.Engine | None = None) -> list[str]:
    """Mark people no-show who did not come within ``after`` of their last allowed call; their
    call numbers. Safe to run in every worker at once: each change is a conditional UPDATE."""
    with db.read_session(engine) as s:
        due = s.exec(select(Appointment.id).where(
            Appointment.status == status.CALLED, Appointment.call_count >= transitions.MAX_CALLS,
            Appointment.called_at <= now - after)).all()
    if not due:
        return []
    numbers, teams = [], set()
    with db.write_session(engine) as s:
        for a in s.exec(select(Appointment).where(Appointment.id.in_(due))).all():
            if (transitions.auto_no_show(_snapshot(a), a.called_at, now, after)
                    and _apply(s, "no_show", a, now=now, by=None, via=audit.SYSTEM).ok):
                numbers.append(a.call_number or "")
                teams.add(a.team_id)
        s.commit()
    if numbers:
        live.changed(live.BOARD, *(live.team_channel(t) for t in sorted(teams)))
    return numbers
