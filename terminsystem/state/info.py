"""The accessibility statement and the privacy notice: plain text pages in the chosen language."""

from __future__ import annotations

from datetime import date

import reflex as rx
from babel.dates import format_date

from .. import i18n, settings
from .lang import LangState

# The day the accessibility statement was made (BITV 2.0 asks for it); change it with the text.
STATEMENT_DATE = date(2026, 11, 29)


def retention_text(lang: str) -> str:
    """The privacy notice's deletion period, from the setting the deletion itself uses."""
    return i18n.translate(lang, "info.privacy.retention", days=settings.retention_days())


class InfoState(LangState):
    @rx.var
    def contact(self) -> str:
        """The office's contact for feedback and data protection requests (``TS_OFFICE_CONTACT``)."""
        return settings.office_contact()

    @rx.var
    def statement_date(self) -> str:
        """``29. November 2026`` / ``29 نوفمبر 2026``: the day alone, without the weekday."""
        return format_date(STATEMENT_DATE, format="long", locale=i18n.normalize(self.lang))

    @rx.var
    def retention(self) -> str:
        return retention_text(self.lang)

    @rx.event
    def load(self):
        self._pick_language()
