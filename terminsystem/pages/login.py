"""Staff login: a plain form post, so that the server can set the session's HttpOnly cookie."""

import reflex as rx

from .. import routes
from ..components.connection import connection_notice
from ..components.form import post_form
from ..components.text import T
from ..state.auth import AuthState


def login_page() -> rx.Component:
    return rx.el.div(
        connection_notice(),
        rx.el.main(
            rx.card(
                post_form(
                    rx.vstack(
                        rx.heading(T("auth.title"), as_="h1", size="6"),
                        rx.el.label(T("auth.username"), html_for="username", class_name="ts-label"),
                        rx.el.input(id="username", name="username", autocomplete="username", class_name="ts-input",
                                    required=True),
                        rx.el.label(T("auth.password"), html_for="password", class_name="ts-label"),
                        rx.el.input(id="password", name="password", type="password", autocomplete="current-password",
                                    class_name="ts-input", required=True),
                        rx.cond(AuthState.notice != "",
                                rx.callout(T(AuthState.notice), role="alert", color_scheme="red")),
                        rx.button(T("auth.submit"), type="submit", size="3"),
                        spacing="3",
                        align="stretch",
                    ),
                    action=routes.STAFF_LOGIN_POST,
                ),
                max_width="420px",
                margin="64px auto",
            ),
        ),
        class_name="ts-page",
    )
