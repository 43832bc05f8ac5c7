"""Turning a waitlist entry's read model into translated labels (plain functions, no state)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from babel.dates import format_date

from .. import i18n
from ..models import WaitlistView

MONDAY = date(2024, 1, 1)
WORKDAYS = range(5)  # the form offers Monday … Friday (the office receives on workdays)


def weekday_name(weekday: int, lang: str) -> str:
    """``Montag`` / ``الاثنين`` for 0 … 6, from babel like the calendar's short names."""
    return format_date(MONDAY + timedelta(days=weekday), format="EEEE", locale=i18n.normalize(lang))


def weekday_options(lang: str) -> list[dict[str, str]]:
    return [{"value": str(d), "label": weekday_name(d, lang)} for d in WORKDAYS]


def weekdays_label(weekdays: tuple[int, ...] | list[int], lang: str) -> str:
    return ", ".join(weekday_name(d, lang) for d in weekdays)


def window_label(earliest: date, latest: date, lang: str) -> str:
    return i18n.translate(lang, "mail.waitlist.window", earliest=i18n.long_date(earliest, lang),
                          latest=i18n.long_date(latest, lang))


def at_label(moment: datetime, lang: str) -> str:
    """``Montag, 30. November 2026, 09:00 Uhr``."""
    return i18n.translate(lang, "booking.when", day=i18n.long_date(moment.date(), lang),
                          time=i18n.short_time(moment, lang))


def form_date(day: date) -> str:
    """How the form shows a date to start from (the format the hint names)."""
    return day.strftime("%d.%m.%Y")


def labels(view: WaitlistView | None, lang: str) -> dict[str, str]:
    """What the waitlist page shows of an entry, in ``lang``; empty strings where nothing applies."""
    if view is None:
        return {}
    offer = view.offer
    return {
        "window": window_label(view.earliest, view.latest, lang),
        "weekdays": weekdays_label(view.weekdays, lang),
        "position": str(view.position) if view.position else "",
        "until": i18n.long_date((view.expires_at - timedelta(microseconds=1)).date(), lang),
        "offer_when": at_label(offer.starts_at, lang) if offer else "",
        "offer_until": at_label(offer.expires_at, lang) if offer else "",
        "persons": persons_label(view.persons, lang),
    }


def persons_label(persons: int, lang: str) -> str:
    """"For 3 persons" for a family's entry; "" for one person."""
    return i18n.translate(lang, "manage.persons", n=persons) if persons > 1 else ""
