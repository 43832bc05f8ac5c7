"""Screenshots of every page in headless Chromium, for the README and for looking at the UI.

Usage: python scripts/screenshots.py http://127.0.0.1:8000 docs/screenshots [terminsystem.db]
With the database of a demo run (`make run`), it also enrols a kiosk and a display in that
database and checks a demo person in at the kiosk, so the dashboard and the display have something
to show (needs a demo appointment within the check-in window, i.e. during the demo day 07:00–17:45).
"""

import sqlite3
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from the project folder

from terminsystem import db as database  # noqa: E402
from terminsystem import settings  # noqa: E402
from terminsystem.office_data import DEMO_PASSWORD  # noqa: E402
from terminsystem.services import devices  # noqa: E402
from terminsystem.web import cookies  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def booking(page, base: str, out: Path, prefix: str) -> None:
    page.goto(base + "/")
    page.get_by_role("button", name="Blaue Karte EU").wait_for()
    page.screenshot(path=out / f"{prefix}-1-concern.png", full_page=True)
    page.get_by_role("button", name="Blaue Karte EU").click()
    page.get_by_role("heading", name="Bitte bringen Sie mit").wait_for()
    page.screenshot(path=out / f"{prefix}-2-documents.png", full_page=True)
    page.get_by_role("button", name="Weiter zur Terminwahl").click()
    page.locator("button.ts-day:not([disabled])").first.click()
    page.locator(".ts-times button").first.wait_for()
    page.screenshot(path=out / f"{prefix}-3-time.png", full_page=True)
    page.locator(".ts-times button").first.click()
    page.get_by_role("button", name="Termin verbindlich buchen").click()
    page.get_by_role("alert").first.wait_for()
    page.screenshot(path=out / f"{prefix}-4-errors.png", full_page=True)
    page.get_by_label("Familienname").fill("Mustermann" if prefix == "phone" else "Musterfrau")  # one booking each
    page.get_by_label("Vorname").fill("Erika")
    page.get_by_label("Geburtsdatum").fill("12.08.1964")
    page.get_by_label("E-Mail").fill("erika@example.org")
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Termin verbindlich buchen").click()
    page.get_by_role("img", name="QR-Code").wait_for()
    page.screenshot(path=out / f"{prefix}-5-confirmation.png", full_page=True)
    # The manage link: the booking, then moving it to another day.
    page.goto(base + page.locator("#manage-link").get_attribute("href"))
    page.get_by_role("button", name="Termin verschieben").wait_for()
    page.screenshot(path=out / f"{prefix}-6-manage.png", full_page=True)
    page.get_by_role("button", name="Termin verschieben").click()
    page.locator("button.ts-day:not([disabled])").nth(2).click()
    page.locator(".ts-times button").nth(1).click()
    page.get_by_role("heading", name="Termin verschieben?").wait_for()
    page.screenshot(path=out / f"{prefix}-7-move.png", full_page=True)


def device_page(browser, base: str, db: str, kind: str, viewport: dict):
    """A page in a browser enrolled as a kiosk or display (the device cookie), as the set-up page does."""
    engine = database.make_engine(f"sqlite:///{db}")
    _, code = devices.create(kind=kind, name=f"Screenshots {kind} {datetime.now():%H%M%S%f}", now=settings.now(),
                             engine=engine)
    secret, _ = devices.enrol(code, client="screenshots", now=settings.now(), engine=engine)
    engine.dispose()
    context = browser.new_context(viewport=viewport, locale="de-DE")
    context.add_cookies([{"name": cookies.DEVICE, "value": secret, "url": base, "httpOnly": True,
                          "sameSite": "Strict"}])
    return context.new_page()


def devices_admin(browser, base: str, out: Path) -> None:
    """The not-set-up notice of a kiosk in a strange browser, and the admin's device page."""
    stranger = browser.new_page(viewport={"width": 1280, "height": 800})
    stranger.goto(base + "/kiosk")
    stranger.get_by_role("heading", name="Dieses Gerät ist nicht eingerichtet.").wait_for()
    stranger.screenshot(path=out / "device-1-not-set-up.png")
    admin = browser.new_page(viewport={"width": 1280, "height": 900})
    admin.goto(base + "/anmelden")
    admin.get_by_label("Benutzername").fill("admin")
    admin.get_by_label("Passwort").fill(DEMO_PASSWORD)
    admin.get_by_role("button", name="Anmelden").click()
    admin.get_by_role("button", name="Starten").wait_for()
    admin.goto(base + "/admin/geraete")
    admin.get_by_label("Name").fill(f"Kiosk Foyer {datetime.now():%H%M%S}")
    admin.get_by_label("Standort").fill("Erdgeschoss, Eingang")
    admin.get_by_role("button", name="Gerät anlegen").click()
    admin.locator("#enrolment-code").wait_for()
    admin.screenshot(path=out / "devices-1-admin.png", full_page=True)


def _login(browser, base: str, username: str, viewport=None):
    page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
    page.goto(base + "/anmelden")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/team**")
    return page


def administration(browser, base: str, out: Path) -> None:
    """The administration: opening hours with the bookings a closed day would hit, a concern's texts
    in every language, teams and rooms, staff accounts; the team lead's statistics."""
    admin = _login(browser, base, "admin")
    admin.goto(base + "/team/zeiten")
    admin.locator("#windows tr").first.wait_for()
    admin.screenshot(path=out / "admin-1-hours.png", full_page=True)
    tomorrow = datetime.now(ZoneInfo("Europe/Berlin")).date() + timedelta(days=1)
    busy = next(tomorrow + timedelta(days=n) for n in range(7) if (tomorrow + timedelta(days=n)).weekday() < 5)
    admin.get_by_label("Tag", exact=True).fill(busy.isoformat())
    admin.get_by_label("Grund").fill("Personalversammlung")
    admin.get_by_role("button", name="Schließtag eintragen").click()
    admin.locator("#affected").wait_for()
    admin.screenshot(path=out / "admin-2-closed-day-affected.png")
    admin.get_by_role("button", name="Zurück, nichts ändern").click()
    admin.goto(base + "/admin/anliegen")
    admin.locator("#concerns tr", has_text="Blaue Karte").get_by_role("button", name="Bearbeiten").click()
    admin.get_by_role("form", name="Anliegen bearbeiten").wait_for()
    admin.screenshot(path=out / "admin-3-concern.png")
    admin.goto(base + "/admin/amt")
    admin.locator("#rooms tr").first.wait_for()
    admin.screenshot(path=out / "admin-4-teams-rooms.png")
    admin.goto(base + "/admin/mitarbeitende")
    admin.wait_for_timeout(1500)
    admin.screenshot(path=out / "admin-5-staff.png", full_page=True)
    lead = _login(browser, base, "l.brandt")
    lead.goto(base + "/team/statistik")
    lead.locator("svg.recharts-surface").first.wait_for()
    lead.wait_for_timeout(1000)
    lead.screenshot(path=out / "statistics-1-team-lead.png", full_page=True)


def live(browser, base: str, out: Path, db: str) -> None:
    now = datetime.now(ZoneInfo("Europe/Berlin")).replace(tzinfo=None)
    row = sqlite3.connect(db).execute(
        "select a.birth_date, a.starts_at, t.name from appointment a join team t on t.id = a.team_id "
        "where a.status = 'booked' and a.starts_at between ? and ? order by a.starts_at",
        ((now - timedelta(minutes=14)).isoformat(" "), (now + timedelta(minutes=59)).isoformat(" ")),
    ).fetchone()
    if row is None:
        print("no demo appointment in the check-in window now: skipping kiosk, dashboard and display")
        return
    born, start, team = row
    clerk = browser.new_page(viewport={"width": 1280, "height": 900})
    clerk.goto(base + "/anmelden")
    clerk.get_by_label("Benutzername").fill("h.keller" if team == "Humanitär" else "b.schmid")
    clerk.get_by_label("Passwort").fill(DEMO_PASSWORD)
    clerk.get_by_role("button", name="Anmelden").click()
    clerk.get_by_label("Raum").select_option(label="1.04")
    clerk.get_by_role("button", name="Starten").click()
    display = device_page(browser, base, db, "display", {"width": 1920, "height": 1080})
    display.goto(base + "/anzeige")
    kiosk = device_page(browser, base, db, "kiosk", {"width": 1280, "height": 1024})
    kiosk.goto(base + "/kiosk")
    kiosk.get_by_role("heading", name="QR-Code scannen").wait_for()
    kiosk.screenshot(path=out / "kiosk-1-start.png")
    kiosk.get_by_role("button", name="Mit Geburtsdatum einchecken").last.click()
    year, month, day = born.split("-")
    for ch in day + month + year:
        kiosk.get_by_role("button", name=ch, exact=True).click()
    kiosk.screenshot(path=out / "kiosk-2-birth-date.png")
    kiosk.get_by_role("button", name="Weiter").click()
    kiosk.get_by_role("button", name=start[11:16], exact=True).click()
    number = kiosk.locator("#call-number").inner_text()
    kiosk.screenshot(path=out / "kiosk-3-number.png")
    clerk.locator("#waiting").get_by_text(number, exact=True).wait_for()
    clerk.screenshot(path=out / "clerk-1-new-check-in.png", full_page=True)
    clerk.get_by_role("button", name="Nächste Person aufrufen").click()
    display.locator("#current-calls").get_by_text(number, exact=True).wait_for()
    display.wait_for_timeout(3500)  # after the highlight
    display.screenshot(path=out / "display-1-call.png")
    clerk.screenshot(path=out / "clerk-2-called-with-undo.png")
    lead = browser.new_page(viewport={"width": 1280, "height": 900})
    lead.goto(base + "/anmelden")
    lead.get_by_label("Benutzername").fill("l.brandt" if team == "Humanitär" else "l.weber")
    lead.get_by_label("Passwort").fill(DEMO_PASSWORD)
    lead.get_by_role("button", name="Anmelden").click()
    lead.get_by_role("link", name="Tagesübersicht").click()
    lead.locator("#audit").get_by_text(number).first.wait_for()
    lead.screenshot(path=out / "overview-1-team-lead.png", full_page=True)


def urgent(browser, base: str, out: Path) -> None:
    """The urgent request: the form with a date too far ahead (German), the receipt (Arabic)."""
    from datetime import date, timedelta

    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1, locale="de-DE")
    page = context.new_page()
    for lang, expires, name in (("de", date.today() + timedelta(weeks=12), "urgent-1-form-errors"),
                                ("ar", date.today() + timedelta(days=9), "urgent-2-receipt-ar")):
        page.goto(base + f"/dringend?lang={lang}")
        page.locator("html[dir]").wait_for(state="attached")
        page.locator("#concern").select_option(index=2)
        page.locator("#permit_kind").select_option("duldung")
        page.locator("#permit_expires").fill(expires.strftime("%d.%m.%Y"))
        page.locator("#family_name").fill("Haddad")
        page.locator("#given_names").fill("Amal")
        page.locator("#birth_date").fill("17.05.1990")
        page.locator("#email").fill("amal@example.org")
        page.locator("#description").fill("Arbeitsvertrag ab dem 1. des Monats")
        if lang == "ar":
            page.locator("#consent").check()
        page.locator("form button[type=submit]").click()
        page.locator("#request-number" if lang == "ar" else "#permit_expires-error:not(:empty)").wait_for()
        page.screenshot(path=out / f"{name}.png", full_page=True)
    # The waitlist's join form (reached from the calendar when a concern has no free day).
    page.goto(base + "/warteliste/eintragen?anliegen=blaue_karte&lang=de")
    page.locator("#family_name").fill("Wartende")
    page.locator("#given_names").fill("Amal")
    page.locator("#birth_date").fill("03.04.1988")
    page.locator("#email").fill("amal@example.org")
    page.screenshot(path=out / "waitlist-1-join.png", full_page=True)
    context.close()


def main(base: str, out: str, db: str | None = None) -> None:
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for prefix, viewport in (("phone", {"width": 360, "height": 740}), ("desktop", {"width": 1280, "height": 900})):
            context = browser.new_context(viewport=viewport, device_scale_factor=1, locale="de-DE")
            booking(context.new_page(), base, target, prefix)
            context.close()
        devices_admin(browser, base, target)
        administration(browser, base, target)
        urgent(browser, base, target)
        if db:
            live(browser, base, target, db)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
