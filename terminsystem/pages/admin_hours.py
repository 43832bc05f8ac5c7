"""Opening hours (per team and weekday: from, to, slot length, parallel seats) and closed days."""

import reflex as rx

from ..components.admin import admin_page, labelled, number_input
from ..components.text import T
from ..state.admin_hours import OFFICE
from ..state.admin_hours import HoursState as H


def weekday_select(name: str, value) -> rx.Component:
    return rx.el.select(*[rx.el.option(T(f"admin.weekday.{d}"), value=str(d)) for d in range(7)],
                        id=name, name="weekday", default_value=value, class_name="ts-input")


def window_row(w) -> rx.Component:
    """One window as a small form of its own: change the values and save, or remove it."""
    ident = "w" + w["id"]
    return rx.el.tr(
        rx.el.td(T(w["weekday"])),
        rx.el.td(rx.el.input(type="time", name="start", default_value=w["start"], required=True,
                             aria_label=T("admin.hours.start"), class_name="ts-input", form=ident)),
        rx.el.td(rx.el.input(type="time", name="end", default_value=w["end"], required=True,
                             aria_label=T("admin.hours.end"), class_name="ts-input", form=ident)),
        rx.el.td(rx.el.input(type="number", name="slot", min=5, max=240, default_value=w["slot"], required=True,
                             aria_label=T("admin.hours.slot"), class_name="ts-input ts-input-short", form=ident)),
        rx.el.td(rx.el.input(type="number", name="parallel", min=1, max=50, default_value=w["parallel"],
                             required=True, aria_label=T("admin.hours.parallel"),
                             class_name="ts-input ts-input-short", form=ident)),
        rx.el.td(w["seats"]),
        rx.el.td(rx.hstack(
            rx.form(rx.el.input(type="hidden", name="window", value=w["id"]),
                    rx.el.input(type="hidden", name="weekday", value=w["day"]),
                    rx.button(T("admin.save"), type="submit", size="2"),
                    id=ident, on_submit=H.save_window, class_name="ts-inline-form"),
            rx.button(T("admin.remove"), on_click=H.remove_window(w["id"]), type="button", size="2",
                      variant="soft", color_scheme="red"),
            spacing="2")),
        key=w["id"] + "-" + H.version.to_string(),
        class_name="ts-row",
    )


def new_window() -> rx.Component:
    return rx.form(
        rx.hstack(
            labelled("new-weekday", "admin.hours.weekday", weekday_select("new-weekday", "0")),
            labelled("new-start", "admin.hours.start", rx.el.input(id="new-start", name="start", type="time",
                                                                   required=True, class_name="ts-input")),
            labelled("new-end", "admin.hours.end", rx.el.input(id="new-end", name="end", type="time", required=True,
                                                               class_name="ts-input")),
            labelled("new-slot", "admin.hours.slot", number_input("new-slot", "slot", "30", 5, 240)),
            labelled("new-parallel", "admin.hours.parallel", number_input("new-parallel", "parallel", "2", 1, 50)),
            rx.button(T("admin.hours.add"), type="submit", size="3"),
            align="end", spacing="3", wrap="wrap",
        ),
        on_submit=H.save_window, reset_on_submit=True, aria_label=T("admin.hours.add"), margin_bottom="24px",
    )


def closed_row(b) -> rx.Component:
    return rx.el.tr(
        rx.el.td(b["day"]),
        rx.el.td(rx.cond(b["office"] == "yes", T("admin.blocked.office"), b["scope"])),
        rx.el.td(b["reason"]),
        rx.el.td(rx.cond((b["office"] == "no") | H.is_admin,
                         rx.button(T("admin.remove"), on_click=H.remove_closed(b["id"]), type="button", size="2",
                                   variant="soft", color_scheme="red"))),
        class_name="ts-row",
    )


def new_closed() -> rx.Component:
    scope = rx.el.select(rx.el.option(T("admin.blocked.team"), value="team"),
                         rx.cond(H.is_admin, rx.el.option(T("admin.blocked.office"), value=OFFICE)),
                         id="closed-scope", name="scope", class_name="ts-input")
    return rx.form(
        rx.hstack(
            labelled("closed-day", "admin.blocked.day", rx.el.input(id="closed-day", name="day", type="date",
                                                                    required=True, class_name="ts-input")),
            labelled("closed-scope", "admin.blocked.scope", scope),
            labelled("closed-reason", "admin.blocked.reason_label", rx.el.input(
                id="closed-reason", name="reason", required=True, max_length=200, class_name="ts-input")),
            rx.button(T("admin.blocked.add"), type="submit", size="3"),
            align="end", spacing="3", wrap="wrap",
        ),
        on_submit=H.add_closed, reset_on_submit=True, aria_label=T("admin.blocked.add"), margin_bottom="12px",
    )


def hours_page() -> rx.Component:
    team_choice = rx.cond(H.is_admin, labelled("hours-team", "admin.team", rx.el.select(
        rx.foreach(H.teams, lambda t: rx.el.option(t["name"], value=t["id"])),
        id="hours-team", value=H.team_id.to_string(), on_change=H.choose_team, class_name="ts-input")))
    return admin_page(
        "admin.hours.title",
        team_choice,
        rx.heading(T("admin.hours.heading"), as_="h2", size="4", margin_top="12px"),
        rx.text(T("admin.hours.intro"), size="2"),
        rx.el.table(
            rx.el.thead(rx.el.tr(*[rx.el.th(T(k), scope="col") for k in (
                "admin.hours.weekday", "admin.hours.start", "admin.hours.end", "admin.hours.slot",
                "admin.hours.parallel", "admin.hours.seats", "clerk.col.action")])),
            rx.el.tbody(rx.foreach(H.windows, window_row)),
            id="windows", class_name="ts-table",
        ),
        rx.heading(T("admin.hours.add"), as_="h3", size="3", margin_top="16px"),
        new_window(),
        rx.heading(T("admin.blocked.heading"), as_="h2", size="4"),
        new_closed(),
        rx.el.table(
            rx.el.thead(rx.el.tr(*[rx.el.th(T(k), scope="col") for k in (
                "admin.blocked.day", "admin.blocked.scope", "admin.blocked.reason_label", "clerk.col.action")])),
            rx.el.tbody(rx.foreach(H.closed, closed_row)),
            id="closed-days", class_name="ts-table",
        ),
        S=H,
    )
