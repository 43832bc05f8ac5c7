"""Slots, capacity (incl. the long Wednesday), BW public holidays and the booking horizon."""

from datetime import date, datetime, time, timedelta

import pytest

from terminsystem import office_data
from terminsystem.domain import schedule
from terminsystem.domain.schedule import BookingPolicy, OpeningWindow

WINDOW = OpeningWindow(weekday=0, start=time(8), end=time(13), slot_minutes=30, parallel=2)
MONDAY = date(2026, 12, 7)


def office_windows(team: str) -> list[OpeningWindow]:
    return [OpeningWindow(wd, s, e, slot, par) for t, wd, s, e, slot, par in office_data.OPENING if t == team]


def office_capacity(day: date) -> int:
    return sum(schedule.day_capacity(day, office_windows(team), set()) for team, _ in office_data.TEAMS)


def test_window_is_cut_into_slots_that_end_inside_it():
    starts = WINDOW.slot_starts(MONDAY)
    assert len(starts) == 10
    assert starts[0] == datetime(2026, 12, 7, 8, 0)
    assert starts[-1] == datetime(2026, 12, 7, 12, 30)
    odd = OpeningWindow(0, time(8), time(9, 45), 30, 1)
    assert [s.time() for s in odd.slot_starts(MONDAY)] == [time(8), time(8, 30), time(9)]


@pytest.mark.parametrize("bad", [
    dict(weekday=7, start=time(8), end=time(9), slot_minutes=30, parallel=1),
    dict(weekday=0, start=time(9), end=time(8), slot_minutes=30, parallel=1),
    dict(weekday=0, start=time(8), end=time(9), slot_minutes=0, parallel=1),
    dict(weekday=0, start=time(8), end=time(9), slot_minutes=30, parallel=0),
])
def test_invalid_windows_are_rejected(bad):
    with pytest.raises(ValueError):
        OpeningWindow(**bad)


def test_demo_office_offers_about_40_a_day_and_80_on_the_long_wednesday():
    assert office_capacity(date(2026, 12, 7)) == 40  # Monday
    assert office_capacity(date(2026, 12, 8)) == 40  # Tuesday
    assert office_capacity(date(2026, 12, 9)) == 80  # Wednesday, open until 18:00
    assert office_capacity(date(2026, 12, 10)) == 40  # Thursday
    assert office_capacity(date(2026, 12, 11)) == 32  # Friday, until 12:00
    assert office_capacity(date(2026, 12, 12)) == 0  # Saturday
    assert office_capacity(date(2026, 12, 13)) == 0  # Sunday


@pytest.mark.parametrize("day,name", [
    (date(2027, 1, 6), "Heilige Drei Könige"),  # a Wednesday; a holiday in BW, not in Berlin
    (date(2026, 6, 4), "Fronleichnam"),  # Thursday; BW only
    (date(2027, 11, 1), "Allerheiligen"),  # Monday; BW
    (date(2026, 12, 25), "Erster Weihnachtstag"),
    (date(2027, 3, 29), "Ostermontag"),
])
def test_baden_wuerttemberg_holidays_are_closed(day, name):
    assert schedule.public_holiday(day) == name
    assert schedule.is_closed(day, office_windows(office_data.HUMANITAER), set())
    assert office_capacity(day) == 0


def test_reformation_day_is_no_holiday_in_baden_wuerttemberg():
    # 31 October is a holiday in other Länder (and 2029-10-31 is a Wednesday).
    assert schedule.public_holiday(date(2029, 10, 31)) is None
    assert office_capacity(date(2029, 10, 31)) == 80


def test_blocked_day_is_closed():
    windows = office_windows(office_data.HUMANITAER)
    assert schedule.day_capacity(MONDAY, windows, {MONDAY}) == 0
    assert schedule.time_options(MONDAY, windows, {MONDAY}, 30, {}) == []


def test_units_needed_rounds_up_to_whole_slots():
    assert schedule.units_needed(30, 30) == 1
    assert schedule.units_needed(15, 30) == 1
    assert schedule.units_needed(45, 30) == 2
    assert schedule.units_needed(60, 30) == 2


def test_time_options_count_free_seats_per_start():
    s = datetime(2026, 12, 7, 8, 0)
    taken = {s: 2, s + timedelta(minutes=30): 1}
    options = schedule.time_options(MONDAY, [WINDOW], set(), 30, taken)
    assert [o.free for o in options[:3]] == [0, 1, 2]
    assert all(o.capacity == 2 for o in options)


def test_long_concern_needs_every_slot_it_covers_free_and_fits_the_window():
    s = datetime(2026, 12, 7, 8, 0)
    taken = {s + timedelta(minutes=30): 2}  # 08:30 full
    options = schedule.time_options(MONDAY, [WINDOW], set(), 60, taken)
    by_start = {o.start.time(): o for o in options}
    assert by_start[time(8, 0)].free == 0  # would run into the full 08:30 slot
    assert by_start[time(8, 30)].free == 0
    assert by_start[time(9, 0)].free == 2
    assert by_start[time(9, 0)].end == datetime(2026, 12, 7, 10, 0)
    assert time(12, 30) not in by_start  # a 60-minute concern cannot start in the last slot
    assert len(options) == 9


def test_policy_horizon_and_lead_time():
    policy = BookingPolicy(min_days_ahead=1, max_days_ahead=42, lead_time=timedelta(hours=12))
    now = datetime(2026, 12, 7, 21, 0)  # Monday evening
    assert not policy.allows(datetime(2026, 12, 7, 22, 0), now)  # today
    assert not policy.allows(datetime(2026, 12, 8, 8, 0), now)  # 11 h ahead: lead time
    assert policy.allows(datetime(2026, 12, 8, 9, 0), now)  # 12 h ahead
    assert policy.allows(datetime(2027, 1, 18, 12, 0), now)  # day 42
    assert not policy.allows(datetime(2027, 1, 19, 8, 0), now)  # day 43
    assert policy.first_day(now) == date(2026, 12, 8)
    assert policy.last_day(now) == date(2027, 1, 18)


def test_a_fixed_release_time_opens_the_newest_day_then_not_at_midnight():
    from datetime import datetime, time

    from terminsystem.domain.schedule import BookingPolicy

    policy = BookingPolicy(max_days_ahead=42, release=time(8))
    before, at = datetime(2026, 12, 1, 7, 59), datetime(2026, 12, 1, 8, 0)
    assert policy.last_day(before) == date(2027, 1, 11)  # 41 days: the 42nd opens at 08:00
    assert policy.last_day(at) == date(2027, 1, 12)
    assert policy.next_release(before) == (datetime(2026, 12, 1, 8, 0), date(2027, 1, 12))
    assert policy.next_release(at) == (datetime(2026, 12, 2, 8, 0), date(2027, 1, 13))
    assert BookingPolicy().next_release(at) is None and BookingPolicy().last_day(before) == date(2027, 1, 12)
    staff = BookingPolicy(release=time(8), follows_release=False)
    assert staff.last_day(before) == date(2027, 1, 12) and staff.next_release(before) is None


def test_the_cooldown_lies_between_its_bounds():
    from datetime import datetime

    from terminsystem.domain.schedule import Cooldown

    pause = Cooldown(timedelta(minutes=10), timedelta(minutes=40))
    now = datetime(2026, 12, 1, 9, 0)
    assert pause.until(now, 0.0) == now + timedelta(minutes=10)
    assert pause.until(now, 0.5) == now + timedelta(minutes=25)
    assert pause.until(now, 0.999999) <= now + timedelta(minutes=40)
    assert Cooldown(timedelta(0), timedelta(0)).until(now, 0.7) == now
    with pytest.raises(ValueError):
        Cooldown(timedelta(minutes=5), timedelta(minutes=1))
