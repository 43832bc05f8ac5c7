"""The admin's concerns, and one concern's form with its texts in every language."""

import reflex as rx

from ..components.admin import admin_page, labelled, number_input
from ..components.text import T
from ..state.admin_concerns import ConcernAdminState as C


def concern_row(c) -> rx.Component:
    return rx.el.tr(
        rx.el.td(c["name"]), rx.el.td(c["team"]), rx.el.td(c["group"]), rx.el.td(c["duration"]),
        rx.el.td(T(rx.cond(c["active"] == "yes", "admin.yes", "admin.no"))),
        rx.el.td(rx.cond(c["missing"] != "", rx.text(T("admin.concern.missing"), " ", c["missing"], as_="span",
                                                      class_name="ts-warning"),
                         T("admin.concern.complete"))),
        rx.el.td(c["review"]),
        rx.el.td(rx.button(T("admin.edit"), on_click=C.open(c["id"]), type="button", size="2", variant="soft")),
        class_name="ts-row",
    )


def language_texts(t) -> rx.Component:
    lang = t["lang"]
    return rx.el.fieldset(
        rx.el.legend(t["label"], lang=lang),
        labelled(lang + "_name", "admin.concern.name",
                 rx.el.input(id=lang + "_name", name=lang + "_name", default_value=t["name"], max_length=200,
                             lang=lang, dir=t["dir"], class_name="ts-input")),
        labelled(lang + "_description", "admin.concern.description",
                 rx.el.textarea(id=lang + "_description", name=lang + "_description", default_value=t["description"],
                                max_length=1000, rows=2, lang=lang, dir=t["dir"], class_name="ts-input")),
        labelled(lang + "_documents", "admin.concern.documents",
                 rx.el.textarea(id=lang + "_documents", name=lang + "_documents", default_value=t["documents"],
                                max_length=3000, rows=4, lang=lang, dir=t["dir"], class_name="ts-input")),
        class_name="ts-fieldset",
    )


def concern_form() -> rx.Component:
    return rx.form(
        rx.heading(rx.cond(C.edit_id == "new", T("admin.concern.new"), T("admin.concern.edit")), as_="h2", size="4"),
        rx.hstack(
            labelled("concern-team", "admin.team", rx.el.select(
                rx.foreach(C.teams, lambda t: rx.el.option(t["name"], value=t["id"])),
                id="concern-team", name="team", default_value=C.edit["team"], class_name="ts-input")),
            labelled("concern-group", "admin.concern.group_label", rx.el.select(
                rx.foreach(C.groups, lambda g: rx.el.option(g["name"], value=g["code"])),
                id="concern-group", name="group", default_value=C.edit["group"], class_name="ts-input")),
            labelled("concern-duration", "admin.concern.duration_label",
                     number_input("concern-duration", "duration", C.edit["duration"], 5, 480)),
            labelled("concern-order", "admin.concern.order", number_input("concern-order", "order", C.edit["order"],
                                                                           0, 999)),
            rx.el.label(rx.el.input(type="checkbox", id="concern-active", name="active",
                                    default_checked=C.edit["active"] == "yes", class_name="ts-checkbox"),
                        rx.text(T("admin.concern.active"), as_="span"), html_for="concern-active",
                        class_name="ts-check-label"),
            align="end", spacing="3", wrap="wrap",
        ),
        rx.text(T("admin.concern.texts_hint"), size="2"),
        rx.foreach(C.texts, language_texts),
        rx.hstack(rx.button(T("admin.save"), type="submit", size="3"),
                  rx.button(T("admin.close"), on_click=C.close, type="button", size="3", variant="soft"),
                  spacing="3"),
        key=C.edit_id + "-" + C.version.to_string(),
        on_submit=C.save, aria_label=T("admin.concern.edit"), class_name="ts-admin-form",
    )


def concerns_page() -> rx.Component:
    return admin_page(
        "admin.concern.title",
        rx.button(T("admin.concern.new"), on_click=C.open("new"), type="button", size="3", margin_bottom="12px"),
        rx.cond(C.edit_id != "", concern_form()),
        rx.el.table(
            rx.el.thead(rx.el.tr(*[rx.el.th(T(k), scope="col") for k in (
                "admin.concern.name", "admin.team", "admin.concern.group_label", "admin.concern.duration_label",
                "admin.concern.active", "admin.concern.languages", "admin.concern.review", "clerk.col.action")])),
            rx.el.tbody(rx.foreach(C.rows, concern_row)),
            id="concerns", class_name="ts-table",
        ),
        S=C,
    )
