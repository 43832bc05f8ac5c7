"""The office runs itself: teams, rooms, concerns with texts per language, opening hours and
closed days — validated, audited, and never silently over- or under-booking what is booked.
Every test runs on SQLite and PostgreSQL."""

import itertools
import json
from dataclasses import replace
from datetime import datetime, time, timedelta

import pytest
from sqlmodel import Session, select

from terminsystem.domain import status
from terminsystem.domain.errors import AdminRefused, AffectedChanged, SlotNotBookable, SlotTaken
from terminsystem.domain.schedule import BookingPolicy
from terminsystem.models import Appointment, AuditEvent, MailOutbox
from terminsystem.services import availability, booking, content, office_admin, queue, schedule_admin

from ..helpers import PERSON, concern_id, letters, monday_after, team_id
from ..race import at_once, own_engine

NOW = datetime(2026, 11, 27, 10, 0)  # a Friday
POLICY = BookingPolicy()
MONDAY = monday_after(NOW.date())  # 2026-11-30
WEDNESDAY = MONDAY + timedelta(days=2)
ADMIN_ID = None  # services take the acting staff id; None = a command / test


def person(email: str | None = None):
    return replace(PERSON, family_name=f"Test{letters()}".capitalize(), email=email)


def book(engine, start, code="blaue_karte", email="p@example.org"):
    return booking.book(concern_id=concern_id(engine, code), start=start, person=person(email), now=NOW,
                        policy=POLICY, engine=engine)


def appointment(engine, receipt) -> Appointment:
    with Session(engine) as s:
        return s.exec(select(Appointment).where(Appointment.booking_code == receipt.booking_code)).one()


def admin_rows(engine, entity: str) -> list[AuditEvent]:
    with Session(engine) as s:
        return list(s.exec(select(AuditEvent).where(AuditEvent.entity == entity).order_by(AuditEvent.id)).all())


def window_of(engine, team: int, weekday: int) -> schedule_admin.WindowRow:
    return next(w for w in schedule_admin.windows(team, engine=engine) if w.weekday == weekday)


def test_a_new_concern_with_german_and_english_texts_is_bookable_at_once(office):
    team = team_id(office, "humanitaer")
    texts = {"de": {"name": "Härtefallantrag", "description": "Antrag bei der Härtefallkommission",
                    "documents": "Pass\nAntrag"},
             "en": {"name": "Hardship application", "documents": "Passport\nApplication"}}
    new_id, _ = office_admin.save_concern(None, team_id=team, group_code="protection", duration_minutes=30,
                                          sort_order=99, active=True, texts=texts, now=NOW, by=ADMIN_ID,
                                          engine=office)
    code = next(c.code for c in availability.concerns(engine=office) if c.id == new_id)
    assert code == "haertefallantrag"
    assert content.concern("en", code, engine=office).name == "Hardship application"
    assert content.concern("en", code, engine=office).documents == ("Passport", "Application")
    assert content.concern("ar", code, engine=office).name == "Härtefallantrag"  # falls back to German
    days = availability.days(concern_id=new_id, now=NOW, policy=POLICY, engine=office)
    assert any(d.state == "available" for d in days)
    receipt = booking.book(concern_id=new_id, start=datetime.combine(MONDAY, time(9)), person=person(), now=NOW,
                           policy=POLICY, engine=office)
    assert appointment(office, receipt).team_id == team  # routed to its team
    row = next(r for r in office_admin.concerns(engine=office) if r.id == new_id)
    assert set(row.missing) == {"ar", "fa", "tr", "uk", "ru", "fr"}  # the completeness marker
    [added] = admin_rows(office, "concern")[-1:]
    assert added.action == "admin_add" and added.entity_id == new_id
    assert json.loads(added.change)["after"]["texts"]["en"]["name"] == "Hardship application"


def test_concern_rules_clear_messages(office):
    team = team_id(office, "humanitaer")
    base = dict(team_id=team, group_code="protection", duration_minutes=30, sort_order=1, active=True, now=NOW,
                by=ADMIN_ID, engine=office)
    with pytest.raises(AdminRefused) as e:
        office_admin.save_concern(None, texts={"en": {"name": "Only English"}}, **base)
    assert e.value.key == "admin.concern.german_name"
    with pytest.raises(AdminRefused) as e:
        office_admin.save_concern(None, texts={"de": {"name": "VERLÄNGERUNG DER DULDUNG"}}, **base)  # a shipped name
    assert e.value.key == "admin.name_taken"
    with pytest.raises(AdminRefused) as e:
        office_admin.save_concern(None, texts={"de": {"name": "Neu"}}, **{**base, "duration_minutes": 0})
    assert e.value.key == "admin.concern.duration"
    with pytest.raises(AdminRefused) as e:
        office_admin.save_concern(None, texts={"de": {"name": "Neu"}}, **{**base, "group_code": "nope"})
    assert e.value.key == "admin.concern.group"


def test_teams_any_number_unique_names_and_their_rooms(office):
    rooms = {r.name: r.id for r in office_admin.rooms(engine=office)}
    third = office_admin.save_team(None, name="Einbürgerung", active=True, room_ids=[rooms["2.05"], rooms["2.06"]],
                                   now=NOW, by=ADMIN_ID, engine=office)
    assert [t.name for t in office_admin.teams(engine=office)][-1] == "Einbürgerung"
    assert [name for _, name in queue.rooms(third, engine=office)] == ["2.05", "2.06"]
    assert len(queue.rooms(team_id(office, "humanitaer"), engine=office)) == 12  # none chosen: all rooms
    with pytest.raises(AdminRefused) as e:
        office_admin.save_team(None, name="einbürgerung", active=True, room_ids=[], now=NOW, by=ADMIN_ID,
                               engine=office)
    assert e.value.key == "admin.name_taken"
    with pytest.raises(AdminRefused) as e:  # it still has active concerns
        office_admin.save_team(team_id(office, "humanitaer"), name="Humanitär", active=False, room_ids=[],
                               now=NOW, by=ADMIN_ID, engine=office)
    assert e.value.key == "admin.team.has_concerns"
    room = office_admin.save_room(None, name="3.01", floor="3. OG", active=True, now=NOW, by=ADMIN_ID, engine=office)
    with pytest.raises(AdminRefused):
        office_admin.save_room(None, name="3.01", floor="", active=True, now=NOW, by=ADMIN_ID, engine=office)
    office_admin.save_room(room, name="3.01a", floor="3. OG", active=False, now=NOW, by=ADMIN_ID, engine=office)
    change = json.loads(admin_rows(office, "room")[-1].change)
    assert change == {"before": {"name": "3.01", "active": True}, "after": {"name": "3.01a", "active": False}}


def test_raising_wednesday_seats_offers_them(office):
    team = team_id(office, "humanitaer")
    w = window_of(office, team, 2)
    concern = concern_id(office, "duldung")

    def free_at_nine():
        times = availability.times(concern_id=concern, day=WEDNESDAY, now=NOW, policy=POLICY, engine=office)
        return next(t.free for t in times if t.start.time() == time(9))

    assert free_at_nine() == 2
    assert schedule_admin.plan_window(team, w.id, weekday=2, start=w.start, end=w.end, slot_minutes=30, parallel=3,
                                      now=NOW, engine=office) == []
    schedule_admin.save_window(team, w.id, weekday=2, start=w.start, end=w.end, slot_minutes=30, parallel=3,
                               now=NOW, by=ADMIN_ID, engine=office)
    assert free_at_nine() == 3
    change = json.loads(admin_rows(office, "opening_window")[-1].change)
    assert change == {"before": {"parallel": 2}, "after": {"parallel": 3}}


def test_hours_are_validated(office):
    team = team_id(office, "humanitaer")
    w = window_of(office, team, 0)  # Monday 08–13

    def refused(**values):
        args = dict(weekday=0, start=time(14), end=time(16), slot_minutes=30, parallel=2) | values
        with pytest.raises(AdminRefused) as e:
            schedule_admin.plan_window(team, None, now=NOW, engine=office, **args)
        return e.value.key

    assert refused(start=time(12)) == "admin.hours.overlap"
    assert refused(end=time(15, 45)) == "admin.hours.slot_divides"
    assert refused(parallel=0) == "admin.hours.seats_range"
    assert refused(start=time(16), end=time(14)) == "admin.hours.order"
    assert refused(weekday=9) == "admin.hours.weekday_invalid"
    assert schedule_admin.plan_window(team, w.id, weekday=0, start=time(8), end=time(12), slot_minutes=30,
                                      parallel=2, now=NOW, engine=office) == []


def test_shortening_hours_shows_the_bookings_and_keeps_or_cancels_them(office):
    team = team_id(office, "beschaeftigung_familie")
    w = window_of(office, team, 0)
    late = book(office, datetime.combine(MONDAY, time(12, 30)))
    early = book(office, datetime.combine(MONDAY, time(9)))
    change = dict(weekday=0, start=time(8), end=time(12), slot_minutes=30, parallel=2)
    hit = schedule_admin.plan_window(team, w.id, now=NOW, engine=office, **change)
    assert [a.booking_code for a in hit] == [late.booking_code]
    with pytest.raises(AffectedChanged):  # not confirmed: nothing changes
        schedule_admin.save_window(team, w.id, now=NOW, by=ADMIN_ID, engine=office, **change)
    assert window_of(office, team, 0).end == time(13)
    cancelled = schedule_admin.save_window(team, w.id, confirmed=(hit[0].id,), cancel=True, now=NOW, by=ADMIN_ID,
                                           engine=office, **change)
    assert cancelled == 1 and window_of(office, team, 0).end == time(12)
    gone = appointment(office, late)
    assert gone.status == status.CANCELLED and appointment(office, early).status == status.BOOKED
    with Session(office) as s:
        kinds = s.exec(select(MailOutbox.kind).where(MailOutbox.appointment_id == gone.id)).all()
        reasons = s.exec(select(AuditEvent.reason).where(AuditEvent.appointment_id == gone.id,
                                                         AuditEvent.action == "cancel")).all()
    assert "withdrawn" in kinds and reasons == ["office"]


def test_lowering_seats_below_the_booked_keeps_them_and_offers_no_more(office):
    team = team_id(office, "beschaeftigung_familie")
    w = window_of(office, team, 0)
    nine = datetime.combine(MONDAY, time(9))
    first, second = book(office, nine), book(office, nine)
    change = dict(weekday=0, start=w.start, end=w.end, slot_minutes=30, parallel=1)
    hit = schedule_admin.plan_window(team, w.id, now=NOW, engine=office, **change)
    assert [a.booking_code for a in hit] == [second.booking_code]  # the one holding seat 2
    schedule_admin.save_window(team, w.id, confirmed=tuple(a.id for a in hit), cancel=False, now=NOW,
                               by=ADMIN_ID, engine=office, **change)
    assert appointment(office, first).status == appointment(office, second).status == status.BOOKED
    times = availability.times(concern_id=concern_id(office, "blaue_karte"), day=MONDAY, now=NOW, policy=POLICY,
                               engine=office)
    assert nine not in [t.start for t in times]  # kept, but nothing more is offered at nine


def test_a_closed_day_with_bookings_is_confirmed_then_cancelled_with_messages(office):
    first = book(office, datetime.combine(MONDAY, time(9)))
    other_team = book(office, datetime.combine(MONDAY, time(10)), code="duldung", email=None)
    hit = schedule_admin.plan_blocked(MONDAY, None, now=NOW, engine=office)  # the whole office
    assert {a.booking_code for a in hit} == {first.booking_code, other_team.booking_code}
    assert [a.has_email for a in hit if a.booking_code == other_team.booking_code] == [False]
    with pytest.raises(AdminRefused) as e:
        schedule_admin.add_blocked(MONDAY, None, " ", now=NOW, by=ADMIN_ID, engine=office)
    assert e.value.key == "admin.blocked.reason"
    late = book(office, datetime.combine(MONDAY, time(11)))  # booked after the list was shown
    with pytest.raises(AffectedChanged):
        schedule_admin.add_blocked(MONDAY, None, "Personalversammlung", confirmed=tuple(a.id for a in hit),
                                   cancel=True, now=NOW, by=ADMIN_ID, engine=office)
    assert appointment(office, first).status == status.BOOKED  # nothing happened
    hit = schedule_admin.plan_blocked(MONDAY, None, now=NOW, engine=office)
    assert schedule_admin.add_blocked(MONDAY, None, "Personalversammlung", confirmed=tuple(a.id for a in hit),
                                      cancel=True, now=NOW, by=ADMIN_ID, engine=office) == 3
    assert {appointment(office, r).status for r in (first, other_team, late)} == {status.CANCELLED}
    days = availability.days(concern_id=concern_id(office, "blaue_karte"), now=NOW, policy=POLICY, engine=office)
    assert next(d.state for d in days if d.day == MONDAY) == "closed"
    with pytest.raises(AdminRefused) as e:
        schedule_admin.plan_blocked(MONDAY, None, now=NOW, engine=office)
    assert e.value.key == "admin.blocked.exists"
    [row] = schedule_admin.blocked(MONDAY, engine=office)
    schedule_admin.remove_blocked(row.id, now=NOW, by=ADMIN_ID, engine=office)
    assert schedule_admin.blocked(MONDAY, engine=office) == []
    assert [r.action for r in admin_rows(office, "blocked_day")] == ["admin_add", "admin_remove"]


def test_a_closed_day_of_one_team_keeps_the_other_teams_bookings(office):
    mine = book(office, datetime.combine(MONDAY, time(9)), code="duldung")
    theirs = book(office, datetime.combine(MONDAY, time(9)))
    team = team_id(office, "humanitaer")
    hit = schedule_admin.plan_blocked(MONDAY, team, now=NOW, engine=office)
    assert [a.booking_code for a in hit] == [mine.booking_code]
    schedule_admin.add_blocked(MONDAY, team, "Teamtag", confirmed=(hit[0].id,), cancel=False, now=NOW, by=ADMIN_ID,
                               engine=office)
    assert appointment(office, mine).status == appointment(office, theirs).status == status.BOOKED  # kept
    with pytest.raises(AdminRefused) as e:
        schedule_admin.plan_blocked(NOW.date() - timedelta(days=1), team, now=NOW, engine=office)
    assert e.value.key == "admin.blocked.past"


def test_deactivating_a_concern_with_bookings_needs_confirmation(office):
    receipt = book(office, datetime.combine(MONDAY, time(9)))
    concern = concern_id(office, "blaue_karte")
    row = next(r for r in office_admin.concerns(engine=office) if r.id == concern)
    texts = office_admin.concern_texts(concern, engine=office)
    args = dict(team_id=row.team_id, group_code=row.group_code, duration_minutes=row.duration_minutes,
                sort_order=row.sort_order, active=False, texts=texts, now=NOW, by=ADMIN_ID, engine=office)
    hit = schedule_admin.plan_concern_end(concern, now=NOW, engine=office)
    assert [a.booking_code for a in hit] == [receipt.booking_code]
    with pytest.raises(AffectedChanged):
        office_admin.save_concern(concern, **args)
    assert office_admin.save_concern(concern, confirmed=(hit[0].id,), cancel=True, **args) == (concern, 1)
    assert appointment(office, receipt).status == status.CANCELLED
    assert concern not in [c.id for c in availability.concerns(engine=office)]


def test_a_day_being_closed_while_people_book_it_ends_with_no_booking_on_it(office, report):
    """Eight people book times of one day while the admin closes it (cancelling what the list
    showed, and looking again when someone booked meanwhile): afterwards the day is closed and no
    appointment on it is still booked — nothing slipped in between the list and the change."""
    team = team_id(office, "beschaeftigung_familie")
    starts = [datetime.combine(MONDAY, time(8)) + timedelta(minutes=30 * i) for i in range(8)]

    def person_books(engine, start) -> str:
        booking.book(concern_id=concern_id(engine, "blaue_karte"), start=start, person=person("a@b.org"),
                     now=NOW, policy=POLICY, engine=engine)
        return "booked"

    def admin_closes(engine) -> str:
        for tries in itertools.count(1):
            hit = schedule_admin.plan_blocked(MONDAY, team, now=NOW, engine=engine)
            try:
                schedule_admin.add_blocked(MONDAY, team, "Betriebsausflug", confirmed=tuple(a.id for a in hit),
                                           cancel=True, now=NOW, by=ADMIN_ID, engine=engine)
                return f"closed after {tries} tries"
            except AffectedChanged:
                continue

    def client(i: int) -> str:
        with own_engine(office) as engine:
            return person_books(engine, starts[i]) if i < len(starts) else admin_closes(engine)

    outcomes = [o if isinstance(o, str) else "refused"
                for o in at_once(client, len(starts) + 1, refused=(SlotNotBookable, SlotTaken))]
    with Session(office) as s:
        left = s.exec(select(Appointment).where(Appointment.team_id == team, Appointment.status == status.BOOKED,
                                                Appointment.starts_at >= datetime.combine(MONDAY, time(0)),
                                                Appointment.starts_at < datetime.combine(MONDAY, time(23)))).all()
    assert left == []
    assert schedule_admin.blocked(MONDAY, team_id=team, engine=office)[0].reason == "Betriebsausflug"
    assert len(outcomes) == len(starts) + 1
    report(f"[{office.dialect.name}] closing a day while 8 people book it: {sorted(outcomes)}")


def test_a_team_with_a_release_time_opens_its_newest_day_at_that_time(office):
    """08:00: the day six weeks ahead is offered from 08:00 on, not from midnight; bookings for it
    before then are refused; the other team is not affected; staff are not bound by it."""
    from terminsystem.domain.errors import SlotNotBookable

    team = team_id(office, "beschaeftigung_familie")
    office_admin.save_team(team, name="Beschäftigung und Familiär", active=True, room_ids=[], release_time=time(8),
                           now=NOW, by=ADMIN_ID, engine=office)
    policy = BookingPolicy(max_days_ahead=42)
    early, late = datetime(2026, 11, 30, 7, 59), datetime(2026, 11, 30, 8, 0)  # a Monday
    newest = early.date() + timedelta(days=42)  # Monday 2027-01-11

    def last(code, now):
        return availability.days(concern_id=concern_id(office, code), now=now, policy=policy, engine=office)[-1].day

    assert (last("blaue_karte", early), last("blaue_karte", late)) == (newest - timedelta(days=1), newest)
    assert last("duldung", early) == newest  # Humanitär has no release time: midnight
    nine = datetime.combine(newest, time(9))
    with pytest.raises(SlotNotBookable):
        booking.book(concern_id=concern_id(office, "blaue_karte"), start=nine, person=person(), now=early,
                     policy=policy, engine=office)
    booking.book(concern_id=concern_id(office, "blaue_karte"), start=nine, person=person(), now=late, policy=policy,
                 engine=office)
    assert availability.next_release(concern_id(office, "blaue_karte"), now=early, policy=policy, engine=office) == (
        datetime(2026, 11, 30, 8, 0), newest)
    assert availability.next_release(concern_id(office, "duldung"), now=early, policy=policy, engine=office) is None
    staff = BookingPolicy(min_days_ahead=0, max_days_ahead=42, lead_time=timedelta(0), follows_release=False)
    assert last("blaue_karte", early) != newest and availability.days(
        concern_id=concern_id(office, "blaue_karte"), now=early, policy=staff, engine=office)[-1].day == newest
    assert json.loads(admin_rows(office, "team")[-1].change)["after"] == {"release": "08:00"}
