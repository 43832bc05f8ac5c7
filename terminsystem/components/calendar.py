"""The day-and-time picker of the booking page and of rebooking on the manage page. ``S`` is the
state class: it offers ``calendar``, ``weekdays``, ``day``, ``day_label``, ``times`` and the events
``choose_day`` and ``choose_time``."""

import reflex as rx

from .text import T


def day_cell(S, cell: rx.Var) -> rx.Component:
    return rx.match(
        cell["state"],
        ("pad", rx.box(aria_hidden="true")),
        ("month", rx.heading(cell["number"], as_="h2", size="4", class_name="ts-month")),
        (
            "available",
            rx.el.button(
                cell["number"],
                on_click=S.choose_day(cell["iso"]),
                aria_label=cell["label"],
                aria_pressed=rx.cond(cell["selected"] == "yes", "true", "false"),
                class_name=rx.cond(cell["selected"] == "yes", "ts-day ts-day-selected", "ts-day"),
                type="button",
            ),
        ),
        rx.el.button(
            cell["number"],
            rx.cond(cell["state"] == "full", rx.el.span(T("calendar.full_short"), class_name="ts-day-note")),
            disabled=True,
            aria_label=cell["label"],
            class_name=rx.cond(cell["state"] == "full", "ts-day ts-day-full", "ts-day ts-day-closed"),
            type="button",
        ),
    )


def picker(S) -> rx.Component:
    return rx.fragment(
        rx.box(
            rx.el.div(rx.foreach(S.weekdays, lambda w: rx.el.div(w, class_name="ts-weekday")), class_name="ts-calendar", aria_hidden="true"),
            rx.el.div(rx.foreach(S.calendar, lambda cell: day_cell(S, cell)), class_name="ts-calendar"),
            rx.hstack(
                rx.el.span(class_name="ts-legend ts-day"), rx.text(T("calendar.available"), size="1"),
                rx.el.span(class_name="ts-legend ts-day-full"), rx.text(T("calendar.full"), size="1"),
                rx.el.span(class_name="ts-legend ts-day-closed"), rx.text(T("calendar.closed"), size="1"),
                spacing="2", align="center", wrap="wrap", margin_top="8px",
            ),
            rx.cond(S.release_note != "", rx.text(S.release_note, size="2", id="release-note", margin_top="8px")),
            width="100%",
        ),
        rx.cond(
            S.day != "",
            rx.box(
                rx.heading(T("booking.time.times_on").replace("{day}", S.day_label), as_="h2", size="5", margin_bottom="8px"),
                rx.cond(
                    S.times.length() > 0,
                    rx.el.div(
                        rx.foreach(
                            S.times,
                            lambda t: rx.button(t["label"], on_click=S.choose_time(t["iso"]), variant="outline", size="3", type="button"),
                        ),
                        class_name="ts-times",
                    ),
                    rx.text(T("booking.time.none_left")),
                ),
                width="100%",
            ),
            rx.text(T("booking.time.pick_day"), color_scheme="gray"),
        ),
    )
