"""Staff accounts, administered by an admin: create, change name, role and team, deactivate and
reactivate, reset the password (a one-time link or a new initial password), unlock.

Every change is one transaction together with its audit row (``admin_add`` / ``admin_change``: who,
which account, the fields before and after — never a password, a hash or a token). The acting admin
is checked again inside the transaction. The office always keeps an active admin: nobody deactivates
or demotes themselves, and the active admins' rows are locked (in id order) while that is decided,
so two admins demoting each other at the same instant cannot leave none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, select

from .. import db, routes, settings
from ..domain import auth as rules
from ..domain import codes, inputs
from ..domain.auth import ADMIN, AuthPolicy
from ..domain.errors import DomainError
from ..models import Staff, Team
from . import audit, auth
from .auth import StaffInfo

RESET_VALID = timedelta(hours=24)
MAX_DISPLAY_NAME = 120


class StaffAdminError(DomainError):
    """A change the rules refuse. ``fields`` maps form fields to message keys (several at once);
    ``key`` is the message for the whole change."""

    key = "admin.staff.invalid"

    def __init__(self, key: str | None = None, fields: dict[str, str] | None = None):
        super().__init__(key)
        self.fields = fields or {}


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    display_name: str
    role: str
    team_id: int | None
    team_name: str
    active: bool
    locked: bool  # locked now for at least one client address after failed logins
    must_change_password: bool
    reset_until: datetime | None  # an unused one-time link works until then


def _snapshot(staff: Staff) -> dict:
    """The account's fields for the audit trail: no password hash, no token hash."""
    return {"username": staff.username, "display_name": staff.display_name, "role": staff.role,
            "team_id": staff.team_id, "active": staff.active, "must_change_password": staff.must_change_password,
            "reset_expires_at": staff.reset_expires_at.isoformat() if staff.reset_token_hash else None}


def _account(staff: Staff, team_name: str, locked: bool, now: datetime) -> Account:
    pending = staff.reset_token_hash is not None and staff.reset_expires_at and staff.reset_expires_at > now
    return Account(staff.id, staff.username, staff.display_name, staff.role, staff.team_id, team_name, staff.active,
                   locked, staff.must_change_password, staff.reset_expires_at if pending else None)


def reset_link(token: str) -> str:
    """The one-time link that lets a person set a new password."""
    return f"{settings.public_url()}{routes.PASSWORD_RESET}?t={token}"


def listing(*, now: datetime, policy: AuthPolicy, engine: sa.Engine | None = None) -> list[Account]:
    """Every account, active ones first, by username, with whether a login lock holds now."""
    locked = {lock.username for lock in auth.locks(now=now, policy=policy, engine=engine)[0]}
    with db.read_session(engine) as s:
        rows = s.exec(select(Staff, Team.name).join(Team, Team.id == Staff.team_id, isouter=True)
                      .order_by(Staff.active.desc(), Staff.username)).all()
        return [_account(staff, team or "", staff.username in locked, now) for staff, team in rows]


def teams(*, engine: sa.Engine | None = None) -> list[tuple[int, str]]:
    """The active teams an account can belong to (id, name)."""
    with db.read_session(engine) as s:
        return list(s.exec(select(Team.id, Team.name).where(Team.active).order_by(Team.name)).all())


def _acting(s: Session, by: StaffInfo) -> None:
    """The admin who acts must still be an active admin (a role change takes effect at once)."""
    row = s.get(Staff, by.id)
    if row is None or not row.active or row.role != ADMIN:
        raise PermissionError("only active admins administer staff accounts")


def _target(s: Session, staff_id: int) -> Staff:
    staff = s.get(Staff, staff_id)
    if staff is None:
        raise StaffAdminError("admin.staff.unknown")
    return staff


def _keep_an_admin(s: Session, staff: Staff, by: StaffInfo) -> None:
    """Refuse to deactivate or demote oneself (the last active admin is always oneself: the one
    acting must be an active admin). The active admins' rows stay locked until the commit, so a
    concurrent change by another admin waits and then finds the acting admin's new state."""
    admins = s.exec(select(Staff.id).where(Staff.role == ADMIN, Staff.active).order_by(Staff.id)
                    .with_for_update()).all()
    if by.id not in admins:
        raise PermissionError("the acting admin was deactivated or demoted meanwhile")
    if staff.id == by.id:
        raise StaffAdminError("admin.staff.last_admin" if len(admins) == 1 else "admin.staff.not_yourself")


def _valid(display_name: object, role: object, team_id: int | None, s: Session) -> tuple[str, str]:
    """The cleaned display name and role, or every field's problem at once."""
    name = inputs.free_text(display_name, MAX_DISPLAY_NAME)
    role = role if isinstance(role, str) else ""
    problems = {}
    if not name:
        problems["display_name"] = "admin.staff.name_missing"
    if problem := rules.team_problem(role, team_id is not None):
        problems["role" if problem == "admin.staff.role_invalid" else "team"] = problem
    elif team_id is not None and not s.exec(select(Team.id).where(Team.id == team_id, Team.active)).first():
        problems["team"] = "admin.staff.team_unknown"
    if problems:
        raise StaffAdminError(fields=problems)
    return name, role


def create(*, username: object, display_name: object, role: object, team_id: int | None, by: StaffInfo,
           now: datetime, engine: sa.Engine | None = None) -> tuple[Account, str]:
    """A new account with a generated initial password (returned once, to be shown to the admin);
    the person must replace it at the first login. Run it in a thread (Argon2)."""
    username = rules.normal_username(username) if isinstance(username, str) else ""
    password = codes.new_initial_password()
    hashed = auth.hash_password(password)  # slow: before the transaction takes the write lock
    with db.write_session(engine) as s:
        _acting(s, by)
        fields = {}
        if problem := rules.username_problem(username):
            fields["username"] = problem
        elif s.exec(select(Staff.id).where(Staff.username == username)).first() is not None:
            fields["username"] = "admin.staff.username_taken"
        try:
            name, role = _valid(display_name, role, team_id, s)
        except StaffAdminError as err:
            raise StaffAdminError(fields={**fields, **err.fields}) from None
        if fields:
            raise StaffAdminError(fields=fields)
        staff = Staff(username=username, display_name=name, role=role, team_id=team_id, password_hash=hashed,
                      must_change_password=True)
        s.add(staff)
        s.flush()
        audit.record_admin(s, "admin_add", now, by=by.id, entity="staff", entity_id=staff.id, after=_snapshot(staff))
        try:
            s.commit()
        except sa.exc.IntegrityError as err:  # the same username created at the same instant
            raise StaffAdminError(fields={"username": "admin.staff.username_taken"}) from err
        return _account(staff, _team_name(s, staff), False, now), password


def _team_name(s: Session, staff: Staff) -> str:
    team = s.get(Team, staff.team_id) if staff.team_id else None
    return team.name if team else ""


def _finish(s: Session, staff: Staff, before: dict, now: datetime, by: StaffInfo, **extra) -> Account:
    """Write the audit row of a change (if anything changed) and commit."""
    after = {**_snapshot(staff), **extra}
    if any(before.get(k) != v for k, v in after.items()):
        audit.record_admin(s, "admin_change", now, by=by.id, entity="staff", entity_id=staff.id, before=before,
                           after=after)
    s.commit()
    return _account(staff, _team_name(s, staff), False, now)


def change(staff_id: int, *, display_name: object, role: object, team_id: int | None, by: StaffInfo,
           now: datetime, engine: sa.Engine | None = None) -> Account:
    """Change an account's name, role and team. A new role or team ends the person's sessions:
    they log in again with exactly their new rights."""
    with db.write_session(engine) as s:
        _acting(s, by)
        staff = _target(s, staff_id)
        name, role = _valid(display_name, role, team_id, s)
        before = _snapshot(staff)
        if staff.role == ADMIN and role != ADMIN:
            _keep_an_admin(s, staff, by)
        if (role, team_id) != (staff.role, staff.team_id):
            auth.end_sessions(s, staff.id, now)
        staff.display_name, staff.role, staff.team_id = name, role, team_id
        return _finish(s, staff, before, now, by)


def set_active(staff_id: int, active: bool, *, by: StaffInfo, now: datetime,
               engine: sa.Engine | None = None) -> Account:
    """Deactivate an account (its sessions end at once, an open reset link stops working) or
    activate it again."""
    with db.write_session(engine) as s:
        _acting(s, by)
        staff = _target(s, staff_id)
        before = _snapshot(staff)
        if not active and staff.active:
            if staff.id == by.id or staff.role == ADMIN:
                _keep_an_admin(s, staff, by)
            auth.end_sessions(s, staff.id, now)
            staff.reset_token_hash = staff.reset_expires_at = None
        staff.active = active
        return _finish(s, staff, before, now, by)


def _active_target(s: Session, staff_id: int) -> Staff:
    staff = _target(s, staff_id)
    if not staff.active:
        raise StaffAdminError("admin.staff.inactive")
    return staff


def issue_reset_link(staff_id: int, *, by: StaffInfo, now: datetime,
                     engine: sa.Engine | None = None) -> tuple[Account, str]:
    """A one-time link (valid ``RESET_VALID``) for the person to set a new password; returns the
    link (shown once). Only its token's hash is stored; a newer link replaces an older one. The
    current password keeps working until the link is used."""
    token = codes.new_token()
    with db.write_session(engine) as s:
        _acting(s, by)
        staff = _active_target(s, staff_id)
        before = _snapshot(staff)
        staff.reset_token_hash, staff.reset_expires_at = codes.token_hash(token), now + RESET_VALID
        return _finish(s, staff, before, now, by, password="reset_link"), reset_link(token)


def issue_initial_password(staff_id: int, *, by: StaffInfo, now: datetime,
                           engine: sa.Engine | None = None) -> tuple[Account, str]:
    """Replace the password by a generated initial one (returned once) that must be changed at the
    next login. The person's sessions end: the old password and its sessions are gone at once.
    Run it in a thread (Argon2)."""
    password = codes.new_initial_password()
    hashed = auth.hash_password(password)
    with db.write_session(engine) as s:
        _acting(s, by)
        staff = _active_target(s, staff_id)
        before = _snapshot(staff)
        staff.password_hash, staff.must_change_password = hashed, True
        staff.reset_token_hash = staff.reset_expires_at = None
        auth.end_sessions(s, staff.id, now)
        return _finish(s, staff, before, now, by, password="initial"), password


def unlock(staff_id: int, *, by: StaffInfo, now: datetime, engine: sa.Engine | None = None) -> int:
    """Lift the account's login locks from every client (``auth.unlock``, audited there)."""
    with db.read_session(engine) as s:
        staff = _target(s, staff_id)
    return auth.unlock(staff.username, kind="account", by=by, now=now, engine=engine)
