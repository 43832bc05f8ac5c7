"""WCAG 2.1 AA by axe-core (axe-playwright-python) on every public page and state, in every language:
no critical and no serious violation. The figures (violations of any impact per page and language)
go to the "measured figures" section."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from terminsystem import i18n

from ..helpers import FIGURES, letters
from .live import open_display, open_kiosk

AXE = Axe()


def check(page: Page, name: str, lang: str, found: dict) -> None:
    violations = AXE.run(page).response["violations"]
    found[name] = len(violations)
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
           if v["impact"] in ("critical", "serious")]
    assert bad == [], f"{name} [{lang}]: {bad}"


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
    page.locator(".ts-choice").nth(2).click()
    page.locator("#persons").wait_for()
    check(page, "booking 2 documents", lang, found)
    page.get_by_role("button", name=i18n.translate(lang, "booking.documents.next")).click()
    page.locator("button.ts-day:not([disabled])").first.click()
    page.locator(".ts-times button").first.wait_for()
    check(page, "booking 3 time", lang, found)
    page.locator(".ts-times button").first.click()
    page.locator("button[type=submit]").click()
    page.get_by_role("alert").first.wait_for()
    check(page, "booking 4 errors", lang, found)
    page.locator("#family_name").fill(f"Axe{letters()}")
    page.locator("#birth_date").fill("01.01.1990")
    page.locator("#consent").check()
    page.locator("button[type=submit]").click()
    page.locator("#manage-link").wait_for()
    check(page, "booking 5 confirmation", lang, found)
    page.goto(app.url + page.locator("#manage-link").get_attribute("href"))
    page.locator("#booking-code").wait_for()
    check(page, "manage", lang, found)
    page.get_by_role("button", name=i18n.translate(lang, "manage.rebook")).click()
    page.locator("button.ts-day:not([disabled])").first.click()
    page.locator(".ts-times button").first.wait_for()
    check(page, "manage move", lang, found)
    page.goto(app.url + "/termin")
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
    kiosk = open_kiosk(new_page(), app, f"axe-{lang}")
    switch(kiosk, lang)
    check(kiosk, "kiosk start", lang, found)
    kiosk.locator(".ts-kiosk-primary").last.click()
    kiosk.locator(".ts-keypad").wait_for()
    check(kiosk, "kiosk date of birth", lang, found)
    for ch in "01011990":
        kiosk.locator(".ts-keypad-digits button").filter(has_text=re.compile(f"^{ch}$")).click()
    kiosk.locator(".ts-kiosk-primary").last.click()
    kiosk.locator(".ts-kiosk-choice").first.wait_for()
    check(kiosk, "kiosk time choice", lang, found)
    kiosk.locator(".ts-kiosk-choice").first.click()
    kiosk.locator(".ts-kiosk-problem, .ts-kiosk-success").wait_for()
    check(kiosk, "kiosk result", lang, found)
    display = open_display(new_page(1920, 1080), app)
    check(display, "display", lang, found)
    login = new_page()
    login.goto(app.url + "/anmelden")
    login.locator("input[name=username]").wait_for()
    check(login, "login", lang, found)
    FIGURES.append(f"axe [{lang}] violations of any impact: {found}")
