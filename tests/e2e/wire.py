"""A hand-made client of the app's websocket, as an attacker would write one: Reflex's own protocol
(Socket.IO on ``/_event``) spoken by the python-socketio client, with any token, cookie, origin and
event payload. It records every message the server sends back, so tests can check what leaked."""

from __future__ import annotations

import json
import threading
import time
import uuid

import socketio

NAMESPACE = "/_event"
HYDRATE = "reflex___state____state.hydrate_and_load"


class Wire:
    def __init__(self, app, path: str, *, token: str | None = None, cookie: str = "", origin: str | None = None):
        self.app, self.path = app, path
        self.token = token or str(uuid.uuid4())
        self.received: list[dict] = []
        self._finals = threading.Semaphore(0)
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("event", self._on_event, namespace=NAMESPACE)
        headers = {"Origin": origin if origin is not None else app.url}
        if cookie:
            headers["Cookie"] = cookie
        self.sio.connect(f"{app.url}?token={self.token}", socketio_path="_event", namespaces=[NAMESPACE],
                         transports=["websocket"], headers=headers, wait_timeout=10,
                         auth={"event": self._event(HYDRATE, {})})
        self.wait()  # the hydrate's answer

    def _router(self) -> dict:
        return {"pathname": self.path, "asPath": self.path, "query": {}}

    def _event(self, name: str, payload: dict) -> dict:
        return {"name": name, "payload": payload, "router_data": self._router()}

    def _on_event(self, data):
        self.received.append(data if isinstance(data, dict) else {"raw": data})
        if not isinstance(data, dict) or data.get("final", True):
            self._finals.release()

    def send(self, name: str, payload: dict, timeout: float = 10) -> float:
        """Send one event and wait for its final answer; returns the round trip in ms."""
        started = time.monotonic()
        self.sio.emit("event", self._event(name, payload), namespace=NAMESPACE)
        self.wait(timeout)
        return (time.monotonic() - started) * 1000

    def wait(self, timeout: float = 10) -> None:
        if not self._finals.acquire(timeout=timeout):
            raise TimeoutError(f"no answer from the server within {timeout} s")

    def text(self) -> str:
        """Everything received, as JSON text (escaped like on the wire)."""
        return "\n".join(json.dumps(m) for m in self.received)

    def close(self) -> None:
        self.sio.disconnect()
