"""Capacity holds under real concurrency: many clients book the last seat at the same instant.

Each client is a separate thread or process with its own database connection to the same SQLite
file; a barrier releases them together. Exactly one may win; everyone else must be told "taken".
"""

from __future__ import annotations

import multiprocessing as mp
import time as clock
from datetime import datetime

import pytest
import sqlalchemy as sa
from sqlmodel import Session, func, select

from terminsystem import db
from terminsystem.domain.errors import SlotTaken
from terminsystem.domain.schedule import BookingPolicy
from terminsystem.models import Appointment, SlotClaim
from terminsystem.services import booking

from ..helpers import PERSON, concern_id
from ..race import race

CLIENTS = 20
NOW = datetime(2026, 11, 27, 10, 0)
SLOT = datetime(2026, 11, 30, 9, 0)  # Monday 09:00, 2 seats


def attempt(engine, cid: int) -> str:
    try:
        booking.book(concern_id=cid, start=SLOT, person=PERSON, now=NOW, policy=BookingPolicy(), engine=engine)
        return "booked"
    except SlotTaken:
        return "taken"


def fill_first_seat(engine, cid: int) -> None:
    assert attempt(engine, cid) == "booked"


def seats_held(engine) -> int:
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(SlotClaim).where(SlotClaim.slot_start == SLOT)).one()


def test_20_threads_race_for_the_last_seat(office, report):
    cid = concern_id(office, "blaue_karte")
    fill_first_seat(office, cid)
    started = clock.perf_counter()
    outcomes = race(office, lambda engine, _: attempt(engine, cid), CLIENTS)  # own pool, own connection each
    elapsed = clock.perf_counter() - started
    report(f"[{office.dialect.name}] 20 threads: {outcomes.count('booked')} booked, {outcomes.count('taken')} taken in {elapsed * 1000:.0f} ms")
    assert outcomes.count("booked") == 1
    assert outcomes.count("taken") == CLIENTS - 1
    assert seats_held(office) == 2
    with Session(office) as s:
        assert s.exec(select(func.count()).select_from(Appointment)).one() == 2


def _process_client(url: str, cid: int, barrier, results) -> None:
    engine = db.make_engine(url)
    barrier.wait()
    started = clock.perf_counter()
    outcome = attempt(engine, cid)
    results.put((outcome, clock.perf_counter() - started))
    engine.dispose()


def test_20_processes_race_for_the_last_seat(office, report):
    cid = concern_id(office, "fachkraft")
    fill_first_seat(office, cid)
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(CLIENTS), ctx.Queue()
    procs = [ctx.Process(target=_process_client, args=(office.url.render_as_string(hide_password=False), cid, barrier, results)) for _ in range(CLIENTS)]
    for p in procs:
        p.start()
    reports = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    outcomes = [outcome for outcome, _ in reports]
    slowest = max(seconds for _, seconds in reports)
    report(f"[{office.dialect.name}] 20 processes: {outcomes.count('booked')} booked, {outcomes.count('taken')} taken; slowest answer {slowest * 1000:.0f} ms after the barrier")
    assert outcomes.count("booked") == 1
    assert outcomes.count("taken") == CLIENTS - 1
    assert seats_held(office) == 2


def test_the_database_itself_refuses_a_second_claim_on_a_seat(office):
    """The guarantee does not rest on the service's count: the unique key rejects a double seat."""
    cid = concern_id(office, "duldung")
    fill_first_seat(office, cid)
    with Session(office) as s:
        held = s.exec(select(SlotClaim).where(SlotClaim.slot_start == SLOT)).one()
        s.add(SlotClaim(team_id=held.team_id, slot_start=SLOT, seat=held.seat, appointment_id=held.appointment_id))
        with pytest.raises(sa.exc.IntegrityError):
            s.commit()
