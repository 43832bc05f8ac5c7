"""The public pages' footer: the accessibility statement and the privacy notice, from every page."""

import reflex as rx

from .. import routes
from .text import T

# Large enough to hit with a finger (WCAG 2.5.8 asks for 24 px, the kiosk and buttons here use 44+).
LINK = {"display": "inline-block", "padding": "10px 0"}


def footer() -> rx.Component:
    return rx.el.footer(
        rx.el.nav(
            rx.link(T("footer.accessibility"), href=routes.ACCESSIBILITY, class_name="ts-link", style=LINK),
            rx.link(T("footer.privacy"), href=routes.PRIVACY, class_name="ts-link", style=LINK),
            aria_label=T("footer.label"),
            style={"display": "flex", "flex_wrap": "wrap", "gap": "8px 24px", "max_width": "960px",
                   "margin": "0 auto", "padding": "8px 16px 16px"},
        ),
        class_name="ts-no-print",
        style={"border_top": "1px solid var(--gray-a5)", "background": "var(--color-panel-solid)"},
    )
