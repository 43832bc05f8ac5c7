"""Giving out call numbers. A number is random and unique for the day; the unique key on
(call_day, call_number) is what guarantees that, so a number already given is found out by the
database at commit, and the whole transaction is simply tried again with a fresh number."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa

from ..domain import checkin

MAX_ATTEMPTS = 10  # with 900 numbers and under 100 people a day, ten misses in a row do not happen

T = TypeVar("T")


def with_new_number(attempt: Callable[[str], T]) -> T:
    """Run ``attempt(number)`` – one whole transaction that gives out ``number`` – with fresh
    random numbers until the database accepts one; its result."""
    for _ in range(MAX_ATTEMPTS):
        try:
            return attempt(checkin.new_call_number())
        except sa.exc.IntegrityError:
            continue  # the number (or, very rarely, another random key) is taken: draw again
    raise RuntimeError("no free call number found")
