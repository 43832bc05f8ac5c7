"""The chosen language, shared by the public pages (a small base state)."""

import reflex as rx

from .. import i18n


class LangState(rx.State):
    lang: str = rx.LocalStorage(i18n.DEFAULT_LANGUAGE, name="ts_lang")

    @rx.var
    def t(self) -> dict[str, str]:
        """The catalog of the current language; views read ``LangState.t["key"]``."""
        return i18n.catalog(i18n.normalize(self.lang))

    @rx.var
    def languages(self) -> list[dict[str, str]]:
        return [{"code": code, "name": i18n.language_name(code)} for code in i18n.languages()]

    @rx.event
    def set_lang(self, lang: str):
        self.lang = i18n.normalize(lang)
