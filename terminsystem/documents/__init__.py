"""What a person keeps of a booking: the confirmation as PDF, the calendar file and the e-mails.

``Confirmation`` is the one input of all of them. It holds the secret tokens, so it is built only
in the backend (``services.confirmations``) and never kept in a state var.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Confirmation:
    booking_code: str  # "K7HA-3MXQ"
    concern_code: str
    starts_at: datetime  # naive office wall-clock time (settings.TIMEZONE)
    ends_at: datetime
    persons: tuple[str, ...]  # "Given Family" of every person, the first one first
    checkin_token: str  # what the check-in QR code holds
    manage_url: str  # the manage link (also shown as a second, small QR code)
    lang: str  # language of the texts ("de", "en"; more languages are coming, incl. ar and fa)
    cancelled: bool = False  # a cancellation mail says so; PDF and .ics are not made for it
    concern_name: str = ""  # office content in ``lang`` (services.content)
    documents: tuple[str, ...] = ()  # what to bring, one document each


@dataclass(frozen=True)
class RequestReceipt:
    """The receipt of an urgent request (PDF and mails): proof of when the office received it.
    Built in the backend (``services.urgent_requests``) from the stored request."""

    number: str  # "D-K7HA-3MXQ"
    received_at: datetime  # naive office wall-clock time
    concern_name: str  # office content in ``lang``
    permit_kind: str  # ``domain.urgent_requests.PERMIT_KINDS``
    permit_expires: date
    name: str  # "Given Family"
    birth_date: date
    description: str
    lang: str
