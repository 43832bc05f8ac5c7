"""Staff handlers are checked on the server: without a login, or for another team's appointment,
nothing changes — even when the event is forged on the websocket, bypassing the page."""

from __future__ import annotations

import json
import re
import time
from datetime import date

from playwright.sync_api import Page, expect
from sqlmodel import Session, delete, func, select

from terminsystem import settings
from terminsystem.domain import status
from terminsystem.domain.checkin import CheckinPolicy
from terminsystem.models import Appointment, LoginFailure
from terminsystem.office_data import DEMO_PASSWORD
from terminsystem.services import checkin

from ..helpers import appointment_today
from .live import BESCHAEFTIGUNG, HUMANITAER, log_in, open_dashboard, open_kiosk
from .test_live_loop import person

CLERK_STATE = "reflex___state____state.terminsystem___state___clerk____clerk_state"
OVERVIEW_STATE = "reflex___state____state.terminsystem___state___overview____overview_state"


def waiting_person(app, code: str, family: str, born: date) -> int:
    appointment_id, token, _ = appointment_today(app.engine, code, person(family, "Mira", born))
    assert checkin.by_token(token, now=settings.now(), policy=CheckinPolicy(), engine=app.engine).ok
    return appointment_id


def status_of(app, appointment_id: int) -> str:
    with Session(app.engine) as s:
        return s.get(Appointment, appointment_id).status


def forge(page: Page, when_name_ends: str, name: str, payload: dict) -> list[str]:
    """Rewrite the page's next outgoing event whose name ends with ``when_name_ends`` into another
    event, as an attacker with the browser's developer tools could."""
    forged: list[str] = []

    def route(ws):
        server = ws.connect_to_server()

        def outgoing(message):
            prefix = "42/_event,"
            if isinstance(message, str) and message.startswith(prefix) and not forged:
                kind, event = json.loads(message[len(prefix):])
                if event["name"].endswith(when_name_ends):
                    event["name"], event["payload"] = name, payload
                    forged.append(name)
                    message = prefix + json.dumps([kind, event])
            server.send(message)

        ws.on_message(outgoing)
        server.on_message(lambda message: ws.send(message))

    page.route_web_socket("**/_event/**", route)
    return forged


def test_dashboard_needs_a_login(app, page):
    page.goto(app.url + "/team")
    expect(page).to_have_url(re.compile(r"/anmelden/?$"))
    expect(page.get_by_role("heading", name="Anmeldung für Mitarbeitende")).to_be_visible()


def test_forged_staff_event_without_login_is_refused(app, page):
    victim = waiting_person(app, "gestattung", "Ivanova", date(1977, 7, 7))
    # On the public kiosk, the event of a button is turned into a clerk's "call" for a waiting person.
    forged = forge(page, ".start_birth_date", f"{CLERK_STATE}.act", {"action": "call", "appointment_id": str(victim)})
    open_kiosk(page, app, "forged")
    page.get_by_role("button", name="Mit Geburtsdatum einchecken").last.click()
    expect(page).to_have_url(re.compile(r"/anmelden/?$"))  # the handler ran and sent it to the login
    assert forged == [f"{CLERK_STATE}.act"]
    assert status_of(app, victim) == status.CHECKED_IN


def test_clerk_cannot_call_the_other_teams_person_by_forging_the_id(app, new_page):
    theirs = waiting_person(app, "blaue_karte", "Kaya", date(1988, 8, 8))
    mine = waiting_person(app, "duldung", "Osman", date(1966, 6, 6))
    page = new_page()
    dashboard = open_dashboard(page, app, HUMANITAER, "1.06")
    forged = forge(page, ".act", f"{CLERK_STATE}.act", {"action": "call", "appointment_id": str(theirs)})
    dashboard.reload()
    dashboard.locator("#waiting tr", has_text="Osman").get_by_role("button", name="Aufrufen").click()
    expect(dashboard.get_by_text("Das ist in diesem Zustand nicht möglich.")).to_be_visible()
    assert forged == [f"{CLERK_STATE}.act"]
    assert status_of(app, theirs) == status.CHECKED_IN
    assert status_of(app, mine) == status.CHECKED_IN
    other = open_dashboard(new_page(), app, BESCHAEFTIGUNG, "2.06")
    expect(other.locator("#waiting")).to_contain_text("Kaya")


def test_session_is_dead_after_logout(app, page):
    open_dashboard(page, app, HUMANITAER, "1.01")
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_text("Sie sind abgemeldet.")).to_be_visible()
    page.goto(app.url + "/team")
    expect(page).to_have_url(re.compile(r"/anmelden/?$"))
    assert DEMO_PASSWORD not in app.log.read_text(errors="replace")


def wait_for_failures(app, count: int) -> None:
    for _ in range(300):
        with Session(app.engine) as s:
            if s.exec(select(func.count()).select_from(LoginFailure)).one() >= count:
                return
        time.sleep(0.1)
    raise AssertionError(f"expected {count} failed logins")


def wait_for_log(app, text: str) -> None:
    for _ in range(100):
        if text in app.log.read_text(errors="replace"):
            return
        time.sleep(0.1)
    raise AssertionError(f"not in the app's log: {text}")


def failures_of(app, username: str) -> int:
    with Session(app.engine) as s:
        return s.exec(select(func.count()).select_from(LoginFailure).where(LoginFailure.username == username)).one()


def test_repeated_failed_logins_lock_the_account_and_an_admin_unlocks_it(app, page, new_page):
    try:
        for n in range(1, 7):
            log_in(page, app, "l.weber", "falsches-Passwort")
            expect(page.get_by_role("alert")).to_contain_text("Benutzername oder Passwort ist falsch", timeout=15_000)
            wait_for_failures(app, n)  # each attempt waits longer than the one before
        log_in(page, app, "l.weber")  # the right password, but locked now
        expect(page.get_by_role("alert")).to_contain_text("Zu viele Fehlversuche", timeout=15_000)
        clerk = new_page()
        log_in(clerk, app, "h.keller")  # another account from elsewhere is not locked
        expect(clerk.get_by_role("button", name="Starten")).to_be_visible(timeout=15_000)
        # A clerk cannot unlock, even by forging the admin's event.
        forged = forge(clerk, ".choose", f"{OVERVIEW_STATE}.unlock", {"kind": "account", "key": "l.weber"})
        clerk.reload()
        clerk.get_by_label("Raum").select_option(label="1.03")
        clerk.get_by_role("button", name="Starten").click()
        wait_for_log(app, "day overview refused to h.keller (role clerk)")  # the handler ran and refused
        assert forged == [f"{OVERVIEW_STATE}.unlock"] and failures_of(app, "l.weber") >= 7
        # The admin sees the lock in the day overview and lifts it.
        admin = new_page()
        log_in(admin, app, "admin")
        expect(admin.get_by_role("link", name="Tagesübersicht")).to_be_visible(timeout=15_000)
        admin.get_by_role("link", name="Tagesübersicht").click()
        lock = admin.locator("#locks tr", has_text="l.weber")
        expect(lock).to_contain_text("127.0.0.1")  # locked for the address the failures came from
        lock.get_by_role("button", name="Entsperren").click()
        expect(admin.get_by_text("Zurzeit ist nichts gesperrt.")).to_be_visible()
        expect(admin.locator("#audit tr", has_text="Entsperrt").first).to_contain_text("Benutzerkonto l.weber")
        assert failures_of(app, "l.weber") == 0
        log_in(page, app, "l.weber")
        expect(page.get_by_role("link", name="Tagesübersicht")).to_be_visible(timeout=15_000)
    finally:  # the failures here must not slow the logins of later tests (same client address)
        with Session(app.engine) as s:
            s.exec(delete(LoginFailure))
            s.commit()
