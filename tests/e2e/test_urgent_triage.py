"""The team's triage of urgent requests in real Chromium: the open requests by expiry date with the
days left in words, live for every colleague of the team; the team lead offers a time (the person
gets the usual confirmation mail with the booking code) and answers another with a message (mailed
as written); a clerk of the other team sees none of them, and forged events change nothing."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import expect
from sqlmodel import Session, select

from terminsystem import i18n, settings
from terminsystem.domain import urgent_requests as rules
from terminsystem.domain.schedule import BookingLimits
from terminsystem.models import Appointment, AuditEvent, Staff, UrgentRequest
from terminsystem.services import urgent_requests

from ..helpers import concern_id, letters
from .flow import free_days, free_times
from .live import log_in
from .test_keep_booking import body_text

TRIAGE = "/team/dringend"
LIMITS = BookingLimits(per_client_hour=100, all_per_minute=100)
SCREENSHOTS = Path("/tmp/shots")  # to look at; a test does not write into the repository


def submit(app, expires: date, family: str, email: str, description: str = "") -> str:
    """A request of team Humanitär (Duldung), sent the way the public page sends it."""
    today = settings.now().date()
    data = rules.validate(concern_id=str(concern_id(app.engine, "duldung")), permit_kind="duldung",
                          permit_expires=expires.isoformat(), family_name=family, given_names="Amira",
                          birth_date="01.02.1990", email=email, description=description, consent=True, today=today,
                          policy=settings.urgent_policy())
    return urgent_requests.submit(data, lang="de", client=f"e2e-{letters()}", now=settings.now(), limits=LIMITS,
                                  engine=app.engine).number


def stored(app, number: str) -> UrgentRequest:
    with Session(app.engine) as s:
        return s.exec(select(UrgentRequest).where(UrgentRequest.number == number)).one()


def open_row(page, number: str):
    return page.locator("#triage-open tbody tr", has=page.locator("th", has_text=number))


def handled_row(page, number: str):
    return page.locator("#triage-handled tbody tr", has=page.locator("th", has_text=number))


def open_triage(page, app, username: str, team: str):
    log_in(page, app, username)
    expect(page).to_have_url(re.compile(r"/team"))
    page.goto(app.url + TRIAGE)
    expect(page.get_by_role("heading", name=f"Dringende Anfragen – {team}")).to_be_visible()
    return page


def test_team_lead_offers_a_time_and_answers_and_colleagues_see_it_live(app, new_page, mailbox):
    today = settings.now().date()
    tag = letters()
    people = {days: (f"Triage{tag}{chr(97 + n)}".capitalize(), f"triage.{tag}.{n}@example.org")
              for n, days in enumerate((30, -2, 3))}
    numbers = {days: submit(app, today + timedelta(days=days), family, email, f"Beschreibung {days}")
               for days, (family, email) in people.items()}

    lead = open_triage(new_page(), app, "l.brandt", "Humanitär")
    colleague = open_triage(new_page(), app, "h.keller", "Humanitär")  # a clerk of the team sees the list too
    mine = [n for n in lead.locator("#triage-open tbody th").all_inner_texts() if n.strip() in numbers.values()]
    assert [n.strip() for n in mine] == [numbers[-2], numbers[3], numbers[30]]  # by expiry date
    for days, text, urgency in ((-2, "abgelaufen seit 2 Tagen", "expired"), (3, "noch 3 Tage", "critical"),
                                (30, "noch 30 Tage", "later")):
        badge = open_row(lead, numbers[days]).locator(".ts-left")
        expect(badge).to_have_text(text)
        expect(badge).to_have_class(re.compile(rf"ts-left-{urgency}"))
    expect(open_row(lead, numbers[3])).to_contain_text(people[3][1])  # staff see the e-mail address
    expect(open_row(lead, numbers[3])).to_contain_text("01.02.1990")

    # A person sends a request on the public page: both open lists show it without a reload.
    person = new_page()
    person.goto(app.url + "/dringend?lang=de")
    expect(person.locator("html[dir=ltr]")).to_have_count(1)
    fresh_family, fresh_email = f"Live{tag}".capitalize(), f"triage.{tag}.live@example.org"
    person.get_by_label(i18n.translate("de", "urgent.field.concern")).select_option(label="Verlängerung der Duldung")
    person.get_by_label(i18n.translate("de", "urgent.field.permit_kind")).select_option("duldung")
    person.get_by_label(i18n.translate("de", "urgent.field.permit_expires")).fill(
        (today + timedelta(days=14)).strftime("%d.%m.%Y"))
    person.get_by_label(i18n.translate("de", "field.family_name")).fill(fresh_family)
    person.get_by_label(i18n.translate("de", "field.given_names")).fill("Samir")
    person.get_by_label(i18n.translate("de", "field.birth_date")).fill("03.04.1985")
    person.get_by_label(i18n.translate("de", "urgent.field.email")).fill(fresh_email)
    person.get_by_label(i18n.translate("de", "urgent.field.consent")).check()
    person.get_by_role("button", name=i18n.translate("de", "urgent.submit")).click()
    expect(person.locator("#request-number")).to_have_text(re.compile(r"^D-"), timeout=20_000)
    fresh = person.locator("#request-number").inner_text().strip()
    for page in (lead, colleague):
        expect(open_row(page, fresh).locator(".ts-left")).to_have_text("noch 14 Tage")
        expect(open_row(page, fresh)).to_contain_text(fresh_family)

    # The lead offers a time to the request with 30 days left.
    open_row(lead, numbers[30]).get_by_role("button", name="Termin anbieten").click()
    dialog = lead.get_by_role("dialog")
    expect(dialog).to_contain_text(numbers[30])
    dialog.locator("button.ts-day:not([disabled])").first.click()
    dialog.locator(".ts-times button").first.click()
    dialog.get_by_role("button", name="Termin anbieten und Bestätigung senden").click()
    expect(dialog).to_have_count(0)
    with Session(app.engine) as s:
        booked = s.exec(select(Appointment).join(UrgentRequest, UrgentRequest.appointment_id == Appointment.id)
                        .where(UrgentRequest.number == numbers[30])).one()
    assert booked.family_name == people[30][0] and booked.email == people[30][1]
    expect(lead.locator("#triage-outcome")).to_contain_text(f"Buchungscode {booked.booking_code}")
    expect(open_row(lead, numbers[30])).to_have_count(0)
    for page in (lead, colleague):  # the colleague's list follows without a reload
        expect(handled_row(page, numbers[30])).to_contain_text("Termin angeboten")
        expect(handled_row(page, numbers[30])).to_contain_text(booked.booking_code)
    confirmation = _wait_for_mail(mailbox, people[30][1], booked.booking_code)
    assert confirmation and str(confirmation[0]["Subject"]).startswith("Terminbestätigung")

    # The lead answers the request with 3 days left: an empty message is refused in the dialog.
    open_row(lead, numbers[3]).get_by_role("button", name="Antworten").click()
    dialog = lead.get_by_role("dialog")
    dialog.get_by_role("button", name="Antwort senden").click()
    expect(dialog.get_by_role("alert")).to_have_text("Bitte eine Nachricht eingeben.")
    message = "Ihr Antrag ist eingegangen.\nIhre Duldung gilt bis zur Entscheidung fort."
    dialog.get_by_label("Nachricht an die Person").fill(message)
    dialog.get_by_role("button", name="Antwort senden").click()
    expect(lead.locator("#triage-outcome")).to_have_text(f"Die Antwort zu {numbers[3]} wird per E-Mail gesendet.")
    expect(handled_row(lead, numbers[3])).to_contain_text("Beantwortet")
    expect(handled_row(colleague, numbers[3])).to_contain_text("Ihre Duldung gilt bis zur Entscheidung fort.")
    [answered] = _wait_for_mail(mailbox, people[3][1], "Ihre Duldung gilt bis zur Entscheidung fort.")
    assert str(answered["Subject"]) == f"Antwort auf Ihre dringende Anfrage {numbers[3]}"
    assert "Ihr Antrag ist eingegangen." in body_text(answered)

    # Every step in the audit trail, naming the team lead.
    with Session(app.engine) as s:
        lead_id = s.exec(select(Staff.id).where(Staff.username == "l.brandt")).one()
        trail = {(a.action, a.note) for a in s.exec(select(AuditEvent).where(AuditEvent.staff_id == lead_id)).all()}
    assert {("urgent_offer", numbers[30]), ("urgent_answer", numbers[3])} <= trail
    expect(open_row(lead, numbers[-2])).to_have_count(1)  # still waiting
    shot = SCREENSHOTS / "urgent-triage.png" if SCREENSHOTS.is_dir() else Path("/tmp/urgent-triage.png")
    lead.screenshot(path=str(shot), full_page=True)

    # Closing asks first and sends nothing.
    open_row(lead, fresh).get_by_role("button", name="Schließen").click()
    lead.get_by_role("dialog").get_by_role("button", name="Ohne Nachricht schließen").click()
    expect(lead.locator("#triage-outcome")).to_have_text(f"Die Anfrage {fresh} ist geschlossen.")
    expect(handled_row(colleague, fresh)).to_contain_text("Geschlossen")
    assert (stored(app, fresh).status, stored(app, fresh).answer) == ("closed", None)
    time.sleep(1)  # the outbox sends within a second or so; closing must have queued nothing
    assert {str(m["Subject"]) for m in mailbox.messages if m["To"] == fresh_email} <= {
        f"Eingangsbestätigung Ihrer dringenden Anfrage {fresh}"}  # the receipt only


def _wait_for_mail(mailbox, address: str, text: str, timeout: float = 30.0) -> list:
    """The mails to ``address`` whose text contains ``text`` (waits until there is one)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in list(mailbox.messages) if m["To"] == address and text in body_text(m)]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_a_clerk_of_the_other_team_sees_none_and_forged_events_change_nothing(app, new_page):
    from terminsystem.state.urgent_triage import UrgentTriageState as S

    from .test_sessions import cookie_header
    from .wire import Wire

    today = settings.now().date()
    family = f"Fremd{letters()}".capitalize()
    number = submit(app, today + timedelta(days=5), family, f"{family.lower()}@example.org")
    theirs = str(stored(app, number).id)

    clerk = open_triage(new_page(), app, "b.schmid", "Beschäftigung und Familiär")
    expect(clerk.get_by_text(re.compile("Offene Anfragen|Keine offenen Anfragen")).first).to_be_visible()
    expect(clerk.get_by_text(number)).to_have_count(0)
    expect(clerk.get_by_text(family)).to_have_count(0)

    day = free_days(app, "duldung")[0]
    start = free_times(app, "duldung", day)[0].isoformat()
    wire = Wire(app, TRIAGE, cookie=cookie_header(clerk))
    try:
        wire.send(S.begin, {"mode": "offer", "request_id": theirs})
        wire.send(S.choose_day, {"iso": day.isoformat()})
        wire.send(S.offer_time, {"request_id": theirs, "start": start})
        wire.send(S.answer, {"form": {"request": theirs, "text": "Gefälscht"}})
        wire.send(S.close_request, {"request_id": theirs})
        for odd in ([theirs], {"id": theirs}, None, 10**30, True, "-1"):  # wrong types must not break anything
            wire.send(S.offer_time, {"request_id": odd, "start": odd})
            wire.send(S.answer, {"form": odd})
            wire.send(S.close_request, {"request_id": odd})
            wire.send(S.begin, {"mode": odd, "request_id": odd})
        wire.send(S.heartbeat, {})  # still answering
        assert family not in wire.text() and number not in wire.text()
    finally:
        wire.close()
    row = stored(app, number)
    assert (row.status, row.appointment_id, row.answer, row.handled_by) == ("open", None, None, None)
    with Session(app.engine) as s:
        assert s.exec(select(Appointment).where(Appointment.family_name == family)).first() is None
        assert [a.action for a in s.exec(select(AuditEvent).where(AuditEvent.entity == "urgent_request",
                                                                  AuditEvent.entity_id == row.id)).all()] == [
            "urgent_received"]
