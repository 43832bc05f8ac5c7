"""Pushes reach a staff page only while its login session is valid: not after logout (in any tab),
not after the idle timeout, and a page tied to no session or device gets nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from terminsystem import live
from terminsystem.domain.auth import CLERK, AuthPolicy
from terminsystem.services import auth

NOW = datetime(2026, 12, 1, 8, 0)
P = AuthPolicy()
PASSWORD = "Sonnenblume-2026"


def test_pushes_follow_the_session(office, monkeypatch):
    monkeypatch.setattr("terminsystem.settings.auth_policy", lambda: P)
    auth.create_staff("t.clerk", "Test Clerk", CLERK, PASSWORD, "humanitaer", engine=office)
    token, who = auth.login("t.clerk", PASSWORD, client="10.0.0.1", now=NOW, policy=P, engine=office)
    channel = live.team_channel(who.team_id)
    for tab in ("tab-1", "tab-2"):
        live.subscribe(tab, channel, "clerk", NOW, session_id=who.session_id, engine=office)
    live.subscribe("tab-without", channel, "clerk", NOW, engine=office)
    assert sorted(t for t, _ in live.subscribers(channel, now=NOW, engine=office)) == ["tab-1", "tab-2"]
    idle = NOW + P.idle_timeout + timedelta(seconds=1)
    assert live.subscribers(channel, now=idle, engine=office) == []  # idle: no more pushes
    auth.resolve(token, now=NOW + timedelta(minutes=5), policy=P, engine=office)  # the person acts
    assert len(live.subscribers(channel, now=NOW + timedelta(minutes=6), engine=office)) == 2
    auth.logout(token, now=NOW + timedelta(minutes=7), engine=office)  # in one tab: ends both
    assert live.subscribers(channel, now=NOW + timedelta(minutes=7), engine=office) == []
