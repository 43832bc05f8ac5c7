"""The day overview for team leads and admins: figures, urgent entries, today's audit trail, and for
admins the locked logins. Every handler checks the session and the role on the server."""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import datetime

import reflex as rx

from .. import i18n, live, routes, settings
from ..domain import auth
from ..services import auth as auth_service
from ..services import overview, queue
from ..services.auth import StaffInfo
from .auth import AuthState

log = logging.getLogger(__name__)
FIGURES = ("expected", "waiting", "parked", "called", "done", "no_show", "urgent", "longest_wait", "mean_wait")


def _detail(e: overview.AuditRow, lang: str, team_names: dict[str, str]) -> str:
    """The stored detail in words: what an undo took back, where a transfer went."""
    if e.action == "undo":
        return i18n.translate(lang, f"audit.{e.detail.split(' ')[0]}")
    if e.action == "transfer" and e.detail.startswith("to team "):
        team, _, note = e.detail.removeprefix("to team ").partition(": ")
        name = team_names.get(team, team)
        return f"→ {name}: {note}" if note else f"→ {name}"
    if e.action == "login_failed" and e.detail == "locked":
        return i18n.translate(lang, "audit.while_locked")
    if e.action == "check_in" and e.detail in ("kiosk", "staff"):
        return ""
    return e.detail


class OverviewState(rx.State):
    team_id: int = 0
    is_admin: bool = False
    teams: list[dict[str, str]] = []
    figures: list[dict[str, str]] = []  # {"key": message key, "value": ...}
    urgent: list[dict[str, str]] = []
    events: list[dict[str, str]] = []
    locks: list[dict[str, str]] = []
    notice: str = ""
    _deadline: datetime | None = None  # pushes stop filling in data once the session may be idle

    @rx.var
    def team_name(self) -> str:
        return next((t["name"] for t in self.teams if t["id"] == str(self.team_id)), "")

    async def _lead(self, touch: bool = True) -> StaffInfo | None:
        """The logged-in team lead or admin; for anyone else everything is cleared."""
        who = (await self.get_state(AuthState)).staff(touch=touch)
        allowed = who is not None and auth.may_see_audit(who.role) and (
            not self.team_id or auth.may_act_for_team(who.role, who.team_id, self.team_id))
        if who is not None and not allowed:
            log.warning("day overview refused to %s (role %s)", who.username, who.role)
        if not allowed:
            self._clear()
            return None
        if touch:
            self._deadline = settings.now() + settings.auth_policy().idle_timeout
        return who

    async def _away(self):
        """A logged-in clerk goes back to the queue, anyone else to the login."""
        logged_in = (await self.get_state(AuthState)).role != ""
        return rx.redirect(routes.CLERK if logged_in else routes.LOGIN)

    @rx.event
    async def load(self):
        who = await self._lead()
        if who is None:
            return await self._away()
        self.is_admin = who.role == auth.ADMIN
        self.teams = [{"id": str(i), "name": name} for i, _, name in queue.teams()
                      if auth.may_act_for_team(who.role, who.team_id, i)]
        self.team_id = self.team_id or (who.team_id or int(self.teams[0]["id"]))
        self._follow()

    @rx.event
    async def choose_team(self, team: str):
        """Admins look at one team at a time."""
        if await self._lead() is None:
            return await self._away()
        if any(t["id"] == team for t in self.teams):
            self.team_id = int(team)
            self._follow()

    @rx.event
    async def unlock(self, kind: str, key: str):
        who = await self._lead()
        if who is None:
            return await self._away()
        if who.role != auth.ADMIN or kind not in ("account", "client"):
            return
        auth_service.unlock(key, kind=kind, by=who, now=settings.now())
        self.notice = "overview.unlocked"
        self.refresh()

    @rx.event
    async def heartbeat(self, _tick: str = ""):
        """Logins and other events without a push show up within a few seconds."""
        if await self._lead(touch=False) is None:
            return await self._away()
        self._follow()

    @rx.event
    def logout(self):
        """No more pushes to this tab, then the session ends."""
        self._clear()
        return AuthState.logout

    def _clear(self):
        live.forget([self.router.session.client_token])
        self.team_id, self.figures, self.urgent, self.events, self.locks = 0, [], [], [], []
        self._deadline = None

    def _follow(self):
        live.subscribe(self.router.session.client_token, live.team_channel(self.team_id), "overview", settings.now())
        self.refresh()

    def refresh(self, shared: dict | None = None):
        if not self.team_id or self._deadline is None or settings.now() > self._deadline:
            return
        now, team = settings.now(), self.team_id
        figures, urgent = overview.team_today(team, now=now)
        values = {k: str(v) for k, v in asdict(figures).items() if v is not None}
        self.figures = [{"key": f"overview.figure.{k}", "value": values.get(k, "–"),
                         "unit": "clerk.minutes" if k.endswith("_wait") and k in values else ""} for k in FIGURES]
        lang, names = i18n.DEFAULT_LANGUAGE, {str(i): name for i, _, name in queue.teams()}
        self.urgent = [{"number": r.call_number, "name": r.name, "reason": r.note, "time": r.start.strftime("%H:%M"),
                        "status": f"clerk.status.{r.status}"} for r in urgent]
        self.events = [{"at": e.at.strftime("%H:%M:%S"), "action": i18n.translate(lang, f"audit.{e.action}"),
                        "who": e.who or i18n.translate(lang, "audit.kiosk" if e.detail == "kiosk" else "audit.system"),
                        "number": e.call_number, "detail": _detail(e, lang, names)}
                       for e in overview.audit_today(None if self.is_admin else team, now=now)]
        self.locks = [{"kind": lock.kind, "key": lock.key, "failures": str(lock.failures),
                       "until": lock.until.strftime("%H:%M")}
                      for lock in auth_service.locks(now=now, policy=settings.auth_policy())] if self.is_admin else []


live.register("overview", OverviewState)
