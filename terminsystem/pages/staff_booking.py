"""Staff act for a person: find a booking by its code, cancel it or move it."""

import reflex as rx

from .. import routes
from ..components import calendar
from ..components.connection import connection_notice
from ..components.staff import logout_form
from ..components.text import T
from ..state.auth import AuthState
from ..state.staff_booking import StaffBookingState as S


def find_form() -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.box(
                rx.el.label(T("manage.find.code"), html_for="staff-booking-code", class_name="ts-label"),
                rx.el.input(id="staff-booking-code", name="booking_code", class_name="ts-input", auto_complete="off",
                            spell_check=False, placeholder="K7HA-3MXQ"),
                flex="1",
            ),
            rx.button(T("staff_booking.find"), type="submit", size="3"),
            align="end", spacing="3", width="100%",
        ),
        on_submit=S.find,
        reset_on_submit=False,
        aria_label=T("staff_booking.title"),
    )


def summary() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(rx.code(S.booking_code, size="5", weight="bold"), rx.badge(T("clerk.status." + S.status)),
                      spacing="3", align="center"),
            rx.heading(S.when, as_="h2", size="5"),
            rx.text(S.concern_name, weight="bold"),
            rx.el.ul(rx.foreach(S.persons, lambda p: rx.el.li(p)), class_name="ts-list", id="staff-booking-persons"),
            spacing="2", align="start",
        ),
    )


def actions() -> rx.Component:
    return rx.cond(
        S.problem == "",
        rx.hstack(
            rx.button(T("manage.rebook"), on_click=S.start_rebook, size="3", type="button"),
            rx.button(T("manage.cancel"), on_click=S.ask_cancel, size="3", color_scheme="red", variant="soft",
                      type="button"),
            spacing="3",
        ),
        rx.callout(T("staff_booking.no_change"), icon="info", color_scheme="gray"),
    )


def body() -> rx.Component:
    back = rx.button(T("action.back"), on_click=S.back_to_view, variant="soft", color_scheme="gray", size="3",
                     type="button")
    return rx.match(
        S.screen,
        ("view", rx.vstack(summary(), actions(), spacing="4", align="stretch")),
        ("confirm_cancel", rx.vstack(
            summary(), rx.text(T("staff_booking.cancel_text")),
            rx.hstack(back, rx.button(T("manage.cancel_confirm.yes"), on_click=S.cancel, color_scheme="red", size="3",
                                      type="button"), spacing="3"),
            spacing="4", align="stretch")),
        ("rebook", rx.vstack(summary(), calendar.picker(S), back, spacing="4", align="stretch")),
        ("confirm_rebook", rx.vstack(
            summary(),
            rx.card(rx.text(T("manage.rebook_confirm.new"), size="2", color_scheme="gray"),
                    rx.heading(S.new_when, as_="h2", size="5")),
            rx.hstack(back, rx.button(T("manage.rebook_confirm.yes"), on_click=S.rebook, size="3", type="button"),
                      spacing="3"),
            spacing="4", align="stretch")),
        rx.fragment(),
    )


def staff_booking_page() -> rx.Component:
    return rx.el.div(
        connection_notice(),
        rx.el.main(
            rx.el.header(
                rx.heading(T("staff_booking.title"), as_="h1", size="6"),
                rx.link(T("overview.to_dashboard"), href=routes.CLERK),
                rx.text(AuthState.display_name, size="2", color_scheme="gray", class_name="ts-header-push"),
                logout_form(),
                class_name="ts-clerk-header",
            ),
            rx.vstack(
                rx.text(T("staff_booking.intro"), size="2", color_scheme="gray"),
                find_form(),
                rx.cond(S.notice != "", rx.callout(T(S.notice), role="alert", color_scheme="red")),
                rx.cond(S.success != "", rx.callout(T(S.success), role="status", color_scheme="green")),
                body(),
                spacing="4", align="stretch", max_width="760px",
            ),
            class_name="ts-clerk",
        ),
        class_name="ts-page",
    )
