"""Undo, the automatic no-show and the team lead's day overview in real Chromium."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

from playwright.sync_api import expect
from sqlmodel import Session, select

from terminsystem.models import Appointment

from ..helpers import FIGURES
from .live import BESCHAEFTIGUNG, HUMANITAER, log_in, open_dashboard, open_display
from .test_clerk_tools import checked_in
from .test_live_loop import WITHIN


def test_undo_a_call_takes_it_off_the_display_and_back_into_the_queue(app, new_page):
    number = checked_in(app, "duldung", "Lindqvist", date(1979, 9, 9))
    dashboard = open_dashboard(new_page(), app, HUMANITAER, "2.03")
    display = open_display(new_page(1920, 1080), app)
    dashboard.locator("#waiting tr", has_text="Lindqvist").get_by_role("button", name="Aufrufen").click()
    expect(display.locator("#current-calls li", has_text=number)).to_contain_text("2.03")
    expect(dashboard.get_by_text("Ihre letzte Aktion:")).to_contain_text(f"Aufruf {number}")
    started = time.monotonic()
    dashboard.get_by_role("button", name="Rückgängig").click()
    expect(display.locator("#current-calls li", has_text=number)).to_have_count(0, timeout=WITHIN)
    FIGURES.append(f"e2e undo of a call → gone from the display: {round((time.monotonic() - started) * 1000)} ms")
    expect(dashboard.locator("#waiting tr", has_text="Lindqvist")).to_contain_text(number)
    expect(dashboard.get_by_role("status")).to_contain_text("Rückgängig gemacht.")
    expect(dashboard.get_by_role("button", name="Rückgängig")).to_have_count(0)  # only the last action, once


def test_no_show_automatically_after_the_third_call(app, new_page):
    number = checked_in(app, "gestattung", "Haddad", date(1983, 3, 13))
    dashboard = open_dashboard(new_page(), app, HUMANITAER, "1.04")
    dashboard.locator("#waiting tr", has_text="Haddad").get_by_role("button", name="Aufrufen").click()
    row = dashboard.locator("#called tr", has_text="Haddad")
    for calls in (2, 3):
        row.get_by_role("button", name="Erneut aufrufen").click()
        expect(row.locator("td").nth(4)).to_have_text(str(calls))
    # Nobody came: the office's time after the third call (TS_AUTO_NO_SHOW_MIN, 5 min) passes.
    with Session(app.engine) as s:
        appointment = s.exec(select(Appointment).where(Appointment.call_number == number)).one()
        appointment.called_at -= timedelta(minutes=6)
        s.commit()
    finished = dashboard.locator("#finished tr", has_text="Haddad")
    expect(finished).to_contain_text("nicht erschienen", timeout=5000)  # without anybody clicking
    expect(dashboard.locator("#called tr", has_text="Haddad")).to_have_count(0)


def test_team_lead_sees_todays_trail_and_urgent_cases_live(app, new_page):
    mine = checked_in(app, "duldung", "Sato", date(1990, 10, 10))
    theirs = checked_in(app, "blaue_karte", "Moreau", date(1991, 11, 11))
    lead = new_page()
    log_in(lead, app, "l.brandt")
    lead.get_by_role("link", name="Tagesübersicht").click()
    expect(lead.get_by_role("heading", name="Tagesübersicht – Humanitär")).to_be_visible()
    clerk = open_dashboard(new_page(), app, HUMANITAER, "1.05")
    other = open_dashboard(new_page(), app, BESCHAEFTIGUNG, "2.04")
    other.locator("#waiting tr", has_text="Moreau").get_by_role("button", name="Aufrufen").click()
    started = time.monotonic()
    clerk.locator("#waiting tr", has_text="Sato").get_by_role("button", name="Aufrufen").click()
    entry = lead.locator("#audit tr", has_text=mine).filter(has_text="Aufruf")
    entry.wait_for(timeout=WITHIN)
    FIGURES.append(f"e2e clerk's call → team lead's audit trail: {round((time.monotonic() - started) * 1000)} ms")
    expect(entry).to_contain_text("Anna Keller")
    # The other team's trail is theirs: no entry carries their call number (compared cell by cell,
    # since the table's whole text also runs numbers and times together, e.g. "619" + "18:40").
    expect(lead.locator("#audit td.ts-number").filter(has_text=re.compile(rf"^{theirs}$"))).to_have_count(0)
    # An urgent case entered by the clerk shows in the lead's list at once, with its reason.
    clerk.get_by_role("button", name="Dringender Fall").click()
    clerk.get_by_label("Familienname").fill("Abara")
    clerk.get_by_label("Geburtsdatum").fill("05.06.1987")
    clerk.get_by_label("Grund").fill("Arbeitsantritt morgen")
    clerk.get_by_role("button", name="Aufnehmen").click()
    expect(lead.locator("#urgent tr", has_text="Abara")).to_contain_text("Arbeitsantritt morgen", timeout=WITHIN)
    expect(lead.locator("#audit tr", has_text="Dringender Fall angelegt").first).to_contain_text("Anna Keller")


def test_a_clerk_cannot_open_the_overview(app, page):
    log_in(page, app, "h.keller")
    expect(page.get_by_role("button", name="Starten")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("link", name="Tagesübersicht")).to_have_count(0)
    page.goto(app.url + "/team/uebersicht")
    expect(page).to_have_url(re.compile(r"/team/?$"))
    expect(page.locator("#audit")).to_have_count(0)
