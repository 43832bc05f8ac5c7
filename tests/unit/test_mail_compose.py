"""The e-mails' content: parts, attachments, headers, language, and never the check-in token."""

from datetime import datetime

import pytest

from terminsystem.documents import Confirmation
from terminsystem.mail import compose
from terminsystem.mail.catcher import safe_name
from terminsystem.mail.smtp import DEFAULT_FROM, SmtpSettings, reason

from ..helpers import shipped_texts

TOKEN = "CHECKINtoken_must-never-be-in-the-mail-x"
C = Confirmation(booking_code="K7HA-3MXQ", concern_code="blaue_karte", starts_at=datetime(2026, 12, 1, 9),
                 ends_at=datetime(2026, 12, 1, 9, 30), persons=("Erika Mustermann", "Max <b>Mustermann</b>"),
                 checkin_token=TOKEN, manage_url="http://localhost:8000/termin?t=MANAGEtoken", lang="de",
                 **shipped_texts("de", "blaue_karte"))
PDF, ICS = b"%PDF-1.7 dummy", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"


def mail(kind="confirmation", c=C, pdf=PDF, ics=ICS):
    return compose.message(kind, c, to="erika@example.org", sender=DEFAULT_FROM,
                           message_id="<outbox-7@localhost>", pdf=pdf, ics=ics)


def bodies(msg):
    return msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()


def test_confirmation_has_text_html_pdf_and_calendar():
    msg = mail()
    text, html = bodies(msg)
    attachments = {p.get_filename(): p for p in msg.iter_attachments()}
    assert set(attachments) == {"Terminbestaetigung-K7HA-3MXQ.pdf", "Termin-K7HA-3MXQ.ics"}
    assert attachments["Terminbestaetigung-K7HA-3MXQ.pdf"].get_content_type() == "application/pdf"
    assert attachments["Terminbestaetigung-K7HA-3MXQ.pdf"].get_content() == PDF
    calendar = attachments["Termin-K7HA-3MXQ.ics"]
    assert calendar.get_content_type() == "text/calendar" and calendar.get_param("method") == "PUBLISH"
    assert "Dienstag, 1. Dezember 2026" in msg["Subject"] and "09:00" in msg["Subject"]
    for body in (text, html):
        assert C.manage_url in body and "K7HA-3MXQ" in body
        assert "Blaue Karte EU" in body and "Reisepass" in body and "Lerchenstraße 40" in body
        assert TOKEN not in body
    assert '<html lang="de" dir="ltr">' in html
    assert "Max &lt;b&gt;Mustermann&lt;/b&gt;" in html and "<b>Mustermann" not in html  # names are escaped


def test_headers():
    msg = mail()
    assert msg["Message-ID"] == "<outbox-7@localhost>"
    assert msg["To"] == "erika@example.org" and msg["From"].addresses[0].addr_spec == "termine@localhost"
    assert msg["Auto-Submitted"] == "auto-generated"
    assert msg["Date"].datetime.tzinfo is not None
    assert TOKEN not in msg.as_string()  # nor in any header or part (the PDF here is a dummy)


def test_cancellation_has_no_attachments_and_no_manage_link():
    msg = mail("cancelled", Confirmation(**{**C.__dict__, "cancelled": True}))
    assert list(msg.iter_attachments()) == []
    text, html = bodies(msg)
    assert "abgesagt" in msg["Subject"] and "abgesagt" in text
    assert C.manage_url not in text and "Reisepass" not in text
    assert "http://localhost:8000/" in text and TOKEN not in html


def test_reminder_and_rebooking():
    reminder = mail("reminder", pdf=None)
    assert [p.get_filename() for p in reminder.iter_attachments()] == ["Termin-K7HA-3MXQ.ics"]
    assert "Erinnerung" in reminder["Subject"]
    text, _ = bodies(reminder)
    assert "Reisepass" in text and C.manage_url in text
    rebooked = mail("rebooked")
    assert "verschoben" in rebooked["Subject"] and "gilt nicht mehr" in bodies(rebooked)[0]


def test_english_variant_is_english():
    msg = mail(c=Confirmation(**{**C.__dict__, "lang": "en", **shipped_texts("en", "blaue_karte")}))
    text, html = bodies(msg)
    assert msg["Subject"] == "Appointment confirmed: Tuesday, December 1, 2026, 09:00"
    assert "Booking code: K7HA-3MXQ" in text and "Please bring:" in text and "Passport" in text
    assert '<html lang="en" dir="ltr">' in html and "Bitte" not in text


def test_every_kind_has_its_texts():
    from terminsystem import i18n

    for lang in i18n.languages():
        for kind in compose.KINDS:
            for key in (f"mail.subject.{kind}", f"mail.intro.{kind}"):
                assert key in i18n.catalog(lang), (lang, key)


def test_right_to_left_languages_and_unknown_kinds():
    assert compose.direction("ar") == "rtl" and compose.direction("fa") == "rtl"
    assert compose.direction("de") == "ltr" and compose.direction("nonsense!") == "ltr"
    with pytest.raises(ValueError):
        mail("spam")


def test_smtp_settings_from_environment():
    assert not SmtpSettings.from_env({}).configured
    local = SmtpSettings.from_env({"TS_SMTP_HOST": "127.0.0.1", "TS_SMTP_PORT": "8025"})
    assert (local.tls, local.port, local.sender, local.timeout) == ("none", 8025, DEFAULT_FROM, 20.0)
    remote = SmtpSettings.from_env({"TS_SMTP_HOST": "mail.example.org", "TS_SMTP_USER": "u", "TS_SMTP_PASSWORD": "s3cret"})
    assert (remote.tls, remote.port) == ("starttls", 25) and "s3cret" not in repr(remote)
    assert SmtpSettings.from_env({"TS_SMTP_HOST": "mail.example.org", "TS_SMTP_TLS": "ssl"}).port == 465
    with pytest.raises(ValueError):
        SmtpSettings.from_env({"TS_SMTP_HOST": "x", "TS_SMTP_TLS": "maybe"})


def test_stored_errors_hold_no_addresses_and_file_names_are_safe():
    assert reason("550 5.1.1 <erika@example.org>: no such user " + "x" * 300).startswith("550 5.1.1 <address>: no")
    assert len(reason("y" * 500)) == 200
    assert safe_name("Terminbestätigung: Dienstag, 1. Dezember 2026, 09:00 Uhr") == (
        "Terminbestatigung-Dienstag-1-Dezember-2026-09-00-Uhr")
