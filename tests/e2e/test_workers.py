"""With Redis and several backend workers: a check-in handled by one worker reaches dashboards
whose websockets live in another worker. Runs only in the Redis mode of the test command."""

from __future__ import annotations

import pickle
import time
from datetime import date

import pytest
import redis

from ..helpers import FIGURES, appointment_today
from .conftest import REDIS_URL
from .live import HUMANITAER, open_dashboard, open_kiosk
from .test_live_loop import WITHIN, person

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="single-process run; the Redis run covers this")
MAX_PAGES = 12


def worker_of(page, client: redis.Redis) -> str:
    """The backend instance that holds this page's websocket (Reflex records it in Redis)."""
    token = None
    for _ in range(50):
        token = page.evaluate("window.sessionStorage.getItem('token')")
        record = client.get(f"token_manager_socket_record_{token}") if token else None
        if record:
            return pickle.loads(record).instance_id
        time.sleep(0.1)
    raise AssertionError(f"page {token} has no socket record in Redis")


def test_check_in_reaches_dashboards_on_every_worker(app, new_page):
    client = redis.Redis.from_url(REDIS_URL)
    kiosk = open_kiosk(new_page(), app, "workers")
    kiosk_worker = worker_of(kiosk, client)
    dashboards = []
    while len(dashboards) < MAX_PAGES:
        page = open_dashboard(new_page(1024, 700), app, HUMANITAER, f"1.0{1 + len(dashboards) % 6}")
        dashboards.append((page, worker_of(page, client)))
        if len(dashboards) >= 3 and any(w != kiosk_worker for _, w in dashboards):
            break
    workers = {kiosk_worker} | {w for _, w in dashboards}
    assert len(workers) >= 2, "all pages landed on one worker"

    _, token, _ = appointment_today(app.engine, "reiseausweis", person("Kowalski", "Daria", date(1968, 10, 5)))
    kiosk.keyboard.type(token)
    started = time.monotonic()
    kiosk.keyboard.press("Enter")
    for page, _ in dashboards:
        page.locator("#waiting").get_by_text("Kowalski, Daria").wait_for(timeout=WITHIN)
    FIGURES.append(f"e2e check-in → {len(dashboards)} dashboards on {len(workers)} workers, last one after "
                   f"{round((time.monotonic() - started) * 1000)} ms")
