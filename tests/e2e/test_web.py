"""Web basics (finding 6 of the security review): only the configured origin and host, a health
answer that tells nothing, security headers on every page, and a Content-Security-Policy that the
real pages satisfy in Chromium (no violation on any page or step)."""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import date

import pytest
import websocket
from playwright.sync_api import expect

from ..helpers import appointment_today
from .flow import SUBMIT, choose_concern, choose_time, fill_person, free_days, free_times
from .live import HUMANITAER, log_in, open_dashboard, open_display, open_kiosk, type_birth_date
from .test_live_loop import person

PAGES = ["/", "/kiosk/", "/anzeige/", "/anmelden/", "/team/", "/team/uebersicht/", "/admin/geraete/", "/geraet/"]
WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def get(app, path: str, headers: dict | None = None):
    request = urllib.request.Request(app.url + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, dict(r.headers), r.read().decode(errors="replace")
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode(errors="replace")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_the_security_headers(app, path):
    status, headers, body = get(app, path)
    assert status == 200 and "<html" in body
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp and "'unsafe-eval'" not in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "same-origin"
    camera = "camera=(self)" if path.startswith("/kiosk") else "camera=()"
    assert camera in headers["permissions-policy"]


def test_another_host_is_refused_and_not_reflected(app):
    status, headers, body = get(app, "/kiosk", {"Host": "evil.example"})
    assert status == 400 and "evil" not in body and "evil" not in str(headers)


def test_health_answers_only_ok(app):
    assert get(app, "/_health")[::2] == (200, "ok")


def test_other_origins_get_no_cors_and_no_websocket(app):
    _, headers, _ = get(app, "/ping", {"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in {k.lower() for k in headers}
    _, headers, _ = get(app, "/ping", {"Origin": app.url})
    assert {k.lower(): v for k, v in headers.items()}["access-control-allow-origin"] == app.url
    ws_url = app.url.replace("http://", "ws://") + "/_event/?token=x&EIO=4&transport=websocket"
    with pytest.raises(websocket.WebSocketBadStatusException):
        websocket.create_connection(ws_url, origin="https://evil.example", timeout=10)
    ok = websocket.create_connection(ws_url, origin=app.url, timeout=10)
    ok.close()


def violations(page) -> list[str]:
    return page.evaluate("window.__csp || []")


def watched(page):
    page.add_init_script(WATCH_CSP)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    return console


def test_no_page_violates_the_content_security_policy(app, new_page):
    seen: dict[str, list[str]] = {}

    # Booking, every step incl. the error state and the confirmation with its QR image.
    page = new_page(390, 844)
    console = watched(page)
    code = "eat_abholung"
    day = free_days(app, code)[0]
    choose_concern(page, app, "Abholung des elektronischen Aufenthaltstitels (eAT)")
    choose_time(page, day, free_times(app, code, day)[0])
    page.get_by_role("button", name=SUBMIT).click()
    expect(page.get_by_role("alert").first).to_be_visible()
    fill_person(page, "Csp", "Test", "01.02.1990")
    page.get_by_role("button", name=SUBMIT).click()
    expect(page.get_by_role("status").filter(has_text="Ihr Termin ist gebucht")).to_be_visible()
    seen["booking"] = violations(page) + console

    # Kiosk: start, keypad, times, result, camera (no camera in this browser: its error screen).
    born = date(1994, 4, 4)
    _, _, start = appointment_today(app.engine, "duldung", person("Policy", "Cora", born))
    kiosk = new_page()
    console = watched(kiosk)
    open_kiosk(kiosk, app, "csp")
    type_birth_date(kiosk, born.strftime("%d%m%Y"))
    kiosk.get_by_role("button", name=start.strftime("%H:%M"), exact=True).click()
    expect(kiosk.locator("#call-number")).to_be_visible()
    kiosk.get_by_role("button", name="Zurück zum Start").click()
    kiosk.get_by_role("button", name="Mit der Kamera scannen").click()
    kiosk.wait_for_timeout(1500)
    seen["kiosk"] = violations(kiosk) + console

    display = new_page(1920, 1080)
    console = watched(display)
    open_display(display, app)
    seen["display"] = violations(display) + console

    # Staff pages: login (wrong, then right), dashboard, day overview, device admin, logout.
    staff = new_page()
    console = watched(staff)
    log_in(staff, app, "admin", "falsch-falsch-falsch")
    expect(staff.get_by_role("alert")).to_be_visible(timeout=15_000)
    log_in(staff, app, "admin")
    staff.get_by_role("button", name="Starten").wait_for(timeout=15_000)
    for path in ("/team/uebersicht", "/admin/geraete", "/geraet"):
        staff.goto(app.url + path)
        staff.wait_for_timeout(800)
    staff.goto(app.url + "/team")
    staff.get_by_role("button", name="Abmelden").click()
    expect(staff.get_by_text("Sie sind abgemeldet.")).to_be_visible()
    clerk = open_dashboard(staff, app, HUMANITAER, "1.01")
    clerk.get_by_role("button", name="Dringender Fall").click()
    clerk.wait_for_timeout(500)
    seen["staff"] = violations(staff) + console

    assert seen == {"booking": [], "kiosk": [], "display": [], "staff": []}
