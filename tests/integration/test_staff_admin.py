"""Staff accounts administered by an admin, and people setting their own password, on a real
database (SQLite and PostgreSQL): validation, sessions that end, one-time links, the audit trail."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from terminsystem import live
from terminsystem.domain import codes
from terminsystem.domain.auth import ADMIN, CLERK, TEAM_LEAD, AuthPolicy
from terminsystem.models import AuditEvent, LiveClient, LoginFailure, Staff, Team
from terminsystem.services import auth, passwords, staff_admin
from terminsystem.services.passwords import PasswordRejected
from terminsystem.services.staff_admin import StaffAdminError

from ..race import at_once, label

NOW = datetime(2026, 12, 1, 8, 0)
P = AuthPolicy()
ADMIN_PASSWORD = "Verwaltung-2026!"


@pytest.fixture
def admin(office):
    auth.create_staff("t.admin", "Test Admin", ADMIN, ADMIN_PASSWORD, engine=office)
    return auth.login("t.admin", ADMIN_PASSWORD, client="admin-pc", now=NOW, policy=P, engine=office)[1]


def team(engine, code: str = "humanitaer") -> int:
    with Session(engine) as s:
        return s.exec(select(Team.id).where(Team.code == code)).one()


def new_clerk(engine, admin, username="n.clerk", name="Nora Clerk"):
    return staff_admin.create(username=username, display_name=name, role=CLERK, team_id=team(engine), by=admin,
                              now=NOW, engine=engine)


def login(engine, username, password, now=NOW, client="10.0.0.1"):
    return auth.login(username, password, client=client, now=now, policy=P, engine=engine)


def alive(engine, token, now=NOW) -> bool:
    return auth.resolve(token, now=now, policy=P, touch=False, engine=engine) is not None


def trail(engine) -> list[AuditEvent]:
    with Session(engine) as s:
        return list(s.exec(select(AuditEvent).where(AuditEvent.entity == "staff").order_by(AuditEvent.id)).all())


def change_of(event: AuditEvent) -> dict:
    return json.loads(event.change)


def test_a_new_account_gets_an_initial_password_that_must_be_changed_first(admin, office):
    account, initial = new_clerk(office, admin, username="  N.Clerk ")
    assert account.username == "n.clerk" and account.must_change_password and account.team_name == "Humanitär"
    assert len(initial) == 19 and initial.count("-") == 3  # four groups of four, easy to read out
    token, who = login(office, "n.clerk", initial)
    assert who.must_change_password and auth.resolve(token, now=NOW, policy=P, engine=office).must_change_password
    listed = {a.username: a for a in staff_admin.listing(now=NOW, policy=P, engine=office)}
    assert listed["n.clerk"].must_change_password and listed["n.clerk"].active and not listed["n.clerk"].locked

    with pytest.raises(PasswordRejected, match="same_as_initial"):
        passwords.replace_initial(who, initial, now=NOW, engine=office)
    with pytest.raises(PasswordRejected, match="too_short"):
        passwords.replace_initial(who, "kurz", now=NOW, engine=office)
    with pytest.raises(PasswordRejected, match="has_username"):
        passwords.replace_initial(who, "mein-n.clerk-2026", now=NOW, engine=office)
    other, _ = login(office, "n.clerk", initial, client="10.0.0.2")  # a second browser with the initial one
    passwords.replace_initial(who, "Eigenes-Passwort-1", now=NOW, engine=office)
    after = auth.resolve(token, now=NOW, policy=P, engine=office)
    assert after is not None and not after.must_change_password  # this session continues
    assert not alive(office, other)  # the other one ended
    with pytest.raises(auth.LoginRefused):
        login(office, "n.clerk", initial)
    assert not login(office, "n.clerk", "Eigenes-Passwort-1")[1].must_change_password
    with pytest.raises(PasswordRejected, match="stale"):  # only once
        passwords.replace_initial(who, "Noch-ein-Passwort-2", now=NOW, engine=office)

    added, changed = trail(office)
    assert (added.action, added.staff_id, added.entity_id) == ("admin_add", admin.id, account.id)
    assert change_of(added)["after"] == {"username": "n.clerk", "display_name": "Nora Clerk", "role": CLERK,
                                         "team_id": team(office), "active": True, "must_change_password": True,
                                         "reset_expires_at": None}
    assert (changed.action, changed.staff_id) == ("admin_change", account.id)  # the person themselves
    assert change_of(changed) == {"before": {"must_change_password": True, "password": None},
                                  "after": {"must_change_password": False, "password": "changed"}}


def test_usernames_are_unique_and_every_field_is_checked(admin, office):
    new_clerk(office, admin)
    with pytest.raises(StaffAdminError) as taken:
        new_clerk(office, admin, username="N.CLERK")
    assert taken.value.fields == {"username": "admin.staff.username_taken"}
    with pytest.raises(StaffAdminError) as many:
        staff_admin.create(username="x y", display_name="  ", role=CLERK, team_id=None, by=admin, now=NOW,
                           engine=office)
    assert many.value.fields == {"username": "admin.staff.username_invalid", "display_name": "admin.staff.name_missing",
                                 "team": "admin.staff.team_missing"}
    for role, team_id, field, key in ((ADMIN, team(office), "team", "admin.staff.admin_no_team"),
                                      (TEAM_LEAD, None, "team", "admin.staff.team_missing"),
                                      ("boss", None, "role", "admin.staff.role_invalid"),
                                      (CLERK, 999_999, "team", "admin.staff.team_unknown"),
                                      ({"not": "a role"}, None, "role", "admin.staff.role_invalid")):
        with pytest.raises(StaffAdminError) as refused:
            staff_admin.create(username="ok.name", display_name="Ok", role=role, team_id=team_id, by=admin,
                               now=NOW, engine=office)
        assert refused.value.fields == {field: key}
    account, _ = staff_admin.create(username="ok.admin", display_name="Ok", role=ADMIN, team_id=None, by=admin,
                                    now=NOW, engine=office)
    assert account.role == ADMIN and account.team_id is None
    with Session(office) as s:  # the database holds the rules too: one row per username, known roles
        s.add(Staff(username="n.clerk", display_name="Twin", role=CLERK))
        with pytest.raises(sa.exc.IntegrityError):
            s.commit()
    with Session(office) as s:
        s.add(Staff(username="boss", display_name="Boss", role="boss"))
        with pytest.raises(sa.exc.IntegrityError):
            s.commit()


def test_only_an_active_admin_administers(admin, office):
    _, initial = new_clerk(office, admin)
    clerk = login(office, "n.clerk", initial)[1]
    with pytest.raises(PermissionError):
        staff_admin.create(username="x.y", display_name="X", role=CLERK, team_id=team(office), by=clerk, now=NOW,
                           engine=office)
    with pytest.raises(PermissionError):
        staff_admin.set_active(admin.id, False, by=clerk, now=NOW, engine=office)
    assert [e.action for e in trail(office)] == ["admin_add"]


def test_deactivating_logs_the_person_out_at_once_and_reactivating_lets_them_in_again(admin, office):
    account, initial = new_clerk(office, admin)
    token, who = login(office, "n.clerk", initial)
    live.subscribe("tab-1", live.team_channel(team(office)), "clerk", NOW, session_id=who.session_id, engine=office)
    link = staff_admin.issue_reset_link(account.id, by=admin, now=NOW, engine=office)[1]

    assert not staff_admin.set_active(account.id, False, by=admin, now=NOW, engine=office).active
    assert not alive(office, token)
    with Session(office) as s:
        assert s.exec(select(LiveClient)).all() == []  # no more pushes to the open dashboard
    with pytest.raises(auth.LoginRefused):
        login(office, "n.clerk", initial)
    token_of_link = parse_qs(urlsplit(link).query)["t"][0]
    assert passwords.link_account(token_of_link, now=NOW, engine=office) is None  # the open link died too
    with pytest.raises(StaffAdminError, match="inactive"):
        staff_admin.issue_initial_password(account.id, by=admin, now=NOW, engine=office)

    assert staff_admin.set_active(account.id, True, by=admin, now=NOW, engine=office).active
    assert login(office, "n.clerk", initial)[0]
    deactivated = [change_of(e) for e in trail(office) if e.action == "admin_change"][1]
    assert deactivated["before"]["active"] is True and deactivated["after"]["active"] is False


def test_a_new_role_or_team_ends_the_sessions_a_new_name_does_not(admin, office):
    account, initial = new_clerk(office, admin)
    passwords.replace_initial(login(office, "n.clerk", initial)[1], "Eigenes-Passwort-1", now=NOW, engine=office)
    token = login(office, "n.clerk", "Eigenes-Passwort-1")[0]
    renamed = staff_admin.change(account.id, display_name="Nora Neu", role=CLERK, team_id=team(office), by=admin,
                                 now=NOW, engine=office)
    assert renamed.display_name == "Nora Neu" and alive(office, token)
    moved = staff_admin.change(account.id, display_name="Nora Neu", role=TEAM_LEAD,
                               team_id=team(office, "beschaeftigung_familie"), by=admin, now=NOW, engine=office)
    assert moved.role == TEAM_LEAD and not alive(office, token)
    changes = [change_of(e) for e in trail(office) if e.action == "admin_change" and e.staff_id == admin.id]
    assert changes[0] == {"before": {"display_name": "Nora Clerk"}, "after": {"display_name": "Nora Neu"}}
    assert changes[1]["before"] == {"role": CLERK, "team_id": team(office)}
    assert changes[1]["after"] == {"role": TEAM_LEAD, "team_id": team(office, "beschaeftigung_familie")}
    with pytest.raises(StaffAdminError) as refused:
        staff_admin.change(account.id, display_name="", role=ADMIN, team_id=team(office), by=admin, now=NOW,
                           engine=office)
    assert refused.value.fields == {"display_name": "admin.staff.name_missing", "team": "admin.staff.admin_no_team"}


def test_a_reset_link_works_once_within_its_time_and_ends_every_session(admin, office):
    account, initial = new_clerk(office, admin)
    token, _ = login(office, "n.clerk", initial)
    first = staff_admin.issue_reset_link(account.id, by=admin, now=NOW, engine=office)
    listed = {a.username: a for a in staff_admin.listing(now=NOW, policy=P, engine=office)}
    assert listed["n.clerk"].reset_until == NOW + staff_admin.RESET_VALID
    assert alive(office, token)  # issuing a link changes nothing yet
    second_account, link = staff_admin.issue_reset_link(account.id, by=admin, now=NOW, engine=office)
    old, new = (parse_qs(urlsplit(u).query)["t"][0] for u in (first[1], link))
    assert link.startswith("http") and "/konto/neues-passwort?t=" in link and codes.looks_like_token(new)
    assert passwords.link_account(old, now=NOW, engine=office) is None  # a newer link replaces the older
    assert passwords.link_account(new, now=NOW, engine=office) == "n.clerk"
    with Session(office) as s:
        row = s.get(Staff, account.id)
    assert row.reset_token_hash == codes.token_hash(new) and new not in str(row.model_dump())

    with pytest.raises(PasswordRejected, match="too_short"):
        passwords.redeem_link(new, "kurz", now=NOW, engine=office)
    assert passwords.redeem_link(new, "Mit-Link-gesetzt-1", now=NOW, engine=office) == "n.clerk"
    assert not alive(office, token)
    after = login(office, "n.clerk", "Mit-Link-gesetzt-1")[1]
    assert not after.must_change_password  # the person chose it: nothing more to change
    with pytest.raises(PasswordRejected, match="link_invalid"):  # used up
        passwords.redeem_link(new, "Noch-einmal-Link-2", now=NOW, engine=office)

    _, late = staff_admin.issue_reset_link(account.id, by=admin, now=NOW, engine=office)
    late = parse_qs(urlsplit(late).query)["t"][0]
    expired = NOW + staff_admin.RESET_VALID + timedelta(seconds=1)
    assert passwords.link_account(late, now=expired, engine=office) is None
    with pytest.raises(PasswordRejected, match="link_invalid"):
        passwords.redeem_link(late, "Zu-spaet-Passwort-3", now=expired, engine=office)
    for junk in ("", "x" * 32, None, ["list"]):
        assert passwords.link_account(junk, now=NOW, engine=office) is None


def test_a_link_used_twice_at_the_same_instant_sets_one_password(admin, office):
    account, _ = new_clerk(office, admin)
    token = parse_qs(urlsplit(staff_admin.issue_reset_link(account.id, by=admin, now=NOW, engine=office)[1])
                     .query)["t"][0]
    chosen = ("Erstes-Passwort-1", "Zweites-Passwort-2")
    outcomes = [o if isinstance(o, str) else label(o) for o in
                at_once(lambda i: passwords.redeem_link(token, chosen[i], now=NOW, engine=office), 2,
                        refused=(PasswordRejected,))]
    assert sorted(outcomes) == ["admin.password.link_invalid", "n.clerk"]
    assert len([e for e in trail(office) if e.staff_id == account.id]) == 1


def test_a_new_initial_password_replaces_the_old_one_and_ends_the_sessions(admin, office):
    account, initial = new_clerk(office, admin)
    passwords.replace_initial(login(office, "n.clerk", initial)[1], "Eigenes-Passwort-1", now=NOW, engine=office)
    token = login(office, "n.clerk", "Eigenes-Passwort-1")[0]
    _, again = staff_admin.issue_initial_password(account.id, by=admin, now=NOW, engine=office)
    assert again != initial and not alive(office, token)
    with pytest.raises(auth.LoginRefused):
        login(office, "n.clerk", "Eigenes-Passwort-1")
    assert login(office, "n.clerk", again)[1].must_change_password


def test_an_admin_cannot_deactivate_or_demote_themselves_so_one_admin_always_remains(admin, office):
    for attempt in (lambda: staff_admin.set_active(admin.id, False, by=admin, now=NOW, engine=office),
                    lambda: staff_admin.change(admin.id, display_name="Test Admin", role=CLERK, team_id=team(office),
                                               by=admin, now=NOW, engine=office)):
        with pytest.raises(StaffAdminError, match="not_yourself"):
            attempt()
    with Session(office) as s:
        row = s.get(Staff, admin.id)
    assert row.active and row.role == ADMIN
    assert staff_admin.change(admin.id, display_name="Neuer Name", role=ADMIN, team_id=None, by=admin, now=NOW,
                              engine=office).display_name == "Neuer Name"
    with Session(office) as s:
        shipped = s.exec(select(Staff.id).where(Staff.username == "admin")).one()
    staff_admin.set_active(shipped, False, by=admin, now=NOW, engine=office)  # now the only active admin
    with pytest.raises(StaffAdminError, match="last_admin"):
        staff_admin.set_active(admin.id, False, by=admin, now=NOW, engine=office)


def test_two_admins_deactivating_each_other_at_once_leave_one_active_admin(admin, office):
    with Session(office) as s:  # the shipped "admin" account goes first: two admins are left
        shipped = s.exec(select(Staff.id).where(Staff.username == "admin")).one()
    staff_admin.set_active(shipped, False, by=admin, now=NOW, engine=office)
    other, initial = staff_admin.create(username="o.admin", display_name="Other", role=ADMIN, team_id=None, by=admin,
                                        now=NOW, engine=office)
    passwords.replace_initial(login(office, "o.admin", initial)[1], "Anderer-Admin-2026", now=NOW, engine=office)
    them = login(office, "o.admin", "Anderer-Admin-2026")[1]
    pairs = ((other.id, admin), (admin.id, them))
    outcomes = [label(o) for o in
                at_once(lambda i: staff_admin.set_active(pairs[i][0], False, by=pairs[i][1], now=NOW, engine=office),
                        2, refused=(PermissionError, StaffAdminError))]
    assert sorted(outcomes) == ["PermissionError", "done"]
    with Session(office) as s:
        assert len(s.exec(select(Staff.id).where(Staff.role == ADMIN, Staff.active)).all()) == 1


def test_an_admin_unlocks_a_locked_account_from_the_list(admin, office):
    account, _ = new_clerk(office, admin)
    with Session(office) as s:
        for n in range(P.lock_after):
            s.add(LoginFailure(username="n.clerk", client="10.9.9.9", at=NOW - timedelta(seconds=n)))
        s.commit()
    assert {a.username: a.locked for a in staff_admin.listing(now=NOW, policy=P, engine=office)}["n.clerk"]
    assert staff_admin.unlock(account.id, by=admin, now=NOW, engine=office) == P.lock_after
    assert not {a.username: a.locked for a in staff_admin.listing(now=NOW, policy=P, engine=office)}["n.clerk"]


def test_the_audit_trail_holds_no_password_hash_or_token(admin, office):
    account, initial = new_clerk(office, admin)
    _, link = staff_admin.issue_reset_link(account.id, by=admin, now=NOW, engine=office)
    token = parse_qs(urlsplit(link).query)["t"][0]
    passwords.redeem_link(token, "Mit-Link-gesetzt-1", now=NOW, engine=office)
    _, again = staff_admin.issue_initial_password(account.id, by=admin, now=NOW, engine=office)
    passwords.replace_initial(login(office, "n.clerk", again)[1], "Eigenes-Passwort-9", now=NOW, engine=office)
    with Session(office) as s:
        stored = s.get(Staff, account.id).password_hash
    events = trail(office)
    assert [(e.action, e.staff_id) for e in events] == [
        ("admin_add", admin.id), ("admin_change", admin.id), ("admin_change", account.id),
        ("admin_change", admin.id), ("admin_change", account.id)]
    assert [change_of(e)["after"].get("password") for e in events] == [None, "reset_link", "set_by_link", "initial",
                                                                       "changed"]
    text = " ".join(e.change for e in events)
    for secret in (initial, again, token, codes.token_hash(token), stored, "Mit-Link-gesetzt-1", "Eigenes-Passwort-9",
                   "$argon2"):
        assert secret not in text
