"""The office runs itself, in the browser: an admin adds a concern with German and English texts
and it is bookable at once; a team lead adds a seat on Wednesday and the booking calendar offers
it; an admin closes a day with bookings, sees them, cancels them and the people get mail."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, time, timedelta

from playwright.sync_api import expect
from sqlmodel import Session, select

from terminsystem import settings
from terminsystem.models import Appointment, Concern
from terminsystem.services import booking, office_admin, schedule_admin

from ..helpers import PERSON, concern_id, letters, team_id
from .flow import day_button, free_days, hydrated
from .live import log_in


def test_admin_adds_a_concern_in_two_languages_and_it_is_bookable_at_once(page, app):
    log_in(page, app, "admin")
    page.goto(app.url + "/admin/anliegen")
    page.get_by_role("button", name="Neues Anliegen").click()
    form = page.get_by_role("form", name="Anliegen bearbeiten")
    form.get_by_label("Team").select_option(label="Humanitär")
    form.get_by_label("Gruppe").select_option(value="protection")
    german = form.locator("fieldset", has_text="Deutsch")
    german.get_by_label("Name").fill("Härtefallersuchen")
    german.get_by_label("Mitzubringende Unterlagen").fill("Pass\nSchreiben der Kommission")
    english = form.locator("fieldset", has_text="English")
    english.get_by_label("Name").fill("Hardship request")
    english.get_by_label("Mitzubringende Unterlagen").fill("Passport\nLetter of the commission")
    form.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Das Anliegen ist gespeichert")
    row = page.locator("#concerns tr", has_text="Härtefallersuchen")
    expect(row).to_contain_text("fehlt: ar fa tr uk ru fr")  # the completeness marker
    try:
        person = page.context.browser.new_context(locale="en-GB").new_page()
        person.goto(app.url + "/?lang=en")
        hydrated(person)
        person.get_by_role("button", name="Hardship request").click()
        expect(person.get_by_text("Letter of the commission")).to_be_visible()
        person.get_by_role("button", name="Continue to choose a date").click()
        expect(person.locator("button.ts-day:not([disabled])").first).to_be_visible()
        with Session(app.engine) as s:
            concern = s.exec(select(Concern).where(Concern.code == "haertefallersuchen")).one()
        assert concern.team_id == team_id(app.engine, "humanitaer")  # routed to its team
        person.context.close()
    finally:
        _switch_off("haertefallersuchen", app)


def _switch_off(code: str, app) -> None:
    """Other tests expect the shipped concerns only."""
    with Session(app.engine) as s:
        c = s.exec(select(Concern).where(Concern.code == code)).first()
    if c is not None:
        office_admin.save_concern(c.id, team_id=c.team_id, group_code=c.group_code,
                                  duration_minutes=c.duration_minutes, sort_order=c.sort_order, active=False,
                                  texts=office_admin.concern_texts(c.id, engine=app.engine), confirmed=(),
                                  cancel=False, now=settings.now(), by=None, engine=app.engine)


def _fill_nine(app, day) -> None:
    for _ in range(2):
        booking.book(concern_id=concern_id(app.engine, "fachkraft"), start=datetime.combine(day, time(9)),
                     person=replace(PERSON, family_name=f"Voll{letters()}".capitalize()), now=settings.now(),
                     policy=None, engine=app.engine)


def test_team_lead_adds_a_wednesday_seat_and_the_calendar_offers_it(page, app):
    wednesday = next(d for d in free_days(app, "fachkraft") if d.weekday() == 2)
    _fill_nine(app, wednesday)  # both seats of 09:00 taken
    team = team_id(app.engine, "beschaeftigung_familie")
    window = next(w for w in schedule_admin.windows(team, engine=app.engine) if w.weekday == 2)
    def times_on_wednesday():
        person = page.context.browser.new_context(locale="de-DE").new_page()
        person.goto(app.url + "/")
        hydrated(person)
        person.get_by_role("button", name="Fachkräfte").first.click()
        person.get_by_role("button", name="Weiter zur Terminwahl").click()
        day_button(person, wednesday).click()
        expect(person.locator(".ts-times")).to_be_visible()
        return person

    person = times_on_wednesday()
    expect(person.get_by_role("button", name="09:00", exact=True)).to_have_count(0)
    person.context.close()
    try:
        log_in(page, app, "l.weber")
        page.goto(app.url + "/team/zeiten")
        row = page.locator("#windows tr", has_text="Mittwoch")
        row.get_by_label("Plätze gleichzeitig").fill("3")
        row.get_by_role("button", name="Speichern").click()
        expect(page.get_by_role("status")).to_contain_text("Die Öffnungszeit ist gespeichert")
        expect(page.locator("#windows tr", has_text="Mittwoch")).to_contain_text("60")  # seats per day
        person = times_on_wednesday()
        expect(person.get_by_role("button", name="09:00", exact=True)).to_be_visible()
        person.context.close()
    finally:
        back = dict(weekday=2, start=window.start, end=window.end, slot_minutes=window.slot_minutes,
                    parallel=window.parallel)  # as it was, keeping what was booked meanwhile
        kept = schedule_admin.plan_window(team, window.id, now=settings.now(), engine=app.engine, **back)
        schedule_admin.save_window(team, window.id, confirmed=tuple(a.id for a in kept), now=settings.now(), by=None,
                                   engine=app.engine, **back)


def test_admin_closes_a_day_with_bookings_and_the_people_get_mail(page, app, mailbox):
    day = free_days(app, "duldung")[-1]
    addresses = [f"{letters()}@example.org" for _ in range(2)]
    codes = [booking.book(concern_id=concern_id(app.engine, "duldung"), start=datetime.combine(day, time(h)),
                          person=replace(PERSON, family_name=f"Zu{letters()}".capitalize(), email=address),
                          now=settings.now(), policy=None, engine=app.engine).booking_code
             for h, address in zip((9, 10), addresses, strict=True)]
    log_in(page, app, "admin")
    page.goto(app.url + "/team/zeiten")
    page.get_by_label("Team", exact=True).select_option(label="Humanitär")
    page.get_by_label("Tag", exact=True).fill(day.isoformat())
    page.get_by_label("Grund").fill("Personalversammlung")
    page.get_by_role("button", name="Schließtag eintragen").click()
    affected = page.locator("#affected")
    for code in codes:
        expect(affected).to_contain_text(code)
    page.get_by_role("button", name="Termine absagen, benachrichtigen und speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Die betroffenen Termine sind abgesagt")
    expect(page.locator("#closed-days")).to_contain_text("Personalversammlung")
    with Session(app.engine) as s:
        states = s.exec(select(Appointment.status).where(Appointment.booking_code.in_(codes))).all()
    assert states == ["cancelled", "cancelled"]
    def withdrawn(address):  # (the booking's confirmation may have gone out before)
        return [m for m in mailbox.messages if m["To"] == address and "fällt aus" in m["Subject"]]

    deadline = datetime.now() + timedelta(seconds=30)
    while datetime.now() < deadline and not all(withdrawn(a) for a in addresses):
        page.wait_for_timeout(500)
    for address in addresses:
        [mail] = withdrawn(address)
        assert "?lang=de" in mail.get_body(("plain",)).get_content()  # a link to book another time


def _office_rows(app) -> list:
    """Everything the administration pages can change, and the admin rows of the audit trail."""
    from terminsystem.models import AuditEvent, BlockedDay, ConcernText, OpeningWindow, Room, Team, TeamRoom

    with Session(app.engine) as s:
        rows = [sorted(tuple(r.model_dump().values()) for r in s.exec(select(table)).all())
                for table in (OpeningWindow, BlockedDay, Concern, ConcernText, Team, TeamRoom, Room)]
        rows.append(len(s.exec(select(AuditEvent.id).where(AuditEvent.entity.is_not(None))).all()))
    return rows


FORGED_FORM = {"weekday": "2", "start": "08:00", "end": "18:00", "slot": "30", "parallel": "9", "window": "",
               "scope": "office", "reason": "Gefälscht", "name": "Gefälscht", "team": "1", "group": "other",
               "duration": "30", "order": "1", "active": "on", "de_name": "Gefälscht", "rooms": "", "floor": "",
               "room": ""}


def _forge_all(app, page, state, path: str, tomorrow: str) -> list[str]:
    import inspect

    from .test_sessions import cookie_header
    from .wire import Wire

    values = {"form": {**FORGED_FORM, "day": tomorrow}, "window": "1", "blocked": "1", "team": "2", "cancel": True,
              "concern": "new"}
    wire = Wire(app, path, cookie=cookie_header(page))
    sent = []
    try:
        for name, handler in state.event_handlers.items():
            wire.send(handler, {p: values.get(p, "1") for p in inspect.signature(handler.fn).parameters if p != "self"})
            sent.append(name)
    finally:
        wire.close()
    return sent


def test_a_clerk_cannot_use_the_administration_and_a_team_lead_only_their_team(app, new_page):
    """Forged websocket events with a clerk's session to every handler of the three pages, and a team
    lead's to the hours of the other team and to an office-wide closed day: nothing changes."""
    from terminsystem.state.admin_concerns import ConcernAdminState
    from terminsystem.state.admin_hours import HoursState
    from terminsystem.state.admin_office import OfficeAdminState

    tomorrow = (settings.now().date() + timedelta(days=1)).isoformat()
    before = _office_rows(app)
    clerk = new_page()
    log_in(clerk, app, "h.yilmaz")
    expect(clerk.get_by_role("button", name="Starten")).to_be_visible(timeout=15_000)
    for path in ("/team/zeiten", "/admin/anliegen", "/admin/amt"):
        clerk.goto(app.url + path)
        expect(clerk).to_have_url(re.compile(r"/(team|anmelden)/?$"))
    sent = {name for state, path in ((HoursState, "/team/zeiten"), (ConcernAdminState, "/admin/anliegen"),
                                     (OfficeAdminState, "/admin/amt"))
            for name in _forge_all(app, clerk, state, path, tomorrow)}
    assert {"save_window", "remove_window", "add_closed", "remove_closed", "save", "save_team", "save_room",
            "confirm"} <= sent
    assert _office_rows(app) == before

    lead = new_page()
    log_in(lead, app, "l.brandt")  # Humanitär: team 1; the forged events aim at team 2 and the office
    expect(lead.get_by_role("link", name="Tagesübersicht")).to_be_visible(timeout=15_000)
    other_window = str(schedule_admin.windows(team_id(app.engine, "beschaeftigung_familie"), engine=app.engine)[0].id)
    from .test_sessions import cookie_header
    from .wire import Wire

    wire = Wire(app, "/team/zeiten", cookie=cookie_header(lead))
    try:
        wire.send(HoursState.choose_team, {"team": str(team_id(app.engine, "beschaeftigung_familie"))})
        wire.send(HoursState.save_window, {"form": {**FORGED_FORM, "window": other_window}})
        wire.send(HoursState.remove_window, {"window": other_window})
    finally:
        wire.close()
    assert _office_rows(app) == before


def test_admin_sets_a_release_time_and_the_booking_page_says_when_new_days_open(page, app):
    from terminsystem import i18n
    from terminsystem.domain.schedule import BookingPolicy

    log_in(page, app, "admin")
    page.goto(app.url + "/admin/amt")
    row = page.locator("#teams tr", has=page.locator("input[value='Humanitär']"))
    row.get_by_label("Neuer Tag buchbar ab (Uhrzeit)").fill("23:59")
    row.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Das Team ist gespeichert")
    try:
        at, day = BookingPolicy(max_days_ahead=settings.booking_policy().max_days_ahead,
                                release=time(23, 59)).next_release(settings.now())
        person = page.context.browser.new_context(locale="de-DE").new_page()
        person.goto(app.url + "/")
        hydrated(person)
        person.get_by_role("button", name="Verlängerung der Duldung").click()
        person.get_by_role("button", name="Weiter zur Terminwahl").click()
        expect(person.locator("#release-note")).to_have_text(
            f"Neue Termine: Der {i18n.long_date(day, 'de')} wird am {i18n.long_date(at.date(), 'de')} um 23:59 Uhr "
            "freigeschaltet.")
        person.context.close()
    finally:
        team = team_id(app.engine, "humanitaer")
        office_admin.save_team(team, name="Humanitär", active=True, room_ids=[], release_time=None,
                               now=settings.now(), by=None, engine=app.engine)
