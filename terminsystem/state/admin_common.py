"""What the administration pages share: the access check, and the confirmation of a change that
hits booked appointments (shown first; then kept, or cancelled with a message to each person)."""

from __future__ import annotations

import asyncio

import reflex as rx

from .. import i18n, routes
from ..domain.errors import DomainError
from ..services import content
from ..services.auth import StaffInfo
from ..services.schedule_admin import AffectedRow
from .auth import guard


def affected_dicts(rows: list[AffectedRow]) -> list[dict[str, str]]:
    return [{"id": str(a.id), "code": a.booking_code, "when": a.starts_at.strftime("%d.%m.%Y %H:%M"),
             "concern": content.concern(i18n.DEFAULT_LANGUAGE, a.concern_code).name, "persons": " · ".join(a.persons), "mail": "yes" if a.has_email else "no"}
            for a in rows]


class AdminPage(rx.State, mixin=True):
    """A page of the administration. ``notice``: the message key of the last outcome (``ok``:
    whether it was a success); ``affected``: the appointments a pending change would hit."""

    notice: str = ""
    ok: bool = False
    affected: list[dict[str, str]] = []
    _pending: dict = {}

    def _allowed(self, who: StaffInfo) -> bool:
        raise NotImplementedError

    async def _who(self) -> StaffInfo | None:
        return await guard(self, type(self).__name__, self._allowed)

    def _clear(self):
        self.notice, self.ok, self.affected, self._pending = "", False, [], {}

    def _tell(self, key: str, ok: bool = False):
        self.notice, self.ok = key, ok

    def _plan(self, kind: str, args: dict) -> list[AffectedRow]:
        """The appointments the change ``kind`` with ``args`` would hit (runs in a thread)."""
        raise NotImplementedError

    def _apply(self, kind: str, args: dict, confirmed: tuple[int, ...], cancel: bool, by: int) -> object:
        """Make the change (runs in a thread); raises ``AffectedChanged`` if the hit appointments
        are not the confirmed ones."""
        raise NotImplementedError

    async def _change(self, who: StaffInfo, kind: str, args: dict, done: str) -> bool:
        """Plan a change: with no appointment hit it is made at once, else the hit ones are shown
        and the change waits for the confirmation (``confirm``). True if made."""
        try:
            found = await asyncio.to_thread(self._plan, kind, args)
            if found:
                self.affected = affected_dicts(found)
                self._pending = {"kind": kind, "args": args, "done": done, "ids": [a.id for a in found]}
                self._tell("admin.affected.title")
                return False
            await asyncio.to_thread(self._apply, kind, args, (), False, who.id)
        except DomainError as e:
            self._tell(e.key)
            return False
        self._tell(done, ok=True)
        return True

    async def _confirmed(self, who: StaffInfo, cancel: bool) -> bool:
        pending, self.affected, self._pending = self._pending, [], {}
        if not pending:
            return False
        try:
            await asyncio.to_thread(self._apply, pending["kind"], pending["args"], tuple(pending["ids"]), cancel,
                                    who.id)
        except DomainError as e:  # AffectedChanged: someone booked meanwhile; look again
            self._tell(e.key)
            return False
        self._tell("admin.affected.cancelled" if cancel else pending["done"], ok=True)
        return True

    def _reload(self):
        raise NotImplementedError

    def _done(self):
        """After a confirmed change was made (e.g. close the form)."""

    @rx.event
    async def load(self):
        if await self._who() is None:
            return away()
        self._clear()
        await asyncio.to_thread(self._reload)

    @rx.event
    async def confirm(self, cancel: bool):
        """Make the pending change: keep the hit appointments, or (``cancel``) cancel them with a
        message to each person."""
        if (who := await self._who()) is None:
            return away()
        if await self._confirmed(who, cancel is True):
            self._done()
        await asyncio.to_thread(self._reload)

    @rx.event
    async def back(self):
        """Leave the pending change unmade."""
        if await self._who() is None:
            return away()
        self._drop_pending()

    def _drop_pending(self):
        self.affected, self._pending = [], {}
        self._tell("")


def away():
    return rx.redirect(routes.LOGIN)
