"""The frame of the public pages: office header, language switch, main landmark."""

import reflex as rx

from ..state.lang import LangState
from .text import T


def language_switch() -> rx.Component:
    return rx.hstack(
        rx.foreach(
            LangState.languages,
            lambda lang: rx.button(
                lang["name"],
                on_click=LangState.set_lang(lang["code"]),
                variant=rx.cond(LangState.lang == lang["code"], "solid", "soft"),
                size="2",
                aria_pressed=rx.cond(LangState.lang == lang["code"], "true", "false"),
                custom_attrs={"lang": lang["code"]},
            ),
        ),
        spacing="2",
        role="group",
        aria_label=T("lang.switch"),
    )


def header() -> rx.Component:
    return rx.el.header(
        rx.hstack(
            rx.hstack(
                rx.image(src="/logo.svg", alt="", width="40px", height="40px"),
                rx.vstack(
                    rx.text(T("office.name"), weight="bold", size="3", line_height="1.2"),
                    rx.text(T("office.unit"), size="2", color_scheme="gray", line_height="1.2"),
                    spacing="0",
                ),
                spacing="3",
                align="center",
            ),
            language_switch(),
            justify="between",
            align="center",
            wrap="wrap",
            spacing="3",
            max_width="960px",
            margin="0 auto",
            padding="12px 16px",
        ),
        class_name="ts-header",
    )


def public_page(*children: rx.Component) -> rx.Component:
    return rx.el.div(
        header(),
        rx.el.main(*children, class_name="ts-main"),
        lang=LangState.lang,
        id="page",
        class_name="ts-page",
    )
