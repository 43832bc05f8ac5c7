"""Which enrolled device (kiosk or display) this page runs on: the secret of the HttpOnly device
cookie, as the browser sent it when opening the websocket. Without one the page shows the neutral
"not set up" notice and its handlers do nothing."""

from __future__ import annotations

import reflex as rx

from ..domain import codes
from ..services import devices
from ..services.devices import DeviceInfo
from ..web import cookies


def current_device(state: rx.State, kind: str) -> DeviceInfo | None:
    """The enrolled, not revoked device of ``kind`` behind this connection, or None."""
    secret = cookies.read(state.router.headers.cookie, cookies.DEVICE)
    return devices.resolve(secret, kind=kind) if secret else None


class DeviceSetupState(rx.State):
    """The page where a browser becomes a kiosk or display: the code can come in the link."""

    code: str = ""
    notice: str = ""

    @rx.event
    def load(self):
        query = self.router.url.query_parameters
        self.code = codes.normalize_enrolment_code(query.get("code", ""))
        self.notice = "devices.code_invalid" if query.get("meldung") == "invalid" else ""
