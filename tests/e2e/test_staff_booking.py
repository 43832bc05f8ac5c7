"""Staff act for a person: a clerk finds a booking by its code, moves it and cancels it; the audit
trail names the clerk; a clerk of the other team does not find it."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import expect
from sqlmodel import Session, select

from terminsystem import i18n, settings
from terminsystem.domain.personal import PersonalData
from terminsystem.domain.schedule import BookingPolicy
from terminsystem.models import Appointment, AuditEvent, Staff
from terminsystem.services import availability, booking

from ..helpers import appointment_today, concern_id, letters
from .flow import free_days, free_times
from .live import BESCHAEFTIGUNG, log_in, open_dashboard


def test_a_clerk_moves_and_cancels_a_booking_for_a_person(page, app, browser):
    family = f"Vogt{letters()}"
    day = free_days(app, "verlaengerung")[0]
    receipt = booking.book(concern_id=concern_id(app.engine, "verlaengerung"),
                           start=free_times(app, "verlaengerung", day)[0],
                           person=PersonalData(family_name=family, given_names="Ida", birth_date=date(1979, 5, 5),
                                               email=None),
                           now=settings.now(), policy=settings.booking_policy(), engine=app.engine)
    with Session(app.engine) as s:
        a = s.exec(select(Appointment).where(Appointment.booking_code == receipt.booking_code)).one()
        clerk_id = s.exec(select(Staff.id).where(Staff.username == "b.schmid")).one()
    staff_policy = BookingPolicy(min_days_ahead=0, max_days_ahead=42, lead_time=timedelta(0))
    days = availability.days(concern_id=a.concern_id, now=settings.now(), policy=staff_policy, moving=a.id,
                             engine=app.engine)
    new_day = next(d.day for d in days if d.state == "available" and d.day != a.starts_at.date())
    new_start = availability.times(concern_id=a.concern_id, day=new_day, now=settings.now(), policy=staff_policy,
                                   moving=a.id, engine=app.engine)[-1].start

    log_in(page, app, "b.schmid")
    page.goto(app.url + "/team/termine")
    page.get_by_label("Buchungscode").fill(receipt.booking_code.lower())
    page.get_by_role("button", name="Suchen").click()
    expect(page.locator("#staff-booking-persons")).to_contain_text(f"Ida {family}")
    page.get_by_role("button", name="Termin verschieben").click()
    page.get_by_role("button", name=re.compile("^" + re.escape(i18n.long_date(new_day, "de")) + ":")).click()
    page.get_by_role("button", name=new_start.strftime("%H:%M"), exact=True).click()
    page.get_by_role("button", name="Ja, verschieben").click()
    expect(page.get_by_role("status").filter(has_text="Der Termin ist verschoben")).to_be_visible()
    page.get_by_role("button", name="Termin absagen").click()
    page.get_by_role("button", name="Ja, Termin absagen").click()
    expect(page.get_by_role("status").filter(has_text="Der Termin ist abgesagt")).to_be_visible()
    with Session(app.engine) as s:
        moved = s.get(Appointment, a.id)
        trail = s.exec(select(AuditEvent.action, AuditEvent.staff_id, AuditEvent.via)
                       .where(AuditEvent.appointment_id == a.id).order_by(AuditEvent.id)).all()
    assert (moved.starts_at, moved.status) == (new_start, "cancelled")
    assert trail == [("rebook", clerk_id, "staff"), ("cancel", clerk_id, "staff")]

    other = browser.new_context(locale="de-DE").new_page()
    log_in(other, app, "h.keller")  # the other team
    other.goto(app.url + "/team/termine")
    other.get_by_label("Buchungscode").fill(receipt.booking_code)
    other.get_by_role("button", name="Suchen").click()
    expect(other.get_by_role("alert")).to_contain_text("Kein Termin mit diesem Buchungscode")
    expect(other.get_by_text(family)).to_have_count(0)
    other.context.close()


def test_the_staff_page_needs_a_login(page, app):
    page.goto(app.url + "/team/termine")
    expect(page.get_by_label("Benutzername")).to_be_visible()


def test_from_the_dashboard_a_clerk_cancels_an_expected_person(app, new_page):
    family = f"Brandt{letters()}"
    appointment_today(app.engine, "fachkraft", PersonalData(family_name=family, given_names="Ole",
                                                             birth_date=date(1991, 1, 1), email=None), not_begun=True)
    dashboard = open_dashboard(new_page(), app, BESCHAEFTIGUNG, "2.06")
    row = dashboard.locator("#expected tr", has_text=family)
    expect(row).to_be_visible()
    helper = new_page()
    log_in(helper, app, "b.novak")  # a colleague of the same team acts for the person in another window
    helper.goto(app.url + row.get_by_role("link", name="Absagen/verschieben").get_attribute("href"))
    expect(helper.locator("#staff-booking-persons")).to_contain_text(f"Ole {family}")
    helper.get_by_role("button", name="Termin absagen").click()
    helper.get_by_role("button", name="Ja, Termin absagen").click()
    expect(helper.get_by_role("status").filter(has_text="Der Termin ist abgesagt")).to_be_visible()
    expect(row).to_have_count(0, timeout=2000)  # the dashboard learns it at once
