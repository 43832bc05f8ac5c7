"""The waiting-room display survives a backend restart: it shows a discreet "reconnecting" notice
and is correct again by itself afterwards, including calls made while it was cut off."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from terminsystem import settings
from terminsystem.domain.checkin import CheckinPolicy
from terminsystem.services import actions, checkin, queue

from ..helpers import appointment_today, team_id
from .live import open_display
from .test_live_loop import person


def test_display_reconnects_after_backend_restart_and_catches_up(app, browser):
    # The session's app is restarted on its own port: a second app would rebuild the shared
    # frontend (.web) for another port under the feet of the first.
    try:
        context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="de-DE")
        page = context.new_page()
        console: list[str] = []  # shown if the notice never comes: what the socket client said
        page.on("console", lambda message: console.append(message.text))
        display = open_display(page, app)
        expect(display.locator("main")).to_be_visible()

        assert app.stop() == []
        notice = display.get_by_role("status").filter(has_text="Verbindung wird wiederhergestellt")
        try:
            expect(notice).to_be_visible(timeout=15_000)
        except AssertionError:
            print("display console:", *console[-30:], sep="\n  ")
            raise

        # While the display is cut off, a person checks in and is called (the database is the truth).
        appointment, token, _ = appointment_today(app.engine, "duldung", person("Rahimi", "Nesrin", date(1999, 5, 5)))
        number = checkin.by_token(token, now=settings.now(), policy=CheckinPolicy(), engine=app.engine).call_number
        room = queue.rooms(engine=app.engine)[2]
        assert actions.act("call", appointment, team_id=team_id(app.engine, "humanitaer"), room_id=room[0],
                           now=settings.now(), engine=app.engine).number == number

        app.start()
        expect(display.get_by_role("status").filter(has_text="Verbindung wird wiederhergestellt")).to_have_count(
            0, timeout=30_000)
        expect(display.locator("#current-calls li", has_text=number)).to_contain_text(room[1], timeout=30_000)
        context.close()
    finally:
        if app.process.poll() is not None:
            app.start()
