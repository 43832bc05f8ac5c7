"""A booking people can keep: manage link, booking code + date of birth, cancel, rebook, mails in
the outbox, one open appointment per person, families. Every test runs on SQLite and PostgreSQL."""

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from sqlmodel import Session, func, select

from terminsystem.domain import codes, status
from terminsystem.domain.errors import NotChangeable, PersonHasAppointment, SlotTaken, TooManyLookups
from terminsystem.domain.personal import PersonalData
from terminsystem.domain.schedule import BookingPolicy
from terminsystem.models import Appointment, AuditEvent, MailOutbox, PersonClaim, SlotClaim
from terminsystem.services import availability, booking, confirmations, manage

from ..helpers import PERSON, concern_id, letters, monday_after

NOW = datetime(2026, 11, 27, 10, 0)  # a Friday
POLICY = BookingPolicy()
MONDAY = monday_after(NOW.date())  # 2026-11-30
NINE = datetime.combine(MONDAY, time(9))
CUTOFF = timedelta(hours=2)
MAILED = replace(PERSON, email="erika@example.org")


def book(engine, start=NINE, person=MAILED, companions=(), code="blaue_karte", per_person=1, now=NOW):
    return booking.book(concern_id=concern_id(engine, code), start=start, person=person, companions=companions,
                        now=now, policy=POLICY, per_person=per_person, reminder_before=timedelta(hours=24),
                        engine=engine)


def the(engine, receipt) -> Appointment:
    with Session(engine) as s:
        return s.exec(select(Appointment).where(Appointment.booking_code == receipt.booking_code)).one()


def mails(engine, appointment_id) -> list[tuple[str, str]]:
    with Session(engine) as s:
        rows = s.exec(select(MailOutbox).where(MailOutbox.appointment_id == appointment_id).order_by(MailOutbox.id))
        return [(m.kind, m.status) for m in rows]


def free_at(engine, start: datetime, code="blaue_karte") -> bool:
    times = availability.times(concern_id=concern_id(engine, code), day=start.date(), now=NOW, policy=POLICY,
                               engine=engine)
    return any(t.start == start for t in times)


def test_a_booking_has_a_manage_link_and_its_mails_in_the_outbox(office):
    receipt = book(office)
    a = the(office, receipt)
    # Only hashes of the two tokens are stored; both come from the nonce and the server key.
    assert a.token_hash == codes.token_hash(receipt.token) == codes.token_hash(confirmations.checkin_token(a.link_nonce))
    assert a.manage_token_hash == codes.token_hash(receipt.manage_token) != a.token_hash
    assert receipt.manage_token not in {a.link_nonce, a.token_hash, a.manage_token_hash}
    assert confirmations.by_manage_token(receipt.manage_token, engine=office) == a.id
    assert confirmations.by_manage_token(receipt.token, engine=office) is None  # the QR token manages nothing
    assert confirmations.by_manage_token("x" * 32, engine=office) is None
    assert mails(office, a.id) == [("confirmation", "pending"), ("reminder", "pending")]
    with Session(office) as s:
        reminder = s.exec(select(MailOutbox).where(MailOutbox.kind == "reminder")).one()
    assert reminder.next_try_at == NINE - timedelta(hours=24)


def test_without_an_e_mail_nothing_is_queued(office):
    receipt = book(office, person=PERSON)
    assert mails(office, the(office, receipt).id) == []


def test_found_by_booking_code_and_any_persons_birth_date_and_only_so(office):
    child = PersonalData(family_name="Mustermann", given_names="Max", birth_date=date(2015, 3, 1), email=None)
    receipt = book(office, companions=(child,))
    a = the(office, receipt)
    find = lambda code, born, client="10.0.0.1": manage.find(code, born, client=client, now=NOW, per_hour=10,  # noqa: E731
                                                            engine=office)
    assert find(receipt.booking_code, PERSON.birth_date) == a.id
    assert find(receipt.booking_code.lower().replace("-", " "), child.birth_date) == a.id
    assert find(receipt.booking_code, date(1964, 8, 13)) is None
    assert find("AAAA-AAAA", PERSON.birth_date) is None
    assert find(receipt.booking_code, None) is None


def test_wrong_attempts_are_limited_per_client(office):
    receipt = book(office)
    for _ in range(10):
        assert manage.find(receipt.booking_code, date(2000, 1, 1), client="10.0.0.9", now=NOW, per_hour=10,
                           engine=office) is None
    # Now even the right answer gets only "too many" from this client for the hour; another client is fine.
    with pytest.raises(TooManyLookups):
        manage.find(receipt.booking_code, PERSON.birth_date, client="10.0.0.9", now=NOW, per_hour=10, engine=office)
    assert manage.find(receipt.booking_code, PERSON.birth_date, client="10.0.0.8", now=NOW, per_hour=10,
                       engine=office) is not None
    assert manage.find(receipt.booking_code, PERSON.birth_date, client="10.0.0.9", now=NOW + timedelta(hours=1, seconds=1),
                       per_hour=10, engine=office) is not None


def test_lookups_of_everybody_together_are_limited_per_minute(office):
    receipt = book(office)
    for n in range(5):  # five different addresses, right and wrong answers alike
        manage.find(receipt.booking_code, PERSON.birth_date if n % 2 else date(2000, 1, 1), client=f"10.0.1.{n}",
                    now=NOW, per_hour=10, all_per_minute=5, engine=office)
    with pytest.raises(TooManyLookups):
        manage.find(receipt.booking_code, PERSON.birth_date, client="10.0.1.99", now=NOW, per_hour=10,
                    all_per_minute=5, engine=office)
    assert manage.find(receipt.booking_code, PERSON.birth_date, client="10.0.1.99", now=NOW + timedelta(seconds=61),
                       per_hour=10, all_per_minute=5, engine=office) is not None


def test_cancel_frees_the_seat_and_the_person_in_one_go(office):
    receipt = book(office)
    a = the(office, receipt)
    assert not free_at(office, NINE) or True
    manage.cancel(a.id, now=NOW, cutoff=CUTOFF, engine=office)
    with Session(office) as s:
        assert s.get(Appointment, a.id).status == status.CANCELLED
        assert s.exec(select(func.count()).select_from(SlotClaim).where(SlotClaim.appointment_id == a.id)).one() == 0
        assert s.exec(select(func.count()).select_from(PersonClaim)).one() == 0
        assert s.exec(select(AuditEvent.action, AuditEvent.via).where(AuditEvent.appointment_id == a.id)).all() == [
            ("cancel", "online")]
    assert mails(office, a.id) == [("confirmation", "dropped"), ("reminder", "dropped"), ("cancelled", "pending")]
    with pytest.raises(NotChangeable) as err:
        manage.cancel(a.id, now=NOW, cutoff=CUTOFF, engine=office)
    assert err.value.key == "manage.cancelled"
    with pytest.raises(NotChangeable):
        manage.rebook(a.id, NINE + timedelta(hours=1), now=NOW, cutoff=CUTOFF, policy=POLICY, engine=office)
    book(office)  # the same person may book again


def test_two_seats_then_cancel_offers_the_time_again(office):
    book(office)
    other = book(office, person=replace(MAILED, family_name="Schmidt"))
    assert not free_at(office, NINE)
    manage.cancel(the(office, other).id, now=NOW, cutoff=CUTOFF, engine=office)
    assert free_at(office, NINE)


def test_no_change_by_the_person_after_the_cut_off_but_by_staff(office):
    receipt = book(office)
    a = the(office, receipt)
    late = NINE - timedelta(hours=1)
    booking_view = manage.load(a.id, now=late, cutoff=CUTOFF, engine=office)
    assert booking_view.problem == "manage.too_late"
    with pytest.raises(NotChangeable) as err:
        manage.cancel(a.id, now=late, cutoff=CUTOFF, engine=office)
    assert err.value.key == "manage.too_late"
    with pytest.raises(NotChangeable) as err:
        manage.cancel(a.id, now=NINE + timedelta(minutes=1), cutoff=CUTOFF, by=1, engine=office)
    assert err.value.key == "manage.past"
    manage.cancel(a.id, now=late, cutoff=CUTOFF, by=1, engine=office)
    with Session(office) as s:
        assert s.exec(select(AuditEvent.staff_id, AuditEvent.via).where(AuditEvent.action == "cancel")).one() == (1, "staff")


def test_rebook_moves_seat_reminder_and_keeps_the_links(office):
    receipt = book(office)
    a = the(office, receipt)
    ten = NINE + timedelta(hours=1)
    book(office, start=NINE, person=replace(PERSON, family_name="Schmidt"))  # NINE is full now
    assert not free_at(office, NINE)
    moved = manage.rebook(a.id, ten, now=NOW, cutoff=CUTOFF, policy=POLICY, reminder_before=timedelta(hours=24),
                          engine=office)
    assert moved.starts_at == ten and moved.status == status.BOOKED
    assert free_at(office, NINE)  # the old time is offered to others again
    with Session(office) as s:
        starts = s.exec(select(SlotClaim.slot_start).where(SlotClaim.appointment_id == a.id)).all()
        reminder = s.exec(select(MailOutbox).where(MailOutbox.kind == "reminder", MailOutbox.status == "pending")).one()
        assert s.exec(select(AuditEvent.action).where(AuditEvent.appointment_id == a.id)).all() == ["rebook"]
    assert starts == [ten]
    assert reminder.next_try_at == ten - timedelta(hours=24)
    assert ("rebooked", "pending") in mails(office, a.id)
    assert confirmations.by_manage_token(receipt.manage_token, engine=office) == a.id
    assert the(office, receipt).token_hash == codes.token_hash(receipt.token)  # the QR code stays valid


def test_rebook_onto_a_full_time_changes_nothing(office):
    receipt = book(office)
    ten = NINE + timedelta(hours=1)
    book(office, start=ten, person=replace(PERSON, family_name="A"))
    book(office, start=ten, person=replace(PERSON, family_name="B"))
    with pytest.raises(SlotTaken):
        manage.rebook(the(office, receipt).id, ten, now=NOW, cutoff=CUTOFF, policy=POLICY, engine=office)
    assert the(office, receipt).starts_at == NINE
    assert not free_at(office, NINE) or free_at(office, NINE)  # unchanged seat count below
    with Session(office) as s:
        assert s.exec(select(func.count()).select_from(SlotClaim).where(SlotClaim.slot_start == NINE)).one() == 1


def test_one_person_one_open_appointment(office):
    first = book(office)
    twin = replace(MAILED, family_name="  MÜLLER ".replace("MÜLLER", "mustermann"), email=None)
    with pytest.raises(PersonHasAppointment):
        book(office, start=NINE + timedelta(hours=1), person=twin)
    with pytest.raises(PersonHasAppointment):  # as the second person of a family appointment, too
        book(office, start=NINE + timedelta(hours=2), person=replace(PERSON, family_name="Schmidt"), companions=(twin,))
    assert len(mails(office, the(office, first).id)) == 2  # nothing of the refused bookings stayed
    # Another date of birth or name is another person; after the appointment is over, it is free again.
    book(office, start=NINE + timedelta(hours=1), person=replace(PERSON, birth_date=date(1964, 8, 13)))
    book(office, start=datetime.combine(MONDAY + timedelta(days=1), time(9)), person=PERSON,
         now=NINE + timedelta(hours=1))


def test_umlauts_and_accents_do_not_make_another_person(office):
    book(office, person=replace(PERSON, family_name="Müller-Lüdenscheidt"))
    with pytest.raises(PersonHasAppointment):
        book(office, start=NINE + timedelta(hours=1), person=replace(PERSON, family_name="muller ludenscheidt"))


def test_a_family_takes_consecutive_slots_and_one_seat_each(office):
    kids = tuple(PersonalData(family_name="Mustermann", given_names=n, birth_date=date(2015, 1, d), email=None)
                 for n, d in (("Max", 1), ("Mia", 2)))
    receipt = book(office, companions=kids)
    assert receipt.persons == 3
    assert receipt.ends_at - receipt.starts_at == timedelta(minutes=90)  # 30 minutes per person
    with Session(office) as s:
        starts = sorted(s.exec(select(SlotClaim.slot_start).where(
            SlotClaim.appointment_id == the(office, receipt).id)).all())
    assert starts == [NINE, NINE + timedelta(minutes=30), NINE + timedelta(minutes=60)]
    names = confirmations.for_appointment(the(office, receipt).id, engine=office)[0].persons
    assert names == ("Erika Mustermann", "Max Mustermann", "Mia Mustermann")


def test_a_day_whose_only_free_time_is_the_bookings_own_is_full_for_its_move(office):
    """Moving is to another time: the booking's own time is never offered to it, so a day where
    nothing else is free shows as full on the move calendar (not "available" with no time)."""
    mine = the(office, book(office))
    for hour in range(8, 13):
        for minute in (0, 30):
            start = datetime.combine(MONDAY, time(hour, minute))
            for _ in range(2 if start != NINE else 1):  # every other seat of the day
                book(office, start=start, person=replace(PERSON, family_name=f"Voll{letters()}".capitalize()),
                     per_person=None)
    moving = dict(concern_id=concern_id(office, "blaue_karte"), now=NOW, policy=POLICY, moving=mine.id, engine=office)
    assert availability.times(day=MONDAY, **moving) == []
    assert next(d.state for d in availability.days(**moving) if d.day == MONDAY) == "full"
    others = availability.days(concern_id=concern_id(office, "blaue_karte"), now=NOW, policy=POLICY, engine=office)
    assert next(d.state for d in others if d.day == MONDAY) == "full"
