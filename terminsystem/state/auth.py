"""Staff login state, and the one session guard of every staff page.

The login session lives in the HttpOnly cookie ``ts_staff`` (set by ``web.endpoints`` after the
password check), never in the page or in a Reflex var: a tab's Reflex token alone is worth nothing.
Every staff handler asks ``guard`` for the logged-in person, which reads the cookie the browser sent
when it opened the websocket and checks the session in the database each time.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import reflex as rx

from .. import routes, settings
from ..services import auth
from ..services.auth import StaffInfo
from ..web import cookies

log = logging.getLogger(__name__)
# Messages the login page shows, named in its query (``/anmelden?meldung=locked``).
NOTICES = ("fill_both", "invalid", "locked", "logged_out", "idle", "expired")


class AuthState(rx.State):
    display_name: str = ""  # the logged-in person's own name, shown in the header
    role: str = ""
    notice: str = ""

    @rx.event
    async def load_login(self):
        """The login page: the message of the last attempt (only known message keys). A session
        that must replace its initial password first (every staff page sends it here) goes on to
        the password page."""
        notice = self.router.url.query_parameters.get("meldung", "")
        self.notice = f"auth.{notice}" if notice in NOTICES else ""
        if session_token(self) and (who := await current_staff(self, touch=False)) and who.must_change_password:
            return rx.redirect(routes.PASSWORD)


def session_token(state: rx.State) -> str:
    return cookies.read(state.router.headers.cookie, cookies.STAFF)


async def current_staff(state: rx.State, *, touch: bool = True) -> StaffInfo | None:
    """The staff member of this connection's session cookie, or None (no login, logged out, idle,
    expired). With ``touch`` (a person acted) the idle timer restarts."""
    token = session_token(state)
    if not token:
        return None
    return await asyncio.to_thread(auth.resolve, token, now=settings.now(), policy=settings.auth_policy(),
                                   touch=touch)


async def guard(state: rx.State, page: str, allowed: Callable[[StaffInfo], bool] = lambda who: True, *,
                touch: bool = True) -> StaffInfo | None:
    """The logged-in staff member if they may use ``page``; otherwise the page's data is cleared
    (``state._clear()``) and None returned, and the caller sends the browser away. An account that
    must still replace its initial password may use no staff page (the login page forwards it to
    the password page)."""
    who = await current_staff(state, touch=touch)
    if who is not None and who.must_change_password:
        log.warning("%s refused to %s until the initial password is replaced", page, who.username)
        who = None
    header = await state.get_state(AuthState)  # who is logged in, whatever this page allows
    header.display_name, header.role = (who.display_name, who.role) if who else ("", "")
    if who is not None and not allowed(who):
        log.warning("%s refused to %s (role %s)", page, who.username, who.role)
    if who is None or not allowed(who):
        state._clear()
        return None
    return who
