"""Bad input, systematically: generated input (wrong JSON types, huge strings, control and bidi
characters, impossible dates, codes, tokens and ids of other people's records) against the public
services, at the level where untrusted input enters: the parsers the states use, then the service
with what those parsers can hand on (or, where a service takes raw input, any JSON).

Every answer must be a documented one — a result, an ``Outcome``, a ``DomainError`` — whose message
key exists in the catalog; anything else (TypeError, OverflowError, a database error) fails the
test. A refused input must leave every table as it was (row counts and a checksum); the few
columns a refusal legitimately changes are named in ``bad_input_world``. Each DB test runs on SQLite
and PostgreSQL.

``TS_HYPOTHESIS_EXAMPLES`` sets the examples per test: 40 by default (~880 in all, about a minute
on SQLite and PostgreSQL together); 200 gives ~4 400.
The waitlist and urgent requests have their tests in ``test_bad_input_requests`` (with these
helpers). A new service is one more strategy in ``tests/strategies.py`` plus one test that calls
``answer(...)``.
"""

from __future__ import annotations

import os
import string
import unicodedata
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from terminsystem import i18n
from terminsystem.domain import codes, inputs
from terminsystem.domain.checkin import CheckinPolicy
from terminsystem.domain.errors import DomainError, InvalidInput
from terminsystem.domain.personal import parse_birth_date, validate_personal_data
from terminsystem.domain.schedule import BookingLimits, Cooldown
from terminsystem.models import Appointment
from terminsystem.services import availability, booking, checkin, confirmations, manage
from terminsystem.state.booking import BookingState

from .. import strategies as hs
from .bad_input_world import CUTOFF, KIOSK_BUDGET, NOW, POLICY, RATE_LIMIT_MISSES, build_world, snapshot

EXAMPLES = int(os.environ.get("TS_HYPOTHESIS_EXAMPLES", "40"))
generated = settings(max_examples=EXAMPLES, deadline=None, database=None, print_blob=True,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                            HealthCheck.data_too_large])
CATALOG = i18n.catalog(i18n.DEFAULT_LANGUAGE)
NO_LIMITS = BookingLimits(per_client_hour=10**6, all_per_minute=10**6)
KIOSK = CheckinPolicy(lookups_per_minute=10**6)  # the budget has its own tests; here every lookup runs
# A client address as Reflex hands it on (the socket's, or X-Forwarded-For): header text, no controls.
clients = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=300)


@pytest.fixture
def world(office):
    return build_world(office)


def answer(world, call, *, accepted=lambda result: False, ignore=None):
    """Run ``call``; a ``DomainError`` is an answer too. Unless ``accepted(result)``, every table
    (but ``ignore``) must be unchanged."""
    before = snapshot(world.engine, ignore)
    try:
        result = call()
    except DomainError as err:
        assert err.key in CATALOG, err.key
        result = err
    done = accepted(result)
    if not done:
        assert snapshot(world.engine, ignore) == before, f"a refused input changed the database: {result!r}"
    # What the generated input reached (``--hypothesis-show-statistics``): refusals alone would
    # mean the strategies never got past the first check.
    event("accepted" if done else getattr(result, "key", type(result).__name__))
    return result


def near(times: list[datetime]) -> st.SearchStrategy[datetime]:
    """One of ``times``, or a little off it (a minute, a second, a microsecond)."""
    offsets = st.sampled_from((timedelta(0), timedelta(0), timedelta(minutes=15), timedelta(minutes=-30),
                               timedelta(seconds=1), timedelta(microseconds=-1), timedelta(days=1)))
    return st.builds(lambda t, d: t + d, st.sampled_from(times), offsets)


def is_clean_name(name: str) -> bool:
    """No control, bidi or other format character is stored (only the ZWNJ some scripts need)."""
    return not any(unicodedata.category(ch) in ("Cc", "Cs") or (unicodedata.category(ch) == "Cf"
                                                                and ch != "\u200c") for ch in name)


# --- the parsers (no database) -------------------------------------------------------------------

@generated
@given(value=hs.json_values)
def test_the_input_helpers_never_raise_and_keep_their_promises(value):
    assert isinstance(inputs.text(value), str | type(None))
    found = inputs.record_id(value)
    assert found is None or (type(found) is int and 0 <= found < 10**inputs.MAX_ID_DIGITS)
    assert -1 <= inputs.lookup_id(value) < 10**inputs.MAX_ID_DIGITS
    assert inputs.checked(value) in (True, False) and (not inputs.checked(value) or value in (True, "on"))
    note = inputs.free_text(value)
    assert len(note) <= 200 and is_clean_name(note) and "\n" not in note
    assert all(isinstance(n, str) and n for n in inputs.name_list(value))
    assert inputs.clock_time(value) is None or isinstance(value, str)
    assert inputs.iso_date(value) is None or isinstance(inputs.iso_date(value), date)
    assert -1 <= inputs.whole_number(value) <= 100_000
    assert inputs.field(value, "x") == (value.get("x", "") if isinstance(value, dict) else "")
    code = codes.normalize_booking_code(value)
    assert isinstance(code, str) and set(code) <= set(string.ascii_uppercase + string.digits + "-")
    assert codes.looks_like_token(value) in (True, False)


@generated
@given(text=hs.birth_date_texts)
def test_a_birth_date_is_a_real_date_or_none(text):
    born = parse_birth_date(text)
    assert born is None or isinstance(born, date)


@generated
@given(born=st.dates())
def test_every_real_birth_date_reads_back_in_both_forms(born):
    assert parse_birth_date(born.strftime("%d.%m.") + f"{born.year:04d}") == born
    assert parse_birth_date(born.isoformat()) == born


def booking_forms(max_persons: int = 4):
    """Forms of every kind: any fields with any values; a plausible person with odd extras; and
    forms that pass, though spiked with invisible and bidi characters or typed in other digits."""
    fields = {"family_name": hs.name_texts, "given_names": hs.name_texts, "birth_date": hs.birth_date_texts,
              "email": hs.email_texts, "consent": hs.consents}
    born = hs.plausible_birth_dates.map(lambda d: d.strftime("%d.%m.%Y"))
    passing = {"family_name": hs.passing_names, "given_names": st.just("") | hs.passing_names,
               "birth_date": born | born.map(hs.other_digits), "email": st.sampled_from(("", "erika@example.org")),
               "consent": st.sampled_from((True, "on"))}
    for n in range(2, max_persons + 1):
        fields |= {f"family_name_{n}": hs.name_texts, f"given_names_{n}": hs.name_texts,
                   f"birth_date_{n}": hs.birth_date_texts}
        passing |= {f"family_name_{n}": hs.passing_names, f"birth_date_{n}": born}
    realistic = {"family_name": st.sampled_from(hs.VALID_NAMES), "birth_date": born, "consent": st.just(True)}
    return st.one_of(st.fixed_dictionaries({}, optional=fields),
                     st.fixed_dictionaries(realistic, optional={k: v for k, v in fields.items() if k not in realistic}),
                     st.fixed_dictionaries(passing))


@generated
@given(form=booking_forms())
def test_personal_data_is_valid_or_refused_field_by_field(form):
    try:
        person = validate_personal_data(today=NOW.date(), **{k: form.get(k, "") for k in (
            "family_name", "given_names", "birth_date", "email")}, consent=form.get("consent"))
    except InvalidInput as err:
        assert err.fields and all(v in CATALOG for v in err.fields.values())
        return
    assert 0 < len(person.family_name) <= 80 and len(person.given_names) <= 80
    assert is_clean_name(person.family_name) and is_clean_name(person.given_names)
    assert person.birth_date < NOW.date() and (person.email is None or len(person.email) <= 254)


# --- booking ------------------------------------------------------------------------------------

def _receipt_stored(world, persons, start):
    def accepted(result):
        if not isinstance(result, booking.BookingReceipt):
            return False
        assert result.starts_at == start  # exactly the time asked for, never a neighbour
        with Session(world.engine) as s:
            a = s.exec(select(Appointment).where(Appointment.booking_code == result.booking_code)).one()
        first = persons[0]
        assert (a.family_name, a.given_names, a.birth_date) == (first.family_name, first.given_names,
                                                               first.birth_date)
        assert a.persons == len(persons) and a.starts_at == result.starts_at
        return True
    return accepted


@generated
@given(data=st.data(), form=booking_forms(), persons=st.integers(1, 4), client=clients, lang=hs.json_values)
def test_the_booking_form_books_or_changes_nothing(world, data, form, persons, client, lang):
    """What ``BookingState.submit`` does with a submitted form: its own parsing, then the service."""
    start = data.draw(st.sampled_from(world.offered) | near(world.offered) | hs.all_datetimes)
    try:
        person, companions = BookingState._people(SimpleNamespace(persons=persons), form, NOW.date())
    except InvalidInput as err:
        assert all(v in CATALOG for v in err.fields.values())
        return
    answer(world, lambda: booking.book(
        concern_id=world.blaue_karte, start=start, person=person, companions=companions, now=NOW, policy=POLICY,
        per_person=1, lang=i18n.normalize(lang), reminder_before=timedelta(hours=24), client=client,
        limits=NO_LIMITS, engine=world.engine), accepted=_receipt_stored(world, (person, *companions), start))


@generated
@given(data=st.data(), start=hs.all_datetimes, concern=hs.record_ids)
def test_a_booking_at_any_time_for_any_concern_is_booked_or_refused(world, data, start, concern):
    concern = data.draw(st.sampled_from([concern, world.inactive_concern, *world.concern_ids]))
    start = data.draw(st.sampled_from([start]) | near(world.offered))
    born = data.draw(hs.plausible_birth_dates)
    person = validate_personal_data(family_name=data.draw(st.sampled_from(hs.VALID_NAMES)), given_names="",
                                    birth_date=born.isoformat(), email="", consent=True, today=NOW.date())
    answer(world, lambda: booking.book(concern_id=concern, start=start, person=person, now=NOW, policy=POLICY,
                                       per_person=1, client="c", limits=NO_LIMITS, engine=world.engine),
           accepted=_receipt_stored(world, (person,), start))


# --- the manage page ----------------------------------------------------------------------------

@generated
@given(data=st.data(), code=hs.booking_code_texts, born_text=hs.birth_date_texts, client=clients)
def test_booking_code_and_birth_date_find_exactly_the_own_booking(world, data, code, born_text, client):
    """Another person's code with my date of birth (or any other mix) finds nothing."""
    owner, other = data.draw(st.sampled_from(world.everyone)), data.draw(st.sampled_from(world.everyone))
    code = data.draw(st.sampled_from([code]) | hs.code_variants(owner.code))
    born = data.draw(st.sampled_from([parse_birth_date(born_text), *owner.births, *other.births]) | hs.all_dates)
    found = answer(world, lambda: manage.find(code, born, client=client, now=NOW, per_hour=10**6,
                                              engine=world.engine), ignore=RATE_LIMIT_MISSES)
    expected = next((b.id for b in world.everyone
                     if codes.normalize_booking_code(code) == b.code and born in b.births), None)
    assert found == expected


@generated
@given(data=st.data(), token=hs.token_texts)
def test_a_manage_link_opens_only_its_own_booking(world, data, token):
    mine = data.draw(st.sampled_from(world.booked))
    token = data.draw(st.sampled_from([token, mine.manage_token, f" {mine.manage_token}\n", mine.token,
                                       mine.manage_token[:-1], mine.manage_token.upper()]))
    found = answer(world, lambda: confirmations.by_manage_token(token, engine=world.engine))
    assert found == (mine.id if isinstance(token, str) and token.strip() == mine.manage_token else None)


def _moved_to(start):
    def accepted(result):
        if isinstance(result, DomainError):
            return False
        assert result.starts_at == start and result.status == "booked"
        return True
    return accepted


@generated
@given(data=st.data(), appointment=hs.record_ids, start=hs.all_datetimes)
def test_cancel_and_rebook_of_any_id_at_any_time_are_done_or_refused(world, data, appointment, start):
    """The ids are the server's own (backend vars); the times are what a page could claim."""
    appointment = data.draw(st.sampled_from([appointment, *(b.id for b in world.everyone)]))
    start = data.draw(st.sampled_from([start]) | near([*world.offered, *(b.start for b in world.everyone)]))
    answer(world, lambda: manage.rebook(appointment, start, now=NOW, cutoff=CUTOFF, policy=POLICY,
                                        cooldown=Cooldown(), engine=world.engine), accepted=_moved_to(start))
    if data.draw(st.integers(0, 9)) == 0:  # now and then a cancel: it takes the booking out of the world
        answer(world, lambda: manage.cancel(appointment, now=NOW, cutoff=CUTOFF, engine=world.engine),
               accepted=lambda result: result is None)


# --- the kiosk ----------------------------------------------------------------------------------

def _checked_in(result):
    assert isinstance(result, checkin.Outcome) and result.key in CATALOG, result
    return result.ok


@generated
@given(data=st.data(), token=hs.token_texts)
def test_a_scanned_code_checks_in_its_own_appointment_or_nothing(world, data, token):
    someone = data.draw(st.sampled_from(world.everyone))
    token = data.draw(st.sampled_from([token, someone.token, someone.manage_token or someone.token[::-1],
                                       f"\t{someone.token} "]))
    outcome = answer(world, lambda: checkin.by_token(token, now=NOW, policy=KIOSK, engine=world.engine),
                     accepted=_checked_in)
    if not (isinstance(token, str) and token.strip() == someone.token):
        assert outcome.key == "checkin.unknown_code"


@generated
@given(data=st.data(), born=hs.all_dates)
def test_a_birth_date_at_the_kiosk_offers_times_and_finds_only_its_own(world, data, born):
    born = data.draw(st.sampled_from([born, *(b for x in world.everyone for b in x.births)]))
    found = answer(world, lambda: checkin.by_birth_date(born, device_id=world.device_id, now=NOW, policy=KIOSK,
                                                        engine=world.engine), ignore=KIOSK_BUDGET)
    expected = {t.id for t in world.today if born in t.births and t.id != world.today[4].id  # urgent: not here
                and t.id != world.today[5].id}  # cancelled
    assert set(found.ids) == expected and len(found.choices) >= 4


@generated
@given(data=st.data(), ids=st.lists(hs.record_ids, max_size=4), chosen=hs.all_datetimes,
       prefix=st.one_of(st.just(""), st.sampled_from(("y", "Yıl", "HAD", "ha", "K")), hs.hostile_text))
def test_the_kiosk_second_factor_checks_in_one_or_nobody(world, data, ids, chosen, prefix):
    ids = data.draw(st.sampled_from([tuple(ids), tuple(t.id for t in world.today),
                                     tuple(b.id for b in world.booked)]))
    chosen = data.draw(st.sampled_from([t.start for t in world.today]) | near([t.start for t in world.today])
                       | st.just(chosen))
    answer(world, lambda: checkin.confirm(ids, chosen, prefix[:12], now=NOW, policy=KIOSK, engine=world.engine),
           accepted=_checked_in)


# --- what the booking page reads --------------------------------------------------------------------

@generated
@given(data=st.data(), concern=hs.record_ids, day=hs.all_dates, persons=st.integers(-3, 50) | hs.record_ids,
       moving=st.none() | hs.record_ids)
def test_the_calendar_answers_any_concern_day_and_size(world, data, concern, day, persons, moving):
    concern = data.draw(st.sampled_from([concern, world.inactive_concern, *world.concern_ids]))
    days, times, release = answer(world, lambda: (
        availability.days(concern_id=concern, now=NOW, policy=POLICY, persons=persons, moving=moving,
                          engine=world.engine),
        availability.times(concern_id=concern, day=day, now=NOW, policy=POLICY, persons=persons, moving=moving,
                           engine=world.engine),
        availability.next_release(concern, now=NOW, policy=POLICY, engine=world.engine)))
    assert all(d.state in ("available", "full", "closed") for d in days)
    assert all(t.start.date() == day and t.free > 0 for t in times)
    assert release is None or isinstance(release[1], date)
    if concern == world.inactive_concern or concern not in world.concern_ids:
        assert days == [] and times == []
