"""Urgent requests: a person whose residence document expires soon and who finds no appointment
asks the office for one. The rules of what may be asked and how urgent it is; plain Python.

Not to be confused with ``services.urgent`` (a clerk's same-day entry of a person at the counter).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from . import codes, inputs, personal
from .errors import InvalidInput

# The document whose expiry makes the request urgent (shown translated: ``urgent.kind.<kind>``).
PERMIT_KINDS = ("residence_title", "fiktion", "duldung", "gestattung", "other")
# open: waits for the team; offered: an appointment was booked for the person; answered: the team
# replied with a message (a time may still be offered later); closed: dropped by the team (no mail).
OPEN, OFFERED, ANSWERED, CLOSED = "open", "offered", "answered", "closed"
STATUSES = (OPEN, OFFERED, ANSWERED, CLOSED)
OFFERABLE = (OPEN, ANSWERED)  # a time is offered at most once, also after an answer
DESCRIPTION_MAX = 300
ANSWER_MAX = 2000
# How the days left are highlighted on the triage list.
EXPIRED, CRITICAL, SOON, LATER = "expired", "critical", "soon", "later"
CRITICAL_DAYS, SOON_DAYS = 7, 21
NUMBER_PREFIX = "D"  # "dringend": a request number never looks like a booking code


@dataclass(frozen=True)
class UrgentPolicy:
    """Who may ask: the document expires within ``weeks`` weeks from today, or expired at most
    ``past_days`` days ago (they still get a receipt with the true time; whether it helps them is
    for the office to judge)."""

    weeks: int = 6
    past_days: int = 14

    def earliest(self, today: date) -> date:
        return today - timedelta(days=self.past_days)

    def latest(self, today: date) -> date:
        return today + timedelta(weeks=self.weeks)


@dataclass(frozen=True)
class UrgentInput:
    """A validated request as the person entered it (the concern is checked by the service)."""

    concern_id: int
    permit_kind: str
    permit_expires: date
    person: personal.PersonalData  # with the e-mail address (required here)
    description: str


def days_left(expires: date, today: date) -> int:
    """Days until the document expires (0: today, negative: expired)."""
    return (expires - today).days


def urgency(days: int) -> str:
    """How the triage list highlights ``days`` left."""
    if days < 0:
        return EXPIRED
    if days <= CRITICAL_DAYS:
        return CRITICAL
    return SOON if days <= SOON_DAYS else LATER


def expiry_error(expires: date | None, today: date, policy: UrgentPolicy) -> str | None:
    if expires is None:
        return "field.date_invalid"
    if expires > policy.latest(today):
        return "field.expiry_too_far"
    if expires < policy.earliest(today):
        return "field.expiry_too_old"
    return None


def validate(*, concern_id: object, permit_kind: object, permit_expires: object, family_name: object,
             given_names: object, birth_date: object, email: object, description: object, consent: object,
             today: date, policy: UrgentPolicy) -> UrgentInput:
    """Every field at once, as the browser sent it; raises ``InvalidInput`` with one message key
    per bad field. Names, date of birth, e-mail and consent follow the booking's rules; the e-mail
    address is required (the receipt and the answer go there). ``permit_expires``: ISO date as an
    ``<input type=date>`` sends it, or German ``31.12.2026``."""
    errors: dict[str, str] = {}
    try:
        person = personal.validate_personal_data(family_name=family_name, given_names=given_names,
                                                 birth_date=birth_date, email=email, consent=consent, today=today)
    except InvalidInput as e:
        errors.update(e.fields)
        person = None
    if "email" not in errors and not (inputs.text(email) or "").strip():
        errors["email"] = "field.required"
    concern = inputs.record_id(concern_id)
    if concern is None:
        errors["concern"] = "field.required"
    kind = permit_kind if isinstance(permit_kind, str) and permit_kind in PERMIT_KINDS else None
    if kind is None:
        errors["permit_kind"] = "field.required"
    raw = inputs.text(permit_expires) or ""
    expires = inputs.iso_date(raw.strip()) or personal.parse_birth_date(raw)
    if not raw.strip():
        errors["permit_expires"] = "field.required"
    elif err := expiry_error(expires, today, policy):
        errors["permit_expires"] = err
    if errors:
        raise InvalidInput(errors)
    assert person is not None and concern is not None and kind is not None and expires is not None
    return UrgentInput(concern_id=concern, permit_kind=kind, permit_expires=expires, person=person,
                       description=inputs.free_text(description, DESCRIPTION_MAX))


def new_number() -> str:
    """A request number people can read out: ``D-K7HA-3MXQ`` (the booking code's alphabet)."""
    return f"{NUMBER_PREFIX}-{codes.new_booking_code()}"


def normalize_number(text: object) -> str:
    """The number as issued, however it was typed (``d k7ha3mxq``, without the prefix); "" if it
    cannot be one."""
    raw = codes.normalize_booking_code(text[:100] if isinstance(text, str) else text).replace("-", "")
    if len(raw) == codes.CODE_LENGTH + 1 and raw.startswith(NUMBER_PREFIX):
        raw = raw[1:]
    return f"{NUMBER_PREFIX}-{codes.normalize_booking_code(raw)}" if len(raw) == codes.CODE_LENGTH else ""


def answer_text(value: object) -> str:
    """The team's message as typed: lines of printable text (line breaks kept, at most 20 lines
    and ``ANSWER_MAX`` characters), "" when nothing is left."""
    if not isinstance(value, str):
        return ""
    lines = [inputs.free_text(line, ANSWER_MAX) for line in value[: ANSWER_MAX * 2].splitlines()[:40]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    kept: list[str] = []
    for line in lines:  # at most one empty line in a row
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept[:20])[:ANSWER_MAX].strip()
