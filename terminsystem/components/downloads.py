"""The confirmation's downloads (PDF and calendar file) as two links. ``S`` offers ``pdf_href`` and
``ics_href`` (``state.change_booking.Downloads``)."""

import reflex as rx

from .text import T


def download_links(S) -> rx.Component:
    # reload_document: Reflex makes every <a> a client-side router link; a download must be a
    # real request to the HTTP route.
    return rx.hstack(
        rx.el.a(T("booking.keep.pdf"), href=S.pdf_href, download="", reload_document=True, class_name="ts-button-link"),
        rx.el.a(T("booking.keep.ics"), href=S.ics_href, download="", reload_document=True, class_name="ts-button-link"),
        spacing="3", wrap="wrap",
    )
