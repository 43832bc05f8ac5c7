"""Attempts at something rate-limited per client (a wrong enrolment code, a wrong booking code +
date of birth, a booking): counted in the caller's transaction, forgotten after a day."""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, delete, select

from ..models import Attempt

KEEP = timedelta(days=1)
EVERYBODY = "*"  # the key under which a limit of everybody together counts


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


def count_within(s: Session, kind: str, client: str, *, now: datetime, per_client_hour: int, all_per_minute: int,
                 refused: type[Exception]) -> None:
    """The limit of an action of the public pages (a booking, a waitlist join, an urgent request):
    raise ``refused`` when ``client`` did ``kind`` ``per_client_hour`` times in the last hour or
    everybody together ``all_per_minute`` times in the last minute; else count this one — in the
    caller's transaction, so it is rolled back with the action if that fails. Serialised, so
    parallel requests cannot all slip under the limit."""
    serialize(s, kind)
    if (too_many(s, kind, client, now=now, window=timedelta(hours=1), limit=per_client_hour)
            or too_many(s, kind, EVERYBODY, now=now, window=timedelta(minutes=1), limit=all_per_minute)):
        raise refused()
    record(s, kind, client, now=now)
    record(s, kind, EVERYBODY, now=now)
