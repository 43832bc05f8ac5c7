"""WCAG 2.1 AA / BITV 2.0 by hand: booking with the keyboard alone (every Tab stop shows where the
focus is), errors linked to their fields with the focus on the first invalid one, no sideways
scrolling at 320 px (= 1280 px at 400 % zoom), and no flashing for people who asked for less motion."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Locator, Page, expect
from sqlmodel import Session, select

from terminsystem import i18n
from terminsystem.domain.personal import PersonalData
from terminsystem.models import Appointment

from ..helpers import appointment_today, letters
from .flow import SUBMIT, day_button, fill_person, free_days, free_times
from .live import HUMANITAER, open_dashboard, open_display, open_kiosk

TIMEOUT = 15_000  # another app may build on the same two cores
REQUIRED = "Bitte füllen Sie dieses Feld aus."

# What the focused element looks like: a focus indicator is an outline (not "none", wider than 0)
# or a box shadow.
FOCUSED = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  const name = (el.getAttribute('aria-label') || el.innerText || el.value || '').trim().slice(0, 40);
  return {what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + name,
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
          shadow: s.boxShadow !== 'none', body: el === document.body || el === document.documentElement};
}"""

# Elements that stick out to the right (or, right-to-left, the left) of the viewport.
OVERFLOW = """() => {
  const w = window.innerWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > w + 0.5 || r.left < -0.5)) out.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  return {scroll: document.documentElement.scrollWidth, inner: w, out: out.slice(0, 8)};
}"""


class Keys:
    """Presses keys like a keyboard user and notes what every Tab stop looked like."""

    def __init__(self, page: Page):
        self.page = page
        self.stops: list[dict] = []

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def tab(self, back: bool = False) -> dict:
        self.page.keyboard.press("Shift+Tab" if back else "Tab")
        stop = self.page.evaluate(FOCUSED)
        self.stops.append(stop)
        return stop

    def tab_to(self, target: Locator, back: bool = False, limit: int = 120) -> None:
        """Tab (or Shift+Tab) until ``target`` has the focus."""
        target.wait_for(timeout=TIMEOUT)
        for _ in range(limit):
            self.tab(back)
            if target.evaluate("el => el === document.activeElement"):
                return
        raise AssertionError(f"{target} not reached with {'Shift+' if back else ''}Tab; last stops: {self.stops[-5:]}")

    def without_indicator(self) -> list[str]:
        return [s["what"] for s in self.stops if s["body"] or not (s["outline"] or s["shadow"])]


def focused(locator: Locator) -> None:
    expect(locator).to_be_focused(timeout=TIMEOUT)


def test_booking_with_the_keyboard_alone(page, app):
    day = free_days(app, "studium_ausbildung")[0]
    start = free_times(app, "studium_ausbildung", day)[0]
    family = "Tastatur" + letters()
    keys = Keys(page)
    page.goto(app.url + "/")

    # 1 concern: search for it, then Tab to it and press Enter.
    search = page.get_by_label("Anliegen suchen")
    keys.tab_to(search)
    page.keyboard.type("Sprachkurs")
    concern = page.get_by_role("button", name=re.compile("^Studium, Sprachkurs"))
    expect(page.locator(".ts-choice")).to_have_count(1, timeout=TIMEOUT)
    expect(search).to_have_value("Sprachkurs")  # nothing typed got lost while the list was filtered
    keys.tab_to(concern)
    keys.press("Enter")

    # 2 documents and persons: the focus moves to the step's heading; 1 person with the arrow keys.
    focused(page.get_by_role("heading", name="Bitte bringen Sie mit"))
    persons = page.get_by_label("Für wie viele Personen?")
    next_button = page.get_by_role("button", name="Weiter zur Terminwahl")
    keys.tab_to(next_button)
    keys.tab_to(persons, back=True)
    keys.press("ArrowDown")
    expect(persons).to_have_value("2", timeout=TIMEOUT)
    keys.press("ArrowUp")
    expect(persons).to_have_value("1", timeout=TIMEOUT)
    keys.tab_to(next_button)
    keys.press("Enter")

    # 3 day and time: Tab through the calendar, Enter on the day, then on the time.
    focused(page.get_by_role("heading", name="Tag und Uhrzeit wählen"))
    keys.tab_to(day_button(page, day))
    keys.press("Enter")
    time_button = page.get_by_role("button", name=start.strftime("%H:%M"), exact=True)
    expect(time_button).to_be_visible(timeout=TIMEOUT)
    focused(day_button(page, day))  # the calendar's update keeps the focus on the chosen day
    expect(day_button(page, day)).to_have_attribute("aria-pressed", "true")
    keys.tab_to(time_button)
    keys.press("Enter")

    # 4 personal data: sent empty, the errors are announced and the first invalid field has the focus.
    focused(page.get_by_role("heading", name="Ihre Angaben"))
    family_name = page.locator("#family_name")
    birth_date = page.locator("#birth_date")
    consent = page.get_by_label("Ich bin einverstanden")
    submit = page.get_by_role("button", name=SUBMIT)
    # The purpose of personal fields is machine-readable (WCAG 1.3.5): browsers can fill them in.
    expect(family_name).to_have_attribute("autocomplete", "family-name")
    expect(birth_date).to_have_attribute("autocomplete", "bday")
    keys.tab_to(submit)
    keys.press("Enter")
    expect(page.get_by_role("alert").filter(has_text="Bitte prüfen Sie die markierten Felder")).to_be_visible(timeout=TIMEOUT)
    focused(family_name)
    expect(family_name).to_have_attribute("aria-invalid", "true")
    expect(family_name).to_have_accessible_description(re.compile(re.escape(REQUIRED)))
    expect(consent).to_have_accessible_description(re.compile("Bitte stimmen Sie der Verarbeitung"))

    # Name given, date of birth impossible, no consent: now the date of birth is the first invalid field.
    page.keyboard.type(family)
    keys.tab()
    page.keyboard.type("Lina")
    keys.tab()
    page.keyboard.type("31.02.1990")
    keys.tab_to(submit)
    keys.press("Enter")
    focused(birth_date)
    expect(family_name).to_have_attribute("aria-invalid", "false")
    expect(birth_date).to_have_accessible_description(re.compile("Bitte ein gültiges Datum"))

    keys.press("Control+A")
    page.keyboard.type("14.02.1990")
    keys.tab_to(consent)
    keys.press("Space")
    expect(consent).to_be_checked()
    keys.tab_to(submit)
    keys.press("Enter")

    # 5 confirmation, and its links and buttons are reachable too.
    expect(page.get_by_role("status").filter(has_text="Ihr Termin ist gebucht")).to_be_visible(timeout=TIMEOUT)
    when = i18n.translate("de", "booking.when", day=i18n.long_date(day, "de"), time=start.strftime("%H:%M"))
    focused(page.get_by_role("heading", name=when))
    keys.tab_to(page.get_by_role("button", name="Weiteren Termin buchen"))
    with Session(app.engine) as s:
        [booked] = s.exec(select(Appointment).where(Appointment.family_name == family)).all()
    assert (booked.starts_at, booked.persons, booked.given_names) == (start, 1, "Lina")

    assert len(keys.stops) >= 20
    assert keys.without_indicator() == [], f"Tab stops without a visible focus indicator: {keys.without_indicator()}"


def test_manage_find_form_focuses_the_first_invalid_field_and_leaves_the_focus_alone_afterwards(page, app):
    keys = Keys(page)
    page.goto(app.url + "/termin")
    code = page.get_by_label("Buchungscode")
    birth_date = page.get_by_label("Geburtsdatum")
    show = page.get_by_role("button", name="Termin anzeigen")
    expect(page.get_by_role("heading", name="Termin finden")).to_be_visible(timeout=TIMEOUT)
    keys.tab_to(show)
    keys.press("Enter")
    focused(code)
    expect(code).to_have_accessible_description(re.compile(re.escape(REQUIRED)))

    # Sent again unchanged: the same fields stay invalid, the focus still goes to the first.
    keys.tab_to(show)
    keys.press("Space")
    focused(code)

    # The person moves on: nothing takes the focus away from them.
    keys.tab()
    focused(birth_date)
    page.wait_for_timeout(2500)
    focused(birth_date)

    page.keyboard.type("01.01.1990")
    keys.tab(back=True)
    page.keyboard.type("AAAA-AAAA")
    keys.tab_to(show)
    keys.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("keinen Termin zu diesen Angaben", timeout=TIMEOUT)
    focused(show)  # no invalid field: the focus stays where it was
    assert keys.without_indicator() == [], f"Tab stops without a visible focus indicator: {keys.without_indicator()}"


def test_booking_steps_reflow_at_320_px(browser, app):
    day = free_days(app, "verpflichtungserklaerung")[0]
    start = free_times(app, "verpflichtungserklaerung", day)[0]
    context = browser.new_context(locale="de-DE", viewport={"width": 320, "height": 640})
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    measured: dict[str, dict] = {}
    try:
        page.goto(app.url + "/")
        expect(page.locator(".ts-choice").first).to_be_visible()
        measured["1 concern"] = page.evaluate(OVERFLOW)
        page.get_by_role("button", name="Verpflichtungserklärung für Besuch").click()
        expect(page.get_by_role("heading", name="Bitte bringen Sie mit")).to_be_visible()
        measured["2 documents"] = page.evaluate(OVERFLOW)
        page.get_by_role("button", name="Weiter zur Terminwahl").click()
        day_button(page, day).click()
        expect(page.get_by_role("button", name=start.strftime("%H:%M"), exact=True)).to_be_visible()
        measured["3 day and time"] = page.evaluate(OVERFLOW)
        page.get_by_role("button", name=start.strftime("%H:%M"), exact=True).click()
        expect(page.get_by_role("heading", name="Ihre Angaben")).to_be_visible()
        measured["4 data"] = page.evaluate(OVERFLOW)
        page.get_by_role("button", name=SUBMIT).click()
        expect(page.get_by_role("alert").first).to_be_visible()
        measured["4 data with errors"] = page.evaluate(OVERFLOW)
        fill_person(page, "Schmal" + letters(), "Ida", "05.05.1985")
        page.get_by_role("button", name=SUBMIT).click()
        expect(page.get_by_role("img", name="QR-Code für den Check-in")).to_be_visible()
        measured["5 confirmation"] = page.evaluate(OVERFLOW)
    finally:
        context.close()
    wide = {step: m for step, m in measured.items() if m["scroll"] > m["inner"]}
    assert len(measured) == 6
    assert wide == {}, f"sideways scrolling at 320 px: {wide}"


def test_reduced_motion_shows_a_new_call_without_flashing(browser, app, new_page):
    family = "Ruhig" + letters()
    _, token, _ = appointment_today(app.engine, "duldung", PersonalData(family_name=family, given_names="Mia",
                                                                         birth_date=date(1983, 6, 6), email=None))
    contexts = [browser.new_context(locale="de-DE", viewport={"width": 1920, "height": 1080}, reduced_motion=motion)
                for motion in ("no-preference", "reduce")]
    try:
        moving, calm = (open_display(c.new_page(), app) for c in contexts)
        kiosk = open_kiosk(new_page(), app, "motion")
        kiosk.keyboard.type(token)
        kiosk.keyboard.press("Enter")
        number = kiosk.locator("#call-number")
        expect(number).to_be_visible(timeout=TIMEOUT)
        number = number.inner_text()
        dashboard = open_dashboard(new_page(), app, HUMANITAER, "2.03")  # a room no other test calls to
        dashboard.locator("#waiting tr", has_text=family).get_by_role("button", name="Aufrufen").click(timeout=TIMEOUT)
        styles = {}
        for name, display in (("moving", moving), ("calm", calm)):
            call = display.locator("#current-calls li", has_text=number)
            expect(call).to_have_class(re.compile(r"\bts-board-fresh\b"), timeout=TIMEOUT)
            styles[name] = call.evaluate("el => { const s = getComputedStyle(el); return [s.animationName, s.boxShadow]; }")
        # Done: the call leaves the displays' current calls (other tests count theirs).
        dashboard.locator("#called tr", has_text=family).get_by_role("button", name="Erledigt").click(timeout=TIMEOUT)
    finally:
        for c in contexts:
            c.close()
    assert styles["moving"][0] == "ts-board-flash"
    assert styles["calm"][0] == "none"
    assert styles["calm"][1] != "none"  # still marked as new, without motion
