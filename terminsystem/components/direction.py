"""Language and writing direction at runtime, from state: the ``<html>`` element's ``lang``/``dir``
follow the chosen language (also after a reload), and Radix primitives are told the direction
(Radix Themes otherwise hard-codes "ltr" for them)."""

from __future__ import annotations

import reflex as rx
from reflex_base.components.component import field
from reflex_base.utils.imports import ImportVar
from reflex_base.vars.base import Var
from reflex_components_core.base.fragment import Fragment


class DirectionProvider(rx.Component):
    """Radix's direction context. Exactly the version radix-ui itself depends on: another copy
    would be a second React context that Radix never reads."""

    library = "@radix-ui/react-direction@1.2.0"
    tag = "DirectionProvider"
    dir: Var[str]


class DocumentLanguage(Fragment):
    """Renders nothing; keeps ``document.documentElement.lang`` and ``.dir`` equal to the state's."""

    lang_value: Var[str] = field(doc="the language code, e.g. 'ar'")
    dir_value: Var[str] = field(doc="'rtl' or 'ltr'")

    def _exclude_props(self) -> list[str]:
        return [*super()._exclude_props(), "lang_value", "dir_value"]

    def add_imports(self) -> dict[str, ImportVar]:
        return {"react": ImportVar(tag="useEffect")}

    def add_hooks(self) -> list[str | Var]:
        lang, direction = self.lang_value, self.dir_value
        code = (f"useEffect(() => {{ document.documentElement.lang = {lang!s}; "
                f"document.documentElement.dir = {direction!s}; }}, [{lang!s}, {direction!s}])")
        return [Var(code, _var_data=rx.vars.VarData.merge(lang._get_all_var_data(), direction._get_all_var_data()))]


def directed(lang: Var[str], direction: Var[str], *children: rx.Component) -> rx.Component:
    """Children inside the direction context, with the html element's lang/dir kept in step."""
    return DirectionProvider.create(DocumentLanguage.create(lang_value=lang, dir_value=direction), *children,
                                    dir=direction)
