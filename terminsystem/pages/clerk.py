"""The clerk dashboard: today's queue of one team, live."""

import reflex as rx

from .. import routes
from ..components.connection import connection_notice
from ..components.staff import logout_form
from ..components.text import T
from ..domain.auth import ADMIN, TEAM_LEAD
from ..state.auth import AuthState
from ..state.clerk import ClerkState as C


def overview_link() -> rx.Component:
    """Team leads and admins reach the day overview from the dashboard and its start screen."""
    return rx.cond((AuthState.role == TEAM_LEAD) | (AuthState.role == ADMIN),
                   rx.link(T("overview.link"), href=routes.OVERVIEW))


def chooser() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(T("clerk.choose"), as_="h1", size="6"),
                rx.text(T("clerk.choose_hint"), color_scheme="gray"),
                rx.cond(
                    C.is_admin,
                    rx.fragment(
                        rx.el.label(T("clerk.team"), html_for="team", class_name="ts-label"),
                        rx.el.select(
                            rx.el.option("—", value=""),
                            rx.foreach(C.teams, lambda t: rx.el.option(t["name"], value=t["id"])),
                            id="team", name="team", class_name="ts-input",
                        ),
                    ),
                    rx.text(T("clerk.team"), ": ", C.team_name, weight="bold"),
                ),
                rx.el.label(T("clerk.room"), html_for="room", class_name="ts-label"),
                rx.el.select(
                    rx.el.option("—", value=""),
                    rx.foreach(C.rooms, lambda r: rx.el.option(r["name"], value=r["id"])),
                    id="room", name="room", class_name="ts-input",
                ),
                rx.cond(C.notice != "", rx.text(T(C.notice), color_scheme="red", role="alert")),
                rx.button(T("clerk.start"), type="submit", size="3"),
                overview_link(),
                spacing="3",
                align="stretch",
            ),
            on_submit=C.choose,
        ),
        rx.hstack(rx.text(AuthState.display_name, size="2", color_scheme="gray"), logout_form(),
                  justify="between", align="center", margin_top="16px"),
        max_width="420px",
        margin="48px auto",
    )


def header_cells(*keys: str) -> rx.Component:
    return rx.el.thead(rx.el.tr(*[rx.el.th(T(k), scope="col") for k in keys]))


def action(label_key: str, name: str, row, variant: str = "soft") -> rx.Component:
    return rx.button(T(label_key), on_click=C.act(name, row["id"]), size="2", variant=variant, type="button")


def transfer_dialog(row) -> rx.Component:
    """Hand over to the other team with a short note."""
    return rx.dialog.root(
        rx.dialog.trigger(rx.button(T("clerk.transfer"), size="2", variant="soft", color_scheme="gray", type="button")),
        rx.dialog.content(
            rx.dialog.title(T("clerk.transfer_title")),
            rx.dialog.description(row["number"], " · ", row["name"]),
            rx.form(
                rx.vstack(
                    rx.el.input(type="hidden", name="appointment_id", value=row["id"]),
                    rx.el.label(T("clerk.transfer_note"), html_for="transfer-note-" + row["id"], class_name="ts-label"),
                    rx.el.textarea(id="transfer-note-" + row["id"], name="note", max_length=200, rows=3,
                                   class_name="ts-input"),
                    rx.hstack(
                        rx.dialog.close(rx.button(T("clerk.cancel"), variant="soft", color_scheme="gray", type="button")),
                        rx.dialog.close(rx.button(T("clerk.transfer_submit"), type="submit")),
                        justify="end",
                        spacing="3",
                    ),
                    spacing="3",
                    align="stretch",
                ),
                on_submit=C.transfer,
            ),
        ),
    )


def queue_table(title_key: str, rows: rx.Var, columns: list[str], cells, table_id: str) -> rx.Component:
    return rx.el.section(
        rx.heading(T(title_key), " (", rows.length().to_string(), ")", as_="h2", size="4", margin_bottom="6px"),
        rx.cond(
            rows.length() > 0,
            rx.el.table(
                header_cells(*columns),
                rx.el.tbody(rx.foreach(rows, lambda r: rx.el.tr(
                    *cells(r),
                    class_name=rx.cond(r["fresh"] == "yes", "ts-row ts-row-fresh", "ts-row"),
                ))),
                class_name="ts-table",
                id=table_id,
            ),
            rx.text(T("clerk.empty"), color_scheme="gray", size="2"),
        ),
        class_name="ts-queue-section",
    )


def urgent_dialog() -> rx.Component:
    """Enter a person standing in front of the clerk: minimal data, concern, reason."""
    def field(name: str, key: str, **props):
        return rx.fragment(rx.el.label(T(key), html_for=f"urgent-{name}", class_name="ts-label"),
                           rx.el.input(id=f"urgent-{name}", name=name, class_name="ts-input", **props))

    return rx.dialog.root(
        rx.dialog.trigger(rx.button(T("clerk.urgent"), color_scheme="red", variant="soft", size="3", type="button")),
        rx.dialog.content(
            rx.dialog.title(T("clerk.urgent_title")),
            rx.form(
                rx.vstack(
                    field("family_name", "field.family_name", required=True),
                    field("given_names", "field.given_names"),
                    field("birth_date", "field.birth_date", placeholder="TT.MM.JJJJ", required=True),
                    rx.el.label(T("clerk.col.concern"), html_for="urgent-concern", class_name="ts-label"),
                    rx.el.select(rx.foreach(C.concerns, lambda c: rx.el.option(c["name"], value=c["id"])),
                                 id="urgent-concern", name="concern", class_name="ts-input"),
                    field("reason", "clerk.urgent_reason", required=True, max_length=200),
                    rx.hstack(
                        rx.dialog.close(rx.button(T("clerk.cancel"), variant="soft", color_scheme="gray", type="button")),
                        rx.dialog.close(rx.button(T("clerk.urgent_submit"), type="submit")),
                        justify="end", spacing="3",
                    ),
                    spacing="2", align="stretch",
                ),
                on_submit=C.urgent,
                reset_on_submit=True,
            ),
        ),
    )


def name_cell(r):
    return rx.el.td(
        rx.cond(r["new"] == "yes", rx.badge(T("clerk.new_badge"), color_scheme="green", variant="solid",
                                              margin_inline_end="6px")),
        rx.cond(r["urgent"] == "yes", rx.badge(T("clerk.urgent_badge"), color_scheme="red", variant="solid",
                                               margin_inline_end="6px")),
        rx.cond(r["priority"] == "yes", rx.badge(T("clerk.priority"), color_scheme="red", margin_inline_end="6px")),
        rx.cond(r["long"] == "yes", rx.badge(T("clerk.long_wait"), color_scheme="amber", margin_inline_end="6px")),
        r["name"],
        rx.cond(r["note"] != "", rx.text(r["note"], size="1", color_scheme="gray")),
    )


def waiting_cells(r):
    return [
        rx.el.td(r["number"], class_name="ts-number"),
        rx.el.td(r["time"]),
        name_cell(r),
        rx.el.td(r["concern"]),
        rx.el.td(r["waited"], " ", T("clerk.minutes")),
        rx.el.td(rx.hstack(action("clerk.call", "call", r), action("clerk.priority", "priority", r),
                           action("clerk.park", "park", r), transfer_dialog(r), spacing="2", wrap="wrap")),
    ]


def called_cells(r):
    return [
        rx.el.td(r["number"], class_name="ts-number"),
        rx.el.td(r["time"]),
        name_cell(r),
        rx.el.td(r["room"]),
        rx.el.td(r["calls"]),
        rx.el.td(rx.hstack(action("clerk.done", "done", r, "solid"), action("clerk.recall", "recall", r),
                           action("clerk.no_show", "no_show", r), action("clerk.park", "park", r),
                           transfer_dialog(r), spacing="2", wrap="wrap")),
    ]


def parked_cells(r):
    return [
        rx.el.td(r["number"], class_name="ts-number"),
        rx.el.td(r["time"]),
        name_cell(r),
        rx.el.td(action("clerk.unpark", "unpark", r)),
    ]


def expected_cells(r):
    """Expected today: "arrived" for someone who could not use the kiosk, and cancel or move for a
    person (on the staff booking page, opened with the booking code)."""
    return [rx.el.td(r["time"]), rx.el.td(r["name"]), rx.el.td(r["concern"]),
            rx.el.td(rx.hstack(
                rx.button(T("clerk.arrived"), on_click=C.arrived(r["id"]), size="2", variant="soft", type="button"),
                rx.link(T("clerk.change_booking"), href=r["change"], size="2"),
                spacing="3", align="center"))]


def finished_cells(r):
    return [
        rx.el.td(r["number"], class_name="ts-number"),
        rx.el.td(r["time"]),
        rx.el.td(r["name"]),
        rx.el.td(rx.cond(r["status"] == "done", T("clerk.status.done"), T("clerk.status.no_show"))),
    ]


def undo_bar() -> rx.Component:
    """The clerk's last action, with a button to take it back while that is possible."""
    return rx.cond(
        C.undo_key != "",
        rx.hstack(
            rx.text(T("clerk.undo_hint"), " ", rx.el.strong(T(C.undo_key), " ", C.undo_number)),
            rx.button(T("clerk.undo"), on_click=C.undo, variant="outline", size="2", type="button"),
            rx.moment(interval=5000, on_change=C.undo_tick, display="none"),
            class_name="ts-undo-bar",
            align="center",
            spacing="3",
        ),
    )


def dashboard() -> rx.Component:
    return rx.el.div(
        rx.el.header(
            rx.heading(C.team_name, as_="h1", size="6"),
            rx.text(T("clerk.room"), " ", C.room_name, size="3"),
            rx.button(T("clerk.change"), on_click=C.change_place, variant="ghost", size="2", type="button"),
            overview_link(),
            rx.link(T("staff_booking.link"), href=routes.STAFF_BOOKINGS),
            rx.link(T("triage.link"), href=routes.URGENT_TRIAGE),
            rx.text(AuthState.display_name, size="2", color_scheme="gray"),
            logout_form(),
            rx.box(urgent_dialog(), class_name="ts-header-push"),
            rx.button(T("clerk.call_next"), on_click=C.call_next, size="4", type="button", class_name="ts-call-next"),
            class_name="ts-clerk-header",
        ),
        rx.el.title(C.tab_title),
        rx.cond(C.notice != "", rx.callout(T(C.notice), role="status", margin_bottom="12px")),
        undo_bar(),
        rx.box(
            rx.el.label(T("clerk.search"), html_for="queue-search", class_name="ts-label"),
            rx.el.input(id="queue-search", type="search", class_name="ts-input", value=C.query,
                        on_change=C.search.debounce(250), placeholder=T("clerk.search_hint"), auto_complete="off"),
            max_width="420px",
            margin_bottom="16px",
        ),
        queue_table("clerk.waiting", C.waiting,
                    ["clerk.col.number", "clerk.col.time", "clerk.col.name", "clerk.col.concern", "clerk.col.waited", "clerk.col.action"],
                    waiting_cells, "waiting"),
        queue_table("clerk.called", C.called,
                    ["clerk.col.number", "clerk.col.time", "clerk.col.name", "clerk.col.room", "clerk.col.calls",
                     "clerk.col.action"],
                    called_cells, "called"),
        queue_table("clerk.parked", C.parked,
                    ["clerk.col.number", "clerk.col.time", "clerk.col.name", "clerk.col.action"], parked_cells, "parked"),
        queue_table("clerk.expected", C.expected,
                    ["clerk.col.time", "clerk.col.name", "clerk.col.concern", "clerk.col.action"], expected_cells,
                    "expected"),
        queue_table("clerk.finished", C.finished,
                    ["clerk.col.number", "clerk.col.time", "clerk.col.name", "clerk.col.action"], finished_cells, "finished"),
        # A new check-in remounts the audio element, which then plays once.
        rx.cond(C.alert > 0, rx.el.audio(src="/checkin.wav", auto_play=True, key=C.alert.to_string())),
        rx.moment(interval=15000, on_change=C.heartbeat, display="none"),
    )


def clerk_page() -> rx.Component:
    return rx.el.div(
        connection_notice(),
        rx.el.main(rx.cond(C.ready, dashboard(), chooser()), class_name="ts-clerk"),
        class_name="ts-page",
    )
