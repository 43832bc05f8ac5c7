"""The team's urgent requests: the open ones by expiry date with the days left, what was done lately,
and one dialog per request to offer a time, answer with a message or close it."""

import reflex as rx

from ..components import calendar
from ..components.admin import admin_nav
from ..components.connection import connection_notice
from ..components.staff import logout_form
from ..components.text import T
from ..state.auth import AuthState
from ..state.urgent_triage import UrgentTriageState as S
from .clerk import header_cells

OPEN_COLUMNS = ("triage.col.number", "triage.col.received", "triage.col.concern", "triage.col.document",
                "triage.col.left", "triage.col.person", "triage.col.description", "triage.col.action")
HANDLED_COLUMNS = ("triage.col.number", "triage.col.person", "triage.col.concern", "triage.col.status",
                   "triage.col.handled", "triage.col.result", "triage.col.action")


def header() -> rx.Component:
    return rx.el.header(
        rx.heading(T("triage.title"), rx.cond(S.team_name != "", " – " + S.team_name, ""), as_="h1", size="6"),
        rx.cond(S.is_admin, rx.el.select(
            rx.foreach(S.teams, lambda t: rx.el.option(t["name"], value=t["id"])),
            value=S.team_id.to_string(), on_change=S.choose_team, class_name="ts-input",
            aria_label=T("clerk.team"), width="auto")),
        admin_nav(),
        rx.text(AuthState.display_name, size="2", color_scheme="gray", class_name="ts-header-push"),
        logout_form(),
        class_name="ts-clerk-header",
    )


def outcome() -> rx.Component:
    text = T(S.notice).replace("{number}", S.done_number).replace("{code}", S.done_code).replace("{when}", S.done_when)
    return rx.cond(S.notice != "", rx.cond(
        S.ok, rx.callout(text, role="status", color_scheme="green", margin_bottom="12px", id="triage-outcome"),
        rx.callout(text, role="alert", color_scheme="red", margin_bottom="12px", id="triage-outcome")))


def days_left(r) -> rx.Component:
    """Colour AND words: the badge reads "noch 3 Tage" / "abgelaufen seit 2 Tagen"."""
    return rx.badge(
        T(r["left"]).replace("{days}", r["days"]),
        color_scheme=rx.match(r["urgency"], ("expired", "red"), ("critical", "red"), ("soon", "amber"), "gray"),
        variant=rx.match(r["urgency"], ("expired", "solid"), "soft"),
        size="2", high_contrast=True, class_name="ts-left ts-left-" + r["urgency"],
    )


def person(r, full: bool = True) -> rx.Component:
    """Name; on the open list also the date of birth and the e-mail address."""
    details = [rx.text(T("triage.born").replace("{date}", r["birth_date"]), size="2"),
               rx.text(r["email"], size="2", class_name="ts-ltr")] if full else []
    return rx.el.td(rx.text(r["name"], weight="bold"), *details)


def small_button(key: str, on_click, **props) -> rx.Component:
    return rx.button(T(key), on_click=on_click, size="1", type="button", **props)


def open_cells(r) -> list[rx.Component]:
    return [
        rx.el.th(r["number"], scope="row", class_name="ts-number ts-ltr", white_space="nowrap"),
        rx.el.td(r["received"]),
        rx.el.td(r["concern"]),
        rx.el.td(rx.text(T(r["kind"])),
                 rx.text(T("triage.valid_until").replace("{date}", r["expires"]), size="2", color_scheme="gray")),
        rx.el.td(days_left(r), white_space="nowrap"),
        person(r),
        rx.el.td(rx.text(r["description"], size="2", white_space="pre-wrap")),
        rx.el.td(rx.vstack(
            small_button("triage.offer", S.begin("offer", r["id"])),
            small_button("triage.reply", S.begin("answer", r["id"]), variant="soft"),
            small_button("triage.close", S.begin("close", r["id"]), variant="soft", color_scheme="gray"),
            spacing="2", align="stretch")),
    ]


def result(r) -> rx.Component:
    """The offered appointment, or the answer as written, or nothing (closed)."""
    return rx.el.td(rx.cond(
        r["code"] != "",
        rx.text(T("triage.appointment").replace("{when}", r["when"]).replace("{code}", r["code"]), size="2",
                white_space="nowrap"),
        rx.cond(r["answer"] != "", rx.text(r["answer"], size="2", white_space="pre-wrap"), "–")))


def handled_cells(r) -> list[rx.Component]:
    return [
        rx.el.th(r["number"], scope="row", class_name="ts-number ts-ltr", white_space="nowrap"),
        person(r, full=False),
        rx.el.td(r["concern"]),
        rx.el.td(rx.badge(T(r["status"]), color_scheme=rx.match(r["status"], ("triage.status.offered", "green"),
                                                                 ("triage.status.answered", "blue"), "gray"))),
        rx.el.td(rx.text(r["handled"]), rx.text(r["by"], size="2", color_scheme="gray")),
        result(r),
        rx.el.td(rx.cond(r["offerable"] == "yes", small_button("triage.offer", S.begin("offer", r["id"])))),
    ]


def section(title, rows, columns, cells, table_id: str, empty_key: str) -> rx.Component:
    return rx.el.section(
        rx.heading(title, as_="h2", size="4", margin_bottom="6px"),
        rx.cond(
            rows.length() > 0,
            rx.el.table(rx.el.caption(title, class_name="ts-visually-hidden"), header_cells(*columns),
                        rx.el.tbody(rx.foreach(rows, lambda r: rx.el.tr(*cells(r)))), class_name="ts-table",
                        id=table_id),
            rx.text(T(empty_key), color_scheme="gray", size="2", id=f"{table_id}-empty"),
        ),
        class_name="ts-queue-section",
    )


def cancel_button(key: str = "triage.cancel", size: str = "3") -> rx.Component:
    return rx.dialog.close(rx.button(T(key), variant="soft", color_scheme="gray", size=size, type="button"))


def offer_body() -> rx.Component:
    return rx.cond(
        S.start == "",
        rx.vstack(rx.text(T("triage.offer_hint"), size="2"), calendar.picker(S),
                  rx.hstack(cancel_button(), justify="end", width="100%"), spacing="3", align="stretch"),
        rx.vstack(
            rx.card(rx.heading(T("triage.offer_when").replace("{when}", S.start_label), as_="h3", size="4"),
                    rx.text(T("triage.offer_mail"), size="2")),
            rx.hstack(cancel_button(size="2"),
                      rx.button(T("triage.other_time"), on_click=S.other_time, variant="soft", size="2",
                                type="button"),
                      rx.button(T("triage.offer_confirm"), on_click=S.offer_time(S.working, S.start), size="2",
                                type="button"),
                      spacing="3", justify="end", wrap="wrap"),
            spacing="3", align="stretch"),
    )


def answer_body() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.input(type="hidden", name="request", value=S.working, read_only=True),
            rx.el.label(T("triage.answer_label"), html_for="triage-answer", class_name="ts-label"),
            rx.el.textarea(id="triage-answer", name="text", rows="7", max_length=2000, class_name="ts-input",
                           placeholder=T("triage.answer_example")),
            rx.text(T("triage.answer_hint").replace("{lang}", S.working_lang), size="2", color_scheme="gray"),
            rx.hstack(cancel_button(), rx.button(T("triage.answer_send"), type="submit", size="3"),
                      spacing="3", justify="end"),
            spacing="2", align="stretch"),
        on_submit=S.answer, reset_on_submit=False,
    )


def close_body() -> rx.Component:
    return rx.vstack(
        rx.text(T("triage.close_text")),
        rx.hstack(cancel_button("triage.back"),
                  rx.button(T("triage.close_confirm"), on_click=S.close_request(S.working), color_scheme="red",
                            size="3", type="button"),
                  spacing="3", justify="end"),
        spacing="3", align="stretch",
    )


def work_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(rx.match(S.mode, ("offer", T("triage.offer_title")),
                                     ("answer", T("triage.answer_title")), T("triage.close_title"))),
            rx.dialog.description(rx.el.span(S.working_number, class_name="ts-ltr ts-number"), " – ",
                                  S.working_name, margin_bottom="12px"),
            rx.cond(S.error != "", rx.callout(T(S.error), role="alert", color_scheme="red", margin_bottom="12px",
                                              id="triage-error")),
            rx.match(S.mode, ("offer", offer_body()), ("answer", answer_body()), ("close", close_body()),
                     rx.fragment()),
            max_width="720px",
        ),
        open=S.mode != "", on_open_change=S.dismiss,
    )


def urgent_triage_page() -> rx.Component:
    return rx.el.div(
        connection_notice(),
        rx.el.main(
            header(),
            outcome(),
            rx.text(T("triage.intro"), size="2", color_scheme="gray", margin_bottom="12px"),
            section(T("triage.open").replace("{count}", S.open_rows.length().to_string()), S.open_rows,
                    OPEN_COLUMNS, open_cells, "triage-open", "triage.open_none"),
            section(T("triage.handled"), S.handled_rows, HANDLED_COLUMNS, handled_cells, "triage-handled",
                    "triage.handled_none"),
            work_dialog(),
            rx.moment(interval=60000, on_change=S.heartbeat, display="none"),
            class_name="ts-clerk",
        ),
        class_name="ts-page",
    )
