"""The e-mails about a waitlist entry, in the person's language, with the templates and headers of
the appointment mails (``compose``): joined (with the personal link to see the position or leave)
and the offer of a freed seat (with the link to accept or decline, and until when it holds)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage

from .. import i18n, settings
from . import compose

JOINED, OFFER = "waitlist_joined", "waitlist_offer"


@dataclass(frozen=True)
class WaitlistLetter:
    """What a waitlist mail says (made from the entry when it is sent)."""

    lang: str
    name: str
    concern_name: str
    earliest: date
    latest: date
    weekdays: tuple[int, ...]
    position: int | None
    link: str  # the personal link
    starts_at: datetime | None = None  # the offer
    ends_at: datetime | None = None
    expires_at: datetime | None = None


def _when(moment: datetime, lang: str) -> str:
    return i18n.translate(lang, "mail.waitlist.at", date=i18n.long_date(moment.date(), lang),
                          time=i18n.short_time(moment, lang))


def subject(kind: str, w: WaitlistLetter) -> str:
    lang = i18n.normalize(w.lang)
    if kind == OFFER:
        return i18n.translate(lang, "mail.subject.waitlist_offer", date=i18n.long_date(w.starts_at.date(), lang),
                              time=i18n.short_time(w.starts_at, lang))
    return i18n.translate(lang, "mail.subject.waitlist_joined")


def context(kind: str, w: WaitlistLetter) -> dict:
    """The templates' values (see ``compose.context``)."""
    lang = i18n.normalize(w.lang)

    def t(key: str, **params) -> str:
        return i18n.translate(lang, key, **params)

    days = ", ".join(i18n.translate(lang, f"mail.waitlist.weekday.{d}") for d in w.weekdays)
    window = t("mail.waitlist.window", earliest=i18n.long_date(w.earliest, lang), latest=i18n.long_date(w.latest, lang))
    if kind == OFFER:
        times = t("mail.time_range", start=i18n.short_time(w.starts_at, lang), end=i18n.short_time(w.ends_at, lang))
        facts = [(t("mail.label.date"), i18n.long_date(w.starts_at.date(), lang), False),
                 (t("mail.label.time"), times, False),
                 (t("mail.label.concern"), w.concern_name, False),
                 (t("mail.label.place"), settings.OFFICE_ADDRESS, False),
                 (t("mail.label.holds_until"), _when(w.expires_at, lang), False)]
        notes = [t("mail.waitlist.offer_note", until=_when(w.expires_at, lang))]
        link = (t("mail.waitlist.offer_link"), t("mail.waitlist.offer_button"))
    else:
        facts = [(t("mail.label.concern"), w.concern_name, False), (t("mail.label.window"), window, False),
                 (t("mail.label.weekdays"), days, False)]
        if w.position:
            facts.append((t("mail.label.position"), str(w.position), True))
        notes = [t("mail.waitlist.joined_note")]
        link = (t("mail.waitlist.link"), t("mail.waitlist.link_button"))
    return dict(
        lang=lang, dir=compose.direction(lang), subject=subject(kind, w), office=t("mail.office"),
        greeting=t("mail.greeting", name=w.name).replace(" ,", ","), intro=t(f"mail.intro.{kind}"), facts=facts,
        documents_title="", documents=[], checkin="", notes=notes, link_text=link[0], link_note="",
        link_button=link[1], link_url=w.link, footer=t("mail.footer"),
    )


def message(kind: str, w: WaitlistLetter, *, to: str, sender: str, message_id: str | None) -> EmailMessage:
    if kind not in (JOINED, OFFER):
        raise ValueError(f"not a waitlist mail: {kind!r}")
    text, html = compose.render_values(context(kind, w))
    return compose.envelope(subject=subject(kind, w), lang=w.lang, to=to, sender=sender, message_id=message_id,
                            text=text, html=html)
