"""The waiting-room display: call numbers and rooms only — nothing else reaches this page. It shows
them only on an enrolled display device; pushes reach it only while that device is enrolled."""

from __future__ import annotations

from datetime import datetime, timedelta

import reflex as rx

from .. import live, settings
from ..services import devices, queue
from .device import current_device

HIGHLIGHT = timedelta(seconds=8)


class DisplayState(rx.State):
    enrolled: str = ""  # "" until the device was checked, then "yes" or "no"
    current: list[dict[str, str]] = []
    earlier: list[dict[str, str]] = []
    chime: int = 0  # rises with every new call; the page plays the chime when it changes
    ready: bool = False  # the board has been loaded once (from then on, new calls chime)
    _device_id: int = 0
    _device_rooms: list[str] = []  # the rooms the admin chose for this display (none: all)
    _seen: list[str] = []
    _fresh_until: dict[str, datetime] = {}

    @rx.event
    def load(self, _tick: str = ""):
        """On page load and every heartbeat: check the device, (re-)register for pushes, reload."""
        device = current_device(self, "display")
        if device is None:
            live.forget([self.router.session.client_token])
            self.enrolled, self._device_id, self.current, self.earlier, self.ready = "no", 0, [], [], False
            return
        now = settings.now()
        self.enrolled, self._device_id, self._device_rooms = "yes", device.id, list(device.rooms)
        devices.seen(device, now=now)
        live.subscribe(self.router.session.client_token, live.BOARD, "display", now, device_id=device.id)
        self._refresh()

    def _refresh(self, shared: dict | None = None):
        if not self._device_id:
            return
        rooms = self._rooms()
        current, earlier = live.once(shared, ("board", tuple(sorted(rooms or ()))),
                                     lambda: queue.board(now=settings.now(), rooms_filter=rooms))
        now = settings.now()
        keys = [f"{c.number}@{c.called_at.isoformat()}#{c.calls}" for c in current]
        new = [k for k in keys if k not in self._seen] if self.ready else []
        if new:
            self.chime += 1
        # A new call stays highlighted for a few seconds, whatever reloads happen meanwhile.
        self._fresh_until = {k: t for k, t in self._fresh_until.items() if k in keys and t > now}
        self._fresh_until.update({k: now + HIGHLIGHT for k in new})
        self._seen, self.ready = keys, True
        self.current = [{"number": c.number, "room": c.room, "fresh": "yes" if k in self._fresh_until else "no"}
                        for c, k in zip(current, keys, strict=True)]
        self.earlier = [{"number": c.number, "room": c.room} for c in earlier]

    def _rooms(self) -> set[str] | None:
        """The rooms the admin chose for this display, or ``/anzeige?raeume=1.01,1.02`` (one display
        per floor); else all."""
        wanted = self.router.url.query_parameters.get("raeume", "")
        rooms = {r.strip() for r in wanted.split(",") if r.strip()} if isinstance(wanted, str) else set()
        return rooms or set(self._device_rooms) or None


live.register("display", DisplayState)
