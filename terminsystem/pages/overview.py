"""The day overview for team leads and admins."""

import reflex as rx

from ..components.admin import admin_nav
from ..components.connection import connection_notice
from ..components.staff import logout_form
from ..components.text import T
from ..state.auth import AuthState
from ..state.overview import OverviewState as O
from .clerk import header_cells


def figure(f) -> rx.Component:
    return rx.box(
        rx.text(f["value"], rx.cond(f["unit"] != "", rx.el.span(" ", T(f["unit"]), class_name="ts-figure-unit")),
                class_name="ts-figure-value"),
        rx.text(T(f["key"]), size="2"),
        class_name="ts-figure",
    )


def table(title_key: str, rows, columns: list[str], cells, table_id: str, empty_key: str = "clerk.empty"):
    return rx.el.section(
        rx.heading(T(title_key), as_="h2", size="4", margin_bottom="6px"),
        rx.cond(
            rows.length() > 0,
            rx.el.table(header_cells(*columns), rx.el.tbody(rx.foreach(rows, lambda r: rx.el.tr(*cells(r)))),
                        class_name="ts-table", id=table_id),
            rx.text(T(empty_key), color_scheme="gray", size="2"),
        ),
        class_name="ts-queue-section",
    )


def lock_cells(r):
    """A locked (account, client) pair; unlocking frees the account from every client."""
    return [rx.el.td(r["username"]), rx.el.td(r["client"]), rx.el.td(r["failures"]), rx.el.td(r["until"]),
            rx.el.td(rx.button(T("overview.unlock"), on_click=O.unlock("account", r["username"]), size="2",
                               variant="soft", type="button"))]


def alert(a) -> rx.Component:
    """Many failed logins of one account or from one address: the admin should look."""
    return rx.callout(
        rx.hstack(
            rx.text(T("overview.alert"), " ", T("overview.lock." + a["kind"]), " ", rx.el.strong(a["key"]), ": ",
                    a["failures"]),
            rx.button(T("overview.unlock"), on_click=O.unlock(a["kind"], a["key"]), size="1", variant="soft",
                      type="button"),
            align="center", spacing="3", wrap="wrap",
        ),
        role="alert", color_scheme="red", margin_bottom="8px",
    )


def overview_page() -> rx.Component:
    return rx.el.div(
        connection_notice(),
        rx.el.main(
            rx.el.header(
                rx.heading(T("overview.title"), " – ", O.team_name, as_="h1", size="6"),
                rx.cond(O.is_admin, rx.el.select(
                    rx.foreach(O.teams, lambda t: rx.el.option(t["name"], value=t["id"])),
                    value=O.team_id.to_string(), on_change=O.choose_team, class_name="ts-input",
                    aria_label=T("clerk.team"), width="auto")),
                admin_nav(),
                rx.text(AuthState.display_name, size="2", color_scheme="gray", class_name="ts-header-push"),
                logout_form(),
                class_name="ts-clerk-header",
            ),
            rx.cond(O.notice != "", rx.callout(T(O.notice), role="status", margin_bottom="12px")),
            rx.el.section(rx.foreach(O.figures, figure), class_name="ts-figures", aria_label=T("overview.figures")),
            table("overview.urgent", O.urgent,
                  ["clerk.col.number", "clerk.col.time", "clerk.col.name", "clerk.urgent_reason", "overview.col.status"],
                  lambda r: [rx.el.td(r["number"], class_name="ts-number"), rx.el.td(r["time"]), rx.el.td(r["name"]),
                             rx.el.td(r["reason"]), rx.el.td(T(r["status"]))], "urgent"),
            rx.el.div(rx.foreach(O.alerts, alert), id="login-alerts"),
            rx.cond(O.is_admin, table("overview.locks", O.locks,
                                      ["overview.col.account", "overview.col.client", "overview.col.failures",
                                       "overview.col.until", "clerk.col.action"], lock_cells, "locks",
                                      "overview.no_locks")),
            table("overview.audit", O.events,
                  ["overview.col.at", "overview.col.action", "overview.col.who", "clerk.col.number",
                   "overview.col.detail"],
                  lambda r: [rx.el.td(r["at"]), rx.el.td(r["action"]), rx.el.td(r["who"]),
                             rx.el.td(r["number"], class_name="ts-number"), rx.el.td(r["detail"])], "audit"),
            rx.moment(interval=15000, on_change=O.heartbeat, display="none"),
            class_name="ts-clerk",
        ),
        class_name="ts-page",
    )
