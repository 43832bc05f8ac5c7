"""Opening the live pages as staff and the public would."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from terminsystem.office_data import DEMO_PASSWORD

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


def open_kiosk(page: Page, app, name: str) -> Page:
    page.goto(f"{app.url}/kiosk?kiosk={name}")
    expect(page.get_by_role("heading", name="QR-Code scannen")).to_be_visible()
    return page


def open_display(page: Page, app, query: str = "") -> Page:
    page.goto(f"{app.url}/anzeige{query}")
    expect(page.get_by_role("heading", name="Aufruf")).to_be_visible()
    expect(page.locator(".ts-board-ready")).to_have_count(1)  # loaded: calls from now on are new
    return page


def type_birth_date(kiosk: Page, digits: str) -> None:
    kiosk.get_by_role("button", name="Mit Geburtsdatum einchecken").last.click()
    for ch in digits:
        kiosk.get_by_role("button", name=ch, exact=True).click()
    kiosk.get_by_role("button", name="Weiter").click()
