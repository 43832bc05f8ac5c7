"""Statistics on a real database (SQLite and PostgreSQL): the SQL aggregates must equal a plain
recount of the raw rows, for generated data; and they must not change when personal data goes."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

import holidays
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from terminsystem import office_data
from terminsystem.domain.schedule import BookingPolicy
from terminsystem.models import Appointment, Concern, SlotClaim, Team
from terminsystem.services import retention, statistics

BASE = date(2026, 3, 2)  # a Monday; the generated days run over five weeks and into April
NOW = datetime(2026, 3, 20, 12, 0)  # days before the 20th are over
_NUMBERS = itertools.count(1)  # unique booking codes and token hashes
STATUSES = ("booked", "cancelled", "checked_in", "called", "done", "no_show")


def _offices(engine) -> dict[int, list[int]]:
    with Session(engine) as s:
        return {t: list(s.exec(select(Concern.id).where(Concern.team_id == t)).all())
                for t in s.exec(select(Team.id).order_by(Team.id)).all()}


@st.composite
def appointment_facts(draw, teams: dict[int, list[int]]):
    team = draw(st.sampled_from(sorted(teams)))
    start = datetime.combine(BASE + timedelta(days=draw(st.integers(0, 40))), time(8)) + timedelta(
        minutes=30 * draw(st.integers(0, 19)))
    state = draw(st.sampled_from(STATUSES))
    facts = dict(team_id=team, concern_id=draw(st.sampled_from(teams[team])), starts_at=start, status=state,
                 urgent=draw(st.booleans()) and state != "cancelled", seats=draw(st.integers(0, 2)))
    if state not in ("booked", "cancelled"):
        arrived = start + timedelta(seconds=draw(st.integers(-1800, 1800)))
        facts.update(checked_in_at=arrived, checkin_via=draw(st.sampled_from(("qr", "birth_date", "staff", None))))
        if state in ("called", "done", "no_show"):
            facts["first_called_at"] = arrived + timedelta(seconds=draw(st.integers(0, 5400)))
            facts["called_at"] = facts["first_called_at"] + timedelta(seconds=draw(st.sampled_from((0, 0, 120, 900))))
            if state != "called":
                facts["finished_at"] = facts["called_at"] + timedelta(seconds=draw(st.integers(0, 3600)))
    return facts


def insert(engine, rows: list[dict]) -> None:
    """Raw rows, as the services would have left them (no services: fast, and any mix of facts)."""
    with Session(engine) as s:
        for facts in rows:
            n = next(_NUMBERS)
            facts = dict(facts)
            seats = facts.pop("seats", 0)
            a = Appointment(ends_at=facts["starts_at"] + timedelta(minutes=30), family_name="Muster",
                            birth_date=date(1970, 1, 1), booking_code=f"T{n:08d}", token_hash=f"{n:064d}",
                            created_at=facts["starts_at"] - timedelta(days=3), **facts)
            s.add(a)
            s.flush()
            for seat in range(seats if facts["status"] != "cancelled" else 0):
                s.add(SlotClaim(team_id=a.team_id, slot_start=a.starts_at, seat=n * 10 + seat + 1, appointment_id=a.id))
        s.commit()


def clear(engine) -> None:
    with Session(engine) as s:
        s.execute(sa.delete(SlotClaim))
        s.execute(sa.delete(Appointment))
        s.commit()


# ---- the recount: plain Python over the raw rows, written from the definitions, not from the SQL ----

def period_start(day: date, period: str) -> date:
    if period == "week":
        return date.fromisocalendar(*day.isocalendar()[:2], 1)
    return day.replace(day=1) if period == "month" else day


def nearest_rank(values: list[int], percent: int) -> int | None:
    """The smallest value with at least ``percent`` % of the values at or below it."""
    values = sorted(values)
    for r, v in enumerate(values, start=1):
        if 100 * r >= percent * len(values):
            return v
    return None


def recount(rows: list[dict], seconds_of, now: datetime) -> dict:
    ahead = [r for r in rows if not r["urgent"]]
    arrived = [r for r in rows if r.get("checked_in_at")]
    no_show = [r for r in ahead if r["status"] == "no_show" or (
        not r.get("checked_in_at") and r["status"] != "cancelled" and r["starts_at"].date() < now.date())]
    waits = [seconds_of(r["checked_in_at"], r["first_called_at"]) for r in arrived if r.get("first_called_at")
             and r["first_called_at"] >= r["checked_in_at"]]
    services = [seconds_of(r["called_at"], r["finished_at"]) for r in rows if r["status"] == "done"
                and r.get("called_at") and r.get("finished_at")]
    return dict(
        booked=sum(r["status"] != "cancelled" for r in ahead), cancelled=sum(r["status"] == "cancelled" for r in rows),
        checked_in=len(arrived), checked_in_qr=sum(r.get("checkin_via") == "qr" for r in arrived),
        checked_in_birth_date=sum(r.get("checkin_via") == "birth_date" for r in arrived),
        checked_in_staff=sum(r.get("checkin_via") == "staff" for r in arrived),
        came=sum(r["status"] not in ("no_show", "cancelled") for r in ahead if r.get("checked_in_at")),
        no_show=len(no_show), urgent=sum(r["urgent"] for r in rows),
        waits=len(waits), wait_median_s=nearest_rank(waits, 50), wait_p90_s=nearest_rank(waits, 90),
        services=len(services), service_median_s=nearest_rank(services, 50), service_p90_s=nearest_rank(services, 90),
        seats_used=sum(r["seats"] for r in rows if r["status"] != "cancelled"),
    )


def offered(day: date, teams: int) -> int:
    """The shipped hours: 2 clerks in 30-minute slots, per team; closed on holidays and annual closures."""
    hours = {0: 5, 1: 5, 2: 10, 3: 5, 4: 4}
    if day.weekday() not in hours or day in holidays.country_holidays("DE", subdiv="BW", years=day.year) or (
            (day.month, day.day) in office_data.ANNUAL_CLOSURES):
        return 0
    return hours[day.weekday()] * 2 * 2 * teams


def as_dict(f) -> dict:
    keys = ("booked", "cancelled", "checked_in", "checked_in_qr", "checked_in_birth_date", "checked_in_staff", "came",
            "no_show", "urgent", "waits", "wait_median_s", "wait_p90_s", "services", "service_median_s",
            "service_p90_s", "seats_used")
    return {k: getattr(f, k) for k in keys}


def whole_seconds(a: datetime, b: datetime) -> int:
    return round((b - a).total_seconds())


@pytest.fixture
def teams(office):
    return _offices(office)


def test_figures_equal_a_recount_of_the_raw_rows(office, teams):
    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                     HealthCheck.too_slow])
    # Ranges mostly cover most of the generated days, so that each example has figures to compare.
    @given(rows=st.lists(appointment_facts(teams), min_size=30, max_size=80),
           period=st.sampled_from(("day", "week", "month")), first=st.integers(0, 12), length=st.integers(6, 45),
           team=st.sampled_from([None, None, *sorted(teams)]), by_concern=st.integers(0, 4).map(lambda n: n == 0))
    def check(rows, period, first, length, team, by_concern):
        clear(office)
        insert(office, rows)
        lo, hi = BASE + timedelta(days=first), BASE + timedelta(days=first + length)
        concern = None
        if by_concern and rows:
            concern = rows[0]["concern_id"]
        result = statistics.report(period=period, first=lo, last=hi, now=NOW, team_id=team, concern_id=concern,
                                   engine=office)
        chosen = [r for r in rows if lo <= r["starts_at"].date() <= hi and (team is None or r["team_id"] == team)
                  and (concern is None or r["concern_id"] == concern)]
        starts = sorted({period_start(lo + timedelta(days=d), period) for d in range((hi - lo).days + 1)})
        assert [f.start for f in result.rows] == starts
        scope = 1 if team is not None or concern is not None else len(teams)
        for f in result.rows:
            in_bucket = [r for r in chosen if period_start(r["starts_at"].date(), period) == f.start]
            assert as_dict(f) == recount(in_bucket, whole_seconds, NOW), f.start
            days = [lo + timedelta(days=d) for d in range((hi - lo).days + 1)]
            assert f.seats_offered == sum(offered(d, scope) for d in days if period_start(d, period) == f.start)
        assert as_dict(result.total) == recount(chosen, whole_seconds, NOW)
        assert result.total.seats_offered == sum(f.seats_offered for f in result.rows)
        assert {f.concern_id for f in result.concerns} == {r["concern_id"] for r in chosen}
        for f in result.concerns:
            assert as_dict(f) == recount([r for r in chosen if r["concern_id"] == f.concern_id], whole_seconds, NOW)

    check()


def test_edge_cases_empty_range_no_calls_and_a_single_value(office, teams):
    team = sorted(teams)[0]
    concern = teams[team][0]
    empty = statistics.report(period="day", first=BASE, last=BASE - timedelta(days=1), now=NOW, engine=office)
    assert empty.rows == [] and empty.concerns == [] and empty.total.booked == 0 and empty.total.seats_offered == 0
    start = datetime.combine(BASE, time(9))
    insert(office, [dict(team_id=team, concern_id=concern, starts_at=start, status="booked", urgent=False, seats=1)])
    quiet = statistics.report(period="week", first=BASE, last=BASE, now=NOW, engine=office)
    (row,) = quiet.rows
    assert (row.booked, row.no_show, row.no_show_rate, row.waits, row.wait_median_s, row.service_p90_s) == (
        1, 1, 1.0, 0, None, None)
    assert (row.seats_used, row.seats_offered) == (1, 40) and row.utilisation == 1 / 40
    clear(office)
    arrived = start - timedelta(minutes=3)
    insert(office, [dict(team_id=team, concern_id=concern, starts_at=start, status="done", urgent=False, seats=1,
                         checked_in_at=arrived, checkin_via="qr", called_at=arrived + timedelta(minutes=7),
                         first_called_at=arrived + timedelta(minutes=7),
                         finished_at=arrived + timedelta(minutes=27))])
    one = statistics.report(period="month", first=BASE, last=BASE + timedelta(days=6), now=NOW, engine=office).total
    assert (one.wait_median_s, one.wait_p90_s, one.service_median_s, one.service_p90_s) == (420, 420, 1200, 1200)
    assert (one.checked_in_qr, one.came, one.no_show, one.no_show_rate) == (1, 1, 0, 0.0)
    # Today's and tomorrow's appointments not yet checked in are open, not no-shows.
    insert(office, [dict(team_id=team, concern_id=concern, starts_at=datetime.combine(NOW.date(), time(14)),
                         status="booked", urgent=False, seats=1)])
    assert statistics.report(period="day", first=NOW.date(), last=NOW.date(), now=NOW, engine=office).total.no_show == 0


def test_figures_do_not_change_when_personal_data_is_deleted(office, teams):
    rows = [dict(team_id=t, concern_id=teams[t][i % len(teams[t])], status=s, urgent=False, seats=1,
                 starts_at=datetime.combine(BASE + timedelta(days=i), time(10)),
                 **({"checked_in_at": datetime.combine(BASE + timedelta(days=i), time(9, 50)), "checkin_via": "qr",
                     "called_at": datetime.combine(BASE + timedelta(days=i), time(10, 5)),
                     "first_called_at": datetime.combine(BASE + timedelta(days=i), time(10, 5)),
                     "finished_at": datetime.combine(BASE + timedelta(days=i), time(10, 25))} if s == "done" else {}))
            for i, (t, s) in enumerate((t, s) for t in sorted(teams) for s in ("done", "booked", "cancelled", "done"))]
    insert(office, rows)
    before = statistics.report(period="week", first=BASE, last=BASE + timedelta(days=30), now=NOW, engine=office)
    # The deletion of personal data runs (everything generated is more than a day over by then).
    assert retention.sweep(now=datetime(2026, 6, 1), days=1, engine=office).appointments == len(rows)
    assert statistics.report(period="week", first=BASE, last=BASE + timedelta(days=30), now=NOW,
                             engine=office) == before
    assert before.total.booked == len(teams) * 3 and before.total.cancelled == len(teams)


def test_booked_out_is_the_first_day_with_a_free_time(office, teams):
    team = sorted(teams)[0]
    concern = teams[team][0]
    policy = BookingPolicy(min_days_ahead=1, max_days_ahead=14)
    now = datetime(2026, 3, 2, 8, 0)  # Monday: Tuesday 3 March is the first bookable day
    free = {b.concern_id: b for b in statistics.booked_out(now=now, policy=policy, engine=office)}
    assert free[concern].first_free == date(2026, 3, 3) and free[concern].days_ahead == 1
    assert set(free) == {c for cs in teams.values() for c in cs}
    # Every seat of the team on Tuesday and Wednesday taken: the first free day is Thursday.
    claims = []
    for day, hours in ((date(2026, 3, 3), 5), (date(2026, 3, 4), 10)):
        for slot in range(hours * 2):
            claims += [datetime.combine(day, time(8)) + timedelta(minutes=30 * slot)] * 2
    insert(office, [dict(team_id=team, concern_id=concern, starts_at=datetime.combine(date(2026, 3, 3), time(8)),
                         status="booked", urgent=False, seats=0)])
    with Session(office) as s:
        aid = s.exec(select(Appointment.id)).first()
        s.add_all(SlotClaim(team_id=team, slot_start=at, seat=1 + n % 2, appointment_id=aid)
                  for n, at in enumerate(claims))
        s.commit()
    mine = statistics.booked_out(now=now, policy=policy, team_id=team, engine=office)
    assert {b.team_id for b in mine} == {team}
    assert {b.first_free for b in mine} == {date(2026, 3, 5)} and {b.days_ahead for b in mine} == {3}
    other = statistics.booked_out(now=now, policy=policy, engine=office)
    assert {b.first_free for b in other if b.team_id != team} == {date(2026, 3, 3)}


def test_bench_runs_on_a_few_days(db_url):
    from bench import statistics as bench

    figures = bench.run("smoke", db_url, days=3, runs=1)
    assert figures["appointments"] > 3 * 40 * 0.5
    assert all(v >= 0 for v in figures.values())


def test_the_waiting_time_ends_at_the_first_call_not_at_a_recall(office):
    """A clerk calls, nobody comes, the clerk calls again: the person waited until the first call."""
    from terminsystem import settings as app_settings
    from terminsystem.domain.checkin import CheckinPolicy
    from terminsystem.services import actions, checkin, queue

    from ..helpers import PERSON, appointment_today, team_id

    appointment, token, _ = appointment_today(office, "duldung", PERSON)
    now = app_settings.now()
    assert checkin.by_token(token, now=now, policy=CheckinPolicy(), engine=office).ok
    team, room = team_id(office, "humanitaer"), queue.rooms(engine=office)[0][0]
    actions.act("call", appointment, team_id=team, room_id=room, now=now + timedelta(minutes=4), engine=office)
    actions.act("recall", appointment, team_id=team, room_id=room, now=now + timedelta(minutes=9), engine=office)
    with Session(office) as s:
        a = s.get(Appointment, appointment)
    assert a.checkin_via == "qr"
    assert (a.first_called_at, a.called_at) == (now + timedelta(minutes=4), now + timedelta(minutes=9))
