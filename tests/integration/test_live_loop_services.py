"""Check-in and queue services on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlmodel import Session, select

from terminsystem.domain import status
from terminsystem.domain.checkin import CheckinPolicy
from terminsystem.domain.personal import PersonalData
from terminsystem.models import Appointment, AuditEvent
from terminsystem.services import actions, booking, checkin, devices, queue, urgent

from ..helpers import concern_id, team_id
from ..race import race

DAY = date(2026, 11, 30)  # Monday
POLICY = CheckinPolicy()


def person(n: int) -> PersonalData:
    return PersonalData(family_name=f"Person{chr(65 + n)}", given_names="Test", birth_date=date(1980, 1, 1 + n), email=None)


def book(engine, code: str, at: time, n: int) -> str:
    receipt = booking.book(concern_id=concern_id(engine, code), start=datetime.combine(DAY, at), person=person(n),
                           now=datetime(2026, 11, 1), policy=None, engine=engine)
    return receipt.token


def test_qr_check_in_gives_a_call_number_once(office):
    token = book(office, "duldung", time(10), 0)
    too_early = checkin.by_token(token, now=datetime.combine(DAY, time(8, 59)), policy=POLICY, engine=office)
    assert too_early.key == "checkin.too_early"
    ok = checkin.by_token(token, now=datetime.combine(DAY, time(9, 30)), policy=POLICY, engine=office)
    assert ok.ok and len(ok.call_number) == 3
    again = checkin.by_token(token, now=datetime.combine(DAY, time(9, 31)), policy=POLICY, engine=office)
    assert again.key == "checkin.already"
    assert checkin.by_token("nonsense", now=datetime.combine(DAY, time(9, 31)), policy=POLICY, engine=office).key == "checkin.unknown_code"
    with Session(office) as s:
        a = s.exec(select(Appointment)).one()
    assert (a.status, a.call_number, a.call_day) == (status.CHECKED_IN, ok.call_number, DAY)


def kiosk(engine, name: str = "Eingang") -> int:
    """An enrolled kiosk device (lookups are counted per device)."""
    _, code = devices.create(kind="kiosk", name=name, now=datetime(2026, 11, 1), engine=engine)
    _, info = devices.enrol(code, client="10.0.0.1", now=datetime(2026, 11, 1), engine=engine)
    return info.id


def test_birth_date_check_in_needs_the_right_time_and_every_lookup_counts(office):
    book(office, "verlaengerung", time(11), 2)
    now, k1, k2 = datetime.combine(DAY, time(10, 30)), kiosk(office, "k1"), kiosk(office, "k2")
    found = checkin.by_birth_date(date(1980, 1, 3), device_id=k1, now=now, policy=POLICY, engine=office)
    assert len(found.ids) == 1 and len(found.choices) == 4
    assert datetime.combine(DAY, time(11)) in found.choices
    wrong = next(c for c in found.choices if c.time() != time(11))
    # A wrong time gets the same answer as a date of birth nobody has.
    assert checkin.confirm(found.ids, wrong, now=now, policy=POLICY, engine=office).key == "checkin.no_match"
    assert checkin.confirm((), wrong, now=now, policy=POLICY, engine=office).key == "checkin.no_match"
    ok = checkin.confirm(found.ids, datetime.combine(DAY, time(11)), now=now, policy=POLICY, engine=office)
    assert ok.ok
    # Every lookup counts against the kiosk, with or without a match: 5 a minute, then it refuses.
    for _ in range(4):
        unknown = checkin.by_birth_date(date(1999, 9, 9), device_id=k1, now=now, policy=POLICY, engine=office)
        assert unknown.ids == () and len(unknown.choices) == 4  # same screen as with a match
    with pytest.raises(checkin.TooManyAttempts):
        checkin.by_birth_date(date(1980, 1, 3), device_id=k1, now=now, policy=POLICY, engine=office)
    assert checkin.by_birth_date(date(1999, 9, 9), device_id=k2, now=now, policy=POLICY, engine=office).ids == ()


def test_the_offered_times_do_not_change_between_lookups(office):
    """With random decoys, the true time was the one that came back every time (a month of birth
    dates was swept that way); now the same input gets the same four times all day."""
    book(office, "verlaengerung", time(11), 2)
    k = kiosk(office)
    answers = set()
    for minute in range(6):
        for born in (date(1980, 1, 3), date(1975, 6, 1)):
            now = datetime.combine(DAY, time(9, minute))
            found = checkin.by_birth_date(born, device_id=k, now=now, policy=POLICY, engine=office)
            answers.add((born, found.choices))
    assert len(answers) == 2  # one answer per date of birth, the whole morning
    offered = dict(answers)
    assert datetime.combine(DAY, time(11)) in offered[date(1980, 1, 3)]
    assert [len(times) for times in offered.values()] == [4, 4]


def test_same_birth_date_and_time_asks_for_the_name(office):
    for n, code in ((5, "duldung"), (5, "fachkraft")):
        book(office, code, time(9), n)
    now = datetime.combine(DAY, time(8, 45))
    found = checkin.by_birth_date(date(1980, 1, 6), device_id=kiosk(office), now=now, policy=POLICY, engine=office)
    nine = datetime.combine(DAY, time(9))
    assert len(found.ids) == 2
    assert checkin.confirm(found.ids, nine, now=now, policy=POLICY, engine=office).key == "checkin.need_name"
    # Both are "PersonF": the name does not tell them apart either → information desk.
    assert checkin.confirm(found.ids, nine, "perso", now=now, policy=POLICY, engine=office).key == "checkin.no_match"


def test_queue_call_next_done_and_the_board(office):
    humanitaer = team_id(office, "humanitaer")
    tokens = [book(office, "duldung", at, n) for n, at in enumerate((time(9), time(8, 30), time(10)))]
    now = datetime.combine(DAY, time(8, 40))
    for token in tokens[:2]:
        checkin.by_token(token, now=now, policy=POLICY, engine=office)
    day = queue.team_day(humanitaer, now=now, engine=office)
    assert [r.start.time() for r in day.waiting] == [time(8, 30), time(9)]
    assert len(day.expected) == 1
    room = queue.rooms(engine=office)[0][0]
    first = actions.call_next(team_id=humanitaer, room_id=room, now=now, engine=office)
    assert first == day.waiting[0].call_number
    current, earlier = queue.board(now=now, engine=office)
    assert [(c.number, c.room) for c in current] == [(first, "1.01")] and earlier == []
    assert actions.act("done", day.waiting[0].id, team_id=humanitaer, now=now, engine=office).number == first
    current, earlier = queue.board(now=now, engine=office)
    assert current == [] and [c.number for c in earlier] == [first]
    second = actions.act("call", day.waiting[1].id, team_id=humanitaer, room_id=room, now=now, engine=office).number
    assert second == day.waiting[1].call_number
    assert actions.act("no_show", day.waiting[1].id, team_id=humanitaer, now=now, engine=office).number == second
    finished = queue.team_day(humanitaer, now=now, engine=office).finished
    assert [(r.call_number, r.status) for r in finished] == [(first, status.DONE), (second, status.NO_SHOW)]
    assert not actions.act("done", day.waiting[1].id, team_id=humanitaer, now=now, engine=office).ok
    with Session(office) as s:
        trail = [(e.action, e.appointment_id) for e in s.exec(select(AuditEvent).order_by(AuditEvent.id)).all()]
    assert [a for a, _ in trail] == ["check_in", "check_in", "call", "done", "call", "no_show"]
    # The other team cannot touch this team's people.
    other = team_id(office, "beschaeftigung_familie")
    third = queue.team_day(humanitaer, now=now, engine=office).expected[0]
    checkin.by_token(tokens[2], now=datetime.combine(DAY, time(9, 30)), policy=POLICY, engine=office)
    assert actions.act("call", third.id, team_id=other, room_id=room, now=now, engine=office).key == "clerk.not_possible"
    assert actions.call_next(team_id=other, room_id=room, now=now, engine=office) is None


def test_two_clerks_pressing_call_next_at_once_get_two_people(office):
    humanitaer = team_id(office, "humanitaer")
    now = datetime.combine(DAY, time(8, 50))
    for n, at in enumerate((time(9), time(9), time(9, 30))):
        checkin.by_token(book(office, "gestattung", at, n), now=now, policy=POLICY, engine=office)
    rooms = [r for r, _ in queue.rooms(engine=office)[:2]]
    called = race(office, lambda engine, i: actions.call_next(team_id=humanitaer, room_id=rooms[i], now=now,
                                                              engine=engine), 2)
    assert None not in called and called[0] != called[1]
    day = queue.team_day(humanitaer, now=now, engine=office)
    assert {r.call_number for r in day.called} == set(called)
    assert {r.start.time() for r in day.called} == {time(9)}  # the two earliest


def test_recall_park_priority_and_transfer(office):
    humanitaer, other = team_id(office, "humanitaer"), team_id(office, "beschaeftigung_familie")
    now = datetime.combine(DAY, time(9, 5))  # everybody may check in
    ids = []
    for n, at in enumerate((time(9), time(9, 30), time(10))):
        token = book(office, "duldung", at, n)
        checkin.by_token(token, now=now, policy=POLICY, engine=office)
        with Session(office) as s:
            ids.append(s.exec(select(Appointment.id).where(Appointment.family_name == person(n).family_name)).one())
    room = queue.rooms(engine=office)[0][0]

    def act(action, i, **kw):
        return actions.act(action, ids[i], team_id=kw.pop("team", humanitaer), room_id=room, now=now,
                           engine=office, **kw)

    # Priority moves the 10:00 person to the front; parking takes the 09:00 person out of the queue.
    assert act("priority", 2).ok and act("park", 0).ok
    assert actions.call_next(team_id=humanitaer, room_id=room, now=now, engine=office) == \
        queue.team_day(humanitaer, now=now, engine=office).called[0].call_number
    day = queue.team_day(humanitaer, now=now, engine=office)
    assert [r.id for r in day.called] == [ids[2]] and [r.id for r in day.parked] == [ids[0]]
    assert act("call", 0).key == "clerk.not_possible"  # parked: back into the queue first
    assert act("unpark", 0).ok
    # Recall: three calls in all, then the limit.
    assert act("recall", 2).ok and act("recall", 2).ok
    assert act("recall", 2).key == "clerk.max_calls"
    assert queue.team_day(humanitaer, now=now, engine=office).called[0].calls == 3
    # Transfer: the person leaves this team's queue and waits in the other team's, with the note
    # and the call number they already hold (the display and their slip stay right).
    number = next(r.call_number for r in queue.team_day(humanitaer, now=now, engine=office).waiting if r.id == ids[1])
    assert act("transfer", 1, to_team=other, note="Beschäftigungsfrage").ok
    theirs = queue.team_day(other, now=now, engine=office).waiting
    assert [(r.id, r.call_number, r.note) for r in theirs] == [(ids[1], number, "Beschäftigungsfrage")]
    assert ids[1] not in [r.id for r in queue.team_day(humanitaer, now=now, engine=office).waiting]
    assert act("transfer", 1, to_team=other).key == "clerk.not_possible"  # no longer ours


def test_staff_mark_arrived_only_for_their_team_and_any_time_of_the_day(office):
    humanitaer, other = team_id(office, "humanitaer"), team_id(office, "beschaeftigung_familie")
    book(office, "duldung", time(12, 30), 7)
    with Session(office) as s:
        appointment = s.exec(select(Appointment.id).where(Appointment.family_name == person(7).family_name)).one()
    early = datetime.combine(DAY, time(8, 0))  # hours early: the kiosk would refuse
    assert checkin.mark_arrived(appointment, team_id=other, now=early, by=1, engine=office).key == "checkin.no_match"
    outcome = checkin.mark_arrived(appointment, team_id=humanitaer, now=early, by=1, engine=office)
    assert outcome.ok and len(outcome.call_number) == 3
    with Session(office) as s:
        trail = s.exec(select(AuditEvent).where(AuditEvent.appointment_id == appointment)).one()
    assert (trail.action, trail.staff_id, trail.via) == ("check_in", 1, "staff")


def test_urgent_entry_joins_the_queue_first_with_a_call_number(office):
    humanitaer, other = team_id(office, "humanitaer"), team_id(office, "beschaeftigung_familie")
    now = datetime.combine(DAY, time(9, 5))
    checkin.by_token(book(office, "duldung", time(9), 8), now=now, policy=POLICY, engine=office)
    urgent_person = PersonalData(family_name="Eilig", given_names="Emre", birth_date=date(1990, 3, 3), email=None)
    assert urgent.create(team_id=humanitaer, concern_id=concern_id(office, "fachkraft"), person=urgent_person,
                         reason="Abschiebung droht", now=now, by=1, engine=office).key == "clerk.not_possible"
    assert urgent.create(team_id=humanitaer, concern_id=concern_id(office, "duldung"), person=urgent_person,
                         reason="  ", now=now, by=1, engine=office).key == "clerk.urgent_reason_missing"
    outcome = urgent.create(team_id=humanitaer, concern_id=concern_id(office, "duldung"), person=urgent_person,
                            reason="Abschiebung droht", now=now, by=1, engine=office)
    assert outcome.ok and len(outcome.call_number) == 3
    waiting = queue.team_day(humanitaer, now=now, engine=office).waiting
    assert (waiting[0].name, waiting[0].urgent, waiting[0].priority, waiting[0].note) == \
        ("Eilig, Emre", True, True, "Abschiebung droht")
    assert waiting[0].call_number == outcome.call_number
    assert queue.team_day(other, now=now, engine=office).waiting == []
