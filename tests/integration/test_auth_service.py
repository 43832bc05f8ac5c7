"""Staff login, sessions and locks on a real database."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, select

from terminsystem.domain.auth import ADMIN, CLERK, AuthPolicy
from terminsystem.models import AuditEvent, Staff, StaffSession
from terminsystem.services import auth

NOW = datetime(2026, 12, 1, 8, 0)
P = AuthPolicy()
PASSWORD = "Sonnenblume-2026"


@pytest.fixture
def staff(office):
    auth.create_staff("t.clerk", "Test Clerk", CLERK, PASSWORD, "humanitaer", engine=office)
    auth.create_staff("t.admin", "Test Admin", ADMIN, PASSWORD, engine=office)
    return office


def login(engine, password=PASSWORD, username="t.clerk", client="10.0.0.1", now=NOW):
    return auth.login(username, password, client=client, now=now, policy=P, engine=engine)


def test_password_is_stored_as_argon2_hash_only(staff):
    with Session(staff) as s:
        stored = s.exec(select(Staff.password_hash).where(Staff.username == "t.clerk")).one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    with pytest.raises(ValueError):
        auth.create_staff("short", "S", CLERK, "kurz", engine=staff)


def test_fresh_token_at_each_login_dead_after_logout(staff):
    first, who = login(staff)
    second, _ = login(staff)
    assert first != second and who.role == CLERK and who.team_name == "Humanitär"
    assert auth.resolve(first, now=NOW, policy=P, engine=staff).username == "t.clerk"
    auth.logout(first, now=NOW, engine=staff)
    assert auth.resolve(first, now=NOW, policy=P, engine=staff) is None
    assert auth.resolve(second, now=NOW, policy=P, engine=staff) is not None
    with Session(staff) as s:
        hashes = s.exec(select(StaffSession.token_hash)).all()
    assert first not in hashes and second not in hashes  # only hashes are stored


def test_idle_session_ends_and_activity_keeps_it_alive(staff):
    token, _ = login(staff)
    assert auth.resolve(token, now=NOW + timedelta(minutes=14), policy=P, engine=staff)
    assert auth.resolve(token, now=NOW + timedelta(minutes=28), policy=P, engine=staff)  # 14 min after last use
    assert auth.resolve(token, now=NOW + timedelta(minutes=44), policy=P, engine=staff) is None
    assert auth.resolve(token, now=NOW + timedelta(minutes=45), policy=P, engine=staff) is None  # stays dead


def test_a_pages_heartbeat_does_not_keep_the_session_alive(staff):
    token, _ = login(staff)
    for minute in (5, 10, 14):  # the dashboard checks the session every few seconds, nobody acts
        assert auth.resolve(token, now=NOW + timedelta(minutes=minute), policy=P, touch=False, engine=staff)
    assert auth.resolve(token, now=NOW + timedelta(minutes=16), policy=P, touch=False, engine=staff) is None
    with Session(staff) as s:
        ended = s.exec(select(StaffSession.ended_at)).one()
    assert ended == NOW + timedelta(minutes=16)  # ended on the server at the first check after the idle time
    assert auth.resolve(token, now=NOW + timedelta(minutes=16), policy=P, engine=staff) is None


def test_wrong_password_and_unknown_user_look_the_same(staff):
    for username in ("t.clerk", "nobody"):
        with pytest.raises(auth.LoginRefused):
            login(staff, password="falsch-falsch", username=username)


def test_failures_lock_the_account_only_for_that_client_for_a_while_and_admin_can_unlock(staff):
    for n in range(6):
        assert auth.login_delay("t.clerk", "10.0.0.9", now=NOW, policy=P, engine=staff) == [0, 0, 1, 2, 4, 8][n]
        with pytest.raises(auth.LoginRefused):
            login(staff, password="falsch-falsch", client="10.0.0.9")
    with pytest.raises(auth.LoginLocked):  # even the right password is refused now, from that client
        login(staff, client="10.0.0.9")
    # The colleague at their own desk is neither slowed down nor locked out by the stranger.
    assert auth.login_delay("t.clerk", "10.0.0.8", now=NOW, policy=P, engine=staff) == 0
    assert login(staff, client="10.0.0.8")[0]
    login(staff, username="t.admin", client="10.0.0.9")  # other accounts from that client are not affected
    assert login(staff, client="10.0.0.9", now=NOW + timedelta(minutes=31))[0]  # the lock is temporary
    for _ in range(6):
        with pytest.raises(auth.LoginRefused):
            login(staff, password="falsch-falsch", client="10.0.0.9", now=NOW + timedelta(minutes=32))
    _, admin = login(staff, username="t.admin")
    later = NOW + timedelta(minutes=33)
    locks, alerts = auth.locks(now=later, policy=P, engine=staff)
    assert [(lock.username, lock.client, lock.failures) for lock in locks] == [("t.clerk", "10.0.0.9", 6)]
    assert alerts == []
    assert auth.unlock("t.clerk", by=admin, now=later, engine=staff) >= 6
    assert auth.locks(now=later, policy=P, engine=staff) == ([], [])
    assert login(staff, client="10.0.0.9", now=later)[0]
    with Session(staff) as s:  # the trail says which failures came while locked and whom the admin freed
        trail = s.exec(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [e.reason for e in trail if e.action == "login_failed"][5:7] == [None, "locked"]
    assert [(e.staff_id, e.target_kind, e.target) for e in trail if e.action == "unlock"] == \
        [(admin.id, "account", "t.clerk")]
    with pytest.raises(PermissionError):
        auth.unlock("t.admin", by=login(staff)[1], now=NOW, engine=staff)


def test_many_failures_alert_the_admins_without_locking_anybody_else_out(staff):
    """One client trying many accounts (or many clients one account) is not locked as a whole —
    behind a shared address that would lock everybody out — but the admins are alerted."""
    for n in range(P.alert_after):
        with pytest.raises(auth.LoginRefused):
            login(staff, password="x" * 12, username=f"user{n}", client="10.6.6.6")
    for n in range(P.alert_after):
        with pytest.raises((auth.LoginRefused, auth.LoginLocked)):
            login(staff, password="x" * 12, client=f"10.7.0.{n}")
    assert login(staff, client="10.6.6.6")[0]  # the real person at that address still gets in
    _, alerts = auth.locks(now=NOW, policy=P, engine=staff)
    assert {(a.kind, a.key, a.failures) for a in alerts} == {("client", "10.6.6.6", 20), ("account", "t.clerk", 20)}
    with Session(staff) as s:  # once each, when the threshold was reached
        raised = s.exec(select(AuditEvent).where(AuditEvent.action == "login_alert")).all()
    assert sorted((e.target_kind, e.target) for e in raised) == [("account", "t.clerk"), ("client", "10.6.6.6")]
    _, admin = login(staff, username="t.admin", client="10.0.0.2")
    assert auth.unlock("10.6.6.6", kind="client", by=admin, now=NOW, engine=staff) == 20
    assert {a.kind for a in auth.locks(now=NOW, policy=P, engine=staff)[1]} == {"account"}


def test_no_password_or_token_in_logs_or_audit(staff, caplog):
    caplog.set_level(logging.DEBUG)
    token, _ = login(staff)
    with pytest.raises(auth.LoginRefused):
        login(staff, password="Geheim-Falsch-99")
    auth.logout(token, now=NOW, engine=staff)
    with Session(staff) as s:
        details = [" ".join(str(v) for v in e.model_dump().values()) for e in s.exec(select(AuditEvent)).all()]
    text = caplog.text + "\n".join(details)
    assert {"login", "login_failed", "logout"} <= {w for d in details for w in d.split()}
    for secret in (PASSWORD, "Geheim-Falsch-99", token):
        assert secret not in text
