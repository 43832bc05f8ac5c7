"""A person books through the UI in real Chromium against the running app."""

from __future__ import annotations

import io
import re
from datetime import date

import zxingcpp
from PIL import Image
from playwright.sync_api import expect
from sqlmodel import Session, select

from terminsystem import i18n, settings
from terminsystem.domain import codes
from terminsystem.domain.personal import PersonalData
from terminsystem.models import Appointment
from terminsystem.services import booking

from ..helpers import appointments, concern_id
from .flow import SUBMIT, choose_concern, choose_time, day_button, fill_person, free_days, free_times

OTHER = PersonalData(family_name="Andersson", given_names="Pia", birth_date=date(1980, 1, 1), email=None)


def fill_seats(app, code: str, start, seats: int = 2) -> None:
    for _ in range(seats):
        booking.book(concern_id=concern_id(app.engine, code), start=start, person=OTHER,
                     now=settings.now(), policy=settings.booking_policy(), engine=app.engine)


def stored(app, booking_code: str) -> Appointment:
    with Session(app.engine) as s:
        return s.exec(select(Appointment).where(Appointment.booking_code == booking_code)).one()


def test_person_books_and_the_qr_code_holds_the_stored_token(page, app):
    day = free_days(app, "blaue_karte")[0]
    start = free_times(app, "blaue_karte", day)[0]
    page.goto(app.url + "/")
    page.get_by_label("Anliegen suchen").fill("blaue")
    expect(page.get_by_role("button", name="Familiennachzug zu Ehegatten")).to_have_count(0)
    choose_concern(page, app, "Blaue Karte EU")
    choose_time(page, day, start)
    fill_person(page, "Tesfaye", "Yonas", "03.09.1988", "yonas@example.org")
    page.get_by_role("button", name=SUBMIT).dblclick()  # impatient double click books once

    expect(page.get_by_role("status").filter(has_text="Ihr Termin ist gebucht")).to_be_visible()
    when = i18n.translate("de", "booking.when", day=i18n.long_date(day, "de"), time=start.strftime("%H:%M"))
    expect(page.get_by_role("heading", name=when)).to_be_visible()
    code = page.locator("#booking-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)

    # Decode what the screen shows, as the kiosk's scanner would.
    qr = page.get_by_role("img", name="QR-Code für den Check-in")
    expect(qr).to_be_visible()
    [result] = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))
    token = result.text
    appointment = stored(app, code)
    assert codes.token_hash(token) == appointment.token_hash
    assert (appointment.family_name, appointment.given_names, appointment.email) == ("Tesfaye", "Yonas", "yonas@example.org")
    assert appointment.starts_at == start
    for personal in ("Tesfaye", "Yonas", "1988", "yonas"):
        assert personal not in token
    with Session(app.engine) as s:
        assert len(s.exec(select(Appointment).where(Appointment.family_name == "Tesfaye")).all()) == 1


def test_fully_booked_time_and_day_are_not_offered(page, app):
    days = free_days(app, "duldung")
    busy_day, full_day = days[1], days[2]
    taken = free_times(app, "duldung", busy_day)[0]
    fill_seats(app, "duldung", taken)
    for start in free_times(app, "duldung", full_day):
        fill_seats(app, "duldung", start)

    choose_concern(page, app, "Verlängerung der Duldung")
    expect(day_button(page, full_day)).to_be_disabled()
    expect(day_button(page, full_day)).to_have_accessible_name(re.compile("ausgebucht"))
    day_button(page, busy_day).click()
    times = page.locator(".ts-times button")
    expect(times.first).to_be_visible()
    labels = times.all_inner_texts()
    assert taken.strftime("%H:%M") not in labels
    assert len(labels) == len(free_times(app, "duldung", busy_day))


def test_invalid_input_shows_field_errors_and_stores_nothing(page, app):
    day = free_days(app, "verlaengerung")[0]
    start = free_times(app, "verlaengerung", day)[0]
    before = len(appointments(app.engine))
    choose_concern(page, app, "Verlängerung einer Aufenthaltserlaubnis")
    choose_time(page, day, start)
    fill_person(page, "", "Ole3", "31.02.1990", "not-an-address", consent=False)
    page.get_by_role("button", name=SUBMIT).click()

    expect(page.get_by_role("alert").filter(has_text="Bitte prüfen Sie die markierten Felder")).to_be_visible()
    expect(page.get_by_label("Familienname")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Bitte füllen Sie dieses Feld aus.")).to_be_visible()
    expect(page.get_by_text("Bitte nur Buchstaben")).to_be_visible()
    expect(page.get_by_text("Bitte ein gültiges Datum")).to_be_visible()
    expect(page.get_by_text("Bitte eine gültige E-Mail-Adresse")).to_be_visible()
    expect(page.get_by_text("Bitte stimmen Sie der Verarbeitung")).to_be_visible()
    expect(page.get_by_label("E-Mail")).to_have_attribute("aria-invalid", "true")
    assert len(appointments(app.engine)) == before

    fill_person(page, "Kovalenko", "Olena", "14.02.1990")
    page.get_by_role("button", name=SUBMIT).click()
    expect(page.get_by_role("status").filter(has_text="Ihr Termin ist gebucht")).to_be_visible()
    assert len(appointments(app.engine)) == before + 1


def test_time_taken_meanwhile_gives_the_choice_again_and_keeps_the_typed_data(page, app):
    day = free_days(app, "familie_kind")[3]
    first, second = free_times(app, "familie_kind", day)[:2]
    choose_concern(page, app, "Familiennachzug von Kindern")
    choose_time(page, day, first)
    fill_person(page, "Nguyen", "Minh", "21.06.2019")
    fill_seats(app, "familie_kind", first)  # two other people are faster
    page.get_by_role("button", name=SUBMIT).click()

    expect(page.get_by_role("alert").filter(has_text="gerade von jemand anderem gebucht")).to_be_visible()
    expect(page.get_by_role("heading", name="Tag und Uhrzeit wählen")).to_be_visible()
    day_button(page, day).click()
    expect(page.get_by_role("button", name=second.strftime("%H:%M"), exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=first.strftime("%H:%M"), exact=True)).to_have_count(0)
    page.get_by_role("button", name=second.strftime("%H:%M"), exact=True).click()
    expect(page.get_by_label("Familienname")).to_have_value("Nguyen")
    page.get_by_role("button", name=SUBMIT).click()
    expect(page.get_by_role("status").filter(has_text="Ihr Termin ist gebucht")).to_be_visible()
    code = page.locator("#booking-code").inner_text().strip()
    assert stored(app, code).starts_at == second
    with Session(app.engine) as s:
        mine = s.exec(select(Appointment).where(Appointment.family_name == "Nguyen")).all()
    assert len(mine) == 1


def test_english_is_one_click_away_and_remembered(page, app):
    page.goto(app.url + "/")
    expect(page.get_by_role("heading", name="Worum geht es bei Ihrem Termin?")).to_be_visible()
    page.get_by_label("Sprache wählen").select_option("en")
    expect(page.get_by_role("heading", name="What is your appointment about?")).to_be_visible()
    expect(page.get_by_role("button", name="EU Blue Card")).to_be_visible()
    expect(page.locator("#page")).to_have_attribute("lang", "en")
    page.reload()
    expect(page.get_by_role("heading", name="What is your appointment about?")).to_be_visible()
    page.get_by_label("Choose language").select_option("de")
    expect(page.get_by_role("heading", name="Worum geht es bei Ihrem Termin?")).to_be_visible()


def test_phone_width_has_no_sideways_scrolling(phone, app):
    day = free_days(app, "eat_abholung")[0]
    start = free_times(app, "eat_abholung", day)[0]
    phone.goto(app.url + "/")
    widths = []
    choose_concern(phone, app, "Abholung des elektronischen Aufenthaltstitels")
    widths.append(phone.evaluate("document.documentElement.scrollWidth"))
    choose_time(phone, day, start)
    widths.append(phone.evaluate("document.documentElement.scrollWidth"))
    fill_person(phone, "Okafor", "Chinedu", "01.01.1979")
    phone.get_by_role("button", name=SUBMIT).click()
    expect(phone.get_by_role("img", name="QR-Code für den Check-in")).to_be_visible()
    widths.append(phone.evaluate("document.documentElement.scrollWidth"))
    assert max(widths) <= 360
