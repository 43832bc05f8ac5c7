"""e2e fixtures: the real app on a free port with its own temporary database (see server.py), and
Debian's Chromium driven by Playwright. ``TS_E2E_REDIS_URL`` runs the app with Redis and two
backend workers instead of one process."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect, sync_playwright

from terminsystem.mail.catcher import Catcher

from ..helpers import FIGURES
from .server import CHROMIUM, CHROMIUM_ARGS, RunningApp

REDIS_URL = os.environ.get("TS_E2E_REDIS_URL")
WORKERS = 2
# What a person sees after sending a form may take a while: the browser first solves the proof of
# work (at the office's cost, ~0.6 s on average, but the number of tries is random: a few times in
# a hundred it takes three times as long, more on a loaded CI machine). Assertions wait up to 10 s.
expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def mailbox():
    """A real SMTP server (aiosmtpd) that keeps what the app sends; tests may stop and start it
    again on the same port."""
    catcher = Catcher().start()
    yield catcher
    catcher.stop()


@pytest.fixture(scope="session")
def app(tmp_path_factory, mailbox) -> RunningApp:
    try:
        running = RunningApp(tmp_path_factory.mktemp("app"), redis_url=REDIS_URL, workers=WORKERS,
                             smtp_port=mailbox.port)
    except RuntimeError as err:
        pytest.fail(str(err))
    FIGURES.append(f"e2e app (reflex run --env prod, {running.mode}) ready after {running.start_seconds:.1f} s")
    if REDIS_URL:
        assert len(running.worker_pids()) >= WORKERS, f"expected {WORKERS} backend workers"
    yield running
    leftovers = running.stop()
    running.engine.dispose()
    assert leftovers == [], f"processes left behind: {leftovers}"


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _context(browser, **options):
    context = browser.new_context(locale="de-DE", **options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(browser, app):
    context = _context(browser, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser, app):
    context = _context(browser, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                       device_scale_factor=2)
    yield context.new_page()
    context.close()


@pytest.fixture
def new_page(browser, app):
    """Open pages in separate browser contexts, like separate devices (kiosk, dashboards, display)."""
    contexts = []

    def open_page(width: int = 1280, height: int = 900):
        contexts.append(_context(browser, viewport={"width": width, "height": height}))
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        context.close()
