"""A wake-up for a background loop: the loop sleeps until its next round or until any thread says
"now" (a booking in a worker thread wants its mail out, a cancellation frees a seat for the
waitlist). One instance per loop; a no-op in a process where that loop does not run."""

from __future__ import annotations

import asyncio


class Wakeup:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None

    def attach(self) -> None:
        """From the loop, when it starts: ``set()`` calls count from now on."""
        self._loop, self._event = asyncio.get_running_loop(), asyncio.Event()

    async def sleep(self, timeout: float) -> None:
        """Until ``timeout`` seconds passed or ``set()`` was called (since the last sleep ended:
        a call during the loop's round starts the next round at once)."""
        if self._event is None or self._loop is not asyncio.get_running_loop():
            self.attach()
        try:
            await asyncio.wait_for(self._event.wait(), timeout=max(0.0, timeout))
        except TimeoutError:
            pass
        self._event.clear()

    def set(self) -> None:
        """Wake the loop now. Callable from any thread."""
        loop, event = self._loop, self._event
        if loop is None or event is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            event.set()
        else:
            loop.call_soon_threadsafe(event.set)

    def detach(self) -> None:
        """The loop ended: later ``set()`` calls do nothing."""
        self._loop = self._event = None
