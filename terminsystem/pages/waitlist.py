"""The waitlist page of the personal link: the place in line, an offered time (accept or decline),
the booked appointment after accepting, and leaving the list."""

import reflex as rx

from ..components.layout import confirm_step, notices, task_page
from ..components.text import T
from ..state.waitlist import WaitlistState as S

BADGE_COLORS = {"waiting": "blue", "offered": "green", "booked": "green", "left": "gray", "expired": "gray"}


def fact(label_key: str, value: rx.Var) -> rx.Component:
    return rx.box(rx.text(T(label_key), size="2", color_scheme="gray"), rx.text(value))


def badge() -> rx.Component:
    return rx.match(
        S.status,
        *[(status, rx.badge(T(f"waitlist.status.{status}"), color_scheme=color, size="3"))
          for status, color in BADGE_COLORS.items()],
        rx.fragment(),
    )


def summary() -> rx.Component:
    return rx.card(
        rx.vstack(
            badge(),
            rx.text(S.concern_name, weight="bold", size="4"),
            rx.cond(S.shown["persons"] != "", rx.text(S.shown["persons"])),
            rx.cond(S.status == "waiting",
                    rx.heading(T("waitlist.position").replace("{n}", S.shown["position"]), as_="h2", size="6",
                               id="waitlist-position")),
            fact("waitlist.label.window", S.shown["window"]),
            fact("waitlist.label.weekdays", S.shown["weekdays"]),
            rx.cond((S.status == "waiting") | (S.status == "offered"),
                    fact("waitlist.label.until", S.shown["until"])),
            spacing="3",
            align="start",
        ),
    )


def offer() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T("waitlist.offer.title"), as_="h2", size="5"),
            rx.heading(S.shown["offer_when"], as_="h3", size="6", id="offer-when"),
            rx.text(T("waitlist.offer.holds").replace("{until}", S.shown["offer_until"])),
            rx.hstack(
                rx.button(T("waitlist.offer.accept"), on_click=S.accept, size="3", type="button"),
                rx.button(T("waitlist.offer.decline"), on_click=S.decline, size="3", variant="soft",
                          color_scheme="gray", type="button"),
                spacing="3",
                wrap="wrap",
            ),
            rx.text(T("waitlist.offer.decline_note"), size="2", color_scheme="gray"),
            spacing="3",
            align="start",
        ),
        class_name="ts-offer",
        style={"border": "2px solid var(--green-8)"},
    )


def booked() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.cond(S.booked_when != "", rx.heading(S.booked_when, as_="h2", size="6")),
            rx.text(S.concern_name, weight="bold"),
            rx.hstack(
                rx.text(T("booking.done.code"), size="3"),
                rx.code(S.booking_code, size="6", variant="ghost", weight="bold", id="booking-code"),
                align="baseline", spacing="2", wrap="wrap",
            ),
            rx.cond(S.qr_src != "", rx.fragment(
                rx.image(src=S.qr_src, alt=T("booking.done.qr_alt"), width="232px", height="232px",
                         class_name="ts-qr"),
                rx.text(T("booking.done.checkin")),
            )),
            rx.text(T("waitlist.booked.mailed"), size="2"),
            rx.cond(S.manage_href != "",
                    rx.link(T("waitlist.booked.manage"), href=S.manage_href, class_name="ts-link", id="manage-link")),
            spacing="3",
            align="start",
        ),
    )


def view_screen() -> rx.Component:
    return rx.vstack(
        rx.heading(T("waitlist.page.title"), as_="h1", size="7", tab_index=-1),
        rx.cond(S.status == "offered", offer()),
        rx.cond(S.status == "booked", booked()),
        summary(),
        rx.match(
            S.status,
            ("waiting", rx.text(T("waitlist.waiting_note"))),
            ("left", rx.text(T("waitlist.ended.left"))),
            ("expired", rx.text(T("waitlist.ended.expired"))),
            rx.fragment(),
        ),
        rx.cond((S.status == "waiting") | (S.status == "offered"),
                rx.box(rx.button(T("waitlist.leave"), on_click=S.ask_leave, size="3", color_scheme="red",
                                 variant="soft", type="button"))),
        spacing="4",
        align="stretch",
    )


def confirm_leave_screen() -> rx.Component:
    return confirm_step("waitlist.leave_confirm.title", summary(), rx.text(T("waitlist.leave_confirm.text")),
                        back=S.back, yes_key="waitlist.leave_confirm.yes", on_yes=S.leave)


def unknown_screen() -> rx.Component:
    return rx.vstack(
        rx.heading(T("waitlist.page.title"), as_="h1", size="7", tab_index=-1),
        rx.text(T("waitlist.unknown_help")),
        spacing="4",
        align="stretch",
    )


def waitlist_page() -> rx.Component:
    screen = rx.cond(
        S.status == "",
        rx.cond(S.loaded, unknown_screen(), rx.skeleton(height="240px", width="100%")),
        rx.cond(S.screen == "confirm_leave", confirm_leave_screen(), view_screen()),
    )
    return task_page(notices(S.notice, S.success), screen, S.screen + "-" + S.status)
