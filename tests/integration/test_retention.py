"""Deletion of personal data on schedule, on a real database (SQLite and PostgreSQL): after the
sweep no table holds a name, date of birth, e-mail address, note or client address of an old
appointment; the statistics are the same; a second sweep finds nothing; one worker of many acts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from terminsystem import cli, settings
from terminsystem.domain.checkin import CheckinPolicy
from terminsystem.domain.personal import PersonalData
from terminsystem.domain.schedule import BookingPolicy
from terminsystem.models import Appointment, AuditEvent, Concern, MailOutbox, TaskLease
from terminsystem.services import (
    actions,
    auth,
    availability,
    booking,
    checkin,
    manage,
    overview,
    queue,
    retention,
    urgent,
)

from ..helpers import appointment_today, concern_id, letters, monday_after, open_days
from ..race import race

DAYS = 30
ME = 1  # a staff record of the configured office
WIDE = BookingPolicy(min_days_ahead=1, max_days_ahead=60, lead_time=timedelta(0))
OLD_DAY = monday_after(settings.now().date())  # after today: appointment_today's person is old too
BOOKED_AT = datetime.combine(OLD_DAY - timedelta(days=20), time(8))
RECENT_DAY = OLD_DAY + timedelta(weeks=6)
SWEEP = datetime.combine(RECENT_DAY + timedelta(days=16), time(3))  # deletes what ended before RECENT_DAY - 14
OLD_IPS, RECENT_IP = ("203.0.113.71", "198.51.100.72"), "198.51.100.73"


def slot(engine, concern: int, on_or_after: date, n: int = 0) -> datetime:
    """The ``n``-th free start on the first open day from ``on_or_after``."""
    before = datetime.combine(on_or_after - timedelta(days=1), time(0))
    day = open_days(engine, concern, before, WIDE)[0]
    return availability.times(concern_id=concern, day=day, now=before, policy=WIDE, engine=engine)[n].start


def someone(n: int, email: bool = True) -> PersonalData:
    return PersonalData(family_name=f"Ret{letters(8)}".title(), given_names=letters(7).title(),
                        birth_date=date(1950 + n, 1 + n % 12, 3 + n % 25), email=f"{letters(10)}@example.org" if email else None)


def needles(*people: PersonalData, texts: tuple[str, ...] = ()) -> set:
    """What must (or must no longer) be found of these people: names, e-mail, the date of birth as
    a date and as ISO text, and free texts about them."""
    found = set(texts)
    for p in people:
        b = p.birth_date
        found |= {p.family_name, p.given_names, b, b.isoformat()} | ({p.email} if p.email else set())
    return found


def cells(engine):
    """Every value of every column of every table."""
    meta = sa.MetaData()
    meta.reflect(engine)
    with engine.connect() as c:
        for table in meta.sorted_tables:
            for row in c.execute(table.select()):
                for column, value in row._mapping.items():
                    yield table.name, column, value


def found(engine, wanted: set) -> set:
    hits = set()
    for _table, _column, value in cells(engine):
        text = str(value).lower()
        for needle in wanted:
            if (needle.lower() in text) if isinstance(needle, str) else (value == needle):
                hits.add(needle)
    return hits


def dump(engine) -> list:
    return sorted((t, c, str(v)) for t, c, v in cells(engine))


def statistics(engine, teams: list[int]) -> tuple:
    """The facts the statistics are made of: each appointment's times and outcome, the seats, the
    team leads' day figures of the old day and who did what in the audit trail."""
    keep = [c for c in Appointment.__table__.columns
            if c.name not in ("family_name", "given_names", "birth_date", "email", "transfer_note", "urgent_reason",
                              "link_nonce", "manage_token_hash", "anonymised_at")]
    events = [c for c in AuditEvent.__table__.columns if c.name not in ("note", "change")]
    with engine.connect() as c:
        appointments = c.execute(sa.select(*keep).order_by(Appointment.id)).all()
        seats = c.execute(sa.text("SELECT team_id, slot_start, seat, appointment_id FROM slot_claim ORDER BY id")).all()
        trail = c.execute(sa.select(*events).where(AuditEvent.action != "anonymise").order_by(AuditEvent.id)).all()
    figures = [overview.team_today(t, now=datetime.combine(OLD_DAY, time(18)), engine=engine)[0] for t in teams]
    return appointments, seats, figures, trail


def id_of(engine, code: str) -> int:
    with Session(engine) as s:
        return s.exec(select(Appointment.id).where(Appointment.booking_code == code)).one()


def test_after_the_sweep_nothing_personal_of_old_appointments_is_left(office):
    concern = concern_id(office, "duldung")
    with Session(office) as s:
        team = s.get(Concern, concern).team_id
    other = next(t for t, _, _ in queue.teams(engine=office) if t != team)
    room = queue.rooms(engine=office)[0][0]

    # Old: a family with e-mail, checked in, transferred with a note, called and done ...
    a, a2, a3 = someone(1), someone(2, email=False), someone(3, email=False)
    start = slot(office, concern, OLD_DAY)
    receipt = booking.book(concern_id=concern, start=start, person=a, companions=(a2, a3), now=BOOKED_AT, policy=None,
                           per_person=1, reminder_before=timedelta(hours=24), engine=office)
    a_id, at = id_of(office, receipt.booking_code), start - timedelta(minutes=5)
    note = f"Pass bei Frau {letters(9).title()}"
    assert checkin.by_token(receipt.token, now=at, policy=CheckinPolicy(), engine=office).ok
    assert actions.act("transfer", a_id, team_id=team, to_team=other, note=note, now=at, by=ME, engine=office).ok
    for action in ("call", "done"):
        assert actions.act(action, a_id, team_id=other, room_id=room, now=at + timedelta(minutes=9), by=ME,
                           engine=office).ok
    # ... one who cancelled (a cancellation mail still waits), an urgent entry with its reason ...
    b = someone(4)
    receipt = booking.book(concern_id=concern, start=slot(office, concern, OLD_DAY, 1), person=b, now=BOOKED_AT,
                           policy=None, per_person=1, reminder_before=timedelta(hours=24), engine=office)
    b_id = id_of(office, receipt.booking_code)
    manage.cancel(b_id, now=BOOKED_AT + timedelta(days=1), cutoff=timedelta(hours=2), engine=office)
    c, reason = someone(5, email=False), f"Abschiebung morgen, Anwalt {letters(9).title()}"
    assert urgent.create(team_id=team, concern_id=concern, person=c, reason=reason,
                         now=datetime.combine(OLD_DAY, time(10, 40)), by=ME, engine=office).ok
    # ... one put in for today and checked in by a clerk, wrong codes and a failed login.
    d, d2 = someone(6), someone(7, email=False)
    d_id, _, _ = appointment_today(office, "duldung", d, companions=(d2,))
    assert checkin.mark_arrived(d_id, team_id=team, now=settings.now(), by=ME, engine=office).ok
    assert manage.find("ZZZZ-ZZZZ", date(1980, 1, 1), client=OLD_IPS[0], now=BOOKED_AT, per_hour=10,
                       engine=office) is None
    for ip, when in ((OLD_IPS[1], BOOKED_AT), (RECENT_IP, SWEEP - timedelta(days=1))):
        with pytest.raises(auth.LoginRefused):
            auth.login("nobody", "wrong password", client=ip, now=when, policy=settings.auth_policy(), engine=office)

    # Recent: an appointment two weeks before the sweep and one cancelled three days before it.
    r, r2, q = someone(8), someone(9, email=False), someone(10)
    receipt = booking.book(concern_id=concern, start=slot(office, concern, RECENT_DAY), person=r, companions=(r2,),
                           now=RECENT_DAY - timedelta(days=10), policy=None, per_person=1, engine=office)
    receipt = booking.book(concern_id=concern, start=slot(office, concern, SWEEP.date()), person=q,
                           now=RECENT_DAY - timedelta(days=10), policy=None, per_person=1, engine=office)
    q_id = id_of(office, receipt.booking_code)
    manage.cancel(q_id, now=SWEEP - timedelta(days=3), cutoff=timedelta(hours=2), engine=office)

    old = needles(a, a2, a3, b, c, d, d2, texts=(note, reason, *OLD_IPS))
    recent = needles(r, r2, q, texts=(RECENT_IP,))
    assert found(office, old) == old and found(office, recent) == recent  # the search does find them
    before = statistics(office, [team, other])

    report = retention.sweep(now=SWEEP, days=DAYS, engine=office)

    assert report == retention.Report(appointments=4, persons=3, person_claims=3, mails_dropped=3, audit_rows=2,
                                      attempts=1, login_failures=1)
    assert found(office, old) == set()
    assert found(office, recent) == recent
    assert statistics(office, [team, other]) == before
    with Session(office) as s:
        gone = s.get(Appointment, a_id)
        assert (gone.family_name, gone.birth_date, gone.email, gone.anonymised_at) == \
               ("", retention.ANONYMOUS_BIRTH_DATE, None, SWEEP)
        # Nothing is sent for an old appointment any more; the recent one's mail still waits.
        mails = s.exec(select(MailOutbox.appointment_id, MailOutbox.status)).all()
        assert {st for ap, st in mails if ap in (a_id, b_id)} == {"dropped"}
        assert "pending" in {st for ap, st in mails if ap == q_id}
        # The audit trail still says who transferred whom where, without the note.
        moved = s.exec(select(AuditEvent).where(AuditEvent.action == "transfer")).one()
        assert (moved.staff_id, moved.to_team_id, moved.note) == (ME, other, None)
        assert json.loads(moved.change)["after"] == {"team_id": other, "status": "checked_in", "parked_at": None}
        swept = s.exec(select(AuditEvent).where(AuditEvent.action == "anonymise")).one()
        assert (swept.via, swept.staff_id, json.loads(swept.change)) == \
               ("system", None, {"counts": report.counts(), "days": DAYS})
    # The manage page no longer finds it by code and the anonymous date.
    with Session(office) as s:
        code = s.get(Appointment, a_id).booking_code
    assert manage.find(code, retention.ANONYMOUS_BIRTH_DATE, client="192.0.2.1", now=SWEEP, per_hour=10,
                       engine=office) is None

    # A second sweep finds nothing, writes nothing.
    everything = dump(office)
    assert retention.sweep(now=SWEEP, days=DAYS, engine=office) == retention.Report()
    assert retention.sweep(now=SWEEP + timedelta(hours=1), days=DAYS, engine=office) == retention.Report()
    assert dump(office) == everything


def old_appointments(engine, n: int) -> None:
    for i in range(n):
        appointment_today(engine, "duldung", someone(20 + i))


def workers_ask(office, callers: int, now: datetime) -> list:
    """``callers`` workers (each with its own engine) ask at the same instant; a loser gets None,
    not an error."""
    return race(office, lambda engine, _: retention.run_if_due(now=now, interval=timedelta(hours=1), days=DAYS,
                                                               engine=engine), callers)


def test_exactly_one_of_many_workers_sweeps(office):
    old_appointments(office, 2)
    # The very first run: the lease row does not exist yet, every worker tries to create it.
    results = workers_ask(office, 6, SWEEP)
    winners = [r for r in results if r is not None]
    assert len(winners) == 1 and winners[0].appointments == 2
    # Within the interval nobody sweeps; after it, again exactly one (the conditional UPDATE).
    assert workers_ask(office, 6, SWEEP + timedelta(minutes=59)) == [None] * 6
    results = workers_ask(office, 6, SWEEP + timedelta(minutes=61))
    assert [r for r in results if r is not None] == [retention.Report()]
    with Session(office) as s:
        lease = s.get(TaskLease, retention.LEASE)
        assert (lease.until, lease.last_run_at) == (SWEEP + timedelta(minutes=121), SWEEP + timedelta(minutes=61))
        assert len(s.exec(select(AuditEvent).where(AuditEvent.action == "anonymise")).all()) == 1


def test_the_admin_command_deletes_and_prints_the_counts(office, db_url):
    """``cli purge`` in its own process, with the real clock: an appointment ten weeks ago goes."""
    p = someone(30)
    day = monday_after(settings.now().date() - timedelta(weeks=10))
    concern = concern_id(office, "duldung")
    before = datetime.combine(day - timedelta(days=1), time(0))
    start = availability.times(concern_id=concern, day=open_days(office, concern, before, WIDE)[0], now=before,
                               policy=WIDE, engine=office)[0].start
    booking.book(concern_id=concern, start=start, person=p, now=before, policy=None, engine=office)
    env = {**os.environ, "REFLEX_DB_URL": db_url}
    done = subprocess.run([sys.executable, "-m", "terminsystem.cli", "purge", "--days", str(DAYS)], env=env,
                          cwd=cli.ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "appointments" in done.stdout and "     1" in done.stdout.split("appointments")[1].splitlines()[0]
    assert found(office, needles(p)) == set()


def test_urgent_requests_lose_their_personal_data_after_being_handled(office):
    """``TS_RETENTION_DAYS`` after the team handled a request (or after it was received, if nobody
    did): names, date of birth, e-mail, description, answer and the receipt's download go, and its
    mails not sent yet are dropped; the number, times, team and expiry stay."""
    from terminsystem.domain.schedule import BookingLimits
    from terminsystem.domain.urgent_requests import UrgentInput
    from terminsystem.models import Staff, UrgentRequest
    from terminsystem.services import urgent_requests, urgent_triage

    received = datetime(2026, 11, 2, 9)
    sweep_at = received + timedelta(days=DAYS + 3)  # deletes what was handled before received + 3 days
    with Session(office) as s:
        clerk = s.exec(select(Staff.id).where(Staff.username == "h.keller")).one()

    def send(n: int, at: datetime):
        person, note = someone(40 + n), f"Bitte {letters(9)}"
        data = UrgentInput(concern_id=concern_id(office, "duldung"), permit_kind="duldung",
                           permit_expires=at.date() + timedelta(days=20), person=person, description=note)
        sent = urgent_requests.submit(data, lang="de", client=f"192.0.2.{n}", now=at,
                                      limits=BookingLimits(100, 100), engine=office)
        with Session(office) as s:
            rid = s.exec(select(UrgentRequest.id).where(UrgentRequest.number == sent.number)).one()
        return sent, rid, needles(person, texts=(note,))

    never, never_id, never_data = send(1, received)  # never handled: goes after its receipt
    old, old_id, old_data = send(2, received)
    answer = f"Ihr Titel gilt fort, {letters(9)}"
    urgent_triage.answer(old_id, answer, by=clerk, now=received + timedelta(days=1), engine=office)
    recent, recent_id, recent_data = send(3, received)
    urgent_triage.answer(recent_id, f"Bis bald, {letters(9)}", by=clerk, now=received + timedelta(days=5),
                         engine=office)
    late, _, late_data = send(4, received + timedelta(days=10))  # received later, still open
    gone, kept = never_data | old_data | {answer}, recent_data | late_data
    assert found(office, gone) == gone and found(office, kept) == kept

    report = retention.sweep(now=sweep_at, days=DAYS, engine=office)

    assert (report.urgent_requests, report.mails_dropped) == (2, 3)  # two receipts and one answer unsent
    assert found(office, gone) == set() and found(office, kept) == kept
    with Session(office) as s:
        for rid in (never_id, old_id):
            r = s.get(UrgentRequest, rid)
            assert (r.family_name, r.email, r.description, r.answer, r.receipt_token_hash, r.anonymised_at) == \
                ("", None, None, None, None, sweep_at)
            assert r.number and r.permit_expires and r.received_at == received
        assert {m.status for m in s.exec(select(MailOutbox).where(MailOutbox.request_id.in_([never_id, old_id])))} \
            == {"dropped"}
        assert s.exec(select(MailOutbox.status).where(MailOutbox.request_id == recent_id)).all() == \
            ["pending", "pending"]
    assert urgent_requests.receipt_pdf(old.download_token, engine=office) is None
    # A second sweep finds nothing of them.
    assert retention.sweep(now=sweep_at, days=DAYS, engine=office).urgent_requests == 0
