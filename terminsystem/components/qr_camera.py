"""The kiosk camera as a Reflex component: a local React component around zxing-wasm (zxing-cpp)."""

import reflex as rx
from reflex_base.event import passthrough_event_spec


class QrCamera(rx.Component):
    library = f"$/public/{rx.asset('qr_camera.jsx', shared=True)}"
    tag = "QrCamera"
    lib_dependencies: list[str] = ["zxing-wasm@3.1.6"]

    label: rx.Var[str]
    on_scan: rx.EventHandler[passthrough_event_spec(str)]
    on_error: rx.EventHandler[passthrough_event_spec(str)]


qr_camera = QrCamera.create
