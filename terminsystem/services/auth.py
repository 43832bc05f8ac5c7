"""Staff login, sessions, lock and unlock. Passwords are hashed with Argon2 (argon2-cffi) and never
stored or logged in plain text; session tokens are random and only their hash is stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, delete, func, select, update

from .. import db
from ..domain import auth, codes
from ..domain.auth import AuthPolicy
from ..domain.errors import DomainError
from ..models import LoginFailure, Staff, StaffSession, Team
from . import audit

_hasher = PasswordHasher()
# Verified when the account does not exist, so that "no such user" takes as long as "wrong password".
_DUMMY_HASH = _hasher.hash("not a real password")
MIN_PASSWORD = 10


class LoginRefused(DomainError):
    key = "auth.invalid"


class LoginLocked(DomainError):
    key = "auth.locked"


@dataclass(frozen=True)
class StaffInfo:
    id: int
    username: str
    display_name: str
    role: str
    team_id: int | None
    team_name: str


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"passwords need at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


def _failures(s: Session, column, value: str, now: datetime, policy: AuthPolicy) -> list[datetime]:
    return list(s.exec(select(LoginFailure.at).where(column == value, LoginFailure.at > now - policy.window)).all())


def login_delay(username: str, client: str, *, now: datetime, policy: AuthPolicy, engine: sa.Engine | None = None) -> float:
    """How long to wait before checking this attempt (grows with recent failures)."""
    with db.read_session(engine) as s:
        failures = max(len(_failures(s, LoginFailure.username, username, now, policy)),
                       len(_failures(s, LoginFailure.client, client, now, policy)))
    return auth.login_delay(failures, policy)


def login(username: str, password: str, *, client: str, now: datetime, policy: AuthPolicy,
          engine: sa.Engine | None = None) -> tuple[str, StaffInfo]:
    """Check the password and open a fresh session; returns (session token, staff)."""
    username = username.strip().lower()[:60]
    with db.write_session(engine) as s:
        locked = (auth.locked_until(_failures(s, LoginFailure.username, username, now, policy),
                                    policy.lock_account_after, now, policy)
                  or auth.locked_until(_failures(s, LoginFailure.client, client, now, policy),
                                       policy.lock_client_after, now, policy))
        staff = s.exec(select(Staff).where(Staff.username == username, Staff.active)).first()
        ok = _verify(staff.password_hash if staff and staff.password_hash else _DUMMY_HASH, password)
        if locked or not ok or staff is None or not staff.password_hash:
            s.add(LoginFailure(username=username, client=client[:80], at=now))
            audit.record(s, "login_failed", now, staff_id=staff.id if staff else None,
                         detail="locked" if locked else "")
            s.commit()
            raise LoginLocked() if locked else LoginRefused()
        if _hasher.check_needs_rehash(staff.password_hash):
            staff.password_hash = _hasher.hash(password)
        token = codes.new_token()
        s.add(StaffSession(token_hash=codes.token_hash(token), staff_id=staff.id, created_at=now, last_seen_at=now))
        s.exec(delete(LoginFailure).where(LoginFailure.username == username))
        audit.record(s, "login", now, staff_id=staff.id, team_id=staff.team_id)
        s.commit()
        return token, _info(s, staff)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _info(s: Session, staff: Staff) -> StaffInfo:
    team = s.get(Team, staff.team_id) if staff.team_id else None
    return StaffInfo(staff.id, staff.username, staff.display_name, staff.role, staff.team_id, team.name if team else "")


def resolve(token: str, *, now: datetime, policy: AuthPolicy, touch: bool = True,
            engine: sa.Engine | None = None) -> StaffInfo | None:
    """The staff member behind a session token, or None (unknown, logged out, idle, expired).
    With ``touch`` (a person acted) the idle timer restarts; a page's own heartbeat must not, and
    a heartbeat on a valid session only reads (no write lock every few seconds per open page)."""
    if not token:
        return None
    if not touch:
        with db.read_session(engine) as s:
            session, staff, problem = _session(s, token, now, policy)
            if session is None:
                return None
            if not problem:
                return _info(s, staff)
    with db.write_session(engine) as s:
        session, staff, problem = _session(s, token, now, policy)
        if session is None:
            return None
        if problem:
            if session.ended_at is None:
                session.ended_at = now
                s.commit()
            return None
        if touch:
            session.last_seen_at = now
            s.commit()
        return _info(s, staff)


def _session(s: Session, token: str, now: datetime,
             policy: AuthPolicy) -> tuple[StaffSession | None, Staff | None, str | None]:
    """The session row of ``token``, its staff member, and why it is no longer valid (or None)."""
    session = s.exec(select(StaffSession).where(StaffSession.token_hash == codes.token_hash(token))).first()
    if session is None:
        return None, None, None
    staff = s.get(Staff, session.staff_id)
    problem = auth.session_problem(session.created_at, session.last_seen_at, session.ended_at, now, policy)
    if staff is None or not staff.active:
        problem = problem or "auth.invalid"
    return session, staff, problem


def logout(token: str, *, now: datetime, engine: sa.Engine | None = None) -> None:
    with db.write_session(engine) as s:
        session = s.exec(select(StaffSession).where(StaffSession.token_hash == codes.token_hash(token))).first()
        if session is not None and session.ended_at is None:
            session.ended_at = now
            audit.record(s, "logout", now, staff_id=session.staff_id)
            s.commit()


@dataclass(frozen=True)
class Lock:
    kind: str  # "account" or "client"
    key: str  # the username or the client address
    failures: int
    until: datetime


def locks(*, now: datetime, policy: AuthPolicy, engine: sa.Engine | None = None) -> list[Lock]:
    """The accounts and clients locked now by failed logins (for the admin, who can unlock them)."""
    with db.read_session(engine) as s:
        rows = s.exec(select(LoginFailure.username, LoginFailure.client, LoginFailure.at)
                      .where(LoginFailure.at > now - policy.window)).all()
    found = []
    for kind, index, limit in (("account", 0, policy.lock_account_after), ("client", 1, policy.lock_client_after)):
        times: dict[str, list[datetime]] = {}
        for row in rows:
            times.setdefault(row[index], []).append(row[2])
        found += [Lock(kind, key, len(at), until) for key, at in sorted(times.items())
                  if (until := auth.locked_until(at, limit, now, policy))]
    return found


def unlock(key: str, *, by: StaffInfo, now: datetime, kind: str = "account", engine: sa.Engine | None = None) -> int:
    """An admin lifts the lock of an account (or of a client address); returns how many failures
    were forgotten."""
    if by.role != auth.ADMIN:
        raise PermissionError("only admins unlock accounts")
    column = {"account": LoginFailure.username, "client": LoginFailure.client}[kind]
    with db.write_session(engine) as s:
        count = s.exec(select(func.count()).select_from(LoginFailure).where(column == key)).one()
        s.exec(delete(LoginFailure).where(column == key))
        audit.record(s, "unlock", now, staff_id=by.id, detail=f"{kind} {key}")
        s.commit()
    return count


def set_password(username: str, password: str, *, engine: sa.Engine | None = None) -> None:
    with db.write_session(engine) as s:
        result = s.exec(update(Staff).where(Staff.username == username).values(password_hash=hash_password(password)))
        if result.rowcount != 1:
            raise LookupError(username)
        s.commit()


def create_staff(username: str, display_name: str, role: str, password: str, team_code: str | None = None, *,
                 engine: sa.Engine | None = None) -> None:
    with db.write_session(engine) as s:
        team_id = s.exec(select(Team.id).where(Team.code == team_code)).one() if team_code else None
        s.add(Staff(username=username.strip().lower(), display_name=display_name, role=role, team_id=team_id,
                    password_hash=hash_password(password)))
        s.commit()
