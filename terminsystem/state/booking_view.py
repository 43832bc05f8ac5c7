"""Turning read models into translated rows for the booking page (plain functions, no state)."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta

from .. import i18n
from ..models import ConcernInfo, DayInfo, TimeInfo
from ..office_data import GROUPS
from ..services.content import ConcernContent


def concern_rows(concerns: list[ConcernInfo], query: str, texts: dict[str, ConcernContent],
                 groups: dict[str, str]) -> list[dict[str, str]]:
    """Group headers and concerns as one flat list (``kind`` = group | item), filtered by query.
    ``texts`` and ``groups``: the office content in the page's language (services.content)."""
    needle = _folded(query)
    rows: list[dict[str, str]] = []
    for group in GROUPS:
        items = []
        for c in (c for c in concerns if c.group_code == group):
            text = texts.get(c.code)
            if text is None:
                continue
            if needle and needle not in _folded(f"{text.name} {text.description} {text.keywords}"):
                continue
            items.append({"kind": "item", "id": str(c.id), "name": text.name, "description": text.description})
        if items:
            rows.append({"kind": "group", "id": f"group-{group}", "name": groups.get(group, group), "description": ""})
            rows.extend(items)
    return rows


def _folded(text: str) -> str:
    """For search: without case and accents in every script ("İltica" ~ "iltica", "Müller" ~
    "muller", Arabic vowel marks ignored), whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").split())


def calendar_cells(lang: str, days: list[DayInfo], selected: str) -> list[dict[str, str]]:
    """Cells of a Monday-first grid of 7 columns: a month header (``state`` = month, spanning the
    row) where a month begins, padding cells (pad), then one cell per day."""
    cells: list[dict[str, str]] = []
    month = None
    for info in days:
        if (info.day.year, info.day.month) != month:
            month = (info.day.year, info.day.month)
            cells.extend(_pad() for _ in range((7 - _row_length(cells)) % 7))
            cells.append(_cell("month", number=i18n.month_year(info.day, lang)))
            cells.extend(_pad() for _ in range(info.day.weekday()))
        iso = info.day.isoformat()
        label = f"{i18n.long_date(info.day, lang)}: {i18n.translate(lang, f'calendar.{info.state}')}"
        cells.append(_cell(info.state, iso=iso, number=str(info.day.day), label=label,
                           selected="yes" if iso == selected else "no"))
    return cells


def _row_length(cells: list[dict[str, str]]) -> int:
    """Day and padding cells since the last month header (headers fill a row of their own)."""
    count = 0
    for cell in reversed(cells):
        if cell["state"] == "month":
            break
        count += 1
    return count % 7


def _cell(state: str, iso: str = "", number: str = "", label: str = "", selected: str = "no") -> dict[str, str]:
    return {"state": state, "iso": iso, "number": number, "label": label, "selected": selected}


def _pad() -> dict[str, str]:
    return _cell("pad")


def weekday_labels(lang: str) -> list[str]:
    monday = date(2024, 1, 1)
    return [i18n.weekday_short(monday + timedelta(days=i), lang) for i in range(7)]


def time_rows(lang: str, times: list[TimeInfo]) -> list[dict[str, str]]:
    return [
        {"iso": t.start.isoformat(), "label": i18n.short_time(t.start, lang)}
        for t in times
    ]


def when_label(lang: str, start_iso: str) -> str:
    if not start_iso:
        return ""
    start = datetime.fromisoformat(start_iso)
    return i18n.translate(lang, "booking.when", day=i18n.long_date(start.date(), lang), time=i18n.short_time(start, lang))
