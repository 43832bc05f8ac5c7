"""The appointment's state machine: which clerk actions are allowed in which status."""

from datetime import datetime, timedelta

import pytest

from terminsystem.domain import queue, status, transitions
from terminsystem.domain.transitions import Snapshot

WAITING = Snapshot(status.CHECKED_IN, 0, False)
PARKED = Snapshot(status.CHECKED_IN, 0, True)
CALLED = Snapshot(status.CALLED, 1, False)


@pytest.mark.parametrize("action,snapshot,allowed", [
    ("call", WAITING, True), ("call", PARKED, False), ("call", CALLED, False),
    ("call", Snapshot(status.BOOKED, 0, False), False),
    ("recall", CALLED, True), ("recall", Snapshot(status.CALLED, 2, False), True),
    ("recall", Snapshot(status.CALLED, 3, False), False), ("recall", WAITING, False),
    ("done", CALLED, True), ("done", Snapshot(status.IN_SERVICE, 1, False), True), ("done", WAITING, False),
    ("no_show", CALLED, True), ("no_show", WAITING, False),
    ("park", WAITING, True), ("park", CALLED, True), ("park", PARKED, False),
    ("unpark", PARKED, True), ("unpark", WAITING, False),
    ("priority", WAITING, True), ("priority", PARKED, True), ("priority", CALLED, False),
    ("transfer", WAITING, True), ("transfer", CALLED, True), ("transfer", Snapshot(status.DONE, 1, False), False),
    ("done", Snapshot(status.DONE, 1, False), False), ("call", Snapshot(status.CANCELLED, 0, False), False),
])
def test_allowed_actions(action, snapshot, allowed):
    assert (transitions.problem(action, snapshot) is None) is allowed


def test_recall_limit_has_its_own_message():
    assert transitions.problem("recall", Snapshot(status.CALLED, 3, False)) == "clerk.max_calls"
    with pytest.raises(ValueError):
        transitions.problem("dance", WAITING)


def test_auto_no_show_only_after_the_last_call_and_the_wait():
    now = datetime(2026, 12, 1, 10, 0)
    third = Snapshot(status.CALLED, 3, False)
    assert transitions.auto_no_show(third, now - timedelta(minutes=5), now, timedelta(minutes=5))
    assert not transitions.auto_no_show(third, now - timedelta(minutes=4), now, timedelta(minutes=5))
    assert not transitions.auto_no_show(CALLED, now - timedelta(hours=1), now, timedelta(minutes=5))


def test_waiting_means_checked_in_and_not_parked():
    assert queue.is_waiting(status.CHECKED_IN, parked=False)
    assert not queue.is_waiting(status.CHECKED_IN, parked=True)  # fetching documents: "call next" skips them
    assert not any(queue.is_waiting(s, parked=False) for s in status.ALL if s != status.CHECKED_IN)


def test_priority_goes_first():
    start = datetime(2026, 12, 1, 9, 0)
    late_priority = queue.waiting_order(start + timedelta(hours=2), start, 9, priority=True)
    early = queue.waiting_order(start, start, 1)
    assert sorted([early, late_priority]) == [late_priority, early]


def test_undo_window():
    done_at, window = datetime(2026, 12, 1, 10, 0, 0), timedelta(seconds=60)
    assert transitions.undo_problem("call", done_at, done_at + timedelta(seconds=60), window) is None
    assert transitions.undo_problem("call", done_at, done_at + timedelta(seconds=61), window) == "clerk.undo_too_late"
    assert transitions.undo_problem("transfer", done_at, done_at, window) is None


@pytest.mark.parametrize("last", ["undo", "urgent", "login", None])
def test_nothing_to_undo_after_an_undo_or_an_action_that_cannot_be_undone(last):
    at = datetime(2026, 12, 1, 10, 0)
    assert transitions.undo_problem(last, at, at, timedelta(seconds=60)) == "clerk.undo_none"


def test_every_clerk_action_can_be_undone():
    assert set(transitions.UNDOABLE) >= {"call", "recall", "done", "no_show", "park", "unpark", "priority", "transfer"}
