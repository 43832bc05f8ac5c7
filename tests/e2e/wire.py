"""A hand-made client of the app's websocket, as an attacker would write one: Reflex's own protocol
(Socket.IO on ``/_event``) spoken by the python-socketio client, with any token, cookie and event
payload. It records every message the server sends back, so tests can check what leaked."""

from __future__ import annotations

import json
import threading
import time
import uuid

import socketio

NAMESPACE = "/_event"
ROOT = "reflex___state____state"
HYDRATE = f"{ROOT}.hydrate_and_load"


def event_name(handler) -> str:
    """The name Reflex's frontend sends for ``State.handler``."""
    return handler if isinstance(handler, str) else f"{handler.state_full_name}.{handler.fn.__name__}"


class Wire:
    def __init__(self, app, path: str, *, query: dict | None = None, token: str | None = None, cookie: str = ""):
        self.app, self.path, self.query = app, path, query or {}
        self.token = token or str(uuid.uuid4())
        self.received: list[dict] = []
        self._arrived = threading.Condition()
        self._flag = True  # the root state's is_hydrated, flipped to mark the end of each event
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("event", self._on_event, namespace=NAMESPACE)
        headers = {"Cookie": cookie} if cookie else {}  # the websocket library sends our Origin itself
        self.sio.connect(f"{app.url}?token={self.token}", socketio_path="_event", namespaces=[NAMESPACE],
                         transports=["websocket"], headers=headers, wait_timeout=10,
                         auth={"event": self._event(HYDRATE, {})})
        self._wait_for(lambda m: m.get("delta", {}).get(ROOT, {}).get("is_hydrated_rx_state_") is True)

    def _router(self) -> dict:
        search = "&".join(f"{k}={v}" for k, v in self.query.items())
        return {"pathname": self.path, "asPath": self.path + (f"?{search}" if search else ""), "query": self.query}

    def _event(self, name: str, payload: dict) -> dict:
        return {"name": name, "payload": payload, "router_data": self._router()}

    def _on_event(self, data):
        with self._arrived:
            self.received.append(data if isinstance(data, dict) else {"raw": data})
            self._arrived.notify_all()

    def _wait_for(self, matches, since: int = 0, timeout: float = 10) -> dict:
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                found = next((m for m in self.received[since:] if matches(m)), None)
                if found is not None:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no such answer from the server within {timeout} s")
                self._arrived.wait(left)

    def send(self, handler, payload: dict, timeout: float = 10) -> float:
        """Send one event (a handler of a state class, or its full name) and wait until the server
        has processed it; returns the time that took in ms. (Events of one tab are processed in
        order, so a small marker event sent after it comes back after it.)"""
        started, since = time.monotonic(), len(self.received)
        self.sio.emit("event", self._event(event_name(handler), payload), namespace=NAMESPACE)
        self._flag = not self._flag
        flag = self._flag
        self.sio.emit("event", self._event(f"{ROOT}.set_is_hydrated", {"value": flag}), namespace=NAMESPACE)
        self._wait_for(lambda m: m.get("delta", {}).get(ROOT, {}).get("is_hydrated_rx_state_") is flag, since,
                       timeout)
        return (time.monotonic() - started) * 1000

    def send_until(self, handler, payload: dict, matches, timeout: float = 10) -> float:
        """Send one event and wait for the first answer that ``matches``; the round trip in ms."""
        started, since = time.monotonic(), len(self.received)
        self.sio.emit("event", self._event(event_name(handler), payload), namespace=NAMESPACE)
        self._wait_for(matches, since, timeout)
        return (time.monotonic() - started) * 1000

    def text(self) -> str:
        """Everything received, as JSON text (escaped like on the wire)."""
        return "\n".join(json.dumps(m) for m in self.received)

    def close(self) -> None:
        self.sio.disconnect()
