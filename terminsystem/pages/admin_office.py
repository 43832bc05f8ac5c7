"""The admin's teams and rooms, each row a small form of its own."""

import reflex as rx

from ..components.admin import admin_page
from ..components.text import T
from ..state.admin_office import OfficeAdminState as O


def _text(name: str, value, label_key: str, form: str, limit: int, required: bool = True) -> rx.Component:
    return rx.el.input(name=name, default_value=value, max_length=limit, required=required, form=form,
                       aria_label=T(label_key), class_name="ts-input")


def _active(value, form: str) -> rx.Component:
    return rx.el.input(type="checkbox", name="active", default_checked=value, form=form,
                       aria_label=T("admin.active"), class_name="ts-checkbox")


def _release(value, form: str) -> rx.Component:
    return rx.el.input(type="time", name="release", default_value=value, form=form,
                       aria_label=T("admin.team.release"), class_name="ts-input")


def _submit(form: str, hidden: str, value, handler) -> rx.Component:
    return rx.form(rx.el.input(type="hidden", name=hidden, value=value),
                   rx.button(T("admin.save"), type="submit", size="2"),
                   id=form, on_submit=handler, reset_on_submit=False, class_name="ts-inline-form")


def team_row(t) -> rx.Component:
    form = "team-" + t["id"]
    return rx.el.tr(
        rx.el.td(_text("name", t["name"], "admin.team.name", form, 80)),
        rx.el.td(_active(t["active"] == "yes", form)),
        rx.el.td(_text("rooms", t["rooms"], "admin.team.rooms", form, 400, required=False)),
        rx.el.td(_release(t["release"], form)),
        rx.el.td(t["concerns"]),
        rx.el.td(_submit(form, "team", t["id"], O.save_team)),
        key=form + "-" + O.version.to_string(), class_name="ts-row",
    )


def room_row(r) -> rx.Component:
    form = "room-" + r["id"]
    return rx.el.tr(
        rx.el.td(_text("name", r["name"], "admin.room.name", form, 40)),
        rx.el.td(_text("floor", r["floor"], "admin.room.floor", form, 40, required=False)),
        rx.el.td(_active(r["active"] == "yes", form)),
        rx.el.td(_submit(form, "room", r["id"], O.save_room)),
        key=form + "-" + O.version.to_string(), class_name="ts-row",
    )


def new_row(form: str, cells: list[rx.Component], hidden: str, handler) -> rx.Component:
    return rx.el.tr(*[rx.el.td(c) for c in cells], rx.el.td(_submit(form, hidden, "", handler)),
                    key=form + "-" + O.version.to_string(), class_name="ts-row ts-row-new")


def office_page() -> rx.Component:
    return admin_page(
        "admin.office.title",
        rx.heading(T("admin.team.heading"), as_="h2", size="4"),
        rx.text(T("admin.team.hint"), size="2"),
        rx.el.table(
            rx.el.thead(rx.el.tr(*[rx.el.th(T(k), scope="col") for k in (
                "admin.team.name", "admin.active", "admin.team.rooms", "admin.team.release", "admin.team.concerns",
                "clerk.col.action")])),
            rx.el.tbody(rx.foreach(O.teams, team_row),
                        new_row("team-new", [_text("name", "", "admin.team.name", "team-new", 80),
                                             _active(True, "team-new"),
                                             _text("rooms", "", "admin.team.rooms", "team-new", 400, required=False),
                                             _release("", "team-new"), T("admin.team.new")], "team", O.save_team)),
            id="teams", class_name="ts-table",
        ),
        rx.heading(T("admin.room.heading"), as_="h2", size="4", margin_top="24px"),
        rx.el.table(
            rx.el.thead(rx.el.tr(*[rx.el.th(T(k), scope="col") for k in (
                "admin.room.name", "admin.room.floor", "admin.active", "clerk.col.action")])),
            rx.el.tbody(rx.foreach(O.rooms, room_row),
                        new_row("room-new", [_text("name", "", "admin.room.name", "room-new", 40),
                                             _text("floor", "", "admin.room.floor", "room-new", 40, required=False),
                                             _active(True, "room-new")], "room", O.save_room)),
            id="rooms", class_name="ts-table",
        ),
        S=O,
    )
