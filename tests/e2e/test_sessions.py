"""Staff sessions belong to the browser's HttpOnly cookie, not to a Reflex tab token (findings 4
and 5 of the security review): a closed tab leaves nothing reusable, no handler returns data
without a valid session, and logout or timeout end the session everywhere."""

from __future__ import annotations

import inspect
import re
import time
from datetime import date

from playwright.sync_api import expect
from sqlmodel import Session, func, select

from terminsystem.models import Appointment, AuditEvent
from terminsystem.services import queue
from terminsystem.state.auth import AuthState
from terminsystem.state.clerk import ClerkState
from terminsystem.state.devices import DeviceAdminState
from terminsystem.state.overview import OverviewState
from terminsystem.state.staff_admin import StaffAdminState

from .live import BESCHAEFTIGUNG, HUMANITAER, log_in, open_dashboard, open_kiosk
from .test_live_loop import person
from .test_privacy import forbidden, leaks
from .test_security import waiting_person
from .wire import Wire

STAFF_STATES = (ClerkState, OverviewState, DeviceAdminState, StaffAdminState, AuthState)


def cookie_header(page) -> str:
    return "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())


def tab_token(page) -> str:
    """The Reflex client token of a tab, as a script (or a log) could read it."""
    return page.evaluate("() => window.sessionStorage.getItem('token')")


def test_the_session_cookie_is_httponly_and_strict(app, page):
    open_dashboard(page, app, HUMANITAER, "1.04")
    staff = next(c for c in page.context.cookies() if c["name"] == "ts_staff")
    assert staff["httpOnly"] and staff["sameSite"] == "Strict" and staff["path"] == "/"
    assert page.evaluate("document.cookie") == ""


def test_a_closed_tabs_token_opens_nothing(app, new_page):
    waiting_person(app, "duldung", "Sahebi", date(1970, 10, 10))
    page = new_page()
    dashboard = open_dashboard(page, app, HUMANITAER, "1.05")
    expect(dashboard.locator("#waiting")).to_contain_text("Sahebi")
    token, cookie = tab_token(dashboard), cookie_header(dashboard)
    page.context.close()  # the tab is closed without logging out

    # Someone who got hold of the tab's token (sessionStorage, a log line) connects with it.
    thief = Wire(app, "/team", token=token)
    try:
        thief.send(ClerkState.load, {})
        thief.send(ClerkState.heartbeat, {"_tick": ""})
        text = thief.text()
    finally:
        thief.close()
    assert "Sahebi" not in text
    assert leaks([text], forbidden(app.engine)) == set()
    # The same browser (the cookie) still works, as long as the session is valid: that is the login.
    # (Its page was emptied when the token without the cookie connected: the room is chosen anew.)
    room = next(str(i) for i, name in queue.rooms(engine=app.engine) if name == "1.05")
    owner = Wire(app, "/team", token=token, cookie=cookie)
    try:
        owner.send(ClerkState.load, {})
        owner.send(ClerkState.choose, {"form": {"room": room}})
        assert "Sahebi" in owner.text()
    finally:
        owner.close()


def handler_calls(state_cls) -> list[tuple[object, dict]]:
    """Every public event handler of a staff state, with plausible arguments."""
    calls = []
    for name, handler in state_cls.event_handlers.items():
        params = [p for p in inspect.signature(handler.fn).parameters.values() if p.name != "self"]
        values = {"action": "call", "kind": "account", "key": "h.keller", "team": "1", "device_id": "1",
                  "appointment_id": "1", "query": "a", "form": {"team": "1", "room": "1", "name": "X", "kind": "kiosk"}}
        calls.append((name, handler, {p.name: values.get(p.name, "1") for p in params}))
    return calls


def test_no_staff_handler_gives_anything_without_a_session(app, new_page):
    """Every public handler name of every staff state, sent by a client without a session: nothing
    about people comes back and nothing changes (before, ``refresh`` returned the queue after logout)."""
    victim = waiting_person(app, "gestattung", "Amiri", date(1988, 1, 30))
    # A tab that had the dashboard open and logged out: its state is where the data used to be.
    page = new_page()
    dashboard = open_dashboard(page, app, HUMANITAER, "1.06")
    expect(dashboard.locator("#waiting")).to_contain_text("Amiri")
    token = tab_token(dashboard)
    dashboard.get_by_role("button", name="Abmelden").click()
    expect(dashboard.get_by_text("Sie sind abgemeldet.")).to_be_visible()

    with Session(app.engine) as s:
        audit_before = s.exec(select(func.count()).select_from(AuditEvent)).one()
    sent = []
    wire = Wire(app, "/team", token=token)
    try:
        for state_cls in STAFF_STATES:
            for name, handler, payload in handler_calls(state_cls):
                wire.send(handler, payload)
                sent.append(f"{state_cls.__name__}.{name}")
        for hidden in ("refresh", "_refresh", "_follow", "_clear"):  # helpers are not events
            wire.send(f"{ClerkState.get_full_name()}.{hidden}", {})
        text = wire.text()
    finally:
        wire.close()
    assert {"ClerkState.act", "ClerkState.heartbeat", "OverviewState.unlock", "DeviceAdminState.add",
            "StaffAdminState.create", "StaffAdminState.reset_password"} <= set(sent)
    assert "Amiri" not in text and leaks([text], forbidden(app.engine)) == set()
    with Session(app.engine) as s:
        assert s.get(Appointment, victim).status == "checked_in"
        assert s.exec(select(func.count()).select_from(AuditEvent)).one() == audit_before
    assert "event handler failed" not in app.log.read_text(errors="replace")


def test_logout_in_one_tab_ends_the_session_and_the_pushes_in_every_tab(app, browser, new_page):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    try:
        first = open_dashboard(context.new_page(), app, BESCHAEFTIGUNG, "2.05")
        second = context.new_page()  # a second tab of the same browser: same cookie, same session
        second.goto(app.url + "/team")
        second.get_by_label("Raum").select_option(label="2.06")
        second.get_by_role("button", name="Starten").click()
        expect(second.get_by_role("button", name="Nächste Person aufrufen")).to_be_visible()
        first.get_by_role("button", name="Abmelden").click()
        expect(first.get_by_text("Sie sind abgemeldet.")).to_be_visible()
        # A check-in now must not reach the second tab any more.
        _, token, _ = appointment_for_push(app)
        kiosk = open_kiosk(new_page(), app, "after-logout")
        kiosk.keyboard.type(token)
        kiosk.keyboard.press("Enter")
        expect(kiosk.locator("#call-number")).to_be_visible()
        time.sleep(1.5)
        expect(second.get_by_text("Lindqvist")).to_have_count(0)
        # Its next own action finds the session ended.
        second.get_by_role("button", name="Nächste Person aufrufen").click()
        expect(second).to_have_url(re.compile(r"/anmelden/?$"))
    finally:
        context.close()


def appointment_for_push(app):
    from ..helpers import appointment_today

    return appointment_today(app.engine, "fachkraft", person("Lindqvist", "Sven", date(1985, 8, 8)))


def test_neither_tokens_nor_secrets_reach_the_log(app, page):
    open_dashboard(page, app, HUMANITAER, "1.02")
    values = [c["value"] for c in page.context.cookies()] + [tab_token(page)]
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_text("Sie sind abgemeldet.")).to_be_visible()
    log = app.log.read_text(errors="replace")
    assert all(v and v not in log for v in values)
    log_in(page, app, "h.keller", "falsch-falsch-falsch")
    expect(page.get_by_role("alert")).to_be_visible(timeout=15_000)
    assert "falsch-falsch-falsch" not in app.log.read_text(errors="replace")
