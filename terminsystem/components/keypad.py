"""Touch keypads for the kiosk. Keys only change a buffer in the browser (assets/kiosk.js)."""

import reflex as rx

from .text import T

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ"


def _key(label: str, script: str, aria_label: rx.Var | str | None = None, wide: bool = False) -> rx.Component:
    return rx.el.button(
        label,
        on_click=rx.call_script(script),
        aria_label=label if aria_label is None else aria_label,
        type="button",
        class_name="ts-key ts-key-wide" if wide else "ts-key",
    )


def digit_keypad() -> rx.Component:
    keys = [_key(d, f"tsKey('dob','{d}')") for d in "123456789"]
    keys += [rx.el.div(), _key("0", "tsKey('dob','0')"), _key("⌫", "tsBack('dob')", T("kiosk.delete"))]
    return rx.el.div(*keys, class_name="ts-keypad ts-keypad-digits")


def letter_keypad() -> rx.Component:
    keys = [_key(ch, f"tsKey('name','{ch}')") for ch in LETTERS]
    keys.append(_key("⌫", "tsBack('name')", T("kiosk.delete_letter"), wide=True))
    return rx.el.div(*keys, class_name="ts-keypad ts-keypad-letters")
