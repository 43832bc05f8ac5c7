"""Work the backend does on its own while it runs (a Reflex lifespan task in every worker)."""

from __future__ import annotations

import asyncio
import logging

from . import settings
from .services import actions

log = logging.getLogger(__name__)


async def auto_no_show_loop() -> None:
    """Every few seconds: people who did not come after their third call become no-show. Several
    workers may run this at once; the service's conditional UPDATE lets only one of them act."""
    while True:
        await asyncio.sleep(settings.sweep_seconds())
        try:
            actions.auto_no_show(now=settings.now(), after=settings.auto_no_show_after())
        except Exception:  # a database hiccup must not end the loop for the rest of the day
            log.exception("automatic no-show failed")
