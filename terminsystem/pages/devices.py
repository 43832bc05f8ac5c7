"""The admin's page of kiosks and displays: who may check people in and show the calls."""

import reflex as rx

from ..components.admin import admin_header
from ..components.connection import connection_notice
from ..components.text import T
from ..state.devices import DeviceAdminState as D


def code_panel() -> rx.Component:
    return rx.callout(
        rx.vstack(
            rx.text(T("devices.code_for"), " ", rx.el.strong(D.code_for)),
            rx.el.div(D.code, id="enrolment-code", class_name="ts-number ts-enrolment-code"),
            rx.text(T("devices.code_hint"), " ", D.code_until),
            rx.text(T("devices.code_link"), " ", rx.el.code(D.code_link, id="enrolment-link"), size="2"),
            rx.button(T("devices.code_hide"), on_click=D.hide_code, size="2", variant="soft", type="button"),
            spacing="2", align="start",
        ),
        role="status", margin_bottom="16px",
    )


def add_form() -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.vstack(rx.el.label(T("devices.name"), html_for="device-name", class_name="ts-label"),
                      rx.el.input(id="device-name", name="name", required=True, max_length=60, class_name="ts-input"),
                      spacing="1"),
            rx.vstack(rx.el.label(T("devices.kind"), html_for="device-kind", class_name="ts-label"),
                      rx.el.select(rx.el.option(T("devices.kind.kiosk"), value="kiosk"),
                                   rx.el.option(T("devices.kind.display"), value="display"),
                                   id="device-kind", name="kind", class_name="ts-input"),
                      spacing="1"),
            rx.vstack(rx.el.label(T("devices.place"), html_for="device-place", class_name="ts-label"),
                      rx.el.input(id="device-place", name="place", max_length=120, class_name="ts-input"),
                      spacing="1"),
            rx.button(T("devices.add"), type="submit", size="3"),
            align="end", spacing="3", wrap="wrap",
        ),
        on_submit=D.add,
        reset_on_submit=True,
        aria_label=T("devices.add"),
        margin_bottom="20px",
    )


def device_row(d) -> rx.Component:
    return rx.el.tr(
        rx.el.td(d["name"]), rx.el.td(T(d["kind"])), rx.el.td(d["place"]), rx.el.td(T(d["status"])),
        rx.el.td(d["enrolled"]), rx.el.td(d["seen"]),
        rx.el.td(rx.cond(d["display"] == "yes", rx.form(
            rx.el.input(type="hidden", name="device", value=d["id"]),
            rx.el.input(name="rooms", default_value=d["rooms"], max_length=400, aria_label=T("devices.rooms"),
                        placeholder=T("devices.rooms_all"), class_name="ts-input ts-input-rooms"),
            rx.button(T("admin.save"), type="submit", size="2", variant="soft"),
            on_submit=D.save_rooms, key=d["id"] + "-" + d["rooms"], class_name="ts-inline-form"))),
        rx.el.td(rx.hstack(
            rx.button(T("devices.new_code"), on_click=D.new_code(d["id"]), size="2", variant="soft", type="button"),
            rx.cond(d["revoked"] == "no", rx.button(T("devices.revoke"), on_click=D.revoke(d["id"]), size="2",
                                                    variant="soft", color_scheme="red", type="button")),
            spacing="2")),
        class_name="ts-row",
    )


def devices_page() -> rx.Component:
    return rx.el.div(
        connection_notice(),
        rx.el.main(
            admin_header("devices.title"),
            rx.text(T("devices.intro"), margin_bottom="12px"),
            rx.cond(D.notice != "", rx.callout(T(D.notice), role="status", margin_bottom="12px")),
            rx.cond(D.code != "", code_panel()),
            add_form(),
            rx.el.table(
                rx.el.thead(rx.el.tr(*[rx.el.th(T(k), scope="col") for k in (
                    "devices.name", "devices.kind", "devices.place", "devices.status", "devices.enrolled",
                    "devices.seen", "devices.rooms", "clerk.col.action")])),
                rx.el.tbody(rx.foreach(D.devices, device_row)),
                id="devices", class_name="ts-table",
            ),
            class_name="ts-clerk",
        ),
        class_name="ts-page",
    )
