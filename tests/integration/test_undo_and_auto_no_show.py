"""Undo of a clerk's own last action and the automatic no-show after the third call, on a real
database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from terminsystem.domain import status
from terminsystem.domain.checkin import CheckinPolicy
from terminsystem.domain.personal import PersonalData
from terminsystem.models import Appointment, AuditEvent
from terminsystem.services import actions, booking, checkin, queue, undo

from ..helpers import concern_id, team_id

DAY = date(2026, 11, 30)  # Monday
NOW = datetime.combine(DAY, time(9, 5))
WINDOW = timedelta(seconds=60)
ME, COLLEAGUE = 1, 2  # staff records of the configured office


def waiting_person(engine, n: int, at: time = time(9)) -> int:
    person = PersonalData(family_name=f"Undo{chr(65 + n)}", given_names="Uwe", birth_date=date(1970, 2, 1 + n), email=None)
    receipt = booking.book(concern_id=concern_id(engine, "duldung"), start=datetime.combine(DAY, at), person=person,
                           now=datetime(2026, 11, 1), policy=None, engine=engine)
    checkin.by_token(receipt.token, now=NOW, policy=CheckinPolicy(), engine=engine)
    with Session(engine) as s:
        return s.exec(select(Appointment.id).where(Appointment.family_name == person.family_name)).one()


def load(engine, appointment_id: int) -> Appointment:
    with Session(engine) as s:
        return s.get(Appointment, appointment_id)


def test_undo_a_call_puts_the_person_back_into_the_queue(office):
    team, room = team_id(office, "humanitaer"), queue.rooms(engine=office)[0][0]
    person = waiting_person(office, 0)
    before = load(office, person)
    number = actions.call_next(team_id=team, room_id=room, now=NOW, by=ME, engine=office)
    assert [c.number for c in queue.board(now=NOW, engine=office)[0]] == [number]
    done = undo.undo_last(staff_id=ME, now=NOW + timedelta(seconds=20), window=WINDOW, engine=office)
    assert (done.key, done.action, done.number) == ("", "call", number)
    after = load(office, person)
    assert (after.status, after.called_at, after.room_id, after.call_count, after.call_number) == \
        (status.CHECKED_IN, None, None, 0, before.call_number)
    assert [r.id for r in queue.team_day(team, now=NOW, engine=office).waiting] == [person]
    assert queue.board(now=NOW, engine=office) == ([], [])  # gone from the display
    # Only the last action: the undo itself cannot be undone, and nothing before it either.
    again = undo.undo_last(staff_id=ME, now=NOW + timedelta(seconds=25), window=WINDOW, engine=office)
    assert again.key == "clerk.undo_none"
    with Session(office) as s:
        trail = [(e.action, e.staff_id) for e in s.exec(select(AuditEvent).where(AuditEvent.appointment_id == person)
                                                          .order_by(AuditEvent.id)).all()]
    assert trail == [("check_in", None), ("call", ME), ("undo", ME)]


def test_undo_only_within_the_window_and_only_ones_own(office):
    team, room = team_id(office, "humanitaer"), queue.rooms(engine=office)[0][0]
    person = waiting_person(office, 1)
    assert actions.act("call", person, team_id=team, room_id=room, now=NOW, by=ME, engine=office).ok
    assert actions.act("done", person, team_id=team, now=NOW + timedelta(minutes=10), by=ME, engine=office).ok
    # The colleague has nothing of their own to undo; the clerk's own "done" is too old after a minute.
    assert undo.undo_last(staff_id=COLLEAGUE, now=NOW, window=WINDOW, engine=office).key == "clerk.undo_none"
    late = NOW + timedelta(minutes=11, seconds=1)
    assert undo.undo_last(staff_id=ME, now=late, window=WINDOW, engine=office).key == "clerk.undo_too_late"
    assert load(office, person).status == status.DONE
    ok = undo.undo_last(staff_id=ME, now=NOW + timedelta(minutes=10, seconds=30), window=WINDOW, engine=office)
    assert ok.ok and ok.action == "done"
    restored = load(office, person)
    assert (restored.status, restored.finished_at, restored.call_count) == (status.CALLED, None, 1)


def test_undo_refused_when_a_colleague_changed_the_appointment_since(office):
    team, room = team_id(office, "humanitaer"), queue.rooms(engine=office)[0][0]
    person = waiting_person(office, 2)
    assert actions.act("call", person, team_id=team, room_id=room, now=NOW, by=ME, engine=office).ok
    assert actions.act("recall", person, team_id=team, room_id=room, now=NOW + timedelta(seconds=5), by=COLLEAGUE,
                       engine=office).ok
    refused = undo.undo_last(staff_id=ME, now=NOW + timedelta(seconds=10), window=WINDOW, engine=office)
    assert refused.key == "clerk.undo_changed"
    assert load(office, person).call_count == 2  # the colleague's recall stands


def test_undo_of_a_recall_refused_after_a_colleague_finished_the_person(office):
    """The recall's own fields (call time, room, count) are untouched by "done", so comparing them
    alone would let the undo through and rewind a finished appointment to "called"."""
    team, room = team_id(office, "humanitaer"), queue.rooms(engine=office)[0][0]
    person = waiting_person(office, 6)
    assert actions.act("call", person, team_id=team, room_id=room, now=NOW, by=ME, engine=office).ok
    assert actions.act("recall", person, team_id=team, room_id=room, now=NOW + timedelta(seconds=30), by=ME,
                       engine=office).ok
    assert actions.act("done", person, team_id=team, now=NOW + timedelta(seconds=40), by=COLLEAGUE, engine=office).ok
    refused = undo.undo_last(staff_id=ME, now=NOW + timedelta(seconds=45), window=WINDOW, engine=office)
    assert (refused.key, refused.action) == ("clerk.undo_changed", "recall")
    finished = load(office, person)
    assert (finished.status, finished.call_count) == (status.DONE, 2)
    assert [r.id for r in queue.team_day(team, now=NOW, engine=office).finished] == [person]
    assert queue.board(now=NOW, engine=office)[0] == []  # not called again on the display


def test_undo_of_priority_refused_after_a_colleague_called_the_person(office):
    team, room = team_id(office, "humanitaer"), queue.rooms(engine=office)[0][0]
    first, second = waiting_person(office, 7), waiting_person(office, 8, time(9, 30))
    assert actions.act("priority", second, team_id=team, now=NOW, by=ME, engine=office).ok
    number = actions.call_next(team_id=team, room_id=room, now=NOW + timedelta(seconds=10), by=COLLEAGUE,
                               engine=office)
    assert number == load(office, second).call_number  # priority first
    refused = undo.undo_last(staff_id=ME, now=NOW + timedelta(seconds=20), window=WINDOW, engine=office)
    assert refused.key == "clerk.undo_changed"
    called = load(office, second)
    assert (called.status, called.priority) == (status.CALLED, True)
    assert [r.id for r in queue.team_day(team, now=NOW, engine=office).waiting] == [first]


def test_undo_a_transfer_brings_the_person_back_and_undo_arrived(office):
    humanitaer, other = team_id(office, "humanitaer"), team_id(office, "beschaeftigung_familie")
    person = waiting_person(office, 3)
    assert actions.act("transfer", person, team_id=humanitaer, to_team=other, note="Arbeit", now=NOW, by=ME,
                       engine=office).ok
    assert undo.undo_last(staff_id=ME, now=NOW, window=WINDOW, engine=office).ok
    back = load(office, person)
    assert (back.team_id, back.transfer_note, back.status) == (humanitaer, None, status.CHECKED_IN)
    assert queue.team_day(other, now=NOW, engine=office).waiting == []
    # "Arrived" clicked for the wrong person: undo makes them expected again, without a call number.
    person = {"family_name": "UndoArrived"}
    receipt = booking.book(concern_id=concern_id(office, "duldung"), start=datetime.combine(DAY, time(11)),
                           person=PersonalData(given_names="Uli", birth_date=date(1971, 3, 3), email=None, **person),
                           now=datetime(2026, 11, 1), policy=None, engine=office)
    with Session(office) as s:
        booked = s.exec(select(Appointment.id).where(Appointment.booking_code == receipt.booking_code)).one()
    assert checkin.mark_arrived(booked, team_id=humanitaer, now=NOW, by=ME, engine=office).ok
    assert undo.undo_last(staff_id=ME, now=NOW, window=WINDOW, engine=office).action == "check_in"
    expected = load(office, booked)
    assert (expected.status, expected.call_number, expected.checked_in_at) == (status.BOOKED, None, None)


def test_automatic_no_show_only_after_the_third_call_and_the_wait(office):
    team, room = team_id(office, "humanitaer"), queue.rooms(engine=office)[0][0]
    thrice, once = waiting_person(office, 4), waiting_person(office, 5, time(9, 30))
    after = timedelta(minutes=5)
    actions.act("call", thrice, team_id=team, room_id=room, now=NOW, by=ME, engine=office)
    actions.act("call", once, team_id=team, room_id=room, now=NOW, by=COLLEAGUE, engine=office)
    for minute in (2, 4):
        assert actions.act("recall", thrice, team_id=team, now=NOW + timedelta(minutes=minute), by=ME, engine=office).ok
    third_call = NOW + timedelta(minutes=4)
    assert actions.auto_no_show(now=third_call + after - timedelta(seconds=1), after=after, engine=office) == []
    numbers = actions.auto_no_show(now=third_call + after, after=after, engine=office)
    assert numbers == [load(office, thrice).call_number]
    assert load(office, thrice).status == status.NO_SHOW and load(office, once).status == status.CALLED
    # A second worker sweeping at the same moment finds nothing left to do.
    assert actions.auto_no_show(now=third_call + after, after=after, engine=office) == []
    with Session(office) as s:
        last = s.exec(select(AuditEvent).where(AuditEvent.appointment_id == thrice).order_by(AuditEvent.id.desc())).first()
    assert (last.action, last.staff_id, last.via) == ("no_show", None, "system")
