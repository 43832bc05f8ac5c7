"""The day overview for team leads and admins: figures, urgent entries, today's audit trail, and for
admins the locked logins. Every handler checks the session and the role on the server."""

from __future__ import annotations

from dataclasses import asdict

import reflex as rx

from .. import i18n, live, routes, settings
from ..domain import auth
from ..services import audit, overview, queue
from ..services import auth as auth_service
from ..services.auth import StaffInfo
from .auth import AuthState, guard

FIGURES = ("expected", "waiting", "parked", "called", "done", "no_show", "urgent", "longest_wait", "mean_wait")


def who_text(e: overview.AuditRow, lang: str) -> str:
    if e.who:
        return e.who
    return i18n.translate(lang, {audit.KIOSK: "audit.kiosk", audit.ONLINE: "audit.online"}.get(e.via, "audit.system"))


def detail_text(e: overview.AuditRow, lang: str) -> str:
    """An audit row's particulars in words: what an undo took back, where a transfer went, why a
    login failed, whom an unlock freed, the urgent reason."""
    if e.undoes:
        return i18n.translate(lang, f"audit.{e.undoes}")
    if e.to_team:
        return f"→ {e.to_team}: {e.note}" if e.note else f"→ {e.to_team}"
    if e.reason:
        return i18n.translate(lang, f"audit.reason.{e.reason}")
    if e.target_kind:
        return f"{i18n.translate(lang, f'overview.lock.{e.target_kind}')} {e.target}"
    return e.note


class OverviewState(rx.State):
    team_id: int = 0
    is_admin: bool = False
    teams: list[dict[str, str]] = []
    figures: list[dict[str, str]] = []  # {"key": message key, "value": ...}
    urgent: list[dict[str, str]] = []
    events: list[dict[str, str]] = []
    locks: list[dict[str, str]] = []
    alerts: list[dict[str, str]] = []
    notice: str = ""

    @rx.var
    def team_name(self) -> str:
        return next((t["name"] for t in self.teams if t["id"] == str(self.team_id)), "")

    async def _lead(self, touch: bool = True) -> StaffInfo | None:
        """The logged-in team lead or admin (of this team); for anyone else everything is cleared."""
        return await guard(self, "day overview", lambda who: auth.may_see_audit(who.role) and (
            not self.team_id or auth.may_act_for_team(who.role, who.team_id, self.team_id)), touch=touch)

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
        self._follow(who)

    @rx.event
    async def choose_team(self, team: str):
        """Admins look at one team at a time."""
        if (who := await self._lead()) is None:
            return await self._away()
        if any(t["id"] == team for t in self.teams):
            self.team_id = int(team)
            self._follow(who)

    @rx.event
    async def unlock(self, kind: str, key: str):
        who = await self._lead()
        if who is None:
            return await self._away()
        if who.role != auth.ADMIN or kind not in ("account", "client") or not isinstance(key, str):
            return
        auth_service.unlock(key[:80], kind=kind, by=who, now=settings.now())
        self.notice = "overview.unlocked"
        self._refresh()

    @rx.event
    async def heartbeat(self, _tick: str = ""):
        """Logins and other events without a push show up within a few seconds."""
        if (who := await self._lead(touch=False)) is None:
            return await self._away()
        self._follow(who)

    def _clear(self):
        live.forget([self.router.session.client_token])
        self.team_id, self.figures, self.urgent, self.events, self.locks, self.alerts = 0, [], [], [], [], []
        self.teams, self.notice = [], ""

    def _holds_data(self) -> bool:
        return bool(self.team_id or self.teams or self.events or self.urgent or self.locks or self.alerts)

    def _follow(self, who: StaffInfo):
        live.subscribe(self.router.session.client_token, live.team_channel(self.team_id), "overview", settings.now(),
                       session_id=who.session_id)
        self._refresh()

    def _refresh(self, shared: dict | None = None):
        """Reload from the database (private: only our handlers and pushes to a valid session call it)."""
        if not self.team_id:
            return
        now, team = settings.now(), self.team_id
        figures, urgent = overview.team_today(team, now=now)
        values = {k: str(v) for k, v in asdict(figures).items() if v is not None}
        self.figures = [{"key": f"overview.figure.{k}", "value": values.get(k, "–"),
                         "unit": "clerk.minutes" if k.endswith("_wait") and k in values else ""} for k in FIGURES]
        lang = i18n.DEFAULT_LANGUAGE
        self.urgent = [{"number": r.call_number, "name": r.name, "reason": r.note, "time": r.start.strftime("%H:%M"),
                        "status": f"clerk.status.{r.status}"} for r in urgent]
        self.events = [{"at": e.at.strftime("%H:%M:%S"), "action": i18n.translate(lang, f"audit.{e.action}"),
                        "who": who_text(e, lang), "number": e.call_number, "detail": detail_text(e, lang)}
                       for e in overview.audit_today(None if self.is_admin else team, now=now)]
        if not self.is_admin:
            self.locks, self.alerts = [], []
            return
        locks, alerts = auth_service.locks(now=now, policy=settings.auth_policy())
        self.locks = [{"username": lock.username, "client": lock.client, "failures": str(lock.failures),
                       "until": lock.until.strftime("%H:%M")} for lock in locks]
        self.alerts = [{"kind": a.kind, "key": a.key, "failures": str(a.failures)} for a in alerts]


live.register("overview", OverviewState)
