"""The office in which the bad-input tests run: other people's appointments of every kind (future,
family, cancelled, today's inside and outside the check-in window, checked in, urgent), a kiosk,
an inactive concern; for the waitlist and urgent requests (``add_requests``) other people's
waitlist entries (one holding an offer, one whose holder may not book it, one waiting, one left) and
urgent requests of the clerk's own team and of another — and a snapshot of every table, to show
that refused input changed nothing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import Session, select, update

from terminsystem import db
from terminsystem.domain import codes, status
from terminsystem.domain import urgent_requests as urgent
from terminsystem.domain import waitlist as wl
from terminsystem.domain.personal import PersonalData
from terminsystem.domain.schedule import BookingLimits, BookingPolicy, Cooldown
from terminsystem.models import (
    Appointment,
    Concern,
    Staff,
    UrgentRequest,
    WaitlistEntry,
    WaitlistOffer,
)
from terminsystem.services import (
    availability,
    booking,
    devices,
    manage,
    secrets,
    urgent_requests,
    urgent_triage,
    waitlist,
    waitlist_match,
)

from ..helpers import PERSON, concern_id, insert_appointment, monday_after

NOW = datetime(2026, 11, 27, 10, 0)  # a Friday: the office is open 08–12
POLICY = BookingPolicy()
CUTOFF = timedelta(hours=2)
MONDAY = monday_after(NOW.date())

# Tables a refused attempt may change, each with the reason; None: the whole table.
RATE_LIMIT_MISSES = {"attempt": None}  # a wrong booking code + date of birth is counted per client
KIOSK_BUDGET = {"device": {"budget_window", "budget_used"}}  # every date-of-birth lookup is counted
# A join refused as a duplicate is counted against the join limits (asking again and again would
# tell who is waiting): that count is committed with the refusal.
DUPLICATE_JOINS = {"attempt": None}

# The limits have their own tests (test_waitlist, test_urgent_requests); here every input reaches the rules.
WAITLIST_RULES = wl.WaitlistRules(per_client_hour=10**6, all_per_minute=10**6)
URGENT_LIMITS = BookingLimits(per_client_hour=10**6, all_per_minute=10**6)
# The entries' windows lie beyond the booking horizon (42 days): nothing there is free, so they may
# join. The matcher runs with a longer horizon, as if those days had come into it, and offers a seat.
LATER = NOW.date() + timedelta(days=50)
MATCH_POLICY = replace(POLICY, max_days_ahead=60)


@dataclass
class Booked:
    id: int
    code: str
    births: frozenset[date]
    start: datetime
    token: str  # the QR code's
    manage_token: str = ""


@dataclass
class Entry:
    """A waitlist entry of another person (its state is read from the database when needed)."""

    token: str
    family: str
    born: date
    earliest: date
    latest: date


@dataclass
class Request:
    """An urgent request of another person."""

    id: int
    number: str
    token: str  # the receipt's download token
    team_id: int


@dataclass(repr=False)  # a failing example prints the drawn values, not the whole office
class World:
    engine: sa.Engine
    booked: list[Booked] = field(default_factory=list)
    today: list[Booked] = field(default_factory=list)  # on the kiosk's day (any status)
    concern_ids: list[int] = field(default_factory=list)
    inactive_concern: int = 0
    blaue_karte: int = 0
    offered: list[datetime] = field(default_factory=list)  # bookable starts of blaue_karte
    device_id: int = 0
    entries: list[Entry] = field(default_factory=list)  # add_requests
    requests: list[Request] = field(default_factory=list)
    clerk: int = 0  # a clerk of the team of blaue_karte
    clerk_team: int = 0

    @property
    def everyone(self) -> list[Booked]:
        return self.booked + self.today


def _person(family: str, born: date, email: str | None = None) -> PersonalData:
    return replace(PERSON, family_name=family, birth_date=born, email=email)


def _insert(engine, concern: str, start: datetime, person: PersonalData, state: str = status.BOOKED,
            companions: tuple[PersonalData, ...] = (), urgent: bool = False) -> Booked:
    """Today's appointments go straight into the database: the online booking never offers today."""
    checked_in = state == status.CHECKED_IN
    aid, code, token = insert_appointment(
        engine, concern, start, replace(person, email=None), companions, created_at=NOW - timedelta(days=3),
        status=state, urgent=urgent, checked_in_at=NOW - timedelta(minutes=20) if checked_in else None,
        call_day=NOW.date() if checked_in else None, call_number="123" if checked_in else None)
    births = frozenset({person.birth_date, *(o.birth_date for o in companions)})
    return Booked(aid, code, births, start, token)


def build_world(engine) -> World:
    w = World(engine, blaue_karte=concern_id(engine, "blaue_karte"))
    child = _person("Kaya", date(2016, 2, 29))
    for family, born, start, email, companions in (
        ("Kaya", date(1980, 1, 2), datetime.combine(MONDAY, time(9)), "kaya@example.org", (child,)),
        ("Petrenko", date(1975, 6, 30), datetime.combine(MONDAY, time(9, 30)), None, ()),
        ("Rahimi", date(1990, 12, 1), datetime.combine(MONDAY + timedelta(days=1), time(10)), "r@example.org", ()),
        ("Cancelled", date(1985, 3, 3), datetime.combine(MONDAY, time(10)), "c@example.org", ()),
    ):
        person = _person(family, born, email)
        r = booking.book(concern_id=w.blaue_karte, start=start, person=person, companions=companions, now=NOW,
                         policy=POLICY, per_person=1, reminder_before=timedelta(hours=24), engine=engine)
        with Session(engine) as s:
            a = s.exec(select(Appointment).where(Appointment.booking_code == r.booking_code)).one()
        births = frozenset({born, *(c.birth_date for c in companions)})
        w.booked.append(Booked(a.id, r.booking_code, births, r.starts_at, r.token, r.manage_token))
    manage.cancel(w.booked[-1].id, now=NOW, cutoff=CUTOFF, engine=engine)
    at = lambda h, m: datetime.combine(NOW.date(), time(h, m))  # noqa: E731
    w.today = [
        _insert(engine, "blaue_karte", at(10, 5), _person("Yılmaz", date(1988, 4, 4))),
        _insert(engine, "duldung", at(10, 30), _person("Haddad", date(1970, 7, 7)),
                companions=(_person("Haddad", date(1988, 4, 4)),)),  # shares a date of birth with Yılmaz
        _insert(engine, "duldung", at(8, 0), _person("Late", date(1960, 1, 1))),
        _insert(engine, "fachkraft", at(9, 30), _person("Inside", date(1999, 9, 9)), state=status.CHECKED_IN),
        _insert(engine, "duldung", at(10, 15), _person("Urgent", date(1960, 1, 1)), urgent=True),
        _insert(engine, "fachkraft", at(10, 45), _person("Gone", date(1988, 4, 4)), state=status.CANCELLED),
    ]
    w.concern_ids = [c.id for c in availability.concerns(engine=engine)]
    w.inactive_concern = concern_id(engine, "verpflichtungserklaerung")
    with db.write_session(engine) as s:
        s.exec(update(Concern).where(Concern.id == w.inactive_concern).values(active=False))
        s.commit()
    for day in (MONDAY, MONDAY + timedelta(days=1)):
        w.offered += [t.start for t in availability.times(concern_id=w.blaue_karte, day=day, now=NOW,
                                                          policy=POLICY, engine=engine)]
    device, code = devices.create(kind="kiosk", name="Eingang", now=NOW, engine=engine)
    devices.enrol(code, client="kiosk", now=NOW, engine=engine)
    w.device_id = device.id
    secrets.get("kiosk-decoys", engine=engine)  # made on first use: made now, not during a test
    return w


def _join(w: World, family: str, born: date, earliest: date, latest: date) -> Entry:
    receipt = waitlist.join(concern_id=w.blaue_karte, person=_person(family, born, f"{family.lower()}@example.org"),
                            window=wl.Window(earliest, latest, wl.ALL_WEEKDAYS), now=NOW, policy=POLICY,
                            rules=WAITLIST_RULES, client="198.51.100.1", engine=w.engine)
    return Entry(receipt.token, family, born, earliest, latest)


def _match(w: World) -> None:
    """A round of the matcher; ``per_person=0``: also for a person who holds an appointment already
    (as if they booked it after the offer was made), so that accepting may be refused for that."""
    waitlist_match.match(now=NOW, policy=MATCH_POLICY, rules=WAITLIST_RULES, cooldown=Cooldown(timedelta(0),
                         timedelta(0)), per_person=0, engine=w.engine)


def offer_again(w: World, entry: Entry) -> None:
    """After ``entry`` accepted, declined or left: it is offered a seat again (once it ended, the same
    person joins anew and takes its place in ``entries``), so that the next examples find an offer
    to act on. The lists keep their length: Hypothesis draws from them."""
    with Session(w.engine) as s:
        state = s.exec(select(WaitlistEntry.status).where(WaitlistEntry.token_hash == codes.token_hash(entry.token))).one()
    if state not in wl.OPEN:
        i = w.entries.index(entry)
        w.entries[i] = _join(w, entry.family, entry.born, entry.earliest, entry.latest)
    _match(w)


def urgent_request(w: World, concern: str, family: str) -> Request:
    data = urgent.validate(concern_id=str(concern_id(w.engine, concern)), permit_kind="duldung",
                           permit_expires=(NOW.date() + timedelta(days=20)).isoformat(), family_name=family,
                           given_names="", birth_date="01.02.1990", email=f"{family.lower()}@example.org",
                           description="Pass läuft ab", consent=True, today=NOW.date(), policy=urgent.UrgentPolicy())
    sent = urgent_requests.submit(data, lang="de", client="198.51.100.2", now=NOW - timedelta(days=1),
                                  limits=URGENT_LIMITS, engine=w.engine)
    with Session(w.engine) as s:
        row = s.exec(select(UrgentRequest).where(UrgentRequest.number == sent.number)).one()
    return Request(row.id, row.number, sent.download_token, row.team_id)


def request_again(w: World, request_id: int) -> None:
    """After a clerk handled a request of ``requests``: a new one of the same team takes its place."""
    i = next((i for i, r in enumerate(w.requests) if r.id == request_id), None)
    if i is not None:
        w.requests[i] = urgent_request(w, "blaue_karte", "Neu" + "".join(chr(ord("a") + int(d)) for d in str(request_id)))


def add_requests(w: World) -> World:
    """Other people's waitlist entries and urgent requests (see the module)."""
    assert any(b.births == {date(1975, 6, 30)} for b in w.booked)  # Petrenko holds an appointment already
    far = NOW.date() + timedelta(days=80)  # beyond the matcher's horizon too: stays waiting
    w.entries = [_join(w, "Angebot", date(1970, 1, 1), LATER, LATER + timedelta(days=9)),  # offered
                 _join(w, "Petrenko", date(1975, 6, 30), LATER, LATER + timedelta(days=9)),  # offered, may not book
                 _join(w, "Wartend", date(1971, 1, 1), far, far + timedelta(days=10)),
                 _join(w, "Gegangen", date(1972, 1, 1), LATER, LATER + timedelta(days=9))]
    waitlist.leave(w.entries[-1].token, now=NOW, engine=w.engine)
    _match(w)
    with Session(w.engine) as s:
        assert len(s.exec(select(WaitlistOffer)).all()) == 2
        w.clerk, w.clerk_team = s.exec(select(Staff.id, Staff.team_id).where(Staff.username == "b.schmid")).one()
    w.requests = [urgent_request(w, "blaue_karte", family) for family in ("Offen", "Zweite", "Beantwortet", "Zu")]
    urgent_triage.answer(w.requests[2].id, "Bitte kommen Sie am Montag.", by=w.clerk, now=NOW, engine=w.engine)
    urgent_triage.close(w.requests[3].id, by=w.clerk, now=NOW, engine=w.engine)
    w.requests.append(urgent_request(w, "duldung", "Fremd"))  # of the humanitarian team
    assert w.requests[-1].team_id != w.clerk_team == w.requests[0].team_id
    return w


_reflected: dict[str, sa.MetaData] = {}


def snapshot(engine, ignore: dict[str, set[str] | None] | None = None) -> dict[str, tuple[int, str]]:
    """Row count and a SHA-256 over the sorted rows of every table (``ignore``: tables, or some of
    their columns, that may change)."""
    ignore = ignore or {}
    key = str(engine.url)
    if key not in _reflected:
        _reflected[key] = sa.MetaData()
        _reflected[key].reflect(engine)
    found = {}
    with engine.connect() as conn:
        for name, table in sorted(_reflected[key].tables.items()):
            if name in ignore and ignore[name] is None:
                continue
            columns = [c for c in table.columns if c.name not in (ignore.get(name) or ())]
            rows = sorted(repr(tuple(r)) for r in conn.execute(sa.select(*columns)))
            found[name] = (len(rows), hashlib.sha256("\n".join(rows).encode("utf-8", "surrogatepass")).hexdigest())
    return found
