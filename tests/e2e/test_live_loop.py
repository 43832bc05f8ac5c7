"""The live loop in real Chromium: kiosk check-in → the right team's dashboards → call → display.

"Within 1 s" is asserted from the user's action to the change on the other device."""

from __future__ import annotations

import time
from datetime import date

from playwright.sync_api import expect

from terminsystem.domain.personal import PersonalData

from ..helpers import FIGURES, appointment_today
from .live import BESCHAEFTIGUNG, HUMANITAER, open_dashboard, open_display, open_kiosk, type_birth_date

WITHIN = 1000  # ms


def person(family: str, given: str, born: date) -> PersonalData:
    return PersonalData(family_name=family, given_names=given, birth_date=born, email=f"{given.lower()}@example.org")


def wait_ms(locator, timeout: int = WITHIN) -> int:
    started = time.monotonic()
    locator.wait_for(timeout=timeout)
    return round((time.monotonic() - started) * 1000)


def test_scanner_check_in_reaches_only_the_right_team_within_1s(app, new_page):
    _, token, _ = appointment_today(app.engine, "duldung", person("Haidari", "Reza", date(1991, 4, 2)))
    humanitaer = open_dashboard(new_page(), app, HUMANITAER, "1.01")
    humanitaer_2 = open_dashboard(new_page(), app, HUMANITAER, "1.02")
    other = open_dashboard(new_page(), app, BESCHAEFTIGUNG, "2.01")
    kiosk = open_kiosk(new_page(), app, "scanner")

    kiosk.keyboard.type(token)  # the hand scanner types into the focused input, then Enter
    started = time.monotonic()
    kiosk.keyboard.press("Enter")
    humanitaer.locator("#waiting").get_by_text("Haidari, Reza").wait_for(timeout=WITHIN)
    latency = round((time.monotonic() - started) * 1000)
    humanitaer_2.locator("#waiting").get_by_text("Haidari, Reza").wait_for(timeout=WITHIN)
    FIGURES.append(f"e2e scanner check-in → dashboard: {latency} ms")

    number = kiosk.locator("#call-number").inner_text()
    assert number.isdigit() and len(number) == 3
    expect(kiosk.get_by_text("Bitte nehmen Sie im Wartebereich Platz")).to_be_visible()
    row = humanitaer.locator("#waiting tr", has_text="Haidari, Reza")
    expect(row).to_have_class("ts-row ts-row-fresh")  # highlighted
    expect(row.get_by_text("neu", exact=True)).to_be_visible()  # and marked "new"
    expect(row).to_contain_text(number)
    expect(humanitaer.locator("audio[src='/checkin.wav']")).to_have_count(1)  # the sound plays
    humanitaer.wait_for_timeout(500)
    expect(other.get_by_text("Haidari")).to_have_count(0)


def test_birth_date_check_in_and_call_reach_dashboard_and_display_within_1s(app, new_page):
    _, _, start = appointment_today(app.engine, "fachkraft", person("Mensah", "Kwame", date(1987, 11, 23)))
    dashboard = open_dashboard(new_page(), app, BESCHAEFTIGUNG, "2.04")
    display = open_display(new_page(1920, 1080), app)
    first_floor = open_display(new_page(1920, 1080), app, "?raeume=1.01,1.02,1.03")
    kiosk = open_kiosk(new_page(), app, "birthdate")

    type_birth_date(kiosk, "23111987")
    choice = kiosk.get_by_role("button", name=start.strftime("%H:%M"), exact=True)
    expect(kiosk.get_by_role("heading", name="Wann ist Ihr Termin heute?")).to_be_visible()
    started = time.monotonic()
    choice.click()
    dashboard.locator("#waiting").get_by_text("Mensah, Kwame").wait_for(timeout=WITHIN)
    FIGURES.append(f"e2e date-of-birth check-in → dashboard: {round((time.monotonic() - started) * 1000)} ms")
    number = kiosk.locator("#call-number").inner_text()

    row = dashboard.locator("#waiting tr", has_text="Mensah, Kwame")
    started = time.monotonic()
    row.get_by_role("button", name="Aufrufen").click()
    call = display.locator("#current-calls li", has_text=number)
    call.wait_for(timeout=WITHIN)
    FIGURES.append(f"e2e call → display: {round((time.monotonic() - started) * 1000)} ms")
    expect(call).to_contain_text("2.04")
    expect(dashboard.locator("#called")).to_contain_text("Mensah, Kwame")
    expect(first_floor.get_by_text(number)).to_have_count(0)  # a display for other rooms

    dashboard.locator("#called tr", has_text="Mensah, Kwame").get_by_role("button", name="Erledigt").click()
    expect(display.locator("#earlier-calls")).to_contain_text(number, timeout=WITHIN)
    expect(display.locator("#current-calls li", has_text=number)).to_have_count(0)


def test_two_dashboards_pressing_call_next_at_once_call_two_different_people(app, new_page):
    for family, born in (("Petrović", date(1970, 3, 3)), ("Popescu", date(1972, 4, 4))):
        _, token, _ = appointment_today(app.engine, "gestattung", person(family, "Ana", born))
        kiosk = open_kiosk(new_page(), app, f"race-{family}")
        kiosk.keyboard.type(token)
        kiosk.keyboard.press("Enter")
        expect(kiosk.locator("#call-number")).to_be_visible()
    a = open_dashboard(new_page(), app, HUMANITAER, "1.05")
    b = open_dashboard(new_page(), app, HUMANITAER, "1.06")
    display = open_display(new_page(1920, 1080), app)
    expect(a.locator("#waiting")).to_contain_text("Popescu")

    # Both clicks are scheduled for the same instant of the shared clock.
    target = a.evaluate("Date.now() + 400")
    for page in (a, b):
        page.evaluate("t => setTimeout(() => document.querySelector('.ts-call-next').click(), t - Date.now())", target)
    expect(display.locator("#current-calls li", has_text="1.05")).to_have_count(1)
    expect(display.locator("#current-calls li", has_text="1.06")).to_have_count(1)
    first = display.locator("#current-calls li", has_text="1.05").locator(".ts-board-number").inner_text()
    second = display.locator("#current-calls li", has_text="1.06").locator(".ts-board-number").inner_text()
    assert first != second
    for number, room in ((first, "1.05"), (second, "1.06")):
        expect(a.locator("#called tr", has_text=number)).to_contain_text(room)
