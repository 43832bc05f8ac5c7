"""Work the backend does on its own while it runs (a Reflex lifespan task in every worker)."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from . import settings
from .services import actions, retention, waitlist, waitlist_match  # noqa: F401 - waitlist registers its mails

log = logging.getLogger(__name__)
RETENTION_POLL_SECONDS = 60.0  # how often a worker asks; the task's lease sets the real interval


async def auto_no_show_loop() -> None:
    """Every few seconds: people who did not come after their third call become no-show. Several
    workers may run this at once; the service's conditional UPDATE lets only one of them act."""
    while True:
        await asyncio.sleep(settings.sweep_seconds())
        try:
            actions.auto_no_show(now=settings.now(), after=settings.auto_no_show_after())
        except Exception:  # a database hiccup must not end the loop for the rest of the day
            log.exception("automatic no-show failed")


async def retention_loop() -> None:
    """Every minute: delete personal data that is due (``services.retention``). Every worker asks;
    only the one that claims the task's lease sweeps, at most once per ``TS_RETENTION_INTERVAL_SEC``."""
    while True:
        interval = settings.retention_interval_seconds()
        await asyncio.sleep(max(1.0, min(RETENTION_POLL_SECONDS, interval)))
        try:
            report = await asyncio.to_thread(retention.run_if_due, now=settings.now(),
                                             interval=timedelta(seconds=interval), days=settings.retention_days())
        except Exception:  # a database hiccup must not end the loop: the lease was not taken, retry
            log.exception("deletion of old personal data failed")
            continue
        if report is not None and report.total:
            log.info("personal data deleted: %s", report.counts())


async def waitlist_loop() -> None:
    """Every ``TS_WAITLIST_INTERVAL_SEC``, at once after a cancellation, a move or a declined offer
    (``waitlist_match.kick``), and when a held seat's pause ends: offer freed seats to the waitlist.
    Every worker runs it; the matcher is safe with any number of rounds at once."""
    while True:
        interval = settings.waitlist_interval_seconds()
        try:
            report = await asyncio.to_thread(waitlist_match.match, now=settings.now())
        except Exception:  # a database hiccup must not end the loop
            log.exception("waitlist round failed")
            report = None
        if report is not None and report.next_release is not None:
            interval = min(interval, max(1.0, (report.next_release - settings.now()).total_seconds() + 1))
        await waitlist_match.wait(interval)
