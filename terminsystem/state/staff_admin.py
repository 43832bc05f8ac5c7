"""The admin's page of staff accounts: create, change name, role and team, deactivate and
reactivate, reset the password, unlock. Every handler checks the session and the admin role on the
server; an initial password or a reset link is shown once, to the admin who asked for it."""

from __future__ import annotations

import asyncio

import reflex as rx

from .. import routes, settings
from ..domain import auth, inputs
from ..services import staff_admin
from ..services.auth import StaffInfo
from ..services.staff_admin import Account, StaffAdminError
from .auth import AuthState, guard

FORM_FIELDS = ("username", "display_name", "role", "team")


def _when(value) -> str:
    return value.strftime("%d.%m.%Y %H:%M") if value else ""


def _fetch(me: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The accounts' rows and the active teams (one thread trip for both)."""
    accounts = [_row(a, me) for a in staff_admin.listing(now=settings.now(), policy=settings.auth_policy())]
    return accounts, [{"id": str(i), "name": name} for i, name in staff_admin.teams()]


def _row(a: Account, me: int) -> dict[str, str]:
    return {"id": str(a.id), "username": a.username, "name": a.display_name, "role": f"admin.role.{a.role}",
            "role_code": a.role, "team": a.team_name, "team_id": str(a.team_id or ""),
            "status": "admin.staff.active" if a.active else "admin.staff.inactive_status",
            "active": "yes" if a.active else "no", "locked": "yes" if a.locked else "no",
            "must_change": "yes" if a.must_change_password else "no", "reset_until": _when(a.reset_until),
            "me": "yes" if a.id == me else "no"}


class StaffAdminState(rx.State):
    accounts: list[dict[str, str]] = []
    teams: list[dict[str, str]] = []
    errors: dict[str, str] = {}  # create form: field → message key
    created: int = 0  # the create form's key: emptied after each new account (kept after a refusal)
    notice: str = ""  # what just happened (role=status)
    problem: str = ""  # why a change was refused (role=alert)
    # The account being edited, with its values (the edit form is filled from them).
    editing: str = ""
    edit_username: str = ""
    edit_name: str = ""
    edit_role: str = ""
    edit_team: str = ""
    edit_errors: dict[str, str] = {}
    # An initial password or a reset link just issued: shown once, until the admin hides it.
    secret: str = ""
    secret_kind: str = ""  # "password" | "link"
    secret_for: str = ""
    secret_until: str = ""

    async def _admin(self) -> StaffInfo | None:
        return await guard(self, "staff admin", lambda who: auth.may_administer(who.role))

    async def _away(self):
        """A logged-in clerk or team lead goes back to the queue, anyone else to the login."""
        logged_in = (await self.get_state(AuthState)).role != ""
        return rx.redirect(routes.CLERK if logged_in else routes.LOGIN)

    def _clear(self):
        self.accounts, self.teams, self.errors, self.notice, self.problem = [], [], {}, "", ""
        self._stop_editing()
        self._hide_secret()

    def _holds_data(self) -> bool:
        return bool(self.accounts or self.teams or self.secret or self.editing)

    def _hide_secret(self):
        self.secret, self.secret_kind, self.secret_for, self.secret_until = "", "", "", ""

    def _stop_editing(self):
        self.editing, self.edit_username, self.edit_name, self.edit_role, self.edit_team = "", "", "", "", ""
        self.edit_errors = {}

    async def _reload(self, who: StaffInfo):
        self.accounts, self.teams = await asyncio.to_thread(_fetch, who.id)

    async def _run(self, who: StaffInfo, work, notice: str, errors: str = "edit_errors"):
        """Run one service call in a thread. Refused: the reason (field problems go to the form
        whose errors var is ``errors``) and None. Done: ``notice``, the new list and the result."""
        self.problem = self.notice = ""
        setattr(self, errors, {})
        try:
            result = await asyncio.to_thread(work)
        except StaffAdminError as err:
            setattr(self, errors, {k: v for k, v in err.fields.items() if k in FORM_FIELDS})
            self.problem = "admin.staff.check_fields" if err.fields else err.key
            return None
        except PermissionError:  # demoted or deactivated by another admin a moment ago
            self._clear()
            self.problem = "admin.staff.not_allowed"
            return None
        self.notice = notice
        await self._reload(who)
        return result

    @rx.event
    async def load(self):
        if (who := await self._admin()) is None:
            return await self._away()
        self.errors, self.problem, self.notice = {}, "", ""
        self._stop_editing()
        await self._reload(who)

    @rx.event
    async def create(self, form: dict):
        if (who := await self._admin()) is None:
            return await self._away()
        issued = await self._run(who, lambda: staff_admin.create(
            username=inputs.field(form, "username"), display_name=inputs.field(form, "display_name"),
            role=inputs.field(form, "role"), team_id=inputs.record_id(inputs.field(form, "team")), by=who,
            now=settings.now()), "admin.staff.created", errors="errors")
        if issued:
            self.created += 1
            self._show_secret("password", *issued)

    def _show_secret(self, kind: str, account: Account, secret: str):
        self.secret, self.secret_kind, self.secret_for = secret, kind, account.username
        self.secret_until = _when(account.reset_until) if kind == "link" else ""

    @rx.event
    async def edit(self, staff_id: str):
        if await self._admin() is None:
            return await self._away()
        row = next((a for a in self.accounts if a["id"] == staff_id), None)
        if row is None:
            return
        self.editing, self.edit_username, self.edit_name = row["id"], row["username"], row["name"]
        self.edit_role = row["role_code"]
        self.edit_team, self.edit_errors, self.problem, self.notice = row["team_id"], {}, "", ""

    @rx.event
    async def cancel_edit(self):
        if await self._admin() is None:
            return await self._away()
        self._stop_editing()

    @rx.event
    async def save(self, form: dict):
        if (who := await self._admin()) is None:
            return await self._away()
        if not self.editing:
            return
        staff_id = int(self.editing)
        if await self._run(who, lambda: staff_admin.change(
                staff_id, display_name=inputs.field(form, "display_name"), role=inputs.field(form, "role"),
                team_id=inputs.record_id(inputs.field(form, "team")), by=who, now=settings.now()),
                "admin.staff.saved"):
            self._stop_editing()

    @rx.event
    async def deactivate(self, staff_id: str):
        if (who := await self._admin()) is None:
            return await self._away()
        await self._run(who, lambda: staff_admin.set_active(
            inputs.lookup_id(staff_id), False, by=who, now=settings.now()), "admin.staff.deactivated")

    @rx.event
    async def reactivate(self, staff_id: str):
        if (who := await self._admin()) is None:
            return await self._away()
        await self._run(who, lambda: staff_admin.set_active(
            inputs.lookup_id(staff_id), True, by=who, now=settings.now()), "admin.staff.reactivated")

    @rx.event
    async def reset_link(self, staff_id: str):
        if (who := await self._admin()) is None:
            return await self._away()
        issued = await self._run(who, lambda: staff_admin.issue_reset_link(
            inputs.lookup_id(staff_id), by=who, now=settings.now()), "admin.staff.link_issued")
        if issued:
            self._show_secret("link", *issued)

    @rx.event
    async def reset_password(self, staff_id: str):
        if (who := await self._admin()) is None:
            return await self._away()
        issued = await self._run(who, lambda: staff_admin.issue_initial_password(
            inputs.lookup_id(staff_id), by=who, now=settings.now()), "admin.staff.password_issued")
        if issued:
            self._show_secret("password", *issued)

    @rx.event
    async def unlock(self, staff_id: str):
        if (who := await self._admin()) is None:
            return await self._away()
        await self._run(who, lambda: staff_admin.unlock(
            inputs.lookup_id(staff_id), by=who, now=settings.now()), "admin.staff.unlocked")

    @rx.event
    async def hide_secret(self):
        if await self._admin() is None:
            return await self._away()
        self._hide_secret()
