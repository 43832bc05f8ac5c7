"""Real concurrent clients for the tests, in one place: threads released at the same instant by a
barrier, each (where the test wants it) with its own engine, so its own database connections —
what two workers or two browsers of the office are."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.engine import Engine

from terminsystem import db

T = TypeVar("T")
TIMEOUT = 60  # seconds: a client that hangs fails the test instead of blocking the run


def at_once(work: Callable[[int], T], clients: int, refused: tuple[type[BaseException], ...] = ()) -> list:
    """Run ``work(i)`` for ``i`` in ``range(clients)`` in as many threads, all started at the same
    instant. Returns the results in order; an exception of a type in ``refused`` (the refusals the
    test expects) stands in place of its client's result, any other fails the test."""
    barrier = threading.Barrier(clients)

    def client(i: int):
        barrier.wait(TIMEOUT)
        try:
            return work(i)
        except refused as e:
            return e

    with ThreadPoolExecutor(clients) as pool:
        futures = [pool.submit(client, i) for i in range(clients)]
        return [f.result(TIMEOUT) for f in futures]


@contextmanager
def own_engine(engine: Engine) -> Iterator[Engine]:
    """A separate engine (own pool, own connections) on ``engine``'s database, like another worker."""
    own = db.make_engine(engine.url.render_as_string(hide_password=False))
    try:
        yield own
    finally:
        own.dispose()


def race(engine: Engine, work: Callable[[Engine, int], T], clients: int,
         refused: tuple[type[BaseException], ...] = ()) -> list:
    """:func:`at_once` with ``work(own_engine, i)``: every client on its own engine."""
    def client(i: int):
        with own_engine(engine) as own:
            return work(own, i)

    return at_once(client, clients, refused)


def label(outcome, *, done: str = "done") -> str:
    """A short word for an outcome of :func:`at_once`: a refusal's catalog key (or its type's name),
    ``done`` for anything else."""
    if isinstance(outcome, BaseException):
        return getattr(outcome, "key", None) or type(outcome).__name__
    return done
