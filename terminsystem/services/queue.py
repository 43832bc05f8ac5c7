"""The team's queue for one day and the clerk's operations on it. Every change is one
conditional UPDATE, so two clerks acting at the same instant never get the same person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import select, update

from .. import db, live
from ..domain import queue, status
from ..models import Appointment, Concern, Room, Team
from . import audit

MAX_RACE_RETRIES = 5


@dataclass(frozen=True)
class QueueRow:
    id: int
    call_number: str
    name: str
    concern_code: str
    start: datetime
    status: str
    waited: int  # minutes since check-in (waiting) or since the call
    room: str


@dataclass(frozen=True)
class TeamDay:
    waiting: list[QueueRow]
    expected: list[QueueRow]  # booked for today, not arrived yet
    called: list[QueueRow]
    finished: list[QueueRow]  # done or no-show


def teams(*, engine: sa.Engine | None = None) -> list[tuple[int, str, str]]:
    with db.read_session(engine) as s:
        return [(t.id, t.code, t.name) for t in s.exec(select(Team).order_by(Team.id)).all()]


def rooms(*, engine: sa.Engine | None = None) -> list[tuple[int, str]]:
    with db.read_session(engine) as s:
        return [(r.id, r.name) for r in s.exec(select(Room).where(Room.active).order_by(Room.name)).all()]


def _today(now: datetime):
    start = datetime.combine(now.date(), datetime.min.time())
    return Appointment.starts_at >= start, Appointment.starts_at < start + timedelta(days=1)


def team_day(team_id: int, *, now: datetime, engine: sa.Engine | None = None) -> TeamDay:
    """Today's appointments of one team, grouped as the dashboard shows them."""
    with db.read_session(engine) as s:
        rows = s.exec(
            select(Appointment, Concern.code, Room.name)
            .join(Concern, Concern.id == Appointment.concern_id)
            .outerjoin(Room, Room.id == Appointment.room_id)
            .where(Appointment.team_id == team_id, Appointment.status != status.CANCELLED, *_today(now))
        ).all()
    day = TeamDay([], [], [], [])
    for a, concern_code, room in sorted(rows, key=lambda r: queue.waiting_order(r[0].starts_at, r[0].checked_in_at, r[0].id)):
        since = a.called_at if a.status == status.CALLED else a.checked_in_at
        row = QueueRow(a.id, a.call_number or "", f"{a.family_name}, {a.given_names}".rstrip(", "),
                       concern_code, a.starts_at, a.status, queue.waited_minutes(since, now), room or "")
        {
            status.CHECKED_IN: day.waiting,
            status.BOOKED: day.expected,
            status.CALLED: day.called,
            status.IN_SERVICE: day.called,
        }.get(a.status, day.finished).append(row)
    day.called.sort(key=lambda r: r.start)
    return day


def call_next(*, team_id: int, room_id: int, now: datetime, by: int | None = None,
              engine: sa.Engine | None = None) -> str | None:
    """Call the next waiting person of the team to ``room_id``; their call number, or None."""
    for _ in range(MAX_RACE_RETRIES):
        with db.write_session(engine) as s:
            waiting = s.exec(
                select(Appointment.id, Appointment.starts_at, Appointment.checked_in_at).where(
                    Appointment.team_id == team_id, Appointment.status == status.CHECKED_IN, *_today(now)
                )
            ).all()
            if not waiting:
                return None
            for row in sorted(waiting, key=lambda r: queue.waiting_order(r.starts_at, r.checked_in_at, r.id)):
                number = _transition(s, row.id, team_id, status.CHECKED_IN, status.CALLED,
                                     called_at=now, room_id=room_id)
                if number:
                    audit.record(s, "call", now, staff_id=by, team_id=team_id, appointment_id=row.id)
                    s.commit()
                    live.changed(live.BOARD, live.team_channel(team_id))
                    return number
    return None


def call(appointment_id: int, *, team_id: int, room_id: int, now: datetime, by: int | None = None,
         engine: sa.Engine | None = None) -> str | None:
    """Call one particular waiting person; None if someone else called them first."""
    return _change(appointment_id, team_id, status.CHECKED_IN, status.CALLED, engine, now, by, "call",
                   called_at=now, room_id=room_id)


def finish(appointment_id: int, outcome: str, *, team_id: int, now: datetime, by: int | None = None,
           engine: sa.Engine | None = None) -> str | None:
    """Mark a called person done or no-show."""
    if outcome not in (status.DONE, status.NO_SHOW):
        raise ValueError(outcome)
    return _change(appointment_id, team_id, status.CALLED, outcome, engine, now, by, outcome, finished_at=now)


def _change(appointment_id: int, team_id: int, old: str, new: str, engine, now: datetime, by: int | None,
            action: str, **values) -> str | None:
    with db.write_session(engine) as s:
        number = _transition(s, appointment_id, team_id, old, new, **values)
        if not number:
            return None
        audit.record(s, action, now, staff_id=by, team_id=team_id, appointment_id=appointment_id)
        s.commit()
    live.changed(live.BOARD, live.team_channel(team_id))
    return number


def _transition(s, appointment_id: int, team_id: int, old: str, new: str, **values) -> str | None:
    """Move one appointment of ``team_id`` from ``old`` to ``new`` if it is still in ``old``."""
    result = s.exec(
        update(Appointment)
        .where(Appointment.id == appointment_id, Appointment.team_id == team_id, Appointment.status == old)
        .values(status=new, **values)
    )
    if result.rowcount != 1:
        return None
    return s.exec(select(Appointment.call_number).where(Appointment.id == appointment_id)).one()


@dataclass(frozen=True)
class BoardCall:
    number: str
    room: str
    called_at: datetime


def board(*, now: datetime, rooms_filter: set[str] | None = None, recent: int = 6,
          engine: sa.Engine | None = None) -> tuple[list[BoardCall], list[BoardCall]]:
    """What the waiting-room display shows: current calls and the last few before them.
    Only call numbers and rooms leave this function."""
    with db.read_session(engine) as s:
        rows = s.exec(
            select(Appointment.call_number, Room.name, Appointment.called_at, Appointment.status)
            .join(Room, Room.id == Appointment.room_id)
            .where(Appointment.call_day == now.date(), Appointment.called_at.is_not(None))
            .order_by(Appointment.called_at.desc())
            .limit(50)
        ).all()
    calls = [(BoardCall(n, r, at), st) for n, r, at, st in rows if not rooms_filter or r in rooms_filter]
    current = [c for c, st in calls if st == status.CALLED]
    earlier = [c for c, st in calls if st != status.CALLED][:recent]
    return current, earlier
