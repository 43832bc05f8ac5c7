"""Kiosks and displays are devices of the office: /kiosk and /anzeige work only in a browser that an
admin enrolled, and stop working when the admin revokes it (finding 1 of the security review: the
kiosk was reachable from any browser anywhere)."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect
from sqlmodel import Session

from terminsystem.domain import status
from terminsystem.models import Appointment
from terminsystem.state.kiosk import KioskState

from ..helpers import appointment_today
from .live import log_in
from .test_live_loop import person
from .wire import Wire

NOT_SET_UP = "Dieses Gerät ist nicht eingerichtet."


def test_kiosk_and_display_show_nothing_in_a_browser_that_is_not_enrolled(app, new_page):
    for path in ("/kiosk", "/anzeige"):
        page = new_page()
        page.goto(app.url + path)
        expect(page.get_by_role("heading", name=NOT_SET_UP)).to_be_visible()
        expect(page.get_by_role("heading", name="QR-Code scannen")).to_have_count(0)
        expect(page.locator("#current-calls, #earlier-calls")).to_have_count(0)


def test_an_unenrolled_browser_cannot_look_up_or_check_in_by_forged_events(app):
    """What the review did from anywhere: look up a birth date and send the QR token — now refused."""
    born = date(1979, 3, 21)
    appointment, token, start = appointment_today(app.engine, "duldung", person("Tadesse", "Hanna", born))
    wire = Wire(app, "/kiosk")
    try:
        wire.send(KioskState.submit_birth_date, {"form": {"value": born.strftime("%d%m%Y")}})
        wire.send(KioskState.choose_time, {"iso": start.isoformat()})
        wire.send(KioskState.scan, {"form": {"code": token}})
        text = wire.text()
    finally:
        wire.close()
    assert start.strftime("%H:%M") not in text and "call_number" not in text.replace('"call_number_rx_state_": ""', "")
    assert '"enrolled_rx_state_": "no"' in text
    with Session(app.engine) as s:
        assert s.get(Appointment, appointment).status == status.BOOKED


def test_admin_enrols_a_kiosk_with_a_one_time_code_and_revokes_it(app, new_page):
    admin = new_page()
    log_in(admin, app, "admin")
    expect(admin.get_by_role("link", name="Tagesübersicht")).to_be_visible(timeout=15_000)
    admin.goto(app.url + "/admin/geraete")
    admin.get_by_label("Name").fill("Kiosk Foyer Test")
    admin.get_by_label("Art").select_option(label="Check-in-Terminal")
    admin.get_by_label("Standort").fill("Erdgeschoss")
    admin.get_by_role("button", name="Gerät anlegen").click()
    expect(admin.locator("#enrolment-code")).to_have_text(re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$"))
    link = admin.locator("#enrolment-link").inner_text()
    row = admin.locator("#devices tr", has_text="Kiosk Foyer Test")
    expect(row).to_contain_text("wartet auf Einrichtung")

    code = admin.locator("#enrolment-code").inner_text()
    kiosk = new_page()
    kiosk.goto(link)
    expect(kiosk.get_by_label("Einrichtungscode")).to_have_value(code)  # filled in from the link
    kiosk.get_by_role("button", name="Einrichten").click()
    expect(kiosk.get_by_role("heading", name="QR-Code scannen")).to_be_visible()
    assert kiosk.evaluate("document.cookie") == ""  # the device secret is not readable by scripts
    device_cookie = next(c for c in kiosk.context.cookies() if c["name"] == "ts_device")
    assert device_cookie["httpOnly"] and device_cookie["sameSite"] == "Strict"

    # The code was used up: a second browser gets a neutral refusal.
    other = new_page()
    other.goto(link)
    expect(other.get_by_label("Einrichtungscode")).to_have_value(code)
    other.get_by_role("button", name="Einrichten").click()
    expect(other.get_by_role("alert")).to_contain_text("ungültig, schon benutzt oder abgelaufen")
    other.goto(app.url + "/kiosk")
    expect(other.get_by_role("heading", name=NOT_SET_UP)).to_be_visible()

    admin.reload()
    row = admin.locator("#devices tr", has_text="Kiosk Foyer Test")
    expect(row).to_contain_text("eingerichtet")
    row.get_by_role("button", name="Sperren").click()
    expect(row).to_contain_text("gesperrt")
    # The kiosk's very next action finds it revoked.
    kiosk.get_by_role("button", name="Mit Geburtsdatum einchecken").last.click()
    expect(kiosk.get_by_role("heading", name=NOT_SET_UP)).to_be_visible()
