"""A booking people keep: the mail with PDF and calendar file arrives at a real SMTP server, the
manage link moves and cancels the booking, the code + date-of-birth path finds it, and a mail
written while the SMTP server is down goes out once when it is back. Real Chromium, by role and label."""

from __future__ import annotations

import io
import re
import time
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pypdfium2
import zxingcpp
from playwright.sync_api import expect
from pypdf import PdfReader
from sqlmodel import Session, func, select

from terminsystem import i18n
from terminsystem.domain import codes
from terminsystem.models import Appointment, MailOutbox, SlotClaim

from ..helpers import FIGURES, letters
from .flow import SUBMIT, choose_concern, choose_time, fill_person, free_days, free_times, hydrated

CONCERN, CONCERN_NAME = "verlaengerung", "Verlängerung einer Aufenthaltserlaubnis"


def mails_to(mailbox, address: str, count: int = 1, timeout: float = 20.0) -> list:
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in mailbox.messages if m["To"] == address]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def attachment(msg, suffix: str) -> bytes:
    [part] = [p for p in msg.iter_attachments() if p.get_filename().endswith(suffix)]
    return part.get_content()


def body_text(msg) -> str:
    return msg.get_body(preferencelist=("plain",)).get_content()


def stored(app, code: str) -> Appointment:
    with Session(app.engine) as s:
        return s.exec(select(Appointment).where(Appointment.booking_code == code)).one()


def seats(app, start: datetime) -> int:
    with Session(app.engine) as s:
        return s.exec(select(func.count()).select_from(SlotClaim).where(SlotClaim.slot_start == start)).one()


def book(page, app, address: str, day_index: int = 0, family: str | None = None) -> tuple[str, datetime]:
    day = free_days(app, CONCERN)[day_index]
    start = free_times(app, CONCERN, day)[0]
    choose_concern(page, app, CONCERN_NAME)
    choose_time(page, day, start)
    fill_person(page, family or f"Keep{letters()}", "Sara", "14.02.1991", address)
    page.get_by_role("button", name=SUBMIT).click()
    expect(page.get_by_role("status").filter(has_text="Ihr Termin ist gebucht")).to_be_visible()
    return page.locator("#booking-code").inner_text().strip(), start


def test_mail_pdf_calendar_and_manage_link_rebook_then_cancel(page, app, mailbox):
    address = f"keep-{uuid.uuid4().hex[:8]}@example.org"
    code, start = book(page, app, address)
    booked = time.monotonic()
    expect(page.get_by_text("Wir haben Ihnen eine Bestätigung per E-Mail geschickt")).to_be_visible()
    expect(page.get_by_role("link", name="Bestätigung (PDF) herunterladen")).to_be_visible()

    [mail] = mails_to(mailbox, address)
    FIGURES.append(f"e2e booking confirmed → mail with PDF and .ics at the SMTP server: "
                   f"{round((time.monotonic() - booked) * 1000)} ms")
    assert code in str(mail["Subject"]) or i18n.long_date(start.date(), "de") in str(mail["Subject"])
    pdf = attachment(mail, ".pdf")
    text = " ".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(pdf)).pages)
    assert code in text and i18n.long_date(start.date(), "de") in text and start.strftime("%H:%M") in text
    [event] = icalendar.Calendar.from_ical(attachment(mail, ".ics")).walk("VEVENT")
    assert event.decoded("DTSTART") == start.replace(tzinfo=ZoneInfo("Europe/Berlin"))
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=2).to_pil()
    decoded = {r.text for r in zxingcpp.read_barcodes(image)}
    appointment = stored(app, code)
    [checkin_token] = [t for t in decoded if codes.looks_like_token(t)]
    assert codes.token_hash(checkin_token) == appointment.token_hash
    [link] = re.findall(r"https?://\S+/termin\?t=[A-Za-z0-9_-]+&lang=de", body_text(mail))
    assert link in decoded  # the small QR code holds the manage link
    assert checkin_token not in body_text(mail)

    # The downloads on the confirmation page are the same documents.
    with page.expect_download() as download:
        page.get_by_role("link", name="In den Kalender (.ics)").click()
    assert b"BEGIN:VEVENT" in open(download.value.path(), "rb").read()

    # Open the manage link, move the appointment to another day.
    page.goto(link.replace(link.split("/termin")[0], app.url))
    expect(page.get_by_role("heading", name="Mein Termin")).to_be_visible()
    when = i18n.translate("de", "booking.when", day=i18n.long_date(start.date(), "de"), time=start.strftime("%H:%M"))
    expect(page.get_by_role("heading", name=when)).to_be_visible()
    before_old = seats(app, start)
    new_day = free_days(app, CONCERN)[1] if free_days(app, CONCERN)[0] == start.date() else free_days(app, CONCERN)[0]
    new_start = free_times(app, CONCERN, new_day)[0]
    before_new = seats(app, new_start)
    page.get_by_role("button", name="Termin verschieben").click()
    choose_time_on_manage(page, new_day, new_start)
    page.get_by_role("button", name="Ja, verschieben").click()
    expect(page.get_by_role("status").filter(has_text="Ihr Termin ist verschoben")).to_be_visible()
    assert (seats(app, start), seats(app, new_start)) == (before_old - 1, before_new + 1)
    assert start in free_times(app, CONCERN, start.date())  # the old time is offered to others again
    assert stored(app, code).starts_at == new_start
    rebooked = mails_to(mailbox, address, count=2)[1]
    assert "verschoben" in str(rebooked["Subject"]) and attachment(rebooked, ".pdf").startswith(b"%PDF")

    # Cancel: the seat is free, the mail says so, the link shows the cancelled booking.
    page.get_by_role("button", name="Termin absagen").click()
    page.get_by_role("button", name="Ja, Termin absagen").click()
    expect(page.get_by_role("status").filter(has_text="Ihr Termin ist abgesagt")).to_be_visible()
    assert seats(app, new_start) == before_new
    cancelled = mails_to(mailbox, address, count=3)[2]
    assert "abgesagt" in str(cancelled["Subject"]).lower() and not list(cancelled.iter_attachments())
    expect(page.get_by_role("button", name="Termin verschieben")).to_have_count(0)
    # Exactly the three mails, each once.
    time.sleep(2)
    assert len(mails_to(mailbox, address, count=4, timeout=0)) == 3


def choose_time_on_manage(page, day, start) -> None:
    page.get_by_role("button", name=re.compile("^" + re.escape(i18n.long_date(day, "de")) + ":")).click()
    page.get_by_role("button", name=start.strftime("%H:%M"), exact=True).click()
    expect(page.get_by_role("heading", name="Termin verschieben?")).to_be_visible()


def test_booking_code_and_birth_date_find_it_wrong_date_reveals_nothing(page, app):
    code, start = book(page, app, "")
    page.goto(app.url + "/termin")
    hydrated(page)
    page.get_by_label("Buchungscode").fill(code.lower().replace("-", ""))
    page.get_by_label("Geburtsdatum").fill("15.02.1991")
    page.get_by_role("button", name="Termin anzeigen").click()
    generic = "Wir konnten keinen Termin zu diesen Angaben finden"
    expect(page.get_by_role("alert")).to_contain_text(generic)
    page.get_by_label("Buchungscode").fill("AAAA-AAAA")
    page.get_by_label("Geburtsdatum").fill("14.02.1991")
    page.get_by_role("button", name="Termin anzeigen").click()
    expect(page.get_by_role("alert")).to_contain_text(generic)
    page.get_by_label("Buchungscode").fill(code)
    page.get_by_role("button", name="Termin anzeigen").click()
    expect(page.get_by_role("heading", name="Mein Termin")).to_be_visible()
    expect(page.get_by_text(CONCERN_NAME)).to_be_visible()
    # Without an e-mail address the manage page still gives the documents.
    with page.expect_download() as download:
        page.get_by_role("link", name="Bestätigung (PDF) herunterladen").click()
    assert code in PdfReader(download.value.path()).pages[0].extract_text()


def test_a_second_booking_of_the_same_person_is_refused_with_a_way_to_the_first(page, app):
    family = f"Einmal{letters()}"
    book(page, app, "", family=family)
    page.get_by_role("button", name="Weiteren Termin buchen").click()
    day = free_days(app, CONCERN)[1]
    start = free_times(app, CONCERN, day)[0]
    choose_concern(page, app, CONCERN_NAME)
    choose_time(page, day, start)
    fill_person(page, family.upper(), "Sara", "14.02.1991")
    page.get_by_role("button", name=SUBMIT).click()
    expect(page.get_by_role("alert")).to_contain_text("Für diese Person ist schon ein Termin gebucht")
    page.get_by_role("link", name=re.compile("Zu „Mein Termin“")).click()
    expect(page.get_by_role("heading", name="Termin finden")).to_be_visible()


def test_smtp_down_during_booking_the_mail_goes_out_once_when_it_is_back(page, app, mailbox):
    address = f"later-{uuid.uuid4().hex[:8]}@example.org"
    mailbox.stop()
    try:
        code, _ = book(page, app, address)
        with Session(app.engine) as s:
            appointment_id = stored(app, code).id
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:  # the sender tried and failed at least once
            with Session(app.engine) as s:
                row = s.exec(select(MailOutbox).where(MailOutbox.appointment_id == appointment_id,
                                                      MailOutbox.kind == "confirmation")).one()
            if row.attempts >= 1 and row.last_error:
                break
            time.sleep(0.3)
        assert row.attempts >= 1 and row.status == "pending" and row.last_error
    finally:
        mailbox.start()
    [mail] = mails_to(mailbox, address, timeout=30)
    assert code in PdfReader(io.BytesIO(attachment(mail, ".pdf"))).pages[0].extract_text()
    time.sleep(3)  # every worker keeps looking: still exactly one
    assert len([m for m in mailbox.messages if m["To"] == address]) == 1
    with Session(app.engine) as s:
        assert s.exec(select(MailOutbox.status).where(MailOutbox.appointment_id == appointment_id,
                                                      MailOutbox.kind == "confirmation")).one() == "sent"
