"""Proof of work in real Chromium and against scripted clients: the widget solves the challenge when
the form is sent (no click, no third party), a solution counts once, a client without one gets
nothing, and a script that does the work itself is slowed down but treated like anybody."""

from __future__ import annotations

import json
import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import altcha
from playwright.sync_api import expect
from sqlmodel import Session, delete, func, select

from terminsystem import i18n, settings
from terminsystem.domain.personal import PersonalData
from terminsystem.models import Appointment, Attempt
from terminsystem.services import availability, booking
from terminsystem.state.booking import BookingState
from terminsystem.state.manage import ManageState

from ..helpers import concern_id, letters
from .flow import SUBMIT, choose_concern, choose_time, fill_person, free_days, free_times, hydrated
from .wire import Wire

PAYLOAD = re.compile(r'"altcha"\s*[,:]\s*"([A-Za-z0-9+/=]{100,})"')  # form data goes as [name, value] pairs


def count(app) -> int:
    with Session(app.engine) as s:
        return s.exec(select(func.count()).select_from(Appointment)).one()


def changed(wire: Wire, var: str, since: int = 0) -> list:
    """Every value the server sent for the state var ``var`` since message ``since``."""
    return [changes[f"{var}_rx_state_"] for m in wire.received[since:] for changes in m.get("delta", {}).values()
            if f"{var}_rx_state_" in changes]


def solve(challenge_json: str) -> str:
    """What a script that does the work itself sends: the solution of the challenge it was given."""
    challenge = altcha.Challenge.from_dict(json.loads(challenge_json))
    return altcha.Payload(challenge, altcha.solve_challenge(challenge, derive_key=altcha.derive_key_pbkdf2)).to_base64()


def booked_by_wire(app, code: str, day: date, start, family: str, proof: str | None) -> tuple[Wire, int]:
    """A scripted client goes through the booking steps and sends the form (with ``proof``, if any)."""
    wire = Wire(app, "/")
    wire.send(BookingState.load, {})
    wire.send(BookingState.choose_concern, {"concern_id": str(concern_id(app.engine, code))})
    wire.send(BookingState.to_calendar, {})
    wire.send(BookingState.choose_day, {"iso": day.isoformat()})
    wire.send(BookingState.choose_time, {"iso": start.isoformat()})
    form = {"family_name": family, "given_names": "Bot", "birth_date": "01.01.1990", "email": "", "consent": True}
    if proof == "solve":
        proof = solve(changed(wire, "challenge")[-1])
    if proof is not None:
        form["altcha"] = proof
    since = len(wire.received)
    wire.send(BookingState.submit, {"form": form})
    return wire, since


def test_the_browser_solves_the_proof_on_submit_and_a_replayed_solution_is_refused(page, app, report):
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(str(frame))))
    code = "blaue_karte"
    day = free_days(app, code)[-1]
    start = free_times(app, code, day)[-1]
    choose_concern(page, app, "Blaue Karte EU")
    choose_time(page, day, start)
    family = "Proof" + letters()
    fill_person(page, family, "Ada", "23.06.1991")
    before = count(app)
    began = time.perf_counter()
    page.get_by_role("button", name=SUBMIT).click()
    expect(page.get_by_role("status").filter(has_text="Ihr Termin ist gebucht")).to_be_visible(timeout=15_000)
    took = time.perf_counter() - began
    report(f"proof of work (cost {settings.proof_cost()}) solved in Chromium: submit -> booked in {took:.2f} s")
    assert count(app) == before + 1
    booking_code = page.locator("#booking-code").inner_text().strip()
    payloads = [m.group(1) for frame in sent for m in PAYLOAD.finditer(frame)]
    assert len(payloads) == 1, "the form carried one solution"

    # The same solution once more, by a script, on the manage page: refused, nothing found.
    wire = Wire(app, "/termin")
    try:
        for proof, key in ((payloads[0], "proof.used"), (None, "proof.missing"), ("AAAA" * 40, "proof.invalid")):
            since = len(wire.received)
            form = {"booking_code": booking_code, "birth_date": "23.06.1991"}
            wire.send(ManageState.find, {"form": form if proof is None else {**form, "altcha": proof}})
            assert changed(wire, "notice", since)[-1] == key
            assert "view" not in changed(wire, "screen", since)
        # A script that does the work gets the answer like anybody: the proof is a cost, not a ban.
        since = len(wire.received)
        wire.send(ManageState.find, {"form": {"booking_code": booking_code, "birth_date": "23.06.1991",
                                              "altcha": solve(changed(wire, "challenge")[-1])}})
        assert changed(wire, "screen", since)[-1] == "view"
    finally:
        wire.close()


def test_a_form_sent_before_the_widget_is_there_waits_for_it_and_goes_with_a_proof(page, app):
    """Sent while the widget's code is still on the way (a slow line): the form is not sent without
    proof (which the server would refuse) but held — the person reads that the check is running —
    and goes with a solution once the widget came."""
    code = "blaue_karte"
    day = free_days(app, code)[0]
    receipt = booking.book(
        concern_id=concern_id(app.engine, code), start=free_times(app, code, day)[0],
        person=PersonalData(family_name="Slow" + letters(), given_names="Line", birth_date=date(1984, 2, 29),
                            email=None),
        now=settings.now(), policy=settings.booking_policy(), engine=app.engine)
    held: list = []
    page.route(re.compile(r"/altcha-[^/]*\.js$"), lambda route: held.append(route))  # the widget's chunk, answered later
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(str(frame))))
    page.goto(app.url + "/termin")
    hydrated(page)
    page.get_by_label("Buchungscode").fill(receipt.booking_code)
    page.get_by_label("Geburtsdatum").fill("29.02.1984")
    page.get_by_role("button", name="Termin anzeigen").click()
    page.wait_for_timeout(1500)
    assert held, "the page asked for the widget's code"
    assert not any("manage_state.find" in frame for frame in sent), "nothing was sent without proof"
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text=i18n.translate("de", "proof.verifying"))).to_be_visible()
    for route in held:
        route.continue_()
    expect(page.get_by_role("heading", name="Mein Termin")).to_be_visible()
    finds = [frame for frame in sent if "manage_state.find" in frame]
    assert len(finds) == 1 and PAYLOAD.search(finds[0]), "sent once, with a solution"


def test_a_scripted_booking_without_proof_books_nothing(app):
    code = "verpflichtungserklaerung"
    day = free_days(app, code)[-1]
    start = free_times(app, code, day)[-1]
    before = count(app)
    for proof, key in ((None, "proof.missing"), ("", "proof.missing"), ("x" * 5000, "proof.invalid")):
        wire, since = booked_by_wire(app, code, day, start, "Skript" + letters(), proof)
        try:
            assert changed(wire, "notice", since)[-1] == key
            assert not any(changed(wire, "booking_code", since))
        finally:
            wire.close()
    assert count(app) == before
    wire, since = booked_by_wire(app, code, day, start, "Skript" + letters(), "solve")
    try:
        assert any(changed(wire, "booking_code", since)), changed(wire, "notice", since)
    finally:
        wire.close()
    assert count(app) == before + 1


def test_too_many_lookups_get_a_clear_message(page, app):
    """The address has used up its wrong lookups (the limit itself is counted in the integration
    tier): the person is told so, in their language, instead of "not found"."""
    now = settings.now()
    with Session(app.engine) as s:
        s.add_all(Attempt(kind="manage", key="127.0.0.1", at=now) for _ in range(1000))  # the app's e2e limit
        s.commit()
    try:
        page.goto(app.url + "/termin?lang=en")
        page.get_by_label("Booking code").fill("ABCD-EFGH")
        page.get_by_label("Date of birth").fill("23.06.1991")
        page.get_by_role("button", name=i18n.translate("en", "manage.find.submit")).click()
        expect(page.get_by_role("alert")).to_have_text(i18n.translate("en", "manage.too_many"), timeout=10_000)
    finally:
        with Session(app.engine) as s:
            s.exec(delete(Attempt).where(Attempt.kind == "manage", Attempt.at == now))
            s.commit()


def test_load_scripted_attempts_without_proof_book_nothing_and_with_proofs_capacity_holds(app, report):
    """``TS_LOAD_ATTEMPTS`` (200) scripted booking attempts without proof from 20 socket clients at
    once book nothing; then 12 clients that each solved their own challenge race for one time:
    exactly its free seats are booked, the others are told it is taken."""
    attempts = int(os.environ.get("TS_LOAD_ATTEMPTS", "200"))
    code = "familie_ehegatte"
    day = free_days(app, code)[-1]
    start = free_times(app, code, day)[-2]
    before = count(app)
    clients = 20

    def without_proof(n: int) -> list[str]:
        wire, _ = booked_by_wire(app, code, day, start, "Last" + letters(), None)
        try:
            keys = []
            for _ in range(attempts // clients - 1):
                since = len(wire.received)
                wire.send(BookingState.submit, {"form": {"family_name": "Last" + letters(), "birth_date": "01.01.1990",
                                                         "consent": True, "altcha": ["x"] if n % 2 else ""}})
                keys += changed(wire, "notice", since)
            return keys
        finally:
            wire.close()

    began = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        notices = [k for keys in pool.map(without_proof, range(clients)) for k in keys]
    report(f"load: {attempts} booking attempts without proof from {clients} socket clients: "
           f"{count(app) - before} booked, {time.perf_counter() - began:.1f} s")
    assert count(app) == before
    assert set(notices) <= {"proof.missing", "proof.invalid"}

    free = next(t.free for t in availability.times(concern_id=concern_id(app.engine, code), day=day,
                                                    now=settings.now(), policy=settings.booking_policy(),
                                                    engine=app.engine) if t.start == start)
    racers = 12
    barrier = threading.Barrier(racers)

    def with_proof(_):
        wire = Wire(app, "/")
        try:
            for handler, payload in ((BookingState.load, {}),
                                     (BookingState.choose_concern, {"concern_id": str(concern_id(app.engine, code))}),
                                     (BookingState.to_calendar, {}), (BookingState.choose_day, {"iso": day.isoformat()}),
                                     (BookingState.choose_time, {"iso": start.isoformat()})):
                wire.send(handler, payload)
            proof = solve(changed(wire, "challenge")[-1])
            barrier.wait()
            since = len(wire.received)
            wire.send(BookingState.submit, {"form": {"family_name": "Rennen" + letters(), "birth_date": "01.01.1990",
                                                     "consent": True, "altcha": proof}}, timeout=30)
            return "booked" if any(changed(wire, "booking_code", since)) else changed(wire, "notice", since)[-1]
        finally:
            wire.close()

    with ThreadPoolExecutor(racers) as pool:
        outcomes = list(pool.map(with_proof, range(racers)))
    report(f"load: {racers} clients with valid proofs racing for {free} free seat(s): {sorted(outcomes)}")
    assert outcomes.count("booked") == free
    assert set(outcomes) - {"booked"} <= {"error.slot_taken", "error.slot_not_bookable"}
    assert count(app) == before + free
