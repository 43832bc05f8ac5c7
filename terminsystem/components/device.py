"""What a kiosk or display page shows in a browser that is not an enrolled device of the office:
a neutral notice, nothing of the kiosk or the board."""

import reflex as rx

from .. import routes
from .text import T


def not_set_up() -> rx.Component:
    return rx.el.main(
        rx.el.div(
            rx.image(src="/logo.svg", alt="", width="56px", height="56px"),
            rx.heading(T("devices.not_set_up"), as_="h1", size="7"),
            rx.text(T("devices.not_set_up_hint"), size="4"),
            rx.link(T("devices.setup_link"), href=routes.DEVICE_SETUP, size="3"),
            class_name="ts-device-notice",
        ),
        id="device-not-set-up",
        class_name="ts-page ts-flow",
    )


def device_pending() -> rx.Component:
    """Until the server has checked the device (a moment after the page opened)."""
    return rx.el.main(class_name="ts-page", aria_busy="true")


def device_script() -> rx.Component:
    return rx.script(src="/device.js")
