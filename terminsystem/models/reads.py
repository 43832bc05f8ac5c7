"""Read models: plain data that states may hold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class ConcernInfo:
    id: int
    code: str
    group_code: str
    duration_minutes: int


@dataclass(frozen=True)
class DayInfo:
    day: date
    state: str  # "available" | "full" | "closed"
    free: int


@dataclass(frozen=True)
class TimeInfo:
    start: datetime
    end: datetime
    free: int


@dataclass(frozen=True)
class BookingReceipt:
    """What the person sees after booking. The token is shown only as the QR code; the manage token
    only as the manage link and in the download links (none of them personal data)."""

    booking_code: str
    token: str
    concern_code: str
    starts_at: datetime
    ends_at: datetime
    manage_token: str = ""
    persons: int = 1


@dataclass(frozen=True)
class WaitlistOffering:
    """The open offer of a waitlist entry: the time held for the person, until ``expires_at``."""

    starts_at: datetime
    ends_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class WaitlistView:
    """A waitlist entry as its own personal link shows it: no names, no date of birth, no e-mail,
    nothing of anybody else. ``position``: 1 = next in line (None once the entry ended);
    ``offer``: the time held for the person now; ``booking_code``/``manage_token``: the appointment
    an accepted offer became (for the manage link)."""

    concern_id: int
    concern_code: str
    earliest: date
    latest: date
    weekdays: tuple[int, ...]  # 0 = Monday
    status: str  # waiting | offered | booked | left | expired
    position: int | None
    joined_at: datetime
    expires_at: datetime
    lang: str
    offer: WaitlistOffering | None = None
    booking_code: str = ""
    manage_token: str = ""
    persons: int = 1  # a family waits together


@dataclass(frozen=True)
class WaitlistReceipt:
    """After joining: the personal link's token (also sent by mail) and the entry as it shows."""

    token: str
    view: WaitlistView
