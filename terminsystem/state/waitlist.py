"""State of the waitlist page (``/warteliste?t=…``, the personal link from the mails): the entry's
place, an offered time to accept or decline, leaving the list. The token stays in a backend-only
var; the entry's read model has no name, no date of birth and no e-mail address."""

from __future__ import annotations

import asyncio
from datetime import datetime

import reflex as rx

from .. import qr, routes, settings
from ..domain import waitlist as wl
from ..domain.errors import DomainError
from ..models import WaitlistView
from ..services import content, waitlist
from . import waitlist_view as view
from .lang import LangState


class WaitlistState(LangState):
    loaded: bool = False
    screen: str = "view"  # view | confirm_leave
    notice: str = ""  # message key of a problem
    success: str = ""  # message key of what just happened
    booked_start: str = ""  # ISO, right after accepting (a later visit shows the code and the manage link)
    qr_src: str = ""
    _token: str = ""
    _entry: WaitlistView | None = None

    # --- what the page shows -----------------------------------------------------------

    @rx.var
    def status(self) -> str:
        """waiting | offered | booked | left | expired; "" for an unknown link."""
        return self._entry.status if self._entry else ""

    @rx.var
    def concern_name(self) -> str:
        return content.concern(self.lang, self._entry.concern_code).name if self._entry else ""

    @rx.var
    def shown(self) -> dict[str, str]:
        """Window, weekdays, position, end of the entry and the offer, translated."""
        return view.labels(self._entry, self.lang)

    @rx.var
    def booking_code(self) -> str:
        return self._entry.booking_code if self._entry else ""

    @rx.var
    def manage_href(self) -> str:
        return f"{routes.MANAGE}?t={self._entry.manage_token}" if self._entry and self._entry.manage_token else ""

    @rx.var
    def booked_when(self) -> str:
        return view.at_label(datetime.fromisoformat(self.booked_start), self.lang) if self.booked_start else ""

    # --- events ------------------------------------------------------------------------

    @rx.event
    async def load(self):
        self._pick_language()
        self.screen, self.notice, self.success, self.booked_start, self.qr_src = "view", "", "", "", ""
        self._token = self.router.url.query_parameters.get("t", "")
        await self._refresh()
        if self._entry is None:
            self.notice = "error.waitlist_unknown"
        self.loaded = True

    @rx.event
    async def accept(self):
        if self.screen != "view" or not self._is(wl.OFFERED):
            return
        try:
            receipt = await asyncio.to_thread(waitlist.accept, self._token, now=settings.now(),
                                              per_person=settings.open_appointments_per_person(),
                                              reminder_before=settings.reminder_before())
        except DomainError as err:
            await self._refresh(notice=err.key)
            return
        await self._refresh(success="booking.done.title")
        self.booked_start, self.qr_src = receipt.starts_at.isoformat(), qr.png_data_url(receipt.token)

    @rx.event
    async def decline(self):
        if self.screen != "view" or not self._is(wl.OFFERED):
            return
        try:
            await asyncio.to_thread(waitlist.decline, self._token, now=settings.now(),
                                    cooldown=settings.seat_cooldown())
        except DomainError as err:
            await self._refresh(notice=err.key)
            return
        await self._refresh(success="waitlist.declined_now")

    @rx.event
    def ask_leave(self):
        if self.screen == "view" and self._is(*wl.OPEN):
            self.screen, self.notice, self.success = "confirm_leave", "", ""

    @rx.event
    async def leave(self):
        if self.screen != "confirm_leave":
            return
        try:
            await asyncio.to_thread(waitlist.leave, self._token, now=settings.now(),
                                    cooldown=settings.seat_cooldown())
        except DomainError as err:
            await self._refresh(notice=err.key)
            return
        await self._refresh(success="waitlist.left_now")

    @rx.event
    async def back(self):
        await self._refresh()

    # --- helpers -----------------------------------------------------------------------

    def _is(self, *statuses: str) -> bool:
        return self._entry is not None and self._entry.status in statuses

    async def _refresh(self, notice: str = "", success: str = ""):
        self._entry = await asyncio.to_thread(waitlist.view, self._token, now=settings.now())
        self.screen, self.notice, self.success = "view", notice, success
