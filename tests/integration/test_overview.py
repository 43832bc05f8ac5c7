"""The team lead's day overview and audit trail on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlmodel import Session, select

from terminsystem.domain.auth import ADMIN, AuthPolicy
from terminsystem.domain.personal import PersonalData
from terminsystem.models import Staff
from terminsystem.services import actions, auth, overview, queue, undo, urgent
from terminsystem.state.overview import detail_text, who_text

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


def test_the_trail_says_in_words_what_happened(office):
    """What the team lead / admin reads in the trail's "who" and "details" columns, from the
    structured audit columns (nothing parsed back out of a text)."""
    humanitaer, other = team_id(office, "humanitaer"), team_id(office, "beschaeftigung_familie")
    room = queue.rooms(engine=office)[0][0]
    keller, admin_id = staff_of(office, "h.keller"), staff_of(office, "admin")
    moved, called, absent = (waiting_person(office, n, at)  # kiosk check-ins
                             for n, at in ((13, time(9)), (14, time(9, 30)), (15, time(10))))
    assert actions.act("transfer", moved, team_id=humanitaer, to_team=other, note="Arbeit", now=NOW, by=keller,
                       engine=office).ok
    assert actions.act("call", called, team_id=humanitaer, room_id=room, now=NOW, by=keller, engine=office).ok
    assert undo.undo_last(staff_id=keller, now=NOW, window=timedelta(seconds=60), engine=office).ok
    assert urgent.create(team_id=humanitaer, concern_id=concern_id(office, "duldung"), reason="Reise morgen",
                         person=PersonalData(family_name="Eilig", given_names="", birth_date=date(1988, 8, 8),
                                             email=None), now=NOW, by=keller, engine=office).ok
    actions.act("call", absent, team_id=humanitaer, room_id=room, now=NOW, by=keller, engine=office)
    for _ in range(2):
        actions.act("recall", absent, team_id=humanitaer, now=NOW, by=keller, engine=office)
    assert actions.auto_no_show(now=NOW + timedelta(minutes=5), after=timedelta(minutes=5), engine=office)
    policy = AuthPolicy()
    for _ in range(policy.lock_after + 1):  # the last one while the account is locked (for that client)
        with pytest.raises((auth.LoginRefused, auth.LoginLocked)):
            auth.login("l.weber", "falsch-falsch", client="10.0.0.5", now=NOW, policy=policy, engine=office)
    admin = auth.StaffInfo(admin_id, "admin", "Administration", ADMIN, None, "")
    auth.unlock("l.weber", by=admin, now=NOW, engine=office)

    later = NOW + timedelta(minutes=6)
    shown = [(e.action, who_text(e, "de"), detail_text(e, "de"))
             for e in reversed(overview.audit_today(None, now=later, engine=office))]
    assert ("check_in", "Kiosk", "") in shown
    assert ("transfer", "Anna Keller", "→ Beschäftigung und Familiär: Arbeit") in shown
    assert ("undo", "Anna Keller", "Aufruf") in shown
    assert ("urgent", "Anna Keller", "Reise morgen") in shown
    assert ("no_show", "System", "") in shown
    assert [d for a, _, d in shown if a == "login_failed"][-2:] == ["", "während der Sperre"]
    assert ("unlock", "Administration", "Benutzerkonto l.weber") in shown
    # The team lead of the team that handed over sees the same words in their own trail.
    assert ("transfer", "Anna Keller", "→ Beschäftigung und Familiär: Arbeit") in [
        (e.action, who_text(e, "de"), detail_text(e, "de")) for e in overview.audit_today(humanitaer, now=later,
                                                                                           engine=office)]
