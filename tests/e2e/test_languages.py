"""The public side in the people's languages: a whole booking in Arabic laid out right to left
(checked by geometry), a kiosk check-in in Persian, a booking in Ukrainian, the language from the
browser and from a link, and no personal data on kiosk or display in any language."""

from __future__ import annotations

import io
import re
import time
from datetime import date

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from terminsystem import i18n
from terminsystem.domain.personal import PersonalData

from ..helpers import appointment_today, letters
from .flow import free_days, free_times
from .live import open_display, open_kiosk
from .test_keep_booking import mails_to
from .test_privacy import forbidden, leaks, record_frames


def t(lang: str, key: str, **params) -> str:
    return i18n.translate(lang, key, **params)


def box(page: Page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def book_in(page: Page, app, lang: str, family: str, email: str = "") -> str:
    """Book the first free time of "Verlängerung" through the UI in ``lang`` (already chosen)."""
    day = free_days(app, "verlaengerung")[0]
    start = free_times(app, "verlaengerung", day)[0]
    page.locator(".ts-choice", has_text=_concern_name(lang)).click()
    page.get_by_role("button", name=t(lang, "booking.documents.next")).click()
    page.get_by_role("button", name=i18n.long_date(day, lang) + ":", exact=False).first.click()
    page.get_by_role("button", name=i18n.short_time(start, lang), exact=True).click()
    page.locator("#family_name").fill(family)
    page.locator("#birth_date").fill("05.05.1985")
    page.locator("#email").fill(email)
    page.locator("#consent").check()
    page.locator("form button[type=submit]").click()
    expect(page.get_by_role("status").filter(has_text=t(lang, "booking.done.title"))).to_be_visible()
    return page.locator("#booking-code").inner_text().strip()


def _concern_name(lang: str) -> str:
    from terminsystem.services import content

    return content.shipped(lang)["concern.verlaengerung.name"][0]


def test_a_whole_booking_in_arabic_is_right_to_left(browser, app, mailbox):
    context = browser.new_context(locale="ar", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(app.url + "/")  # no choice yet: the browser's Accept-Language (ar) decides
    expect(page.locator("#page")).to_have_attribute("dir", "rtl")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    expect(page.get_by_role("heading", name=t("ar", "booking.concern.title"))).to_be_visible()
    steps = page.locator(".ts-step")
    assert steps.nth(0).bounding_box()["x"] > steps.nth(1).bounding_box()["x"]  # the steps run right to left
    page.locator(".ts-choice", has_text=_concern_name("ar")).click()
    page.get_by_role("button", name=t("ar", "booking.documents.next")).click()
    weekdays = page.locator(".ts-weekday")
    assert weekdays.nth(0).bounding_box()["x"] > weekdays.nth(6).bounding_box()["x"]  # Monday on the right
    day = free_days(app, "verlaengerung")[0]
    start = free_times(app, "verlaengerung", day)[0]
    page.get_by_role("button", name=i18n.long_date(day, "ar") + ":", exact=False).first.click()
    page.get_by_role("button", name=i18n.short_time(start, "ar"), exact=True).click()
    field = box(page, "#family_name")
    label_text = page.evaluate(
        "() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('label[for=family_name]'));"
        " const b = r.getBoundingClientRect(); return [b.left, b.right]; }")
    assert abs(label_text[1] - (field["x"] + field["width"])) < 4  # the label starts at the field's right edge
    assert label_text[0] > field["x"] + field["width"] / 2  # … and, being short, sits on the right
    address = f"ar-{letters()}@example.org"
    page.locator("#family_name").fill(f"Haddad{letters()}")
    page.locator("#birth_date").fill("05.05.1985")
    page.locator("#email").fill(address)
    page.locator("#consent").check()
    back, submit = box(page, "form button[type=button]"), box(page, "form button[type=submit]")
    assert back["x"] > submit["x"]  # "back" on the right, "book" on the left
    page.locator("form button[type=submit]").click()
    expect(page.get_by_role("status").filter(has_text=t("ar", "booking.done.title"))).to_be_visible()
    code = page.locator("#booking-code").inner_text().strip()
    [mail] = mails_to(mailbox, address)
    assert i18n.long_date(start.date(), "ar") in str(mail["Subject"])
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert 'lang="ar" dir="rtl"' in html and code in html
    [pdf] = [p.get_content() for p in mail.iter_attachments() if p.get_filename().endswith(".pdf")]
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "ar" and code in reader.pages[0].extract_text()
    context.close()


def test_a_kiosk_check_in_in_persian(app, new_page):
    _, _, start = appointment_today(app.engine, "duldung", PersonalData(
        family_name=f"Rahimi{letters()}", given_names="Zahra", birth_date=date(1993, 6, 21), email=None))
    kiosk = open_kiosk(new_page(), app, "fa")
    kiosk.get_by_role("button", name="فارسی").click()
    expect(kiosk.locator(".ts-kiosk")).to_have_attribute("dir", "rtl")
    kiosk.get_by_role("button", name=t("fa", "kiosk.dob.button")).click()
    for ch in "21061993":
        kiosk.locator(".ts-keypad-digits button").filter(has_text=re.compile(f"^{ch}$")).click()
    kiosk.get_by_role("button", name=t("fa", "kiosk.next")).click()
    expect(kiosk.get_by_role("heading", name=t("fa", "kiosk.time.title"))).to_be_visible()
    kiosk.get_by_role("button", name=i18n.short_time(start, "fa"), exact=True).click()
    expect(kiosk.get_by_text(t("fa", "checkin.success"))).to_be_visible()
    expect(kiosk.locator("#call-number")).to_have_text(re.compile(r"^\d{3}$"))


def test_a_booking_in_ukrainian(page, app):
    page.goto(app.url + "/")
    page.locator("#lang-select").select_option("uk")
    expect(page.get_by_role("heading", name=t("uk", "booking.concern.title"))).to_be_visible()
    book_in(page, app, "uk", f"Kovalenko{letters()}")
    expect(page.get_by_role("heading", level=2, name=t("uk", "booking.keep.title"))).to_be_visible()


def test_the_language_comes_from_the_browser_then_from_a_link_and_is_remembered(browser, app):
    turkish_browser = browser.new_context(locale="tr-TR").new_page()
    turkish_browser.goto(app.url + "/")
    expect(turkish_browser.get_by_role("heading", name=t("tr", "booking.concern.title"))).to_be_visible()
    turkish_browser.context.close()
    german_browser = browser.new_context(locale="de-DE").new_page()
    german_browser.goto(app.url + "/?lang=tr")  # a link from a mail carries the person's language
    expect(german_browser.get_by_role("heading", name=t("tr", "booking.concern.title"))).to_be_visible()
    german_browser.goto(app.url + "/termin")
    expect(german_browser.get_by_role("heading", name=t("tr", "manage.find.title"))).to_be_visible()
    german_browser.context.close()


def test_no_personal_data_reaches_kiosk_or_display_in_any_language(app, new_page):
    _, _, start = appointment_today(app.engine, "gestattung", PersonalData(
        family_name=f"Gebrehiwet{letters()}", given_names="Selam", birth_date=date(1990, 3, 4), email=None))
    display_page = new_page(1920, 1080)
    display_frames = record_frames(display_page)
    display = open_display(display_page, app)
    kiosk_frames: list[str] = []
    kiosks = []
    for n in range(2):  # two kiosk devices: each may do 5 date-of-birth lookups a minute
        kiosk_page = new_page()
        kiosk_page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: kiosk_frames.append(str(payload))))
        kiosks.append(open_kiosk(kiosk_page, app, f"privacy-langs-{n}"))
    for i, lang in enumerate(i18n.languages()):
        kiosk = kiosks[i * 2 // len(i18n.languages())]
        kiosk.get_by_role("button", name=i18n.language_name(lang), exact=True).click()
        expect(kiosk.locator(".ts-kiosk")).to_have_attribute("lang", lang)
        kiosk.get_by_role("button", name=t(lang, "kiosk.dob.button")).click()
        for ch in "04031990":
            kiosk.locator(".ts-keypad-digits button").filter(has_text=re.compile(f"^{ch}$")).click()
        kiosk.get_by_role("button", name=t(lang, "kiosk.next")).click()
        expect(kiosk.locator(".ts-kiosk-choice").first).to_be_visible()
        kiosk.locator("#kiosk-restart").click()
    time.sleep(0.5)
    words = forbidden(app.engine)
    assert leaks(kiosk_frames, words) == set() and leaks(display_frames, words) == set()
    assert leaks([k.content() for k in kiosks] + [display.content()], words) == set()
    assert start  # the person's appointment was there to be found all along
