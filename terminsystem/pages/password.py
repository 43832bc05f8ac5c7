"""Setting one's own password: after a login with an initial password, or with a one-time link."""

import reflex as rx

from .. import routes
from ..components.connection import connection_notice
from ..components.form import field
from ..components.staff import logout_form
from ..components.text import T
from ..state.password import PasswordState as P


def _card(*children: rx.Component) -> rx.Component:
    return rx.el.div(
        connection_notice(),
        rx.el.main(rx.card(rx.vstack(*children, spacing="3", align="stretch"), max_width="460px",
                           margin="64px auto"), class_name="ts-flow"),
        class_name="ts-page",
    )


def _form(on_submit, submit_key: str) -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.box(
                rx.el.label(T("auth.username"), html_for="account", class_name="ts-label"),
                # Read-only, so that a password manager files the new password under the right account.
                rx.el.input(id="account", name="account", value=P.username, read_only=True,
                            auto_complete="username", class_name="ts-input"),
            ),
            field("password", "admin.password.new", P.errors, hint_key="admin.password.rules", type="password",
                  auto_complete="new-password", required=True, max_length=200),
            field("repeat", "admin.password.repeat", P.errors, type="password", auto_complete="new-password",
                  required=True, max_length=200),
            rx.cond(P.errors.length() > 0, rx.callout(T("admin.password.check"), role="alert", color_scheme="red")),
            rx.button(T(submit_key), type="submit", size="3"),
            spacing="3", align="stretch",
        ),
        on_submit=on_submit,
        reset_on_submit=True,
    )


def password_change_page() -> rx.Component:
    """``/konto/passwort``: the first page after a login with an initial password."""
    return _card(
        rx.heading(T("admin.password.title"), as_="h1", size="6"),
        rx.cond(
            P.screen == "change",
            rx.fragment(
                rx.text(T("admin.password.change_intro")),
                _form(P.change, "admin.password.save"),
                rx.box(logout_form()),
            ),
        ),
    )


def password_reset_page() -> rx.Component:
    """``/konto/neues-passwort?t=…``: a one-time link from the admin, no login needed."""
    return _card(
        rx.heading(T("admin.password.title"), as_="h1", size="6"),
        rx.match(
            P.screen,
            ("link", rx.fragment(rx.text(T("admin.password.link_intro")), _form(P.redeem, "admin.password.save"))),
            ("invalid", rx.callout(T("admin.password.link_invalid"), role="alert", color_scheme="red")),
            ("done", rx.vstack(
                rx.callout(T("admin.password.link_done"), role="status", color_scheme="green"),
                rx.link(T("admin.password.to_login"), href=routes.LOGIN, class_name="ts-link"),
                align="start", spacing="3")),
            rx.fragment(),
        ),
    )
