"""A person sets their own password: replacing the initial one after the first login, or with the
one-time link an admin issued. Both are audited as changes of the person's own account (``by`` is
the person), with no password, hash or token in the trail."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import select, update

from .. import db
from ..domain import auth as rules
from ..domain import codes
from ..domain.errors import DomainError
from ..models import Staff
from . import audit, auth
from .auth import StaffInfo


class PasswordRejected(DomainError):
    """The new password breaks a rule (``key``), or the link no longer works (``LINK_INVALID``)."""

    key = "admin.password.too_short"


LINK_INVALID = "admin.password.link_invalid"
STALE = "admin.password.stale"


def _changed(s, staff: Staff, at: datetime, how: str) -> None:
    """The audit row: ``staff`` as it was before; no initial password to change, no link any more."""
    before = {"must_change_password": staff.must_change_password, "password": None,
              "reset_expires_at": staff.reset_expires_at.isoformat() if staff.reset_token_hash else None}
    audit.record_admin(s, "admin_change", at, by=staff.id, entity="staff", entity_id=staff.id, before=before,
                       after={"must_change_password": False, "password": how, "reset_expires_at": None})


def replace_initial(who: StaffInfo, password: str, *, now: datetime, engine: sa.Engine | None = None) -> None:
    """``who`` replaces the initial password they logged in with: the rules hold and the new one
    differs from it. Their other sessions end; this one continues. Run it in a thread (Argon2)."""
    with db.read_session(engine) as s:
        staff = s.get(Staff, who.id)
    if staff is None or not staff.active or not staff.must_change_password:
        raise PasswordRejected(STALE)
    if problem := rules.password_problem(password, staff.username):
        raise PasswordRejected(problem)
    if auth.password_matches(staff.password_hash, password):
        raise PasswordRejected("admin.password.same_as_initial")
    hashed = auth.hash_password(password)
    with db.write_session(engine) as s:
        # Only while the password is still the one checked above (an admin may reset it meanwhile).
        result = s.exec(update(Staff).where(
            Staff.id == who.id, Staff.active, Staff.must_change_password, Staff.password_hash == staff.password_hash,
        ).values(password_hash=hashed, must_change_password=False, reset_token_hash=None, reset_expires_at=None))
        if result.rowcount != 1:
            raise PasswordRejected(STALE)
        auth.end_sessions(s, who.id, now, keep=who.session_id)
        _changed(s, staff, now, "changed")
        s.commit()


def link_account(token: object, *, now: datetime, engine: sa.Engine | None = None) -> str | None:
    """The username a one-time link is for, or None (unknown, used, expired, account inactive)."""
    if not codes.looks_like_token(token):
        return None
    with db.read_session(engine) as s:
        return s.exec(select(Staff.username).where(
            Staff.reset_token_hash == codes.token_hash(token), Staff.reset_expires_at > now, Staff.active)).first()


def redeem_link(token: object, password: str, *, now: datetime, engine: sa.Engine | None = None) -> str:
    """Set a new password with a one-time link; the link is used up and every session of the
    account ends. Returns the username. Run it in a thread (Argon2)."""
    username = link_account(token, now=now, engine=engine)
    if username is None:
        raise PasswordRejected(LINK_INVALID)
    if problem := rules.password_problem(password, username):
        raise PasswordRejected(problem)
    hashed = auth.hash_password(password)
    with db.write_session(engine) as s:
        staff = s.exec(select(Staff).where(Staff.username == username)).one()
        as_read = staff.model_copy()  # the audit row records it as it was before the UPDATE
        # One conditional UPDATE: a link works once, even when used twice at the same instant. It
        # comes before the audit row: that row's foreign key would share-lock the staff row, and two
        # such locks waiting for each other's key update are a deadlock on PostgreSQL.
        result = s.exec(update(Staff).where(
            Staff.id == staff.id, Staff.reset_token_hash == codes.token_hash(token), Staff.reset_expires_at > now,
            Staff.active,
        ).values(password_hash=hashed, must_change_password=False, reset_token_hash=None, reset_expires_at=None))
        if result.rowcount != 1:
            raise PasswordRejected(LINK_INVALID)
        _changed(s, as_read, now, "set_by_link")
        auth.end_sessions(s, staff.id, now)
        s.commit()
    return username
