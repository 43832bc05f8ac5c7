"""The accessibility statement (BITV 2.0 / § 10 L-BGG) and the privacy notice (Art. 13 GDPR):
headings, paragraphs and lists, every text a catalog key, in the public frame with its footer."""

import reflex as rx

from ..components.layout import public_page
from ..components.text import T
from ..state.info import InfoState as S


def _h1(key: str) -> rx.Component:
    return rx.heading(T(key), as_="h1", size="7")


def _h2(key: str) -> rx.Component:
    return rx.heading(T(key), as_="h2", size="5", margin_top="16px")


def _p(key: str) -> rx.Component:
    return rx.text(T(key), as_="p", size="3", line_height="1.6")


def _list(*keys: str) -> rx.Component:
    return rx.el.ul(*(rx.el.li(T(key)) for key in keys), class_name="ts-list")


def _contact() -> rx.Component:
    """The office's address as set by ``TS_OFFICE_CONTACT``; isolated so that a Latin address
    reads right inside Arabic or Persian text."""
    return rx.el.address(
        rx.el.bdi(S.contact),
        style={"font_style": "normal", "white_space": "pre-line", "font_weight": "600", "line_height": "1.6"},
    )


def _frame(*children: rx.Component) -> rx.Component:
    return public_page(rx.vstack(*children, spacing="3", align="stretch", max_width="720px"))


def accessibility_page() -> rx.Component:
    return _frame(
        _h1("info.a11y.title"),
        _p("info.a11y.intro"),
        _p("info.a11y.law"),
        _h2("info.a11y.status.title"),
        _p("info.a11y.status"),
        _h2("info.a11y.limits.title"),
        _list("info.a11y.limit.translations", "info.a11y.limit.camera", "info.a11y.limit.kiosk_time",
              "info.a11y.limit.pdf", "info.a11y.limit.call_display"),
        _h2("info.a11y.feedback.title"),
        _p("info.a11y.feedback"),
        _contact(),
        _h2("info.a11y.enforcement.title"),
        _p("info.a11y.enforcement"),
        _p("info.a11y.enforcement.contact"),
        _h2("info.a11y.made.title"),
        rx.text(T("info.a11y.made").replace("{date}", S.statement_date), as_="p", size="3", line_height="1.6"),
    )


def privacy_page() -> rx.Component:
    return _frame(
        _h1("info.privacy.title"),
        _p("info.privacy.intro"),
        _h2("info.privacy.controller.title"),
        _p("info.privacy.controller"),
        _contact(),
        _p("info.privacy.dpo"),
        _h2("info.privacy.data.title"),
        _list("info.privacy.data.names", "info.privacy.data.email", "info.privacy.data.appointment",
              "info.privacy.data.visit", "info.privacy.data.tokens", "info.privacy.data.person",
              "info.privacy.data.attempts", "info.privacy.data.device"),
        _h2("info.privacy.purpose.title"),
        _p("info.privacy.purpose"),
        _p("info.privacy.legal_basis"),
        _p("info.privacy.email"),
        _h2("info.privacy.recipients.title"),
        _list("info.privacy.recipients.staff", "info.privacy.recipients.screens", "info.privacy.recipients.mail",
              "info.privacy.recipients.others"),
        _h2("info.privacy.retention.title"),
        rx.text(S.retention, as_="p", size="3", line_height="1.6"),
        _h2("info.privacy.rights.title"),
        _p("info.privacy.rights.intro"),
        _list("info.privacy.rights.access", "info.privacy.rights.correct", "info.privacy.rights.erase",
              "info.privacy.rights.restrict", "info.privacy.rights.object"),
        _p("info.privacy.rights.how"),
        _h2("info.privacy.complaint.title"),
        _p("info.privacy.complaint"),
    )
