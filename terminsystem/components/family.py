"""A family comes together: how many persons, and the name and date of birth of each further
person — the same fields on the booking form and on the waitlist's join form."""

import reflex as rx

from .. import settings
from .form import field
from .text import T


def person_options() -> list[str]:
    return [str(n) for n in range(1, settings.max_persons() + 1)]


def persons_select(value: rx.Var, on_change) -> rx.Component:
    """For how many persons (``value``: the state's number of persons)."""
    return rx.box(
        rx.el.label(T("booking.persons.label"), html_for="persons", class_name="ts-label"),
        rx.text(T("booking.persons.hint"), id="persons-hint", class_name="ts-hint", size="2"),
        rx.el.select(
            *[rx.el.option(n, value=n) for n in person_options()],
            id="persons",
            value=value.to_string(),
            on_change=on_change,
            class_name="ts-input ts-select",
            aria_describedby="persons-hint",
        ),
        width="100%",
    )


def numbered(key: str, n: int) -> rx.Var:
    return T(key).replace("{n}", str(n))


def companion(n: int, persons: rx.Var, errors: rx.Var) -> rx.Component:
    """Name and date of birth of the n-th person (a family member), there while it is needed."""
    return rx.cond(persons >= n, rx.el.fieldset(
        rx.el.legend(numbered("booking.persons.person", n), class_name="ts-legend-title"),
        field(f"family_name_{n}", "", errors, label=numbered("booking.persons.family_name", n), auto_complete="off"),
        field(f"given_names_{n}", "", errors, label=numbered("booking.persons.given_names", n), auto_complete="off"),
        field(f"birth_date_{n}", "", errors, label=numbered("booking.persons.birth_date", n),
              hint_key="field.birth_date_hint", input_mode="numeric", auto_complete="off",
              placeholder=T("field.birth_date_placeholder")),
        class_name="ts-fieldset",
    ))


def companions(persons: rx.Var, errors: rx.Var) -> list[rx.Component]:
    """The fields of persons 2 … the most a family may be."""
    return [companion(n, persons, errors) for n in range(2, settings.max_persons() + 1)]
