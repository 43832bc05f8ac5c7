"""Urgent requests, the person's side: a person whose residence document expires soon and who finds
no appointment sends a request and at once gets a receipt with a request number and the time of
receipt (PDF to download and by e-mail, in their language) - proof that they asked before the
document expired. The team's side (triage, offering a time, answering) is ``urgent_triage``.

Not to be confused with ``services.urgent``: a clerk's same-day entry of a person at the counter.

Importing this module registers the makers of its two mails with the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage

import sqlalchemy as sa
from sqlmodel import Session, select

from .. import db, i18n, live
from ..documents import RequestReceipt
from ..domain import codes
from ..domain import urgent_requests as rules
from ..domain.errors import InvalidInput, TooManyUrgentRequests
from ..domain.schedule import BookingLimits
from ..domain.urgent_requests import UrgentInput
from ..mail import urgent as mails
from ..models import Concern, MailOutbox, UrgentRequest
from . import attempts, audit, content, outbox

MAX_ATTEMPTS = 5
COUNTED = "urgent"  # the attempt kind of a request (rate limits)


def channel(team_id: int) -> str:
    """The live channel of a team's triage list (pushed when a request arrives or is handled)."""
    return f"urgent-{team_id}"


@dataclass(frozen=True)
class Submitted:
    """What the person sees right after sending. ``download_token`` fetches the receipt PDF
    (``receipt_pdf``, the route ``routes.URGENT_RECEIPT_PDF``); only its hash is stored."""

    number: str
    received_at: datetime
    concern_code: str
    permit_kind: str
    permit_expires: date
    email: str
    download_token: str


def submit(data: UrgentInput, *, lang: str, client: str, now: datetime, limits: BookingLimits,
           engine: sa.Engine | None = None) -> Submitted:
    """Store the request (``data`` from ``domain.urgent_requests.validate``) with its receipt mail
    and audit row in one transaction. Raises ``InvalidInput`` for a concern that cannot be booked,
    ``TooManyUrgentRequests`` beyond the limits of ``client`` (its address) or of everybody (then
    nothing is stored or counted)."""
    lang = i18n.normalize(lang)
    token = codes.new_token()
    for _ in range(MAX_ATTEMPTS):
        try:
            with db.write_session(engine) as s:
                concern = s.get(Concern, data.concern_id)
                if concern is None or not concern.active:
                    raise InvalidInput({"concern": "field.required"})
                attempts.count_within(s, COUNTED, client, now=now, per_client_hour=limits.per_client_hour,
                                      all_per_minute=limits.all_per_minute, refused=TooManyUrgentRequests)
                p = data.person
                row = UrgentRequest(
                    number=rules.new_number(), team_id=concern.team_id, concern_id=concern.id,
                    permit_kind=data.permit_kind, permit_expires=data.permit_expires, family_name=p.family_name,
                    given_names=p.given_names, birth_date=p.birth_date, email=p.email, lang=lang,
                    description=data.description or None, received_at=now, receipt_token_hash=codes.token_hash(token),
                )
                s.add(row)
                s.flush()
                outbox.enqueue(s, mails.RECEIPT, now=now, request_id=row.id)
                audit.record(s, "urgent_received", now, team_id=row.team_id, via=audit.ONLINE, note=row.number,
                             entity="urgent_request", entity_id=row.id)
                s.commit()
        except sa.exc.IntegrityError:
            continue  # the drawn number was taken: draw again
        outbox.wake()
        live.changed(channel(row.team_id))
        return Submitted(number=row.number, received_at=now, concern_code=concern.code, permit_kind=row.permit_kind,
                         permit_expires=row.permit_expires, email=row.email or "", download_token=token)
    raise RuntimeError("no free request number")


# --- the receipt ---------------------------------------------------------------------------------

def document(s: Session, row: UrgentRequest) -> RequestReceipt:
    """The receipt of a stored request, in its language."""
    concern = s.get(Concern, row.concern_id)
    name = content.concern(row.lang, concern.code, engine=s.get_bind()).name if concern else ""
    return RequestReceipt(number=row.number, received_at=row.received_at, concern_name=name,
                          permit_kind=row.permit_kind, permit_expires=row.permit_expires,
                          name=" ".join(part for part in (row.given_names, row.family_name) if part),
                          birth_date=row.birth_date, description=row.description or "", lang=row.lang)


def receipt_pdf(token: object, *, engine: sa.Engine | None = None) -> tuple[str, bytes] | None:
    """The receipt PDF (file name, bytes) for the download token of ``submit``; None for anything
    else, and once the request's personal data was deleted. Renders for about a second: call it
    in a thread."""
    from ..documents import pdf

    token = token.strip() if isinstance(token, str) else ""
    if not codes.looks_like_token(token):
        return None
    with db.read_session(engine) as s:
        row = s.exec(select(UrgentRequest).where(UrgentRequest.receipt_token_hash == codes.token_hash(token),
                                                 UrgentRequest.anonymised_at.is_(None))).first()
        if row is None:
            return None
        receipt = document(s, row)
    return mails.receipt_filename(receipt.number), pdf.render_receipt(receipt)


# --- the mails (made by the outbox when it sends them) --------------------------------------------

def _request(row: MailOutbox, engine) -> tuple[UrgentRequest, RequestReceipt] | str:
    with db.read_session(engine) as s:
        request = s.get(UrgentRequest, row.request_id) if row.request_id else None
        if request is None or request.anonymised_at is not None or not request.email:
            return "no request or no e-mail address"
        return request, document(s, request)


def _make_receipt(row: MailOutbox, now: datetime, sender: str, message_id: str, engine) -> EmailMessage | str:
    from ..documents import pdf

    found = _request(row, engine)
    if isinstance(found, str):
        return found
    request, receipt = found
    return mails.message(mails.RECEIPT, receipt, to=request.email, sender=sender, message_id=message_id,
                         pdf=pdf.render_receipt(receipt))


def _make_answer(row: MailOutbox, now: datetime, sender: str, message_id: str, engine) -> EmailMessage | str:
    found = _request(row, engine)
    if isinstance(found, str):
        return found
    request, receipt = found
    if not request.answer:
        return "no answer"
    return mails.message(mails.ANSWER, receipt, to=request.email, sender=sender, message_id=message_id,
                         answer=request.answer)


outbox.register(mails.RECEIPT, _make_receipt)
outbox.register(mails.ANSWER, _make_answer)
