"""State of the public booking page. Personal data is never stored in a var: the form keeps it in
the browser until submit, and the service writes it to the database."""

from __future__ import annotations

from datetime import date, datetime

import reflex as rx

from .. import i18n, qr, settings
from ..domain import inputs
from ..domain.errors import InvalidInput, SlotNotBookable, SlotTaken
from ..domain.personal import validate_personal_data
from ..models import ConcernInfo, DayInfo, TimeInfo
from ..services import availability, booking
from . import booking_view as view
from .lang import LangState

STEPS = 5


class BookingState(LangState):
    step: int = 1
    loaded: bool = False
    query: str = ""
    concern_id: int = 0
    day: str = ""  # chosen day, ISO
    start: str = ""  # chosen start, ISO
    notice: str = ""  # message key shown above the current step
    errors: dict[str, str] = {}  # field → message key
    booking_code: str = ""
    qr_src: str = ""
    booked_start: str = ""
    _concerns: list[ConcernInfo] = []
    _days: list[DayInfo] = []
    _times: list[TimeInfo] = []

    # --- what the page shows -----------------------------------------------------------

    @rx.var
    def concern_rows(self) -> list[dict[str, str]]:
        return view.concern_rows(self.lang, self._concerns, self.query)

    @rx.var
    def concern_code(self) -> str:
        return next((c.code for c in self._concerns if c.id == self.concern_id), "")

    @rx.var
    def concern_name(self) -> str:
        return view.concern_text(self.lang, self.concern_code, "name") if self.concern_code else ""

    @rx.var
    def documents(self) -> list[str]:
        return view.document_list(self.lang, self.concern_code) if self.concern_code else []

    @rx.var
    def duration_label(self) -> str:
        minutes = next((c.duration_minutes for c in self._concerns if c.id == self.concern_id), 0)
        return i18n.translate(self.lang, "booking.duration", minutes=minutes) if minutes else ""

    @rx.var
    def calendar(self) -> list[dict[str, str]]:
        return view.calendar_cells(self.lang, self._days, self.day)

    @rx.var
    def weekdays(self) -> list[str]:
        return view.weekday_labels(self.lang)

    @rx.var
    def times(self) -> list[dict[str, str]]:
        return view.time_rows(self.lang, self._times)

    @rx.var
    def day_label(self) -> str:
        return i18n.long_date(date.fromisoformat(self.day), self.lang) if self.day else ""

    @rx.var
    def when(self) -> str:
        return view.when_label(self.lang, self.start)

    @rx.var
    def booked_when(self) -> str:
        return view.when_label(self.lang, self.booked_start)

    @rx.var
    def address(self) -> str:
        return settings.OFFICE_ADDRESS

    # --- events ------------------------------------------------------------------------

    @rx.event
    def load(self):
        self._concerns = availability.concerns()
        self.loaded = True

    @rx.event
    def set_query(self, query: str):
        self.query = (inputs.text(query) or "")[:100]

    @rx.event
    def choose_concern(self, concern_id: str):
        if not any(str(c.id) == concern_id for c in self._concerns):
            return
        self.concern_id, self.day, self.start, self.notice = int(concern_id), "", "", ""
        self.step = 2

    @rx.event
    def back(self):
        self.notice = ""
        self.step = max(1, self.step - 1)

    @rx.event
    def to_calendar(self):
        if not self.concern_id:
            self.step = 1
            return
        self._refresh_days()
        self.step = 3

    @rx.event
    def choose_day(self, iso: str):
        if not any(d.day.isoformat() == iso and d.state == "available" for d in self._days):
            return
        self.day, self.start = iso, ""
        self._refresh_times()

    @rx.event
    def choose_time(self, iso: str):
        if not any(t.start.isoformat() == iso for t in self._times):
            return
        self.start, self.notice, self.errors = iso, "", {}
        self.step = 4

    @rx.event
    def submit(self, form: dict):
        """Validate the form, then book. Bad input and lost races leave nothing stored."""
        if self.step != 4 or not self.start or not isinstance(form, dict):
            return  # a second click on "book" after the first one went through
        now = settings.now()
        try:
            person = validate_personal_data(
                family_name=form.get("family_name", ""),
                given_names=form.get("given_names", ""),
                birth_date=form.get("birth_date", ""),
                email=form.get("email", ""),
                consent=form.get("consent"),
                today=now.date(),
            )
            receipt = booking.book(
                concern_id=self.concern_id,
                start=datetime.fromisoformat(self.start),
                person=person,
                now=now,
                policy=settings.booking_policy(),
            )
        except InvalidInput as err:
            self.errors, self.notice = err.fields, err.key
            return
        except (SlotTaken, SlotNotBookable) as err:
            self.errors, self.notice, self.start = {}, err.key, ""
            self._refresh_days()
            self.step = 3
            return
        self.errors, self.notice = {}, ""
        self.booking_code = receipt.booking_code
        self.booked_start = receipt.starts_at.isoformat()
        self.qr_src = qr.png_data_url(receipt.token)
        self.step = STEPS

    @rx.event
    def restart(self):
        self.step, self.query, self.concern_id, self.day, self.start = 1, "", 0, "", ""
        self.notice, self.errors, self.booking_code, self.qr_src, self.booked_start = "", {}, "", "", ""
        self._days, self._times = [], []

    # --- helpers -----------------------------------------------------------------------

    def _refresh_days(self):
        self._days = availability.days(
            concern_id=self.concern_id, now=settings.now(), policy=settings.booking_policy()
        )
        if not any(d.day.isoformat() == self.day and d.state == "available" for d in self._days):
            self.day = ""
        self._refresh_times()

    def _refresh_times(self):
        self._times = (
            availability.times(
                concern_id=self.concern_id,
                day=date.fromisoformat(self.day),
                now=settings.now(),
                policy=settings.booking_policy(),
            )
            if self.day
            else []
        )
