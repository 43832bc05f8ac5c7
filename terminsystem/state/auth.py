"""Staff login. The session token lives only in a backend-only var; every staff handler asks
``staff()`` for the logged-in person, which checks the session in the database each time."""

from __future__ import annotations

import asyncio

import reflex as rx

from .. import routes, settings
from ..services import auth
from ..services.auth import StaffInfo


class AuthState(rx.State):
    display_name: str = ""  # the logged-in person's own name, shown in the header
    role: str = ""
    notice: str = ""
    _token: str = ""

    def staff(self, touch: bool = True) -> StaffInfo | None:
        """The logged-in staff member, or None after logout, idle timeout or expiry."""
        who = auth.resolve(self._token, now=settings.now(), policy=settings.auth_policy(), touch=touch)
        if who is None:
            self._token, self.display_name, self.role = "", "", ""
        return who

    def _client(self) -> str:
        return self.router.session.client_ip or "unknown"

    @rx.event
    async def login(self, form: dict):
        username, password = str(form.get("username", "")), str(form.get("password", ""))
        if not username or not password:
            self.notice = "auth.fill_both"
            return
        self.notice = ""
        yield  # the old message disappears while the attempt is checked
        # A growing pause after failures makes guessing slow (per account and per client).
        await asyncio.sleep(auth.login_delay(username.strip().lower(), self._client(), now=settings.now(),
                                             policy=settings.auth_policy()))
        try:
            token, who = auth.login(username, password, client=self._client(), now=settings.now(),
                                    policy=settings.auth_policy())
        except (auth.LoginRefused, auth.LoginLocked) as err:
            self.notice = err.key
            return
        if self._token:  # a new login ends the previous session of this browser tab
            auth.logout(self._token, now=settings.now())
        self._token, self.display_name, self.role, self.notice = token, who.display_name, who.role, ""
        yield rx.redirect(routes.CLERK)

    @rx.event
    def logout(self):
        if self._token:
            auth.logout(self._token, now=settings.now())
        self._token, self.display_name, self.role = "", "", ""
        self.notice = "auth.logged_out"
        return rx.redirect(routes.LOGIN)
