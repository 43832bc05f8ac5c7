"""One check in front of every event (a Reflex event middleware):

- **Staff data leaves only to a valid session.** When a tab (re)connects, Reflex sends it its
  whole stored state before any handler runs. A staff tab closed without logout, or a tab token read
  from a log, would otherwise get the last queue with names. So on every (re)connect the staff
  pages' data is cleared unless the browser's session cookie is valid now.
- **Reflex's generic ``setvar`` event is refused** on our states: every change goes through our
  own handlers, which check who may make it.
- **An event whose arguments do not fit its handler** (missing, unknown) is refused here, instead
  of failing inside Reflex with a traceback; the handlers themselves check the values' types.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging

from reflex.middleware import Middleware
from reflex_base.constants import CompileVars
from reflex_base.registry import RegistrationContext

from .. import settings
from ..services import auth
from .auth import AuthState, session_token

log = logging.getLogger(__name__)
_staff_states: list[type] = []


def staff_page(cls: type) -> type:
    """Mark a state that holds staff-only data; it must have ``_clear()`` and ``_holds_data()``."""
    _staff_states.append(cls)
    return cls


class EventGuardMiddleware(Middleware):
    async def preprocess(self, app, state, event):
        name = event.name
        if name.endswith(".setvar") and ".terminsystem___" in name:
            log.warning("refused a setvar event")
            return _nothing()
        if not _arguments_fit(name, event.payload):
            log.warning("refused an event with arguments that do not fit its handler")
            return _nothing()
        if not name.endswith(CompileVars.HYDRATE_AND_LOAD):
            return None
        holding = []
        for cls in _staff_states:
            page = await state.get_state(cls)
            if page._holds_data():
                holding.append(page)
        if not holding:
            return None
        token = session_token(state)
        who = await asyncio.to_thread(auth.resolve, token, now=settings.now(), policy=settings.auth_policy(),
                                      touch=False) if token else None
        if who is None:
            for page in holding:
                page._clear()
            header = await state.get_state(AuthState)
            header.display_name, header.role = "", ""
        return None


def _arguments_fit(name: str, payload: object) -> bool:
    registered = RegistrationContext.get().event_handlers.get(name)
    if registered is None or ".terminsystem___" not in name:
        return True  # Reflex's own events, and unknown names (Reflex refuses those itself)
    if not isinstance(payload, dict):
        return False
    try:
        _signature(registered.handler.fn).bind(None, **payload)
    except TypeError:
        return False
    return True


@functools.lru_cache(maxsize=None)
def _signature(fn) -> inspect.Signature:
    return inspect.signature(fn)  # handlers are fixed at start-up: worked out once each


def _nothing():
    from reflex.state import StateUpdate

    return StateUpdate()
