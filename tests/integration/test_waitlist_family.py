"""A family on the waitlist (SQLite and PostgreSQL): it waits together for one appointment that
takes the concern's duration once per person, is offered only a time long enough for all, and
accepting books the whole family; its further persons are deleted with the entry's data."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from terminsystem.domain.errors import WaitlistRefused
from terminsystem.models import Appointment, AppointmentPerson, PersonClaim, WaitlistPerson
from terminsystem.services import manage, retention, waitlist

from .test_retention import found, needles
from .waitlist_world import (
    HALF,
    NINE,
    NO_PAUSE,
    NOW,
    book,
    claims_at,
    entry,
    entry_id,
    full,
    join,
    match,
    offers,
    small_office,
    someone,
)

CUTOFF = timedelta(hours=2)


def child(of) -> object:
    """A family member: same family name, own given name and date of birth, no e-mail."""
    return replace(someone("Kind", email=False), family_name=of.family_name)


def test_a_family_may_wait_while_only_shorter_gaps_are_free_and_its_persons_are_kept(office):
    small_office(office)
    book(office, NINE)  # Monday 09:30 stays free: 30 minutes, too short for two persons
    with pytest.raises(WaitlistRefused) as refused:
        join(office, someone("Allein"))
    assert refused.value.key == "error.waitlist_times_free"
    parent = someone("Eltern")
    kid = child(parent)
    receipt = join(office, parent, companions=(kid,))
    assert receipt.view.persons == 2 and receipt.view.position == 1
    with Session(office) as s:
        [row] = s.exec(select(WaitlistPerson)).all()
    assert (row.entry_id, row.position, row.family_name, row.given_names, row.birth_date) == \
        (entry_id(office, receipt.token), 2, kid.family_name, kid.given_names, kid.birth_date)
    assert entry(office, row.entry_id).persons == 2


def test_a_family_is_offered_only_a_time_long_enough_for_all(office):
    nine_id, half_id = full(office)
    parent = someone("Eltern")
    family = join(office, parent, companions=(child(parent),))
    single = join(office, someone("Allein"), now=NOW + timedelta(minutes=1))
    manage.cancel(half_id, now=NOW, cutoff=CUTOFF, cooldown=NO_PAUSE, engine=office)
    match(office, NOW)
    [offer] = offers(office)  # 09:30 alone is too short for the family: the next in line gets it
    assert (offer.entry_id, offer.starts_at) == (entry_id(office, single.token), HALF)
    assert waitlist.view(family.token, now=NOW, engine=office).status == "waiting"
    manage.cancel(nine_id, now=NOW, cutoff=CUTOFF, cooldown=NO_PAUSE, engine=office)
    waitlist.decline(single.token, now=NOW, cooldown=NO_PAUSE, engine=office)
    match(office, NOW)
    offered = [o for o in offers(office) if o.entry_id == entry_id(office, family.token)]
    assert [(o.starts_at, o.ends_at) for o in offered] == [(NINE, HALF + timedelta(minutes=30))]


def test_accepting_books_the_whole_family_and_the_sweep_deletes_its_persons(office):
    nine_id, half_id = full(office)
    parent = someone("Eltern")
    kid = child(parent)
    family = join(office, parent, companions=(kid,))
    for appointment_id in (nine_id, half_id):
        manage.cancel(appointment_id, now=NOW, cutoff=CUTOFF, cooldown=NO_PAUSE, engine=office)
    match(office, NOW)
    receipt = waitlist.accept(family.token, now=NOW, per_person=1, engine=office)
    assert (receipt.starts_at, receipt.persons) == (NINE, 2)
    with Session(office) as s:
        a = s.exec(select(Appointment).where(Appointment.booking_code == receipt.booking_code)).one()
        [other] = s.exec(select(AppointmentPerson).where(AppointmentPerson.appointment_id == a.id)).all()
        person_claims = s.exec(select(PersonClaim).where(PersonClaim.appointment_id == a.id)).all()
    assert (a.persons, a.family_name, a.ends_at) == (2, parent.family_name, HALF + timedelta(minutes=30))
    assert (other.given_names, other.birth_date) == (kid.given_names, kid.birth_date)
    assert [c.appointment_id for c in claims_at(office, NINE) + claims_at(office, HALF)] == [a.id, a.id]
    assert len(person_claims) == 2  # each family member holds the appointment, as when booking

    kid_needles = needles(kid) - needles(parent)
    assert found(office, kid_needles) == kid_needles
    report = retention.sweep(now=NINE + timedelta(days=31), days=30, engine=office)  # after the appointment too
    assert (report.waitlist_entries, report.persons) == (1, 1)
    with Session(office) as s:
        assert s.exec(select(WaitlistPerson)).all() == []
    assert found(office, kid_needles) == set()  # nowhere any more (the appointment's sweep took its copy)
