"""The clerk dashboard of one team: today's queue, live. Team and room are chosen on the page for
now; the staff login (next issue) replaces ``choose`` and checks the team in every handler."""

from __future__ import annotations

import reflex as rx

from .. import i18n, live, settings
from ..domain import status
from ..services import queue

LISTS = ("waiting", "expected", "called", "finished")


def _row(r: queue.QueueRow, lang: str, fresh: set[int]) -> dict[str, str]:
    return {
        "id": str(r.id),
        "number": r.call_number,
        "name": r.name,
        "concern": i18n.translate(lang, f"concern.{r.concern_code}.name"),
        "time": r.start.strftime("%H:%M"),
        "waited": str(r.waited),
        "room": r.room,
        "status": r.status,
        "fresh": "yes" if r.id in fresh else "no",
    }


class ClerkState(rx.State):
    team_id: int = 0
    room_id: int = 0
    teams: list[dict[str, str]] = []
    rooms: list[dict[str, str]] = []
    waiting: list[dict[str, str]] = []
    expected: list[dict[str, str]] = []
    called: list[dict[str, str]] = []
    finished: list[dict[str, str]] = []
    alert: int = 0  # rises with every new check-in; the page plays a sound when it changes
    notice: str = ""
    _known_waiting: list[int] = []
    _loaded: bool = False

    @rx.var
    def ready(self) -> bool:
        return bool(self.team_id and self.room_id)

    @rx.var
    def room_name(self) -> str:
        return next((r["name"] for r in self.rooms if r["id"] == str(self.room_id)), "")

    @rx.var
    def team_name(self) -> str:
        return next((t["name"] for t in self.teams if t["id"] == str(self.team_id)), "")

    @rx.event
    def load(self):
        self.teams = [{"id": str(i), "name": name} for i, _, name in queue.teams()]
        self.rooms = [{"id": str(i), "name": name} for i, name in queue.rooms()]
        self._follow()

    def _follow(self):
        """Register this page for its team's pushes and show the current queue."""
        if self.ready:
            live.subscribe(self.router.session.client_token, live.team_channel(self.team_id), "clerk", settings.now())
            self.refresh()

    @rx.event
    def choose(self, form: dict):
        team, room = str(form.get("team", "")), str(form.get("room", ""))
        if not any(t["id"] == team for t in self.teams) or not any(r["id"] == room for r in self.rooms):
            self.notice = "clerk.choose_both"
            return
        self.team_id, self.room_id, self.notice, self._loaded = int(team), int(room), "", False
        return ClerkState.load

    @rx.event
    def change_place(self):
        self.team_id = self.room_id = 0
        self.waiting = self.expected = self.called = self.finished = []

    @rx.event
    def call_next(self):
        number = queue.call_next(team_id=self.team_id, room_id=self.room_id, now=settings.now())
        self.notice = "" if number else "clerk.nobody_waiting"
        self.refresh()

    @rx.event
    def call(self, appointment_id: str):
        number = queue.call(int(appointment_id), team_id=self.team_id, room_id=self.room_id, now=settings.now())
        self.notice = "" if number else "clerk.already_taken"
        self.refresh()

    @rx.event
    def done(self, appointment_id: str):
        queue.finish(int(appointment_id), status.DONE, team_id=self.team_id, now=settings.now())
        self.refresh()

    @rx.event
    def no_show(self, appointment_id: str):
        queue.finish(int(appointment_id), status.NO_SHOW, team_id=self.team_id, now=settings.now())
        self.refresh()

    @rx.event
    def heartbeat(self, _tick: str = ""):
        """Every few seconds: keep the registration and the waiting minutes fresh."""
        self._follow()

    def refresh(self, shared: dict | None = None):
        if not self.team_id:
            return
        team = self.team_id
        day = live.once(shared, ("team", team), lambda: queue.team_day(team, now=settings.now()))
        waiting_ids = [r.id for r in day.waiting]
        fresh = set(waiting_ids) - set(self._known_waiting) if self._loaded else set()
        if fresh:
            self.alert += 1
        self._known_waiting, self._loaded = waiting_ids, True
        lang = i18n.DEFAULT_LANGUAGE
        for name in LISTS:
            setattr(self, name, [_row(r, lang, fresh) for r in getattr(day, name)])


live.register("clerk", ClerkState)
