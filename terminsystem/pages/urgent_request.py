"""The public urgent-request page: the form, then the receipt (number, time, PDF)."""

import reflex as rx

from ..components.form import checkbox, field, select_field
from ..components.layout import notices, task_page
from ..components.proof import proof_widget
from ..components.text import T
from ..state.urgent_request import UrgentRequestState as S


def request_form() -> rx.Component:
    e = S.errors
    return rx.vstack(
        rx.heading(T("urgent.page.title"), as_="h1", size="7", tab_index=-1),
        rx.text(S.intro),
        rx.text(T("urgent.page.not_instead"), size="2", color_scheme="gray"),
        rx.form(
            rx.vstack(
                select_field("concern", "urgent.field.concern", e, S.concern_options),
                select_field("permit_kind", "urgent.field.permit_kind", e, S.kind_options),
                field("permit_expires", "urgent.field.permit_expires", e, hint_key="urgent.field.permit_expires_hint",
                      input_mode="numeric", auto_complete="off", placeholder=T("field.birth_date_placeholder")),
                field("family_name", "field.family_name", e, auto_complete="family-name", aria_required="true"),
                field("given_names", "field.given_names", e, hint_key="field.given_names_hint", auto_complete="given-name"),
                field("birth_date", "field.birth_date", e, hint_key="field.birth_date_hint", input_mode="numeric",
                      auto_complete="bday", placeholder=T("field.birth_date_placeholder"), aria_required="true"),
                field("email", "urgent.field.email", e, hint_key="urgent.field.email_hint", type="email",
                      auto_complete="email", input_mode="email", aria_required="true"),
                rx.box(
                    rx.el.label(T("urgent.field.description"), html_for="description", class_name="ts-label"),
                    rx.text(T("urgent.field.description_hint"), id="description-hint", class_name="ts-hint", size="2"),
                    rx.el.textarea(id="description", name="description", class_name="ts-input ts-textarea", rows=3,
                                   max_length=300, aria_describedby="description-hint"),
                    width="100%",
                ),
                checkbox("consent", "urgent.field.consent", e),
                proof_widget(challenge=S.challenge, lang=S.code, strings=S.proof_texts),
                rx.button(T("urgent.submit"), type="submit", size="3"),
                spacing="4",
                align="stretch",
            ),
            on_submit=S.submit,
            reset_on_submit=False,
            no_validate=True,
            aria_label=T("urgent.page.title"),
        ),
        spacing="4",
        align="stretch",
    )


def receipt() -> rx.Component:
    return rx.vstack(
        rx.callout(T("urgent.done.title"), icon="circle_check", color_scheme="green", size="3", role="status"),
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.text(T("urgent.done.number"), size="3"),
                    rx.code(S.number, size="6", variant="ghost", weight="bold", id="request-number"),
                    align="baseline", spacing="2", wrap="wrap",
                ),
                rx.heading(S.received_label, as_="h1", size="5", tab_index=-1),
                rx.text(S.concern_name, weight="bold"),
                rx.text(T("urgent.done.proof")),
                # reload_document: a real request to the HTTP route, not a client-side router link
                rx.el.a(T("urgent.done.pdf"), href=S.pdf_href, download="", reload_document=True,
                        class_name="ts-button-link", id="receipt-pdf"),
                rx.text(T("urgent.done.mail"), size="2"),
                spacing="3",
                align="start",
            ),
        ),
        rx.button(T("urgent.done.again"), on_click=S.restart, variant="outline", size="3", class_name="ts-no-print",
                  type="button"),
        spacing="4",
        align="stretch",
    )


def urgent_request_page() -> rx.Component:
    return task_page(notices(S.notice), rx.cond(S.number != "", receipt(), request_form()),
                     rx.cond(S.number != "", "done", "form"))
