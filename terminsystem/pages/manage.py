"""The manage page of a person's own booking: find it, see it, download it again, cancel or move it."""

import reflex as rx

from ..components import calendar
from ..components.downloads import download_links
from ..components.form import field
from ..components.layout import confirm_step, notices, task_page
from ..components.proof import proof_widget
from ..components.text import T
from ..state.manage import ManageState as S


def find_screen() -> rx.Component:
    errors = S.errors
    return rx.vstack(
        rx.heading(T("manage.find.title"), as_="h1", size="7", tab_index=-1),
        rx.text(T("manage.find.intro")),
        rx.form(
            rx.vstack(
                field("booking_code", "manage.find.code", errors, hint_key="manage.find.code_hint",
                      auto_complete="off", auto_capitalize="characters", spell_check=False, required=True),
                field("birth_date", "field.birth_date", errors, hint_key="manage.find.birth_date_hint",
                      input_mode="numeric", auto_complete="bday", placeholder=T("field.birth_date_placeholder"), required=True),
                proof_widget(challenge=S.challenge, lang=S.code, strings=S.proof_texts),
                rx.button(T("manage.find.submit"), type="submit", size="3"),
                spacing="4",
                align="stretch",
            ),
            on_submit=S.find,
            reset_on_submit=False,
            no_validate=True,
            aria_label=T("manage.find.title"),
        ),
        rx.text(T("manage.find.lost"), size="2", color_scheme="gray"),
        spacing="4",
        align="stretch",
    )


def summary() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.cond(S.status == "cancelled", rx.badge(T("manage.status.cancelled"), color_scheme="red", size="3")),
            rx.heading(S.when, as_="h2", size="6", class_name=rx.cond(S.status == "cancelled", "ts-struck", "")),
            rx.text(S.concern_name, weight="bold"),
            rx.cond(S.persons_label != "", rx.text(S.persons_label)),
            rx.hstack(
                rx.text(T("booking.done.code"), size="3"),
                rx.code(S.booking_code, size="5", variant="ghost", weight="bold", id="booking-code"),
                align="baseline", spacing="2", wrap="wrap",
            ),
            spacing="2",
            align="start",
        ),
    )


def view_screen() -> rx.Component:
    return rx.vstack(
        rx.heading(T("manage.title"), as_="h1", size="7", tab_index=-1),
        summary(),
        rx.cond(
            (S.status != "cancelled") & (S.manage_token != ""),
            download_links(S),
        ),
        rx.cond(
            S.problem == "",
            rx.vstack(
                rx.text(T("manage.change_until").replace("{hours}", S.cutoff_hours), size="2", color_scheme="gray"),
                rx.hstack(
                    rx.button(T("manage.rebook"), on_click=S.start_rebook, size="3", type="button"),
                    rx.button(T("manage.cancel"), on_click=S.ask_cancel, size="3", color_scheme="red", variant="soft",
                              type="button"),
                    spacing="3", wrap="wrap",
                ),
                spacing="2",
            ),
            rx.callout(T(S.problem), icon="info", color_scheme="gray"),
        ),
        rx.cond(
            S.status != "cancelled",
            rx.card(
                rx.heading(T("booking.documents.title"), as_="h2", size="4"),
                rx.el.ul(rx.foreach(S.documents, lambda d: rx.el.li(d)), class_name="ts-list"),
            ),
        ),
        rx.button(T("manage.leave"), on_click=S.leave, variant="ghost", size="2", type="button"),
        spacing="4",
        align="stretch",
    )


def confirm_cancel_screen() -> rx.Component:
    return confirm_step("manage.cancel_confirm.title", summary(), rx.text(T("manage.cancel_confirm.text")),
                        back=S.back_to_view, yes_key="manage.cancel_confirm.yes", on_yes=S.cancel)


def rebook_screen() -> rx.Component:
    return rx.vstack(
        rx.heading(T("manage.rebook_title"), as_="h1", size="7", tab_index=-1),
        rx.text(T("manage.rebook_current").replace("{when}", S.when), color_scheme="gray"),
        calendar.picker(S),
        rx.button(T("action.back"), on_click=S.back_to_view, variant="soft", color_scheme="gray", size="3",
                  type="button"),
        spacing="4",
        align="stretch",
    )


def confirm_rebook_screen() -> rx.Component:
    return confirm_step(
        "manage.rebook_confirm.title",
        rx.card(
            rx.text(T("manage.rebook_confirm.old"), size="2", color_scheme="gray"),
            rx.text(S.when, class_name="ts-struck"),
            rx.text(T("manage.rebook_confirm.new"), size="2", color_scheme="gray", margin_top="8px"),
            rx.heading(S.new_when, as_="h2", size="5"),
        ),
        back=S.start_rebook, yes_key="manage.rebook_confirm.yes", on_yes=S.rebook, danger=False)


def manage_page() -> rx.Component:
    screen = rx.match(
        S.screen,
        ("view", view_screen()),
        ("confirm_cancel", confirm_cancel_screen()),
        ("rebook", rebook_screen()),
        ("confirm_rebook", confirm_rebook_screen()),
        find_screen(),
    )
    return task_page(notices(S.notice, S.success), screen, S.screen)
