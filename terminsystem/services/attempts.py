"""Failed attempts at something rate-limited per client (a wrong enrolment code, a wrong booking
code + date of birth): counted in the caller's transaction, forgotten after a day."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, delete, select

from ..models import Attempt

KEEP = timedelta(days=1)


def too_many(s: Session, kind: str, client: str, *, now: datetime, window: timedelta, limit: int) -> bool:
    failures = s.exec(select(sa.func.count()).select_from(Attempt).where(
        Attempt.kind == kind, Attempt.key == client[:80], Attempt.at > now - window)).one()
    return failures >= limit


def failed(s: Session, kind: str, client: str, *, now: datetime) -> None:
    s.exec(delete(Attempt).where(Attempt.at < now - KEEP))
    s.add(Attempt(kind=kind, key=client[:80], at=now))
