"""The team lead's day overview and audit trail on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from terminsystem.domain.personal import PersonalData
from terminsystem.models import Staff
from terminsystem.services import actions, overview, queue, urgent

from ..helpers import concern_id, team_id
from .test_undo_and_auto_no_show import DAY, NOW, waiting_person


def staff_of(engine, username: str) -> int:
    with Session(engine) as s:
        return s.exec(select(Staff.id).where(Staff.username == username)).one()


def test_figures_urgent_entries_and_only_the_teams_audit_trail(office):
    humanitaer, other = team_id(office, "humanitaer"), team_id(office, "beschaeftigung_familie")
    room = queue.rooms(engine=office)[0][0]
    keller, schmid = staff_of(office, "h.keller"), staff_of(office, "b.schmid")
    first, second = waiting_person(office, 10, time(9)), waiting_person(office, 11, time(9, 30))
    eilig = PersonalData(family_name="Eilig", given_names="Eva", birth_date=date(1988, 8, 8), email=None)
    assert urgent.create(team_id=humanitaer, concern_id=concern_id(office, "duldung"), person=eilig,
                         reason="Reise morgen", now=NOW, by=keller, engine=office).ok
    # Called after 10 and 20 minutes of waiting: mean wait 15 min.
    assert actions.act("call", first, team_id=humanitaer, room_id=room, now=NOW + timedelta(minutes=10),
                       by=keller, engine=office).ok
    assert actions.act("done", first, team_id=humanitaer, now=NOW + timedelta(minutes=15), by=keller, engine=office).ok
    assert actions.act("call", second, team_id=humanitaer, room_id=room, now=NOW + timedelta(minutes=20),
                       by=keller, engine=office).ok
    later = NOW + timedelta(minutes=30)
    figures, urgent_rows = overview.team_today(humanitaer, now=later, engine=office)
    assert (figures.done, figures.called, figures.waiting, figures.urgent, figures.mean_wait) == (1, 1, 1, 1, 15)
    assert figures.longest_wait == 30  # the urgent person, waiting since NOW
    assert [(r.name, r.note) for r in urgent_rows] == [("Eilig, Eva", "Reise morgen")]
    assert overview.team_today(other, now=later, engine=office)[0].waiting == 0

    # The other team's clerk does something of their own: not in this team's trail.
    other_person = waiting_person(office, 12, time(10))
    assert actions.act("transfer", other_person, team_id=humanitaer, to_team=other, note="Arbeit", now=later,
                       by=keller, engine=office).ok
    assert actions.act("call", other_person, team_id=other, room_id=room, now=later, by=schmid, engine=office).ok
    trail = overview.audit_today(humanitaer, now=later, engine=office)
    assert [(e.action, e.who) for e in trail][:2] == [("transfer", "Anna Keller"), ("call", "Anna Keller")]
    assert ("call", "Jonas Schmid") not in [(e.action, e.who) for e in trail]
    assert {"check_in", "urgent", "call", "done", "transfer"} <= {e.action for e in trail}
    everything = overview.audit_today(None, now=later, engine=office)
    assert ("call", "Jonas Schmid") in [(e.action, e.who) for e in everything]
    # Yesterday's trail is not today's.
    assert overview.audit_today(humanitaer, now=datetime.combine(DAY + timedelta(days=1), time(9)), engine=office) == []
