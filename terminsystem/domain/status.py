"""Appointment statuses. The transitions between them are the next issues' state machine."""

BOOKED = "booked"
CANCELLED = "cancelled"
CHECKED_IN = "checked_in"
CALLED = "called"
IN_SERVICE = "in_service"
DONE = "done"
NO_SHOW = "no_show"

ALL = (BOOKED, CANCELLED, CHECKED_IN, CALLED, IN_SERVICE, DONE, NO_SHOW)
# Statuses that hold a seat in the schedule; a cancelled appointment frees its seat.
HOLDS_SEAT = tuple(s for s in ALL if s != CANCELLED)
