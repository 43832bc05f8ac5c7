"""Opening hours and closed days: team leads for their own team, the admin for every team and for
the whole office. A change that hits booked appointments shows them first (``AdminPage``)."""

from __future__ import annotations

import asyncio

import reflex as rx

from .. import settings
from ..domain import auth, inputs
from ..services import queue, schedule_admin
from ..services.auth import StaffInfo
from .admin_common import AdminPage, away

OFFICE = "office"  # the scope of a closed day for every team


class HoursState(AdminPage, rx.State):
    team_id: int = 0
    teams: list[dict[str, str]] = []
    windows: list[dict[str, str]] = []
    closed: list[dict[str, str]] = []
    is_admin: bool = False
    version: int = 0  # re-mounts the row forms after a change, so they show what was saved

    def _allowed(self, who: StaffInfo) -> bool:
        return who.role in (auth.TEAM_LEAD, auth.ADMIN)

    def _clear(self):
        super()._clear()
        self.team_id, self.teams, self.windows, self.closed, self.is_admin = 0, [], [], [], False

    def _holds_data(self) -> bool:
        return bool(self.teams or self.windows or self.closed or self.affected)

    def _reload(self):
        self.windows = [{"id": str(w.id), "weekday": f"admin.weekday.{w.weekday}", "day": str(w.weekday),
                         "start": w.start.strftime("%H:%M"), "end": w.end.strftime("%H:%M"),
                         "slot": str(w.slot_minutes), "parallel": str(w.parallel), "seats": str(w.seats)}
                        for w in schedule_admin.windows(self.team_id)]
        names = {t["id"]: t["name"] for t in self.teams}
        self.closed = [{"id": str(b.id), "day": b.day.strftime("%d.%m.%Y"), "reason": b.reason,
                        "scope": names.get(str(b.team_id), "") if b.team_id else "",
                        "office": "yes" if b.team_id is None else "no"}
                       for b in schedule_admin.blocked(settings.now().date(), team_id=self.team_id)]
        self.version += 1

    @rx.event
    async def load(self):
        if (who := await self._who()) is None:
            return away()
        self._clear()
        self.is_admin = who.role == auth.ADMIN
        self.teams = [{"id": str(i), "name": name} for i, _, name in await asyncio.to_thread(queue.teams)
                      if auth.may_plan_team(who.role, who.team_id, i)]
        self.team_id = who.team_id if not self.is_admin else int(self.teams[0]["id"]) if self.teams else 0
        await asyncio.to_thread(self._reload)

    @rx.event
    async def choose_team(self, team: str):
        if (who := await self._who()) is None:
            return away()
        chosen = inputs.lookup_id(team)
        if auth.may_plan_team(who.role, who.team_id, chosen) and any(t["id"] == str(chosen) for t in self.teams):
            self.team_id = chosen
            self._drop_pending()
            await asyncio.to_thread(self._reload)

    # --- the changes --------------------------------------------------------------------------------

    def _plan(self, kind: str, args: dict):
        now = settings.now()
        if kind == "window":
            return schedule_admin.plan_window(args["team"], args["window"], now=now, **args["values"])
        return schedule_admin.plan_blocked(args["day"], args["team"], now=now)

    def _apply(self, kind: str, args: dict, confirmed: tuple[int, ...], cancel: bool, by: int):
        now = settings.now()
        if kind == "window":
            return schedule_admin.save_window(args["team"], args["window"], confirmed=confirmed, cancel=cancel,
                                              now=now, by=by, **args["values"])
        return schedule_admin.add_blocked(args["day"], args["team"], args["reason"], confirmed=confirmed,
                                          cancel=cancel, now=now, by=by)

    async def _window(self, form: dict, window: int | None, remove: bool):
        if (who := await self._who()) is None:
            return away()
        if not auth.may_plan_team(who.role, who.team_id, self.team_id):
            return self._tell("admin.not_allowed")
        values = dict(weekday=inputs.whole_number(inputs.field(form, "weekday")),
                      start=inputs.clock_time(inputs.field(form, "start")),
                      end=inputs.clock_time(inputs.field(form, "end")),
                      slot_minutes=inputs.whole_number(inputs.field(form, "slot")),
                      parallel=inputs.whole_number(inputs.field(form, "parallel")), remove=remove)
        done = "admin.hours.removed" if remove else "admin.hours.saved"
        await self._change(who, "window", {"team": self.team_id, "window": window, "values": values}, done)
        await asyncio.to_thread(self._reload)

    @rx.event
    async def save_window(self, form: dict):
        window = inputs.record_id(inputs.field(form, "window"))
        return await self._window(form, window or None, remove=False)

    @rx.event
    async def remove_window(self, window: str):
        if not any(w["id"] == window for w in self.windows):
            return
        return await self._window({}, int(window), remove=True)

    @rx.event
    async def add_closed(self, form: dict):
        if (who := await self._who()) is None:
            return away()
        team = None if inputs.field(form, "scope") == OFFICE else self.team_id
        if not auth.may_plan_team(who.role, who.team_id, team):
            return self._tell("admin.not_allowed")
        args = {"day": inputs.iso_date(inputs.field(form, "day")), "team": team,
                "reason": inputs.free_text(inputs.field(form, "reason"), schedule_admin.REASON_MAX)}
        await self._change(who, "closed", args, "admin.blocked.saved")
        await asyncio.to_thread(self._reload)

    @rx.event
    async def remove_closed(self, blocked: str):
        if (who := await self._who()) is None:
            return away()
        exists, team = await asyncio.to_thread(schedule_admin.blocked_team, inputs.lookup_id(blocked))
        if not exists or not auth.may_plan_team(who.role, who.team_id, team):
            return self._tell("admin.not_allowed")
        await asyncio.to_thread(schedule_admin.remove_blocked, int(blocked), now=settings.now(), by=who.id)
        self._tell("admin.blocked.removed", ok=True)
        await asyncio.to_thread(self._reload)
