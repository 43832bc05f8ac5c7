"""A discreet, translated notice while the websocket reconnects (replaces Reflex's toast)."""

import reflex as rx
from reflex_components_core.core.banner import has_connection_errors

from .text import T


def connection_notice() -> rx.Component:
    return rx.cond(
        has_connection_errors,
        rx.el.div(T("conn.reconnecting"), role="status", class_name="ts-reconnecting"),
    )
