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
# The order of the language switch; a language is offered when its catalog is there.
ORDER = ("de", "en", "ar", "fa", "tr", "uk", "ru", "fr")
_DIR = Path(__file__).parent


@lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    """Languages with a catalog, the default first, then in the office's order."""
    found = {p.stem for p in _DIR.glob("*.po")}
    rank = {lang: i for i, lang in enumerate(ORDER)}
    return (DEFAULT_LANGUAGE, *sorted(found - {DEFAULT_LANGUAGE}, key=lambda lang: (rank.get(lang, 99), lang)))


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


def needs_review(lang: str) -> int:
    """How many messages of ``lang`` still carry the ``needs-review`` flag (machine-assisted
    translations not yet checked by a sworn translator; the office removes the flag)."""
    with open(_DIR / f"{normalize(lang)}.po", "rb") as f:
        return sum(1 for m in read_po(f) if m.id and "needs-review" in m.flags)


def translate(lang: str, key: str, **params) -> str:
    text = catalog(normalize(lang)).get(key, key)
    return text.format(**params) if params else text


def language_name(lang: str) -> str:
    """The language's own name in its own script (``Deutsch``, ``العربية``) for the language switch."""
    name = Locale.parse(lang).get_display_name(lang)
    return name[:1].upper() + name[1:]


def direction(lang: str) -> str:
    """'rtl' for Arabic, Persian and other right-to-left languages, else 'ltr'."""
    return "rtl" if Locale.parse(normalize(lang)).text_direction == "rtl" else "ltr"


def from_accept_language(header: str) -> str | None:
    """The best of our languages for an Accept-Language header (``fa-IR,fa;q=0.9,en;q=0.5``)."""
    wanted = []
    for part in (header or "").split(",")[:20]:
        tag, _, params = part.strip().partition(";")
        try:
            q = float(params.strip()[2:]) if params.strip().startswith("q=") else 1.0
        except ValueError:
            continue
        wanted.append((q, tag.strip().lower().split("-")[0]))
    for _q, lang in sorted(wanted, key=lambda w: -w[0]):
        if lang in languages():
            return lang
    return None


def long_date(day: date, lang: str) -> str:
    """``Dienstag, 1. Dezember 2026`` / ``Tuesday, 1 December 2026``."""
    return format_date(day, format="full", locale=normalize(lang))


def short_time(moment: datetime, lang: str) -> str:
    return format_time(moment, format="HH:mm", locale=normalize(lang))


def weekday_short(day: date, lang: str) -> str:
    return format_date(day, format="EEE", locale=normalize(lang)).rstrip(".")


def month_year(day: date, lang: str) -> str:
    return format_date(day, format="LLLL y", locale=normalize(lang))
