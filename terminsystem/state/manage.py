"""The manage page of a person's own booking. It is opened with the manage link (``?t=``) or found
by booking code + date of birth. The appointment's id stays in a backend-only var; the page holds
no name, no date of birth and no e-mail address."""

from __future__ import annotations

import asyncio
from datetime import datetime

import reflex as rx

from .. import i18n, settings
from ..domain import inputs
from ..domain.errors import DomainError, TooManyLookups
from ..domain.personal import parse_birth_date
from ..services import confirmations, content, manage
from .change_booking import ChangeBooking, Downloads
from .lang import LangState
from .proof import ProofForm


class ManageState(ChangeBooking, Downloads, ProofForm, LangState):
    errors: dict[str, str] = {}  # field → message key (the find form: a field left empty)
    persons: int = 1

    # --- what the page shows -----------------------------------------------------------

    @rx.var
    def documents(self) -> list[str]:
        return list(content.concern(self.lang, self.concern_code).documents) if self.concern_code else []

    @rx.var
    def persons_label(self) -> str:
        return i18n.translate(self.lang, "manage.persons", n=self.persons) if self.persons > 1 else ""

    @rx.var
    def cutoff_hours(self) -> str:
        return f"{settings.manage_cutoff().total_seconds() / 3600:g}"

    # --- events ------------------------------------------------------------------------

    @rx.event
    async def load(self):
        self._pick_language()
        self._forget()
        await self._new_challenge()
        token = self.router.url.query_parameters.get("t", "")
        if not token:
            return
        appointment_id = await asyncio.to_thread(confirmations.by_manage_token, token)
        if appointment_id is None:
            self.notice = "manage.link_invalid"
            return
        await self._show(appointment_id)

    @rx.event
    async def find(self, form: dict):
        """Booking code + date of birth: one answer for every miss, whatever was wrong."""
        if self.screen != "find":
            return
        code = inputs.text(inputs.field(form, "booking_code")) or ""
        born_text = inputs.text(inputs.field(form, "birth_date")) or ""
        self.errors = {name: "field.required" for name, value in (("booking_code", code), ("birth_date", born_text))
                       if not value.strip()}
        if self.errors:
            self.notice = ""
            return
        if refused := await self._spend_proof(form):
            self.notice = refused
            return
        born = parse_birth_date(born_text)
        try:
            appointment_id = await asyncio.to_thread(
                manage.find, code, born, client=self.router.session.client_ip or "unknown", now=settings.now(),
                per_hour=settings.manage_lookups_per_hour(), all_per_minute=settings.manage_lookups_per_minute())
        except TooManyLookups as err:
            self.notice = err.key
            return
        if appointment_id is None:
            self.notice = "manage.not_found"
            return
        await self._show(appointment_id)

    @rx.event
    def ask_cancel(self):
        if self.screen == "view" and not self.problem:
            self.screen, self.notice, self.success = "confirm_cancel", "", ""

    @rx.event
    async def cancel(self):
        if self.screen != "confirm_cancel" or not self._appointment_id:
            return
        try:
            await asyncio.to_thread(manage.cancel, self._appointment_id, now=settings.now(),
                                    cutoff=settings.manage_cutoff(), cooldown=settings.seat_cooldown())
        except DomainError as err:
            await self._show(self._appointment_id, notice=err.key)
            return
        await self._show(self._appointment_id, success="manage.cancelled_now")

    @rx.event
    def start_rebook(self):
        if self.screen != "view" or self.problem:
            return
        self.screen, self.notice, self.success = "rebook", "", ""
        self._clear_picker()
        self._refresh_days()

    @rx.event
    async def rebook(self):
        if self.screen != "confirm_rebook" or not self.start:
            return
        try:
            await asyncio.to_thread(manage.rebook, self._appointment_id, datetime.fromisoformat(self.start),
                                    now=settings.now(), cutoff=settings.manage_cutoff(),
                                    policy=settings.booking_policy(), reminder_before=settings.reminder_before(),
                                    cooldown=settings.seat_cooldown())
        except DomainError as err:
            self.notice, self.start = err.key, ""
            self.screen = "rebook"
            self._refresh_days()
            return
        await self._show(self._appointment_id, success="manage.moved_now")

    @rx.event
    async def back_to_view(self):
        if self._appointment_id:
            await self._show(self._appointment_id)

    @rx.event
    def leave(self):
        """"Not my booking" / done: the page forgets it."""
        self._forget()

    # --- helpers -----------------------------------------------------------------------

    def _picker(self) -> dict:
        return {"concern_id": self._concern_id, "persons": self.persons, "moving": self._appointment_id}

    async def _show(self, appointment_id: int, notice: str = "", success: str = ""):
        booking = await asyncio.to_thread(manage.load, appointment_id, now=settings.now(),
                                          cutoff=settings.manage_cutoff())
        if booking is None:
            self._forget()
            self.notice = "manage.not_found"
            return
        self._show_booking(booking, notice, success)
        self.persons, self.manage_token, self.errors = booking.persons, booking.manage_token, {}

    def _forget(self):
        self._forget_booking()
        self.persons, self.manage_token = 1, ""
