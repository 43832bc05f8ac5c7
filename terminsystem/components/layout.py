"""The frame of the public pages: office header, language switch, main landmark."""

import reflex as rx

from .. import routes
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


def notices(notice: rx.Var, success: rx.Var | None = None) -> rx.Component:
    """A page's last refusal as an alert (read out at once) and, if it has one, its last success
    as a status; ``notice``/``success`` are message keys ("" for none)."""
    alert = rx.cond(notice != "", rx.callout(T(notice), icon="triangle_alert", color_scheme="red", role="alert"))
    if success is None:
        return alert
    return rx.fragment(alert, rx.cond(
        success != "", rx.callout(T(success), icon="circle_check", color_scheme="green", role="status")))


def confirm_step(title_key: str, *content: rx.Component, back, yes_key: str, on_yes, danger: bool = True) -> rx.Component:
    """A step that asks before something is done: the question, what it is about, and "back" beside
    the button that does it (red when it cannot be undone)."""
    return rx.vstack(
        rx.heading(T(title_key), as_="h1", size="7", tab_index=-1),
        *content,
        rx.hstack(
            rx.button(T("action.back"), on_click=back, variant="soft", color_scheme="gray", size="3", type="button"),
            rx.button(T(yes_key), on_click=on_yes, size="3", type="button", **({"color_scheme": "red"} if danger else {})),
            justify="between", width="100%", wrap="wrap", spacing="3",
        ),
        spacing="4",
        align="stretch",
    )


def task_page(notices_: rx.Component, screen: rx.Component, step: rx.Var) -> rx.Component:
    """A public page of one task besides booking (manage, waitlist, urgent request): its notices,
    the current screen and the way back to booking. ``step`` names the screen: when it changes,
    ``page.js`` moves the focus to the new heading (and after a submit to the first invalid field)."""
    return public_page(
        rx.script(src="/page.js"),
        rx.el.div(
            rx.vstack(
                notices_,
                screen,
                rx.link(T("manage.to_booking"), href=routes.BOOKING, class_name="ts-link"),
                spacing="4",
                align="stretch",
            ),
            custom_attrs={"data-step": step},
        ),
    )
