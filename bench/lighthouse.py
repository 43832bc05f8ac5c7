"""Lighthouse (12.8.2, offline with Debian's Chromium) on the booking page and the kiosk, in German
and Arabic: accessibility, performance and best-practices scores.

    python -m bench.lighthouse            # installs lighthouse into .tools/lighthouse on first use

The app runs as in the e2e tests (``reflex run --env prod`` on a free port, its own database); the
kiosk gets an enrolled device's cookie. About 15 s and 300 MB per page.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from terminsystem import settings
from terminsystem.services import devices
from terminsystem.web import cookies
from tests.e2e.server import CHROMIUM, RunningApp

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / ".tools" / "lighthouse"
BIN = TOOL / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "performance", "best-practices")


def install() -> None:
    if not BIN.exists():
        subprocess.run(["npm", "install", "--silent", "--no-fund", "--no-audit", "--prefix", str(TOOL),
                        "lighthouse@12.8.2"], check=True)


def score(url: str, headers: dict[str, str] | None = None) -> dict[str, int]:
    command = [str(BIN), url, "--quiet", "--output=json", "--output-path=stdout",
               f"--only-categories={','.join(CATEGORIES)}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    if headers:
        command.append(f"--extra-headers={json.dumps(headers)}")
    report = json.loads(subprocess.run(command, check=True, capture_output=True, text=True,
                                       env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin"}).stdout)
    failed = [a["id"] for a in report["audits"].values()
              if a.get("score") == 0 and a["id"] in {r["id"] for r in report["categories"]["accessibility"]["auditRefs"]}]
    return {**{c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}, "a11y_failed": failed}


def main() -> None:
    install()
    with tempfile.TemporaryDirectory() as tmp:
        app = RunningApp(Path(tmp))
        try:
            now = settings.now()
            _, code = devices.create(kind="kiosk", name="lighthouse", now=now, engine=app.engine)
            secret, _ = devices.enrol(code, client="lighthouse", now=now, engine=app.engine)
            kiosk = {"Cookie": f"{cookies.DEVICE}={secret}"}
            for name, path, headers in (("booking de", "/?lang=de", None), ("booking ar", "/?lang=ar", None),
                                        ("manage de", "/termin?lang=de", None), ("kiosk de", "/kiosk", kiosk)):
                print(f"{name:<12} {score(app.url + path, headers)}", flush=True)
        finally:
            app.stop()


if __name__ == "__main__":
    main()
