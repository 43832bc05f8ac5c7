"""The office's statistics: figures per day, week or month and per concern, and how far ahead
each concern is booked out. Definitions are in ``domain.statistics``; here they become SQL
aggregates (GROUP BY, window functions for the percentiles) that run alike on SQLite and PostgreSQL.
Only facts that name nobody are read, so the figures survive the deletion of the personal data."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import Session, select

from .. import db
from ..domain import schedule, statistics, status
from ..domain.schedule import BookingPolicy
from ..domain.statistics import BookedOut, Figures
from ..models import CHECKIN_BIRTH_DATE, CHECKIN_QR, CHECKIN_STAFF, Appointment, Concern, SlotClaim, Team
from . import availability
from . import schedule as sched

A = Appointment
TOTAL = "total"  # the group key of the row over the whole range (no GROUP BY: PostgreSQL refuses a constant)


@dataclass(frozen=True)
class Report:
    rows: list[Figures]  # one per period of the range, in order, empty periods included
    concerns: list[Figures]  # one per concern with appointments in the range
    total: Figures


def bucket(dialect: str, period: str, column) -> sa.ColumnElement[str]:
    """The first day of the period a timestamp lies in, as text 'YYYY-MM-DD' (weeks start on Monday)."""
    if period not in statistics.PERIODS:
        raise ValueError(f"unknown period {period!r}")
    if dialect == "sqlite":
        modifiers = {statistics.DAY: (), statistics.WEEK: ("weekday 0", "-6 days"),
                     statistics.MONTH: ("start of month",)}[period]
        return sa.func.date(column, *modifiers)
    return sa.func.to_char(sa.func.date_trunc(period, column), "YYYY-MM-DD")


def seconds_between(dialect: str, earlier, later) -> sa.ColumnElement[int]:
    """Whole seconds from ``earlier`` to ``later``."""
    if dialect == "sqlite":
        diff = (sa.func.julianday(later) - sa.func.julianday(earlier)) * 86400
    else:
        diff = sa.func.extract("epoch", later - earlier)
    return sa.cast(sa.func.round(diff), sa.Integer)


def _count(condition) -> sa.ColumnElement[int]:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def _counts(today: datetime) -> dict[str, sa.ColumnElement[int]]:
    ahead = sa.not_(A.urgent)
    arrived = A.checked_in_at.is_not(None)
    no_show = sa.and_(ahead, sa.or_(
        A.status == status.NO_SHOW,
        sa.and_(A.checked_in_at.is_(None), A.status != status.CANCELLED, A.starts_at < today)))
    return {
        "booked": _count(sa.and_(ahead, A.status != status.CANCELLED)),
        "cancelled": _count(A.status == status.CANCELLED),
        "checked_in": _count(arrived),
        "checked_in_qr": _count(sa.and_(arrived, A.checkin_via == CHECKIN_QR)),
        "checked_in_birth_date": _count(sa.and_(arrived, A.checkin_via == CHECKIN_BIRTH_DATE)),
        "checked_in_staff": _count(sa.and_(arrived, A.checkin_via == CHECKIN_STAFF)),
        "came": _count(sa.and_(ahead, arrived, A.status.not_in((status.NO_SHOW, status.CANCELLED)))),
        "no_show": _count(no_show),
        "urgent": _count(A.urgent),
    }


def _percentiles(s: Session, key, filters: list, start, end, condition) -> dict[str, tuple[int, int, int]]:
    """Per group key: (how many, median, p90) of the seconds from ``start`` to ``end``, nearest
    rank: the row whose rank r satisfies (r-1)/n < p <= r/n, found with integer arithmetic only."""
    seconds = seconds_between(s.get_bind().dialect.name, start, end)
    ranked = (select(_key(key).label("k"), seconds.label("s"),
                     sa.func.row_number().over(partition_by=key, order_by=seconds).label("r"),
                     sa.func.count().over(partition_by=key).label("n"))
              .where(*filters, condition).subquery())
    r, n, v = ranked.c.r, ranked.c.n, ranked.c.s

    def at(num: int, den: int):
        return sa.func.max(sa.case((sa.and_(r * den >= n * num, (r - 1) * den < n * num), v)))

    rows = s.exec(select(ranked.c.k, sa.func.max(n), at(*statistics.MEDIAN), at(*statistics.P90))
                  .group_by(ranked.c.k)).all()
    return {str(k): (count, median, p90) for k, count, median, p90 in rows}


def _key(key):
    return sa.literal_column(f"'{TOTAL}'") if key is None else key


def _grouped(query, key):
    return query if key is None else query.group_by(key)


def _figures(s: Session, key, claim_key, filters: list, claim_filters: list, today: datetime) -> dict[str, dict]:
    """Every figure but the seats offered, per group key (None: one group, ``TOTAL``), in four
    aggregate queries."""
    counts = _counts(today)
    result: dict[str, dict] = {}
    for k, *values in s.exec(_grouped(select(_key(key), *counts.values()).where(*filters), key)).all():
        result[str(k)] = dict(zip(counts, (int(v) for v in values), strict=True))
    waits = _percentiles(s, key, filters, A.checked_in_at, A.first_called_at,
                         sa.and_(A.checked_in_at.is_not(None), A.first_called_at.is_not(None),
                                 A.first_called_at >= A.checked_in_at))
    services = _percentiles(s, key, filters, A.called_at, A.finished_at,
                            sa.and_(A.status == status.DONE, A.called_at.is_not(None),
                                    A.finished_at.is_not(None), A.finished_at >= A.called_at))
    for k, (n, median, p90) in waits.items():
        result.setdefault(k, {}).update(waits=n, wait_median_s=median, wait_p90_s=p90)
    for k, (n, median, p90) in services.items():
        result.setdefault(k, {}).update(services=n, service_median_s=median, service_p90_s=p90)
    used = s.exec(_grouped(select(_key(claim_key), sa.func.count()).select_from(SlotClaim)
                           .join(A, A.id == SlotClaim.appointment_id).where(*claim_filters), claim_key)).all()
    for k, n in used:
        result.setdefault(str(k), {})["seats_used"] = int(n)
    return result


def _offered(s: Session, team_ids: list[int], first: date, last: date, period: str) -> dict[date, int]:
    """Seats offered per period: today's opening hours on every open day (one loop over days)."""
    offered: dict[date, int] = {}
    for team in team_ids:
        windows, blocked = sched.windows(s, team), sched.blocked_days(s, team, first, last)
        day = first
        while day <= last:
            start = statistics.bucket_start(day, period)
            offered[start] = offered.get(start, 0) + schedule.day_capacity(day, windows, blocked)
            day += timedelta(days=1)
    return offered


def _teams_in_scope(s: Session, team_id: int | None, concern_id: int | None) -> list[int]:
    if team_id is not None:
        return [team_id]
    if concern_id is not None:
        concern = s.get(Concern, concern_id)
        return [concern.team_id] if concern else []
    return list(s.exec(select(Team.id).order_by(Team.id)).all())


def report(*, period: str, first: date, last: date, now: datetime, team_id: int | None = None,
           concern_id: int | None = None, engine: sa.Engine | None = None) -> Report:
    """The figures of the appointments from ``first`` to ``last`` (inclusive) per ``period``
    ('day' | 'week' | 'month'), per concern and in total, of one team or concern or all of them.
    ``now`` decides which days are over (a booked appointment never checked in is a no-show only then)."""
    if period not in statistics.PERIODS:
        raise ValueError(f"unknown period {period!r}")
    lo, hi = datetime.combine(first, time()), datetime.combine(last + timedelta(days=1), time())
    today = datetime.combine(now.date(), time())
    filters = [A.starts_at >= lo, A.starts_at < hi]
    # Seats in their cooldown after a cancellation are nobody's booking.
    claim_filters = [SlotClaim.slot_start >= lo, SlotClaim.slot_start < hi, SlotClaim.held_until.is_(None)]
    # A transferred appointment counts for the team it went to; its seats for the team that offered them.
    for column, claim_column, value in ((A.team_id, SlotClaim.team_id, team_id),
                                        (A.concern_id, A.concern_id, concern_id)):
        if value is not None:
            filters.append(column == value)
            claim_filters.append(claim_column == value)
    starts = statistics.buckets(first, last, period) if first <= last else []
    with db.read_session(engine) as s:
        dialect = s.get_bind().dialect.name
        by_period = _figures(s, bucket(dialect, period, A.starts_at), bucket(dialect, period, SlotClaim.slot_start),
                             filters, claim_filters, today)
        by_concern = _figures(s, A.concern_id, A.concern_id, filters, claim_filters, today)
        total = _figures(s, None, None, filters, claim_filters, today)
        offered = _offered(s, _teams_in_scope(s, team_id, concern_id), first, last, period) if starts else {}
    rows = [Figures(start=start, seats_offered=offered.get(start, 0), **by_period.get(start.isoformat(), {}))
            for start in starts]
    concerns = [Figures(concern_id=int(k), **v) for k, v in sorted(by_concern.items(), key=lambda kv: int(kv[0]))]
    overall = Figures(**total.get(TOTAL, {}))
    return Report(rows=rows, concerns=concerns, total=replace(overall, seats_offered=sum(offered.values())))


def concerns(team_id: int | None = None, *, engine: sa.Engine | None = None) -> list[tuple[int, str, int]]:
    """Every concern (id, code, team) of ``team_id`` or of all teams, ended ones included: their
    past figures still count."""
    with db.read_session(engine) as s:
        query = select(Concern.id, Concern.code, Concern.team_id)
        if team_id is not None:
            query = query.where(Concern.team_id == team_id)
        return list(s.exec(query.order_by(Concern.team_id, Concern.sort_order, Concern.id)).all())


def booked_out(*, now: datetime, policy: BookingPolicy, team_id: int | None = None,
               engine: sa.Engine | None = None) -> list[BookedOut]:
    """For every active concern (of ``team_id``, or all): the first day people can still book, as
    the booking page offers it, and how many days ahead of today that is; None when the whole
    booking horizon is full — the figure an overloaded office is judged by."""
    with db.read_session(engine) as s:
        query = select(Concern.id, Concern.code, Concern.team_id).where(Concern.active)
        if team_id is not None:
            query = query.where(Concern.team_id == team_id)
        concerns = s.exec(query.order_by(Concern.team_id, Concern.sort_order, Concern.id)).all()
    result = []
    for cid, code, team in concerns:
        days = availability.days(concern_id=cid, now=now, policy=policy, engine=engine)
        first_free = next((d.day for d in days if d.state == "available"), None)
        result.append(BookedOut(cid, code, team, first_free, statistics.days_ahead(now.date(), first_free)))
    return result
