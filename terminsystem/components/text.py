"""Reading translated text in views."""

import reflex as rx

from ..state.lang import LangState


def T(key: str | rx.Var) -> rx.Var:
    """The current language's text for ``key`` (a literal or a var holding a key)."""
    return LangState.t[key]
