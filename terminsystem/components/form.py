"""Form fields with a visible label, an optional hint and an error next to the field."""

import reflex as rx
from reflex_components_core.el.elements.base import BaseHTML

from .text import T


def field(name: str, label_key: str, errors: rx.Var, hint_key: str | None = None, **input_props) -> rx.Component:
    """A labelled input named ``name``; ``errors`` is a dict var of field → message key."""
    has_error = errors.contains(name)
    described = f"{name}-hint {name}-error" if hint_key else f"{name}-error"
    hint = [rx.text(T(hint_key), id=f"{name}-hint", class_name="ts-hint", size="2")] if hint_key else []
    return rx.box(
        rx.el.label(T(label_key), html_for=name, class_name="ts-label"),
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
