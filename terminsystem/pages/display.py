"""The waiting-room display: large call numbers and rooms, recent calls, a clock, a chime."""

import reflex as rx

from .. import i18n
from ..components.connection import connection_notice
from ..components.device import device_pending, device_script, not_set_up
from ..state.display import DisplayState as D

SECONDS_PER_LANGUAGE = 4


def both(key: str) -> rx.Component:
    """A display label in German, and next to it the other languages in turn, a few seconds each
    (a CSS animation: the room is shared by everybody, and nothing is sent for it)."""
    others = i18n.languages()[1:]
    cycle = SECONDS_PER_LANGUAGE * len(others)
    return rx.el.span(
        i18n.translate("de", key),
        rx.el.span(" · ", class_name="ts-en"),
        rx.el.span(
            *[rx.el.span(i18n.translate(lang, key), custom_attrs={"lang": lang, "dir": i18n.direction(lang)},
                         style={"animation_duration": f"{cycle}s", "animation_delay": f"{i * SECONDS_PER_LANGUAGE}s"})
              for i, lang in enumerate(others)],
            class_name="ts-en ts-rotate",
        ),
    )


def current_call(c: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.span(c["number"], class_name="ts-board-number"),
        rx.el.span("→", class_name="ts-board-arrow", aria_hidden="true"),
        rx.el.span(both("display.room"), " ", c["room"], class_name="ts-board-room"),
        class_name=rx.cond(c["fresh"] == "yes", "ts-board-call ts-board-fresh", "ts-board-call"),
    )


def display_page() -> rx.Component:
    return rx.fragment(
        rx.cond(
            D.enrolled == "yes",
            board(),
            rx.cond(D.enrolled == "no", not_set_up(), device_pending()),
        ),
        # Every 20 s: check the device again and reload (also when it was not set up a moment ago).
        rx.moment(interval=20000, on_change=D.load, display="none"),
    )


def board() -> rx.Component:
    return rx.el.div(
        device_script(),
        connection_notice(),
        rx.el.header(
            rx.el.h1(both("display.now")),
            rx.moment(interval=1000, format="HH:mm", class_name="ts-board-clock", tz="Europe/Berlin"),
            class_name="ts-board-header",
        ),
        rx.el.main(
            rx.cond(
                D.current.length() > 0,
                rx.el.ol(rx.foreach(D.current, current_call), class_name="ts-board-current", id="current-calls"),
                rx.el.p(both("display.empty"), class_name="ts-board-empty"),
            ),
            rx.el.section(
                rx.el.h2(both("display.earlier")),
                rx.el.ol(rx.foreach(D.earlier, lambda c: rx.el.li(
                    rx.el.span(c["number"], class_name="ts-number"), " → ", c["room"])), class_name="ts-board-earlier",
                    id="earlier-calls"),
                class_name="ts-board-history",
            ),
        ),
        rx.cond(D.chime > 0, rx.el.audio(src="/chime.wav", auto_play=True, key=D.chime.to_string())),
        class_name=rx.cond(D.ready, "ts-board ts-board-ready", "ts-board"),
    )
