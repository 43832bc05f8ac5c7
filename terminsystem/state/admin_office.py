"""The admin's teams (name, taking appointments, the rooms they call to) and rooms (the name the
waiting-room display shows, floor, in use)."""

from __future__ import annotations

import asyncio

import reflex as rx

from .. import settings
from ..domain import auth, inputs
from ..domain.errors import DomainError
from ..services import office_admin
from ..services.auth import StaffInfo
from .admin_common import AdminPage, away


class OfficeAdminState(AdminPage, rx.State):
    teams: list[dict[str, str]] = []
    rooms: list[dict[str, str]] = []
    version: int = 0

    def _allowed(self, who: StaffInfo) -> bool:
        return auth.may_administer(who.role)

    def _clear(self):
        super()._clear()
        self.teams, self.rooms = [], []

    def _holds_data(self) -> bool:
        return bool(self.teams or self.rooms)

    def _reload(self):
        rooms = office_admin.rooms()
        names = {r.id: r.name for r in rooms}
        self.rooms = [{"id": str(r.id), "name": r.name, "floor": r.floor, "active": "yes" if r.active else "no"}
                      for r in rooms]
        self.teams = [{"id": str(t.id), "name": t.name, "active": "yes" if t.active else "no",
                       "rooms": " ".join(names[r] for r in t.room_ids if r in names),
                       "concerns": str(t.concerns),
                       "release": t.release_time.strftime("%H:%M") if t.release_time else ""}
                      for t in office_admin.teams()]
        self.version += 1

    async def _save(self, save, done: str):
        try:
            await asyncio.to_thread(save)
        except DomainError as e:
            self._tell(e.key)
        else:
            self._tell(done, ok=True)
        await asyncio.to_thread(self._reload)

    @rx.event
    async def save_team(self, form: dict):
        if (who := await self._who()) is None:
            return away()
        team = inputs.record_id(inputs.field(form, "team")) or None
        names = {r["name"]: int(r["id"]) for r in self.rooms}
        typed = inputs.name_list(inputs.field(form, "rooms"))
        unknown = [name for name in typed if name not in names]
        if unknown:
            return self._tell("admin.team.unknown_room")
        typed_release = inputs.field(form, "release")
        release = inputs.clock_time(typed_release)
        if typed_release not in ("", None) and release is None:
            return self._tell("admin.team.release_invalid")
        await self._save(lambda: office_admin.save_team(
            team, name=inputs.field(form, "name"), active=inputs.checked(inputs.field(form, "active")),
            room_ids=[names[n] for n in typed], release_time=release, now=settings.now(), by=who.id),
            "admin.team.saved")

    @rx.event
    async def save_room(self, form: dict):
        if (who := await self._who()) is None:
            return away()
        room = inputs.record_id(inputs.field(form, "room")) or None
        await self._save(lambda: office_admin.save_room(
            room, name=inputs.field(form, "name"), floor=inputs.field(form, "floor"),
            active=inputs.checked(inputs.field(form, "active")), now=settings.now(), by=who.id), "admin.room.saved")
