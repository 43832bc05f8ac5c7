"""The self check-in kiosk. It works only on an enrolled kiosk device (the device cookie); lookups
are counted per device. It never holds a name, a date of birth or an e-mail in a var: the typed
date goes to the server in the event only, matches stay in backend-only vars as ids."""

from __future__ import annotations

from datetime import datetime

import reflex as rx

from .. import i18n, settings
from ..domain import inputs
from ..domain.personal import parse_birth_date
from ..services import checkin
from .device import current_device
from .lang import LangState

RESULT_SECONDS = 15


class KioskState(LangState):
    enrolled: str = ""  # "" until the device was checked, then "yes" or "no"
    screen: str = "start"  # start | camera | birth_date | time | name | result
    result_key: str = ""
    call_number: str = ""
    choices: list[dict[str, str]] = []
    _ids: tuple[int, ...] = ()
    _chosen: str = ""

    @rx.var
    def success(self) -> bool:
        return self.result_key == "checkin.success"

    def _device_id(self) -> int | None:
        """The enrolled kiosk this page runs on; anywhere else the kiosk does nothing."""
        device = current_device(self, "kiosk")
        if device is None:
            self.enrolled = "no"
            self._reset()
            return None
        self.enrolled = "yes"
        return device.id

    def _reset(self):
        self.screen, self.result_key, self.call_number = "start", "", ""
        self._ids, self._chosen, self.choices = (), "", []

    def _show(self, outcome: checkin.Outcome):
        self._reset()
        self.screen, self.result_key, self.call_number = "result", outcome.key, outcome.call_number

    @rx.event
    def load(self):
        self._device_id()

    @rx.event
    def scan(self, form: dict):
        """A QR code arrived from the hand scanner (it types the token and Enter) or the camera."""
        token = inputs.text(inputs.field(form, "code")) or ""
        if self._device_id() is None or not token.strip():
            return
        self._show(checkin.by_token(token.strip(), now=settings.now(), policy=settings.checkin_policy()))

    @rx.event
    def start_camera(self):
        if self._device_id() is not None:
            self.screen = "camera"

    @rx.event
    def camera_scanned(self, text: str):
        self.scan({"code": text})

    @rx.event
    def camera_failed(self, _reason: str = ""):
        if self._device_id() is not None:
            self._show(checkin.Outcome("kiosk.camera.failed"))

    @rx.event
    def start_birth_date(self):
        if self._device_id() is not None:
            self.screen = "birth_date"

    @rx.event
    def submit_birth_date(self, form: dict):
        """The date of birth typed on the keypad (the form's hidden field, eight digits)."""
        if (device_id := self._device_id()) is None:
            return
        digits = "".join(ch for ch in (inputs.text(inputs.field(form, "value")) or "")[:20] if ch in "0123456789")
        born = parse_birth_date(f"{digits[:2]}.{digits[2:4]}.{digits[4:]}") if len(digits) == 8 else None
        if born is None:
            self._show(checkin.Outcome("checkin.birth_date_invalid"))
            return
        try:
            found = checkin.by_birth_date(born, device_id=device_id, now=settings.now(),
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
        if self._device_id() is None or not any(c["iso"] == iso for c in self.choices):
            return
        self._chosen = iso
        self._confirm("")

    @rx.event
    def time_not_listed(self):
        if self._device_id() is not None:
            self._show(checkin.Outcome("checkin.no_match"))

    @rx.event
    def submit_name(self, form: dict):
        """The first letters of the family name, when two people share date of birth and time."""
        if self._device_id() is not None and self._chosen:
            self._confirm((inputs.text(inputs.field(form, "value")) or "")[:12])

    def _confirm(self, name_prefix: str):
        """One answer per lookup: a wrong time or name ends it, like "no such person"."""
        outcome = checkin.confirm(self._ids, datetime.fromisoformat(self._chosen), name_prefix,
                                  now=settings.now(), policy=settings.checkin_policy())
        if outcome.key == "checkin.need_name" and not name_prefix:
            self.screen = "name"
            return
        self._show(outcome)

    @rx.event
    def restart(self):
        """Back to the start screen in German (after the result, on idle, or by the person)."""
        self._reset()
        self.lang = i18n.DEFAULT_LANGUAGE
