"""How long do the statistics take on a year of data? (Issue 11: a month answers in well under a second.)

Generates a year of appointments into a fresh SQLite database (and a fresh PostgreSQL database when
``--postgres URL`` is given): both teams' seats filled to ``--fill`` (≈ 40 appointments a day in the
office, 80 on Wednesdays), with cancellations, no-shows, urgent entries, check-in channels and
waiting and service times. Then times the month query (per day, one team and all), the year per week
and ``booked_out`` — the median of ``--runs`` runs each — and prints them with the machine.

Usage: python -m bench.statistics [--days 365] [--runs 7] [--postgres postgresql+psycopg://…/postgres]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics as pystats
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, select

from terminsystem import cli, db
from terminsystem.domain import schedule, status
from terminsystem.domain.schedule import BookingPolicy
from terminsystem.models import CHECKIN_VIA, Appointment, Concern, SlotClaim, Team
from terminsystem.services import schedule as sched
from terminsystem.services import setup, statistics

NOW = datetime(2026, 11, 27, 7, 30)  # a Friday morning: the year before it is history, the weeks after it booked


def _appointment(i: int, team: int, concern: int, start: datetime, minutes: int, **facts) -> dict:
    return {**dict(id=i, team_id=team, concern_id=concern, starts_at=start, ends_at=start + timedelta(minutes=minutes),
                   family_name="Bench", given_names="", birth_date=date(1980, 1, 1), booking_code=f"B{i:08d}",
                   token_hash=f"{i:064d}", created_at=start - timedelta(days=14), call_count=0, version=0,
                   lang="de", persons=1, priority=False, urgent=False), **facts}


def _outcome(rng: random.Random, a: dict, now: datetime) -> None:
    """What became of a booked appointment: most came, some never did, a few were called in vain."""
    start = a["starts_at"]
    if start.date() >= now.date():
        return
    roll = rng.random()
    if roll < 0.10:
        return  # never came: stays booked, a no-show once the day is over
    arrived = start - timedelta(seconds=rng.randint(0, 1200))
    called = max(arrived, start) + timedelta(seconds=int(rng.expovariate(1 / 600)))
    a.update(status=status.DONE, checked_in_at=arrived, called_at=called, first_called_at=called, call_count=1,
             checkin_via=rng.choices(CHECKIN_VIA, weights=(55, 30, 15))[0])
    if roll < 0.13:
        a.update(status=status.NO_SHOW, finished_at=called + timedelta(minutes=5), call_count=3)
    else:
        a.update(finished_at=called + timedelta(seconds=int(rng.gauss(1200, 300)) % 3600 + 60))


def generate(engine: sa.Engine, first: date, last: date, *, now: datetime = NOW, fill: float = 0.95,
             seed: int = 11) -> int:
    """Fill the seats of every team from ``first`` to ``last`` (inclusive); the number of appointments."""
    rng = random.Random(seed)
    with Session(engine) as s:
        teams = s.exec(select(Team.id).order_by(Team.id)).all()
        plan = {t: (sched.windows(s, t), sched.blocked_days(s, t, first, last),
                    s.exec(select(Concern.id).where(Concern.team_id == t, Concern.duration_minutes <= 30)).all())
                for t in teams}
    appointments, claims, i = [], [], 0
    day = first
    while day <= last:
        for team, (windows, blocked, concerns) in plan.items():
            if schedule.is_closed(day, windows, blocked):
                continue
            for window in (w for w in windows if w.weekday == day.weekday()):
                for start in window.slot_starts(day):
                    for seat in range(1, window.parallel + 1):
                        i += 1
                        if rng.random() > fill:  # a free seat, or a cancelled booking that freed it
                            appointments.append(_appointment(i, team, rng.choice(concerns), start, 30,
                                                             status=status.CANCELLED,
                                                             cancelled_at=start - timedelta(days=2)))
                            continue
                        a = _appointment(i, team, rng.choice(concerns), start, 30, status=status.BOOKED)
                        _outcome(rng, a, now)
                        appointments.append(a)
                        claims.append(dict(team_id=team, slot_start=start, seat=seat, appointment_id=i))
            if day < now.date():
                for _ in range(rng.choice((0, 0, 1, 2))):  # urgent entries of the day, outside the seats
                    i += 1
                    entered = datetime.combine(day, clock(9)) + timedelta(minutes=rng.randint(0, 180))
                    called = entered + timedelta(minutes=rng.randint(1, 30))
                    appointments.append(_appointment(
                        i, team, rng.choice(concerns), entered, 30, status=status.DONE, urgent=True,
                        checked_in_at=entered, checkin_via="staff", called_at=called, first_called_at=called,
                        call_count=1,
                        finished_at=called + timedelta(minutes=rng.randint(5, 40))))
        day += timedelta(days=1)
    with Session(engine) as s:
        for chunk in range(0, len(appointments), 2000):
            s.execute(sa.insert(Appointment.__table__), [_complete(a) for a in appointments[chunk:chunk + 2000]])
        for chunk in range(0, len(claims), 5000):
            s.execute(sa.insert(SlotClaim.__table__), claims[chunk:chunk + 5000])
        if engine.dialect.name == "postgresql":  # ids were given: move the sequence past them
            s.execute(sa.text("SELECT setval('appointment_id_seq', (SELECT max(id) FROM appointment))"))
        s.commit()
    return len(appointments)


_OPTIONAL = ("cancelled_at", "checked_in_at", "called_at", "first_called_at", "finished_at", "checkin_via")


def _complete(a: dict) -> dict:
    """Bulk inserts need every row to name the same columns."""
    return {**{k: None for k in _OPTIONAL}, **a}


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return pystats.median(times)


def measure(engine: sa.Engine, *, days: int, runs: int, now: datetime = NOW) -> dict[str, float]:
    """Generate ``days`` of history (and the 6 weeks after ``now``) and time the queries (ms)."""
    setup.configure_office(engine=engine)
    first, last = now.date() - timedelta(days=days), now.date() + timedelta(days=42)
    count = generate(engine, first, last, now=now)
    with Session(engine) as s:
        team = s.exec(select(Team.id).order_by(Team.id)).first()
    month_first = (now.date().replace(day=1) - timedelta(days=1)).replace(day=1)  # the last whole month
    month_last = now.date().replace(day=1) - timedelta(days=1)
    policy = BookingPolicy()

    def month(team_id=None):
        return statistics.report(period="day", first=month_first, last=month_last, now=now, team_id=team_id,
                                 engine=engine)

    def year():
        return statistics.report(period="week", first=now.date() - timedelta(days=min(days, 365)),
                                 last=now.date(), now=now, engine=engine)

    month()  # warm up (connection, caches)
    return {
        "appointments": count,
        "month per day, one team (ms)": median_ms(lambda: month(team), runs),
        "month per day, all teams (ms)": median_ms(month, runs),
        "year per week, all teams (ms)": median_ms(year, runs),
        "booked_out, all concerns (ms)": median_ms(lambda: statistics.booked_out(now=now, policy=policy,
                                                                                 engine=engine), runs),
    }


def machine() -> str:
    return (f"{platform.node()} · {platform.platform()} · {os.cpu_count()} CPUs · Python {platform.python_version()}"
            f" · SQLite {sqlite3.sqlite_version}")


def _postgres(url: str):
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    return admin, name, url.rsplit("/", 1)[0] + "/" + name


def run(label: str, url: str, days: int, runs: int) -> dict[str, float]:
    cli.migrate(url)
    engine = db.make_engine(url)
    try:
        figures = measure(engine, days=days, runs=runs)
        if engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                label += " " + conn.exec_driver_sql("SHOW server_version").scalar().split()[0]
    finally:
        engine.dispose()
    print(f"\n{label}")
    for key, value in figures.items():
        print(f"  {key:34} {value:10.1f}" if isinstance(value, float) else f"  {key:34} {value:10d}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--postgres", default=os.environ.get("TS_BENCH_POSTGRES_URL"))
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}", args.days, args.runs)
    if args.postgres:
        admin, name, url = _postgres(args.postgres)
        try:
            run("PostgreSQL", url, args.days, args.runs)
        finally:
            db.engine_for.cache_clear()
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
            admin.dispose()


if __name__ == "__main__":
    main()
