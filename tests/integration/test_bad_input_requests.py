"""Bad input for the waitlist and urgent requests, in the manner of ``test_bad_input`` (its ``answer``:
only documented answers whose message key exists, and a refused input changes no table): the join
form and the urgent-request form as their states parse them, then the services; the personal links
of the waitlist and the receipt download with any token (other people's tokens of every kind
among them); a clerk's steps on urgent requests with ids of other teams' requests and any text.

The world is ``bad_input_world`` with ``add_requests``. ``TS_HYPOTHESIS_EXAMPLES`` sets the examples
per test, as there.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from sqlmodel import Session, func, select

from terminsystem import i18n
from terminsystem.domain import codes, inputs, status
from terminsystem.domain import urgent_requests as urgent
from terminsystem.domain import waitlist as wl
from terminsystem.domain.errors import (
    DomainError,
    InvalidInput,
    PersonHasAppointment,
    SlotNotBookable,
    SlotTaken,
    UrgentRefused,
    WaitlistRefused,
)
from terminsystem.domain.personal import validate_companions
from terminsystem.models import (
    Appointment,
    BookingReceipt,
    Concern,
    PersonClaim,
    UrgentRequest,
    WaitlistEntry,
    WaitlistOffer,
    WaitlistPerson,
    WaitlistReceipt,
    WaitlistView,
)
from terminsystem.services import claims, confirmations, urgent_requests, urgent_triage, waitlist
from terminsystem.state.waitlist_view import WORKDAYS

from .. import strategies as hs
from .bad_input_world import (
    DUPLICATE_JOINS,
    NOW,
    POLICY,
    URGENT_LIMITS,
    WAITLIST_RULES,
    Entry,
    add_requests,
    build_world,
    offer_again,
    request_again,
)
from .test_bad_input import CATALOG, answer, clients, generated, is_clean_name, near

TODAY = NOW.date()
URGENT = urgent.UrgentPolicy()
BEYOND = TODAY + timedelta(days=POLICY.max_days_ahead + 1)  # the first day after the booking horizon
LAST = TODAY + timedelta(days=WAITLIST_RULES.days)  # the latest day a window may reach


@pytest.fixture
def world(office):
    return add_requests(build_world(office))


def _typed(day: date, iso: bool) -> str:
    return day.isoformat() if iso else day.strftime("%d.%m.%Y")


def _person_fields(extra: dict) -> dict:
    born = hs.plausible_birth_dates.map(lambda d: d.strftime("%d.%m.%Y"))
    return {"family_name": hs.passing_names, "given_names": st.just("") | hs.passing_names,
            "birth_date": born | born.map(hs.other_digits),
            "email": st.sampled_from(("erika@example.org", " ali@münchen.de ")),
            "consent": st.sampled_from((True, "on")), **extra}


def _forms(hostile: dict, passing: st.SearchStrategy[dict]) -> st.SearchStrategy[dict]:
    """Any fields with any values; a plausible person with odd extras; forms that pass."""
    realistic = {"family_name": st.sampled_from(hs.VALID_NAMES), "consent": st.just(True),
                 "birth_date": hs.plausible_birth_dates.map(lambda d: d.isoformat()),
                 "email": st.just("erika@example.org")}
    return st.one_of(st.fixed_dictionaries({}, optional=hostile),
                     st.fixed_dictionaries(realistic, optional={k: v for k, v in hostile.items() if k not in realistic}),
                     passing)


PERSON_FIELDS = {"family_name": hs.name_texts, "given_names": hs.name_texts, "birth_date": hs.birth_date_texts,
                 "email": hs.email_texts, "consent": hs.consents}


FAMILY = 3  # the join tests' largest family


def join_forms():
    """The join form's fields: a person (and the further persons of a family), a window (sometimes
    beyond the booking horizon, where nothing is free), the weekday boxes."""
    window_days = hs.date_texts(TODAY - timedelta(days=3), LAST + timedelta(days=5))
    born = hs.plausible_birth_dates.map(lambda d: d.strftime("%d.%m.%Y"))
    hostile = {**PERSON_FIELDS, "earliest": window_days, "latest": window_days,
               **{f"weekday_{d}": hs.json_values for d in WORKDAYS}}
    family = {}
    for n in range(2, FAMILY + 1):
        hostile |= {f"family_name_{n}": hs.name_texts, f"given_names_{n}": hs.name_texts,
                    f"birth_date_{n}": hs.birth_date_texts}
        family |= {f"family_name_{n}": hs.passing_names, f"birth_date_{n}": born}
    days = st.lists(st.dates(BEYOND, LAST) | st.dates(TODAY, LAST), min_size=2, max_size=2).map(sorted)
    passing = st.builds(lambda person, days, iso: {**person, "earliest": _typed(days[0], iso),
                                                   "latest": _typed(days[1], iso)},
                        st.fixed_dictionaries(_person_fields({f"weekday_{d}": st.sampled_from((True, "on", False, None))
                                                              for d in WORKDAYS} | family)), days, st.booleans())
    return _forms(hostile, passing)


def _validate_join(form: dict, weekdays: object):
    return wl.validate_join(family_name=form.get("family_name", ""), given_names=form.get("given_names", ""),
                            birth_date=form.get("birth_date", ""), email=form.get("email", ""),
                            consent=form.get("consent"), earliest=form.get("earliest", ""),
                            latest=form.get("latest", ""), weekdays=weekdays, today=TODAY, max_days=WAITLIST_RULES.days)


def _ticked(form: dict) -> list[str]:
    """The weekdays as ``WaitlistJoinState.submit`` reads them off the form."""
    return [str(d) for d in WORKDAYS if form.get(f"weekday_{d}")]


# --- the waitlist: joining ------------------------------------------------------------------------

@generated
@given(data=st.data(), form=join_forms(), weekdays=hs.weekday_lists)
def test_the_join_form_is_a_person_and_a_window_or_refused_field_by_field(data, form, weekdays):
    weekdays = data.draw(st.sampled_from([_ticked(form), weekdays]))
    try:
        person, window = _validate_join(form, weekdays)
    except InvalidInput as err:
        assert err.fields and all(v in CATALOG for v in err.fields.values()), err.fields
        return
    assert person.email and is_clean_name(person.family_name) and person.birth_date < TODAY
    assert TODAY <= window.earliest <= window.latest <= LAST
    assert wl.weekdays_of(window.weekdays) == tuple(sorted({int(str(d)) for d in weekdays}))


def _joined_once(world, concern: int, person, companions, window, before: int):
    def accepted(result):
        if not isinstance(result, WaitlistReceipt):
            return False
        key = claims.person_key(person, engine=world.engine)
        with Session(world.engine) as s:
            assert s.exec(select(func.count()).select_from(WaitlistEntry)).one() == before + 1
            [row] = s.exec(select(WaitlistEntry).where(WaitlistEntry.person_key == key, WaitlistEntry.concern_id == concern,
                                                       WaitlistEntry.status.in_(wl.OPEN))).all()
        assert (row.family_name, row.given_names, row.birth_date, row.email) == (
            person.family_name, person.given_names, person.birth_date, person.email)
        assert (row.earliest, row.latest, row.weekdays, row.concern_id) == (window.earliest, window.latest,
                                                                            window.weekdays, concern)
        assert row.token_hash == codes.token_hash(result.token) and result.view.status == wl.WAITING
        with Session(world.engine) as s:
            others = s.exec(select(WaitlistPerson).where(WaitlistPerson.entry_id == row.id)
                            .order_by(WaitlistPerson.position)).all()
        assert row.persons == 1 + len(companions) == result.view.persons
        event(f"joined, {row.persons} person(s)")  # --hypothesis-show-statistics: families do get on
        assert [(p.position, p.family_name, p.given_names, p.birth_date) for p in others] == [
            (n, c.family_name, c.given_names, c.birth_date) for n, c in enumerate(companions, start=2)]
        return True
    return accepted


@generated
@given(data=st.data(), form=join_forms(), concern=hs.record_ids, client=clients, lang=hs.json_values,
       persons=st.integers(1, FAMILY))
def test_the_join_form_joins_once_or_changes_nothing(world, data, form, concern, client, lang, persons):
    """What ``WaitlistJoinState.submit`` does with a submitted form; sometimes the person is one
    already on the list (a duplicate) or one who left it (may join again)."""
    again: Entry | None = data.draw(st.sampled_from([None, None, *world.entries]))
    if again is not None:
        form = {**form, "family_name": again.family, "birth_date": again.born.isoformat()}
    try:
        person, window = _validate_join(form, _ticked(form))
    except InvalidInput as err:
        assert all(v in CATALOG for v in err.fields.values())
        return
    companions, problems = validate_companions(form, persons, TODAY)  # as the join state reads them
    if problems:
        assert all(v in CATALOG for v in problems.values())
        return
    concern = data.draw(st.sampled_from([world.blaue_karte] * 3 + [concern, world.inactive_concern,
                                                                   *world.concern_ids]))
    with Session(world.engine) as s:
        before = s.exec(select(func.count()).select_from(WaitlistEntry)).one()
    result = answer(world, lambda: waitlist.join(
        concern_id=concern, person=person, window=window, now=NOW, policy=POLICY, rules=WAITLIST_RULES, client=client,
        lang=i18n.normalize(lang), companions=companions, engine=world.engine),
        accepted=_joined_once(world, concern, person, companions, window, before),
        ignore=DUPLICATE_JOINS)
    if isinstance(result, InvalidInput):
        assert all(v in CATALOG for v in result.fields.values()), result.fields
    if again is not None and again.family != "Gegangen" and concern == world.blaue_karte:
        assert not isinstance(result, WaitlistReceipt)  # already on this list


# --- the waitlist: the personal link --------------------------------------------------------------

def _entry_state(world, entry: Entry | None, now):
    """The entry's status, its offer that still holds (None: none) and whether its person holds
    an open appointment already, read before the call."""
    if entry is None:
        return None, None, False
    with Session(world.engine) as s:
        row = s.exec(select(WaitlistEntry).where(WaitlistEntry.token_hash == codes.token_hash(entry.token))).one()
        offer = s.exec(select(WaitlistOffer).where(WaitlistOffer.entry_id == row.id, WaitlistOffer.status == wl.OFFERED,
                                                   WaitlistOffer.expires_at > now)).first()
        holds = s.exec(select(func.count()).select_from(PersonClaim).join(
            Appointment, Appointment.id == PersonClaim.appointment_id).where(
            PersonClaim.person_key == row.person_key, Appointment.status == status.BOOKED,
            Appointment.ends_at > now)).one()
    return row.status, offer if row.status == wl.OFFERED else None, holds > 0


@generated
@given(data=st.data(), token=hs.token_texts, per_person=st.sampled_from((None, 1)),
       hours=st.sampled_from((0, 0, 1, 3)))
def test_a_waitlist_link_acts_only_on_its_own_entry(world, data, token, per_person, hours):
    """view, accept, decline, leave with any token: another entry's, an appointment's QR or manage
    token, a receipt's download token, a mangled own one. Offers hold two hours; Petrenko (and
    whoever booked by accepting) holds an appointment: with ``per_person`` the offer cannot be
    taken, and still holds."""
    mine = data.draw(st.sampled_from(world.entries))
    someone, request = data.draw(st.sampled_from(world.booked)), data.draw(st.sampled_from(world.requests))
    token = data.draw(st.one_of(st.sampled_from([mine.token, f" {mine.token}\n"]),
                                st.sampled_from([mine.token[:-1], mine.token.upper(), "\u202e" + mine.token,
                                                 mine.token + "\x00"]),
                                st.sampled_from([someone.token, someone.manage_token, request.token]), st.just(token)))
    action = data.draw(st.sampled_from(("view", "accept", "decline", "leave")))
    now = NOW + timedelta(hours=hours)
    target = next((e for e in world.entries if isinstance(token, str) and token.strip() == e.token), None)
    state, offer, holds = _entry_state(world, target, now)
    if action == "view":  # and the other way round: no waitlist or receipt token opens a booking
        found, booked = answer(world, lambda: (waitlist.view(token, now=now, engine=world.engine),
                                               confirmations.by_manage_token(token, engine=world.engine)))
        assert (found is None) == (target is None)
        assert found is None or (isinstance(found, WaitlistView) and (found.earliest, found.latest) == (
            target.earliest, target.latest) and found.status in wl.ENTRY_STATUSES)
        assert booked == (someone.id if isinstance(token, str) and token.strip() == someone.manage_token else None)
        return
    call, done, should = {
        "accept": (lambda: waitlist.accept(token, now=now, per_person=per_person, reminder_before=timedelta(hours=24),
                                           engine=world.engine),
                   lambda r: isinstance(r, BookingReceipt) and r.starts_at == offer.starts_at,
                   offer is not None and not (per_person and holds)),
        "decline": (lambda: waitlist.decline(token, now=now, engine=world.engine),
                    lambda r: isinstance(r, WaitlistView) and r.status == wl.WAITING, offer is not None),
        "leave": (lambda: waitlist.leave(token, now=now, engine=world.engine),
                  lambda r: isinstance(r, WaitlistView) and r.status == wl.LEFT, state in wl.OPEN),
    }[action]
    result = answer(world, call, accepted=lambda r: not isinstance(r, DomainError))
    assert done(result) == should, (action, target, state, result)
    assert should or isinstance(result, WaitlistRefused | PersonHasAppointment), result
    if should:
        offer_again(world, target)  # the next examples find an offer to act on again


# --- urgent requests: the form --------------------------------------------------------------------

def urgent_forms():
    expiry = hs.date_texts(TODAY - timedelta(days=30), TODAY + timedelta(weeks=10))
    hostile = {**PERSON_FIELDS, "permit_kind": st.sampled_from(urgent.PERMIT_KINDS) | hs.json_values,
               "permit_expires": expiry, "description": hs.hostile_text | hs.json_values}
    days = st.dates(URGENT.earliest(TODAY), URGENT.latest(TODAY))
    passing = st.builds(lambda person, day, iso: {**person, "permit_expires": _typed(day, iso)},
                        st.fixed_dictionaries(_person_fields({"permit_kind": st.sampled_from(urgent.PERMIT_KINDS),
                                                              "description": hs.hostile_text})), days, st.booleans())
    return _forms(hostile, passing)


def _stored(world, data: urgent.UrgentInput, lang: str, before: int):
    def accepted(result):
        if not isinstance(result, urgent_requests.Submitted):
            return False
        with Session(world.engine) as s:
            assert s.exec(select(func.count()).select_from(UrgentRequest)).one() == before + 1
            row = s.exec(select(UrgentRequest).where(UrgentRequest.number == result.number)).one()
            team = s.get(Concern, data.concern_id).team_id
        p = data.person
        assert (row.family_name, row.given_names, row.birth_date, row.email) == (p.family_name, p.given_names,
                                                                                p.birth_date, p.email)
        assert (row.concern_id, row.team_id, row.permit_kind, row.permit_expires, row.lang, row.status) == (
            data.concern_id, team, data.permit_kind, data.permit_expires, lang, urgent.OPEN)
        assert (row.description or "") == data.description and len(data.description) <= urgent.DESCRIPTION_MAX
        assert is_clean_name(data.description) and p.email and result.email == p.email
        assert row.receipt_token_hash == codes.token_hash(result.download_token)
        return True
    return accepted


@generated
@given(data=st.data(), form=urgent_forms(), concern=hs.json_values | hs.record_ids.map(str), client=clients,
       lang=hs.json_values)
def test_the_urgent_form_stores_one_request_or_changes_nothing(world, data, form, concern, client, lang):
    """What ``UrgentRequestState.submit`` does with a submitted form: ``validate``, then ``submit``."""
    concern = data.draw(st.sampled_from([str(world.blaue_karte), str(world.inactive_concern), world.blaue_karte,
                                         concern, *map(str, world.concern_ids)]))
    try:
        parsed = urgent.validate(
            concern_id=concern, permit_kind=form.get("permit_kind", ""), permit_expires=form.get("permit_expires", ""),
            family_name=form.get("family_name", ""), given_names=form.get("given_names", ""),
            birth_date=form.get("birth_date", ""), email=form.get("email", ""),
            description=form.get("description", ""), consent=form.get("consent"), today=TODAY, policy=URGENT)
    except InvalidInput as err:
        assert err.fields and all(v in CATALOG for v in err.fields.values()), err.fields
        return
    assert URGENT.earliest(TODAY) <= parsed.permit_expires <= URGENT.latest(TODAY)
    with Session(world.engine) as s:
        before = s.exec(select(func.count()).select_from(UrgentRequest)).one()
    result = answer(world, lambda: urgent_requests.submit(parsed, lang=i18n.normalize(lang), client=client, now=NOW,
                                                          limits=URGENT_LIMITS, engine=world.engine),
                    accepted=_stored(world, parsed, i18n.normalize(lang), before))
    if parsed.concern_id == world.inactive_concern or parsed.concern_id not in world.concern_ids:
        assert isinstance(result, InvalidInput) and result.fields == {"concern": "field.required"}


@generated
@given(data=st.data(), token=hs.token_texts)
def test_a_receipt_link_gives_only_its_own_receipt(world, data, token):
    """Anything but the request's own download token is None; the own token (now and then: the
    PDF takes a second) gives its receipt."""
    mine = data.draw(st.sampled_from(world.requests))
    someone, entry = data.draw(st.sampled_from(world.everyone)), data.draw(st.sampled_from(world.entries))
    if data.draw(st.integers(0, 19)) == 7:
        token = data.draw(st.sampled_from([mine.token, f" {mine.token}\t"]))
    else:
        token = data.draw(st.sampled_from([token, mine.token[:-1], mine.token.upper(), mine.token + "A",
                                           "\u202e" + mine.token, mine.token + "\x00", mine.number, someone.token,
                                           someone.manage_token or someone.token[::-1], entry.token]))
    found = answer(world, lambda: urgent_requests.receipt_pdf(token, engine=world.engine))
    if isinstance(token, str) and token.strip() == mine.token:
        name, pdf = found
        assert mine.number in name and pdf.startswith(b"%PDF")
    else:
        assert found is None


# --- urgent requests: the team's steps --------------------------------------------------------------

def _request_state(world, request_id: int):
    with Session(world.engine) as s:
        row = s.get(UrgentRequest, request_id)
        return (row.team_id, row.status, row.appointment_id) if row else None


@generated
@given(data=st.data(), request=hs.record_ids, raw=hs.json_values, start=hs.all_datetimes, text=hs.answer_texts)
def test_a_clerk_acts_on_requests_of_the_own_team_or_changes_nothing(world, data, request, raw, start, text):
    """Offer a time, answer, close — with ids as the triage state passes them on (``lookup_id`` of
    whatever the page sent), among them the other team's request and handled ones."""
    request = data.draw(st.sampled_from([*(r.id for r in world.requests), request, inputs.lookup_id(raw)]))
    start = data.draw(st.sampled_from([start]) | near(world.offered))
    step = data.draw(st.sampled_from(("offer", "answer", "close")))
    found = _request_state(world, request)
    call, done, expected = {
        "offer": (lambda: urgent_triage.offer_time(request, start, by=world.clerk, now=NOW, engine=world.engine),
                  lambda r: r.status == urgent.OFFERED and r.appointment_start == start,
                  "urgent.not_open" if found and (found[1] not in urgent.OFFERABLE or found[2]) else None),
        "answer": (lambda: urgent_triage.answer(request, text, by=world.clerk, now=NOW, engine=world.engine),
                   lambda r: r.status == urgent.ANSWERED and r.answer == urgent.answer_text(text),
                   "urgent.not_open" if found and found[1] != urgent.OPEN else None),
        "close": (lambda: urgent_triage.close(request, by=world.clerk, now=NOW, engine=world.engine),
                  lambda r: r.status == urgent.CLOSED, "urgent.not_open" if found and found[1] != urgent.OPEN else None),
    }[step]
    if found is None:
        expected = "urgent.unknown"
    elif found[0] != world.clerk_team:
        expected = "urgent.not_allowed"
    if step == "answer" and not urgent.answer_text(text):
        expected = "urgent.answer_missing"  # looked at before the request
    result = answer(world, call, accepted=lambda r: isinstance(r, urgent_triage.TriageRow))
    if isinstance(result, urgent_triage.TriageRow):
        assert expected is None and result.id == request and done(result), (step, found, result)
        request_again(world, request)
    elif expected is None and step == "offer":
        assert isinstance(result, SlotTaken | SlotNotBookable), (found, start, result)
    else:
        assert isinstance(result, UrgentRefused) and result.key == expected, (step, found, result)
