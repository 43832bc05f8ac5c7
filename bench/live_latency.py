"""Live-loop latency in real Chromium with 12 clerk dashboards and 3 waiting-room displays open.

Measures, in each mode (one backend process; Redis with 2 workers):
  check-in → dashboard: from the scanner's Enter at the kiosk until the person's row appears on
                        each of the 6 open dashboards of the responsible team;
  call → display:       from the clerk's click on "Aufrufen" until the number appears on each of
                        the 3 displays;
  bare websocket RTT:   a browser page echoing a message through a minimal websocket server on
                        the same machine, for comparison.
Times are taken inside the browser pages (one browser, one machine clock), so Playwright's own
polling is not part of them. Prints p50 / p95 / max in ms.

Usage: python -m bench.live_latency [--rounds 30] [--modes single,redis]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocketDisconnect

from terminsystem.domain.personal import PersonalData
from tests.e2e.live import BESCHAEFTIGUNG, HUMANITAER, open_dashboard, open_display, open_kiosk
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, RunningApp, free_port
from tests.helpers import appointment_today

CONCERN = {HUMANITAER: "duldung", BESCHAEFTIGUNG: "verlaengerung"}
WATCH = """(selector) => {
  window.__seen = {};
  window.__watch = [];
  new MutationObserver(() => {
    const now = performance.timeOrigin + performance.now();
    const text = document.querySelector(selector)?.textContent || "";  // no layout, unlike innerText
    for (const key of window.__watch) if (!(key in window.__seen) && text.includes(key)) window.__seen[key] = now;
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""
MARK_ENTER = """() => document.addEventListener('keydown', e => {
  if (e.key === 'Enter') window.__t0 = performance.timeOrigin + performance.now(); }, true)"""
MARK_CLICK = """() => document.addEventListener('pointerdown', e => {
  window.__t0 = performance.timeOrigin + performance.now(); }, true)"""


def seen(page, key: str, timeout: float = 10) -> None:
    """Wait until the page's observer has seen ``key`` (polled with evaluate: the pages' CSP forbids
    the string evaluation that Playwright's wait_for_function would use)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate("(key) => key in window.__seen", key):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{key} not seen within {timeout} s")
        time.sleep(0.02)


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"{statistics.median(ordered):6.0f} {p95:6.0f} {ordered[-1]:6.0f}   (n={len(ordered)})"


def measure_app(app: RunningApp, rounds: int) -> dict[str, list[float]]:
    results = {"check-in → dashboard": [], "call → display": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def page(width=1280, height=800):
            context = browser.new_context(viewport={"width": width, "height": height}, locale="de-DE")
            context.set_default_timeout(15_000)
            return context.new_page()

        dashboards = {team: [open_dashboard(page(), app, team, f"{floor}.0{i + 1}") for i in range(6)]
                      for team, floor in ((HUMANITAER, 1), (BESCHAEFTIGUNG, 2))}
        displays = [open_display(page(1920, 1080), app) for _ in range(3)]
        kiosk = open_kiosk(page(), app, "bench")
        for board in [*dashboards[HUMANITAER], *dashboards[BESCHAEFTIGUNG]]:
            board.evaluate(WATCH, "#waiting")  # only the waiting list, not "expected today"
        for display in displays:
            display.evaluate(WATCH, "main")
        kiosk.evaluate(MARK_ENTER)
        for board in [*dashboards[HUMANITAER], *dashboards[BESCHAEFTIGUNG]]:
            board.evaluate(MARK_CLICK)

        for n in range(rounds):
            team = HUMANITAER if n % 2 == 0 else BESCHAEFTIGUNG
            name = f"Bench{n:03d}"
            person = PersonalData(family_name=name, given_names="Load", birth_date=date(1960, 1, 1), email=None)
            _, token, _ = appointment_today(app.engine, CONCERN[team], person)
            for board in dashboards[team]:
                board.evaluate(f"window.__watch = ['{name}']")
            kiosk.keyboard.type(token)
            kiosk.keyboard.press("Enter")
            number = kiosk.locator("#call-number").inner_text()
            t0 = kiosk.evaluate("window.__t0")
            for board in dashboards[team]:
                seen(board, name)
                results["check-in → dashboard"].append(board.evaluate(f"window.__seen['{name}']") - t0)
            kiosk.get_by_role("button", name="Zurück zum Start").click()

            caller = dashboards[team][n % 6]
            for display in displays:
                display.evaluate(f"window.__watch = ['{number}']")
            caller.locator("#waiting tr", has_text=name).get_by_role("button", name="Aufrufen").click()
            t0 = caller.evaluate("window.__t0")
            for display in displays:
                seen(display, number)
                results["call → display"].append(display.evaluate(f"window.__seen['{number}']") - t0)
            caller.locator("#called tr", has_text=name).get_by_role("button", name="Erledigt").click()
        browser.close()
    return results


def bare_websocket_rtt(samples: int = 200) -> list[float]:
    """Round trips browser → minimal Starlette websocket echo → browser on this machine."""

    async def echo(ws):
        await ws.accept()
        try:
            while True:
                await ws.send_text(await ws.receive_text())
        except WebSocketDisconnect:
            pass

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(Starlette(routes=[WebSocketRoute("/ws", echo)]), host="127.0.0.1",
                                           port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    script = """async ([port, n]) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
      await new Promise(r => ws.onopen = r);
      const out = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await new Promise(r => { ws.onmessage = r; ws.send('ping ' + i); });
        out.push(performance.now() - t0);
      }
      ws.close();
      return out;
    }"""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        values = browser.new_page().evaluate(script, [port, samples])
        browser.close()
    server.should_exit = True
    thread.join(5)
    return values


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--modes", default="single,redis")
    args = parser.parse_args()
    rows = []
    for mode in args.modes.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            redis = None
            if mode == "redis":
                port = free_port()
                subprocess.run(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--daemonize", "yes",
                                "--save", "", "--appendonly", "no"], check=True, stdout=subprocess.DEVNULL)
                redis = f"redis://127.0.0.1:{port}"
            app = RunningApp(Path(tmp), redis_url=redis)
            try:
                for path, values in measure_app(app, args.rounds).items():
                    rows.append((app.mode, path, values))
            finally:
                app.stop()
                app.engine.dispose()
                if redis:
                    subprocess.run(["redis-cli", "-p", str(port), "shutdown", "nosave"], stdout=subprocess.DEVNULL)
    rows.append(("same machine", "bare websocket RTT", bare_websocket_rtt()))
    print(f"\n12 clerk dashboards + 3 displays open, {args.rounds} check-ins and calls per mode (ms)")
    print(f"{'mode':<20} {'path':<22} {'p50':>6} {'p95':>6} {'max':>6}")
    for mode, path, values in rows:
        print(f"{mode:<20} {path:<22} {summary(values)}")


if __name__ == "__main__":
    main()
