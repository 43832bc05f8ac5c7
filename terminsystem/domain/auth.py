"""Staff access rules: roles, session lifetime, growing delay and temporary lock after failures;
what usernames and passwords must look like."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

CLERK, TEAM_LEAD, ADMIN = "clerk", "team_lead", "admin"
ROLES = (CLERK, TEAM_LEAD, ADMIN)  # the only definition: the staff table's check constraint uses it too


@dataclass(frozen=True)
class AuthPolicy:
    idle_timeout: timedelta = timedelta(minutes=15)
    lifetime: timedelta = timedelta(hours=10)  # absolute, however active the session is
    window: timedelta = timedelta(minutes=15)  # failures older than this are forgotten
    free_failures: int = 2  # no delay for the first typos
    max_delay: float = 8.0  # seconds
    # Delay and lock count the failures of one account FROM ONE CLIENT: a stranger guessing a
    # colleague's password slows down and locks only themselves, never the colleague (nor, behind a
    # shared address, everybody).
    lock_after: int = 6
    lock_for: timedelta = timedelta(minutes=15)  # temporary: nobody is locked out for long
    # Many failures of one account (from anywhere) or from one client (any accounts) alert the admins.
    alert_after: int = 20


def login_delay(recent_failures: int, policy: AuthPolicy) -> float:
    """Seconds to wait before checking a password: 0, 0, 1, 2, 4, 8, 8 … (doubling, capped)."""
    extra = recent_failures - policy.free_failures
    return 0.0 if extra < 0 else min(policy.max_delay, float(2**extra))


def locked_until(failures: list[datetime], limit: int, now: datetime, policy: AuthPolicy) -> datetime | None:
    """When ``limit`` failures fell within the window, locked until ``lock_for`` after the last."""
    recent = sorted(t for t in failures if now - t <= policy.window)
    if len(recent) < limit:
        return None
    until = recent[-1] + policy.lock_for
    return until if until > now else None


def session_problem(created: datetime, last_seen: datetime, ended: datetime | None, now: datetime,
                    policy: AuthPolicy) -> str | None:
    """Why a session is no longer valid (a message key), or None."""
    if ended is not None:
        return "auth.logged_out"
    if now - created > policy.lifetime:
        return "auth.expired"
    if now - last_seen > policy.idle_timeout:
        return "auth.idle"
    return None


def may_act_for_team(role: str, own_team: int | None, team: int) -> bool:
    """Clerks and team leads work on their own team's appointments; admins on every team's."""
    return role == ADMIN or (own_team is not None and own_team == team)


def may_see_audit(role: str) -> bool:
    return role in (TEAM_LEAD, ADMIN)


def may_plan_team(role: str, own_team: int | None, team: int | None) -> bool:
    """Opening hours and closed days: team leads for their own team, admins for every team and for
    the whole office (``team`` None)."""
    return role == ADMIN or (role == TEAM_LEAD and team is not None and own_team == team)


def may_administer(role: str) -> bool:
    """Teams, concerns, rooms, staff accounts and devices."""
    return role == ADMIN


# --- Accounts: what a username, a password and a role's team must look like -------------------
MIN_PASSWORD = 10
MAX_PASSWORD = 128  # the login form's field is cut at 200 characters; longer ones could never log in
MAX_USERNAME = 60
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,59}")


def normal_username(text: str) -> str:
    """How a username is stored and looked up at login: no surrounding spaces, lower case."""
    return text.strip().lower()


def username_problem(username: str) -> str | None:
    """Why ``username`` (already normalised) cannot be one, as a message key; or None."""
    return None if _USERNAME.fullmatch(username) else "admin.staff.username_invalid"


def password_problem(password: str, username: str = "") -> str | None:
    """Why ``password`` is not good enough, as a message key; or None."""
    if len(password) < MIN_PASSWORD:
        return "admin.password.too_short"
    if len(password) > MAX_PASSWORD:
        return "admin.password.too_long"
    if len(username) >= 4 and username in password.lower():
        return "admin.password.has_username"
    return None


def team_problem(role: str, has_team: bool) -> str | None:
    """Clerks and team leads belong to a team; an admin works for the whole office and has none."""
    if role not in ROLES:
        return "admin.staff.role_invalid"
    if role == ADMIN and has_team:
        return "admin.staff.admin_no_team"
    if role != ADMIN and not has_team:
        return "admin.staff.team_missing"
    return None
