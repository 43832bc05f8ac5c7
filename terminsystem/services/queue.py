"""Reading the queue: a team's day for the dashboards, the calls for the waiting-room display.
The clerk's changes are in ``actions``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import select

from .. import db
from ..domain import queue, status
from ..models import Appointment, AppointmentPerson, Concern, Room, Team, TeamRoom


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
    priority: bool = False
    calls: int = 0
    note: str = ""  # the urgent reason or the transfer note of the other team
    booking_code: str = ""
    urgent: bool = False


@dataclass(frozen=True)
class TeamDay:
    waiting: list[QueueRow]
    expected: list[QueueRow]  # booked for today, not arrived yet
    called: list[QueueRow]
    finished: list[QueueRow]  # done or no-show
    parked: list[QueueRow]  # checked in, away for a moment (e.g. fetching documents)


def teams(*, engine: sa.Engine | None = None) -> list[tuple[int, str, str]]:
    with db.read_session(engine) as s:
        return [(t.id, t.code, t.name) for t in s.exec(select(Team).order_by(Team.id)).all()]


def concerns(team_id: int, *, engine: sa.Engine | None = None) -> list[tuple[int, str]]:
    """The team's concerns (id, code), for the urgent entry form."""
    with db.read_session(engine) as s:
        return list(s.exec(select(Concern.id, Concern.code).where(Concern.team_id == team_id, Concern.active)
                           .order_by(Concern.sort_order)).all())


def rooms(team_id: int | None = None, *, engine: sa.Engine | None = None) -> list[tuple[int, str]]:
    """Rooms in use (id, name); with ``team_id``: the rooms that team calls to, if the office chose
    any for it (else all)."""
    with db.read_session(engine) as s:
        found = s.exec(select(Room).where(Room.active).order_by(Room.name)).all()
        own = set(s.exec(select(TeamRoom.room_id).where(TeamRoom.team_id == team_id)).all()) if team_id else set()
        return [(r.id, r.name) for r in found if not own or r.id in own]


def today(now: datetime, column=Appointment.starts_at):
    """Conditions for ``column`` (an appointment's start unless given) on ``now``'s day."""
    start = datetime.combine(now.date(), datetime.min.time())
    return column >= start, column < start + timedelta(days=1)


def _name(person) -> str:
    """"Family, Given" of the appointment's person or of a further family member."""
    return f"{person.family_name}, {person.given_names}".rstrip(", ")


def waiting():
    """Conditions for the appointments that are waiting (``domain.queue.is_waiting`` in SQL)."""
    return Appointment.status == queue.WAITING_STATUS, Appointment.parked_at.is_(None)


def team_day(team_id: int, *, now: datetime, engine: sa.Engine | None = None) -> TeamDay:
    """Today's appointments of one team, grouped as the dashboard shows them."""
    with db.read_session(engine) as s:
        rows = s.exec(
            select(Appointment, Concern.code, Room.name)
            .join(Concern, Concern.id == Appointment.concern_id)
            .outerjoin(Room, Room.id == Appointment.room_id)
            .where(Appointment.team_id == team_id, Appointment.status != status.CANCELLED, *today(now))
        ).all()
        others = s.exec(select(AppointmentPerson).where(AppointmentPerson.appointment_id.in_([r[0].id for r in rows]))
                        .order_by(AppointmentPerson.position)).all()
    day = TeamDay([], [], [], [], [])
    order = lambda r: queue.waiting_order(r[0].starts_at, r[0].checked_in_at, r[0].id, r[0].priority)  # noqa: E731
    for a, concern_code, room in sorted(rows, key=order):
        since = a.called_at if a.status == status.CALLED else a.checked_in_at
        names = " · ".join(_name(p) for p in (a, *(o for o in others if o.appointment_id == a.id)))
        row = QueueRow(a.id, a.call_number or "", names,
                       concern_code, a.starts_at, a.status, queue.waited_minutes(since, now), room or "",
                       a.priority, a.call_count, a.urgent_reason or a.transfer_note or "", a.booking_code,
                       a.urgent)
        if queue.is_waiting(a.status, a.parked_at is not None):
            day.waiting.append(row)
            continue
        {
            status.CHECKED_IN: day.parked,  # checked in, but not waiting
            status.BOOKED: day.expected,
            status.CALLED: day.called,
            status.IN_SERVICE: day.called,
        }.get(a.status, day.finished).append(row)
    day.called.sort(key=lambda r: r.start)
    return day


@dataclass(frozen=True)
class BoardCall:
    number: str
    room: str
    called_at: datetime
    calls: int = 1  # a recall is a new call for the display


def board(*, now: datetime, rooms_filter: set[str] | None = None, recent: int = 6,
          engine: sa.Engine | None = None) -> tuple[list[BoardCall], list[BoardCall]]:
    """What the waiting-room display shows: current calls and the last few before them.
    Only call numbers and rooms leave this function."""
    with db.read_session(engine) as s:
        rows = s.exec(
            select(Appointment.call_number, Room.name, Appointment.called_at, Appointment.call_count,
                   Appointment.status)
            .join(Room, Room.id == Appointment.room_id)
            .where(Appointment.call_day == now.date(), Appointment.called_at.is_not(None))
            .order_by(Appointment.called_at.desc())
            .limit(50)
        ).all()
    calls = [(BoardCall(n, r, at, c), st) for n, r, at, c, st in rows if not rooms_filter or r in rooms_filter]
    current = [c for c, st in calls if st == status.CALLED]
    earlier = [c for c, st in calls if st != status.CALLED][:recent]
    return current, earlier
