"""Staff login, sessions and locks on a real database."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, select

from terminsystem.domain.auth import AuthPolicy
from terminsystem.models import AuditEvent, Staff, StaffSession
from terminsystem.services import auth

NOW = datetime(2026, 12, 1, 8, 0)
P = AuthPolicy()
PASSWORD = "Sonnenblume-2026"


@pytest.fixture
def staff(office):
    auth.create_staff("t.clerk", "Test Clerk", "clerk", PASSWORD, "humanitaer", engine=office)
    auth.create_staff("t.admin", "Test Admin", "admin", PASSWORD, engine=office)
    return office


def login(engine, password=PASSWORD, username="t.clerk", client="10.0.0.1", now=NOW):
    return auth.login(username, password, client=client, now=now, policy=P, engine=engine)


def test_password_is_stored_as_argon2_hash_only(staff):
    with Session(staff) as s:
        stored = s.exec(select(Staff.password_hash).where(Staff.username == "t.clerk")).one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    with pytest.raises(ValueError):
        auth.create_staff("short", "S", "clerk", "kurz", engine=staff)


def test_fresh_token_at_each_login_dead_after_logout(staff):
    first, who = login(staff)
    second, _ = login(staff)
    assert first != second and who.role == "clerk" and who.team_name == "Humanitär"
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


def test_account_locks_after_failures_for_a_while_and_admin_can_unlock(staff):
    for n in range(6):
        assert auth.login_delay("t.clerk", "10.0.0.9", now=NOW, policy=P, engine=staff) == [0, 0, 1, 2, 4, 8][n]
        with pytest.raises(auth.LoginRefused):
            login(staff, password="falsch-falsch", client="10.0.0.9")
    with pytest.raises(auth.LoginLocked):  # even the right password is refused now
        login(staff, client="10.0.0.9")
    with pytest.raises(auth.LoginLocked):  # from another client too: the account is locked
        login(staff, client="10.0.0.8")
    login(staff, username="t.admin", client="10.0.0.8")  # other accounts are not affected
    assert login(staff, now=NOW + timedelta(minutes=31))[0]  # lock is temporary
    for _ in range(6):
        with pytest.raises(auth.LoginRefused):
            login(staff, password="falsch-falsch", now=NOW + timedelta(minutes=32))
    _, admin = login(staff, username="t.admin")
    later = NOW + timedelta(minutes=33)
    assert [(lock.kind, lock.key) for lock in auth.locks(now=later, policy=P, engine=staff)] == [("account", "t.clerk")]
    assert auth.unlock("t.clerk", by=admin, now=later, engine=staff) >= 6
    assert auth.locks(now=later, policy=P, engine=staff) == []
    assert login(staff, now=later)[0]
    with pytest.raises(PermissionError):
        auth.unlock("t.admin", by=login(staff)[1], now=NOW, engine=staff)


def test_one_client_trying_many_accounts_is_locked(staff):
    for n in range(20):
        with pytest.raises((auth.LoginRefused, auth.LoginLocked)):
            login(staff, password="x" * 12, username=f"user{n}", client="10.6.6.6")
    with pytest.raises(auth.LoginLocked):
        login(staff, client="10.6.6.6")
    assert login(staff, client="10.0.0.2")[0]  # (this forgets the one failure under t.clerk's name)
    locked = auth.locks(now=NOW, policy=P, engine=staff)
    assert [(lock.kind, lock.key, lock.failures) for lock in locked] == [("client", "10.6.6.6", 20)]
    _, admin = login(staff, username="t.admin", client="10.0.0.2")
    assert auth.unlock("10.6.6.6", kind="client", by=admin, now=NOW, engine=staff) == 20
    assert login(staff, client="10.6.6.6")[0]


def test_no_password_or_token_in_logs_or_audit(staff, caplog):
    caplog.set_level(logging.DEBUG)
    token, _ = login(staff)
    with pytest.raises(auth.LoginRefused):
        login(staff, password="Geheim-Falsch-99")
    auth.logout(token, now=NOW, engine=staff)
    with Session(staff) as s:
        details = [f"{e.action} {e.detail}" for e in s.exec(select(AuditEvent)).all()]
    text = caplog.text + "\n".join(details)
    assert {d.split()[0] for d in details} >= {"login", "login_failed", "logout"}
    for secret in (PASSWORD, "Geheim-Falsch-99", token):
        assert secret not in text
