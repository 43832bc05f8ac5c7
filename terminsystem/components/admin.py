"""Pieces of the administration pages: the header with the pages' links, the outcome message, and
the list of booked appointments a change would hit, with the choice what happens to them."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..state.auth import AuthState
from .connection import connection_notice
from .staff import logout_form
from .text import T

# (route, text key, who sees the link: "staff" = everyone logged in (clerks too), "lead" = team
# leads and admins, "admin" = admins only)
LINKS = [
    (routes.CLERK, "overview.to_dashboard", "staff"),
    (routes.URGENT_TRIAGE, "triage.link", "staff"),
    (routes.OVERVIEW, "overview.link", "lead"),
    (routes.ADMIN_HOURS, "admin.nav.hours", "lead"),
    (routes.STATISTICS, "admin.nav.statistics", "lead"),
    (routes.ADMIN_CONCERNS, "admin.nav.concerns", "admin"),
    (routes.ADMIN_OFFICE, "admin.nav.office", "admin"),
    (routes.ADMIN_STAFF, "admin.nav.staff", "admin"),
    (routes.ADMIN_DEVICES, "admin.nav.devices", "admin"),
]


def admin_nav() -> rx.Component:
    """The pages of team leads and admins (each sees the links they may open)."""
    links = [rx.link(T(key), href=route) if who == "staff" else
             rx.cond((AuthState.role == "admin") | (who == "lead"), rx.link(T(key), href=route))
             for route, key, who in LINKS]
    return rx.el.nav(*links, aria_label=T("admin.nav.label"), class_name="ts-admin-nav")


def admin_header(title_key: str) -> rx.Component:
    return rx.el.header(
        rx.heading(T(title_key), as_="h1", size="6"),
        admin_nav(),
        rx.text(AuthState.display_name, size="2", color_scheme="gray", class_name="ts-header-push"),
        logout_form(),
        class_name="ts-clerk-header",
    )


def outcome(S) -> rx.Component:
    """The last outcome: a success as a status, a refusal as an alert (read out at once)."""
    return rx.cond(
        (S.notice != "") & (S.affected.length() == 0),
        rx.cond(S.ok,
                rx.callout(T(S.notice), role="status", color_scheme="green", margin_bottom="12px"),
                rx.callout(T(S.notice), role="alert", color_scheme="red", margin_bottom="12px")),
    )


def affected_panel(S) -> rx.Component:
    """The appointments a change hits; the change waits for "keep" or "cancel with message"."""
    row = lambda a: rx.el.tr(  # noqa: E731
        rx.el.td(a["when"]), rx.el.td(a["code"], class_name="ts-ltr"), rx.el.td(a["concern"]),
        rx.el.td(a["persons"]), rx.el.td(T(rx.cond(a["mail"] == "yes", "admin.affected.mail_yes",
                                                    "admin.affected.mail_no"))))
    return rx.cond(
        S.affected.length() > 0,
        rx.el.section(
            rx.heading(T("admin.affected.title"), as_="h2", size="4", id="affected-title"),
            rx.text(T("admin.affected.intro")),
            rx.el.table(
                rx.el.thead(rx.el.tr(*[rx.el.th(T(k), scope="col") for k in (
                    "admin.affected.when", "admin.affected.code", "admin.affected.concern",
                    "admin.affected.persons", "admin.affected.mail")])),
                rx.el.tbody(rx.foreach(S.affected, row)),
                id="affected", class_name="ts-table",
            ),
            rx.hstack(
                rx.button(T("admin.affected.keep"), on_click=S.confirm(False), type="button", size="3",
                          variant="soft"),
                rx.button(T("admin.affected.cancel"), on_click=S.confirm(True), type="button", size="3",
                          color_scheme="red"),
                rx.button(T("admin.affected.back"), on_click=S.back, type="button", size="3", variant="ghost"),
                spacing="3", wrap="wrap", margin_top="12px",
            ),
            role="alertdialog", aria_labelledby="affected-title", class_name="ts-affected",
        ),
    )


def admin_page(title_key: str, *body: rx.Component, S) -> rx.Component:
    return rx.el.div(
        connection_notice(),
        rx.el.main(admin_header(title_key), outcome(S), affected_panel(S), *body, class_name="ts-clerk"),
        class_name="ts-page",
    )


def labelled(name: str, key: str, control: rx.Component) -> rx.Component:
    return rx.vstack(rx.el.label(T(key), html_for=name, class_name="ts-label"), control, spacing="1")


def number_input(ident: str, name: str, value, low: int, high: int) -> rx.Component:
    return rx.el.input(id=ident, name=name, type="number", min=low, max=high, default_value=value,
                       class_name="ts-input ts-input-short", required=True)
