"""Walk through the booking flow in headless Chromium and save screenshots (phone and desktop).

Usage: python scripts/screenshots.py http://127.0.0.1:8000 docs/screenshots
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def walk(page, base: str, out: Path, prefix: str) -> None:
    page.goto(base + "/")
    page.get_by_role("button", name="Blaue Karte EU").wait_for()
    page.screenshot(path=out / f"{prefix}-1-concern.png", full_page=True)
    page.get_by_role("button", name="Blaue Karte EU").click()
    page.get_by_role("heading", name="Bitte bringen Sie mit").wait_for()
    page.screenshot(path=out / f"{prefix}-2-documents.png", full_page=True)
    page.get_by_role("button", name="Weiter zur Terminwahl").click()
    page.locator("button.ts-day:not([disabled])").first.click()
    page.locator(".ts-times button").first.wait_for()
    page.screenshot(path=out / f"{prefix}-3-time.png", full_page=True)
    page.locator(".ts-times button").first.click()
    page.get_by_role("button", name="Termin verbindlich buchen").click()
    page.get_by_role("alert").first.wait_for()
    page.screenshot(path=out / f"{prefix}-4-errors.png", full_page=True)
    page.get_by_label("Familienname").fill("Mustermann")
    page.get_by_label("Vorname").fill("Erika")
    page.get_by_label("Geburtsdatum").fill("12.08.1964")
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Termin verbindlich buchen").click()
    page.get_by_role("img", name="QR-Code").wait_for()
    page.screenshot(path=out / f"{prefix}-5-confirmation.png", full_page=True)


def main(base: str, out: str) -> None:
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for prefix, viewport in (("phone", {"width": 360, "height": 740}), ("desktop", {"width": 1280, "height": 900})):
            context = browser.new_context(viewport=viewport, device_scale_factor=1, locale="de-DE")
            walk(context.new_page(), base, target, prefix)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
