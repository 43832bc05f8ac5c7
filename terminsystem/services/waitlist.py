"""The waitlist, for the person: join a concern's list, see the entry by its personal link (the
position, the offer), accept or decline an offer, leave. Offers are made by ``waitlist_match``.

Each step is one transaction with a conditional UPDATE of the entry or offer and its audit row.
Accepting books through the booking service's own appointment maker and hands the offer's held
seats to the appointment, so capacity holds by the seats' unique key throughout."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from urllib.parse import quote

import sqlalchemy as sa
from sqlmodel import Session, select, update

from .. import db, live, routes, settings
from ..domain import codes, schedule
from ..domain import waitlist as wl
from ..domain.errors import InvalidInput, TooManyWaitlistJoins, WaitlistRefused
from ..domain.personal import PersonalData
from ..domain.schedule import BookingPolicy, Cooldown
from ..models import (
    Appointment,
    BookingReceipt,
    Concern,
    SlotClaim,
    WaitlistEntry,
    WaitlistOffer,
    WaitlistOffering,
    WaitlistPerson,
    WaitlistReceipt,
    WaitlistView,
)
from . import attempts, audit, booking, claims, confirmations, outbox, waitlist_mail, waitlist_match
from . import schedule as sched

JOINED = "waitlist"  # the attempt kind of a join
MAX_ATTEMPTS = 5
ENTITY = waitlist_mail.ENTITY


def token_for(nonce: str) -> str:
    """The personal link's token, derived from the entry's nonce with the server key."""
    return codes.derived_token(settings.secret_key(), nonce, "waitlist")


def link(token: str, lang: str | None = None) -> str:
    suffix = f"&lang={quote(lang)}" if lang else ""
    return f"{settings.public_url()}{routes.WAITLIST}?t={quote(token)}{suffix}"


def join(*, concern_id: int, person: PersonalData, window: wl.Window, now: datetime, policy: BookingPolicy,
         rules: wl.WaitlistRules, client: str, lang: str = "de", companions: tuple[PersonalData, ...] = (),
         engine: sa.Engine | None = None) -> WaitlistReceipt:
    """Put the person on the concern's waitlist (``person`` and ``window`` as ``domain.waitlist.
    validate_join`` made them). Raises ``TooManyWaitlistJoins`` beyond the limits per client address
    and of everybody; ``WaitlistRefused`` for an inactive concern ('error.waitlist_concern'), a
    person already on this list ('error.waitlist_duplicate') or free times in the window that can be
    booked right away ('error.waitlist_times_free'); ``InvalidInput`` when the team has no hours on
    any weekday chosen. A join refused as a duplicate counts against the limits too. The mail with
    the personal link goes out through the outbox. ``companions``: the further persons of a family,
    who wait together for one appointment (the concern's duration once per person)."""
    if not person.email:
        raise InvalidInput({"email": "field.waitlist_email_required"})
    key = claims.person_key(person, engine=engine)
    nonce = codes.new_nonce()
    token = token_for(nonce)
    try:
        with db.write_session(engine) as s:
            concern = sched.active_concern(s, concern_id)
            if concern is None:
                raise WaitlistRefused("error.waitlist_concern")
            _check_window(s, concern, window, now, policy, persons=1 + len(companions))
            attempts.count_within(s, JOINED, client, now=now, per_client_hour=rules.per_client_hour,
                                  all_per_minute=rules.all_per_minute, refused=TooManyWaitlistJoins)
            if _already_waiting(s, concern, key):
                s.commit()  # the attempt counts: asking again and again would tell who is waiting
                raise WaitlistRefused("error.waitlist_duplicate")
            entry = WaitlistEntry(concern_id=concern.id, family_name=person.family_name, given_names=person.given_names,
                                  birth_date=person.birth_date, email=person.email, lang=lang, earliest=window.earliest,
                                  latest=window.latest, weekdays=window.weekdays, status=wl.WAITING, created_at=now,
                                  expires_at=rules.entry_expiry(now, window.latest), link_nonce=nonce,
                                  token_hash=codes.token_hash(token), person_key=key, persons=1 + len(companions))
            s.add(entry)
            s.flush()
            s.add_all(WaitlistPerson(entry_id=entry.id, position=position, family_name=other.family_name,
                                     given_names=other.given_names, birth_date=other.birth_date)
                      for position, other in enumerate(companions, start=2))
            outbox.enqueue(s, "waitlist_joined", now=now, waitlist_entry_id=entry.id)
            audit.record(s, "waitlist_join", now, team_id=concern.team_id, via=audit.ONLINE, entity=ENTITY,
                         entity_id=entry.id)
            s.commit()
            view = _view(s, entry, now)
    except sa.exc.IntegrityError:  # the same person joined in parallel: the partial unique index
        raise WaitlistRefused("error.waitlist_duplicate") from None
    outbox.wake()
    waitlist_match.kick()  # a seat handed back by a declined offer may suit the new entry
    return WaitlistReceipt(token=token, view=view)


def _already_waiting(s: Session, concern: Concern, key: str) -> bool:
    return s.exec(select(WaitlistEntry.id).where(WaitlistEntry.person_key == key, WaitlistEntry.concern_id == concern.id,
                                                 WaitlistEntry.status.in_(wl.OPEN))).first() is not None


def _check_window(s: Session, concern: Concern, window: wl.Window, now: datetime, policy: BookingPolicy,
                  persons: int) -> None:
    """The team opens on one of the weekdays at least, and no time of the window is free now (for
    this many persons)."""
    if not any(window.weekdays >> w.weekday & 1 for w in sched.windows(s, concern.team_id)):
        raise InvalidInput({"weekdays": "field.waitlist_weekdays_closed"})
    first, last = policy.first_day(now), policy.last_day(now)
    calendar = sched.concern_calendar(s, concern.id, first, last, persons=persons, now=now)
    team_policy = calendar.policy(policy)
    for day in window.days(first, team_policy.last_day(now)):
        if any(o.free > 0 and team_policy.allows(o.start, now) for o in calendar.options(day, policy.urgent_seats)):
            raise WaitlistRefused("error.waitlist_times_free")


# --- the personal link ------------------------------------------------------------------------------

def _entry(s: Session, token: object) -> WaitlistEntry | None:
    token = token.strip() if isinstance(token, str) else ""
    if not codes.looks_like_token(token):
        return None
    return s.exec(select(WaitlistEntry).where(WaitlistEntry.token_hash == codes.token_hash(token))).first()


def _open_offer(s: Session, entry_id: int) -> WaitlistOffer | None:
    return s.exec(select(WaitlistOffer).where(WaitlistOffer.entry_id == entry_id, WaitlistOffer.status == wl.OFFERED)
                  .order_by(WaitlistOffer.id.desc())).first()


def position(s: Session, entry: WaitlistEntry) -> int | None:
    """1 + the open entries of the same concern that joined earlier (waiting or holding an offer:
    one whose offer is declined stays ahead). None once the entry ended."""
    if entry.status not in wl.OPEN:
        return None
    earlier = sa.or_(WaitlistEntry.created_at < entry.created_at,
                     sa.and_(WaitlistEntry.created_at == entry.created_at, WaitlistEntry.id < entry.id))
    return 1 + s.exec(select(sa.func.count()).select_from(WaitlistEntry).where(
        WaitlistEntry.concern_id == entry.concern_id, WaitlistEntry.status.in_(wl.OPEN), earlier)).one()


def _view(s: Session, entry: WaitlistEntry, now: datetime) -> WaitlistView:
    concern = s.get(Concern, entry.concern_id)
    state, offering = entry.status, None
    if state == wl.OFFERED and (offer := _open_offer(s, entry.id)) is not None:
        if offer.expires_at > now:
            offering = WaitlistOffering(starts_at=offer.starts_at, ends_at=offer.ends_at, expires_at=offer.expires_at)
        else:
            state = wl.EXPIRED  # ran out; the matcher records it on its next round
    if state == wl.WAITING and entry.expires_at <= now:
        state = wl.EXPIRED
    code = manage = ""
    if entry.status == wl.BOOKED and entry.appointment_id:
        a = s.get(Appointment, entry.appointment_id)
        code = a.booking_code
        manage = confirmations.manage_token(a.link_nonce) if a.link_nonce else ""
    return WaitlistView(concern_id=concern.id, concern_code=concern.code, earliest=entry.earliest, latest=entry.latest,
                        weekdays=wl.weekdays_of(entry.weekdays), status=state,
                        position=position(s, entry) if state in wl.OPEN else None, joined_at=entry.created_at,
                        expires_at=entry.expires_at, lang=entry.lang, offer=offering, booking_code=code,
                        manage_token=manage, persons=entry.persons)


def view(token: object, *, now: datetime, engine: sa.Engine | None = None) -> WaitlistView | None:
    """The entry of a personal link (None: unknown, or its data deleted)."""
    with db.read_session(engine) as s:
        entry = _entry(s, token)
        return _view(s, entry, now) if entry is not None else None


def accept(token: object, *, now: datetime, per_person: int | None, reminder_before: timedelta | None = None,
           engine: sa.Engine | None = None) -> BookingReceipt:
    """Book the offered time: one transaction marks the offer accepted (only while it holds), makes
    the appointment, hands it the offer's seats and queues its confirmation (and reminder) like any
    booking. Raises ``WaitlistRefused`` ('error.waitlist_offer_gone': no offer holds;
    'error.waitlist_offer_withdrawn': the office no longer offers that time, the entry waits again)
    or ``PersonHasAppointment`` (``per_person`` open appointments already; the offer still holds)."""
    for _ in range(MAX_ATTEMPTS):
        try:
            with db.write_session(engine) as s:
                receipt, team_id = _accept_once(s, token, now, per_person, reminder_before, engine)
                s.commit()
        except sa.exc.IntegrityError:
            continue  # a booking code or person claim taken meanwhile: try again
        except _Withdrawn:
            waitlist_match.kick()
            raise WaitlistRefused("error.waitlist_offer_withdrawn") from None
        outbox.wake()
        if receipt.starts_at.date() == now.date():
            live.changed(live.team_channel(team_id))
        return receipt
    raise WaitlistRefused("error.waitlist_offer_gone")


class _Withdrawn(Exception):
    """The offer was withdrawn (and that committed)."""


def _accept_once(s: Session, token: object, now: datetime, per_person: int | None,
                 reminder_before: timedelta | None, engine: sa.Engine | None) -> tuple[BookingReceipt, int]:
    entry = _entry(s, token)
    offer = _open_offer(s, entry.id) if entry is not None and entry.status == wl.OFFERED else None
    if offer is None or offer.expires_at <= now:
        raise WaitlistRefused("error.waitlist_offer_gone")
    sched.lock_team(s, offer.team_id)
    calendar = sched.concern_calendar(s, entry.concern_id, offer.starts_at.date(), offer.starts_at.date(),
                                      persons=entry.persons, now=now)
    option = schedule.find_option(calendar.options(offer.starts_at.date()), offer.starts_at) if calendar else None
    if option is None or option.end != offer.ends_at:
        _withdraw(s, entry, offer, now)
        s.commit()
        raise _Withdrawn()
    if s.exec(update(WaitlistOffer).where(WaitlistOffer.id == offer.id, WaitlistOffer.status == wl.OFFERED,
                                          WaitlistOffer.expires_at > now)
              .values(status=wl.ACCEPTED, decided_at=now)).rowcount != 1:
        raise WaitlistRefused("error.waitlist_offer_gone")
    person = PersonalData(entry.family_name, entry.given_names, entry.birth_date, entry.email)
    companions = _companions(s, entry.id)
    receipt, appointment_id = booking.new_appointment(s, calendar.concern, offer.starts_at, offer.ends_at, person,
                                                      companions, now, entry.lang)
    moved = s.exec(update(SlotClaim).where(SlotClaim.offer_id == offer.id)
                   .values(appointment_id=appointment_id, offer_id=None, held_until=None)).rowcount
    if moved != len(option.units):  # cannot happen while the offer holds: its seats are held past its expiry
        raise WaitlistRefused("error.waitlist_offer_gone")
    s.exec(update(WaitlistOffer).where(WaitlistOffer.id == offer.id).values(appointment_id=appointment_id))
    if s.exec(update(WaitlistEntry).where(WaitlistEntry.id == entry.id, WaitlistEntry.status == wl.OFFERED)
              .values(status=wl.BOOKED, ended_at=now, appointment_id=appointment_id)).rowcount != 1:
        raise WaitlistRefused("error.waitlist_offer_gone")
    if per_person:
        keys = [entry.person_key, *(claims.person_key(p, engine=engine) for p in companions)]
        claims.take_persons(s, keys, appointment_id, now=now, limit=per_person)
    booking.queue_mails(s, appointment_id, offer.starts_at, now, reminder_before)
    audit.record(s, "waitlist_accept", now, team_id=offer.team_id, appointment_id=appointment_id, via=audit.ONLINE,
                 entity=ENTITY, entity_id=entry.id)
    return receipt, offer.team_id


def _companions(s: Session, entry_id: int) -> tuple[PersonalData, ...]:
    rows = s.exec(select(WaitlistPerson).where(WaitlistPerson.entry_id == entry_id).order_by(WaitlistPerson.position))
    return tuple(PersonalData(p.family_name, p.given_names, p.birth_date, None) for p in rows)


def _withdraw(s: Session, entry: WaitlistEntry, offer: WaitlistOffer, now: datetime) -> None:
    """The office no longer offers that time: the offer ends, its seats go, the entry waits again."""
    if s.exec(update(WaitlistOffer).where(WaitlistOffer.id == offer.id, WaitlistOffer.status == wl.OFFERED)
              .values(status=wl.WITHDRAWN, decided_at=now)).rowcount != 1:
        raise WaitlistRefused("error.waitlist_offer_gone")
    s.exec(sa.delete(SlotClaim).where(SlotClaim.offer_id == offer.id))
    s.exec(update(WaitlistEntry).where(WaitlistEntry.id == entry.id, WaitlistEntry.status == wl.OFFERED)
           .values(status=wl.WAITING))
    audit.record(s, "waitlist_decline", now, team_id=offer.team_id, via=audit.SYSTEM, reason=audit.OFFICE,
                 entity=ENTITY, entity_id=entry.id)


def _release(s: Session, offer: WaitlistOffer, now: datetime, cooldown: Cooldown | None) -> None:
    """A declined offer's seats stay held for a pause (``cooldown``) in which the matcher hands them
    to the next person; after it they are free for everybody."""
    until = cooldown.until(now, random.SystemRandom().random()) if cooldown is not None else now
    s.exec(update(SlotClaim).where(SlotClaim.offer_id == offer.id).values(held_until=until))


def decline(token: object, *, now: datetime, cooldown: Cooldown | None = None,
            engine: sa.Engine | None = None) -> WaitlistView:
    """Say no to the offered time: its seats go to the next person in line; the entry keeps its
    place and waits for another time (that one is never offered to it again). Raises
    ``WaitlistRefused`` ('error.waitlist_offer_gone') when no offer holds."""
    with db.write_session(engine) as s:
        entry = _entry(s, token)
        offer = _open_offer(s, entry.id) if entry is not None and entry.status == wl.OFFERED else None
        if offer is None or offer.expires_at <= now:
            raise WaitlistRefused("error.waitlist_offer_gone")
        sched.lock_team(s, offer.team_id)  # the order of locks of every seat change
        _decline(s, entry, offer, now, cooldown, back_to=wl.WAITING)
        audit.record(s, "waitlist_decline", now, team_id=offer.team_id, via=audit.ONLINE, entity=ENTITY,
                     entity_id=entry.id)
        s.commit()
        result = _view(s, entry, now)
    waitlist_match.kick()
    return result


def _decline(s: Session, entry: WaitlistEntry, offer: WaitlistOffer, now: datetime, cooldown: Cooldown | None,
             *, back_to: str) -> None:
    if s.exec(update(WaitlistOffer).where(WaitlistOffer.id == offer.id, WaitlistOffer.status == wl.OFFERED,
                                          WaitlistOffer.expires_at > now)
              .values(status=wl.DECLINED, decided_at=now)).rowcount != 1:
        raise WaitlistRefused("error.waitlist_offer_gone")
    _release(s, offer, now, cooldown)
    values = dict(status=back_to) if back_to == wl.WAITING else dict(status=back_to, ended_at=now)
    if s.exec(update(WaitlistEntry).where(WaitlistEntry.id == entry.id, WaitlistEntry.status == wl.OFFERED)
              .values(**values)).rowcount != 1:
        raise WaitlistRefused("error.waitlist_offer_gone")
    s.refresh(entry)


def leave(token: object, *, now: datetime, cooldown: Cooldown | None = None,
          engine: sa.Engine | None = None) -> WaitlistView:
    """Leave the list (an open offer is declined with it, its seats go to the next person). Raises
    ``WaitlistRefused`` ('error.waitlist_ended') for an unknown or ended entry."""
    for _ in range(MAX_ATTEMPTS):
        with db.write_session(engine) as s:
            entry = _entry(s, token)
            if entry is None or entry.status not in wl.OPEN:
                raise WaitlistRefused("error.waitlist_ended")
            offer = _open_offer(s, entry.id) if entry.status == wl.OFFERED else None
            team_id = s.get(Concern, entry.concern_id).team_id
            sched.lock_team(s, team_id)  # the order of locks of every seat change
            try:
                if offer is not None and offer.expires_at > now:
                    _decline(s, entry, offer, now, cooldown, back_to=wl.LEFT)
                elif s.exec(update(WaitlistEntry).where(WaitlistEntry.id == entry.id,
                                                        WaitlistEntry.status == entry.status)
                            .values(status=wl.LEFT, ended_at=now)).rowcount != 1:
                    continue  # the matcher made an offer meanwhile: look again
            except WaitlistRefused:
                continue
            audit.record(s, "waitlist_leave", now, team_id=team_id, via=audit.ONLINE, entity=ENTITY,
                         entity_id=entry.id)
            s.commit()
            s.refresh(entry)
            result = _view(s, entry, now)
        if offer is not None:
            waitlist_match.kick()
        return result
    raise WaitlistRefused("error.waitlist_ended")
