"""The waitlist's join form: who, from when to when, on which weekdays; then the place in line and
the personal link (also sent by mail)."""

import reflex as rx

from ..components.family import companions, persons_select
from ..components.form import checkbox, field
from ..components.layout import notices, task_page
from ..components.proof import proof_widget
from ..components.text import T
from ..state.waitlist_join import WaitlistJoinState as S


def date_field(name: str, label_key: str, default: rx.Var) -> rx.Component:
    # Uncontrolled, starting from the booking horizon; the key mounts it again once the state has
    # loaded the first values (an uncontrolled input reads its default only when it mounts).
    return field(name, label_key, S.errors, hint_key="waitlist.field.date_hint", input_mode="numeric",
                 auto_complete="off", placeholder=T("field.birth_date_placeholder"), default_value=default,
                 key=default, aria_required="true")


def weekday_box(option: rx.Var) -> rx.Component:
    name = "weekday_" + option["value"]
    return rx.el.label(
        rx.el.input(type="checkbox", id=name, name=name, class_name="ts-checkbox", default_checked=True,
                    aria_describedby="weekdays-error"),
        rx.text(option["label"], as_="span"),
        html_for=name,
        class_name="ts-check-label",
    )


def window_fieldset() -> rx.Component:
    has_error = S.errors.contains("weekdays")
    return rx.el.fieldset(
        rx.el.legend(T("waitlist.join.window"), class_name="ts-legend-title"),
        date_field("earliest", "waitlist.field.earliest", S.earliest_default),
        date_field("latest", "waitlist.field.latest", S.latest_default),
        rx.el.fieldset(
            rx.el.legend(T("waitlist.field.weekdays"), class_name="ts-label"),
            rx.flex(rx.foreach(S.weekday_options, weekday_box), wrap="wrap", spacing="4", row_gap="8px"),
            rx.text(rx.cond(has_error, T(S.errors["weekdays"]), ""), id="weekdays-error", class_name="ts-error",
                    size="2"),
            aria_invalid=rx.cond(has_error, "true", "false"),
            style={"border": "none", "padding": "0", "margin": "0"},
        ),
        class_name="ts-fieldset",
    )


def join_form() -> rx.Component:
    e = S.errors
    return rx.vstack(
        rx.heading(T("waitlist.join.title"), as_="h1", size="7", tab_index=-1),
        rx.text(S.concern_name, weight="bold", size="4"),
        rx.text(S.intro),
        rx.form(
            rx.vstack(
                window_fieldset(),
                persons_select(S.persons, S.set_persons),
                field("family_name", "field.family_name", e, auto_complete="family-name", aria_required="true"),
                field("given_names", "field.given_names", e, hint_key="field.given_names_hint",
                      auto_complete="given-name"),
                field("birth_date", "field.birth_date", e, hint_key="field.birth_date_hint", input_mode="numeric",
                      auto_complete="bday", placeholder=T("field.birth_date_placeholder"), aria_required="true"),
                field("email", "waitlist.field.email", e, hint_key="waitlist.field.email_hint", type="email",
                      auto_complete="email", input_mode="email", aria_required="true"),
                *companions(S.persons, e),
                checkbox("consent", "waitlist.field.consent", e),
                proof_widget(challenge=S.challenge, lang=S.code, strings=S.proof_texts),
                rx.button(T("waitlist.join.submit"), type="submit", size="3"),
                spacing="4",
                align="stretch",
            ),
            on_submit=S.submit,
            reset_on_submit=False,
            no_validate=True,
            aria_label=T("waitlist.join.title"),
        ),
        spacing="4",
        align="stretch",
    )


def fact(label_key: str, value: rx.Var) -> rx.Component:
    return rx.box(rx.text(T(label_key), size="2", color_scheme="gray"), rx.text(value))


def joined() -> rx.Component:
    return rx.vstack(
        rx.callout(T("waitlist.done.title"), icon="circle_check", color_scheme="green", size="3", role="status"),
        rx.card(
            rx.vstack(
                rx.heading(T("waitlist.position").replace("{n}", S.position.to_string()), as_="h1", size="6",
                           tab_index=-1, id="waitlist-position"),
                rx.text(S.concern_name, weight="bold"),
                rx.cond(S.persons_label != "", rx.text(S.persons_label)),
                fact("waitlist.label.window", S.joined_window),
                fact("waitlist.label.weekdays", S.joined_weekdays),
                spacing="3",
                align="start",
            ),
        ),
        rx.card(
            rx.vstack(
                rx.text(T("waitlist.done.mailed")),
                rx.text(T("waitlist.done.link"), size="2"),
                rx.link(S.link_url, href=S.link_href, class_name="ts-link ts-break", id="waitlist-link"),
                spacing="3",
                align="start",
            ),
        ),
        spacing="4",
        align="stretch",
    )


def waitlist_join_page() -> rx.Component:
    screen = rx.cond(
        S.link_token != "",
        joined(),
        rx.cond(S.concern_code != "", join_form(),
                rx.cond(S.loaded, rx.fragment(), rx.skeleton(height="240px", width="100%"))),
    )
    return task_page(notices(S.notice), screen, rx.cond(S.link_token != "", "done", "form"))
