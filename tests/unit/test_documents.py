"""The confirmation as PDF and as calendar file: content, one page, scannable QR codes, time zone."""

import io
import unicodedata
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pypdf
import pypdfium2
import pytest
import zxingcpp

from terminsystem import i18n, settings
from terminsystem.documents import Confirmation, ics, pdf

from ..helpers import shipped_texts

TOKEN = "Zk3x9QyLw2VbN8rT5mHc1JdF7pGs4aE0"
MANAGE_URL = "http://localhost:8000/manage?t=Qm4vB7nX2kR9sT1wYc6ZpL3dH8fJ5gA0"
BERLIN = ZoneInfo("Europe/Berlin")


def confirmation(lang="de", persons=("Amira Haddad", "Karim Haddad", "Lina Haddad"), concern="verlaengerung"):
    return Confirmation(
        booking_code="K7HA-3MXQ",
        concern_code=concern,
        starts_at=datetime(2026, 12, 1, 9, 30),
        ends_at=datetime(2026, 12, 1, 10, 0),
        persons=persons,
        checkin_token=TOKEN,
        manage_url=MANAGE_URL,
        lang=lang,
        **shipped_texts(lang, concern),
    )


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def pages(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def qr_texts(data: bytes) -> list[str]:
    image = pypdfium2.PdfDocument(data)[0].render(scale=2).to_pil()
    return [code.text for code in zxingcpp.read_barcodes(image)]


@pytest.fixture(scope="module")
def german_pdf() -> bytes:
    return pdf.render(confirmation())


@pytest.fixture(scope="module")
def arabic_pdf() -> bytes:
    return pdf.render(confirmation("ar", ("محمد أحمد", "زهرا رضایی")))


def test_pdf_holds_the_appointment(german_pdf):
    assert german_pdf.startswith(b"%PDF")
    assert pages(german_pdf) == 1
    text = text_of(german_pdf)
    for expected in ("Terminbestätigung", "K7HA-3MXQ", "Dienstag, 1. Dezember 2026", "09:30", "10:00",
                     "Verlängerung einer Aufenthaltserlaubnis", "Lerchenstraße 40", "Amira Haddad",
                     "Lina Haddad", "Reisepass", "Ein aktuelles biometrisches Passfoto", MANAGE_URL):
        assert expected in text, expected


def test_pdf_qr_codes_hold_the_token_and_the_manage_link(german_pdf):
    found = qr_texts(german_pdf)
    assert sorted(found) == sorted([TOKEN, MANAGE_URL])


def test_pdf_check_in_token_is_only_in_the_qr_code(german_pdf):
    assert TOKEN not in text_of(german_pdf)


def test_pdf_in_english():
    text = text_of(pdf.render(confirmation("en")))
    for expected in ("Appointment confirmation", "Tuesday, December 1, 2026", "09:30",
                     "Extension of a residence permit", "Passport", "How check-in works"):
        assert expected in text, expected


def test_pdf_fits_one_page_with_four_persons_and_eight_documents():
    long_list = [f"Nachweis {n} zum Aufenthaltszweck (z. B. Arbeitsvertrag, Heiratsurkunde, Mietvertrag)"
                 for n in range(8)]
    persons = ("Maximilian-Alexander Schneider-Obermüller", "محمد أحمد عبد الرحمن", "زهرا رضایی", "Anna Müller")
    c = confirmation(persons=persons, concern="asyl_fluechtling")
    data = pdf.render(Confirmation(**{**c.__dict__, "documents": tuple(long_list)}))
    assert pages(data) == 1
    assert long_list[-1] in text_of(data)
    assert sorted(qr_texts(data)) == sorted([TOKEN, MANAGE_URL])


def test_right_to_left_languages_are_mirrored_with_codes_left_to_right():
    for lang in ("ar", "fa"):
        page = pdf.html(confirmation(lang))
        assert f'<html lang="{lang}" dir="rtl">' in page
        assert '<div class="code" dir="ltr">K7HA-3MXQ</div>' in page
        assert f'<p class="link" dir="ltr">{MANAGE_URL}</p>' in page
        assert '<bdi dir="ltr">09:30</bdi>' in page
    assert '<html lang="de" dir="ltr">' in pdf.html(confirmation("de"))


def test_pdf_with_arabic_and_persian_names(arabic_pdf):
    assert pages(arabic_pdf) == 1
    text = unicodedata.normalize("NFKC", text_of(arabic_pdf))
    assert "K7HA-3MXQ" in text
    for name in ("محمد أحمد", "زهرا رضایی"):
        for word in name.split():
            # logical order expected; visual (reversed) order would still prove the glyphs are there
            assert word in text or word[::-1] in text, word
    assert sorted(qr_texts(arabic_pdf)) == sorted([TOKEN, MANAGE_URL])


def test_names_are_escaped():
    page = pdf.html(confirmation(persons=("<b>Eve</b> & Co",)))
    assert "&lt;b&gt;Eve&lt;/b&gt; &amp; Co" in page
    assert "<b>Eve</b>" not in page


def event_of(data: bytes) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_ics_event():
    data = ics.render(confirmation())
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["PRODID"]) == "-//Landratsamt Heilbronn//Terminsystem//DE"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    event = event_of(data)
    assert str(event["UID"]) == "K7HA-3MXQ@terminsystem"
    assert event["DTSTART"].dt == datetime(2026, 12, 1, 9, 30, tzinfo=BERLIN)
    assert event["DTEND"].dt == datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN)
    assert event["DTSTART"].dt.utcoffset() == timedelta(hours=1)
    assert event["DTSTAMP"].dt.utcoffset() == timedelta(0)
    assert str(event["LOCATION"]) == settings.OFFICE_ADDRESS
    assert str(event["URL"]) == MANAGE_URL
    assert str(event["SUMMARY"]) == "Termin Ausländerbehörde: Verlängerung einer Aufenthaltserlaubnis"
    description = str(event["DESCRIPTION"])
    for expected in (MANAGE_URL, "K7HA-3MXQ", "Reisepass", "Check-in"):
        assert expected in description, expected
    assert TOKEN not in description
    assert TOKEN.encode() not in data
    alarms = event.walk("VALARM")
    assert len(alarms) == 1
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    assert alarms[0]["TRIGGER"].dt == timedelta(days=-1)
    assert str(alarms[0]["DESCRIPTION"])
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Berlin"]


def test_ics_in_summer_time_and_in_english():
    c = confirmation("en")
    c = Confirmation(**{**c.__dict__, "starts_at": datetime(2026, 7, 2, 14, 0), "ends_at": datetime(2026, 7, 2, 15, 0)})
    event = event_of(ics.render(c))
    assert event["DTSTART"].dt == datetime(2026, 7, 2, 14, 0, tzinfo=BERLIN)
    assert event["DTSTART"].dt.utcoffset() == timedelta(hours=2)
    assert str(event["SUMMARY"]) == "Appointment immigration office: Extension of a residence permit"
    description = str(event["DESCRIPTION"])
    assert "Booking code: K7HA-3MXQ" in description
    assert "Passport" in description
    assert "Reisepass" not in description
    assert str(event.walk("VALARM")[0]["DESCRIPTION"]).startswith("Tomorrow")


def test_the_pdf_is_tagged_for_screen_readers_with_its_language():
    for lang in ("de", "ar"):
        root = pypdf.PdfReader(io.BytesIO(pdf.render(confirmation(lang=lang)))).trailer["/Root"]
        assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
        assert root["/Lang"] == lang


def _checkin_qr_x(data: bytes) -> float:
    """Where the check-in QR code sits on the rendered page: its centre as a share of the width."""
    image = pypdfium2.PdfDocument(data)[0].render(scale=2).to_pil()
    [code] = [c for c in zxingcpp.read_barcodes(image) if c.text == TOKEN]
    p = code.position
    return (p.top_left.x + p.top_right.x + p.bottom_left.x + p.bottom_right.x) / 4 / image.width


def test_arabic_and_persian_pdfs_are_in_their_language_and_mirrored(german_pdf, arabic_pdf):
    """Rendered to an image, the check-in QR code sits right of the steps in German and left of
    them in Arabic and Persian; the extracted text holds the translated title."""
    assert _checkin_qr_x(german_pdf) > 0.6
    assert _checkin_qr_x(arabic_pdf) < 0.4
    persian = pdf.render(confirmation("fa"))
    assert _checkin_qr_x(persian) < 0.4
    for lang, data in (("ar", arabic_pdf), ("fa", persian)):
        text = unicodedata.normalize("NFKC", text_of(data))
        for word in unicodedata.normalize("NFKC", i18n.translate(lang, "doc.title")).split():
            assert word in text or word[::-1] in text, (lang, word)
