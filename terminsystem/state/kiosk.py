"""The self check-in kiosk. It never holds a name, a date of birth or an e-mail in a var: the
typed date goes to the server in the event only, matches stay in backend-only vars as ids."""

from __future__ import annotations

from datetime import datetime

import reflex as rx

from .. import i18n, settings
from ..domain.personal import parse_birth_date
from ..services import checkin
from .lang import LangState

RESULT_SECONDS = 15


class KioskState(LangState):
    screen: str = "start"  # start | camera | birth_date | time | name | result
    result_key: str = ""
    call_number: str = ""
    choices: list[dict[str, str]] = []
    _ids: tuple[int, ...] = ()
    _chosen: str = ""

    @rx.var
    def success(self) -> bool:
        return self.result_key == "checkin.success"

    def _kiosk(self) -> str:
        """Attempts are counted per kiosk: its address plus the ``?kiosk=`` name of the page."""
        name = self.router.url.query_parameters.get("kiosk", "")
        return f"{self.router.session.client_ip}/{name}"[:80]

    def _show(self, outcome: checkin.Outcome):
        self.screen, self.result_key, self.call_number = "result", outcome.key, outcome.call_number
        self._ids, self._chosen, self.choices = (), "", []

    @rx.event
    def scan(self, form: dict):
        """A QR code arrived from the hand scanner (it types the token and Enter) or the camera."""
        token = str(form.get("code", "")).strip()
        if not token:
            return
        self._show(checkin.by_token(token, now=settings.now(), policy=settings.checkin_policy()))

    @rx.event
    def start_camera(self):
        self.screen = "camera"

    @rx.event
    def camera_scanned(self, text: str):
        self.scan({"code": text})

    @rx.event
    def camera_failed(self, _reason: str):
        self._show(checkin.Outcome("kiosk.camera.failed"))

    @rx.event
    def start_birth_date(self):
        self.screen = "birth_date"

    @rx.event
    def submit_birth_date(self, digits: str):
        digits = "".join(ch for ch in str(digits) if ch.isdigit())
        born = parse_birth_date(f"{digits[:2]}.{digits[2:4]}.{digits[4:]}") if len(digits) == 8 else None
        if born is None:
            self._show(checkin.Outcome("checkin.birth_date_invalid"))
            return
        try:
            found = checkin.by_birth_date(born, kiosk=self._kiosk(), now=settings.now(),
                                          policy=settings.checkin_policy())
        except checkin.TooManyAttempts as err:
            self._show(checkin.Outcome(err.key))
            return
        if not found.choices:  # the office has no appointments today at all
            self._show(checkin.Outcome("checkin.no_match"))
            return
        self._ids = found.ids
        self.choices = [{"iso": t.isoformat(), "label": i18n.short_time(t, self.lang)} for t in found.choices]
        self.screen = "time"

    @rx.event
    def choose_time(self, iso: str):
        if not any(c["iso"] == iso for c in self.choices):
            return
        self._chosen = iso
        self._confirm("")

    @rx.event
    def time_not_listed(self):
        self._show(checkin.Outcome("checkin.no_match"))

    @rx.event
    def submit_name(self, letters: str):
        if self._chosen:
            self._confirm(str(letters)[:12])

    def _confirm(self, name_prefix: str):
        try:
            outcome = checkin.confirm(self._ids, datetime.fromisoformat(self._chosen), name_prefix,
                                      kiosk=self._kiosk(), now=settings.now(), policy=settings.checkin_policy())
        except checkin.TooManyAttempts as err:
            outcome = checkin.Outcome(err.key)
        if outcome.key == "checkin.need_name":
            self.screen = "name"
            return
        self._show(outcome)

    @rx.event
    def restart(self):
        """Back to the start screen in German (after the result, on idle, or by the person)."""
        self.screen, self.result_key, self.call_number = "start", "", ""
        self._ids, self._chosen, self.choices = (), "", []
        self.lang = i18n.DEFAULT_LANGUAGE
