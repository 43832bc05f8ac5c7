"""The kiosk's camera path: Chromium's fake camera plays a video of a real QR code → checked in."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import qrcode
from PIL import Image
from playwright.sync_api import expect
from sqlmodel import Session

from terminsystem.models import Appointment

from ..helpers import FIGURES, appointment_today
from .live import HUMANITAER, open_dashboard, open_kiosk
from .server import CHROMIUM, CHROMIUM_ARGS
from .test_live_loop import person

WIDTH, HEIGHT = 640, 480


def qr_video(text: str, path: Path, frames: int = 20) -> Path:
    """A Y4M video (what Chromium's fake camera plays) showing the QR code as a phone would."""
    code = qrcode.make(text, box_size=7, border=4).convert("L")
    canvas = Image.new("L", (WIDTH, HEIGHT), 235)
    canvas.paste(code, ((WIDTH - code.width) // 2, (HEIGHT - code.height) // 2))
    y, cb, cr = canvas.convert("YCbCr").split()
    chroma = (WIDTH // 2, HEIGHT // 2)
    frame = y.tobytes() + cb.resize(chroma).tobytes() + cr.resize(chroma).tobytes()
    with open(path, "wb") as f:
        f.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            f.write(b"FRAME\n" + frame)
    return path


def test_camera_scan_checks_in(app, browser, new_page, tmp_path):
    appointment_id, token, _ = appointment_today(app.engine, "reiseausweis", person("Mohammadi", "Farid", date(1990, 12, 1)))
    video = qr_video(token, tmp_path / "qr.y4m")
    dashboard = open_dashboard(new_page(), app, HUMANITAER, "1.02")
    camera_browser = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
              f"--use-file-for-fake-video-capture={video}"],
    )
    try:
        context = camera_browser.new_context(locale="de-DE", permissions=["camera"], base_url=app.url)
        kiosk = open_kiosk(context.new_page(), app, "camera")
        console: list[str] = []
        kiosk.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        elsewhere: list[str] = []  # the decoder (WebAssembly) must come from the app, not a CDN
        kiosk.on("request", lambda r: None if r.url.startswith(app.url) else elsewhere.append(r.url))
        kiosk.get_by_role("button", name="Mit der Kamera scannen").click()
        started = time.monotonic()
        expect(kiosk.locator("video[data-camera-open]")).to_be_visible()
        try:
            expect(kiosk.locator("#call-number")).to_be_visible(timeout=20_000)
        except AssertionError:
            kiosk.screenshot(path=tmp_path / "camera.png")
            playing = kiosk.evaluate("(() => { const v = document.querySelector('video'); return v && "
                                   "[v.readyState, v.videoWidth, v.currentTime, v.paused]; })()")
            with Session(app.engine) as s:
                stored = s.get(Appointment, appointment_id).status
            raise AssertionError(f"camera scan did not check in (video {playing}, appointment {stored}); "
                                 "browser console:\n" + "\n".join(console[-30:])) from None
        FIGURES.append(f"e2e camera opened → checked in: {round((time.monotonic() - started) * 1000)} ms")
        assert elsewhere == []
        number = kiosk.locator("#call-number").inner_text()
        expect(dashboard.locator("#waiting tr", has_text="Mohammadi, Farid")).to_contain_text(number)
    finally:
        camera_browser.close()
