"""State of the waitlist's join form (``/warteliste/eintragen?anliegen=<code>``), reached from the
booking page when a concern has no free time. Personal data never lands in a var: the form keeps it
in the browser until it is sent, and the service stores it."""

from __future__ import annotations

import asyncio
from datetime import date

import reflex as rx

from .. import i18n, routes, settings
from ..domain import inputs
from ..domain import waitlist as wl
from ..domain.errors import InvalidInput, TooManyWaitlistJoins, WaitlistRefused
from ..domain.personal import validate_companions
from ..models import ConcernInfo
from ..services import availability, content, waitlist
from . import waitlist_view as view
from .lang import LangState
from .proof import ProofForm


class WaitlistJoinState(ProofForm, LangState):
    loaded: bool = False
    concern_code: str = ""  # "" : no such concern (or none asked for)
    errors: dict[str, str] = {}  # field → message key
    notice: str = ""  # message key above the form
    earliest_default: str = ""  # the form's first values: the booking horizon
    latest_default: str = ""
    # After joining: the entry as it shows (no personal data) and its personal link.
    position: int = 0
    window_from: str = ""  # ISO
    window_to: str = ""
    chosen_weekdays: list[int] = []
    link_token: str = ""
    persons: int = 1  # a family waits together (from the booking page's link, or chosen here)
    _concern_id: int = 0

    @rx.var
    def concern_name(self) -> str:
        return content.concern(self.lang, self.concern_code).name if self.concern_code else ""

    @rx.var
    def intro(self) -> str:
        return i18n.translate(self.lang, "waitlist.join.intro", hours=f"{settings.waitlist_rules().offer_hours:g}")

    @rx.var
    def weekday_options(self) -> list[dict[str, str]]:
        return view.weekday_options(self.lang)

    @rx.var
    def joined_window(self) -> str:
        if not self.window_from:
            return ""
        return view.window_label(date.fromisoformat(self.window_from), date.fromisoformat(self.window_to), self.lang)

    @rx.var
    def joined_weekdays(self) -> str:
        return view.weekdays_label(self.chosen_weekdays, self.lang)

    @rx.var
    def persons_label(self) -> str:
        return view.persons_label(self.persons, self.lang)

    @rx.var
    def link_href(self) -> str:
        return f"{routes.WAITLIST}?t={self.link_token}" if self.link_token else ""

    @rx.var
    def link_url(self) -> str:
        return waitlist.link(self.link_token) if self.link_token else ""

    @rx.event
    async def load(self):
        self._pick_language()
        self._forget()
        wanted = self.router.url.query_parameters.get("anliegen", "")
        concerns: list[ConcernInfo] = await asyncio.to_thread(availability.concerns)
        found = next((c for c in concerns if c.code == wanted), None)
        self._concern_id, self.concern_code = (found.id, found.code) if found else (0, "")
        self.notice = "" if found else "error.waitlist_concern"
        asked = self.router.url.query_parameters.get(routes.PERSONS_PARAM, "1")
        self.persons = inputs.count(asked, settings.max_persons()) or 1
        now, policy = settings.now(), settings.booking_policy()
        self.earliest_default = view.form_date(policy.first_day(now))
        self.latest_default = view.form_date(policy.last_day(now))
        self.loaded = True
        await self._new_challenge()

    @rx.event
    def set_persons(self, value: str):
        if not self.link_token and (number := inputs.count(value, settings.max_persons())):
            self.persons = number

    @rx.event
    async def submit(self, form: dict):
        """Check every field, then the proof of work, then join; bad input stores nothing."""
        if self.link_token or not self._concern_id or not isinstance(form, dict):
            return  # joined already (a second click), or no concern to join
        now = settings.now()
        rules = settings.waitlist_rules()
        errors: dict[str, str] = {}
        try:
            person, window = wl.validate_join(
                family_name=form.get("family_name", ""), given_names=form.get("given_names", ""),
                birth_date=form.get("birth_date", ""), email=form.get("email", ""), consent=form.get("consent"),
                earliest=form.get("earliest", ""), latest=form.get("latest", ""),
                weekdays=[str(d) for d in view.WORKDAYS if form.get(f"weekday_{d}")],
                today=now.date(), max_days=rules.days)
        except InvalidInput as err:
            errors.update(err.fields)
        companions, problems = validate_companions(form, self.persons, now.date())  # all errors at once
        errors.update(problems)
        if errors:
            self.errors, self.notice = errors, InvalidInput.key
            return
        if refused := await self._spend_proof(form):
            self.errors, self.notice = {}, refused
            return
        try:
            receipt = await asyncio.to_thread(
                waitlist.join, concern_id=self._concern_id, person=person, companions=companions, window=window, now=now,
                policy=settings.booking_policy(), rules=rules, client=self.router.session.client_ip or "unknown",
                lang=i18n.normalize(self.lang))
        except InvalidInput as err:
            self.errors, self.notice = err.fields, err.key
            return
        except (TooManyWaitlistJoins, WaitlistRefused) as err:
            self.errors, self.notice = {}, err.key
            return
        entry = receipt.view
        self.errors, self.notice = {}, ""
        self.position = entry.position or 0
        self.window_from, self.window_to = entry.earliest.isoformat(), entry.latest.isoformat()
        self.chosen_weekdays = list(entry.weekdays)
        self.link_token = receipt.token

    def _forget(self):
        self.errors, self.notice, self.position, self.link_token = {}, "", 0, ""
        self.window_from = self.window_to = ""
        self.chosen_weekdays = []
