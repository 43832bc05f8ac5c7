"""Validation of the personal data a person enters when booking. Only what the office needs.

Every field comes from the browser and may be any JSON type; a wrong type is that field's error
like any other bad input, never an exception.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from email_validator import EmailNotValidError, validate_email

from . import inputs
from .errors import InvalidInput

MAX_NAME = 80
MAX_EMAIL = 254
MAX_AGE_YEARS = 120
# Arabic harakat (shadda + vowel) and Vietnamese or Hebrew stacks need two or three marks on one
# letter; more only serves to smear "Zalgo" text over the clerk's list.
MAX_MARKS = 3
# Longer input is refused before it is examined character by character.
_MAX_RAW_NAME = 10 * MAX_NAME
_DATE_DE = re.compile(r"^\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
# Letters of any script plus the separators names use: space, hyphen, apostrophes, dot.
_NAME_EXTRA = frozenset(" -'’.")
# A pasted name may carry tabs or line breaks; they become spaces. Other control characters
# have no business in a name and are refused rather than silently dropped.
_PASTED_BREAKS = frozenset("\t\n\r")
# Persian (and other Arabic-script and Indic spellings) write a zero width non-joiner inside
# names: "نیک<ZWNJ>نام" is another spelling than "نیکنام". It is kept only between letters of
# scripts whose letters join (or, in Indic scripts, form conjuncts); elsewhere, e.g. in
# "Anna<ZWNJ>Maria", it changes nothing visible and would only make two equal-looking names differ.
_ZWNJ = "\u200c"
_ZWNJ_SCRIPTS = frozenset({
    "ARABIC", "SYRIAC", "NKO", "MONGOLIAN", "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI",
    "ORIYA", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA",
})
# Look-alike forms of ordinary letters: full-width "Ｍüｌｌｅｒ", mathematical "𝐌üller", Arabic
# presentation forms. They are folded to the letters they show, so the office stores one spelling.
_FOLDED_FORMS = ("<wide>", "<narrow>", "<font>", "<initial>", "<medial>", "<final>", "<isolated>")
# Invisible characters that are not in category Cf (Unicode's Default_Ignorable_Code_Point):
# Hangul fillers are "letters" that show nothing, and the grapheme joiner and variation selectors
# are "marks" that show nothing.
_INVISIBLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)
# A name needs at least one real letter: tatweel (U+0640) and modifier letters are category Lm,
# which ``str.isalpha`` counts, but a name made only of them shows nothing readable.
_BASE_LETTERS = frozenset({"Lu", "Ll", "Lt", "Lo"})
# Only marks that sit on a letter; enclosing marks (Me) draw circles and keycaps, not names.
_MARKS = frozenset({"Mn", "Mc"})


@dataclass(frozen=True)
class PersonalData:
    family_name: str
    given_names: str
    birth_date: date
    email: str | None


def parse_birth_date(text: object) -> date | None:
    """``17.05.1990`` (German), ``17.5.1990`` or ``1990-05-17``; None if not a real date."""
    text = inputs.text(text) or ""
    if m := _DATE_DE.match(text):
        d, mo, y = (int(g) for g in m.groups())
    elif m := _DATE_ISO.match(text):
        y, mo, d = (int(g) for g in m.groups())
    else:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _fold(ch: str) -> str:
    if unicodedata.decomposition(ch).startswith(_FOLDED_FORMS):
        return unicodedata.normalize("NFKC", ch)
    return ch


def _is_invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf" or ch in _INVISIBLE


def _joins(ch: str, marks_too: bool) -> bool:
    """A letter (or, with ``marks_too``, a mark such as a haraka or virama) of a ZWNJ script."""
    kinds = ("L", "M") if marks_too else ("L",)
    return unicodedata.category(ch)[0] in kinds and unicodedata.name(ch, "").split(" ")[0] in _ZWNJ_SCRIPTS


def _drop_invisible(text: str) -> str:
    kept = [ch for ch in text if ch == _ZWNJ or not _is_invisible(ch)]
    return "".join(
        ch for i, ch in enumerate(kept)
        if ch != _ZWNJ or (0 < i < len(kept) - 1 and _joins(kept[i - 1], True) and _joins(kept[i + 1], False))
    )


def _clean_name(value: object) -> tuple[str, str | None]:
    """The name as it will be stored, or the error that stops it from being cleaned."""
    raw = inputs.text(value)
    if raw is None:
        return "", "field.name_invalid"
    if len(raw) > _MAX_RAW_NAME:
        return "", "field.name_too_long"
    if any(unicodedata.category(ch) == "Cc" and ch not in _PASTED_BREAKS for ch in raw):
        return "", "field.name_invalid"
    # Folding comes before NFC because a folded half-width kana voicing mark must compose.
    name = unicodedata.normalize("NFC", _drop_invisible("".join(map(_fold, raw))))
    return " ".join(name.split()), None


def _name_error(name: str, required: bool) -> str | None:
    if not name:
        return "field.required" if required else None
    if len(name) > MAX_NAME:
        return "field.name_too_long"
    if not any(unicodedata.category(ch) in _BASE_LETTERS for ch in name):
        return "field.name_invalid"
    marks, on_letter = 0, False
    for ch in name:
        category = unicodedata.category(ch)
        if category in _MARKS:
            marks += 1
            if not on_letter or marks > MAX_MARKS:
                return "field.name_invalid"
        elif category[0] == "L" or ch in _NAME_EXTRA or ch == _ZWNJ:
            marks, on_letter = 0, category[0] == "L"
        else:
            return "field.name_invalid"
    return None


def _birth_date_error(value: object, today: date) -> tuple[date | None, str | None]:
    text = inputs.text(value)
    if text is None:
        return None, "field.birth_date_invalid"
    if not text.strip():
        return None, "field.required"
    born = parse_birth_date(text)
    if born is None:
        return None, "field.birth_date_invalid"
    if born >= today:
        return None, "field.birth_date_future"
    if today.year - born.year > MAX_AGE_YEARS:
        return None, "field.birth_date_implausible"
    return born, None


def _email(value: object) -> tuple[str | None, str | None]:
    """The address in the library's normalized form (domain in lower case, NFC), or an error.

    ``allow_smtputf8=False``: the part before the @ must be ASCII, so a confirmation can go
    through any mail relay and a full-width "ａ@…" cannot pass for "a@…". Internationalised
    domains (``ali@münchen.de``) stay valid; they travel as punycode. ``strict=True`` adds the
    64-character limit of the part before the @, which mail servers enforce.
    """
    text = inputs.text(value)
    if text is None:
        return None, "field.email_invalid"
    text = text.strip()
    if not text:
        return None, None
    if len(text) > MAX_EMAIL:
        return None, "field.email_invalid"
    try:
        address = validate_email(text, check_deliverability=False, allow_smtputf8=False, strict=True).normalized
    except EmailNotValidError:
        return None, "field.email_invalid"
    return (address, None) if len(address) <= MAX_EMAIL else (None, "field.email_invalid")


def validate_personal_data(
    *, family_name: object, given_names: object, birth_date: object, email: object, consent: object,
    today: date,
) -> PersonalData:
    """Check every field at once; raise ``InvalidInput`` with one message key per bad field.

    Fields are taken as the browser sent them: a field of the wrong type gets that field's error.
    Consent counts only as ``inputs.checked`` understands it (``True`` or ``"on"``).
    """
    errors: dict[str, str] = {}
    family, err = _clean_name(family_name)
    if err := err or _name_error(family, required=True):
        errors["family_name"] = err
    given, err = _clean_name(given_names)
    if err := err or _name_error(given, required=False):
        errors["given_names"] = err
    born, err = _birth_date_error(birth_date, today)
    if err:
        errors["birth_date"] = err
    mail, err = _email(email)
    if err:
        errors["email"] = err
    if not inputs.checked(consent):
        errors["consent"] = "field.consent_required"
    if errors:
        raise InvalidInput(errors)
    assert born is not None
    return PersonalData(family_name=family, given_names=given, birth_date=born, email=mail)


def person_key_text(family_name: str, birth_date: date) -> str:
    """What makes two bookings "the same person": the family name without case, accents, spaces and
    punctuation ("Müller-Lüdenscheidt" = "muller ludenscheidt") plus the date of birth. The service
    stores only a keyed hash of it."""
    folded = unicodedata.normalize("NFKD", family_name.casefold())
    letters = "".join(ch for ch in folded if unicodedata.category(ch)[0] == "L")
    return f"{letters}|{birth_date.isoformat()}"


def validate_companion(*, family_name: object, given_names: object, birth_date: object, today: date,
                       position: int) -> tuple[PersonalData | None, dict[str, str]]:
    """A further person of a family appointment: the same rules as the first person's name and
    date of birth. Errors are keyed ``<field>_<position>`` (``family_name_2``)."""
    errors: dict[str, str] = {}
    family, err = _clean_name(family_name)
    if err := err or _name_error(family, required=True):
        errors[f"family_name_{position}"] = err
    given, err = _clean_name(given_names)
    if err := err or _name_error(given, required=False):
        errors[f"given_names_{position}"] = err
    born, err = _birth_date_error(birth_date, today)
    if err:
        errors[f"birth_date_{position}"] = err
    if errors:
        return None, errors
    return PersonalData(family_name=family, given_names=given, birth_date=born, email=None), {}


def validate_companions(form: Mapping, persons: int, today: date) -> tuple[tuple[PersonalData, ...], dict[str, str]]:
    """The further persons 2 … ``persons`` of a family from a form's fields (``family_name_2``,
    ``given_names_2``, ``birth_date_2``, …): the persons, or the errors of all of them at once."""
    found, errors = [], {}
    for position in range(2, persons + 1):
        other, problems = validate_companion(
            family_name=form.get(f"family_name_{position}", ""), given_names=form.get(f"given_names_{position}", ""),
            birth_date=form.get(f"birth_date_{position}", ""), today=today, position=position)
        errors.update(problems)
        found.append(other)
    return (() if errors else tuple(found)), errors
