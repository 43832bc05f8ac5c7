"""The two cookies of the app. Both are HttpOnly (no script can read them), SameSite=Strict (never
sent from another site) and Secure behind TLS. The browser sends them with the websocket's opening
request; Reflex keeps that request's headers on the server (it never sends the Cookie header to the
page), so states read them from ``router.headers.cookie``."""

from __future__ import annotations

from starlette.requests import cookie_parser
from starlette.responses import Response

from .. import settings

STAFF = "ts_staff"  # a staff login session: ends at logout, after idle time and after 10 hours
DEVICE = "ts_device"  # an enrolled kiosk or display
DEVICE_MAX_AGE = 400 * 24 * 3600  # the longest lifetime Chromium accepts; renewed by the device's pages


def read(cookie_header: str, name: str) -> str:
    """The value of cookie ``name`` in a Cookie header ("" if absent or malformed)."""
    try:
        return cookie_parser(cookie_header or "").get(name, "")
    except Exception:  # a malformed header from a client is no cookie, not an error
        return ""


def put(response: Response, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/", secure=settings.secure_cookies(), httponly=True,
                        samesite="strict")


def drop(response: Response, name: str) -> None:
    response.delete_cookie(name, path="/", secure=settings.secure_cookies(), httponly=True, samesite="strict")
