"""Choosing a day and a time from real availability: the booking page and rebooking on the manage
page share it (a state mixin, so each page keeps its own choice)."""

from __future__ import annotations

from datetime import date

import reflex as rx

from .. import i18n, settings
from ..domain.schedule import BookingPolicy
from ..models import DayInfo, TimeInfo
from ..services import availability
from . import booking_view as view


class DayPicker(rx.State, mixin=True):
    day: str = ""  # chosen day, ISO
    start: str = ""  # chosen start, ISO
    _days: list[DayInfo] = []
    _times: list[TimeInfo] = []
    _release: tuple = ()  # (when, which day) the team opens its next day, if it has a release time

    @rx.var
    def release_note(self) -> str:
        """"New appointments for <day> are released on <date> at <time>." (empty: no fixed time)."""
        if not self._release:
            return ""
        at, day = self._release
        return i18n.translate(self.lang, "calendar.release", day=i18n.long_date(day, self.lang),
                              date=i18n.long_date(at.date(), self.lang), time=i18n.short_time(at, self.lang))

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
        self.start = iso
        self._time_chosen()

    def _picker(self) -> dict:
        """What to offer: ``concern_id`` and ``persons``, and ``moving`` when an appointment moves."""
        raise NotImplementedError

    def _time_chosen(self):
        raise NotImplementedError

    def _policy(self) -> BookingPolicy:
        """How far ahead and how late times are offered: the public booking rules by default."""
        return settings.booking_policy()

    def _refresh_days(self):
        picker = self._picker()
        self._days = availability.days(now=settings.now(), policy=self._policy(), **picker)
        self._release = availability.next_release(picker["concern_id"], now=settings.now(),
                                                  policy=self._policy()) or ()
        if not any(d.day.isoformat() == self.day and d.state == "available" for d in self._days):
            self.day = ""
        self._refresh_times()

    def _refresh_times(self):
        self._times = (availability.times(day=date.fromisoformat(self.day), now=settings.now(),
                                          policy=self._policy(), **self._picker()) if self.day else [])

    def _clear_picker(self):
        self.day, self.start, self._days, self._times, self._release = "", "", [], [], ()
