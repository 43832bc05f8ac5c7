"""The booking confirmation as a one-page A4 PDF: WeasyPrint renders ``confirmation.html``; the
receipt of an urgent request likewise from ``receipt.html``.

Black on white (it is printed on office printers and read on phones), DejaVu Sans (it has Latin,
Arabic and Persian glyphs), mirrored for right-to-left languages. Booking code, link and times stay
left-to-right inside RTL text. The check-in QR code holds the check-in token and nothing else.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from babel import Locale, UnknownLocaleError
from markupsafe import Markup, escape

from .. import i18n, qr, settings
from . import Confirmation, RequestReceipt

_DIR = Path(__file__).parent


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(_DIR), autoescape=True, trim_blocks=True,
                              lstrip_blocks=True, undefined=jinja2.StrictUndefined)


@lru_cache(maxsize=1)
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def direction(lang: str) -> str:
    """``rtl`` for Arabic, Persian and the other right-to-left languages, else ``ltr``."""
    try:
        return "rtl" if Locale.parse(lang).text_direction == "rtl" else "ltr"
    except (ValueError, TypeError, UnknownLocaleError):
        return "ltr"


def _ltr(value: str) -> Markup:
    return Markup('<bdi dir="ltr">{}</bdi>').format(value)


def _text(lang: str, key: str, **params: str) -> Markup:
    """A catalog text, escaped, with its ``{placeholders}`` filled as isolated left-to-right runs
    (times, numbers), so they read right inside Arabic or Persian sentences too."""
    return Markup(escape(i18n.translate(lang, key))).format(**{k: _ltr(v) for k, v in params.items()})


def _page(template: str, lang: str, compact: bool, **values) -> str:
    """A document template with what every document has: language, direction, texts, the office."""
    parts = [part.strip() for part in settings.OFFICE_ADDRESS.split(",") if part.strip()]
    return _environment().get_template(template).render(
        lang=lang, compact=compact, dir=direction(lang), t=lambda key, **params: _text(lang, key, **params),
        office_name=parts[0] if parts else "", office_lines=parts[1:], **values)


def html(c: Confirmation, *, compact: bool = False) -> str:
    """The confirmation as an HTML page (the source of the PDF); ``compact``: smaller type and codes."""
    lang = c.lang
    start, end = i18n.short_time(c.starts_at, lang), i18n.short_time(c.ends_at, lang)
    minutes = int(settings.checkin_policy().before.total_seconds() // 60)
    hours = settings.manage_cutoff().total_seconds() / 3600
    return _page(
        "confirmation.html", lang, compact,
        address=settings.OFFICE_ADDRESS,
        day=i18n.long_date(c.starts_at.date(), lang),
        time=_text(lang, "doc.time_range", start=start, end=end),
        concern=c.concern_name,
        documents=c.documents,
        persons=c.persons,
        booking_code=c.booking_code,
        manage_url=c.manage_url,
        checkin_minutes=str(minutes),
        manage_hours=f"{hours:g}",
        checkin_qr=qr.png_data_url(c.checkin_token, box_size=6),
        manage_qr=qr.png_data_url(c.manage_url, box_size=4),
    )


def render(c: Confirmation) -> bytes:
    """The confirmation as PDF bytes."""
    return _write(lambda compact: html(c, compact=compact))


def receipt_html(r: RequestReceipt, *, compact: bool = False) -> str:
    """The receipt of an urgent request as an HTML page (the source of its PDF)."""
    lang = r.lang
    received = _text(lang, "doc.urgent.at", date=i18n.long_date(r.received_at.date(), lang),
                     time=i18n.short_time(r.received_at, lang))
    expires = i18n.long_date(r.permit_expires, lang)
    proof = "doc.urgent.proof" if r.received_at.date() <= r.permit_expires else "doc.urgent.proof_received"
    return _page(
        "receipt.html", lang, compact,
        number=r.number,
        received=received,
        proof=_text(lang, proof, date=i18n.long_date(r.received_at.date(), lang),
                    time=i18n.short_time(r.received_at, lang), expires=expires),
        concern=r.concern_name,
        permit_kind=i18n.translate(lang, f"urgent.kind.{r.permit_kind}"),
        expires=expires,
        name=r.name,
        birth_date=r.birth_date.strftime("%d.%m.%Y"),
        description=r.description,
    )


def render_receipt(r: RequestReceipt) -> bytes:
    """The receipt of an urgent request as PDF bytes."""
    return _write(lambda compact: receipt_html(r, compact=compact))


def _write(page) -> bytes:
    """``page(compact)``: the HTML; on one A4 page if the compact form makes it fit."""
    import weasyprint  # slow to import (Pango, fonts): loaded on first use, not with the app

    document = None
    for compact in (False, True):
        document = weasyprint.HTML(string=page(compact), base_url=str(_DIR)).render(font_config=_font_config())
        if len(document.pages) == 1:
            break
    # Tagged (PDF/UA-1 profile): headings, lists, tables and the language for screen readers.
    return document.write_pdf(pdf_variant="pdf/ua-1")
