"""Staff login: a plain form post, so that the server can set the session's HttpOnly cookie."""

import reflex as rx

from .. import routes
from ..components.form import card_page
from ..components.text import T
from ..state.auth import AuthState


def login_page() -> rx.Component:
    return card_page(
        rx.el.label(T("auth.username"), html_for="username", class_name="ts-label"),
        rx.el.input(id="username", name="username", auto_complete="username", class_name="ts-input", required=True),
        rx.el.label(T("auth.password"), html_for="password", class_name="ts-label"),
        rx.el.input(id="password", name="password", type="password", auto_complete="current-password",
                    class_name="ts-input", required=True),
        title_key="auth.title", notice=AuthState.notice, submit_key="auth.submit", action=routes.STAFF_LOGIN_POST,
    )
