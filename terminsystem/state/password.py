"""Setting one's own password: replacing the initial one right after such a login
(``/konto/passwort``), or with an admin's one-time link (``/konto/neues-passwort?t=…``, no login).
The passwords only pass through the handlers; they are never kept in a var."""

from __future__ import annotations

import asyncio

import reflex as rx

from .. import routes, settings
from ..domain import inputs
from ..services import passwords
from ..services.passwords import PasswordRejected
from .auth import current_staff


class PasswordState(rx.State):
    screen: str = ""  # "change" | "link" | "invalid" (link unknown, used or expired) | "done"
    username: str = ""  # the account whose password is set (for the person and their password manager)
    errors: dict[str, str] = {}  # field → message key

    def _new_password(self, form: dict) -> str | None:
        """The new password, if both fields agree (the rules are the service's)."""
        password, repeat = inputs.text(inputs.field(form, "password")), inputs.text(inputs.field(form, "repeat"))
        if not password:
            self.errors = {"password": "admin.password.missing"}
        elif password != repeat:
            self.errors = {"repeat": "admin.password.mismatch"}
        else:
            self.errors = {}
            return password
        return None

    async def _pending(self):
        """The logged-in person who must still replace the initial password; otherwise where to go."""
        who = await current_staff(self)
        if who is None:
            return None, rx.redirect(routes.LOGIN)
        if not who.must_change_password:
            return None, rx.redirect(routes.CLERK)
        return who, None

    @rx.event
    async def load_change(self):
        self.errors = {}
        who, away = await self._pending()
        if who is None:
            self.screen, self.username = "", ""
            return away
        self.screen, self.username = "change", who.username

    @rx.event
    async def change(self, form: dict):
        who, away = await self._pending()
        if who is None:
            return away
        if (password := self._new_password(form)) is None:
            return
        try:
            await asyncio.to_thread(passwords.replace_initial, who, password, now=settings.now())
        except PasswordRejected as err:
            if err.key == passwords.STALE:  # reset by an admin meanwhile: log in again
                return rx.redirect(routes.LOGIN)
            self.errors = {"password": err.key}
            return
        self.screen, self.username = "", ""
        return rx.redirect(routes.CLERK)

    def _link_token(self) -> str:
        """The link's token, from the page's address (never kept in a var: the link is the secret)."""
        return self.router.url.query_parameters.get("t", "")

    @rx.event
    async def load_link(self):
        self.errors = {}
        username = await asyncio.to_thread(passwords.link_account, self._link_token(), now=settings.now())
        self.screen, self.username = ("link", username) if username else ("invalid", "")

    @rx.event
    async def redeem(self, form: dict):
        if self.screen != "link":
            return
        if (password := self._new_password(form)) is None:
            return
        try:
            await asyncio.to_thread(passwords.redeem_link, self._link_token(), password, now=settings.now())
        except PasswordRejected as err:
            if err.key != passwords.LINK_INVALID:
                self.errors = {"password": err.key}
                return
            self.screen = "invalid"
        else:
            self.screen = "done"
        self.username = ""
