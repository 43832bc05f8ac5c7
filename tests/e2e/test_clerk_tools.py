"""The clerk's tools in real Chromium: transfer to the other team (live, with the note and the
call number kept), recall (the display calls again, at most three times), park and priority."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

from playwright.sync_api import expect
from sqlmodel import Session

from terminsystem import settings
from terminsystem.domain.checkin import CheckinPolicy
from terminsystem.models import Appointment
from terminsystem.services import checkin

from ..helpers import FIGURES, appointment_today
from .live import BESCHAEFTIGUNG, HUMANITAER, open_dashboard, open_display
from .test_live_loop import WITHIN, person


def checked_in(app, code: str, family: str, born: date) -> str:
    _, token, _ = appointment_today(app.engine, code, person(family, "Mira", born))
    outcome = checkin.by_token(token, now=settings.now(), policy=CheckinPolicy(), engine=app.engine)
    assert outcome.ok
    return outcome.call_number


def test_transfer_reaches_the_other_team_within_1s(app, new_page):
    number = checked_in(app, "duldung", "Yilmaz", date(1984, 4, 4))
    mine = open_dashboard(new_page(), app, HUMANITAER, "1.02")
    theirs = open_dashboard(new_page(), app, BESCHAEFTIGUNG, "2.02")
    row = mine.locator("#waiting tr", has_text="Yilmaz")
    row.get_by_role("button", name="Übergeben").click()
    mine.get_by_label("Notiz für das andere Team").fill("Arbeitsvertrag liegt vor")
    started = time.monotonic()
    mine.get_by_role("dialog").get_by_role("button", name="Übergeben").click()
    arrived = theirs.locator("#waiting tr", has_text="Yilmaz")
    arrived.wait_for(timeout=WITHIN)
    FIGURES.append(f"e2e transfer → other team's dashboard: {round((time.monotonic() - started) * 1000)} ms")
    expect(arrived).to_contain_text("Arbeitsvertrag liegt vor")
    expect(arrived).to_contain_text(number)
    expect(mine.locator("#waiting tr", has_text="Yilmaz")).to_have_count(0)


def test_recall_calls_again_on_the_display_up_to_three_times(app, new_page):
    number = checked_in(app, "gestattung", "Chen", date(1992, 2, 2))
    dashboard = open_dashboard(new_page(), app, HUMANITAER, "2.05")
    display = open_display(new_page(1920, 1080), app)
    dashboard.locator("#waiting tr", has_text="Chen").get_by_role("button", name="Aufrufen").click()
    call = display.locator("#current-calls li", has_text=number)
    expect(call).to_contain_text("2.05")
    row = dashboard.locator("#called tr", has_text="Chen")
    chime = "document.querySelector(\"audio[src='/chime.wav']\")"
    for calls in (2, 3):
        display.wait_for_function(f"{chime} !== null")
        display.evaluate(f"{chime}.dataset.heard = 'yes'")  # mark the chime element of the last call
        row.get_by_role("button", name="Erneut aufrufen").click()
        expect(row.locator("td").nth(4)).to_have_text(str(calls))
        # The display chimes again: a new audio element (playing once) replaces the marked one.
        display.wait_for_function(f"{chime} !== null && {chime}.dataset.heard !== 'yes'")
        expect(call).to_have_class("ts-board-call ts-board-fresh")
    row.get_by_role("button", name="Erneut aufrufen").click()
    expect(dashboard.get_by_text("schon dreimal aufgerufen")).to_be_visible()
    row.get_by_role("button", name="Nicht erschienen").click()
    expect(display.locator("#current-calls li", has_text=number)).to_have_count(0)


def test_parked_person_is_skipped_and_priority_goes_first(app, new_page):
    first = checked_in(app, "asyl_fluechtling", "Novak", date(1975, 5, 15))
    checked_in(app, "asyl_fluechtling", "Singh", date(1976, 6, 16))
    dashboard = open_dashboard(new_page(), app, HUMANITAER, "1.04")
    dashboard.locator("#waiting tr", has_text="Novak").get_by_role("button", name="Parken").click()
    expect(dashboard.locator("#parked")).to_contain_text(first)
    dashboard.locator("#waiting tr", has_text="Singh").get_by_role("button", name="Vorrang").click()
    expect(dashboard.locator("#waiting tbody tr").first).to_contain_text("Singh")
    dashboard.get_by_role("button", name="Nächste Person aufrufen").click()
    expect(dashboard.locator("#called")).to_contain_text("Singh")
    dashboard.locator("#parked tr", has_text="Novak").get_by_role("button", name="Zurück in die Warteschlange").click()
    expect(dashboard.locator("#waiting")).to_contain_text("Novak")


def test_day_view_search_mark_arrived_tab_title_and_long_wait(app, new_page):
    appointment, _, _ = appointment_today(app.engine, "subsidiaerer_schutz", person("Hussein", "Mira", date(1981, 1, 21)))
    with Session(app.engine) as s:
        code = s.get(Appointment, appointment).booking_code
    dashboard = open_dashboard(new_page(), app, HUMANITAER, "1.03")
    expect(dashboard).to_have_title(re.compile(r"^\(\d+\) Warteschlange – Humanitär$"))
    waiting_before = int(re.match(r"\((\d+)\)", dashboard.title()).group(1))

    dashboard.get_by_label("Suchen").fill(code.lower().replace("-", ""))
    expect(dashboard.locator("#expected tbody tr")).to_have_count(1)
    dashboard.locator("#expected tr", has_text="Hussein").get_by_role("button", name="Angekommen").click()
    row = dashboard.locator("#waiting tr", has_text="Hussein")
    expect(row.locator(".ts-number")).to_have_text(re.compile(r"^\d{3}$"))  # a call number, like the kiosk
    expect(dashboard).to_have_title(f"({waiting_before + 1}) Warteschlange – Humanitär")

    with Session(app.engine) as s:  # as if the person had arrived 45 minutes ago
        a = s.get(Appointment, appointment)
        a.checked_in_at = settings.now() - timedelta(minutes=45)
        s.add(a)
        s.commit()
    dashboard.get_by_label("Suchen").fill("Hussein")
    expect(row).to_contain_text("wartet lange")


def test_urgent_entry_appears_with_priority_on_the_teams_dashboards(app, new_page):
    checked_in(app, "duldung", "Zeller", date(1970, 10, 10))
    clerk = open_dashboard(new_page(), app, HUMANITAER, "1.01")
    colleague = open_dashboard(new_page(), app, HUMANITAER, "1.02")
    clerk.get_by_role("button", name="Dringender Fall").click()
    dialog = clerk.get_by_role("dialog")
    dialog.get_by_label("Familienname").fill("Eilig")
    dialog.get_by_label("Vorname").fill("Emre")
    dialog.get_by_label("Geburtsdatum").fill("03.03.1990")
    dialog.get_by_label("Anliegen").select_option(label="Verlängerung der Duldung")
    dialog.get_by_label("Grund").fill("Abschiebung droht heute")
    started = time.monotonic()
    dialog.get_by_role("button", name="Aufnehmen").click()
    first = colleague.locator("#waiting tbody tr").first
    expect(first).to_contain_text("Eilig, Emre", timeout=WITHIN)
    FIGURES.append(f"e2e urgent entry → colleague's dashboard: {round((time.monotonic() - started) * 1000)} ms")
    expect(first).to_contain_text("dringend")
    expect(first).to_contain_text("Abschiebung droht heute")
    expect(first.locator(".ts-number")).to_have_text(re.compile(r"^\d{3}$"))
