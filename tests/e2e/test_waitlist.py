"""The waitlist in real Chromium, with the mails at a real SMTP server: a concern without a free
time leads to the join form (the proof of work solved on submit), the mail's link shows the place;
a freed seat is offered by mail and accepted (a booking with its confirmation); an offer left
unanswered goes to the next person; the link leaves the list. Offers are made by running the
matcher in the test (with the clock moved on for the expiry), not by waiting for the app's loop."""

from __future__ import annotations

import re
import uuid
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, delete, select

from terminsystem import i18n, routes, settings
from terminsystem.domain import waitlist as wl
from terminsystem.domain.personal import PersonalData
from terminsystem.mail.smtp import SmtpSettings
from terminsystem.models import Appointment, Attempt, Concern, WaitlistEntry, WaitlistPerson
from terminsystem.services import booking, manage, office_admin, outbox, schedule_admin, waitlist, waitlist_match

from ..helpers import FIGURES, letters
from .flow import choose_concern, fill_person, free_days, free_times, hydrated
from .test_keep_booking import body_text, mails_to

NAME = {"de": "Wartelisten-Probe", "en": "Waitlist trial", "ar": "تجربة قائمة الانتظار"}
SHOTS = Path("/tmp/shots")
JOIN = "Auf die Warteliste setzen"
WORKDAYS = wl.weekday_mask(range(5))
LINK = re.compile(r"https?://\S+/warteliste\?t=[A-Za-z0-9_-]+&lang=[a-z]+")


class Office:
    """A team of its own that receives on Mondays 09:00-10:00, one seat per half hour, with one
    concern: every seat in the booking horizon is booked by the fixture (``fillers``)."""

    def __init__(self, app):
        now, self.engine = settings.now(), app.engine
        team = office_admin.save_team(None, name=f"Warteliste {letters()}", active=True, room_ids=[], now=now,
                                      by=None, engine=app.engine)
        schedule_admin.save_window(team, None, weekday=0, start=time(9), end=time(10), slot_minutes=30, parallel=1,
                                   now=now, by=None, engine=app.engine)
        texts = {lang: {"name": name, "description": name, "documents": "Pass", "keywords": ""}
                 for lang, name in NAME.items()}
        self.concern_id, _ = office_admin.save_concern(None, team_id=team, group_code="other", duration_minutes=30,
                                                       sort_order=99, active=True, texts=texts, now=now, by=None,
                                                       engine=app.engine)
        self.team = team
        with Session(app.engine) as s:
            self.code = s.get(Concern, self.concern_id).code
        self.fillers: dict[int, object] = {}  # appointment id -> start
        for day in free_days(app, self.code):
            for start in free_times(app, self.code, day):
                self.fill(start)
        assert len(self.fillers) >= 4 and free_days(app, self.code) == []

    def fill(self, start) -> None:
        receipt = booking.book(concern_id=self.concern_id, start=start, person=nobody(), now=settings.now(),
                               policy=settings.booking_policy(), engine=self.engine)
        with Session(self.engine) as s:
            code = receipt.booking_code
            self.fillers[s.exec(select(Appointment.id).where(Appointment.booking_code == code)).one()] = start

    def free_one(self):
        """Cancel the latest filler booking (far ahead of any clock the tests move on); its start."""
        appointment_id = max(self.fillers, key=lambda a: self.fillers[a])
        start = self.fillers.pop(appointment_id)
        manage.cancel(appointment_id, now=settings.now(), cutoff=settings.manage_cutoff(), cooldown=None,
                      engine=self.engine)
        return start

    def close(self):
        """Switch the concern and its team off again (other tests see the office as shipped)."""
        now = settings.now()
        kept = tuple(a.id for a in schedule_admin.plan_concern_end(self.concern_id, now=now, engine=self.engine))
        office_admin.save_concern(self.concern_id, team_id=self.team, group_code="other", duration_minutes=30,
                                  sort_order=99, active=False, confirmed=kept, now=now, by=None, engine=self.engine,
                                  texts=office_admin.concern_texts(self.concern_id, engine=self.engine))
        office_admin.save_team(self.team, name=f"Warteliste {letters()}", active=False, room_ids=[], now=now, by=None,
                               engine=self.engine)


def nobody(email: str | None = None) -> PersonalData:
    born = date(1950, 1, 1) + timedelta(days=int(uuid.uuid4().int % 15000))
    return PersonalData(f"Warte{letters()}".title(), letters(5).title(), born, email)


def appointment(app, code: str) -> Appointment:
    with Session(app.engine) as s:
        return s.exec(select(Appointment).where(Appointment.booking_code == code)).one()


def entry_status(app, email: str) -> str:
    with Session(app.engine) as s:
        return s.exec(select(WaitlistEntry.status).where(WaitlistEntry.email == email)).one()


def address() -> str:
    return f"wait-{uuid.uuid4().hex[:8]}@example.org"


def mailed_link(app, mail) -> str:
    [link] = LINK.findall(body_text(mail))
    return app.url + link[link.index(routes.WAITLIST):]


def join_by_service(office: Office, email: str, client: str) -> str:
    """Somebody on the list without the browser (each from an own address: the limit per client)."""
    now, policy = settings.now(), settings.booking_policy()
    window = wl.Window(policy.first_day(now), policy.last_day(now), WORKDAYS)
    return waitlist.join(concern_id=office.concern_id, person=nobody(email), window=window, now=now, policy=policy,
                         rules=settings.waitlist_rules(), client=client, lang="de", engine=office.engine).token


def when(start) -> str:
    return i18n.translate("de", "booking.when", day=i18n.long_date(start.date(), "de"), time=start.strftime("%H:%M"))


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


@pytest.fixture(scope="module")
def office(app):
    made = Office(app)
    yield made
    made.close()


def test_join_in_the_browser_then_a_freed_seat_is_offered_and_accepted(page, app, mailbox, office):
    email = address()
    choose_concern(page, app, NAME["de"])
    expect(page.get_by_role("heading", name="Kein Termin frei? Auf die Warteliste")).to_be_visible()
    shot(page, "waitlist-panel.png")
    page.get_by_role("link", name=JOIN).click()
    expect(page.get_by_role("heading", name="Auf die Warteliste", exact=True)).to_be_visible()
    hydrated(page)
    first = settings.booking_policy().first_day(settings.now())
    expect(page.get_by_label("Frühestens am")).to_have_value(first.strftime("%d.%m.%Y"))
    expect(page.get_by_role("checkbox", name="Montag")).to_be_checked()
    fill_person(page, "Wartende", "Amal", "03.04.1988", email)
    shot(page, "waitlist-join.png")
    page.get_by_role("button", name=JOIN).click()
    expect(page.get_by_role("status").filter(has_text="Sie stehen auf der Warteliste.")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("heading", name="Ihr Platz auf der Warteliste: 1")).to_be_visible()

    [joined] = mails_to(mailbox, email)
    assert "Warteliste" in str(joined["Subject"])
    link = mailed_link(app, joined)
    assert page.locator("#waitlist-link").inner_text().endswith(link[link.index(routes.WAITLIST):].split("&")[0])
    page.goto(link)
    expect(page.get_by_role("heading", name="Ihr Eintrag in der Warteliste")).to_be_visible()
    expect(page.get_by_role("heading", name="Ihr Platz auf der Warteliste: 1")).to_be_visible()
    expect(page.get_by_text(NAME["de"], exact=True)).to_be_visible()
    expect(page.get_by_text("Wartet", exact=True)).to_be_visible()

    # A seat frees up: the matcher offers it by mail; the link holds it for the person.
    start = office.free_one()
    waitlist_match.match(now=settings.now(), engine=app.engine)
    offer = mails_to(mailbox, email, count=2)[1:]
    assert offer and "Termin frei geworden" in str(offer[0]["Subject"])
    page.goto(mailed_link(app, offer[0]))
    expect(page.get_by_role("heading", name="Ein Termin ist für Sie frei geworden")).to_be_visible()
    expect(page.get_by_role("heading", name=when(start))).to_be_visible()
    expect(page.get_by_text("Wir halten diesen Termin für Sie bis")).to_be_visible()
    shot(page, "waitlist-offer.png")
    page.get_by_role("button", name="Termin annehmen").click()
    expect(page.get_by_role("status").filter(has_text="Ihr Termin ist gebucht.")).to_be_visible()
    code = page.locator("#booking-code").inner_text().strip()
    assert appointment(app, code).starts_at == start and entry_status(app, email) == wl.BOOKED
    expect(page.get_by_text("Termin gebucht", exact=True)).to_be_visible()
    confirmation = mails_to(mailbox, email, count=3)[2:]
    assert confirmation and (code in str(confirmation[0]["Subject"]) or code in body_text(confirmation[0]))
    page.get_by_role("link", name="Termin ansehen, herunterladen oder absagen").click()
    expect(page.get_by_role("heading", name="Mein Termin")).to_be_visible()
    expect(page.get_by_role("heading", name=when(start))).to_be_visible()


def test_a_family_finding_no_time_joins_together(page, app, office):
    """Two persons on the booking page, nothing free for them: the waitlist link keeps the number,
    the join form asks for the second person too, and the entry is for both."""
    email, family = address(), "Familie" + letters()
    page.goto(app.url + "/")
    page.get_by_role("button", name=NAME["de"]).click()
    page.get_by_label("Für wie viele Personen?").select_option("2")
    page.get_by_role("button", name="Weiter zur Terminwahl").click()
    page.get_by_role("link", name=JOIN).click()
    expect(page.get_by_role("heading", name="Auf die Warteliste", exact=True)).to_be_visible()
    hydrated(page)
    expect(page.get_by_label("Für wie viele Personen?")).to_have_value("2")
    page.get_by_label("Familienname *", exact=True).fill(family)
    page.get_by_label("Vorname(n)", exact=True).fill("Amal")
    page.get_by_label("Geburtsdatum *", exact=True).fill("03.04.1988")
    page.get_by_label("E-Mail", exact=False).first.fill(email)
    page.get_by_label("Familienname (Person 2) *").fill(family)
    page.get_by_label("Vorname(n) (Person 2)").fill("Karim")
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name=JOIN).click()
    # The second person's missing date of birth is named at its field; nothing is stored yet.
    expect(page.get_by_label("Geburtsdatum (Person 2) *")).to_have_attribute("aria-invalid", "true")
    with Session(app.engine) as s:
        assert s.exec(select(WaitlistEntry).where(WaitlistEntry.email == email)).all() == []
    page.get_by_label("Geburtsdatum (Person 2) *").fill("01.02.2014")
    shot(page, "waitlist-join-family.png")
    page.get_by_role("button", name=JOIN).click()
    expect(page.get_by_role("status").filter(has_text="Sie stehen auf der Warteliste.")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Für 2 Personen", exact=True)).to_be_visible()
    shot(page, "waitlist-joined-family.png")
    with Session(app.engine) as s:
        entry = s.exec(select(WaitlistEntry).where(WaitlistEntry.email == email)).one()
        [other] = s.exec(select(WaitlistPerson).where(WaitlistPerson.entry_id == entry.id)).all()
    assert (entry.persons, entry.family_name, other.given_names, other.birth_date) == (
        2, family, "Karim", date(2014, 2, 1))
    page.goto(f"{app.url}{routes.WAITLIST}?t={page.locator('#waitlist-link').inner_text().split('t=')[-1].strip()}")
    expect(page.get_by_text("Für 2 Personen", exact=True)).to_be_visible()


def test_an_offer_left_unanswered_goes_to_the_next_person(page, app, mailbox, office):
    first, second = address(), address()
    first_token = join_by_service(office, first, "198.51.100.31")
    join_by_service(office, second, "198.51.100.32")
    start = office.free_one()
    waitlist_match.match(now=settings.now(), engine=app.engine)
    assert "Termin frei geworden" in str(mails_to(mailbox, first, count=2)[-1]["Subject"])
    assert len(mails_to(mailbox, second, count=1)) == 1  # only the joined mail

    hours = settings.waitlist_rules().offer_hours
    later = settings.now() + timedelta(hours=hours, minutes=1)
    assert waitlist_match.match(now=later, engine=app.engine).expired_offers >= 1
    # The offer mail was queued at the moved clock, so the app's sender would send it only then:
    # send what is due at that time through the same outbox, to the same SMTP server.
    assert outbox.deliver_due(now=later, settings=SmtpSettings.from_env(app.env), engine=app.engine) >= 1
    offered = mails_to(mailbox, second, count=2)
    assert len(offered) == 2 and "Termin frei geworden" in str(offered[1]["Subject"])
    assert (entry_status(app, first), entry_status(app, second)) == (wl.EXPIRED, wl.OFFERED)

    page.goto(f"{app.url}{routes.WAITLIST}?t={first_token}")
    expect(page.get_by_text("Abgelaufen", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Termin annehmen")).to_have_count(0)
    page.goto(mailed_link(app, offered[1]))
    expect(page.get_by_role("heading", name=when(start))).to_be_visible()
    expect(page.get_by_role("button", name="Termin annehmen")).to_be_visible()

    # Declining keeps the place in line; that time is not offered to this person again.
    page.get_by_role("button", name="Ablehnen").click()
    expect(page.get_by_role("status").filter(has_text="Sie bleiben auf der Warteliste")).to_be_visible()
    expect(page.get_by_text("Wartet", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Termin annehmen")).to_have_count(0)
    assert entry_status(app, second) == wl.WAITING
    office.fill(start)


def test_leave_the_list_by_the_link_and_an_unknown_link(page, app, office):
    email = address()
    token = join_by_service(office, email, "198.51.100.41")
    page.goto(f"{app.url}{routes.WAITLIST}?t={token}")
    expect(page.get_by_text("Wartet", exact=True)).to_be_visible()
    page.get_by_role("button", name="Von der Warteliste abmelden").click()
    expect(page.get_by_role("heading", name="Wirklich von der Warteliste abmelden?")).to_be_visible()
    assert entry_status(app, email) == wl.WAITING  # nothing happens before the confirmation
    page.get_by_role("button", name="Ja, abmelden").click()
    expect(page.get_by_role("status").filter(has_text="Sie haben sich von der Warteliste abgemeldet.")).to_be_visible()
    expect(page.get_by_text("Abgemeldet", exact=True)).to_be_visible()
    assert entry_status(app, email) == wl.LEFT
    page.reload()
    expect(page.get_by_text("Abgemeldet", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Von der Warteliste abmelden")).to_have_count(0)

    page.goto(f"{app.url}{routes.WAITLIST}?t={'A' * 43}")
    expect(page.get_by_role("alert")).to_have_text("Diesen Eintrag in der Warteliste gibt es nicht (mehr).")


def test_too_many_joins_from_one_address_get_a_clear_message_and_nothing_is_stored(page, app, office):
    """The browser's address has used up its joins of the hour (the limit itself is counted in the
    integration tier): the person is told so instead of a vague error, and no entry is made."""
    now, email = settings.now(), address()
    per_hour = settings.waitlist_rules().per_client_hour
    with Session(app.engine) as s:
        s.add_all(Attempt(kind=waitlist.JOINED, key="127.0.0.1", at=now) for _ in range(per_hour))
        s.commit()
    try:
        page.goto(f"{app.url}{routes.WAITLIST_JOIN}?anliegen={office.code}")
        hydrated(page)
        fill_person(page, "Limit" + letters(), "Ada", "11.08.1979", email)
        page.get_by_role("button", name=JOIN).click()
        expect(page.get_by_role("alert")).to_have_text(i18n.translate("de", "error.too_many_waitlist_joins"),
                                                       timeout=10_000)
        with Session(app.engine) as s:
            assert s.exec(select(WaitlistEntry).where(WaitlistEntry.email == email)).all() == []
    finally:
        with Session(app.engine) as s:
            s.exec(delete(Attempt).where(Attempt.kind == waitlist.JOINED, Attempt.at >= now))
            s.commit()


def test_the_join_form_in_arabic_reads_right_to_left_without_overflow(phone, app, office):
    phone.goto(f"{app.url}{routes.WAITLIST_JOIN}?anliegen={office.code}&lang=ar")
    expect(phone.locator("html[dir=rtl]")).to_have_count(1)
    expect(phone.get_by_role("heading", name=i18n.translate("ar", "waitlist.join.title"))).to_be_visible()
    expect(phone.get_by_text(NAME["ar"], exact=True)).to_be_visible()
    phone.get_by_role("button", name=i18n.translate("ar", "waitlist.join.submit")).click()
    expect(phone.get_by_text(i18n.translate("ar", "field.waitlist_email_required"))).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    boxes = phone.locator("form .ts-input").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })")
    assert boxes and all(0 <= left and right <= 360 for left, right in boxes)
    shot(phone, "waitlist-join-ar.png")
    FIGURES.append(f"e2e waitlist join form (ar, 360 px): {len(boxes)} inputs inside the viewport")
