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
