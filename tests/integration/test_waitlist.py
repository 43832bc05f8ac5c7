"""The waitlist on a real database (SQLite and PostgreSQL) with a real SMTP server: joining and its
rules, first come first served, offers of freed seats that hold them, accept, decline, expiry,
leaving, positions, and the deletion of the personal data."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, select

from terminsystem import db
from terminsystem.domain import waitlist as wl
from terminsystem.domain.errors import InvalidInput, SlotTaken, TooManyWaitlistJoins, WaitlistRefused
from terminsystem.mail.catcher import Catcher
from terminsystem.mail.smtp import SmtpSettings
from terminsystem.models import Appointment, AuditEvent, BlockedDay, MailOutbox, WaitlistEntry
from terminsystem.services import availability, manage, outbox, retention, waitlist

from ..helpers import concern_id
from .test_retention import found, needles
from .waitlist_world import (
    CONCERN,
    HALF,
    MONDAY,
    NINE,
    NO_PAUSE,
    NOW,
    PAUSE,
    POLICY,
    RULES,
    TUESDAY,
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


def smtp(port: int) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, tls="none", timeout=5)


def deliver(engine, catcher, now, count) -> list:
    """Send what is due and return the messages that arrived (at least ``count`` in all)."""
    outbox.deliver_due(now=now, settings=smtp(catcher.port), engine=engine, limit=50)
    assert catcher.wait_for(count, 5)
    return list(catcher.messages)


def link_token(msg) -> str:
    body = msg.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"/warteliste\?t=([A-Za-z0-9_-]+)", body).group(1)


def test_joining_is_for_a_full_window_once_per_person(office):
    small_office(office)
    book(office, NINE)
    book(office, TUESDAY)
    with pytest.raises(WaitlistRefused) as e:  # 09:30 is still free: book it instead
        join(office)
    assert e.value.key == "error.waitlist_times_free"
    book(office, HALF)
    with pytest.raises(InvalidInput) as e:  # the team never opens on Saturdays
        join(office, weekdays=wl.weekday_mask([5]))
    assert e.value.fields == {"weekdays": "field.waitlist_weekdays_closed"}
    anna = someone("Anna")
    first = join(office, anna)
    assert (first.view.status, first.view.position, first.view.concern_code) == ("waiting", 1, CONCERN)
    with pytest.raises(WaitlistRefused) as e:  # the same person (any spelling), the same concern
        join(office, replace(anna, family_name=anna.family_name.upper(), email="other@example.org"))
    assert e.value.key == "error.waitlist_duplicate"
    second = join(office, now=NOW + timedelta(minutes=1))
    assert second.view.position == 2
    # Once the first has left, the same person may join again (at the end of the line).
    waitlist.leave(first.token, now=NOW + timedelta(minutes=2), engine=office)
    again = join(office, anna, now=NOW + timedelta(minutes=3), client="198.51.100.8")
    assert again.view.position == 2 and waitlist.view(second.token, now=NOW, engine=office).position == 1
    with Session(office) as s:
        actions = s.exec(select(AuditEvent.action, AuditEvent.entity).where(AuditEvent.action.like("waitlist%"))).all()
    assert sorted(actions) == [("waitlist_join", "waitlist_entry")] * 3 + [("waitlist_leave", "waitlist_entry")]


def test_joins_are_limited_per_address_and_for_everybody(office):
    full(office)
    for i in range(RULES.per_client_hour):
        join(office, now=NOW + timedelta(seconds=i))
    with pytest.raises(TooManyWaitlistJoins) as e:
        join(office, now=NOW + timedelta(minutes=5))
    assert e.value.key == "error.too_many_waitlist_joins"
    join(office, now=NOW + timedelta(minutes=5), client="203.0.113.9")  # another address may
    join(office, now=NOW + timedelta(hours=1, minutes=1))  # and this one after the hour
    everybody = replace(RULES, all_per_minute=2)
    later = NOW + timedelta(hours=3)
    join(office, now=later, client="192.0.2.1", rules=everybody)
    join(office, now=later, client="192.0.2.2", rules=everybody)
    with pytest.raises(TooManyWaitlistJoins):
        join(office, now=later, client="192.0.2.3", rules=everybody)
    with Session(office) as s:
        assert len(s.exec(select(WaitlistEntry)).all()) == RULES.per_client_hour + 4


def test_a_cancelled_seat_is_offered_to_the_first_matching_person_by_mail(office, tmp_path):
    nine_id, _ = full(office)
    tuesdays = join(office, someone("Dienstag"), weekdays=wl.weekday_mask([1]))  # first, but Monday does not suit
    first = join(office, someone("Erste"), now=NOW + timedelta(minutes=1))
    second = join(office, someone("Zweite"), now=NOW + timedelta(minutes=2))
    assert match(office, NOW + timedelta(minutes=3)).offers == 0  # nothing free yet
    with Catcher(folder=tmp_path / "mail") as catcher:
        joined = deliver(office, catcher, NOW + timedelta(minutes=3), 3)
        assert {m["Subject"] for m in joined} == {"Sie stehen auf der Warteliste"}
        tokens = {m["To"]: link_token(m) for m in joined}
        assert first.token in tokens.values() and second.token in tokens.values()
        assert "Ihr Platz: 3" in next(m for m in joined if link_token(m) == second.token).get_body(
            preferencelist=("plain",)).get_content()

        at = NOW + timedelta(minutes=10)
        manage.cancel(nine_id, now=at, cutoff=CUTOFF, cooldown=NO_PAUSE, engine=office)
        report = match(office, at)
        assert report.offers == 1
        [offer] = offers(office)
        assert (offer.entry_id, offer.starts_at, offer.expires_at) == (entry_id(office, first.token), NINE,
                                                                         at + timedelta(hours=2))
        assert entry(office, entry_id(office, tuesdays.token)).status == "waiting"
        assert waitlist.view(second.token, now=at, engine=office).position == 3  # the Tuesday one is ahead
        # The seat is held for the offer: nobody else can book it, the calendar shows nothing free.
        [claim] = claims_at(office, NINE)
        assert (claim.offer_id, claim.appointment_id) == (offer.id, None) and claim.held_until >= offer.expires_at
        with pytest.raises(SlotTaken):
            book(office, NINE, now=at)
        assert availability.times(concern_id=concern_id(office, CONCERN), day=MONDAY, now=at, policy=POLICY,
                                  engine=office) == []
        view = waitlist.view(first.token, now=at, engine=office)
        assert view.status == "offered" and (view.offer.starts_at, view.offer.expires_at) == (NINE, offer.expires_at)
        assert match(office, at + timedelta(minutes=1)).offers == 0  # offered once only

        [mail] = [m for m in deliver(office, catcher, at, 4) if m not in joined]
        assert mail["Subject"] == "Termin frei geworden: Montag, 30. November 2026, 09:00 Uhr"
        assert link_token(mail) == first.token
        body = mail.get_body(preferencelist=("plain",)).get_content()
        assert "Reserviert bis: Freitag, 27. November 2026, 12:10 Uhr" in body


def test_accepting_books_with_the_usual_confirmation_and_takes_the_seat_over(office, tmp_path):
    nine_id, _ = full(office)
    first = join(office, someone("Erste"))
    manage.cancel(nine_id, now=NOW, cutoff=CUTOFF, cooldown=NO_PAUSE, engine=office)
    match(office, NOW)
    [claim] = claims_at(office, NINE)
    at = NOW + timedelta(minutes=30)
    receipt = waitlist.accept(first.token, now=at, per_person=1, reminder_before=timedelta(hours=24), engine=office)
    assert (receipt.starts_at, receipt.concern_code) == (NINE, CONCERN)
    with Session(office) as s:
        a = s.exec(select(Appointment).where(Appointment.booking_code == receipt.booking_code)).one()
        e = s.get(WaitlistEntry, entry_id(office, first.token))
        kinds = sorted(s.exec(select(MailOutbox.kind).where(MailOutbox.appointment_id == a.id)).all())
    assert (a.family_name, a.email, a.status) == (e.family_name, e.email, "booked")
    assert (e.status, e.appointment_id, e.ended_at) == ("booked", a.id, at)
    [moved] = claims_at(office, NINE)  # the very seat, now the appointment's for good
    assert (moved.id, moved.appointment_id, moved.offer_id, moved.held_until) == (claim.id, a.id, None, None)
    assert kinds == ["confirmation", "reminder"]  # the booking's own mails (test_outbox sends them)
    assert offers(office)[0].status == "accepted"
    view = waitlist.view(first.token, now=at, engine=office)
    assert (view.status, view.position, view.offer, view.booking_code) == ("booked", None, None, a.booking_code)
    assert manage.load(a.id, now=at, cutoff=CUTOFF, engine=office).manage_token == view.manage_token
    with pytest.raises(WaitlistRefused) as e:
        waitlist.accept(first.token, now=at, per_person=1, engine=office)
    assert e.value.key == "error.waitlist_offer_gone"


def test_a_declined_seat_goes_to_the_next_person_and_never_back(office):
    nine_id, _ = full(office)
    first = join(office, someone("Erste"))
    second = join(office, someone("Zweite"), now=NOW + timedelta(minutes=1))
    # A cancelled seat comes to the waitlist only when its pause is over, like to everybody else.
    manage.cancel(nine_id, now=NOW, cutoff=CUTOFF, cooldown=PAUSE, engine=office)
    [cooling] = claims_at(office, NINE)
    report = match(office, NOW, cooldown=PAUSE)
    assert (report.offers, report.next_release) == (0, cooling.held_until)
    assert match(office, cooling.held_until, cooldown=PAUSE).offers == 1
    [claim] = claims_at(office, NINE)
    assert claim.offer_id and entry(office, entry_id(office, first.token)).status == "offered"
    at = cooling.held_until + timedelta(minutes=5)
    view = waitlist.decline(first.token, now=at, cooldown=PAUSE, engine=office)
    assert (view.status, view.position, view.offer) == ("waiting", 1, None)  # keeps its place
    [held] = claims_at(office, NINE)
    assert at + PAUSE.shortest <= held.held_until <= at + PAUSE.longest
    with pytest.raises(SlotTaken):  # held for the next person, not for whoever books fastest
        book(office, NINE, now=at)
    assert match(office, at, cooldown=PAUSE).offers == 1
    [declined, offer] = offers(office)
    assert declined.status == "declined" and offer.entry_id == entry_id(office, second.token)
    [handed] = claims_at(office, NINE)
    assert (handed.id, handed.offer_id) == (claim.id, offer.id)  # the same seat, handed on
    # The second leaves: the seat is free again, but never offered to the first again.
    waitlist.leave(second.token, now=at + timedelta(minutes=1), cooldown=NO_PAUSE, engine=office)
    assert match(office, at + timedelta(minutes=2)).offers == 0
    assert waitlist.view(first.token, now=at, engine=office).status == "waiting"
    assert book(office, NINE, now=at + timedelta(minutes=3))  # so somebody books it
    with pytest.raises(WaitlistRefused):
        waitlist.decline(first.token, now=at, engine=office)


def test_an_unanswered_offer_ends_the_entry_and_goes_to_the_next(office):
    nine_id, _ = full(office)
    first = join(office, someone("Erste"))
    second = join(office, someone("Zweite"), now=NOW + timedelta(minutes=1))
    manage.cancel(nine_id, now=NOW, cutoff=CUTOFF, cooldown=NO_PAUSE, engine=office)
    match(office, NOW, cooldown=PAUSE)
    [offer] = offers(office)
    late = offer.expires_at
    assert waitlist.view(first.token, now=late, engine=office).status == "expired"
    report = match(office, late, cooldown=PAUSE)
    assert (report.expired_offers, report.offers) == (1, 1)
    assert entry(office, entry_id(office, first.token)).status == "expired"
    with pytest.raises(WaitlistRefused) as e:
        waitlist.accept(first.token, now=late, per_person=1, engine=office)
    assert e.value.key == "error.waitlist_offer_gone"
    [old, new] = offers(office)
    assert (old.status, new.entry_id, new.starts_at) == ("expired", entry_id(office, second.token), NINE)
    assert waitlist.accept(second.token, now=late + timedelta(minutes=1), per_person=1, engine=office).starts_at == NINE
    with Session(office) as s:
        trail = s.exec(select(AuditEvent.action).where(AuditEvent.entity == "waitlist_entry")
                       .order_by(AuditEvent.id)).all()
    assert trail == ["waitlist_join", "waitlist_join", "waitlist_offer", "waitlist_expire", "waitlist_offer",
                     "waitlist_accept"]


def test_positions_leaving_and_entries_that_run_out(office):
    full(office)
    a, b, c = (join(office, now=NOW + timedelta(minutes=i), latest=MONDAY + timedelta(days=20 - 10 * (i == 2)))
               for i in range(3))
    assert [waitlist.view(x.token, now=NOW, engine=office).position for x in (a, b, c)] == [1, 2, 3]
    left = waitlist.leave(b.token, now=NOW + timedelta(minutes=5), engine=office)
    assert (left.status, left.position) == ("left", None)
    assert waitlist.view(c.token, now=NOW, engine=office).position == 2
    with pytest.raises(WaitlistRefused) as e:
        waitlist.leave(b.token, now=NOW + timedelta(minutes=6), engine=office)
    assert e.value.key == "error.waitlist_ended"
    assert waitlist.view("not-a-token", now=NOW, engine=office) is None
    # c's last day is 10 December: after it, its entry ends. a's lives on, and the new days that came
    # into the horizon meanwhile have free times: the first in line gets one.
    after = datetime(2026, 12, 11, 0, 0)
    report = match(office, after)
    assert (report.expired_entries, report.offers) == (1, 1)
    assert [waitlist.view(x.token, now=after, engine=office).status for x in (a, c)] == ["offered", "expired"]
    assert waitlist.view(a.token, now=after, engine=office).offer.starts_at == datetime(2026, 12, 14, 9, 0)


def test_an_offer_for_a_day_the_office_closed_is_withdrawn(office):
    nine_id, _ = full(office)
    first = join(office, someone("Erste"))
    manage.cancel(nine_id, now=NOW, cutoff=CUTOFF, cooldown=NO_PAUSE, engine=office)
    match(office, NOW)
    with db.write_session(office) as s:
        s.add(BlockedDay(day=MONDAY, reason="Betriebsausflug"))
        s.commit()
    with pytest.raises(WaitlistRefused) as e:
        waitlist.accept(first.token, now=NOW + timedelta(minutes=1), per_person=1, engine=office)
    assert e.value.key == "error.waitlist_offer_withdrawn"
    assert waitlist.view(first.token, now=NOW, engine=office).status == "waiting"
    assert claims_at(office, NINE) == [] and offers(office)[0].status == "withdrawn"


def test_the_personal_data_of_ended_entries_is_deleted_on_schedule(office):
    nine_id, _ = full(office)
    booked, left, waiting = someone("Gebucht"), someone("Gegangen"), someone("Wartet")
    b = join(office, booked)
    gone = join(office, left, now=NOW + timedelta(minutes=1))
    still = join(office, waiting, now=NOW + timedelta(minutes=2))
    manage.cancel(nine_id, now=NOW, cutoff=CUTOFF, cooldown=NO_PAUSE, engine=office)
    match(office, NOW)
    receipt = waitlist.accept(b.token, now=NOW, per_person=1, engine=office)
    waitlist.leave(gone.token, now=NOW, engine=office)
    with db.write_session(office) as s:  # an address the mail server quoted when it refused
        s.exec(select(MailOutbox)).all()
        for row in s.exec(select(MailOutbox).where(MailOutbox.waitlist_entry_id == entry_id(office, gone.token))):
            row.last_error = f"550 {left.email} unknown"
        s.commit()
    old = needles(left) | {booked.email}
    assert found(office, old) == old
    sweep = datetime(2026, 12, 20, 3, 0)  # 23 days after they ended: nothing due at 30 days
    assert retention.sweep(now=sweep, days=30, engine=office).waitlist_entries == 0
    report = retention.sweep(now=NOW + timedelta(days=31), days=30, engine=office)
    assert report.waitlist_entries == 2 and report.mails_dropped >= 1
    assert found(office, needles(left)) == set()
    with Session(office) as s:
        e = s.get(WaitlistEntry, entry_id(office, still.token))
        assert (e.family_name, e.email) == (waiting.family_name, waiting.email)  # still waiting: kept
        assert s.exec(select(Appointment.email).where(Appointment.booking_code == receipt.booking_code)).one() == \
            booked.email  # the appointment follows its own rule (after it took place)
    assert waitlist.view(gone.token, now=NOW, engine=office) is None  # the link is dead with the data
