"""Pieces shared by the staff pages."""

import reflex as rx

from .. import routes
from .form import post_form
from .text import T


def logout_form() -> rx.Component:
    """Logout is a plain form post: the server ends the session everywhere and clears the cookie."""
    return post_form(
        rx.button(T("auth.logout"), type="submit", variant="soft", color_scheme="gray", size="2"),
        action=routes.STAFF_LOGOUT_POST,
        class_name="ts-inline-form",
    )
