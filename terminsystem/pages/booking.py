"""The public booking page: concern → documents → day and time → personal data → confirmation."""

import reflex as rx

from .. import routes
from ..components import calendar
from ..components.downloads import download_links
from ..components.family import companions, persons_select
from ..components.form import checkbox, field
from ..components.layout import public_page
from ..components.proof import proof_widget
from ..components.text import T
from ..state.booking import STEPS
from ..state.booking import BookingState as S

STEP_KEYS = ["step.concern", "step.documents", "step.time", "step.data", "step.done"]


def progress() -> rx.Component:
    return rx.box(
        rx.text(
            T("booking.step_of").replace("{n}", S.step.to_string()).replace("{total}", str(STEPS)),
            size="2",
            color_scheme="gray",
        ),
        rx.el.ol(
            *[
                rx.el.li(
                    T(key),
                    class_name=rx.cond(S.step == i + 1, "ts-step ts-step-current", rx.cond(S.step > i + 1, "ts-step ts-step-done", "ts-step")),
                    aria_current=rx.cond(S.step == i + 1, "step", ""),
                )
                for i, key in enumerate(STEP_KEYS)
            ],
            class_name="ts-steps",
        ),
        margin_bottom="16px",
    )


def notice() -> rx.Component:
    return rx.cond(
        S.notice != "",
        rx.callout(T(S.notice), icon="triangle_alert", color_scheme="red", role="alert", margin_bottom="16px"),
    )


def back_button() -> rx.Component:
    return rx.button(T("action.back"), on_click=S.back, variant="soft", color_scheme="gray", size="3", type="button")


def concern_row(row: rx.Var) -> rx.Component:
    return rx.cond(
        row["kind"] == "group",
        rx.heading(row["name"], as_="h2", size="4", margin_top="20px", margin_bottom="4px"),
        rx.el.button(
            rx.text(row["name"], weight="bold", size="3", as_="span", display="block"),
            rx.text(row["description"], size="2", color_scheme="gray", as_="span", display="block"),
            on_click=S.choose_concern(row["id"]),
            class_name="ts-choice",
            type="button",
        ),
    )


def step_concern() -> rx.Component:
    return rx.vstack(
        rx.heading(T("booking.concern.title"), as_="h1", size="7", tab_index=-1),
        rx.text(T("booking.concern.intro"), size="3"),
        rx.box(
            rx.el.label(T("booking.concern.search"), html_for="concern-search", class_name="ts-label"),
            rx.el.input(
                id="concern-search",
                type="search",
                class_name="ts-input",
                placeholder=T("booking.concern.search_placeholder"),
                # Not controlled by the state: with a debounced event a controlled input drops what
                # is typed faster than the round trip (only the last key stayed).
                default_value=S.query,
                on_change=S.set_query.debounce(150),
                auto_complete="off",
            ),
            width="100%",
        ),
        rx.box(
            rx.foreach(S.concern_rows, concern_row),
            rx.cond(
                S.loaded,
                rx.cond(S.concern_rows.length() == 0, rx.text(T("booking.concern.none"), margin_top="16px", role="status")),
                rx.vstack(*[rx.skeleton(height="56px", width="100%") for _ in range(4)], margin_top="16px", aria_busy="true"),
            ),
            width="100%",
        ),
        spacing="3",
        align="stretch",
    )


def step_documents() -> rx.Component:
    return rx.vstack(
        rx.heading(T("booking.documents.title"), as_="h1", size="7", tab_index=-1),
        rx.card(
            rx.text(S.concern_name, weight="bold", size="4"),
            rx.text(S.duration_label, size="2", color_scheme="gray"),
            rx.el.ul(rx.foreach(S.documents, lambda d: rx.el.li(d)), class_name="ts-list"),
            rx.text(T("booking.documents.originals"), size="2", color_scheme="gray"),
        ),
        persons_select(S.persons, S.set_persons),
        rx.hstack(
            back_button(),
            rx.button(T("booking.documents.next"), on_click=S.to_calendar, size="3", type="button"),
            justify="between",
            width="100%",
            wrap="wrap",  # at 320 px (400 % zoom) the two buttons do not fit side by side
            spacing="3",
        ),
        spacing="4",
        align="stretch",
    )


def waitlist_panel() -> rx.Component:
    """Shown when the concern has no free time at all: the way onto its waitlist."""
    return rx.card(
        rx.vstack(
            rx.heading(T("waitlist.panel.title"), as_="h2", size="5"),
            rx.text(T("waitlist.panel.text")),
            rx.link(T("waitlist.panel.button"), href=S.waitlist_href, class_name="ts-button-link", id="waitlist-join"),
            spacing="3",
            align="start",
        ),
        style={"border": "2px solid var(--accent-8)"},
    )


def step_time() -> rx.Component:
    return rx.vstack(
        rx.heading(T("booking.time.title"), as_="h1", size="7", tab_index=-1),
        rx.text(S.concern_name, color_scheme="gray"),
        rx.cond(S.waitlist_href != "", waitlist_panel()),
        calendar.picker(S),
        rx.link(T("urgent.link"), href=routes.URGENT, class_name="ts-link", id="urgent-link"),
        back_button(),
        spacing="4",
        align="stretch",
    )


def step_data() -> rx.Component:
    e = S.errors
    return rx.vstack(
        rx.heading(T("booking.data.title"), as_="h1", size="7", tab_index=-1),
        rx.card(rx.text(S.concern_name, weight="bold"), rx.text(S.when)),
        rx.text(T("booking.data.intro"), size="2", color_scheme="gray"),
        rx.cond(S.notice == "error.person_has_appointment",
                rx.link(T("booking.to_manage"), href=routes.MANAGE, class_name="ts-link")),
        rx.form(
            rx.vstack(
                field("family_name", "field.family_name", e, auto_complete="family-name", required=True, aria_required="true"),
                field("given_names", "field.given_names", e, hint_key="field.given_names_hint", auto_complete="given-name"),
                field("birth_date", "field.birth_date", e, hint_key="field.birth_date_hint", input_mode="numeric", auto_complete="bday", placeholder=T("field.birth_date_placeholder"), required=True, aria_required="true"),
                field("email", "field.email", e, hint_key="field.email_hint", type="email", auto_complete="email", input_mode="email"),
                *companions(S.persons, e),
                checkbox("consent", "field.consent", e),
                proof_widget(challenge=S.challenge, lang=S.code, strings=S.proof_texts),
                rx.hstack(
                    back_button(),
                    rx.button(T("booking.data.submit"), type="submit", size="3"),
                    justify="between",
                    width="100%",
                    wrap="wrap",
                    spacing="3",
                ),
                spacing="4",
                align="stretch",
            ),
            on_submit=S.submit,
            reset_on_submit=False,
            no_validate=True,
            aria_label=T("booking.data.title"),
        ),
        spacing="4",
        align="stretch",
    )


def keep_card() -> rx.Component:
    """What to keep: the confirmation as PDF, the calendar file, the manage link (and the mail)."""
    return rx.card(
        rx.vstack(
            rx.heading(T("booking.keep.title"), as_="h2", size="4"),
            rx.cond(S.mailed, rx.text(T("booking.keep.mailed")), rx.text(T("booking.keep.no_mail"))),
            download_links(S),
            rx.text(T("booking.keep.manage"), size="2"),
            rx.link(S.manage_url, href=S.manage_href, class_name="ts-link ts-break", id="manage-link"),
            spacing="3",
            align="start",
        ),
        class_name="ts-no-print",
    )


def step_done() -> rx.Component:
    return rx.vstack(
        rx.callout(T("booking.done.title"), icon="circle_check", color_scheme="green", size="3", role="status"),
        rx.card(
            rx.vstack(
                rx.heading(S.booked_when, as_="h1", size="6", tab_index=-1),
                rx.text(S.concern_name, weight="bold"),
                rx.text(S.address),
                rx.hstack(
                    rx.text(T("booking.done.code"), size="3"),
                    rx.code(S.booking_code, size="6", variant="ghost", weight="bold", id="booking-code"),
                    align="baseline",
                    spacing="2",
                    wrap="wrap",
                ),
                rx.image(src=S.qr_src, alt=T("booking.done.qr_alt"), width="232px", height="232px", class_name="ts-qr"),
                rx.text(T("booking.done.checkin")),
                rx.text(T("booking.done.punctual"), size="2", color_scheme="gray"),
                spacing="3",
                align="start",
            ),
        ),
        keep_card(),
        rx.card(
            rx.heading(T("booking.documents.title"), as_="h2", size="4"),
            rx.el.ul(rx.foreach(S.documents, lambda d: rx.el.li(d)), class_name="ts-list"),
        ),
        rx.hstack(
            rx.button(T("booking.done.print"), variant="soft", size="3", class_name="ts-no-print",
                      custom_attrs={"data-ts-print": "true"}),  # page.js prints (no script from the server)
            rx.button(T("booking.done.again"), on_click=S.restart, variant="outline", size="3", class_name="ts-no-print"),
            spacing="3",
            wrap="wrap",
        ),
        spacing="4",
        align="stretch",
    )


def booking_page() -> rx.Component:
    return public_page(
        rx.script(src="/page.js"),
        rx.el.div(
            progress(),
            notice(),
            rx.match(
                S.step,
                (1, step_concern()),
                (2, step_documents()),
                (3, step_time()),
                (5, step_done()),
                rx.fragment(),
            ),
            # The form stays mounted so that typed data survives "back" without being sent anywhere.
            rx.box(step_data(), display=rx.cond(S.step == 4, "block", "none")),
            # page.js moves focus to the new step's heading when this changes (screen readers).
            custom_attrs={"data-step": S.step.to_string()},
        ),
    )
