"""Do failed logins stall other people's pages? (Security review finding 2: Argon2 ran on the event
loop, and 12 simultaneous failed logins delayed a kiosk's events from ~6 ms to 1,280 ms.)

Starts the app (one backend process, as `make run`), enrols a kiosk and measures the round trip of
kiosk events over the websocket (a Reflex client speaking the app's protocol, as the e2e tests do):
first alone, then while waves of 12 simultaneous failed logins hit the login form (each with a new
username, so no growing delay hides the work: every attempt runs a full Argon2 check).
Prints p50 / p95 / max in ms and the difference.

Usage: python -m bench.login_stall [--waves 10] [--events 40]
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from terminsystem import settings
from terminsystem.services import devices
from terminsystem.state.kiosk import KioskState
from terminsystem.web import cookies
from tests.e2e.server import RunningApp
from tests.e2e.wire import Wire

PARALLEL = 12


def enrolled_kiosk(app: RunningApp) -> str:
    now = settings.now()
    _, code = devices.create(kind="kiosk", name=f"bench-{time.time_ns()}", now=now, engine=app.engine)
    secret, _ = devices.enrol(code, client="bench", now=now, engine=app.engine)
    return f"{cookies.DEVICE}={secret}"


def kiosk_rtts(wire: Wire, count: int) -> list[float]:
    """Round trips of events that change the kiosk's screen (each answer is a visible change)."""
    rtts = []
    for n in range(count):
        screen = "camera" if n % 2 else "birth_date"
        handler = KioskState.start_camera if n % 2 else KioskState.start_birth_date
        rtts.append(wire.send_until(handler, {}, lambda m, s=screen: any(
            changes.get("screen_rx_state_") == s for changes in m.get("delta", {}).values())))
    return rtts


def failed_login(url: str, username: str) -> float:
    parts = urlsplit(url)
    started = time.monotonic()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    body = urlencode({"username": username, "password": "wrong-password-123"})
    conn.request("POST", "/_staff/login", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                  "Origin": url})
    response = conn.getresponse()
    response.read()
    conn.close()
    assert response.status == 303 and "meldung=invalid" in response.getheader("location", "")
    return (time.monotonic() - started) * 1000


def measure(app: RunningApp, waves: int, events: int) -> dict[str, list[float]]:
    wire = Wire(app, "/kiosk", cookie=enrolled_kiosk(app))
    try:
        kiosk_rtts(wire, 10)  # warm up
        alone = kiosk_rtts(wire, events)
        during, logins = [], []
        for wave in range(waves):
            barrier = threading.Barrier(PARALLEL + 1)

            def one(i, wave=wave, barrier=barrier):
                barrier.wait()
                logins.append(failed_login(app.url, f"bench-{wave}-{i}"))

            threads = [threading.Thread(target=one, args=(i,)) for i in range(PARALLEL)]
            for t in threads:
                t.start()
            barrier.wait()
            while any(t.is_alive() for t in threads):
                during.extend(kiosk_rtts(wire, 2))
            for t in threads:
                t.join()
    finally:
        wire.close()
    return {"kiosk event, alone": alone, f"kiosk event, {PARALLEL} failed logins at once": during,
            "failed login (answer)": logins}


def summary(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)], ordered[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--waves", type=int, default=10)
    parser.add_argument("--events", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = RunningApp(Path(tmp))
        try:
            results = measure(app, args.waves, args.events)
        finally:
            app.stop()
    print(f"{'':48} {'p50':>6} {'p95':>6} {'max':>6}  (ms)")
    for label, values in results.items():
        p50, p95, top = summary(values)
        print(f"{label:48} {p50:6.0f} {p95:6.0f} {top:6.0f}   (n={len(values)})")
    (a50, a95, _), (d50, d95, _) = summary(results["kiosk event, alone"]), summary(
        results[f"kiosk event, {PARALLEL} failed logins at once"])
    print(f"{'difference (during - alone)':48} {d50 - a50:+6.0f} {d95 - a95:+6.0f}")


if __name__ == "__main__":
    main()
