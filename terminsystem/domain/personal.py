"""Validation of the personal data a person enters when booking. Only what the office needs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from .errors import InvalidInput

MAX_NAME = 80
MAX_EMAIL = 254
MAX_AGE_YEARS = 120
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_DATE_DE = re.compile(r"^\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
# Letters of any script plus the separators names use: space, hyphen, apostrophes, dot.
_NAME_EXTRA = set(" -'’.")


@dataclass(frozen=True)
class PersonalData:
    family_name: str
    given_names: str
    birth_date: date
    email: str | None


def parse_birth_date(text: str) -> date | None:
    """``17.05.1990`` (German), ``17.5.1990`` or ``1990-05-17``; None if not a real date."""
    if m := _DATE_DE.match(text or ""):
        d, mo, y = (int(g) for g in m.groups())
    elif m := _DATE_ISO.match(text or ""):
        y, mo, d = (int(g) for g in m.groups())
    else:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _clean_name(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def _name_error(name: str, required: bool) -> str | None:
    if not name:
        return "field.required" if required else None
    if len(name) > MAX_NAME:
        return "field.name_too_long"
    if not any(ch.isalpha() for ch in name) or any(
        not (ch.isalpha() or ch in _NAME_EXTRA or unicodedata.category(ch) == "Mn") for ch in name
    ):
        return "field.name_invalid"
    return None


def _birth_date_error(text: str, today: date) -> tuple[date | None, str | None]:
    if not (text or "").strip():
        return None, "field.required"
    born = parse_birth_date(text)
    if born is None:
        return None, "field.birth_date_invalid"
    if born >= today:
        return None, "field.birth_date_future"
    if today.year - born.year > MAX_AGE_YEARS:
        return None, "field.birth_date_implausible"
    return born, None


def validate_personal_data(
    *, family_name: str, given_names: str, birth_date: str, email: str, consent: bool, today: date
) -> PersonalData:
    """Check every field at once; raise ``InvalidInput`` with one message key per bad field."""
    family, given = _clean_name(family_name), _clean_name(given_names)
    mail = (email or "").strip()
    errors: dict[str, str] = {}
    if err := _name_error(family, required=True):
        errors["family_name"] = err
    if err := _name_error(given, required=False):
        errors["given_names"] = err
    born, err = _birth_date_error(birth_date, today)
    if err:
        errors["birth_date"] = err
    if mail and (len(mail) > MAX_EMAIL or not _EMAIL.match(mail)):
        errors["email"] = "field.email_invalid"
    if not consent:
        errors["consent"] = "field.consent_required"
    if errors:
        raise InvalidInput(errors)
    assert born is not None
    return PersonalData(family_name=family, given_names=given, birth_date=born, email=mail or None)
