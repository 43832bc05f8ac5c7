"""The kiosk at the entrance: check in by QR code (hand scanner) or by date of birth."""

import reflex as rx

from ..components.connection import connection_notice
from ..components.device import device_pending, device_script, not_set_up
from ..components.direction import directed
from ..components.keypad import digit_keypad, letter_keypad
from ..components.layout import language_switch
from ..components.qr_camera import qr_camera
from ..components.text import T
from ..state.kiosk import RESULT_SECONDS
from ..state.kiosk import KioskState as K


def restart_button(label_key: str = "kiosk.cancel") -> rx.Component:
    # kiosk.js clears what was typed on this button's click (no script is sent from the server).
    return rx.el.button(
        T(label_key),
        on_click=K.restart,
        id="kiosk-restart",
        type="button",
        class_name="ts-kiosk-secondary",
    )


def start_screen() -> rx.Component:
    return rx.el.div(
        rx.el.section(
            rx.heading(T("kiosk.scan.title"), as_="h2", size="8"),
            rx.text(T("kiosk.scan.hint"), size="6"),
            rx.icon("qr-code", size=120, class_name="ts-kiosk-scan-icon", aria_hidden="true"),
            rx.form(
                rx.el.label(T("kiosk.scan.input"), html_for="scanner-input", class_name="ts-visually-hidden"),
                rx.el.input(id="scanner-input", name="code", auto_complete="off", class_name="ts-scanner-input",
                            auto_focus=True),
                on_submit=K.scan,
                reset_on_submit=True,
            ),
            rx.el.button(T("kiosk.camera.button"), on_click=K.start_camera, type="button",
                         class_name="ts-kiosk-secondary"),
            class_name="ts-kiosk-tile",
        ),
        rx.el.section(
            rx.heading(T("kiosk.dob.tile_title"), as_="h2", size="8"),
            rx.text(T("kiosk.dob.tile_hint"), size="6"),
            rx.icon("calendar-days", size=120, class_name="ts-kiosk-scan-icon", aria_hidden="true"),
            rx.el.button(T("kiosk.dob.button"), on_click=K.start_birth_date, type="button",
                         class_name="ts-kiosk-primary"),
            class_name="ts-kiosk-tile",
        ),
        class_name="ts-kiosk-start",
    )


def camera_screen() -> rx.Component:
    return rx.el.div(
        rx.heading(T("kiosk.camera.title"), as_="h2", size="8"),
        rx.text(T("kiosk.camera.hint"), size="5"),
        qr_camera(on_scan=K.camera_scanned, on_error=K.camera_failed, label=T("kiosk.camera.title")),
        rx.el.div(restart_button(), class_name="ts-kiosk-actions"),
        class_name="ts-kiosk-panel",
    )


def keypad_screen(kind: str, title_key: str, hint_key: str, placeholder: str, keypad: rx.Component,
                  on_submit) -> rx.Component:
    """Title, what was typed so far (only in the browser), the keypad, cancel and continue. The keys
    only change a hidden field in the browser (kiosk.js); "continue" submits it once."""
    return rx.form(
        rx.heading(T(title_key), as_="h2", size="8"),
        rx.text(T(hint_key), size="5"),
        rx.el.output(placeholder, id=f"{kind}-value", aria_live="polite", aria_label=T(f"kiosk.{kind}.value"),
                     class_name="ts-kiosk-value"),
        rx.el.input(type="hidden", name="value", id=f"{kind}-input", default_value=""),
        keypad,
        rx.el.div(
            restart_button(),
            rx.el.button(T("kiosk.next"), type="submit", class_name="ts-kiosk-primary"),
            class_name="ts-kiosk-actions",
        ),
        on_submit=on_submit,
        class_name="ts-kiosk-panel",
    )


def time_screen() -> rx.Component:
    return rx.el.div(
        rx.heading(T("kiosk.time.title"), as_="h2", size="8"),
        rx.el.div(
            rx.foreach(K.choices, lambda c: rx.el.button(c["label"], on_click=K.choose_time(c["iso"]),
                                                        type="button", class_name="ts-kiosk-choice")),
            class_name="ts-kiosk-choices",
        ),
        rx.el.div(
            restart_button(),
            rx.el.button(T("kiosk.time.not_listed"), on_click=K.time_not_listed, type="button",
                         class_name="ts-kiosk-secondary"),
            class_name="ts-kiosk-actions",
        ),
        class_name="ts-kiosk-panel",
    )


def result_screen() -> rx.Component:
    return rx.el.div(
        rx.cond(
            K.success,
            rx.el.div(
                rx.text(T("checkin.success"), size="7", weight="bold"),
                rx.text(T("kiosk.number"), size="6"),
                rx.el.div(K.call_number, class_name="ts-kiosk-number", id="call-number"),
                rx.text(T("kiosk.seat"), size="6"),
                role="status",
                class_name="ts-kiosk-success",
            ),
            rx.el.div(
                rx.heading(T("kiosk.sorry"), as_="h2", size="8"),
                rx.text(T(K.result_key), size="6"),
                role="alert",
                class_name="ts-kiosk-problem",
            ),
        ),
        rx.el.div(restart_button("kiosk.restart"), class_name="ts-kiosk-actions"),
        class_name="ts-kiosk-panel",
    )


def kiosk_page() -> rx.Component:
    return directed(K.code, K.direction, rx.cond(
        K.enrolled == "yes",
        kiosk(),
        rx.cond(K.enrolled == "no", not_set_up(), device_pending()),
    ))


def kiosk() -> rx.Component:
    return rx.el.div(
        rx.script(src="/kiosk.js"),
        device_script(),
        connection_notice(),
        rx.el.header(
            rx.el.div(
                rx.image(src="/logo.svg", alt="", width="56px", height="56px"),
                rx.el.div(
                    rx.heading(T("kiosk.title"), as_="h1", size="8"),
                    rx.text(T("kiosk.welcome"), size="5"),
                ),
                class_name="ts-kiosk-brand",
            ),
            language_switch(),
            class_name="ts-kiosk-header",
        ),
        rx.el.main(
            rx.match(
                K.screen,
                ("camera", camera_screen()),
                ("birth_date", keypad_screen("dob", "kiosk.dob.title", "kiosk.dob.hint", "__.__.____",
                                             digit_keypad(), K.submit_birth_date)),
                ("time", time_screen()),
                ("name", keypad_screen("name", "kiosk.name.title", "kiosk.name.hint", "…",
                                       letter_keypad(), K.submit_name)),
                ("result", result_screen()),
                start_screen(),
            ),
        ),
        lang=K.code,
        dir=K.direction,
        custom_attrs={"data-kiosk-screen": K.screen, "data-result-seconds": str(RESULT_SECONDS)},
        class_name="ts-kiosk",
    )
