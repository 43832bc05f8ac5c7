"""Kiosk check-in rules: time window, statuses, call numbers, second factor."""

import random
from datetime import date, datetime, timedelta

import pytest

from terminsystem.domain import checkin, queue, status
from terminsystem.domain.checkin import CheckinPolicy

START = datetime(2026, 12, 2, 10, 0)
POLICY = CheckinPolicy(before=timedelta(minutes=60), after=timedelta(minutes=15))


@pytest.mark.parametrize("now,expected", [
    (START - timedelta(minutes=61), "checkin.too_early"),
    (START - timedelta(minutes=60), None),
    (START, None),
    (START + timedelta(minutes=15), None),
    (START + timedelta(minutes=16), "checkin.too_late"),
    (START - timedelta(days=1), "checkin.other_day"),
    (START + timedelta(days=1), "checkin.other_day"),
])
def test_check_in_window(now, expected):
    assert checkin.checkin_problem(status.BOOKED, START, now, POLICY) == expected


@pytest.mark.parametrize("current,expected", [
    (status.CANCELLED, "checkin.cancelled"),
    (status.CHECKED_IN, "checkin.already"),
    (status.CALLED, "checkin.already"),
    (status.DONE, "checkin.already"),
])
def test_only_booked_appointments_can_check_in(current, expected):
    assert checkin.checkin_problem(current, START, START, POLICY) == expected


def test_call_numbers_are_three_digits_without_team_letter():
    numbers = {checkin.new_call_number(random.Random(i)) for i in range(500)}
    assert all(n.isdigit() and len(n) == 3 for n in numbers)
    assert len(numbers) > 300  # spread over the range, not a counter


def test_time_choices_hide_the_true_time_among_decoys():
    slots = [START + timedelta(minutes=30 * i) for i in range(10)]
    rank = checkin.decoy_rank(b"k" * 32, START.date(), date(1990, 5, 17))
    choices = checkin.time_choices([slots[3]], slots, rank)
    assert len(choices) == 4 and slots[3] in choices and choices == sorted(choices)
    two = checkin.time_choices([slots[1], slots[5]], slots, rank)
    assert {slots[1], slots[5]} <= set(two) and len(two) == 4


def test_the_same_input_gets_the_same_times_all_day_and_other_inputs_other_times():
    """Repeating a lookup must not single out the true time (it is in every answer, a random
    decoy is not), so the decoys depend only on the secret, the day and the date of birth."""
    slots = [START + timedelta(minutes=30 * i) for i in range(20)]
    born = date(1990, 5, 17)
    rank = checkin.decoy_rank(b"k" * 32, START.date(), born)
    first = checkin.time_choices([slots[7]], slots, rank)
    assert all(checkin.time_choices([slots[7]], slots, checkin.decoy_rank(b"k" * 32, START.date(), born)) == first
               for _ in range(20))
    # Without a match, the decoys are just as fixed; with another date of birth, day or secret they differ.
    nobody = checkin.time_choices([], slots, rank)
    assert len(nobody) == 4 and checkin.time_choices([], slots, rank) == nobody
    others = {tuple(checkin.time_choices([], slots, checkin.decoy_rank(secret, START.date(), date(1990, 5, d))))
              for secret in (b"k" * 32, b"x" * 32) for d in range(1, 11)}
    assert len(others) > 15
    # A pool that changes a little (a cancelled time) keeps most of the offered decoys.
    smaller = checkin.time_choices([], [t for t in slots if t != nobody[0]], rank)
    assert len(set(smaller) & set(nobody)) == 3


@pytest.mark.parametrize("name,prefix,expected", [
    ("Müller", "mul", True), ("Müller", "MÜ", True), ("Al-Khatib", "alk", True),
    ("Nguyen", "ng", True), ("Nguyen", "ne", False), ("Nguyen", "", False),
])
def test_name_prefix(name, prefix, expected):
    assert checkin.name_starts_with(name, prefix) is expected


def test_waiting_order_is_appointment_time_then_arrival():
    a = queue.waiting_order(START, START - timedelta(minutes=5), 2)
    b = queue.waiting_order(START, START - timedelta(minutes=9), 3)
    c = queue.waiting_order(START - timedelta(minutes=30), START, 4)
    assert sorted([a, b, c]) == [c, b, a]
    assert queue.waited_minutes(START, START + timedelta(minutes=7, seconds=59)) == 7


def test_a_day_without_opening_hours_still_has_decoys():
    day = START.date()
    assert len(checkin.decoy_pool(set(), day)) == 20
    full = {START + timedelta(minutes=30 * i) for i in range(10)}
    assert checkin.decoy_pool(full, day) == full  # a normal day: only its real slot times
    true = START.replace(hour=16, minute=38)  # an appointment entered at an odd time
    rank = checkin.decoy_rank(b"k" * 32, day, date(1990, 1, 1))
    assert len(checkin.time_choices([true], checkin.decoy_pool(set(), day) | {true}, rank)) == 4
