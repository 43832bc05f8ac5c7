"""The chosen language, shared by the public pages (a small base state)."""

import reflex as rx

from .. import i18n


class LangState(rx.State):
    # Remembered on this device; "" until a language was chosen or picked from the browser.
    lang: str = rx.LocalStorage("", name="ts_lang")

    @rx.var
    def code(self) -> str:
        """The language in use (the default while none is chosen)."""
        return i18n.normalize(self.lang)

    @rx.var
    def direction(self) -> str:
        return i18n.direction(self.lang)

    @rx.var
    def t(self) -> dict[str, str]:
        """The catalog of the current language; views read ``LangState.t["key"]``."""
        return i18n.catalog(i18n.normalize(self.lang))

    @rx.var
    def languages(self) -> list[dict[str, str]]:
        return [{"code": code, "name": i18n.language_name(code), "dir": i18n.direction(code)}
                for code in i18n.languages()]

    @rx.event
    def set_lang(self, lang: str):
        self.lang = i18n.normalize(lang)

    def _pick_language(self, browser: bool = True):
        """On a public page's load: ``?lang=xx`` (the links in mails carry the person's language),
        else this device's earlier choice, else (with ``browser``) the browser's Accept-Language."""
        asked = self.router.url.query_parameters.get("lang", "")
        if asked in i18n.languages():
            self.lang = asked
        elif not self.lang and browser:
            self.lang = i18n.from_accept_language(self.router.headers.accept_language) or i18n.DEFAULT_LANGUAGE
