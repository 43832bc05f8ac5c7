"""Opening hours and closed days as the office changes them, with the bookings a change would hit.

A change is planned first (``plan_*``: which booked appointments would no longer fit) and then
applied with the administrator's choice (``save_*``): keep those appointments, or cancel them with
a message to each person. Applying recomputes the hit appointments inside its transaction, under
the team's row lock that bookings take too; if they differ from the ones confirmed (somebody booked
meanwhile), nothing changes and ``AffectedChanged`` asks to look again. So nothing is silently
over- or under-booked."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlmodel import Session, select

from .. import db, live
from ..domain import inputs, replan, schedule, status
from ..domain.errors import AdminRefused, AffectedChanged
from ..models import Appointment, BlockedDay, Concern, OpeningWindow, SlotClaim, Team
from . import audit, confirmations, manage, outbox
from . import schedule as sched

REASON_MAX = 200


@dataclass(frozen=True)
class WindowRow:
    id: int
    team_id: int
    weekday: int
    start: time
    end: time
    slot_minutes: int
    parallel: int

    @property
    def seats(self) -> int:
        return len(schedule.OpeningWindow(self.weekday, self.start, self.end, self.slot_minutes,
                                          self.parallel).slot_starts(date(2024, 1, 1))) * self.parallel


@dataclass(frozen=True)
class BlockedRow:
    id: int
    day: date
    team_id: int | None
    reason: str


@dataclass(frozen=True)
class AffectedRow:
    """A booked appointment a change would hit, as the administrator sees it."""

    id: int
    booking_code: str
    starts_at: datetime
    concern_code: str
    persons: tuple[str, ...]
    has_email: bool  # else the office has to tell the person itself


def windows(team_id: int, *, engine: sa.Engine | None = None) -> list[WindowRow]:
    with db.read_session(engine) as s:
        rows = s.exec(select(OpeningWindow).where(OpeningWindow.team_id == team_id)
                      .order_by(OpeningWindow.weekday, OpeningWindow.start_time)).all()
        return [WindowRow(r.id, r.team_id, r.weekday, r.start_time, r.end_time, r.slot_minutes, r.parallel)
                for r in rows]


def blocked(first: date, *, team_id: int | None = None, engine: sa.Engine | None = None) -> list[BlockedRow]:
    """Closed days from ``first`` on: the whole office's and, with ``team_id``, that team's."""
    with db.read_session(engine) as s:
        which = sa.or_(BlockedDay.team_id.is_(None), BlockedDay.team_id == team_id) if team_id else sa.true()
        rows = s.exec(select(BlockedDay).where(BlockedDay.day >= first, which).order_by(BlockedDay.day)).all()
        return [BlockedRow(r.id, r.day, r.team_id, r.reason) for r in rows]


# --- what a change would hit ------------------------------------------------------------------------

def _domain(rows) -> list[schedule.OpeningWindow]:
    return [schedule.OpeningWindow(r.weekday, r.start_time, r.end_time, r.slot_minutes, r.parallel) for r in rows]


def _hit(s: Session, team_id: int, now: datetime, new_windows: list[schedule.OpeningWindow] | None = None,
         extra_blocked: set[date] = frozenset(), concern_id: int | None = None) -> list[AffectedRow]:
    """Booked future appointments of ``team_id`` that would not fit the team's windows (or
    ``new_windows``) with ``extra_blocked`` days closed; with ``concern_id``: all of that concern's."""
    future = (Appointment.team_id == team_id, Appointment.status == status.BOOKED, Appointment.starts_at >= now)
    if concern_id is not None:
        ids = set(s.exec(select(Appointment.id).where(*future, Appointment.concern_id == concern_id)).all())
    else:
        held = [replan.Held(a, start, seat) for a, start, seat in s.exec(
            select(SlotClaim.appointment_id, SlotClaim.slot_start, SlotClaim.seat)
            .join(Appointment, Appointment.id == SlotClaim.appointment_id)
            .where(*future, SlotClaim.held_until.is_(None))).all()]
        if not held:
            return []
        days = [h.slot_start.date() for h in held]
        closed = sched.blocked_days(s, team_id, min(days), max(days)) | set(extra_blocked)
        ids = replan.hit(held, new_windows if new_windows is not None else sched.windows(s, team_id), closed)
    return _rows(s, ids)


def _rows(s: Session, ids: set[int]) -> list[AffectedRow]:
    if not ids:
        return []
    found = s.exec(select(Appointment, Concern.code).join(Concern, Concern.id == Appointment.concern_id)
                   .where(Appointment.id.in_(ids)).order_by(Appointment.starts_at, Appointment.id)).all()
    return [AffectedRow(a.id, a.booking_code, a.starts_at, code, confirmations.person_names(s, a), bool(a.email))
            for a, code in found]


def _apply(s: Session, found: list[AffectedRow], confirmed: tuple[int, ...], cancel: bool, now: datetime,
           by: int | None) -> int:
    """Check the hit appointments against the confirmed ones; cancel them if asked. Returns how
    many were cancelled."""
    if {a.id for a in found} - set(confirmed):
        raise AffectedChanged()
    if not cancel:
        return 0
    return sum(manage.withdraw(s, a.id, now=now, by=by) for a in found)


def _after(team_ids: list[int], cancelled: int) -> None:
    for team_id in team_ids:
        live.changed(live.team_channel(team_id))
    if cancelled:
        outbox.wake()


# --- opening hours ------------------------------------------------------------------------------------

def _proposed(s: Session, team_id: int, window_id: int | None, values: dict | None) -> list[schedule.OpeningWindow]:
    """The team's windows after replacing (or removing, ``values`` None) one, validated."""
    rows = s.exec(select(OpeningWindow).where(OpeningWindow.team_id == team_id)).all()
    if window_id is not None and not any(r.id == window_id for r in rows):
        raise AdminRefused("admin.not_found")
    kept = _domain(r for r in rows if r.id != window_id)
    if values is None:
        return kept
    if not 0 <= values["weekday"] <= 6:
        raise AdminRefused("admin.hours.weekday_invalid")
    if problem := replan.window_problem(values["start"], values["end"], values["slot_minutes"], values["parallel"]):
        raise AdminRefused(problem)
    new = schedule.OpeningWindow(values["weekday"], values["start"], values["end"], values["slot_minutes"],
                                 values["parallel"])
    if replan.overlap([*kept, new]):
        raise AdminRefused("admin.hours.overlap")
    return [*kept, new]


def _window_values(weekday, start, end, slot_minutes, parallel) -> dict:
    return dict(weekday=int(weekday), start=start, end=end, slot_minutes=int(slot_minutes), parallel=int(parallel))


def plan_window(team_id: int, window_id: int | None, *, weekday: int, start: time | None, end: time | None,
                slot_minutes: int, parallel: int, remove: bool = False, now: datetime,
                engine: sa.Engine | None = None) -> list[AffectedRow]:
    """The booked appointments that adding, changing or (``remove``) removing a window would hit.
    Raises ``AdminRefused`` for an invalid window (overlap, slot length not dividing it, seats < 1)."""
    values = None if remove else _window_values(weekday, start, end, slot_minutes, parallel)
    with db.read_session(engine) as s:
        return _hit(s, team_id, now, _proposed(s, team_id, window_id, values))


def save_window(team_id: int, window_id: int | None, *, weekday: int, start: time | None, end: time | None,
                slot_minutes: int, parallel: int, remove: bool = False, confirmed: tuple[int, ...] = (),
                cancel: bool = False, now: datetime, by: int | None, engine: sa.Engine | None = None) -> int:
    """Apply what ``plan_window`` showed; returns how many appointments were cancelled."""
    values = None if remove else _window_values(weekday, start, end, slot_minutes, parallel)
    with db.write_session(engine) as s:
        sched.lock_team(s, team_id)
        found = _hit(s, team_id, now, _proposed(s, team_id, window_id, values))
        cancelled = _apply(s, found, confirmed, cancel, now, by)
        row = s.get(OpeningWindow, window_id) if window_id is not None else None
        before = _window_dict(row) if row else None
        if values is None:
            s.delete(row)
            s.flush()
        else:
            row = row or OpeningWindow(team_id=team_id, weekday=0, start_time=values["start"],
                                       end_time=values["end"], slot_minutes=1, parallel=1)
            row.weekday, row.start_time, row.end_time = values["weekday"], values["start"], values["end"]
            row.slot_minutes, row.parallel = values["slot_minutes"], values["parallel"]
            s.add(row)
            s.flush()
        action = "admin_remove" if values is None else ("admin_change" if before else "admin_add")
        audit.record_admin(s, action, now, by=by, entity="opening_window", entity_id=row.id, team_id=team_id,
                           before=before, after=None if values is None else _window_dict(row))
        s.commit()
    _after([team_id], cancelled)
    return cancelled


def _window_dict(row: OpeningWindow) -> dict:
    return dict(weekday=row.weekday, start=row.start_time.isoformat(timespec="minutes"),
                end=row.end_time.isoformat(timespec="minutes"), slot_minutes=row.slot_minutes,
                parallel=row.parallel)


# --- closed days ----------------------------------------------------------------------------------------

def _teams(s: Session, team_id: int | None) -> list[int]:
    """The teams a closed day concerns: one, or (``None``) every team of the office."""
    if team_id is not None:
        if s.get(Team, team_id) is None:
            raise AdminRefused("admin.not_found")
        return [team_id]
    return list(s.exec(select(Team.id).order_by(Team.id)).all())


def _check_day(s: Session, day: date | None, team_id: int | None, now: datetime) -> None:
    if day is None or day < now.date():
        raise AdminRefused("admin.blocked.past")
    same = s.exec(select(BlockedDay.id).where(BlockedDay.day == day, BlockedDay.team_id.is_(None) if team_id is None
                                              else BlockedDay.team_id == team_id)).first()
    if same is not None:
        raise AdminRefused("admin.blocked.exists")


def plan_blocked(day: date | None, team_id: int | None, *, now: datetime,
                 engine: sa.Engine | None = None) -> list[AffectedRow]:
    """The booked appointments that closing ``day`` (for one team, or the office) would hit."""
    with db.read_session(engine) as s:
        _check_day(s, day, team_id, now)
        return [a for t in _teams(s, team_id) for a in _hit(s, t, now, extra_blocked={day})]


def add_blocked(day: date | None, team_id: int | None, reason: object, *, confirmed: tuple[int, ...] = (),
                cancel: bool = False, now: datetime, by: int | None, engine: sa.Engine | None = None) -> int:
    """Close ``day``; returns how many appointments were cancelled (see ``plan_blocked``)."""
    text = inputs.free_text(reason)[:REASON_MAX]
    if not text:
        raise AdminRefused("admin.blocked.reason")
    with db.write_session(engine) as s:
        _check_day(s, day, team_id, now)
        teams = _teams(s, team_id)
        for t in teams:
            sched.lock_team(s, t)
        found = [a for t in teams for a in _hit(s, t, now, extra_blocked={day})]
        cancelled = _apply(s, found, confirmed, cancel, now, by)
        row = BlockedDay(day=day, team_id=team_id, reason=text)
        s.add(row)
        s.flush()
        audit.record_admin(s, "admin_add", now, by=by, entity="blocked_day", entity_id=row.id, team_id=team_id,
                           after=_blocked_dict(row))
        s.commit()
    _after(teams, cancelled)
    return cancelled


def remove_blocked(blocked_id: int, *, now: datetime, by: int | None, engine: sa.Engine | None = None) -> None:
    """Open a closed day again (no booking can be hit by more seats)."""
    with db.write_session(engine) as s:
        row = s.get(BlockedDay, blocked_id)
        if row is None:
            raise AdminRefused("admin.not_found")
        before = _blocked_dict(row)
        s.delete(row)
        audit.record_admin(s, "admin_remove", now, by=by, entity="blocked_day", entity_id=blocked_id,
                           team_id=row.team_id, before=before)
        s.commit()


def blocked_team(blocked_id: int, *, engine: sa.Engine | None = None) -> tuple[bool, int | None]:
    """Whether the closed day exists, and its team (None: the whole office) — for the access check."""
    with db.read_session(engine) as s:
        row = s.get(BlockedDay, blocked_id)
        return (row is not None, row.team_id if row else None)


def _blocked_dict(row: BlockedDay) -> dict:
    return dict(asdict(BlockedRow(row.id, row.day, row.team_id, row.reason)), day=row.day.isoformat())


# --- a concern that ends ------------------------------------------------------------------------------

def plan_concern_end(concern_id: int, *, now: datetime, engine: sa.Engine | None = None) -> list[AffectedRow]:
    """The booked future appointments of a concern about to be deactivated."""
    with db.read_session(engine) as s:
        concern = s.get(Concern, concern_id)
        return _hit(s, concern.team_id, now, concern_id=concern_id) if concern else []


def concern_bookings(s: Session, concern: Concern, now: datetime) -> list[AffectedRow]:
    return _hit(s, concern.team_id, now, concern_id=concern.id)


def end_concern(s: Session, concern: Concern, *, confirmed: tuple[int, ...], cancel: bool, now: datetime,
                by: int | None) -> int:
    """Inside the caller's transaction (which deactivates the concern): check and handle its
    bookings like a schedule change."""
    sched.lock_team(s, concern.team_id)
    return _apply(s, _hit(s, concern.team_id, now, concern_id=concern.id), confirmed, cancel, now, by)
