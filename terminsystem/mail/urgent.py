"""The e-mails about an urgent request, in the person's language, with the templates and headers of
the appointment mails (``compose``): the receipt (its PDF attached) and the team's answer (the
team's text as typed, framed by translated sentences)."""

from __future__ import annotations

from email.message import EmailMessage

from .. import i18n, routes, settings
from ..documents import RequestReceipt
from . import compose

RECEIPT, ANSWER = "urgent_receipt", "urgent_answer"


def subject(kind: str, r: RequestReceipt) -> str:
    return i18n.translate(i18n.normalize(r.lang), f"mail.subject.{kind}", number=r.number)


def context(kind: str, r: RequestReceipt, *, answer: str = "") -> dict:
    """The templates' values (see ``compose.context``)."""
    lang = i18n.normalize(r.lang)

    def t(key: str, **params) -> str:
        return i18n.translate(lang, key, **params)

    facts = [
        (t("mail.label.request_number"), r.number, True),
        (t("mail.label.received"), t("doc.urgent.at", date=i18n.long_date(r.received_at.date(), lang),
                                     time=i18n.short_time(r.received_at, lang)), False),
        (t("mail.label.concern"), r.concern_name, False),
        (t("mail.label.expires"), f"{t(f'urgent.kind.{r.permit_kind}')}: {i18n.long_date(r.permit_expires, lang)}",
         False),
    ]
    receipt = kind == RECEIPT
    return dict(
        lang=lang,
        dir=compose.direction(lang),
        subject=subject(kind, r),
        office=t("mail.office"),
        greeting=t("mail.greeting", name=r.name).replace(" ,", ","),
        intro=t(f"mail.intro.{kind}"),
        facts=facts,
        documents_title="",
        documents=[],
        checkin="",
        message_title=t("mail.urgent.answer_title") if answer else "",
        message_lines=answer.split("\n") if answer else [],
        notes=[t("mail.urgent.attached"), t("mail.urgent.next")] if receipt else [t("mail.urgent.answer_note")],
        link_text=t("mail.book_again") if not receipt else "",
        link_note="",
        link_button=t("mail.book_again.button") if not receipt else "",
        link_url=f"{settings.public_url()}{routes.BOOKING}?lang={lang}" if not receipt else "",
        footer=t("mail.footer"),
    )


def message(kind: str, r: RequestReceipt, *, to: str, sender: str, message_id: str | None, pdf: bytes | None = None,
            answer: str = "") -> EmailMessage:
    """The complete mail; the receipt carries its PDF."""
    if kind not in (RECEIPT, ANSWER):
        raise ValueError(f"not a mail about an urgent request: {kind!r}")
    text, html = compose.render_values(context(kind, r, answer=answer))
    msg = compose.envelope(subject=subject(kind, r), lang=r.lang, to=to, sender=sender, message_id=message_id,
                           text=text, html=html)
    if pdf is not None:
        msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=receipt_filename(r.number))
    return msg


def receipt_filename(number: str) -> str:
    return f"Eingangsbestaetigung-{number}.pdf"
