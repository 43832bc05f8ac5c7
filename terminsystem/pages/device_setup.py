"""Setting up a kiosk or display: the admin's one-time code turns this browser into that device.
The form posts natively to the server, which sets the device's HttpOnly cookie and opens the page."""

import reflex as rx

from .. import routes
from ..components.connection import connection_notice
from ..components.form import post_form
from ..components.text import T
from ..state.device import DeviceSetupState as S


def device_setup_page() -> rx.Component:
    return rx.el.div(
        connection_notice(),
        rx.el.main(
            rx.card(
                post_form(
                    rx.vstack(
                        rx.heading(T("devices.setup_title"), as_="h1", size="6"),
                        rx.text(T("devices.setup_hint")),
                        rx.el.label(T("devices.code"), html_for="code", class_name="ts-label"),
                        rx.el.input(id="code", name="code", default_value=S.code, key=S.code, autocomplete="off",
                                    autocapitalize="characters", spellcheck="false", class_name="ts-input",
                                    required=True),
                        rx.cond(S.notice != "", rx.callout(T(S.notice), role="alert", color_scheme="red")),
                        rx.button(T("devices.setup_submit"), type="submit", size="3"),
                        spacing="3",
                        align="stretch",
                    ),
                    action=routes.DEVICE_ENROL_POST,
                ),
                max_width="480px",
                margin="64px auto",
            ),
        ),
        class_name="ts-page",
    )
