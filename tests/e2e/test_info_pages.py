"""The accessibility statement and the privacy notice: reached from every public page's footer,
right-to-left in Arabic, and clean for axe-core in every language."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from terminsystem import i18n, routes, settings

from ..helpers import FIGURES

PAGES = {routes.ACCESSIBILITY: "info.a11y.title", routes.PRIVACY: "info.privacy.title"}


def test_the_booking_pages_footer_opens_the_statement_and_the_privacy_notice(page, app):
    for route, link, title in ((routes.ACCESSIBILITY, "Barrierefreiheit", "Erklärung zur Barrierefreiheit"),
                               (routes.PRIVACY, "Datenschutz", "Datenschutzhinweise zur Online-Terminvergabe")):
        page.goto(app.url + routes.BOOKING)
        page.get_by_role("contentinfo").get_by_role("link", name=link, exact=True).click()
        expect(page).to_have_url(re.compile(re.escape(route) + "$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        # The office's contact (TS_OFFICE_CONTACT) is on both: feedback and data protection requests.
        expect(page.locator("address")).to_have_text(settings.office_contact())
        # And the footer is there too, so one can go on to the other page.
        expect(page.get_by_role("contentinfo").get_by_role("link")).to_have_count(2)


def test_in_arabic_the_pages_read_right_to_left(page, app):
    for route, title in PAGES.items():
        page.goto(f"{app.url}{route}?lang=ar")
        expect(page.locator("#page")).to_have_attribute("dir", "rtl")
        expect(page.locator("#page")).to_have_attribute("lang", "ar")
        expect(page.get_by_role("heading", level=1)).to_have_text(i18n.translate("ar", title))
        expect(page.get_by_role("contentinfo").get_by_role("link", name=i18n.translate("ar", "footer.privacy"))) \
            .to_be_visible()


@pytest.mark.parametrize("lang", i18n.languages())
def test_no_serious_accessibility_violation_in_any_language(page, app, lang):
    found = {}
    for route, title in PAGES.items():
        page.goto(f"{app.url}{route}?lang={lang}")
        expect(page.locator("#page")).to_have_attribute("lang", lang)
        expect(page.get_by_role("heading", level=1)).to_have_text(i18n.translate(lang, title))
        violations = Axe().run(page).response["violations"]
        found[route] = len(violations)
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
               if v["impact"] in ("critical", "serious")]
        assert bad == [], f"{route} [{lang}]: {bad}"
    FIGURES.append(f"axe [{lang}] info pages, violations of any impact: {found}")
