"""Staff act for a person: find a booking by its code, cancel it or move it to another time the
team offers (no cut-off, no booking horizon; the audit trail names the clerk). Clerks and team
leads act for their own team, the admin for all."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import reflex as rx

from .. import i18n, routes, settings
from ..domain import auth, inputs
from ..domain.errors import DomainError
from ..domain.schedule import BookingPolicy
from ..services import manage
from ..services.auth import StaffInfo
from .auth import guard
from .change_booking import ChangeBooking


class StaffBookingState(ChangeBooking, rx.State):
    lang: str = i18n.DEFAULT_LANGUAGE  # staff pages are German
    persons: list[str] = []  # names: staff data, cleared without a valid session

    async def _staff(self) -> StaffInfo | None:
        return await guard(self, "staff booking", lambda who: who.role in auth.ROLES)

    async def _away(self):
        return rx.redirect(routes.LOGIN)

    def _clear(self):
        self._forget()

    def _holds_data(self) -> bool:
        return bool(self._appointment_id or self.persons)

    @rx.event
    async def load(self):
        """Opened from the dashboard's "cancel/move" with ``?code=``: that booking at once."""
        if (who := await self._staff()) is None:
            return await self._away()
        code = self.router.url.query_parameters.get("code", "")
        self._forget()
        if code:
            await self._show(code, who)
            if not self._appointment_id:
                self.notice = "staff_booking.not_found"

    @rx.event
    async def find(self, form: dict):
        if (who := await self._staff()) is None:
            return await self._away()
        code = inputs.text(inputs.field(form, "booking_code")) or ""
        self._forget()
        await self._show(code, who)
        if not self._appointment_id:
            self.notice = "staff_booking.not_found"

    @rx.event
    async def ask_cancel(self):
        if await self._staff() is None:
            return await self._away()
        if self.screen == "view" and not self.problem:
            self.screen, self.notice, self.success = "confirm_cancel", "", ""

    @rx.event
    async def cancel(self):
        if (who := await self._staff()) is None:
            return await self._away()
        if self.screen != "confirm_cancel":
            return
        try:
            await asyncio.to_thread(manage.cancel, self._appointment_id, now=settings.now(),
                                    cutoff=settings.manage_cutoff(), by=who.id, cooldown=settings.seat_cooldown())
        except DomainError as err:
            await self._show(self.booking_code, who, notice=err.key)
            return
        await self._show(self.booking_code, who, success="staff_booking.cancelled")

    @rx.event
    async def start_rebook(self):
        if await self._staff() is None:
            return await self._away()
        if self.screen in ("view", "confirm_rebook") and not self.problem:
            self.screen, self.notice, self.success = "rebook", "", ""
            self._clear_picker()
            self._refresh_days()

    @rx.event
    async def rebook(self):
        if (who := await self._staff()) is None:
            return await self._away()
        if self.screen != "confirm_rebook" or not self.start:
            return
        try:
            await asyncio.to_thread(manage.rebook, self._appointment_id, datetime.fromisoformat(self.start),
                                    now=settings.now(), cutoff=settings.manage_cutoff(), policy=None,
                                    reminder_before=settings.reminder_before(), by=who.id,
                                    cooldown=settings.seat_cooldown())
        except DomainError as err:
            self.notice, self.start, self.screen = err.key, "", "rebook"
            self._refresh_days()
            return
        await self._show(self.booking_code, who, success="staff_booking.moved")

    @rx.event
    async def back_to_view(self):
        if (who := await self._staff()) is None:
            return await self._away()
        await self._show(self.booking_code, who)

    def _picker(self) -> dict:
        return {"concern_id": self._concern_id, "persons": len(self.persons), "moving": self._appointment_id}

    def _policy(self) -> BookingPolicy:
        """Staff may move a booking to any time the team still offers, from today on."""
        return BookingPolicy(min_days_ahead=0, max_days_ahead=settings.booking_policy().max_days_ahead,
                             lead_time=timedelta(0), follows_release=False)

    async def _show(self, code: str, who: StaffInfo, notice: str = "", success: str = ""):
        team = None if who.role == auth.ADMIN else who.team_id
        found = await asyncio.to_thread(manage.for_staff, code, team_id=team, now=settings.now())
        if found is None:
            self._forget()
            return
        self._show_booking(found, notice, success)
        self.persons = list(found.persons)

    def _forget(self):
        self._forget_booking()
        self.persons = []
