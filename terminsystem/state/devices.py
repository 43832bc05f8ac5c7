"""The admin's list of kiosks and displays: add a device (with a one-time enrolment code), issue a
new code, revoke. Every handler checks the session and the admin role on the server."""

from __future__ import annotations

import asyncio

import reflex as rx

from .. import routes, settings
from ..domain import auth, inputs
from ..services import devices
from ..services.auth import StaffInfo
from .auth import guard


def _when(value) -> str:
    return value.strftime("%d.%m.%Y %H:%M") if value else "–"


class DeviceAdminState(rx.State):
    devices: list[dict[str, str]] = []
    notice: str = ""
    # The code just issued: shown once, to the admin who asked for it, until they hide it.
    code: str = ""
    code_for: str = ""
    code_link: str = ""
    code_until: str = ""

    async def _admin(self) -> StaffInfo | None:
        return await guard(self, "device admin", lambda who: who.role == auth.ADMIN)

    async def _away(self):
        return rx.redirect(routes.LOGIN)

    def _clear(self):
        self.devices, self.notice = [], ""
        self._hide_code()

    def _holds_data(self) -> bool:
        return bool(self.devices or self.code)

    def _hide_code(self):
        self.code, self.code_for, self.code_link, self.code_until = "", "", "", ""

    def _show_code(self, device: devices.DeviceInfo, code: str):
        self.code, self.code_for = code, device.name
        self.code_link = devices.enrolment_link(code)
        self.code_until = _when(device.code_expires_at)

    def _reload(self):
        self.devices = [{"id": str(d.id), "name": d.name, "kind": f"devices.kind.{d.kind}", "place": d.place,
                         "status": f"devices.status.{d.status}", "enrolled": _when(d.enrolled_at),
                         "seen": _when(d.last_seen_at), "revoked": "yes" if d.status == "revoked" else "no",
                         "rooms": " ".join(d.rooms), "display": "yes" if d.kind == "display" else "no"}
                        for d in devices.listing()]

    @rx.event
    async def load(self):
        if await self._admin() is None:
            return await self._away()
        self._reload()

    @rx.event
    async def add(self, form: dict):
        if (who := await self._admin()) is None:
            return await self._away()
        try:
            device, code = await asyncio.to_thread(
                devices.create, kind=inputs.text(inputs.field(form, "kind")) or "",
                name=inputs.free_text(inputs.field(form, "name"), 60),
                place=inputs.free_text(inputs.field(form, "place"), 120), now=settings.now(), by=who.id)
        except devices.DeviceError as err:
            self.notice = err.key
            return
        self.notice = "devices.added"
        self._show_code(device, code)
        self._reload()

    @rx.event
    async def new_code(self, device_id: str):
        if (who := await self._admin()) is None:
            return await self._away()
        try:
            device, code = await asyncio.to_thread(devices.new_code, inputs.lookup_id(device_id),
                                                   now=settings.now(), by=who.id)
        except devices.DeviceError as err:
            self.notice = err.key
            return
        self.notice = ""
        self._show_code(device, code)
        self._reload()

    @rx.event
    async def revoke(self, device_id: str):
        if (who := await self._admin()) is None:
            return await self._away()
        try:
            device = await asyncio.to_thread(devices.revoke, inputs.lookup_id(device_id), now=settings.now(),
                                             by=who.id)
        except devices.DeviceError as err:
            self.notice = err.key
            return
        self.notice = "devices.revoked"
        if self.code_for == device.name:
            self._hide_code()
        self._reload()

    @rx.event
    async def save_rooms(self, form: dict):
        """A display's rooms: room names separated by spaces or commas (empty: all rooms)."""
        if (who := await self._admin()) is None:
            return await self._away()
        names = inputs.name_list(inputs.field(form, "rooms"))
        try:
            await asyncio.to_thread(devices.set_rooms, inputs.lookup_id(inputs.field(form, "device")), names,
                                    now=settings.now(), by=who.id)
        except devices.DeviceError as err:
            self.notice = err.key
            return
        self.notice = "devices.rooms_saved"
        self._reload()

    @rx.event
    async def hide_code(self):
        if await self._admin() is None:
            return await self._away()
        self._hide_code()
