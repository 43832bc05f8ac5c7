"""Self check-in at the kiosk: by QR token or by date of birth plus appointment time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, select, update

from .. import db, live
from ..domain import checkin, codes, status
from ..domain.checkin import CheckinPolicy
from ..domain.errors import DomainError
from ..models import CHECKIN_BIRTH_DATE, CHECKIN_QR, CHECKIN_STAFF, Appointment, AppointmentPerson, Team
from . import audit, call_numbers, devices, secrets, undo
from . import schedule as sched
from .queue import today


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
    """Check in the appointment whose QR code holds ``token`` (anything that is not the shape of
    our tokens is unknown without asking the database)."""
    token = token.strip() if isinstance(token, str) else ""
    if not codes.looks_like_token(token):
        return Outcome("checkin.unknown_code")
    with db.read_session(engine) as s:
        appointment_id = s.exec(select(Appointment.id).where(Appointment.token_hash == codes.token_hash(token))).first()
    if appointment_id is None:
        return Outcome("checkin.unknown_code")
    return _check_in(appointment_id, now, policy, engine, via=CHECKIN_QR)


def by_birth_date(born: date, *, device_id: int, now: datetime, policy: CheckinPolicy,
                  engine: sa.Engine | None = None) -> Candidates:
    """Today's appointments for a date of birth, with the times to choose from. The kiosk shows the
    same kind of screen whether or not anybody with that date of birth comes today: four times, the
    true ones among decoys chosen by a keyed hash of the day, the date of birth and each time, so
    they are the same for the same input all day (repeating a lookup reveals nothing). Every
    lookup counts against the kiosk's budget, match or not; raises ``TooManyAttempts`` beyond it."""
    if not devices.spend_lookup(device_id, now=now, per_minute=policy.lookups_per_minute, engine=engine):
        raise TooManyAttempts()
    with db.read_session(engine) as s:
        rows = s.exec(select(Appointment.id, Appointment.starts_at).where(_born(born), *_kiosk_day(now))).all()
        team_ids = s.exec(select(Team.id)).all()
        pool = {start for team in team_ids for w in sched.windows(s, team)
                if w.weekday == now.weekday() for start in w.slot_starts(now.date())}
        pool = checkin.decoy_pool(pool, now.date())
        pool |= set(s.exec(select(Appointment.starts_at).where(*_kiosk_day(now))).all())
    rank = checkin.decoy_rank(secrets.get("kiosk-decoys", engine=engine), now.date(), born)
    choices = checkin.time_choices([r.starts_at for r in rows], pool, rank)
    return Candidates(ids=tuple(r.id for r in rows), choices=tuple(choices))


def _born(born: date):
    """Any person of the appointment has this date of birth (a family checks in with anyone's)."""
    return sa.or_(Appointment.birth_date == born, Appointment.id.in_(
        select(AppointmentPerson.appointment_id).where(AppointmentPerson.birth_date == born)))


def _kiosk_day(now: datetime) -> tuple:
    """Today's appointments a kiosk can find: booked ones (urgent entries are entered by staff and
    never come to the kiosk; their odd times would stand out among the decoys)."""
    return (Appointment.status != status.CANCELLED, Appointment.urgent.is_(False), *today(now))


def confirm(ids: tuple[int, ...], chosen: datetime, name_prefix: str = "", *, now: datetime,
            policy: CheckinPolicy, engine: sa.Engine | None = None) -> Outcome:
    """Second factor: the chosen appointment time (and, if that is not enough, the first letters
    of the family name). A wrong time and "nobody with that date of birth" get the same answer."""
    if not ids:
        return Outcome("checkin.no_match")
    with db.read_session(engine) as s:
        rows = s.exec(select(Appointment).where(Appointment.id.in_(ids), Appointment.starts_at == chosen)).all()
        others = s.exec(select(AppointmentPerson.appointment_id, AppointmentPerson.family_name)
                        .where(AppointmentPerson.appointment_id.in_([r.id for r in rows]))).all()
        matches = [(r.id, [r.family_name, *(name for aid, name in others if aid == r.id)]) for r in rows]
    if len(matches) > 1 and not name_prefix:
        return Outcome("checkin.need_name")
    if name_prefix:
        matches = [m for m in matches if any(checkin.name_starts_with(name, name_prefix) for name in m[1])]
    if len(matches) != 1:
        return Outcome("checkin.no_match")
    return _check_in(matches[0][0], now, policy, engine, via=CHECKIN_BIRTH_DATE)


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
    return _check_in(appointment_id, now, whole_day, engine, via=CHECKIN_STAFF, by=by)


def _check_in(appointment_id: int, now: datetime, policy: CheckinPolicy, engine, *, via: str,
              by: int | None = None) -> Outcome:
    def attempt(number: str) -> tuple[Outcome, int]:
        with db.write_session(engine) as s:
            found = _check_in_once(s, appointment_id, number, now, policy, via, by)
            s.commit()
        return found

    outcome, team_id = call_numbers.with_new_number(attempt)
    if outcome.ok:
        live.changed(live.team_channel(team_id))
    return outcome


def _check_in_once(s: Session, appointment_id: int, number: str, now: datetime, policy: CheckinPolicy, via: str,
                   by: int | None) -> tuple[Outcome, int]:
    appointment = s.get(Appointment, appointment_id)
    problem = checkin.checkin_problem(appointment.status, appointment.starts_at, now, policy)
    if problem:
        return Outcome(problem), appointment.team_id
    values = dict(status=status.CHECKED_IN, checked_in_at=now, call_day=now.date(), call_number=number,
                  checkin_via=via)
    change = undo.change(appointment, values) if by else None  # staff may undo "arrived"
    version = appointment.version + 1
    result = s.exec(update(Appointment).where(Appointment.id == appointment_id,
                                              Appointment.version == appointment.version)
                    .values(**values, version=version))
    if result.rowcount != 1:
        return Outcome("checkin.already"), appointment.team_id
    audit.record(s, "check_in", now, staff_id=by, team_id=appointment.team_id, appointment_id=appointment_id,
                 via=audit.STAFF if by else audit.KIOSK, version_after=version, change=change)
    return Outcome("checkin.success", call_number=number), appointment.team_id
