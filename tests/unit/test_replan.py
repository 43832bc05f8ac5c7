"""Which booked appointments a schedule change hits, and what a valid opening window is."""

from datetime import date, datetime, time

from terminsystem.domain.replan import Held, hit, overlap, window_problem
from terminsystem.domain.schedule import OpeningWindow

MONDAY = date(2026, 11, 30)
WEEK = [OpeningWindow(0, time(8), time(13), 30, 2)]


def at(hour: int, minute: int = 0) -> datetime:
    return datetime.combine(MONDAY, time(hour, minute))


def test_what_still_fits_is_not_hit():
    held = [Held(1, at(9), 1), Held(2, at(9), 2), Held(3, at(12, 30), 1)]
    assert hit(held, WEEK, set()) == set()


def test_a_closed_day_hits_everything_on_it():
    held = [Held(1, at(9), 1), Held(2, at(10), 1)]
    assert hit(held, WEEK, {MONDAY}) == {1, 2}
    assert hit(held, [], set()) == {1, 2}  # no opening hours on that weekday any more


def test_shorter_hours_hit_the_slots_outside():
    held = [Held(1, at(9), 1), Held(2, at(12, 30), 1), Held(3, at(12), 1), Held(3, at(12, 30), 1)]
    shorter = [OpeningWindow(0, time(8), time(12, 30), 30, 2)]
    assert hit(held, shorter, set()) == {2, 3}  # a 60-minute appointment is hit by its second slot


def test_fewer_seats_hit_the_last_booked_of_an_overfull_slot():
    held = [Held(1, at(9), 1), Held(2, at(9), 2), Held(3, at(10), 2)]
    one_seat = [OpeningWindow(0, time(8), time(13), 30, 1)]
    assert hit(held, one_seat, set()) == {2}  # at 10 only one is booked: seat 2 is fine there


def test_another_slot_length_hits_what_is_off_the_new_grid():
    held = [Held(1, at(9), 1), Held(2, at(9, 30), 1)]
    hourly = [OpeningWindow(0, time(8), time(13), 60, 2)]
    assert hit(held, hourly, set()) == {2}


def test_window_rules():
    assert window_problem(time(8), time(13), 30, 2) is None
    assert window_problem(time(13), time(8), 30, 2) == "admin.hours.order"
    assert window_problem(None, time(8), 30, 2) == "admin.hours.order"
    assert window_problem(time(8), time(12, 45), 30, 2) == "admin.hours.slot_divides"
    assert window_problem(time(8), time(13), 0, 2) == "admin.hours.slot_range"
    assert window_problem(time(8), time(13), 30, 0) == "admin.hours.seats_range"
    assert overlap([OpeningWindow(2, time(8), time(12), 30, 2), OpeningWindow(2, time(11), time(14), 30, 2)])
    assert not overlap([OpeningWindow(2, time(8), time(12), 30, 2), OpeningWindow(2, time(12), time(14), 30, 2)])
    assert not overlap([OpeningWindow(1, time(8), time(12), 30, 2), OpeningWindow(2, time(8), time(12), 30, 2)])
