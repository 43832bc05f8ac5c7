"""Form fields with a visible label, an optional hint and an error next to the field; plain forms
that the browser posts to our HTTP endpoints, and the small one-card pages built on them."""

import reflex as rx
from reflex_components_core.el.elements.base import BaseHTML

from .connection import connection_notice
from .text import T


def field(name: str, label_key: str, errors: rx.Var, hint_key: str | None = None, label: rx.Var | None = None,
          **input_props) -> rx.Component:
    """A labelled input named ``name``; ``errors`` is a dict var of field → message key; ``label``
    replaces the text of ``label_key`` (e.g. with a person's number filled in)."""
    has_error = errors.contains(name)
    described = f"{name}-hint {name}-error" if hint_key else f"{name}-error"
    hint = [rx.text(T(hint_key), id=f"{name}-hint", class_name="ts-hint", size="2")] if hint_key else []
    return rx.box(
        rx.el.label(label if label is not None else T(label_key), html_for=name, class_name="ts-label"),
        *hint,
        rx.el.input(
            id=name,
            name=name,
            class_name="ts-input",
            aria_invalid=rx.cond(has_error, "true", "false"),
            aria_describedby=described,
            **input_props,
        ),
        rx.text(rx.cond(has_error, T(errors[name]), ""), id=f"{name}-error", class_name="ts-error", size="2"),
        width="100%",
    )


def select_field(name: str, label_key: str, errors: rx.Var, options: rx.Var, hint_key: str | None = None) -> rx.Component:
    """A labelled native select named ``name``; ``options`` a list var of {"value", "label"}, after
    an empty "please choose" entry."""
    has_error = errors.contains(name)
    described = f"{name}-hint {name}-error" if hint_key else f"{name}-error"
    hint = [rx.text(T(hint_key), id=f"{name}-hint", class_name="ts-hint", size="2")] if hint_key else []
    return rx.box(
        rx.el.label(T(label_key), html_for=name, class_name="ts-label"),
        *hint,
        rx.el.select(
            rx.el.option(T("field.choose"), value=""),
            rx.foreach(options, lambda o: rx.el.option(o["label"], value=o["value"])),
            id=name, name=name, class_name="ts-input ts-select ts-select-wide", default_value="",
            aria_invalid=rx.cond(has_error, "true", "false"), aria_describedby=described,
        ),
        rx.text(rx.cond(has_error, T(errors[name]), ""), id=f"{name}-error", class_name="ts-error", size="2"),
        width="100%",
    )


def checkbox(name: str, label_key: str, errors: rx.Var) -> rx.Component:
    has_error = errors.contains(name)
    return rx.box(
        rx.el.label(
            rx.el.input(
                type="checkbox",
                id=name,
                name=name,
                class_name="ts-checkbox",
                aria_invalid=rx.cond(has_error, "true", "false"),
                aria_describedby=f"{name}-error",
            ),
            rx.text(T(label_key), as_="span"),
            html_for=name,
            class_name="ts-check-label",
        ),
        rx.text(rx.cond(has_error, T(errors[name]), ""), id=f"{name}-error", class_name="ts-error", size="2"),
        width="100%",
    )


class PostForm(BaseHTML):
    """A plain HTML form that the browser posts to one of our HTTP endpoints (``rx.el.form``
    always cancels the native submit). Used where the server must set or clear an HttpOnly cookie."""

    tag = "form"
    action: rx.Var[str]
    method: rx.Var[str]


def post_form(*children: rx.Component, action: str, **props) -> rx.Component:
    return PostForm.create(*children, action=action, method="post", **props)


def card_page(*fields: rx.Component, title_key: str, notice: rx.Var, submit_key: str, action: str,
              width: str = "420px") -> rx.Component:
    """A small page with one card: a heading, the fields, the server's message and a submit button,
    posted natively to ``action`` (login, device set-up)."""
    return rx.el.div(
        connection_notice(),
        rx.el.main(
            rx.card(
                post_form(
                    rx.vstack(
                        rx.heading(T(title_key), as_="h1", size="6"),
                        *fields,
                        rx.cond(notice != "", rx.callout(T(notice), role="alert", color_scheme="red")),
                        rx.button(T(submit_key), type="submit", size="3"),
                        spacing="3",
                        align="stretch",
                    ),
                    action=action,
                ),
                max_width=width,
                margin="64px auto",
            ),
            class_name="ts-flow",
        ),
        class_name="ts-page",
    )
