"""Every handler tolerates wrong types and any Unicode (finding 7 of the security review): forged
events with lists, objects, numbers, null, huge strings, look-alike digits and control characters,
sent to every public handler of every state — without a session, from an enrolled kiosk and with an
admin's session — never make a handler fail (no traceback in the log, no generic error toast), and
odd booking fields get field errors, not a crash."""

from __future__ import annotations

import inspect
import re

from terminsystem.state.auth import AuthState
from terminsystem.state.booking import BookingState
from terminsystem.state.clerk import ClerkState
from terminsystem.state.device import DeviceSetupState
from terminsystem.state.devices import DeviceAdminState
from terminsystem.state.display import DisplayState
from terminsystem.state.kiosk import KioskState
from terminsystem.state.lang import LangState
from terminsystem.state.manage import ManageState
from terminsystem.state.overview import OverviewState
from terminsystem.state.password import PasswordState
from terminsystem.state.staff_admin import StaffAdminState
from terminsystem.state.urgent_request import UrgentRequestState
from terminsystem.state.urgent_triage import UrgentTriageState
from terminsystem.state.waitlist import WaitlistState
from terminsystem.state.waitlist_join import WaitlistJoinState

from ..helpers import concern_id
from .flow import free_days, free_times
from .live import enrol, log_in
from .wire import Wire

STATES = (LangState, BookingState, ManageState, UrgentRequestState, WaitlistJoinState, WaitlistState, KioskState,
          DisplayState, AuthState, ClerkState, OverviewState, UrgentTriageState, DeviceAdminState, DeviceSetupState,
          StaffAdminState, PasswordState)
ODD = [None, True, 1.5, -1, 10**30, [], {}, {"a": [1, {"b": None}]}, "x" * 5000, "²", "٣٣", "1" * 30,
       "\u202e\u0000\u200b", "<script>alert(1)</script>", {"form": "not a form"}]


def handlers():
    for state_cls in STATES:
        for name, handler in state_cls.event_handlers.items():
            params = [p.name for p in inspect.signature(handler.fn).parameters.values() if p.name != "self"]
            yield f"{state_cls.__name__}.{name}", handler, params


def fuzz(wire: Wire) -> int:
    sent = 0
    for _, handler, params in handlers():
        for value in ODD:
            wire.send(handler, {p: value for p in params})
            sent += 1
        wire.send(handler, {})  # arguments missing altogether
        sent += 1
    wire.send("reflex___state____state.no_such_handler", {"x": 1})  # a name that does not exist
    return sent + 1


def failures(app) -> list[str]:
    log = app.log.read_text(errors="replace")
    return re.findall(r"event handler failed[^\n]*|Traceback[^\n]*|Error processing event[^\n]*", log)


def cookies_of(page) -> str:
    return "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())


def test_odd_values_for_every_handler_never_make_it_fail(app, new_page, report):
    before = failures(app)
    kiosk_page, admin_page = new_page(), new_page()
    enrol(kiosk_page, app, "kiosk", "fuzz")
    log_in(admin_page, app, "admin")
    admin_page.get_by_role("button", name="Starten").wait_for(timeout=15_000)
    sent = 0
    for path, cookie in (("/", ""), ("/kiosk", cookies_of(kiosk_page)), ("/team", cookies_of(admin_page))):
        wire = Wire(app, path, cookie=cookie)
        try:
            if path == "/team":  # a dashboard in use, so that the clerk's handlers get past "choose a room"
                wire.send(ClerkState.load, {})
                wire.send(ClerkState.choose, {"form": {"team": "1", "room": "1"}})
            sent += fuzz(wire)
            text = wire.text()
        finally:
            wire.close()
        assert "backend_error" not in text  # the generic error toast
    report(f"e2e odd input: {sent} forged events to {sum(1 for _ in handlers())} handlers, 3 kinds of client")
    assert failures(app) == before


def test_odd_booking_fields_get_field_errors(app):
    code = "verpflichtungserklaerung"
    day = free_days(app, code)[0]
    start = free_times(app, code, day)[0]
    wire = Wire(app, "/")
    try:
        wire.send(BookingState.load, {})
        wire.send(BookingState.choose_concern, {"concern_id": str(concern_id(app.engine, code))})
        wire.send(BookingState.to_calendar, {})
        wire.send(BookingState.choose_day, {"iso": day.isoformat()})
        wire.send(BookingState.choose_time, {"iso": start.isoformat()})
        since = len(wire.received)
        wire.send(BookingState.submit, {"form": {
            "family_name": ["Müller"], "given_names": {"x": 1}, "birth_date": 19900517,
            "email": "<script>@x.de", "consent": 1}})
        errors = [changes["errors_rx_state_"] for m in wire.received[since:] for changes in m.get("delta", {}).values()
                  if "errors_rx_state_" in changes]
    finally:
        wire.close()
    assert errors and set(errors[-1]) == {"family_name", "given_names", "birth_date", "email", "consent"}


def test_the_fuzzer_reaches_every_public_handler():
    """No handler is left out by accident, and the pages' reload from the database is not one."""
    names = {name for name, _, _ in handlers()}
    assert {"ClerkState.act", "ClerkState.transfer", "ClerkState.urgent", "KioskState.scan",
            "KioskState.submit_birth_date", "BookingState.submit", "OverviewState.unlock",
            "DeviceAdminState.revoke", "LangState.set_lang", "ManageState.find", "UrgentRequestState.submit",
            "WaitlistJoinState.submit", "WaitlistState.accept", "UrgentTriageState.offer_time"} <= names
    assert not any(name.endswith((".refresh", "._refresh")) for name in names)
