"""Setting up a kiosk or display: the admin's one-time code turns this browser into that device.
The form posts natively to the server, which sets the device's HttpOnly cookie and opens the page."""

import reflex as rx

from .. import routes
from ..components.form import card_page
from ..components.text import T
from ..state.device import DeviceSetupState as S


def device_setup_page() -> rx.Component:
    return card_page(
        rx.text(T("devices.setup_hint")),
        rx.el.label(T("devices.code"), html_for="code", class_name="ts-label"),
        rx.el.input(id="code", name="code", default_value=S.code, key=S.code, auto_complete="off",
                    auto_capitalize="characters", spell_check=False, class_name="ts-input", required=True),
        title_key="devices.setup_title", notice=S.notice, submit_key="devices.setup_submit",
        action=routes.DEVICE_ENROL_POST, width="480px",
    )
