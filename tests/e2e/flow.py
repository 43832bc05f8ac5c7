"""Steps of the booking flow as a person does them: by role and label."""

from __future__ import annotations

import re
from datetime import date, datetime

from playwright.sync_api import Page, expect

from terminsystem import i18n, settings
from terminsystem.services import availability

from ..helpers import concern_id

SUBMIT = "Termin verbindlich buchen"


def free_days(app, code: str) -> list[date]:
    days = availability.days(concern_id=concern_id(app.engine, code), now=settings.now(),
                             policy=settings.booking_policy(), engine=app.engine)
    return [d.day for d in days if d.state == "available"]


def free_times(app, code: str, day: date) -> list[datetime]:
    return [t.start for t in availability.times(concern_id=concern_id(app.engine, code), day=day, now=settings.now(),
                                               policy=settings.booking_policy(), engine=app.engine)]


def day_button(page: Page, day: date):
    return page.get_by_role("button", name=re.compile("^" + re.escape(i18n.long_date(day, "de")) + ":"))


def choose_concern(page: Page, app, name: str) -> None:
    page.goto(app.url + "/")
    page.get_by_role("button", name=name).click()
    expect(page.get_by_role("heading", name="Bitte bringen Sie mit")).to_be_visible()
    page.get_by_role("button", name="Weiter zur Terminwahl").click()
    expect(page.get_by_role("heading", name="Tag und Uhrzeit wählen")).to_be_visible()


def choose_time(page: Page, day: date, start: datetime) -> None:
    day_button(page, day).click()
    page.get_by_role("button", name=start.strftime("%H:%M"), exact=True).click()
    expect(page.get_by_role("heading", name="Ihre Angaben")).to_be_visible()


def fill_person(page: Page, family: str, given: str, born: str, email: str = "", consent: bool = True) -> None:
    page.get_by_label("Familienname").fill(family)
    page.get_by_label("Vorname(n)").fill(given)
    page.get_by_label("Geburtsdatum").fill(born)
    page.get_by_label("E-Mail").fill(email)
    if consent:
        page.get_by_label("Ich bin einverstanden").check()


def hydrated(page: Page) -> None:
    """The page's scripts run (before that, the prerendered HTML would submit a form natively and
    reload): the language hook of the public pages has set ``dir`` on <html>."""
    expect(page.locator("html[dir]")).to_have_count(1)
