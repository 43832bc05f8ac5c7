"""e2e fixtures: the real app (``reflex run --env prod``) on a free port with its own temporary
database, and Debian's Chromium driven by Playwright. The app runs in its own process group and
is stopped as a group, so no process outlives the tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import psutil
import pytest
from playwright.sync_api import sync_playwright

from terminsystem import cli, db
from terminsystem.services import setup

from ..helpers import FIGURES

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                 "--autoplay-policy=no-user-gesture-required"]
START_TIMEOUT = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


class RunningApp:
    def __init__(self, url: str, db_url: str, process: subprocess.Popen, log: Path):
        self.url, self.db_url, self.process, self.log = url, db_url, process, log
        self.engine = db.make_engine(db_url)


@pytest.fixture(scope="session")
def app(tmp_path_factory) -> RunningApp:
    workdir = tmp_path_factory.mktemp("app")
    db_url = f"sqlite:///{workdir / 'e2e.db'}"
    cli.migrate(db_url)
    engine = db.make_engine(db_url)
    setup.configure_office(engine=engine)
    engine.dispose()

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ, REFLEX_DB_URL=db_url, REFLEX_API_URL=url)
    log = workdir / "reflex.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            ["reflex", "run", "--env", "prod", "--backend-port", str(port), "--backend-host", "127.0.0.1"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    started = time.monotonic()
    while not (_ready(url + "/ping") and _ready(url + "/")):
        if process.poll() is not None or time.monotonic() - started > START_TIMEOUT:
            _stop(process)
            pytest.fail(f"app did not start; log:\n{log.read_text(errors='replace')[-4000:]}")
        time.sleep(0.5)
    FIGURES.append(f"e2e app (reflex run --env prod) ready after {time.monotonic() - started:.1f} s")
    running = RunningApp(url, db_url, process, log)
    yield running
    running.engine.dispose()
    leftovers = _stop(process)
    assert leftovers == [], f"processes left behind: {leftovers}"


def _stop(process: subprocess.Popen) -> list[str]:
    """Stop the app's whole process group; return what is still alive afterwards."""
    pgid = process.pid
    members = [p for p in psutil.process_iter(["pid"]) if _pgid(p.pid) == pgid]
    try:
        os.killpg(pgid, signal.SIGTERM)
    except ProcessLookupError:
        return []
    _, alive = psutil.wait_procs(members, timeout=15)
    for p in alive:
        p.kill()
    _, alive = psutil.wait_procs(alive, timeout=5)
    return [f"{p.pid} {p.name()}" for p in alive if p.is_running()]


def _pgid(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except OSError:
        return None


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser, app):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE",
                                  is_mobile=True, has_touch=True, device_scale_factor=2)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def new_page(browser, app):
    """Open pages in separate browser contexts, like separate devices (kiosk, dashboards, display)."""
    contexts = []

    def open_page(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="de-DE")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
