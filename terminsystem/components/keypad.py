"""Touch keypads for the kiosk. Keys only change a buffer in the browser (assets/kiosk.js reads
the ``data-ts-key`` of a pressed key): nothing is sent per key, and no script comes from the server."""

import reflex as rx

from .text import T

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ"


def _key(label: str, action: str, aria_label: rx.Var | str | None = None, wide: bool = False) -> rx.Component:
    return rx.el.button(
        label,
        custom_attrs={"data-ts-key": action},
        aria_label=label if aria_label is None else aria_label,
        type="button",
        class_name="ts-key ts-key-wide" if wide else "ts-key",
    )


def digit_keypad() -> rx.Component:
    keys = [_key(d, f"dob:{d}") for d in "123456789"]
    keys += [rx.el.div(), _key("0", "dob:0"), _key("⌫", "dob:back", T("kiosk.delete"))]
    return rx.el.div(*keys, class_name="ts-keypad ts-keypad-digits")


def letter_keypad() -> rx.Component:
    keys = [_key(ch, f"name:{ch}") for ch in LETTERS]
    keys.append(_key("⌫", "name:back", T("kiosk.delete_letter"), wide=True))
    return rx.el.div(*keys, class_name="ts-keypad ts-keypad-letters")
