"""Public pages never receive personal data: not in the DOM, not in websocket frames."""

from __future__ import annotations

import json
from datetime import date

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from terminsystem import settings
from terminsystem.domain.personal import PersonalData
from terminsystem.models import Appointment, AppointmentPerson, Team
from terminsystem.services import booking

from ..helpers import appointment_today, concern_id
from .flow import hydrated
from .live import HUMANITAER, open_dashboard, open_display, open_kiosk, type_birth_date
from .test_family import family_times
from .test_live_loop import person


def record_frames(page: Page) -> list[str]:
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(str(payload))))
    return frames


def forbidden(engine) -> set[str]:
    """Every name, birth date (as ISO and as typed) and e-mail in the database, and team names."""
    words: set[str] = set()
    with Session(engine) as s:
        for a in s.exec(select(Appointment)).all():
            words |= {a.family_name, a.birth_date.isoformat(), a.birth_date.strftime("%d.%m.%Y")}
            words |= {a.given_names} if len(a.given_names) > 2 else set()
            words |= {a.email} if a.email else set()
        for p in s.exec(select(AppointmentPerson)).all():  # further persons of family appointments
            words |= {p.family_name, p.birth_date.isoformat(), p.birth_date.strftime("%d.%m.%Y")}
            words |= {p.given_names} if len(p.given_names) > 2 else set()
        words |= {t.name for t in s.exec(select(Team)).all()}
    return words


def leaks(texts: list[str], words: set[str]) -> set[str]:
    found = set()
    for word in words:
        escaped = json.dumps(word)[1:-1]  # how JSON writes "ä" and friends
        if any(word in text or escaped in text for text in texts):
            found.add(word)
    return found


def test_kiosk_and_display_receive_no_personal_data(app, new_page):
    _, token, _ = appointment_today(app.engine, "abschiebungsverbot", person("Gebremedhin", "Yonas", date(1993, 7, 19)))
    _, _, start = appointment_today(app.engine, "asyl_fluechtling", person("Barzani", "Layla", date(1985, 2, 14)))

    display_page = new_page(1920, 1080)
    display_frames = record_frames(display_page)
    display = open_display(display_page, app)
    kiosk_page = new_page()
    kiosk_frames = record_frames(kiosk_page)
    kiosk = open_kiosk(kiosk_page, app, "privacy")
    dashboard = open_dashboard(new_page(), app, HUMANITAER, "1.03")

    kiosk.keyboard.type(token)
    kiosk.keyboard.press("Enter")
    expect(kiosk.locator("#call-number")).to_be_visible()
    kiosk.get_by_role("button", name="Zurück zum Start").click()
    type_birth_date(kiosk, "14021985")
    kiosk.get_by_role("button", name=start.strftime("%H:%M"), exact=True).click()
    expect(kiosk.locator("#call-number")).to_be_visible()
    for name in ("Gebremedhin", "Barzani"):
        dashboard.locator("#waiting tr", has_text=name).get_by_role("button", name="Aufrufen").click()
        expect(dashboard.locator("#called")).to_contain_text(name)
    expect(display.locator("#current-calls li", has_text="1.03")).to_have_count(2)

    words = forbidden(app.engine)
    assert {"Gebremedhin", "Barzani", "1985-02-14", "14.02.1985"} <= words
    assert len(display_frames) > 2 and len(kiosk_frames) > 2
    assert leaks(display_frames, words) == set()
    assert leaks(kiosk_frames, words) == set()
    assert leaks([display.content()], words) == set()
    assert leaks([kiosk.content()], words) == set()
    # The dashboard, a staff page, does show the names: the check above is not vacuous.
    assert {"Gebremedhin", "Barzani"} <= leaks([dashboard.content()], words)


def test_the_manage_page_receives_no_personal_data(app, new_page):
    """By link and by booking code + date of birth: date, time, concern and documents reach the
    page, the persons' names, dates of birth and the e-mail address do not."""
    day, start = family_times(app, "familie_ehegatte", 2)
    receipt = booking.book(
        concern_id=concern_id(app.engine, "familie_ehegatte"), start=start,
        person=PersonalData(family_name="Abdelrahman", given_names="Mariam", birth_date=date(1990, 9, 21),
                            email="mariam.abdelrahman@example.org"),
        companions=(PersonalData(family_name="Okonkwo", given_names="Chidi", birth_date=date(1988, 12, 3),
                                 email=None),),
        now=settings.now(), policy=settings.booking_policy(), engine=app.engine)
    words = {"Abdelrahman", "Mariam", "1990-09-21", "21.09.1990", "mariam.abdelrahman", "Okonkwo", "Chidi",
             "1988-12-03", "03.12.1988"}
    by_link = new_page()
    link_frames = record_frames(by_link)
    by_link.goto(f"{app.url}/termin?t={receipt.manage_token}")
    expect(by_link.get_by_role("heading", name="Mein Termin")).to_be_visible()
    expect(by_link.get_by_text("Für 2 Personen")).to_be_visible()
    by_code = new_page()
    code_frames = record_frames(by_code)
    by_code.goto(f"{app.url}/termin")
    hydrated(by_code)
    by_code.get_by_label("Buchungscode").fill(receipt.booking_code)
    by_code.get_by_label("Geburtsdatum").fill("03.12.1988")  # the second person's
    by_code.get_by_role("button", name="Termin anzeigen").click()
    expect(by_code.get_by_role("heading", name="Mein Termin")).to_be_visible()
    assert len(link_frames) > 1 and len(code_frames) > 1
    assert leaks(link_frames + code_frames, words) == set()
    assert leaks([by_link.content(), by_code.content()], words) == set()
