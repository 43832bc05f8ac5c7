"""The clerk dashboard of one team: today's queue, live. Every handler checks the staff session
and the team on the server; the page shows nothing without a valid login."""

from __future__ import annotations

import asyncio
from datetime import datetime

import reflex as rx

from .. import i18n, live, routes, settings
from ..domain import auth, inputs, status
from ..domain.errors import InvalidInput
from ..domain.personal import validate_personal_data
from ..services import actions, checkin, content, queue, undo, urgent
from ..services.auth import StaffInfo
from .auth import guard

LISTS = ("waiting", "expected", "called", "finished", "parked")
ACTIONS = ("call", "recall", "done", "no_show", "park", "unpark", "priority")




NEW_MINUTES = 2  # a check-in this recent is marked "new" in the waiting list


def _row(r: queue.QueueRow, lang: str, fresh: set[int], long_wait: int, new_possible: bool) -> dict[str, str]:
    return {
        "id": str(r.id),
        "number": r.call_number,
        "name": r.name,
        "concern": content.concern(lang, r.concern_code).name,
        "time": r.start.strftime("%H:%M"),
        "waited": str(r.waited),
        "room": r.room,
        "status": r.status,
        "fresh": "yes" if r.id in fresh else "no",
        "priority": "yes" if r.priority else "no",
        "calls": str(r.calls),
        "note": r.note,
        "urgent": "yes" if r.urgent else "no",
        "long": "yes" if r.status == status.CHECKED_IN and r.waited >= long_wait else "no",
        "new": "yes" if new_possible and r.waited < NEW_MINUTES else "no",
        "change": f"{routes.STAFF_BOOKINGS}?code={r.booking_code}" if r.booking_code else "",
    }


def _matches(r: queue.QueueRow, query: str) -> bool:
    """Search by name or booking code (case-insensitive, the dash of the code optional)."""
    needle = query.casefold().replace("-", "").strip()
    return not needle or needle in r.name.casefold() or needle in r.booking_code.casefold().replace("-", "")


class ClerkState(rx.State):
    team_id: int = 0
    room_id: int = 0
    is_admin: bool = False
    teams: list[dict[str, str]] = []
    rooms: list[dict[str, str]] = []
    concerns: list[dict[str, str]] = []  # the team's concerns, for urgent entries
    waiting: list[dict[str, str]] = []
    expected: list[dict[str, str]] = []
    called: list[dict[str, str]] = []
    finished: list[dict[str, str]] = []
    parked: list[dict[str, str]] = []
    alert: int = 0  # rises with every new check-in; the page plays a sound when it changes
    notice: str = ""
    query: str = ""
    waiting_count: int = 0
    undo_key: str = ""  # message key of the clerk's last action while it can be undone, else ""
    undo_number: str = ""
    _undo_until: datetime | None = None
    _known_waiting: list[int] = []
    _loaded: bool = False

    @rx.var
    def ready(self) -> bool:
        return bool(self.team_id and self.room_id)

    @rx.var
    def room_name(self) -> str:
        return next((r["name"] for r in self.rooms if r["id"] == str(self.room_id)), "")

    @rx.var
    def tab_title(self) -> str:
        """The number of waiting people in the browser tab, visible from other tabs."""
        return f"({self.waiting_count}) {i18n.translate(i18n.DEFAULT_LANGUAGE, 'clerk.title')} – {self.team_name}"

    @rx.var
    def team_name(self) -> str:
        return next((t["name"] for t in self.teams if t["id"] == str(self.team_id)), "")

    async def _staff(self, touch: bool = True) -> StaffInfo | None:
        """The logged-in person if they may work on this dashboard's team; else clear everything."""
        return await guard(self, "dashboard", lambda who: not self.team_id or auth.may_act_for_team(
            who.role, who.team_id, self.team_id), touch=touch)

    def _clear(self):
        live.forget([self.router.session.client_token])
        self._offer_undo("", "")
        self.team_id = self.room_id = 0
        self._empty_lists()
        self._known_waiting, self._loaded, self.concerns, self.query, self.notice = [], False, [], "", ""
        self.teams, self.rooms, self.is_admin, self.waiting_count = [], [], False, 0

    def _holds_data(self) -> bool:
        return bool(self.team_id or self.teams or any(getattr(self, name) for name in LISTS))

    @rx.event
    async def load(self):
        who = await self._staff()
        if who is None:
            return rx.redirect(routes.LOGIN)
        self.is_admin = who.role == auth.ADMIN
        self.teams = [{"id": str(i), "name": name} for i, _, name in queue.teams()
                      if auth.may_act_for_team(who.role, who.team_id, i)]
        self.rooms = [{"id": str(i), "name": name} for i, name in queue.rooms(None if self.is_admin else who.team_id)]
        if not self.is_admin:
            self.team_id = who.team_id or 0
        self._follow(who)

    def _follow(self, who: StaffInfo):
        """Register this page for its team's pushes (tied to the login session) and show the queue."""
        if self.ready and not self.concerns:
            self.concerns = [{"id": str(i), "name": content.concern(i18n.DEFAULT_LANGUAGE, code).name}
                             for i, code in queue.concerns(self.team_id)]
        if self.ready:
            live.subscribe(self.router.session.client_token, live.team_channel(self.team_id), "clerk", settings.now(),
                           session_id=who.session_id)
            self._refresh()

    @rx.event
    async def choose(self, form: dict):
        who = await self._staff()
        if who is None:
            return rx.redirect(routes.LOGIN)
        team = inputs.field(form, "team") if self.is_admin else str(self.team_id)
        room = inputs.field(form, "room")
        if not any(t["id"] == team for t in self.teams) or not any(r["id"] == room for r in self.rooms):
            self.notice = "clerk.choose_both"
            return
        self.team_id, self.room_id, self.notice, self._loaded = int(team), int(room), "", False
        self._follow(who)

    @rx.event
    async def change_place(self):
        if await self._staff() is None:
            return rx.redirect(routes.LOGIN)
        live.forget([self.router.session.client_token])
        self.room_id = 0
        if self.is_admin:
            self.team_id, self.concerns = 0, []
        self._empty_lists()

    def _empty_lists(self):
        for name in LISTS:
            setattr(self, name, [])

    @rx.event
    async def call_next(self):
        if (who := await self._staff()) is None or not self.ready:
            return rx.redirect(routes.LOGIN)
        number = await asyncio.to_thread(actions.call_next, team_id=self.team_id, room_id=self.room_id,
                                         now=settings.now(), by=who.id)
        self.notice = "" if number else "clerk.nobody_waiting"
        if number:
            self._offer_undo("call", number)
        self._refresh()

    @rx.event
    async def act(self, action: str, appointment_id: str):
        """call, recall, done, no_show, park, unpark, priority on one person of this team."""
        if (who := await self._staff()) is None or not self.ready:
            return rx.redirect(routes.LOGIN)
        if action not in ACTIONS:
            return
        result = await asyncio.to_thread(actions.act, action, inputs.lookup_id(appointment_id), team_id=self.team_id,
                                         room_id=self.room_id, now=settings.now(), by=who.id)
        self.notice = result.key
        if result.ok:
            self._offer_undo(action, result.number)
        self._refresh()

    @rx.event
    async def arrived(self, appointment_id: str):
        """Check in a person who could not use the kiosk (same effect as the kiosk)."""
        if (who := await self._staff()) is None or not self.ready:
            return rx.redirect(routes.LOGIN)
        outcome = await asyncio.to_thread(checkin.mark_arrived, inputs.lookup_id(appointment_id), team_id=self.team_id,
                                          now=settings.now(), by=who.id)
        self.notice = "" if outcome.ok else outcome.key
        if outcome.ok:
            self._offer_undo("check_in", outcome.call_number)
        self._refresh()

    @rx.event
    async def urgent(self, form: dict):
        """An urgent same-day entry for a person standing in front of the clerk."""
        if (who := await self._staff()) is None or not self.ready:
            return rx.redirect(routes.LOGIN)
        try:
            person = validate_personal_data(
                family_name=inputs.field(form, "family_name"), given_names=inputs.field(form, "given_names"),
                birth_date=inputs.field(form, "birth_date"), email="", consent=True, today=settings.now().date())
        except InvalidInput as err:
            self.notice = next(iter(err.fields.values()))
            return
        outcome = await asyncio.to_thread(
            urgent.create, team_id=self.team_id, concern_id=inputs.lookup_id(inputs.field(form, "concern")), person=person,
            reason=inputs.field(form, "reason"), now=settings.now(), by=who.id)
        self.notice = "" if outcome.ok else outcome.key
        if outcome.ok:
            self._offer_undo("", "")  # an urgent entry is the last action now; it is not undone by a click
        self._refresh()

    @rx.event
    async def search(self, query: str):
        if await self._staff() is None:
            return rx.redirect(routes.LOGIN)
        self.query = (inputs.text(query) or "")[:40]
        self._refresh()

    @rx.event
    async def transfer(self, form: dict):
        """Hand a person over to the other team with a short note; they keep their call number."""
        if (who := await self._staff()) is None or not self.ready:
            return rx.redirect(routes.LOGIN)
        to_team = next((i for i, *_ in queue.teams() if i != self.team_id), None)
        result = await asyncio.to_thread(
            actions.act, "transfer", inputs.lookup_id(inputs.field(form, "appointment_id")), team_id=self.team_id, now=settings.now(),
            by=who.id, to_team=to_team, note=inputs.field(form, "note"))
        self.notice = result.key
        if result.ok:
            self._offer_undo("transfer", result.number)
        self._refresh()

    @rx.event
    async def undo(self):
        """Take back this clerk's own last action (within ``TS_UNDO_SEC``, if nobody changed it since)."""
        if (who := await self._staff()) is None or not self.ready:
            return rx.redirect(routes.LOGIN)
        outcome = await asyncio.to_thread(undo.undo_last, staff_id=who.id, now=settings.now(),
                                          window=settings.undo_window())
        self.notice = "clerk.undone" if outcome.ok else outcome.key
        self._offer_undo("", "")
        self._refresh()

    def _offer_undo(self, action: str, number: str):
        """Show the undo button for ``action`` until the undo window has passed ("" hides it)."""
        self.undo_key, self.undo_number = (f"clerk.undo.{action}", number) if action else ("", "")
        self._undo_until = settings.now() + settings.undo_window() if action else None

    @rx.event
    async def heartbeat(self, _tick: str = ""):
        """Every few seconds: check the session (without counting as activity), keep the
        registration and the waiting minutes fresh."""
        if (who := await self._staff(touch=False)) is None:
            return rx.redirect(routes.LOGIN)
        self._expire_undo()
        self._follow(who)

    @rx.event
    async def undo_tick(self, _tick: str = ""):
        """While the undo button shows: hide it once the undo window has passed."""
        if await self._staff(touch=False) is None:
            return rx.redirect(routes.LOGIN)
        self._expire_undo()

    def _expire_undo(self):
        if self._undo_until is not None and settings.now() > self._undo_until:
            self._offer_undo("", "")

    def _refresh(self, shared: dict | None = None):
        """Reload from the database (private: only our handlers and pushes to a valid session call it)."""
        if not self.team_id:
            return
        team = self.team_id
        day = live.once(shared, ("team", team), lambda: queue.team_day(team, now=settings.now()))
        waiting_ids = [r.id for r in day.waiting]
        fresh = set(waiting_ids) - set(self._known_waiting) if self._loaded else set()
        if fresh:
            self.alert += 1
        self._known_waiting, self._loaded, self.waiting_count = waiting_ids, True, len(waiting_ids)
        lang, long_wait = i18n.DEFAULT_LANGUAGE, settings.long_wait_minutes()
        for name in LISTS:
            rows = [r for r in getattr(day, name) if _matches(r, self.query)]
            setattr(self, name, [_row(r, lang, fresh, long_wait, new_possible=name == "waiting") for r in rows])


live.register("clerk", ClerkState)
