"""The waitlist's mails, made from the entry (and offer) when the outbox sends them: registered with
the outbox per kind. A mail whose entry or offer no longer holds is dropped, not sent."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session

from .. import db
from ..domain import waitlist as wl
from ..mail import waitlist as letters
from ..models import Concern, MailOutbox, WaitlistEntry, WaitlistOffer
from . import content, outbox

ENTITY = "waitlist_entry"  # the audit rows' entity


def _letter(s: Session, entry: WaitlistEntry, offer: WaitlistOffer | None) -> letters.WaitlistLetter:
    from .waitlist import link, position, token_for  # the service module imports this one

    concern = s.get(Concern, entry.concern_id)
    token = token_for(entry.link_nonce)
    return letters.WaitlistLetter(
        lang=entry.lang, name=" ".join(p for p in (entry.given_names, entry.family_name) if p),
        concern_name=content.concern(entry.lang, concern.code, engine=s.get_bind()).name,
        earliest=entry.earliest, latest=entry.latest, weekdays=wl.weekdays_of(entry.weekdays),
        position=position(s, entry), link=link(token, entry.lang),
        starts_at=offer.starts_at if offer else None, ends_at=offer.ends_at if offer else None,
        expires_at=offer.expires_at if offer else None)


def make_joined(row: MailOutbox, now: datetime, sender: str, message_id: str, engine: sa.Engine | None):
    with db.read_session(engine) as s:
        entry = s.get(WaitlistEntry, row.waitlist_entry_id) if row.waitlist_entry_id else None
        if entry is None or not entry.email or entry.link_nonce is None:
            return "no entry, link or e-mail address"
        if entry.status not in wl.OPEN:
            return "entry ended"
        return letters.message(letters.JOINED, _letter(s, entry, None), to=entry.email, sender=sender,
                               message_id=message_id)


def make_offer(row: MailOutbox, now: datetime, sender: str, message_id: str, engine: sa.Engine | None):
    with db.read_session(engine) as s:
        offer = s.get(WaitlistOffer, row.waitlist_offer_id) if row.waitlist_offer_id else None
        entry = s.get(WaitlistEntry, offer.entry_id) if offer else None
        if entry is None or not entry.email or entry.link_nonce is None:
            return "no offer, link or e-mail address"
        if offer.status != wl.OFFERED or offer.expires_at <= now:
            return "offer no longer holds"
        return letters.message(letters.OFFER, _letter(s, entry, offer), to=entry.email, sender=sender,
                               message_id=message_id)


outbox.register(letters.JOINED, make_joined)
outbox.register(letters.OFFER, make_offer)
