"""Statistics for team leads (their own team) and admins (every team, or one). Every handler checks
the session and the role on the server; the figures are read in a thread."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import date, timedelta

import reflex as rx

from .. import i18n, routes, settings
from ..domain import auth, inputs
from ..domain import statistics as stats
from ..domain.statistics import Figures
from ..services import content, queue
from ..services import statistics as service
from ..services.auth import StaffInfo
from .auth import AuthState, guard
from .lang import LangState

# The table's columns: (cell key, header message key). The CSV export has exactly these.
COLUMNS = (
    ("label", "stats.col.period"), ("booked", "stats.col.booked"), ("cancelled", "stats.col.cancelled"),
    ("checked_in", "stats.col.checked_in"), ("qr", "stats.col.qr"), ("birth_date", "stats.col.birth_date"),
    ("staff", "stats.col.staff"), ("no_show", "stats.col.no_show"), ("no_show_rate", "stats.col.no_show_rate"),
    ("urgent", "stats.col.urgent"), ("wait_median", "stats.col.wait_median"), ("wait_p90", "stats.col.wait_p90"),
    ("service_median", "stats.col.service_median"), ("service_p90", "stats.col.service_p90"),
    ("seats_used", "stats.col.seats_used"), ("seats_offered", "stats.col.seats_offered"),
    ("utilisation", "stats.col.utilisation"),
)
CONCERN_HEADER = "stats.col.concern"  # the first column of the per-concern table
DASH = "–"
DEFAULT_DAYS = 28


def _percent(value: float | None) -> str:
    return DASH if value is None else f"{100 * value:.1f}"


def _minutes(seconds: int | None) -> str:
    return DASH if seconds is None else f"{seconds / 60:.1f}"


def cells(f: Figures, label: str) -> dict[str, str]:
    """One row of the table, as shown and as exported."""
    return {
        "label": label, "booked": str(f.booked), "cancelled": str(f.cancelled), "checked_in": str(f.checked_in),
        "qr": str(f.checked_in_qr), "birth_date": str(f.checked_in_birth_date), "staff": str(f.checked_in_staff),
        "no_show": str(f.no_show), "no_show_rate": _percent(f.no_show_rate), "urgent": str(f.urgent),
        "wait_median": _minutes(f.wait_median_s), "wait_p90": _minutes(f.wait_p90_s),
        "service_median": _minutes(f.service_median_s), "service_p90": _minutes(f.service_p90_s),
        "seats_used": str(f.seats_used), "seats_offered": str(f.seats_offered) if f.concern_id is None else DASH,
        "utilisation": _percent(f.utilisation) if f.concern_id is None else DASH,
    }


def period_label(start: date, period: str, lang: str) -> str:
    if period == stats.WEEK:
        year, week, _ = start.isocalendar()
        return i18n.translate(lang, "stats.week_label", week=week, year=year)
    if period == stats.MONTH:
        return i18n.month_year(start, lang)
    return start.strftime("%d.%m.%Y")


def to_csv(headers: list[str], rows: list[dict[str, str]]) -> str:
    """The table as CSV (semicolons, as spreadsheets in German offices expect)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for r in rows:
        writer.writerow([r[k] for k, _ in COLUMNS])
    return out.getvalue()


def _figures(period: str, first: date, last: date, team: int | None, concern: int | None, lang: str) -> dict:
    """Everything the page shows, as plain data (runs in a thread)."""
    now = settings.now()
    report = service.report(period=period, first=first, last=last, now=now, team_id=team, concern_id=concern)
    weekly = report if period == stats.WEEK else service.report(period=stats.WEEK, first=first, last=last, now=now,
                                                               team_id=team, concern_id=concern)
    texts = content.concerns(lang)
    names = {cid: texts[code].name if code in texts else code for cid, code, _ in service.concerns(team)}
    out = service.booked_out(now=now, policy=settings.booking_policy(), team_id=team)
    return {
        "concerns": [{"id": str(cid), "name": name} for cid, name in names.items()],
        "rows": [cells(f, period_label(f.start, period, lang)) for f in report.rows],
        "total": cells(report.total, i18n.translate(lang, "stats.total")),
        "concern_rows": [cells(f, names.get(f.concern_id, str(f.concern_id))) for f in report.concerns],
        "bars": [{"label": period_label(f.start, period, lang), "booked": f.booked, "checked_in": f.checked_in,
                  "no_show": f.no_show} for f in report.rows],
        "waits": [{"label": period_label(f.start, stats.WEEK, lang), "median": stats.minutes(f.wait_median_s),
                   "p90": stats.minutes(f.wait_p90_s)} for f in weekly.rows],
        "booked_out": [{"concern": names.get(b.concern_id, b.concern_code),
                        "first_free": b.first_free.strftime("%d.%m.%Y") if b.first_free else "",
                        "days": str(b.days_ahead) if b.days_ahead is not None else ""}
                       for b in out if concern is None or b.concern_id == concern],
    }


class StatisticsState(rx.State):
    is_admin: bool = False
    teams: list[dict[str, str]] = []
    concerns: list[dict[str, str]] = []
    team: str = ""  # "" = every team (admins only)
    concern: str = ""  # "" = every concern
    period: str = stats.DAY
    first: str = ""  # ISO dates, as the date fields send them
    last: str = ""
    headers: list[str] = []
    rows: list[dict[str, str]] = []
    total: dict[str, str] = {}
    concern_rows: list[dict[str, str]] = []
    bars: list[dict[str, str | int]] = []
    waits: list[dict[str, str | float | None]] = []
    booked_out: list[dict[str, str]] = []
    notice: str = ""
    _lang: str = i18n.DEFAULT_LANGUAGE

    async def _who(self) -> StaffInfo | None:
        return await guard(self, "statistics", lambda who: who.role == auth.ADMIN or (
            who.role == auth.TEAM_LEAD and who.team_id is not None))

    async def _away(self):
        """A logged-in clerk goes back to the queue, anyone else to the login."""
        logged_in = (await self.get_state(AuthState)).role != ""
        return rx.redirect(routes.CLERK if logged_in else routes.LOGIN)

    def _clear(self):
        self.is_admin, self.teams, self.concerns, self.team, self.concern = False, [], [], "", ""
        self.headers, self.rows, self.total, self.concern_rows, self.bars, self.waits = [], [], {}, [], [], []
        self.booked_out, self.notice = [], ""

    def _holds_data(self) -> bool:
        return bool(self.teams or self.rows or self.concern_rows or self.booked_out or self.total)

    def _team_of(self, who: StaffInfo) -> int | None:
        """The team whose figures are shown: a team lead's own, whatever was asked."""
        if who.role != auth.ADMIN:
            return who.team_id
        chosen = inputs.record_id(self.team) if self.team else None
        return chosen if any(t["id"] == str(chosen) for t in self.teams) else None

    @rx.event
    async def load(self):
        if (who := await self._who()) is None:
            return await self._away()
        self.is_admin = who.role == auth.ADMIN
        self.teams = [{"id": str(i), "name": name} for i, _, name in await asyncio.to_thread(queue.teams)
                      if auth.may_act_for_team(who.role, who.team_id, i)]
        today = settings.now().date()
        self.first = self.first or (today - timedelta(days=DEFAULT_DAYS - 1)).isoformat()
        self.last = self.last or today.isoformat()
        await self._refresh(who)

    @rx.event
    async def show(self, form: dict):
        """The controls' form: period, from, to, team (admins), concern."""
        if (who := await self._who()) is None:
            return await self._away()
        period = inputs.field(form, "period")
        self.period = period if period in stats.PERIODS else stats.DAY
        for name in ("first", "last"):
            day = inputs.iso_date(inputs.field(form, name))
            setattr(self, name, day.isoformat() if day else "")
        team, concern = inputs.field(form, "team"), inputs.field(form, "concern")
        self.team = team if self.is_admin and isinstance(team, str) and len(team) < 12 else ""
        self.concern = concern if isinstance(concern, str) and len(concern) < 12 else ""
        await self._refresh(who)

    @rx.event
    async def download(self, which: str):
        """The table as shown, as a CSV file: ``which`` is "periods" or "concerns"."""
        if await self._who() is None:
            return await self._away()
        rows = self.rows + ([self.total] if self.total else []) if which == "periods" else self.concern_rows
        headers = self.headers if which == "periods" else [self._text(CONCERN_HEADER)] + self.headers[1:]
        filename = f"statistik-{'zeitraeume' if which == 'periods' else 'anliegen'}-{self.first}-{self.last}.csv"
        return rx.download(data=to_csv(headers, rows), filename=filename)

    def _text(self, key: str) -> str:
        return i18n.translate(self._lang, key)

    async def _refresh(self, who: StaffInfo):
        self._lang = (await self.get_state(LangState)).code
        team = self._team_of(who)
        self.team = str(team) if team is not None and self.is_admin else ""
        known = {cid for cid, _, _ in await asyncio.to_thread(service.concerns, team)}
        concern = inputs.record_id(self.concern) if self.concern else None
        if concern not in known:
            concern, self.concern = None, ""
        first, last = inputs.iso_date(self.first), inputs.iso_date(self.last)
        self.notice = stats.range_problem(first, last, self.period) or ""
        self.headers = [self._text(key) for _, key in COLUMNS]
        if self.notice:
            self.rows, self.total, self.concern_rows, self.bars, self.waits = [], {}, [], [], []
            return
        shown = await asyncio.to_thread(_figures, self.period, first, last, team, concern, self._lang)
        for name, value in shown.items():
            setattr(self, name, value)
