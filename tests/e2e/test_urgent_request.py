"""A person whose document expires soon sends an urgent request in real Chromium: the proof of work
is solved on submit, the receipt (number, time, PDF) is shown at once and comes by mail in the
person's language; bad input is refused field by field and stores nothing."""

from __future__ import annotations

import io
import unicodedata
from datetime import timedelta

from playwright.sync_api import expect
from pypdf import PdfReader
from sqlmodel import Session, func, select

from terminsystem import i18n, settings
from terminsystem.models import UrgentRequest

from ..helpers import letters
from .test_keep_booking import attachment, mails_to


def requests(app) -> int:
    with Session(app.engine) as s:
        return s.exec(select(func.count()).select_from(UrgentRequest)).one()


def pdf_text(data: bytes) -> str:
    return unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def fill(page, lang: str, expires: str, email: str, family: str) -> None:
    t = lambda key: i18n.translate(lang, key)  # noqa: E731
    page.get_by_label(t("urgent.field.concern")).select_option(index=2)
    page.get_by_label(t("urgent.field.permit_kind")).select_option("residence_title")
    page.get_by_label(t("urgent.field.permit_expires")).fill(expires)
    page.get_by_label(t("field.family_name")).fill(family)
    page.get_by_label(t("field.given_names")).fill("Amal")
    page.get_by_label(t("field.birth_date")).fill("23.06.1991")
    page.get_by_label(t("urgent.field.email")).fill(email)
    page.get_by_label(t("urgent.field.description")).fill("Arbeitsvertrag beginnt am 1.")


def test_a_request_gives_a_receipt_at_once_and_by_mail(page, app, mailbox):
    lang, email, family = "ar", f"amal.{letters()}@example.org", "Haddad" + letters()
    expires = (settings.now().date() + timedelta(days=10)).strftime("%d.%m.%Y")
    before = requests(app)
    page.goto(app.url + f"/dringend?lang={lang}")
    expect(page.locator("html[dir=rtl]")).to_have_count(1)
    fill(page, lang, expires, email, family)
    page.get_by_label(i18n.translate(lang, "urgent.field.consent")).check()
    page.get_by_role("button", name=i18n.translate(lang, "urgent.submit")).click()
    expect(page.get_by_role("status")).to_have_text(i18n.translate(lang, "urgent.done.title"), timeout=15_000)
    number = page.locator("#request-number").inner_text().strip()
    assert number.startswith("D-") and requests(app) == before + 1
    with Session(app.engine) as s:
        row = s.exec(select(UrgentRequest).where(UrgentRequest.number == number)).one()
    assert row.email == email and row.lang == lang and row.family_name == family
    received = i18n.translate(lang, "urgent.done.received", day=i18n.long_date(row.received_at.date(), lang),
                              time=row.received_at.strftime("%H:%M"))
    expect(page.get_by_role("heading", name=received)).to_be_visible()

    with page.expect_download() as download:
        page.locator("#receipt-pdf").click()
    downloaded = open(download.value.path(), "rb").read()
    assert number in pdf_text(downloaded)
    [mail] = mails_to(mailbox, email)
    mailed = attachment(mail, ".pdf")
    assert number in pdf_text(mailed) and row.received_at.strftime("%H:%M") in pdf_text(mailed)
    assert str(mail["Subject"]) == i18n.translate(lang, "mail.subject.urgent_receipt", number=number)


def test_bad_input_is_refused_field_by_field_and_nothing_is_stored(page, app):
    before = requests(app)
    page.goto(app.url + "/dringend?lang=de")
    expect(page.locator("html[dir=ltr]")).to_have_count(1)
    far = (settings.now().date() + timedelta(weeks=settings.urgent_policy().weeks, days=3)).strftime("%d.%m.%Y")
    fill(page, "de", far, "kein-at-zeichen", "Test" + letters())
    page.get_by_role("button", name=i18n.translate("de", "urgent.submit")).click()
    expect(page.locator("#permit_expires-error")).to_have_text(i18n.translate("de", "field.expiry_too_far"))
    expect(page.locator("#email-error")).not_to_be_empty()
    expect(page.locator("#consent-error")).not_to_be_empty()
    expect(page.get_by_label(i18n.translate("de", "urgent.field.permit_expires"))).to_have_attribute("aria-invalid", "true")
    assert requests(app) == before
