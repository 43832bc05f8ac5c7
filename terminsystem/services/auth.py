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
from ..models import LiveClient, LoginFailure, Staff, StaffSession, Team
from . import audit

_hasher = PasswordHasher()
# Verified when the account does not exist, so that "no such user" takes as long as "wrong password".
_DUMMY_HASH = _hasher.hash("not a real password")


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
    session_id: int | None = None  # the login session this was resolved from
    # An initial password must be replaced first: ``state.auth.guard`` refuses every staff page
    # until then (the password page asks ``current_staff`` itself).
    must_change_password: bool = False


def hash_password(password: str) -> str:
    if problem := auth.password_problem(password):
        raise ValueError(f"{problem}: passwords need {auth.MIN_PASSWORD} to {auth.MAX_PASSWORD} characters")
    return _hasher.hash(password)


def password_matches(hashed: str | None, password: str) -> bool:
    """Whether ``password`` is the one behind ``hashed`` (Argon2: run it in a thread)."""
    return hashed is not None and _verify(hashed, password)


def _pair_failures(s: Session, username: str, client: str, now: datetime, policy: AuthPolicy) -> list[datetime]:
    return list(s.exec(select(LoginFailure.at).where(
        LoginFailure.username == username, LoginFailure.client == client, LoginFailure.at > now - policy.window)).all())


def login_delay(username: str, client: str, *, now: datetime, policy: AuthPolicy, engine: sa.Engine | None = None) -> float:
    """How long to wait before checking this attempt (grows with this client's recent failures on
    this account; other clients are not slowed down)."""
    with db.read_session(engine) as s:
        return auth.login_delay(len(_pair_failures(s, username.strip().lower()[:60], client, now, policy)), policy)


def login(username: str, password: str, *, client: str, now: datetime, policy: AuthPolicy,
          engine: sa.Engine | None = None) -> tuple[str, StaffInfo]:
    """Check the password and open a fresh session; returns (session token, staff). Run it in a
    thread: Argon2 takes about a tenth of a second of CPU (skipped while the pair is locked)."""
    username, client = username.strip().lower()[:60], client[:80]
    with db.read_session(engine) as s:
        locked = auth.locked_until(_pair_failures(s, username, client, now, policy), policy.lock_after, now, policy)
        staff = s.exec(select(Staff).where(Staff.username == username, Staff.active)).first()
        hashed = staff.password_hash if staff and staff.password_hash else None
    # The hash is checked outside the transaction, so no write lock is held for its duration.
    ok = not locked and _verify(hashed or _DUMMY_HASH, password) and hashed is not None
    with db.write_session(engine) as s:
        if not ok:
            _record_failure(s, username, client, staff.id if staff else None, locked is not None, now, policy)
            s.commit()
            raise LoginLocked() if locked else LoginRefused()
        staff = s.get(Staff, staff.id)
        if _hasher.check_needs_rehash(staff.password_hash):
            staff.password_hash = _hasher.hash(password)
        token = codes.new_token()
        session = StaffSession(token_hash=codes.token_hash(token), staff_id=staff.id, created_at=now, last_seen_at=now)
        s.add(session)
        s.exec(delete(LoginFailure).where(LoginFailure.username == username, LoginFailure.client == client))
        audit.record(s, "login", now, staff_id=staff.id, team_id=staff.team_id)
        s.commit()
        return token, _info(s, staff, session.id)


def _record_failure(s: Session, username: str, client: str, staff_id: int | None, locked: bool, now: datetime,
                    policy: AuthPolicy) -> None:
    """A failed login; when the account's or the client's failures reach the alert threshold, the
    trail gets an alert that the admins see."""
    s.add(LoginFailure(username=username, client=client, at=now))
    audit.record(s, "login_failed", now, staff_id=staff_id, reason=audit.LOCKED if locked else None)
    s.flush()
    for kind, column, key in (("account", LoginFailure.username, username), ("client", LoginFailure.client, client)):
        count = s.exec(select(func.count()).select_from(LoginFailure).where(
            column == key, LoginFailure.at > now - policy.window)).one()
        if count == policy.alert_after:
            audit.record(s, "login_alert", now, staff_id=staff_id if kind == "account" else None,
                         target_kind=kind, target=key)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _info(s: Session, staff: Staff, session_id: int | None = None) -> StaffInfo:
    team = s.get(Team, staff.team_id) if staff.team_id else None
    return StaffInfo(staff.id, staff.username, staff.display_name, staff.role, staff.team_id, team.name if team else "",
                     session_id, staff.must_change_password)


def session_valid(now: datetime, policy: AuthPolicy) -> tuple:
    """SQL conditions on ``StaffSession`` for a session that is valid now (the same rule as
    ``domain.auth.session_problem``, for queries over many sessions, e.g. which pages get pushes)."""
    return (StaffSession.ended_at.is_(None), StaffSession.created_at >= now - policy.lifetime,
            StaffSession.last_seen_at >= now - policy.idle_timeout)


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
                return _info(s, staff, session.id)
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
        return _info(s, staff, session.id)


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
    """End the session everywhere: every tab of this browser, and no more pushes to its pages."""
    with db.write_session(engine) as s:
        session = s.exec(select(StaffSession).where(StaffSession.token_hash == codes.token_hash(token))).first()
        if session is not None and session.ended_at is None:
            session.ended_at = now
            s.exec(delete(LiveClient).where(LiveClient.session_id == session.id))
            audit.record(s, "logout", now, staff_id=session.staff_id)
            s.commit()


def end_sessions(s: Session, staff_id: int, now: datetime, *, keep: int | None = None) -> int:
    """End every open session of an account (except ``keep``) inside the caller's transaction: its
    pages get no more pushes and their next action finds the session ended. Returns how many."""
    query = select(StaffSession.id).where(StaffSession.staff_id == staff_id, StaffSession.ended_at.is_(None))
    ids = [i for i in s.exec(query).all() if i != keep]
    if ids:
        s.exec(update(StaffSession).where(StaffSession.id.in_(ids)).values(ended_at=now))
        s.exec(delete(LiveClient).where(LiveClient.session_id.in_(ids)))
    return len(ids)


@dataclass(frozen=True)
class Lock:
    """An account locked for one client address."""

    username: str
    client: str
    failures: int
    until: datetime


@dataclass(frozen=True)
class Alert:
    """Many failed logins of one account (from anywhere) or from one client (on any accounts)."""

    kind: str  # "account" or "client"
    key: str
    failures: int


def locks(*, now: datetime, policy: AuthPolicy, engine: sa.Engine | None = None) -> tuple[list[Lock], list[Alert]]:
    """The (account, client) pairs locked now, and the accounts and clients with so many failures
    that the admins should look (they can unlock both at once)."""
    with db.read_session(engine) as s:
        rows = s.exec(select(LoginFailure.username, LoginFailure.client, LoginFailure.at)
                      .where(LoginFailure.at > now - policy.window)).all()
    pairs: dict[tuple[str, str], list[datetime]] = {}
    for username, client, at in rows:
        pairs.setdefault((username, client), []).append(at)
    found = [Lock(u, c, len(at), until) for (u, c), at in sorted(pairs.items())
             if (until := auth.locked_until(at, policy.lock_after, now, policy))]
    alerts = []
    for kind, index in (("account", 0), ("client", 1)):
        counts: dict[str, int] = {}
        for row in rows:
            counts[row[index]] = counts.get(row[index], 0) + 1
        alerts += [Alert(kind, key, n) for key, n in sorted(counts.items()) if n >= policy.alert_after]
    return found, alerts


def unlock(key: str, *, by: StaffInfo, now: datetime, kind: str = "account", engine: sa.Engine | None = None) -> int:
    """An admin lifts the locks of an account (from every client) or of a client address (on every
    account); returns how many failures were forgotten."""
    if by.role != auth.ADMIN:
        raise PermissionError("only admins unlock accounts")
    column = {"account": LoginFailure.username, "client": LoginFailure.client}[kind]
    with db.write_session(engine) as s:
        count = s.exec(select(func.count()).select_from(LoginFailure).where(column == key)).one()
        s.exec(delete(LoginFailure).where(column == key))
        audit.record(s, "unlock", now, staff_id=by.id, target_kind=kind, target=key[:80])
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
