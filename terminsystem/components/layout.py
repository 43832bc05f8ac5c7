"""The frame of the public pages: office header, language switch, main landmark."""

import reflex as rx

from ..state.lang import LangState
from .direction import directed
from .footer import footer
from .text import T


def language_switch() -> rx.Component:
    return rx.hstack(
        rx.foreach(
            LangState.languages,
            lambda lang: rx.button(
                lang["name"],
                on_click=LangState.set_lang(lang["code"]),
                variant=rx.cond(LangState.code == lang["code"], "solid", "soft"),
                size="2",
                aria_pressed=rx.cond(LangState.code == lang["code"], "true", "false"),
                custom_attrs={"lang": lang["code"], "dir": lang["dir"]},
            ),
        ),
        spacing="2",
        role="group",
        aria_label=T("lang.switch"),
    )


def language_select() -> rx.Component:
    """The public pages' switch: one compact list, each language in its own name and script, with
    the languages icon so that it is found without reading the current language."""
    return rx.el.label(
        rx.icon("languages", size=20, aria_hidden="true"),
        rx.el.span(T("lang.switch"), class_name="ts-visually-hidden"),
        rx.el.select(
            rx.foreach(LangState.languages, lambda lang: rx.el.option(
                lang["name"], value=lang["code"], custom_attrs={"lang": lang["code"], "dir": lang["dir"]})),
            value=LangState.code,
            on_change=LangState.set_lang,
            id="lang-select",
            class_name="ts-input ts-select ts-lang-select",
        ),
        class_name="ts-lang",
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
            language_select(),
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
    return directed(LangState.code, LangState.direction, rx.el.div(
        header(),
        rx.el.main(*children, class_name="ts-main"),
        footer(),
        lang=LangState.code,
        dir=LangState.direction,
        id="page",
        class_name="ts-page",
    ))
