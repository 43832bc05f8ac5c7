"""The tokens and the ``Confirmation`` of an appointment, made from the database and the server key."""

from __future__ import annotations

from urllib.parse import quote

import sqlalchemy as sa
from sqlmodel import Session, select

from .. import db, routes, settings
from ..documents import Confirmation
from ..domain import codes, status
from ..models import Appointment, AppointmentPerson, Concern
from . import content


def checkin_token(nonce: str) -> str:
    return codes.derived_token(settings.secret_key(), nonce, "checkin")


def manage_token(nonce: str) -> str:
    return codes.derived_token(settings.secret_key(), nonce, "manage")


def manage_url(token: str, lang: str | None = None) -> str:
    """The manage link; with ``lang`` the page opens in the person's language."""
    suffix = f"&lang={quote(lang)}" if lang else ""
    return f"{settings.public_url()}{routes.MANAGE}?t={quote(token)}{suffix}"


def file_url(route: str, token: str) -> str:
    """A download of the confirmation's PDF or calendar file (relative: the page's own origin)."""
    return f"{route}?t={quote(token)}"


def person_names(session: Session, appointment: Appointment) -> tuple[str, ...]:
    others = session.exec(select(AppointmentPerson).where(AppointmentPerson.appointment_id == appointment.id)
                          .order_by(AppointmentPerson.position)).all()
    return tuple(" ".join(p for p in (a.given_names, a.family_name) if p) for a in (appointment, *others))


def build(session: Session, appointment: Appointment) -> Confirmation | None:
    """None for an appointment booked before links existed (it has no nonce)."""
    if appointment.link_nonce is None:
        return None
    concern = session.get(Concern, appointment.concern_id)
    texts = content.concern(appointment.lang, concern.code, engine=session.get_bind())
    return Confirmation(
        booking_code=appointment.booking_code,
        concern_code=concern.code,
        concern_name=texts.name,
        documents=texts.documents,
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        persons=person_names(session, appointment),
        checkin_token=checkin_token(appointment.link_nonce),
        manage_url=manage_url(manage_token(appointment.link_nonce), appointment.lang),
        lang=appointment.lang,
        cancelled=appointment.status == status.CANCELLED,
    )


def for_appointment(appointment_id: int, *, engine: sa.Engine | None = None) -> tuple[Confirmation, str | None] | None:
    """The confirmation of an appointment and the address to mail it to (None: no such appointment)."""
    with db.read_session(engine) as s:
        appointment = s.get(Appointment, appointment_id)
        if appointment is None:
            return None
        confirmation = build(s, appointment)
        return (confirmation, appointment.email) if confirmation else None


def by_manage_token(token: str, *, engine: sa.Engine | None = None) -> int | None:
    """The appointment a manage link belongs to (anything not shaped like a token is unknown)."""
    token = token.strip() if isinstance(token, str) else ""
    if not codes.looks_like_token(token):
        return None
    with db.read_session(engine) as s:
        return s.exec(select(Appointment.id).where(Appointment.manage_token_hash == codes.token_hash(token))).first()
