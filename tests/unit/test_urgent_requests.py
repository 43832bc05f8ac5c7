"""Urgent requests without a database: what may be asked, how urgent it is, the request number, the
team's message, and the receipt PDF (German and Arabic)."""

import io
import re
import unicodedata
from datetime import date, datetime

import pypdf
import pytest

from terminsystem import i18n
from terminsystem.documents import RequestReceipt, pdf
from terminsystem.domain import urgent_requests as rules
from terminsystem.domain.errors import InvalidInput
from terminsystem.domain.urgent_requests import UrgentPolicy

TODAY = date(2026, 11, 27)
POLICY = UrgentPolicy(weeks=6, past_days=14)


def form(**changes):
    values = dict(concern_id="3", permit_kind="duldung", permit_expires="2026-12-20", family_name="Haddad",
                  given_names="Amira", birth_date="01.02.1990", email="amira@example.org", description="",
                  consent=True)
    return {**values, **changes}


def errors(**changes) -> dict:
    with pytest.raises(InvalidInput) as e:
        rules.validate(**form(**changes), today=TODAY, policy=POLICY)
    return e.value.fields


def test_a_valid_request():
    got = rules.validate(**form(description="  Termin\nbei der\x00 Ausländerbehörde  "), today=TODAY, policy=POLICY)
    assert (got.concern_id, got.permit_kind, got.permit_expires) == (3, "duldung", date(2026, 12, 20))
    assert (got.person.family_name, got.person.email) == ("Haddad", "amira@example.org")
    assert got.description == "Termin bei der Ausländerbehörde"  # one line of printable text


def test_the_expiry_must_lie_within_the_weeks_or_only_just_past():
    assert rules.validate(**form(permit_expires="08.01.2027"), today=TODAY, policy=POLICY).permit_expires == \
        date(2027, 1, 8)  # exactly six weeks, German format
    assert rules.validate(**form(permit_expires="2026-11-13"), today=TODAY, policy=POLICY)  # 14 days past
    assert errors(permit_expires="2027-01-09") == {"permit_expires": "field.expiry_too_far"}
    assert errors(permit_expires="2026-11-12") == {"permit_expires": "field.expiry_too_old"}
    assert errors(permit_expires="31.02.2027") == {"permit_expires": "field.date_invalid"}
    assert errors(permit_expires="") == {"permit_expires": "field.required"}
    assert errors(permit_expires=["2026-12-20"]) == {"permit_expires": "field.required"}


def test_names_birth_date_email_and_choices_follow_the_rules_of_booking():
    assert errors(family_name="", birth_date="30.02.1990", email="") == {
        "family_name": "field.required", "birth_date": "field.birth_date_invalid", "email": "field.required"}
    assert errors(family_name="X1", email="not-an-address") == {
        "family_name": "field.name_invalid", "email": "field.email_invalid"}
    assert errors(concern_id="x", permit_kind="passport", consent=False) == {
        "concern": "field.required", "permit_kind": "field.required", "consent": "field.consent_required"}
    assert errors(birth_date="01.01.2030") == {"birth_date": "field.birth_date_future"}


def test_days_left_and_how_they_are_highlighted():
    assert [rules.urgency(rules.days_left(TODAY.replace(day=d), TODAY)) for d in (26, 27, 30)] == [
        "expired", "critical", "critical"]
    assert rules.urgency(8) == "soon" and rules.urgency(21) == "soon" and rules.urgency(22) == "later"


def test_request_numbers_are_read_back_however_they_are_typed():
    number = rules.new_number()
    assert number.startswith("D-") and len(number) == 11
    for typed in (number, number.lower(), number.replace("-", " "), number[2:], f" {number[2:].replace('-', '')} "):
        assert rules.normalize_number(typed) == number
    assert rules.normalize_number("K7HA-3MX") == "" and rules.normalize_number(42) == ""


def test_the_teams_message_keeps_its_lines_but_no_control_characters():
    assert rules.answer_text("\n\nIhr Antrag ist erfasst.\x07\n\n\n\nIhr Titel gilt fort.\n\n") == \
        "Ihr Antrag ist erfasst.\n\nIhr Titel gilt fort."
    assert rules.answer_text("  \n\u200b ") == "" and rules.answer_text(None) == ""


def receipt(lang: str, expires=date(2026, 12, 20), name="Amira Haddad") -> RequestReceipt:
    return RequestReceipt(number="D-K7HA-3MXQ", received_at=datetime(2026, 11, 27, 14, 5, 31),
                          concern_name="Duldung", permit_kind="duldung", permit_expires=expires, name=name,
                          birth_date=date(1990, 2, 1), description="<b>bitte</b> schnell", lang=lang)


def text_of(data: bytes) -> str:
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages))


def test_the_receipt_pdf_proves_number_and_time_of_receipt():
    data = pdf.render_receipt(receipt("de"))
    text = text_of(data)
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 1
    for part in ("D-K7HA-3MXQ", "Eingangsbestätigung", "Freitag, 27. November 2026, 14:05 Uhr", "Amira Haddad",
                 "01.02.1990", "vor dem Ablauf Ihres Dokuments am Sonntag, 20. Dezember 2026"):
        assert part in " ".join(text.split()), part
    assert "<b>" in pdf.receipt_html(receipt("de")).replace("&lt;b&gt;", "<b>")  # shown as text, escaped
    assert "<b>bitte" not in pdf.receipt_html(receipt("de"))
    # Sent after the document expired: the receipt says so instead of "before it expires".
    late = " ".join(re.sub("<[^>]+>", "", pdf.receipt_html(receipt("de", expires=date(2026, 11, 20)))).split())
    assert "war am Freitag, 20. November 2026 abgelaufen" in late and "vor dem Ablauf" not in late


def test_an_arabic_receipt_is_right_to_left_and_in_arabic():
    page = pdf.receipt_html(receipt("ar", name="محمد أحمد"))
    assert '<html lang="ar" dir="rtl">' in page and '<div class="code" dir="ltr">D-K7HA-3MXQ</div>' in page
    text = text_of(pdf.render_receipt(receipt("ar", name="محمد أحمد")))
    assert "D-K7HA-3MXQ" in text and "14:05" in text
    for word in [*unicodedata.normalize("NFKC", i18n.translate("ar", "doc.urgent.title")).split(), "محمد", "أحمد"]:
        assert word in text or word[::-1] in text, word
