"""Urgent requests on a real database (SQLite and PostgreSQL) with a real SMTP server: the receipt
arrives with its PDF in the person's language, the triage list is per team and ordered by expiry,
an offered time is a normal appointment with its confirmation and is never offered twice (also
when two clerks offer at the same instant), an answer is mailed, every step is audited, and the
rate limits hold."""

from __future__ import annotations

import io
import unicodedata
from datetime import date, datetime, timedelta

import pypdf
import pytest
from sqlmodel import Session, select

from terminsystem import i18n, settings
from terminsystem.domain import urgent_requests as rules
from terminsystem.domain.errors import InvalidInput, SlotTaken, TooManyUrgentRequests, UrgentRefused
from terminsystem.domain.schedule import BookingLimits
from terminsystem.mail.catcher import Catcher
from terminsystem.mail.smtp import SmtpSettings
from terminsystem.models import Appointment, AuditEvent, MailOutbox, Staff, UrgentRequest
from terminsystem.services import outbox, urgent_requests, urgent_triage

from ..helpers import concern_id, team_id
from ..race import at_once, label, own_engine

NOW = datetime(2026, 11, 27, 10, 0, 12)  # a Friday
MONDAY_9 = datetime(2026, 11, 30, 9, 0)
LIMITS = BookingLimits(per_client_hour=50, all_per_minute=50)


def smtp(port: int) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, tls="none", timeout=5)


def staff(engine, username: str) -> int:
    with Session(engine) as s:
        return s.exec(select(Staff.id).where(Staff.username == username)).one()


def send(engine, *, concern="duldung", expires=date(2026, 12, 20), family="Haddad", email="amira@example.org",
         lang="de", client="198.51.100.7", now=NOW, limits=LIMITS, description="Pass läuft ab"):
    data = rules.validate(concern_id=str(concern_id(engine, concern)), permit_kind="duldung",
                          permit_expires=expires.isoformat(), family_name=family, given_names="Amira",
                          birth_date="01.02.1990", email=email, description=description, consent=True,
                          today=now.date(), policy=settings.urgent_policy())
    return urgent_requests.submit(data, lang=lang, client=client, now=now, limits=limits, engine=engine)


def request_id(engine, number: str) -> int:
    with Session(engine) as s:
        return s.exec(select(UrgentRequest.id).where(UrgentRequest.number == number)).one()


def audit_rows(engine, rid: int) -> list[tuple]:
    with Session(engine) as s:
        return [(a.action, a.staff_id, a.via, a.note) for a in s.exec(select(AuditEvent).where(
            AuditEvent.entity == "urgent_request", AuditEvent.entity_id == rid).order_by(AuditEvent.id)).all()]


def deliver(engine, catcher, now=NOW) -> int:
    return outbox.deliver_due(now=now, settings=smtp(catcher.port), engine=engine)


def pdf_text(data: bytes) -> str:
    return unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages))


def test_the_receipt_arrives_in_the_persons_language_with_its_pdf(office):
    sent = send(office, lang="ar", family="Ahmad")
    assert sent.number.startswith("D-") and sent.received_at == NOW and sent.email == "amira@example.org"
    rid = request_id(office, sent.number)
    assert audit_rows(office, rid) == [("urgent_received", None, "online", sent.number)]
    with Catcher() as catcher:
        assert deliver(office, catcher) == 1
        assert catcher.wait_for(1, 5)
    [msg] = catcher.messages
    assert msg["To"] == "amira@example.org" and 'lang="ar" dir="rtl"' in msg.get_body(("html",)).get_content()
    assert msg["Subject"] == i18n.translate("ar", "mail.subject.urgent_receipt", number=sent.number)
    body = msg.get_body(("plain",)).get_content()
    assert i18n.translate("ar", "mail.intro.urgent_receipt") in body and sent.number in body
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_filename() == f"Eingangsbestaetigung-{sent.number}.pdf"
    text = pdf_text(attachment.get_content())
    assert sent.number in text and "10:00" in text and "Ahmad"[::-1] not in text
    for word in unicodedata.normalize("NFKC", i18n.translate("ar", "doc.urgent.title")).split():
        assert word in text or word[::-1] in text, word
    # The page offers the same PDF right after sending, with the token only it got.
    name, data = urgent_requests.receipt_pdf(sent.download_token, engine=office)
    assert name == attachment.get_filename() and sent.number in pdf_text(data)
    other = sent.download_token[:-1] + ("A" if sent.download_token[-1] != "A" else "B")
    assert urgent_requests.receipt_pdf(other, engine=office) is None
    assert urgent_requests.receipt_pdf("D-K7HA-3MXQ", engine=office) is None


def test_a_concern_that_cannot_be_booked_and_the_rate_limits(office):
    with pytest.raises(InvalidInput) as e:
        urgent_requests.submit(rules.UrgentInput(concern_id=99999, permit_kind="other", permit_expires=NOW.date(),
                                                 person=rules.personal.PersonalData("A", "", date(1990, 1, 1), "a@b.de"),
                                                 description=""),
                               lang="de", client="x", now=NOW, limits=LIMITS, engine=office)
    assert e.value.fields == {"concern": "field.required"}
    limits = BookingLimits(per_client_hour=2, all_per_minute=3)
    send(office, limits=limits)
    send(office, limits=limits, now=NOW + timedelta(minutes=1))
    with pytest.raises(TooManyUrgentRequests) as e:  # the same address a third time within the hour
        send(office, limits=limits, now=NOW + timedelta(minutes=2))
    assert e.value.key == "urgent.too_many"
    send(office, limits=limits, now=NOW + timedelta(minutes=2), client="203.0.113.9")  # another address
    send(office, limits=limits, now=NOW + timedelta(minutes=2), client="203.0.113.10")
    send(office, limits=limits, now=NOW + timedelta(minutes=2), client="203.0.113.11")
    with pytest.raises(TooManyUrgentRequests):  # everybody together: a fourth in one minute
        send(office, limits=limits, now=NOW + timedelta(minutes=2), client="203.0.113.12")
    send(office, limits=limits, now=NOW + timedelta(hours=1, minutes=1))  # the hour is over
    with Session(office) as s:  # refused requests left nothing behind
        assert len(s.exec(select(UrgentRequest)).all()) == 6
        assert len(s.exec(select(MailOutbox).where(MailOutbox.kind == "urgent_receipt")).all()) == 6


def test_the_triage_list_is_per_team_ordered_by_expiry_with_the_days_left(office):
    later = send(office, expires=date(2026, 12, 30), family="Later")
    first = send(office, expires=date(2026, 11, 24), family="Expired", now=NOW - timedelta(days=1))
    soon = send(office, expires=date(2026, 12, 1), family="Soon")
    same_day = send(office, expires=date(2026, 12, 30), family="Afterwards", now=NOW + timedelta(minutes=5))
    other = send(office, concern="blaue_karte", family="Otherteam")
    humanitarian, work = team_id(office, "humanitaer"), team_id(office, "beschaeftigung_familie")
    for who in ("h.keller", "l.brandt", "admin"):
        listed = urgent_triage.triage(humanitarian, by=staff(office, who), now=NOW, engine=office)
        assert [r.number for r in listed.open] == [first.number, soon.number, later.number, same_day.number], who
        assert [(r.days_left, r.urgency) for r in listed.open] == [(-3, "expired"), (4, "critical"), (33, "later"),
                                                                  (33, "later")]
        assert listed.open[0].family_name == "Expired" and listed.open[0].email == "amira@example.org"
        assert listed.handled == []
    # A clerk of the other team sees nothing of it, and only their own team's request.
    with pytest.raises(UrgentRefused) as e:
        urgent_triage.triage(humanitarian, by=staff(office, "b.schmid"), now=NOW, engine=office)
    assert e.value.key == "urgent.not_allowed"
    mine = urgent_triage.triage(work, by=staff(office, "b.schmid"), now=NOW, engine=office)
    assert [r.number for r in mine.open] == [other.number]
    rid = request_id(office, soon.number)
    for step in (lambda by: urgent_triage.answer(rid, "Hallo", by=by, now=NOW, engine=office),
                 lambda by: urgent_triage.offer_time(rid, MONDAY_9, by=by, now=NOW, engine=office),
                 lambda by: urgent_triage.offer_days(rid, by=by, now=NOW, engine=office),
                 lambda by: urgent_triage.close(rid, by=by, now=NOW, engine=office)):
        with pytest.raises(UrgentRefused):
            step(staff(office, "b.schmid"))
    assert audit_rows(office, rid) == [("urgent_received", None, "online", soon.number)]


def test_an_offered_time_is_a_normal_appointment_with_its_confirmation(office):
    sent = send(office, lang="en")
    rid, clerk = request_id(office, sent.number), staff(office, "h.keller")
    days = urgent_triage.offer_days(rid, by=clerk, now=NOW, engine=office)
    assert days[0].day == NOW.date()  # staff may offer from today on
    assert MONDAY_9 in [t.start for t in urgent_triage.offer_times(rid, MONDAY_9.date(), by=clerk, now=NOW,
                                                                   engine=office)]
    row = urgent_triage.offer_time(rid, MONDAY_9, by=clerk, now=NOW, reminder_before=timedelta(hours=24),
                                   engine=office)
    assert (row.status, row.appointment_start, row.handled_by, row.offerable) == \
        ("offered", MONDAY_9, "Anna Keller", False)
    with Session(office) as s:
        a = s.exec(select(Appointment).where(Appointment.booking_code == row.booking_code)).one()
        assert (a.family_name, a.birth_date, a.email, a.lang, a.concern_id) == \
            ("Haddad", date(1990, 2, 1), "amira@example.org", "en", concern_id(office, "duldung"))
        mails = s.exec(select(MailOutbox.kind).where(MailOutbox.appointment_id == a.id).order_by(MailOutbox.id)).all()
        assert mails == ["confirmation", "reminder"]
    assert audit_rows(office, rid)[-1] == ("urgent_offer", clerk, "staff", sent.number)
    with pytest.raises(UrgentRefused) as e:  # never offered twice
        urgent_triage.offer_time(rid, MONDAY_9 + timedelta(hours=1), by=clerk, now=NOW, engine=office)
    assert e.value.key == "urgent.not_open"
    with pytest.raises(UrgentRefused):  # nor answered after the offer
        urgent_triage.answer(rid, "Doch nicht", by=clerk, now=NOW, engine=office)
    listed = urgent_triage.triage(team_id(office, "humanitaer"), by=clerk, now=NOW, engine=office)
    assert listed.open == [] and [r.booking_code for r in listed.handled] == [row.booking_code]
    with Catcher() as catcher:  # the receipt and the usual confirmation, in English
        assert deliver(office, catcher) == 2
        assert catcher.wait_for(2, 5)
    subjects = sorted(m["Subject"] for m in catcher.messages)
    assert subjects == sorted([i18n.translate("en", "mail.subject.confirmation", date="Monday, November 30, 2026",
                                              time="09:00"),
                               i18n.translate("en", "mail.subject.urgent_receipt", number=sent.number)])


def test_a_time_that_cannot_be_booked_leaves_the_request_open(office):
    sent = send(office)
    rid, clerk = request_id(office, sent.number), staff(office, "h.keller")
    with pytest.raises(Exception) as e:
        urgent_triage.offer_time(rid, MONDAY_9 + timedelta(minutes=7), by=clerk, now=NOW, engine=office)
    assert e.value.key == "error.slot_not_bookable"
    full = [send(office, family=f"Person{chr(65 + i)}") for i in range(3)]
    urgent_triage.offer_time(request_id(office, full[0].number), MONDAY_9, by=clerk, now=NOW, engine=office)
    urgent_triage.offer_time(request_id(office, full[1].number), MONDAY_9, by=clerk, now=NOW, engine=office)
    with pytest.raises(SlotTaken):  # the slot's seats are all taken
        urgent_triage.offer_time(rid, MONDAY_9, by=clerk, now=NOW, engine=office)
    with Session(office) as s:
        r = s.get(UrgentRequest, rid)
        assert (r.status, r.appointment_id, r.handled_at) == ("open", None, None)


def test_two_clerks_offering_at_the_same_instant_book_one_appointment(office):
    sent = send(office)
    rid = request_id(office, sent.number)
    clerks = [staff(office, "h.keller"), staff(office, "l.brandt")]
    starts = [MONDAY_9, MONDAY_9 + timedelta(hours=1)]

    def clerk(i: int) -> str:
        with own_engine(office) as engine:
            return urgent_triage.offer_time(rid, starts[i], by=clerks[i], now=NOW, engine=engine).status

    outcomes = [o if isinstance(o, str) else label(o) for o in at_once(clerk, 2, refused=(UrgentRefused,))]
    assert sorted(outcomes) == ["offered", "urgent.not_open"]
    with Session(office) as s:
        [a] = s.exec(select(Appointment)).all()  # the loser's booking was undone with its refusal
        assert s.get(UrgentRequest, rid).appointment_id == a.id
        assert len(s.exec(select(MailOutbox).where(MailOutbox.kind == "confirmation")).all()) == 1
    assert [row[0] for row in audit_rows(office, rid)] == ["urgent_received", "urgent_offer"]


def test_an_answer_is_mailed_with_the_teams_words_and_a_time_may_follow(office):
    sent = send(office, lang="tr")
    rid, lead = request_id(office, sent.number), staff(office, "l.brandt")
    with pytest.raises(UrgentRefused) as e:
        urgent_triage.answer(rid, " \n ", by=lead, now=NOW, engine=office)
    assert e.value.key == "urgent.answer_missing"
    text = "Ihr Antrag ist registriert.\nIhr Aufenthaltstitel gilt bis zur Entscheidung fort. <b>"
    row = urgent_triage.answer(rid, text, by=lead, now=NOW + timedelta(hours=1), engine=office)
    assert (row.status, row.answer, row.handled_by, row.offerable) == ("answered", text, "Lea Brandt", True)
    with pytest.raises(UrgentRefused):  # answered once
        urgent_triage.answer(rid, "Nochmal", by=lead, now=NOW, engine=office)
    with Catcher() as catcher:
        assert deliver(office, catcher, NOW + timedelta(hours=1)) == 2
        assert catcher.wait_for(2, 5)
    [msg] = [m for m in catcher.messages
             if m["Subject"] == i18n.translate("tr", "mail.subject.urgent_answer", number=sent.number)]
    plain = msg.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = msg.get_body(("html",)).get_content()
    assert i18n.translate("tr", "mail.intro.urgent_answer") in plain and text in plain
    assert i18n.translate("tr", "mail.urgent.answer_title") in plain
    assert "&lt;b&gt;" in html and "<b>" not in html.split("<blockquote")[1].split("</blockquote>")[0]
    assert not list(msg.iter_attachments())
    # After the answer, the team may still offer a time (once).
    urgent_triage.offer_time(rid, MONDAY_9, by=lead, now=NOW + timedelta(hours=2), engine=office)
    assert [r[0] for r in audit_rows(office, rid)] == ["urgent_received", "urgent_answer", "urgent_offer"]
    closed = send(office, family="Spam")
    row = urgent_triage.close(request_id(office, closed.number), by=staff(office, "admin"), now=NOW, engine=office)
    assert row.status == "closed"
    with Session(office) as s:  # closing sends nothing
        assert len(s.exec(select(MailOutbox).where(MailOutbox.request_id == row.id)).all()) == 1
