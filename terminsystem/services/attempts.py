"""Attempts at something rate-limited per client (a wrong enrolment code, a wrong booking code +
date of birth, a booking): counted in the caller's transaction, forgotten after a day."""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, delete, select

from ..models import Attempt

KEEP = timedelta(days=1)


def serialize(s: Session, kind: str) -> None:
    """Make counting and recording ``kind`` exact under concurrency: on PostgreSQL one transaction
    at a time (a transaction-scoped advisory lock); SQLite's writers are serial anyway."""
    if s.get_bind().dialect.name == "postgresql":
        s.exec(sa.select(sa.func.pg_advisory_xact_lock(zlib.crc32(kind.encode()))))


def too_many(s: Session, kind: str, client: str, *, now: datetime, window: timedelta, limit: int) -> bool:
    failures = s.exec(select(sa.func.count()).select_from(Attempt).where(
        Attempt.kind == kind, Attempt.key == client[:80], Attempt.at > now - window)).one()
    return failures >= limit


def record(s: Session, kind: str, client: str, *, now: datetime) -> None:
    s.exec(delete(Attempt).where(Attempt.at < now - KEEP))
    s.add(Attempt(kind=kind, key=client[:80], at=now))


failed = record  # a failure is what most limits count
