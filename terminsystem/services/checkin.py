"""Self check-in at the kiosk: by QR token or by date of birth plus appointment time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, delete, func, select, update

from .. import db, live
from ..domain import checkin, codes, status
from ..domain.checkin import CheckinPolicy
from ..domain.errors import DomainError
from ..models import Appointment, CheckinAttempt, Team
from . import audit, undo
from . import schedule as sched
from .queue import today

MAX_NUMBER_ATTEMPTS = 10


class TooManyAttempts(DomainError):
    key = "checkin.too_many"


@dataclass(frozen=True)
class Outcome:
    """What the kiosk shows: a call number on success, otherwise a message key."""

    key: str
    call_number: str = ""

    @property
    def ok(self) -> bool:
        return self.key == "checkin.success"


@dataclass(frozen=True)
class Candidates:
    """Today's appointments matching a date of birth (ids stay on the server) and the times
    offered as the second factor (true times mixed with decoys)."""

    ids: tuple[int, ...]
    choices: tuple[datetime, ...]


def by_token(token: str, *, now: datetime, policy: CheckinPolicy, engine: sa.Engine | None = None) -> Outcome:
    """Check in the appointment whose QR code holds ``token``."""
    with db.read_session(engine) as s:
        appointment_id = s.exec(
            select(Appointment.id).where(Appointment.token_hash == codes.token_hash(token.strip()))
        ).first()
    if appointment_id is None:
        return Outcome("checkin.unknown_code")
    return _check_in(appointment_id, now, policy, engine)


def by_birth_date(born: date, *, kiosk: str, now: datetime, policy: CheckinPolicy,
                  engine: sa.Engine | None = None) -> Candidates:
    """Today's appointments for a date of birth, with the times to choose from. Without a match
    the times are decoys only, so the kiosk shows the same screen whether or not anybody with that
    date of birth comes today. Lookups without a match count against the kiosk."""
    _guard(kiosk, now, policy, engine)
    with db.read_session(engine) as s:
        rows = s.exec(
            select(Appointment.id, Appointment.starts_at).where(
                Appointment.birth_date == born, Appointment.status != status.CANCELLED, *today(now)
            )
        ).all()
        # Decoys: the day's slot times of all teams and the times of all of today's appointments.
        team_ids = s.exec(select(Team.id)).all()
        slots = {start for team in team_ids for w in sched.windows(s, team)
                 if w.weekday == now.weekday() for start in w.slot_starts(now.date())}
        slots |= set(s.exec(select(Appointment.starts_at).where(*today(now))).all())
    if not rows:
        _record_failure(kiosk, now, engine)
    choices = checkin.time_choices([r.starts_at for r in rows], sorted(slots))
    return Candidates(ids=tuple(r.id for r in rows), choices=tuple(choices))


def confirm(ids: tuple[int, ...], chosen: datetime, name_prefix: str = "", *, kiosk: str, now: datetime,
            policy: CheckinPolicy, engine: sa.Engine | None = None) -> Outcome:
    """Second factor: the chosen appointment time (and, if that is not enough, the first letters
    of the family name). Wrong answers count against the kiosk."""
    _guard(kiosk, now, policy, engine)
    if not ids:
        _record_failure(kiosk, now, engine)
        return Outcome("checkin.no_match")
    with db.read_session(engine) as s:
        rows = s.exec(select(Appointment).where(Appointment.id.in_(ids), Appointment.starts_at == chosen)).all()
        matches = [(r.id, r.family_name) for r in rows]
    if len(matches) > 1 and not name_prefix:
        return Outcome("checkin.need_name")
    if name_prefix:
        matches = [m for m in matches if checkin.name_starts_with(m[1], name_prefix)]
    if len(matches) != 1:
        _record_failure(kiosk, now, engine)
        return Outcome("checkin.no_match")
    return _check_in(matches[0][0], now, policy, engine)


def mark_arrived(appointment_id: int, *, team_id: int, now: datetime, by: int,
                 engine: sa.Engine | None = None) -> Outcome:
    """A clerk checks in a person of their team who could not use the kiosk: same effect as a
    kiosk check-in, at any time of the appointment's day (the person is standing there)."""
    with db.read_session(engine) as s:
        found = s.exec(select(Appointment.id).where(Appointment.id == appointment_id,
                                                    Appointment.team_id == team_id)).first()
    if found is None:
        return Outcome("checkin.no_match")
    whole_day = CheckinPolicy(before=timedelta(hours=24), after=timedelta(hours=24))
    return _check_in(appointment_id, now, whole_day, engine, by=by)


def _check_in(appointment_id: int, now: datetime, policy: CheckinPolicy, engine, by: int | None = None) -> Outcome:
    for _ in range(MAX_NUMBER_ATTEMPTS):
        try:
            with db.write_session(engine) as s:
                outcome, team_id = _check_in_once(s, appointment_id, now, policy, by)
                s.commit()
        except sa.exc.IntegrityError:
            continue  # the random call number is already given today: draw another
        if outcome.ok:
            live.changed(live.team_channel(team_id))
        return outcome
    raise RuntimeError("no free call number found")


def _check_in_once(s: Session, appointment_id: int, now: datetime, policy: CheckinPolicy,
                   by: int | None) -> tuple[Outcome, int]:
    appointment = s.get(Appointment, appointment_id)
    problem = checkin.checkin_problem(appointment.status, appointment.starts_at, now, policy)
    if problem:
        return Outcome(problem), appointment.team_id
    number = checkin.new_call_number()
    values = dict(status=status.CHECKED_IN, checked_in_at=now, call_day=now.date(), call_number=number)
    change = undo.change(appointment, values) if by else None  # staff may undo "arrived"
    result = s.exec(
        update(Appointment).where(Appointment.id == appointment_id, Appointment.status == status.BOOKED).values(**values)
    )
    if result.rowcount != 1:
        return Outcome("checkin.already"), appointment.team_id
    audit.record(s, "check_in", now, staff_id=by, team_id=appointment.team_id, appointment_id=appointment_id,
                 detail="staff" if by else "kiosk", change=change)
    return Outcome("checkin.success", call_number=number), appointment.team_id


def _guard(kiosk: str, now: datetime, policy: CheckinPolicy, engine) -> None:
    with db.read_session(engine) as s:
        recent = s.exec(
            select(func.count()).select_from(CheckinAttempt).where(
                CheckinAttempt.kiosk == kiosk, CheckinAttempt.at > now - timedelta(minutes=1)
            )
        ).one()
    if recent >= policy.attempts_per_minute:
        raise TooManyAttempts()


def _record_failure(kiosk: str, now: datetime, engine) -> None:
    with db.write_session(engine) as s:
        s.exec(delete(CheckinAttempt).where(CheckinAttempt.at < now - timedelta(days=1)))
        s.add(CheckinAttempt(kiosk=kiosk, at=now))
        s.commit()
