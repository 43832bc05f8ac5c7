"""Staff accounts in the browser: an admin creates a clerk, whose first login leads to the password
page and nowhere else until a new password is set; a reset link works once; a clerk can neither
open the admin page nor use its handlers, not even by forging the events on the websocket."""

from __future__ import annotations

import inspect
import re

from playwright.sync_api import Page, expect
from sqlmodel import Session, func, select

from terminsystem.models import AuditEvent, Staff
from terminsystem.state.staff_admin import StaffAdminState

from .live import log_in
from .test_security import wait_for_log
from .test_sessions import cookie_header
from .wire import Wire

ADMIN_PAGE = "/admin/mitarbeitende"
INITIAL = re.compile(r"^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$")


def open_admin_page(page: Page, app) -> Page:
    log_in(page, app, "admin")
    expect(page.get_by_role("link", name="Tagesübersicht")).to_be_visible(timeout=15_000)
    page.goto(app.url + ADMIN_PAGE)
    expect(page.get_by_role("heading", name="Mitarbeitende")).to_be_visible()
    return page


def create_clerk(admin: Page, username: str, name: str) -> str:
    """Create a clerk of the Humanitär team on the admin page; returns the initial password shown."""
    form = admin.get_by_role("form", name="Neues Konto")
    form.get_by_label("Benutzername").fill(username)
    form.get_by_label("Name", exact=True).fill(name)
    form.get_by_label("Rolle").select_option(label="Sachbearbeitung")
    form.get_by_label("Team", exact=True).select_option(label="Humanitär")
    form.get_by_role("button", name="Konto anlegen").click()
    expect(admin.get_by_role("status").filter(has_text="Startpasswort für")).to_contain_text(username)
    expect(admin.locator("#initial-password")).to_have_text(INITIAL)
    return admin.locator("#initial-password").inner_text()


def set_password(page: Page, password: str) -> None:
    page.get_by_label("Neues Passwort", exact=True).fill(password)
    page.get_by_label("Neues Passwort wiederholen").fill(password)
    page.get_by_role("button", name="Passwort speichern").click()


def test_a_new_clerk_must_set_a_new_password_before_reaching_the_queue(app, new_page):
    admin = open_admin_page(new_page(), app)
    initial = create_clerk(admin, "e2e.neu", "Erika Neu")
    expect(admin.locator("#accounts tr", has_text="e2e.neu")).to_contain_text("muss Passwort ändern")
    # Field problems are shown at the field they concern, and announced.
    create_form = admin.get_by_role("form", name="Neues Konto")
    create_form.get_by_label("Benutzername").fill("E2E.Neu")
    create_form.get_by_label("Name", exact=True).fill("Doppelt")
    create_form.get_by_role("button", name="Konto anlegen").click()
    expect(admin.get_by_role("alert")).to_contain_text("Bitte prüfen Sie die markierten Felder.")
    username = create_form.get_by_label("Benutzername")
    expect(username).to_have_attribute("aria-invalid", "true")
    expect(admin.locator("#new-username-error")).to_have_text("Diesen Benutzernamen gibt es schon.")
    assert "new-username-error" in username.get_attribute("aria-describedby")

    clerk = new_page()
    log_in(clerk, app, "e2e.neu", initial)
    expect(clerk).to_have_url(re.compile(r"/konto/passwort/?$"), timeout=15_000)
    expect(clerk.get_by_role("heading", name="Neues Passwort festlegen")).to_be_visible()
    expect(clerk.get_by_label("Benutzername")).to_have_value("e2e.neu")
    for page in ("/team", "/team/termine", "/team/uebersicht", ADMIN_PAGE):  # every staff page sends it back
        clerk.goto(app.url + page)
        expect(clerk).to_have_url(re.compile(r"/konto/passwort/?$"))
    expect(clerk.get_by_role("button", name="Starten")).to_have_count(0)

    set_password(clerk, initial)
    expect(clerk.get_by_role("alert")).to_contain_text("nicht gespeichert")
    expect(clerk.locator("#password-error")).to_have_text("Das neue Passwort muss sich vom Startpasswort unterscheiden.")
    expect(clerk.get_by_label("Neues Passwort", exact=True)).to_have_attribute("aria-invalid", "true")
    set_password(clerk, "Erikas-eigenes-2026")
    expect(clerk).to_have_url(re.compile(r"/team/?$"))
    expect(clerk.get_by_role("button", name="Starten")).to_be_visible()  # the session continued

    admin.reload()
    row = admin.locator("#accounts tr", has_text="e2e.neu")
    expect(row).to_contain_text("aktiv")
    expect(row).not_to_contain_text("muss Passwort ändern")
    row.get_by_role("button", name="Deaktivieren").click()
    expect(row).to_contain_text("deaktiviert")
    clerk.get_by_role("button", name="Starten").click()  # logged out at once: the next action finds it
    expect(clerk).to_have_url(re.compile(r"/anmelden/?$"))


def test_a_reset_link_sets_a_new_password_once(app, new_page):
    admin = open_admin_page(new_page(), app)
    initial = create_clerk(admin, "e2e.link", "Lina Link")
    row = admin.locator("#accounts tr", has_text="e2e.link")
    row.get_by_role("button", name="Link zum Zurücksetzen").click()
    expect(admin.locator("#reset-link")).to_contain_text("/konto/neues-passwort?t=")
    expect(admin.locator("#initial-password")).to_have_count(0)  # the earlier password is gone from the page
    link = admin.locator("#reset-link").inner_text()
    admin.get_by_role("button", name="Ausblenden").click()
    expect(admin.locator("#reset-link")).to_have_count(0)

    person = new_page()
    person.goto(link)
    expect(person.get_by_label("Benutzername")).to_have_value("e2e.link")
    set_password(person, "kurz-123")  # the browser lets it through (no minlength): the server says why
    expect(person.locator("#password-error")).to_have_text("Das Passwort ist zu kurz: mindestens 10 Zeichen.")
    set_password(person, "Linas-neues-Passwort")
    expect(person.get_by_role("status")).to_contain_text("Ihr neues Passwort ist gespeichert.")
    person.goto(link)
    expect(person.get_by_role("alert")).to_contain_text("ungültig, schon benutzt oder abgelaufen")
    expect(person.get_by_label("Neues Passwort", exact=True)).to_have_count(0)

    log_in(person, app, "e2e.link", initial)  # the initial password is gone
    expect(person.get_by_role("alert")).to_contain_text("Benutzername oder Passwort ist falsch", timeout=15_000)
    log_in(person, app, "e2e.link", "Linas-neues-Passwort")
    expect(person).to_have_url(re.compile(r"/team/?$"), timeout=15_000)


def every_handler(staff_id: str) -> list[tuple[str, object, dict]]:
    """Every public event handler of the admin page, with arguments that would change something."""
    values = {"staff_id": staff_id, "form": {"username": "forged.admin", "display_name": "Forged", "role": "admin",
                                             "team": ""}}
    return [(name, handler, {p: values.get(p, "1") for p in inspect.signature(handler.fn).parameters if p != "self"})
            for name, handler in StaffAdminState.event_handlers.items()]


def staff_rows(app) -> list[tuple]:
    with Session(app.engine) as s:
        return [tuple(row.model_dump().values()) for row in s.exec(select(Staff).order_by(Staff.id)).all()]


def test_a_clerk_can_neither_open_the_staff_admin_page_nor_call_its_handlers(app, new_page):
    clerk = new_page()
    log_in(clerk, app, "h.yilmaz")
    expect(clerk.get_by_role("button", name="Starten")).to_be_visible(timeout=15_000)
    clerk.goto(app.url + ADMIN_PAGE)
    expect(clerk).to_have_url(re.compile(r"/team/?$"))
    expect(clerk.locator("#accounts")).to_have_count(0)

    with Session(app.engine) as s:
        admin_id = s.exec(select(Staff.id).where(Staff.username == "admin")).one()
        audit_before = s.exec(select(func.count()).select_from(AuditEvent)
                              .where(AuditEvent.action.in_(("admin_add", "admin_change", "unlock")))).one()
    rows_before = staff_rows(app)
    # The clerk's own session cookie, on a hand-made websocket client: every admin handler.
    wire = Wire(app, ADMIN_PAGE, cookie=cookie_header(clerk))
    sent = []
    try:
        for name, handler, payload in every_handler(str(admin_id)):
            wire.send(handler, payload)
            sent.append(name)
        text = wire.text()
    finally:
        wire.close()
    assert {"create", "deactivate", "reset_password", "reset_link", "save", "unlock"} <= set(sent)
    wait_for_log(app, "staff admin refused to h.yilmaz (role clerk)")
    assert staff_rows(app) == rows_before
    with Session(app.engine) as s:
        assert s.exec(select(func.count()).select_from(AuditEvent)
                      .where(AuditEvent.action.in_(("admin_add", "admin_change", "unlock")))).one() == audit_before
    assert "forged.admin" not in text and "b.novak" not in text and "Petra Novak" not in text
    assert not re.search(INITIAL.pattern.strip("^$"), text) and "neues-passwort?t=" not in text
