"""The translation layer. Catalogs are gettext .po files (one per language) keyed by message ids
such as ``booking.title``; adding a language means adding a file, not code."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.pofile import read_po

DEFAULT_LANGUAGE = "de"
_DIR = Path(__file__).parent


@lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    """Languages with a catalog, the default first."""
    found = sorted(p.stem for p in _DIR.glob("*.po"))
    return (DEFAULT_LANGUAGE, *[lang for lang in found if lang != DEFAULT_LANGUAGE])


def normalize(lang: str | None) -> str:
    return lang if lang in languages() else DEFAULT_LANGUAGE


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    """All messages of ``lang``; a message missing there falls back to the default language."""
    with open(_DIR / f"{normalize(lang)}.po", "rb") as f:
        messages = {m.id: m.string for m in read_po(f) if m.id and m.string}
    if lang != DEFAULT_LANGUAGE:
        return {**catalog(DEFAULT_LANGUAGE), **messages}
    return messages


def translate(lang: str, key: str, **params) -> str:
    text = catalog(normalize(lang)).get(key, key)
    return text.format(**params) if params else text


def language_name(lang: str) -> str:
    """The language's own name (``Deutsch``, ``English``) for the language switch."""
    return Locale.parse(lang).get_display_name(lang).capitalize()


def long_date(day: date, lang: str) -> str:
    """``Dienstag, 1. Dezember 2026`` / ``Tuesday, 1 December 2026``."""
    return format_date(day, format="full", locale=normalize(lang))


def short_time(moment: datetime, lang: str) -> str:
    return format_time(moment, format="HH:mm", locale=normalize(lang))


def weekday_short(day: date, lang: str) -> str:
    return format_date(day, format="EEE", locale=normalize(lang)).rstrip(".")


def month_year(day: date, lang: str) -> str:
    return format_date(day, format="LLLL y", locale=normalize(lang))
