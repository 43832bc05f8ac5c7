"""What the person's manage page and the staff page share: one booking on screen, its summary, and
moving it with the day picker. Mixins, so each page keeps its own booking."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..services import confirmations, content
from . import booking_view as view
from .day_picker import DayPicker


class Downloads(rx.State, mixin=True):
    """The confirmation's PDF and calendar file, downloaded with this browser's manage token."""

    manage_token: str = ""

    @rx.var
    def pdf_href(self) -> str:
        return confirmations.file_url(routes.CONFIRMATION_PDF, self.manage_token) if self.manage_token else ""

    @rx.var
    def ics_href(self) -> str:
        return confirmations.file_url(routes.CONFIRMATION_ICS, self.manage_token) if self.manage_token else ""


class ChangeBooking(DayPicker, mixin=True):
    screen: str = "find"  # find | view | rebook | confirm_rebook | confirm_cancel
    notice: str = ""  # message key of a problem, shown above the screen
    success: str = ""  # message key of what just happened (cancelled, moved)
    booking_code: str = ""
    concern_code: str = ""
    starts_at: str = ""  # ISO
    status: str = ""
    problem: str = ""  # why it cannot be changed (a message key), "" if it can
    _appointment_id: int = 0
    _concern_id: int = 0

    @rx.var
    def concern_name(self) -> str:
        return content.concern(self.lang, self.concern_code).name if self.concern_code else ""

    @rx.var
    def when(self) -> str:
        return view.when_label(self.lang, self.starts_at)

    @rx.var
    def new_when(self) -> str:
        return view.when_label(self.lang, self.start)

    def _time_chosen(self):
        self.screen, self.notice = "confirm_rebook", ""

    def _show_booking(self, found, notice: str = "", success: str = ""):
        """``found``: the service's view of the booking (``manage.Booking`` or ``manage.StaffBooking``)."""
        self._appointment_id, self._concern_id = found.id, found.concern_id
        self.booking_code, self.concern_code = found.booking_code, found.concern_code
        self.starts_at, self.status, self.problem = found.starts_at.isoformat(), found.status, found.problem or ""
        self.screen, self.notice, self.success = "view", notice, success
        self._clear_picker()

    def _forget_booking(self):
        self._appointment_id, self._concern_id = 0, 0
        self.screen, self.notice, self.success = "find", "", ""
        self.booking_code, self.concern_code, self.starts_at, self.status, self.problem = "", "", "", "", ""
        self._clear_picker()
