"""The triage list of urgent requests: a team's open requests by expiry date, and what the team did
with them lately. Clerks and team leads see their own team, admins choose one. Every handler asks
the service, which checks the access again (a request id from the page is never trusted); the
list follows the team's live channel."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

import reflex as rx

from .. import i18n, live, routes, settings
from ..domain import auth, inputs
from ..domain.errors import DomainError, SlotNotBookable, SlotTaken
from ..models import DayInfo, TimeInfo
from ..services import content, queue, urgent_requests, urgent_triage
from ..services.auth import StaffInfo
from ..services.urgent_triage import Triage, TriageRow
from . import booking_view as view
from .auth import guard
from .lang import LangState

log = logging.getLogger(__name__)
MODES = ("offer", "answer", "close")  # what the dialog of one request does
KIND = "urgent_triage"  # the live registration of this page


def left_key(days: int) -> str:
    """The message of the days left ("noch 3 Tage", "abgelaufen seit 2 Tagen"); ``{days}`` is filled in."""
    if days < 0:
        return "triage.left.expired_one" if days == -1 else "triage.left.expired_many"
    if days == 0:
        return "triage.left.today"
    return "triage.left.one" if days == 1 else "triage.left.many"


def _stamp(moment: datetime | None) -> str:
    return moment.strftime("%d.%m.%Y %H:%M") if moment else ""


def open_row(r: TriageRow, names: dict[str, str]) -> dict[str, str]:
    return {"id": str(r.id), "number": r.number, "received": _stamp(r.received_at),
            "concern": names.get(r.concern_code, r.concern_code), "kind": f"urgent.kind.{r.permit_kind}",
            "expires": r.permit_expires.strftime("%d.%m.%Y"), "urgency": r.urgency, "left": left_key(r.days_left),
            "days": str(abs(r.days_left)), "name": f"{r.family_name}, {r.given_names}".strip(", "),
            "birth_date": r.birth_date.strftime("%d.%m.%Y"), "email": r.email, "description": r.description,
            "lang": i18n.language_name(r.lang)}


def handled_row(r: TriageRow, names: dict[str, str]) -> dict[str, str]:
    return {"id": str(r.id), "number": r.number, "concern": names.get(r.concern_code, r.concern_code),
            "name": f"{r.family_name}, {r.given_names}".strip(", "), "status": f"triage.status.{r.status}",
            "handled": _stamp(r.handled_at), "by": r.handled_by, "answer": r.answer,
            "when": _stamp(r.appointment_start), "code": r.booking_code, "offerable": "yes" if r.offerable else "no"}


class UrgentTriageState(rx.State):
    is_admin: bool = False
    teams: list[dict[str, str]] = []
    team_id: int = 0
    open_rows: list[dict[str, str]] = []
    handled_rows: list[dict[str, str]] = []
    notice: str = ""  # message key of the last outcome on the list
    ok: bool = False
    done_number: str = ""  # fills {number}, {code}, {when} of the outcome
    done_code: str = ""
    done_when: str = ""
    # The dialog of one request: what it does, the request, the step of an offer and its problem.
    mode: str = ""
    working: str = ""
    working_number: str = ""
    working_name: str = ""
    working_lang: str = ""  # the person's language: the answer mail's framing is in it
    error: str = ""
    day: str = ""
    start: str = ""
    start_label: str = ""
    calendar: list[dict[str, str]] = []
    weekdays: list[str] = []
    times: list[dict[str, str]] = []
    day_label: str = ""
    release_note: str = ""  # (the picker shows it; staff offers ignore release times)
    _staff_id: int = 0
    _lang: str = i18n.DEFAULT_LANGUAGE
    _days: list[DayInfo] = []
    _times: list[TimeInfo] = []

    @rx.var
    def team_name(self) -> str:
        return next((t["name"] for t in self.teams if t["id"] == str(self.team_id)), "")

    async def _who(self, touch: bool = True) -> StaffInfo | None:
        return await guard(self, "urgent triage", lambda who: who.role == auth.ADMIN or (
            who.role in auth.ROLES and who.team_id is not None), touch=touch)

    async def _away(self):
        return rx.redirect(routes.LOGIN)

    def _clear(self):
        live.forget([self.router.session.client_token])
        self.is_admin, self.teams, self.team_id, self.open_rows, self.handled_rows = False, [], 0, [], []
        self._staff_id = 0
        self._tell("")
        self._close_dialog()

    def _holds_data(self) -> bool:
        return bool(self.team_id or self.teams or self.open_rows or self.handled_rows or self.working)

    def _tell(self, key: str, ok: bool = False, number: str = "", code: str = "", when: str = ""):
        self.notice, self.ok, self.done_number, self.done_code, self.done_when = key, ok, number, code, when

    @rx.event
    async def load(self):
        if (who := await self._who()) is None:
            return await self._away()
        self._lang = (await self.get_state(LangState)).code
        self.is_admin = who.role == auth.ADMIN
        self.teams = [{"id": str(i), "name": name} for i, _, name in await asyncio.to_thread(queue.teams)
                      if auth.may_act_for_team(who.role, who.team_id, i)]
        if not self.is_admin or not any(t["id"] == str(self.team_id) for t in self.teams):
            self.team_id = who.team_id or (int(self.teams[0]["id"]) if self.teams else 0)
        self._tell("")
        self._close_dialog()
        await self._follow(who)

    @rx.event
    async def choose_team(self, team: str):
        """Admins look at one team at a time."""
        if (who := await self._who()) is None:
            return await self._away()
        if self.is_admin and any(t["id"] == team for t in self.teams):
            self.team_id = int(team)
            self._tell("")
            self._close_dialog()
            await self._follow(who)

    @rx.event
    async def heartbeat(self, _tick: str = ""):
        """The days left change at midnight, and a missed push is made good within a minute."""
        if (who := await self._who(touch=False)) is None:
            return await self._away()
        await self._follow(who)

    async def _follow(self, who: StaffInfo):
        """Register this page for the team's pushes (tied to the login session) and show the list."""
        self._staff_id = who.id
        if self.team_id:
            await asyncio.to_thread(live.subscribe, self.router.session.client_token,
                                    urgent_requests.channel(self.team_id), KIND, settings.now(),
                                    session_id=who.session_id)
        shown = await asyncio.to_thread(self._load, self.team_id, who.id, self._lang)
        self._show(shown)

    def _refresh(self, shared: dict | None = None):
        """Reload from the database (a push to a valid session; private, never an event)."""
        self._show(self._load(self.team_id, self._staff_id, self._lang))

    @staticmethod
    def _load(team_id: int, by: int, lang: str) -> tuple[Triage, dict[str, str]] | None:
        if not team_id or not by:
            return None
        try:
            found = urgent_triage.triage(team_id, by=by, now=settings.now())
        except DomainError:
            return None
        return found, {code: c.name for code, c in content.concerns(lang).items()}

    def _show(self, shown: tuple[Triage, dict[str, str]] | None):
        found, names = shown if shown else (Triage(open=[], handled=[]), {})
        self.open_rows = [open_row(r, names) for r in found.open]
        self.handled_rows = [handled_row(r, names) for r in found.handled]
        if self.working and self._row(self.mode, self.working) is None:
            self.error = "urgent.not_open"  # a colleague was quicker: the dialog says so at once

    def _row(self, mode: str, request_id: str) -> dict[str, str] | None:
        """The listed request ``mode`` can work on: an open one, or for an offer also one answered
        without an appointment yet."""
        rows = self.open_rows + ([r for r in self.handled_rows if r["offerable"] == "yes"] if mode == "offer" else [])
        return next((r for r in rows if r["id"] == request_id), None)

    # --- the dialog of one request --------------------------------------------------------------

    @rx.event
    async def begin(self, mode: str, request_id: str):
        """Open the dialog to offer a time, answer or close ``request_id`` (one of the open list)."""
        if (who := await self._who()) is None:
            return await self._away()
        row = self._row(mode, request_id) if mode in MODES else None
        if row is None:
            return
        self._close_dialog()
        self.mode, self.working, self.working_number, self.working_name = mode, row["id"], row["number"], row["name"]
        self.working_lang = row.get("lang", "")
        if mode == "offer":
            await self._offer_days(who)

    async def _offer_days(self, who: StaffInfo):
        self.day, self.start, self.start_label, self._times, self.times, self.day_label = "", "", "", [], [], ""
        try:
            self._days = await asyncio.to_thread(urgent_triage.offer_days, inputs.lookup_id(self.working), by=who.id,
                                                 now=settings.now())
        except DomainError as e:
            self._days, self.error = [], e.key
        self.calendar = view.calendar_cells(self._lang, self._days, "")
        self.weekdays = view.weekday_labels(self._lang)

    @rx.event
    async def choose_day(self, iso: str):
        if (who := await self._who()) is None:
            return await self._away()
        day = next((d.day for d in self._days if d.day.isoformat() == iso and d.state == "available"), None)
        if self.mode != "offer" or day is None:
            return
        self.day, self.start, self.error = day.isoformat(), "", ""
        self.calendar = view.calendar_cells(self._lang, self._days, self.day)
        self.day_label = i18n.long_date(day, self._lang)
        try:
            self._times = await asyncio.to_thread(urgent_triage.offer_times, inputs.lookup_id(self.working), day,
                                                  by=who.id, now=settings.now())
        except DomainError as e:
            self._times, self.error = [], e.key
        self.times = view.time_rows(self._lang, self._times)

    @rx.event
    async def choose_time(self, iso: str):
        if await self._who() is None:
            return await self._away()
        if self.mode == "offer" and any(t.start.isoformat() == iso for t in self._times):
            self.start, self.start_label, self.error = iso, view.when_label(self._lang, iso), ""

    @rx.event
    async def offer_time(self, request_id: str, start: str):
        """Book ``start`` for the person of ``request_id``: the usual confirmation mail goes out."""
        if (who := await self._who()) is None:
            return await self._away()
        when = _moment(start)
        if when is None:
            self.error = "error.slot_not_bookable"
            return
        try:
            row = await asyncio.to_thread(urgent_triage.offer_time, inputs.lookup_id(request_id), when, by=who.id,
                                          now=settings.now(), reminder_before=settings.reminder_before())
        except (SlotTaken, SlotNotBookable) as e:
            self.error = e.key
            if self.mode == "offer":
                await self._offer_days(who)
                self.error = e.key
            return
        except DomainError as e:
            self.error = e.key
            return
        self._close_dialog()
        self._tell("triage.offered", ok=True, number=row.number, code=row.booking_code,
                   when=view.when_label(self._lang, when.isoformat()))
        await self._follow(who)

    @rx.event
    async def answer(self, form: dict):
        """Send the typed message to the person of the form's request (by e-mail, in their language)."""
        if (who := await self._who()) is None:
            return await self._away()
        try:
            row = await asyncio.to_thread(urgent_triage.answer, inputs.lookup_id(inputs.field(form, "request")),
                                          inputs.field(form, "text"), by=who.id, now=settings.now())
        except DomainError as e:
            self.error = e.key
            return
        self._close_dialog()
        self._tell("triage.answered", ok=True, number=row.number)
        await self._follow(who)

    @rx.event
    async def close_request(self, request_id: str):
        """Close ``request_id`` without a mail (a duplicate, nonsense)."""
        if (who := await self._who()) is None:
            return await self._away()
        try:
            row = await asyncio.to_thread(urgent_triage.close, inputs.lookup_id(request_id), by=who.id,
                                          now=settings.now())
        except DomainError as e:
            self.error = e.key
            return
        self._close_dialog()
        self._tell("triage.closed", ok=True, number=row.number)
        await self._follow(who)

    @rx.event
    async def other_time(self):
        """Back from the confirmation to the choice of a time."""
        if await self._who() is None:
            return await self._away()
        self.start, self.start_label, self.error = "", "", ""

    @rx.event
    async def dismiss(self, opened: bool = False):
        """The dialog closes (its button, Escape, a click beside it)."""
        if await self._who() is None:
            return await self._away()
        if opened is not True:
            self._close_dialog()

    def _close_dialog(self):
        self.mode = self.working = self.working_number = self.working_name = self.working_lang = self.error = ""
        self.day = self.start = self.start_label = self.day_label = ""
        self.calendar, self.weekdays, self.times, self._days, self._times = [], [], [], [], []


def _moment(value: object) -> datetime | None:
    """A start time as the page sends it (ISO), or None."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is None else None


live.register(KIND, UrgentTriageState)
