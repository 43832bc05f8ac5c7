"""The e-mails to a person about their appointment, made from a ``Confirmation``.

Each is plain text plus HTML (for mail programs that show only one of them) in the person's
language. The check-in token is never in the text: it travels only inside the attached PDF, so a
forwarded or previewed mail body cannot check anyone in.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from functools import lru_cache
from pathlib import Path

import jinja2
from babel import Locale, UnknownLocaleError

from .. import i18n, routes, settings
from ..documents import Confirmation
from ..models import MAIL_CANCELLATIONS, MAIL_KINDS

KINDS = MAIL_KINDS
_TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=2)
def _environment(html: bool) -> jinja2.Environment:
    """Autoescaping for HTML: names and texts are data, never markup."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=html, trim_blocks=True,
                              lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def direction(lang: str) -> str:
    try:
        return "rtl" if Locale.parse(lang).text_direction == "rtl" else "ltr"
    except (ValueError, TypeError, UnknownLocaleError):
        return "ltr"


def subject(kind: str, c: Confirmation) -> str:
    lang = i18n.normalize(c.lang)
    return i18n.translate(lang, f"mail.subject.{kind}", date=i18n.long_date(c.starts_at.date(), lang),
                          time=i18n.short_time(c.starts_at, lang))


def _hours(delta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:g}"


def context(kind: str, c: Confirmation, *, pdf: bool, ics: bool) -> dict:
    """What both templates show. Facts are (label, value, left-to-right?) rows."""
    lang = i18n.normalize(c.lang)  # texts fall back to German, so lang and dir follow the texts

    def t(key: str, **params) -> str:
        return i18n.translate(lang, key, **params)

    active = kind not in MAIL_CANCELLATIONS
    times = t("mail.time_range", start=i18n.short_time(c.starts_at, lang), end=i18n.short_time(c.ends_at, lang))
    facts = [
        (t("mail.label.date"), i18n.long_date(c.starts_at.date(), lang), False),
        (t("mail.label.time"), times, False),
        (t("mail.label.concern"), c.concern_name, False),
    ]
    if len(c.persons) > 1:
        facts.append((t("mail.label.persons"), ", ".join(c.persons), False))
    facts += [(t("mail.label.place"), settings.OFFICE_ADDRESS, False), (t("mail.label.code"), c.booking_code, True)]
    notes = []
    if kind == "rebooked":
        notes.append(t("mail.rebooked.old"))
    if active and pdf:
        notes.append(t("mail.attached.pdf"))
    if active and ics:
        notes.append(t("mail.attached.ics"))
    if active:
        cutoff = t("mail.manage.cutoff", hours=_hours(settings.manage_cutoff()))
        link = (t("mail.manage"), cutoff, t("mail.manage.button"), c.manage_url)
    else:
        link = (t("mail.book_again"), "", t("mail.book_again.button"), f"{settings.public_url()}{routes.BOOKING}?lang={lang}")
    return dict(
        lang=lang,
        dir=direction(lang),
        subject=subject(kind, c),
        office=t("mail.office"),
        greeting=t("mail.greeting", name=c.persons[0] if c.persons else "").replace(" ,", ","),
        intro=t(f"mail.intro.{kind}"),
        facts=facts,
        documents_title=t("mail.documents") if active else "",
        documents=list(c.documents) if active else [],
        checkin=t("mail.checkin") if active else "",
        notes=notes,
        link_text=link[0],
        link_note=link[1],
        link_button=link[2],
        link_url=link[3],
        footer=t("mail.footer"),
    )


def render(kind: str, c: Confirmation, *, pdf: bool = False, ics: bool = False) -> tuple[str, str]:
    """The plain text and the HTML of a mail (attachments are only mentioned)."""
    return render_values(context(kind, c, pdf=pdf, ics=ics))


def render_values(values: dict) -> tuple[str, str]:
    """The plain text and the HTML of a mail from the templates' values (``context`` has them all;
    ``link_url`` may be "" for no link; ``message_title`` and ``message_lines`` quote a text)."""
    return (_environment(False).get_template("message.txt").render(values),
            _environment(True).get_template("message.html").render(values))


def message(kind: str, c: Confirmation, *, to: str, sender: str, message_id: str | None, pdf: bytes | None,
            ics: bytes | None) -> EmailMessage:
    """The complete mail. A cancellation never carries attachments (its PDF and .ics are void).
    ``message_id``: stable per outbox row, so a mail sent twice after a crash is recognisable."""
    if kind not in KINDS:
        raise ValueError(f"unknown mail kind {kind!r}")
    if kind in MAIL_CANCELLATIONS:
        pdf = ics = None
    text, html = render(kind, c, pdf=pdf is not None, ics=ics is not None)
    msg = envelope(subject=subject(kind, c), lang=c.lang, to=to, sender=sender, message_id=message_id, text=text,
                   html=html)
    if pdf is not None:
        msg.add_attachment(pdf, maintype="application", subtype="pdf",
                           filename=f"Terminbestaetigung-{c.booking_code}.pdf")
    if ics is not None:
        msg.add_attachment(ics, maintype="text", subtype="calendar", filename=f"Termin-{c.booking_code}.ics",
                           params={"method": "PUBLISH", "charset": "utf-8"})
    return msg


def envelope(*, subject: str, lang: str, to: str, sender: str, message_id: str | None, text: str,
             html: str) -> EmailMessage:
    """A mail to a person with its headers and both bodies (attachments are the caller's)."""
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = to
    msg["Date"] = format_datetime(datetime.now(settings.TIMEZONE))
    msg["Message-ID"] = message_id or make_msgid(domain="terminsystem")
    msg["Auto-Submitted"] = "auto-generated"  # no out-of-office replies, please
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    # After the bodies: ``set_content`` removes every Content-* header set before it.
    msg["Content-Language"] = i18n.normalize(lang)
    return msg
