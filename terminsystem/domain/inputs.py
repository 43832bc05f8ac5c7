"""Values as they arrive from the browser, turned into what the rules expect — or into "nothing".

Event handlers receive JSON from the websocket, and a hand-made request can put any JSON type
(list, object, number, bool, null) where the page sends a string. These helpers never raise:
a value of the wrong shape becomes ``None``/``False``, and the caller answers it like any other
bad input (a field error, "not found"), so no request can crash a handler.
"""

from __future__ import annotations

import unicodedata

# PostgreSQL's INTEGER ends at 2_147_483_647; nine digits always fit, in every database we use,
# so a longer id is refused here instead of raising an overflow inside the query.
MAX_ID_DIGITS = 9
_MAX_ID = 10**MAX_ID_DIGITS - 1
_ASCII_DIGITS = frozenset("0123456789")


def text(value: object) -> str | None:
    """``value`` if it is a string, else None. No stripping: the field's own rule decides that."""
    return value if isinstance(value, str) else None


def record_id(value: object) -> int | None:
    """A database id from the page, or None if it cannot be one.

    Pages send ids as strings; only ASCII digits count, because ``str.isdigit`` also accepts
    ``'²'`` or ``'٣'``, which ``int`` then rejects or reads as another number. A plain int in the
    same range is accepted as well (a number is what a JSON client would naturally send), but not
    a bool, which Python would otherwise treat as 0 or 1.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= _MAX_ID else None
    if isinstance(value, str) and 0 < len(value) <= MAX_ID_DIGITS and set(value) <= _ASCII_DIGITS:
        return int(value)
    return None


def count(value: object, most: int) -> int | None:
    """A number from 1 to ``most`` chosen on the page (how many persons), read like ``record_id``;
    None if it is not one."""
    number = record_id(value)
    return number if number is not None and 1 <= number <= most else None


def lookup_id(value: object) -> int:
    """An id to look up: ``record_id``, or -1 (matches no row) when the value cannot be an id."""
    found = record_id(value)
    return -1 if found is None else found


def field(form: object, name: str) -> object:
    """A field of a submitted form; "" when it is missing or the event did not send a form at all."""
    return form.get(name, "") if isinstance(form, dict) else ""


def checked(value: object) -> bool:
    """Whether a checkbox was ticked: only the bool ``True`` or the ``"on"`` an HTML form sends.

    Consent must be given by the person, so anything else counts as "not ticked": the integer 1
    (which ``1 in (True, ...)`` would let through, as ``1 == True``), ``"1"``, ``"true"``,
    ``"yes"``. Our pages send ``True`` (Reflex reads the box) or ``"on"`` (plain form data).
    """
    return value is True or (isinstance(value, str) and value == "on")


def free_text(value: object, limit: int = 200) -> str:
    """A short note typed by staff (a transfer note, an urgent reason): one line of printable text.
    Control and format characters are dropped (a NUL would even make PostgreSQL refuse the row)."""
    if not isinstance(value, str):
        return ""
    kept = "".join(" " if ch.isspace() else ch for ch in unicodedata.normalize("NFC", value[: limit * 4])
                   if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    return " ".join(kept.split())[:limit]


def name_list(value: object) -> list[str]:
    """Names typed into one field, separated by spaces or commas (e.g. rooms "1.01, 1.02")."""
    return (value if isinstance(value, str) else "").replace(",", " ").split()


def clock_time(value: object):
    """A time of day as an ``<input type=time>`` sends it ("08:30"), else None."""
    from datetime import time

    if not isinstance(value, str) or len(value) != 5 or value[2] != ":" or not set(value[:2] + value[3:]) <= _ASCII_DIGITS:
        return None
    hour, minute = int(value[:2]), int(value[3:])
    return time(hour, minute) if hour < 24 and minute < 60 else None


def iso_date(value: object):
    """A day as an ``<input type=date>`` sends it ("2026-12-24"), else None."""
    from datetime import date

    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def whole_number(value: object, default: int = -1) -> int:
    """A small non-negative whole number typed into a number field, else ``default``."""
    found = record_id(value.strip() if isinstance(value, str) else value)
    return default if found is None or found > 100_000 else found
