"""WCAG 2.1 AA by axe-core (axe-playwright-python) on every public page and state, in every language:
no critical and no serious violation. The figures (violations of any impact per page and language)
go to the "measured figures" section."""

from __future__ import annotations

import re
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from terminsystem import i18n
from terminsystem.domain.personal import PersonalData

from ..helpers import FIGURES, appointment_today, letters
from .flow import hydrated
from .live import open_display, open_kiosk

AXE = Axe()


def check(page: Page, name: str, lang: str, found: dict) -> None:
    violations = AXE.run(page).response["violations"]
    found[name] = len(violations)
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
           if v["impact"] in ("critical", "serious")]
    assert bad == [], f"{name} [{lang}]: {bad}"


def touch_targets(page: Page, lang: str, name: str) -> None:
    """Every button and link outside running text is at least 44 × 44 px (touch pages); a checkbox
    counts with its label, which is what a finger taps."""
    small = page.evaluate("""() => [...document.querySelectorAll('button, a, select, input:not([type=hidden])')]
        .filter(e => e.offsetParent !== null && !e.closest('p, li, .ts-footer, .ts-scanner-input') && e.id !== 'scanner-input')
        .map(e => [e.tagName + ' ' + (e.textContent || e.id).trim().slice(0, 30),
                   (e.type === 'checkbox' && e.closest('label') || e).getBoundingClientRect()])
        .filter(([, r]) => r.width < 44 || r.height < 44).map(([n, r]) => n + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))""")
    assert small == [], f"{name} [{lang}]: targets under 44 px: {small}"


def switch(page: Page, lang: str) -> None:
    """The public pages' list, or the kiosk's buttons."""
    if page.locator("#lang-select").count():
        page.locator("#lang-select").select_option(lang)
    else:
        page.get_by_role("button", name=i18n.language_name(lang), exact=True).first.click()
    expect(page.locator("#page, .ts-kiosk").first).to_have_attribute("lang", lang)


@pytest.mark.parametrize("lang", i18n.languages())
def test_booking_and_manage_pages(page, app, lang):
    found: dict[str, int] = {}
    page.goto(app.url + "/")
    switch(page, lang)
    page.locator(".ts-choice").first.wait_for()
    check(page, "booking 1 concern", lang, found)
    touch_targets(page, lang, "booking 1 concern")
    page.locator(".ts-choice").nth(2).click()
    page.locator("#persons").wait_for()
    check(page, "booking 2 documents", lang, found)
    touch_targets(page, lang, "booking 2 documents")
    page.get_by_role("button", name=i18n.translate(lang, "booking.documents.next")).click()
    page.locator("button.ts-day:not([disabled])").first.click()
    page.locator(".ts-times button").first.wait_for()
    check(page, "booking 3 time", lang, found)
    touch_targets(page, lang, "booking 3 time")
    page.locator(".ts-times button").first.click()
    page.locator("button[type=submit]").click()
    page.get_by_role("alert").first.wait_for()
    check(page, "booking 4 errors", lang, found)
    touch_targets(page, lang, "booking 4 errors")
    page.locator("#family_name").fill(f"Axe{letters()}")
    page.locator("#birth_date").fill("01.01.1990")
    page.locator("#consent").check()
    page.locator("button[type=submit]").click()
    page.locator("#manage-link").wait_for()
    check(page, "booking 5 confirmation", lang, found)
    touch_targets(page, lang, "booking 5 confirmation")
    page.goto(app.url + page.locator("#manage-link").get_attribute("href"))
    page.locator("#booking-code").wait_for()
    check(page, "manage", lang, found)
    touch_targets(page, lang, "manage")
    page.get_by_role("button", name=i18n.translate(lang, "manage.rebook")).click()
    page.locator("button.ts-day:not([disabled])").first.click()
    page.locator(".ts-times button").first.wait_for()
    check(page, "manage move", lang, found)
    touch_targets(page, lang, "manage move")
    page.goto(app.url + "/termin")
    hydrated(page)
    expect(page.get_by_role("heading", name=i18n.translate(lang, "manage.find.title"))).to_be_visible()
    page.locator("#booking_code").fill("AAAA-AAAA")
    page.locator("#birth_date").fill("01.01.1990")
    page.locator("form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text(i18n.translate(lang, "manage.not_found"))
    check(page, "manage find, not found", lang, found)
    FIGURES.append(f"axe [{lang}] violations of any impact: {found}")


@pytest.mark.parametrize("lang", i18n.languages())
def test_kiosk_display_and_login(app, new_page, lang):
    found: dict[str, int] = {}
    # Two people with one date of birth and one time today: the kiosk asks for the name's letters.
    born = date(1960 + i18n.languages().index(lang), 2, 2)
    start = None
    for family in ("Kaya", "Demir"):
        _, _, start = appointment_today(app.engine, "fachkraft", PersonalData(
            family_name=f"{family}{letters()}", given_names="", birth_date=born, email=None))
    kiosk = open_kiosk(new_page(), app, f"axe-{lang}")
    switch(kiosk, lang)
    check(kiosk, "kiosk start", lang, found)
    kiosk.locator(".ts-kiosk-primary").last.click()
    kiosk.locator(".ts-keypad").wait_for()
    check(kiosk, "kiosk date of birth", lang, found)
    for ch in born.strftime("%d%m%Y"):
        kiosk.locator(".ts-keypad-digits button").filter(has_text=re.compile(f"^{ch}$")).click()
    kiosk.locator(".ts-kiosk-primary").last.click()
    kiosk.locator(".ts-kiosk-choice").first.wait_for()
    check(kiosk, "kiosk time choice", lang, found)
    kiosk.locator(".ts-kiosk-choice").filter(has_text=i18n.short_time(start, lang)).click()
    kiosk.locator(".ts-keypad-letters").wait_for()
    check(kiosk, "kiosk name letters", lang, found)
    kiosk.locator(".ts-keypad-letters button").filter(has_text=re.compile("^K$")).click()
    kiosk.locator(".ts-kiosk-primary").last.click()
    kiosk.locator(".ts-kiosk-success").wait_for()
    check(kiosk, "kiosk result: number", lang, found)
    kiosk.locator("#kiosk-restart").click()
    kiosk.locator("#scanner-input").wait_for(state="attached")
    kiosk.locator("#scanner-input").focus()
    kiosk.keyboard.type("NOT-A-TOKEN")
    kiosk.keyboard.press("Enter")
    kiosk.locator(".ts-kiosk-problem").wait_for()
    check(kiosk, "kiosk result: error", lang, found)
    touch_targets(kiosk, lang, "kiosk")
    display = open_display(new_page(1920, 1080), app)
    check(display, "display", lang, found)
    # Its labels: German, and of the other languages exactly one at a time.
    shown = display.evaluate("""() => [...document.querySelectorAll('.ts-rotate')].map(
        r => [...r.children].filter(e => getComputedStyle(e).opacity === '1').length)""")
    assert shown and set(shown) == {1}, shown
    login = new_page()
    login.goto(app.url + "/anmelden")
    login.locator("input[name=username]").wait_for()
    check(login, "login", lang, found)
    FIGURES.append(f"axe [{lang}] violations of any impact: {found}")


@pytest.mark.parametrize("lang", i18n.languages())
def test_urgent_request_and_waitlist_pages(page, app, lang):
    found: dict[str, int] = {}
    page.goto(app.url + f"/dringend?lang={lang}")
    hydrated(page)
    expect(page.get_by_role("heading", name=i18n.translate(lang, "urgent.page.title"))).to_be_visible()
    check(page, "urgent request", lang, found)
    touch_targets(page, lang, "urgent request")
    page.locator("form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text(i18n.translate(lang, "urgent.invalid"))
    check(page, "urgent request, errors", lang, found)
    touch_targets(page, lang, "urgent request, errors")
    page.goto(app.url + f"/warteliste/eintragen?anliegen=blaue_karte&lang={lang}")
    hydrated(page)
    page.locator("form button[type=submit]").wait_for()
    check(page, "waitlist join", lang, found)
    touch_targets(page, lang, "waitlist join")
    page.locator("form button[type=submit]").click()
    page.get_by_role("alert").first.wait_for()
    check(page, "waitlist join, errors", lang, found)
    touch_targets(page, lang, "waitlist join, errors")
    page.goto(app.url + f"/warteliste?t=not-a-real-link&lang={lang}")
    hydrated(page)
    page.get_by_role("alert").first.wait_for()
    check(page, "waitlist, unknown link", lang, found)
    FIGURES.append(f"axe [{lang}] violations of any impact: {found}")
