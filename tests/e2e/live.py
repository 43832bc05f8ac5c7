"""Opening the live pages as staff and the public would."""

from __future__ import annotations

import uuid

from playwright.sync_api import Page, expect

from terminsystem import settings
from terminsystem.office_data import DEMO_PASSWORD
from terminsystem.services import devices
from terminsystem.web import cookies

HUMANITAER = "Humanitär"
BESCHAEFTIGUNG = "Beschäftigung und Familiär"
CLERKS = {HUMANITAER: "h.keller", BESCHAEFTIGUNG: "b.schmid"}


def log_in(page: Page, app, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(app.url + "/anmelden")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()


def open_dashboard(page: Page, app, team: str, room: str) -> Page:
    """A clerk of ``team`` logs in and starts the dashboard in ``room``."""
    log_in(page, app, CLERKS[team])
    page.get_by_label("Raum").select_option(label=room)
    page.get_by_role("button", name="Starten").click()
    expect(page.get_by_role("button", name="Nächste Person aufrufen")).to_be_visible()
    return page


def enrol(page: Page, app, kind: str, name: str) -> int:
    """Make this browser context an enrolled kiosk or display, as the set-up page does (the
    device cookie), without going through the page (one e2e test does that). Returns the id."""
    now = settings.now()
    _, code = devices.create(kind=kind, name=f"{name}-{uuid.uuid4().hex[:6]}", now=now, engine=app.engine)
    secret, info = devices.enrol(code, client="e2e", now=now, engine=app.engine)
    page.context.add_cookies([{"name": cookies.DEVICE, "value": secret, "url": app.url, "httpOnly": True,
                               "sameSite": "Strict"}])
    return info.id


def open_kiosk(page: Page, app, name: str) -> Page:
    enrol(page, app, "kiosk", name)
    page.goto(f"{app.url}/kiosk")
    expect(page.get_by_role("heading", name="QR-Code scannen")).to_be_visible()
    return page


def open_display(page: Page, app, query: str = "") -> Page:
    enrol(page, app, "display", "display")
    page.goto(f"{app.url}/anzeige{query}")
    expect(page.get_by_role("heading", name="Aufruf")).to_be_visible()
    expect(page.locator(".ts-board-ready")).to_have_count(1)  # loaded: calls from now on are new
    return page


def type_birth_date(kiosk: Page, digits: str) -> None:
    kiosk.get_by_role("button", name="Mit Geburtsdatum einchecken").last.click()
    for ch in digits:
        kiosk.get_by_role("button", name=ch, exact=True).click()
    kiosk.get_by_role("button", name="Weiter").click()
