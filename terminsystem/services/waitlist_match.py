"""The matcher: freed seats go to the waitlist, first come first served.

``match`` ends offers that ran out (the entry ends too) and entries past their time, then, per
team with waiting entries, walks the entries in the order they joined and offers each the earliest
free time in its window (days, weekdays, the public booking policy's horizon, lead time and
release time) that it was never offered before. An offer holds its seats with ``slot_claim`` rows
until a pause after its expiry; the seats of a declined or run-out offer are handed straight to the
next matching entry, so that time goes down the line instead of to whoever books fastest.

Safe with any number of workers at once: a team's round runs under the team's row lock (which
every booking takes too), the entry is claimed with a conditional UPDATE (waiting -> offered), and
seats only by the unique key of ``slot_claim``; a lost race rolls the round back and repeats it.
Every worker runs it every ``TS_WAITLIST_INTERVAL_SEC`` and at once after a cancellation, a move
or a declined offer (``kick``)."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, select, update

from .. import db, settings
from ..domain import schedule, status
from ..domain import waitlist as wl
from ..domain.errors import SlotTaken
from ..domain.schedule import BookingPolicy, Cooldown
from ..models import Appointment, Concern, PersonClaim, SlotClaim, WaitlistEntry, WaitlistOffer
from ..wakeup import Wakeup
from . import audit, claims, outbox, waitlist_mail
from . import schedule as sched

MAX_ATTEMPTS = 5
ENTITY = waitlist_mail.ENTITY


@dataclass(frozen=True)
class MatchReport:
    offers: int = 0  # new offers (each mailed)
    expired_offers: int = 0
    expired_entries: int = 0
    # The earliest end of a seat's pause in a team with waiting entries: a good time to look again.
    next_release: datetime | None = None


def match(*, now: datetime, policy: BookingPolicy | None = None, rules: wl.WaitlistRules | None = None,
          cooldown: Cooldown | None = None, per_person: int | None = None,
          engine: sa.Engine | None = None) -> MatchReport:
    """One round (see the module). Defaults: the public booking policy, ``TS_WAITLIST_*``, the seat
    cooldown and the open appointments one person may hold, from the settings."""
    policy = policy or settings.booking_policy()
    rules = rules or settings.waitlist_rules()
    cooldown = cooldown if cooldown is not None else settings.seat_cooldown()
    per_person = per_person if per_person is not None else settings.open_appointments_per_person()
    offers = expired_offers = expired_entries = 0
    for team_id in _teams(engine):
        for _ in range(MAX_ATTEMPTS):
            try:
                with db.write_session(engine) as s:
                    # The team's lock first, as every booking and every step of an offer takes it:
                    # one order of locks, no deadlock on PostgreSQL.
                    sched.lock_team(s, team_id)
                    ended = _expire(s, team_id, now)
                    made = _match_team(s, team_id, now, policy, rules, cooldown, per_person)
                    s.commit()
            except (sa.exc.IntegrityError, SlotTaken):
                continue  # another worker or a booking took a seat meanwhile: count again
            offers, expired_offers, expired_entries = offers + made, expired_offers + ended[0], expired_entries + ended[1]
            break
    if offers:
        outbox.wake()
    return MatchReport(offers=offers, expired_offers=expired_offers, expired_entries=expired_entries,
                       next_release=_next_release(now, engine))


def _expire(s: Session, team_id: int, now: datetime) -> tuple[int, int]:
    """The team's offers that ran out end their entries; its waiting entries past their time end.
    An offer's seats stay held for the pause set when it was made, for the next person."""
    offers = entries = 0
    for offer in s.exec(select(WaitlistOffer).where(WaitlistOffer.team_id == team_id,
                                                    WaitlistOffer.status == wl.OFFERED,
                                                    WaitlistOffer.expires_at <= now)).all():
        if s.exec(update(WaitlistOffer).where(WaitlistOffer.id == offer.id, WaitlistOffer.status == wl.OFFERED,
                                              WaitlistOffer.expires_at <= now)
                  .values(status=wl.EXPIRED, decided_at=now)).rowcount != 1:
            continue
        offers += 1
        if s.exec(update(WaitlistEntry).where(WaitlistEntry.id == offer.entry_id, WaitlistEntry.status == wl.OFFERED)
                  .values(status=wl.EXPIRED, ended_at=now)).rowcount == 1:
            audit.record(s, "waitlist_expire", now, team_id=team_id, via=audit.SYSTEM, entity=ENTITY,
                         entity_id=offer.entry_id)
    for entry_id in s.exec(select(WaitlistEntry.id).join(Concern, Concern.id == WaitlistEntry.concern_id)
                           .where(Concern.team_id == team_id, WaitlistEntry.status == wl.WAITING,
                                  WaitlistEntry.expires_at <= now)).all():
        if s.exec(update(WaitlistEntry).where(WaitlistEntry.id == entry_id, WaitlistEntry.status == wl.WAITING)
                  .values(status=wl.EXPIRED, ended_at=now)).rowcount == 1:
            entries += 1
            audit.record(s, "waitlist_expire", now, team_id=team_id, via=audit.SYSTEM, entity=ENTITY,
                         entity_id=entry_id)
    return offers, entries


def _teams(engine) -> list[int]:
    """Teams with open entries or open offers."""
    with db.read_session(engine) as s:
        entries = select(Concern.team_id).join(WaitlistEntry, WaitlistEntry.concern_id == Concern.id).where(
            WaitlistEntry.status.in_(wl.OPEN))
        offers = select(WaitlistOffer.team_id).where(WaitlistOffer.status == wl.OFFERED)
        return sorted(set(s.exec(entries).all()) | set(s.exec(offers).all()))


def _match_team(s: Session, team_id: int, now: datetime, policy: BookingPolicy, rules: wl.WaitlistRules,
                cooldown: Cooldown, per_person: int | None) -> int:
    """The offers of one team's round, in the caller's transaction (which holds the team's lock)."""
    rows = s.exec(select(WaitlistEntry, Concern).join(Concern, Concern.id == WaitlistEntry.concern_id)
                  .where(Concern.team_id == team_id, Concern.active, WaitlistEntry.status == wl.WAITING,
                         WaitlistEntry.expires_at > now)
                  .order_by(WaitlistEntry.created_at, WaitlistEntry.id)).all()
    team_policy = policy.with_release(sched.release_time(s, team_id))
    if not rows:
        return 0
    lo = max(team_policy.first_day(now), min(e.earliest for e, _ in rows))
    hi = min(team_policy.last_day(now), max(e.latest for e, _ in rows))
    if lo > hi:
        return 0
    windows, blocked = sched.windows(s, team_id), sched.blocked_days(s, team_id, lo, hi)
    taken = dict(sched.taken_seats(s, team_id, lo, hi, now=now))
    returned = _returned_seats(s, team_id, lo, hi, now)
    for unit, ids in returned.items():  # held for a declined or run-out offer: free for the next one
        taken[unit] = taken.get(unit, 0) - len(ids)
    tried = _offered_before(s, [e.id for e, _ in rows])
    made = 0
    for entry, concern in rows:
        if per_person and _open_appointments(s, entry.person_key, now) >= per_person:
            continue  # they could not book it
        option = _first_fit(entry, concern, windows, blocked, taken, team_policy, now, lo, hi, tried.get(entry.id, ()))
        if option is None:
            continue
        if s.exec(update(WaitlistEntry).where(WaitlistEntry.id == entry.id, WaitlistEntry.status == wl.WAITING)
                  .values(status=wl.OFFERED)).rowcount != 1:
            continue  # left meanwhile
        _offer(s, entry, team_id, option, now, rules, cooldown, returned)
        for unit in option.units:
            taken[unit] = taken.get(unit, 0) + 1
        made += 1
    return made


def _first_fit(entry: WaitlistEntry, concern: Concern, windows, blocked, taken, policy: BookingPolicy, now: datetime,
               lo: date, hi: date, tried) -> schedule.TimeOption | None:
    """The earliest free time in the entry's window that it was never offered (for a family: the
    concern's duration once per person, as when booking)."""
    window = wl.Window(entry.earliest, entry.latest, entry.weekdays)
    for day in window.days(lo, hi):
        options = schedule.time_options(day, windows, blocked, concern.duration_minutes * entry.persons, taken)
        for option in schedule.keep_reserve(options, day, windows, blocked, taken, policy.urgent_seats):
            if option.free > 0 and policy.allows(option.start, now) and option.start not in tried:
                return option
    return None


def _offer(s: Session, entry: WaitlistEntry, team_id: int, option: schedule.TimeOption, now: datetime,
           rules: wl.WaitlistRules, cooldown: Cooldown, returned: dict[datetime, list[int]]) -> None:
    expires = rules.offer_expiry(now, option.start)
    hold = cooldown.until(expires, random.SystemRandom().random())  # after expiry: a pause for the next one
    offer = WaitlistOffer(entry_id=entry.id, team_id=team_id, starts_at=option.start, ends_at=option.end,
                          status=wl.OFFERED, created_at=now, expires_at=expires)
    s.add(offer)
    s.flush()
    fresh = []
    for unit in option.units:
        if returned.get(unit):  # hand over the seat itself: it never was free in between
            moved = s.exec(update(SlotClaim).where(SlotClaim.id == returned[unit].pop(), SlotClaim.held_until > now)
                           .values(offer_id=offer.id, held_until=hold)).rowcount
            if moved != 1:
                raise SlotTaken()
        else:
            fresh.append(unit)
    if fresh:
        claims.take_seats(s, team_id, replace(option, units=tuple(fresh)), now=now, offer_id=offer.id, held_until=hold)
    outbox.enqueue(s, "waitlist_offer", now=now, waitlist_entry_id=entry.id, waitlist_offer_id=offer.id)
    audit.record(s, "waitlist_offer", now, team_id=team_id, via=audit.SYSTEM, entity=ENTITY, entity_id=entry.id,
                 change={"after": {"starts_at": option.start, "expires_at": expires}})


def _returned_seats(s: Session, team_id: int, lo: date, hi: date, now: datetime) -> dict[datetime, list[int]]:
    """Seats still held for offers that were declined or ran out, per slot."""
    found: dict[datetime, list[int]] = {}
    rows = s.exec(select(SlotClaim.slot_start, SlotClaim.id).join(WaitlistOffer, WaitlistOffer.id == SlotClaim.offer_id)
                  .where(SlotClaim.team_id == team_id, WaitlistOffer.status != wl.OFFERED,
                         SlotClaim.held_until > now, SlotClaim.slot_start >= datetime.combine(lo, datetime.min.time()),
                         SlotClaim.slot_start < datetime.combine(hi + timedelta(days=1), datetime.min.time()))
                  .order_by(SlotClaim.id)).all()
    for start, claim_id in rows:
        found.setdefault(start, []).append(claim_id)
    return found


def _offered_before(s: Session, entry_ids: list[int]) -> dict[int, set[datetime]]:
    tried: dict[int, set[datetime]] = {}
    for entry_id, start in s.exec(select(WaitlistOffer.entry_id, WaitlistOffer.starts_at)
                                  .where(WaitlistOffer.entry_id.in_(entry_ids))).all():
        tried.setdefault(entry_id, set()).add(start)
    return tried


def _open_appointments(s: Session, person_key: str | None, now: datetime) -> int:
    return s.exec(select(sa.func.count()).select_from(PersonClaim)
                  .join(Appointment, Appointment.id == PersonClaim.appointment_id)
                  .where(PersonClaim.person_key == person_key, Appointment.status == status.BOOKED,
                         Appointment.ends_at > now)).one()


def _next_release(now: datetime, engine) -> datetime | None:
    with db.read_session(engine) as s:
        waiting = select(Concern.team_id).join(WaitlistEntry, WaitlistEntry.concern_id == Concern.id).where(
            WaitlistEntry.status == wl.WAITING)
        return s.exec(select(sa.func.min(SlotClaim.held_until)).where(
            SlotClaim.held_until > now, SlotClaim.team_id.in_(waiting))).one()


# --- in every worker: the loop's wake-up ------------------------------------------------------------

_wakeup = Wakeup()


async def wait(timeout: float) -> None:
    """Sleep until ``timeout`` seconds passed or ``kick()`` was called (the background loop)."""
    await _wakeup.sleep(timeout)


def kick() -> None:
    """Run a round now (seats were given back). From any thread; a no-op without a loop here."""
    _wakeup.set()
