"""State of the public booking page. Personal data is never stored in a var: the form keeps it in
the browser until submit, and the service writes it to the database."""

from __future__ import annotations

import asyncio
from datetime import date, datetime

import reflex as rx

from .. import i18n, qr, routes, settings
from ..domain import inputs
from ..domain.errors import InvalidInput, PersonHasAppointment, SlotNotBookable, SlotTaken, TooManyBookings
from ..domain.personal import validate_companions, validate_personal_data
from ..models import ConcernInfo
from ..services import availability, booking, confirmations, content
from . import booking_view as view
from .change_booking import Downloads
from .day_picker import DayPicker
from .lang import LangState
from .proof import ProofForm

STEPS = 5


class BookingState(DayPicker, Downloads, ProofForm, LangState):
    step: int = 1
    loaded: bool = False
    query: str = ""
    concern_id: int = 0
    notice: str = ""  # message key shown above the current step
    errors: dict[str, str] = {}  # field → message key
    booking_code: str = ""
    qr_src: str = ""
    booked_start: str = ""
    persons: int = 1  # how many persons the appointment is for (a family)
    mailed: bool = False
    _concerns: list[ConcernInfo] = []

    # --- what the page shows -----------------------------------------------------------

    @rx.var
    def concern_rows(self) -> list[dict[str, str]]:
        texts = content.concerns(self.lang, need=[c.code for c in self._concerns])
        return view.concern_rows(self._concerns, self.query, texts, content.groups(self.lang))

    @rx.var
    def concern_code(self) -> str:
        return next((c.code for c in self._concerns if c.id == self.concern_id), "")

    @rx.var
    def concern_name(self) -> str:
        return content.concern(self.lang, self.concern_code).name if self.concern_code else ""

    @rx.var
    def documents(self) -> list[str]:
        return list(content.concern(self.lang, self.concern_code).documents) if self.concern_code else []

    @rx.var
    def duration_label(self) -> str:
        minutes = next((c.duration_minutes for c in self._concerns if c.id == self.concern_id), 0)
        return i18n.translate(self.lang, "booking.duration", minutes=minutes) if minutes else ""

    @rx.var
    def when(self) -> str:
        return view.when_label(self.lang, self.start)

    @rx.var
    def booked_when(self) -> str:
        return view.when_label(self.lang, self.booked_start)

    @rx.var
    def address(self) -> str:
        return settings.OFFICE_ADDRESS

    @rx.var
    def manage_href(self) -> str:
        return f"{routes.MANAGE}?t={self.manage_token}" if self.manage_token else ""

    @rx.var
    def manage_url(self) -> str:
        return confirmations.manage_url(self.manage_token) if self.manage_token else ""

    @rx.var
    def waitlist_href(self) -> str:
        """The concern's waitlist when none of its days has a free time for this many persons ("":
        times free, or the days not loaded yet); a family waits together."""
        if not self._days or any(d.state == "available" for d in self._days):
            return ""
        family = f"&{routes.PERSONS_PARAM}={self.persons}" if self.persons > 1 else ""
        return f"{routes.WAITLIST_JOIN}?anliegen={self.concern_code}{family}"


    # --- events ------------------------------------------------------------------------

    @rx.event
    async def load(self):
        self._pick_language()
        self._concerns = availability.concerns()
        self.loaded = True
        await self._new_challenge()

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
    def set_persons(self, value: str):
        """For how many persons (a family comes together): it changes which times are free."""
        number = inputs.count(value, settings.max_persons())
        if number is not None and number != self.persons:
            self.persons, self.day, self.start = number, "", ""

    @rx.event
    def to_calendar(self):
        if not self.concern_id:
            self.step = 1
            return
        self._refresh_days()
        self.step = 3

    @rx.event
    async def submit(self, form: dict):
        """Validate the form, then book. Bad input and lost races leave nothing stored."""
        if self.step != 4 or not self.start or not isinstance(form, dict):
            return  # a second click on "book" after the first one went through
        now = settings.now()
        try:
            person, companions = self._people(form, now.date())
            if refused := await self._spend_proof(form):
                self.errors, self.notice = {}, refused
                return
            receipt = await asyncio.to_thread(
                booking.book,
                concern_id=self.concern_id,
                start=datetime.fromisoformat(self.start),
                person=person,
                companions=companions,
                now=now,
                policy=settings.booking_policy(),
                per_person=settings.open_appointments_per_person(),
                lang=i18n.normalize(self.lang),
                reminder_before=settings.reminder_before(),
                client=self.router.session.client_ip or "unknown",
                limits=settings.booking_limits(),
            )
        except InvalidInput as err:
            self.errors, self.notice = err.fields, err.key
            return
        except (PersonHasAppointment, TooManyBookings) as err:
            self.errors, self.notice = {}, err.key
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
        self.manage_token, self.mailed = receipt.manage_token, person.email is not None
        self.step = STEPS

    def _people(self, form: dict, today: date):
        """The first person (with e-mail and consent) and the further persons, all checked at once."""
        errors: dict[str, str] = {}
        try:
            person = validate_personal_data(
                family_name=form.get("family_name", ""),
                given_names=form.get("given_names", ""),
                birth_date=form.get("birth_date", ""),
                email=form.get("email", ""),
                consent=form.get("consent"),
                today=today,
            )
        except InvalidInput as err:
            person, errors = None, dict(err.fields)
        companions, problems = validate_companions(form, self.persons, today)
        errors.update(problems)
        if errors:
            raise InvalidInput(errors)
        return person, companions

    @rx.event
    def restart(self):
        self.step, self.query, self.concern_id, self.day, self.start = 1, "", 0, "", ""
        self.notice, self.errors, self.booking_code, self.qr_src, self.booked_start = "", {}, "", "", ""
        self.persons, self.manage_token, self.mailed = 1, "", False
        self._clear_picker()

    # --- helpers -----------------------------------------------------------------------

    def _picker(self) -> dict:
        return {"concern_id": self.concern_id, "persons": self.persons}

    def _time_chosen(self):
        self.notice, self.errors = "", {}
        self.step = 4
