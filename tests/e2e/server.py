"""Starting the real app for e2e tests and benchmarks: ``reflex run --env prod`` on a free port
with its own database, in its own process group, stopped as a group (no orphans)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import psutil

from terminsystem import cli, db
from terminsystem.services import setup

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
    """The app on ``url`` with its database (``engine``) and process group."""

    def __init__(self, workdir: Path, redis_url: str | None = None, workers: int = 2, smtp_port: int | None = None):
        self.db_url = f"sqlite:///{workdir / 'app.db'}"
        cli.migrate(self.db_url)
        self.engine = db.make_engine(self.db_url)
        setup.configure_office(engine=self.engine)
        setup.demo_accounts(engine=self.engine)
        self.redis_url, self.workers = redis_url, workers
        self.url = f"http://127.0.0.1:{free_port()}"
        # TS_SWEEP_SEC: the automatic no-show looks every second, so its test need not wait 15 s.
        # TS_MANAGE_ATTEMPTS_PER_HOUR: every test's browser is the same client (127.0.0.1); the
        # limit itself is tested in the integration tier, like the booking limits (TS_BOOKINGS_*). TS_COOLDOWN_*: a cancelled seat is free at
        # once, as the tests of moving and cancelling expect (the pause: integration tier).
        self.env = dict(os.environ, REFLEX_DB_URL=self.db_url, REFLEX_API_URL=self.url, TS_SWEEP_SEC="1",
                        TS_MANAGE_ATTEMPTS_PER_HOUR="1000", TS_COOLDOWN_MIN_MINUTES="0", TS_COOLDOWN_MAX_MINUTES="0",
                        TS_BOOKINGS_PER_CLIENT_HOUR="100000", TS_BOOKINGS_PER_MINUTE="100000")
        if smtp_port:  # mail goes to the tests' own SMTP server; the sender looks every second
            self.env.update(TS_SMTP_HOST="127.0.0.1", TS_SMTP_PORT=str(smtp_port), TS_SMTP_TLS="none",
                            TS_MAIL_POLL_SEC="1", TS_MAIL_RETRY_SEC="1")
        if redis_url:  # several backend workers behind Redis, as in production
            self.env.update(REFLEX_REDIS_URL=redis_url, GRANIAN_WORKERS=str(workers))
        self.log = workdir / "reflex.log"
        self.start()

    def start(self) -> None:
        """Start (or start again, on the same port and database) and wait until it serves."""
        port = self.url.rsplit(":", 1)[1]
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                ["reflex", "run", "--env", "prod", "--backend-port", port, "--backend-host", "127.0.0.1"],
                cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
        started = time.monotonic()
        while not (_ready(self.url + "/ping") and _ready(self.url + "/")):
            if self.process.poll() is not None or time.monotonic() - started > START_TIMEOUT:
                self.stop()
                raise RuntimeError(f"app did not start; log:\n{self.log.read_text(errors='replace')[-4000:]}")
            time.sleep(0.5)
        self.start_seconds = time.monotonic() - started

    @property
    def mode(self) -> str:
        return f"Redis, {self.workers} workers" if self.redis_url else "single process"

    def worker_pids(self) -> list[int]:
        """Backend worker processes: granian forks them from the ``reflex run`` process."""
        return [c.pid for c in psutil.Process(self.process.pid).children()]

    def stop(self) -> list[str]:
        """Stop the whole process group; return what is still alive afterwards."""
        pgid = self.process.pid
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
