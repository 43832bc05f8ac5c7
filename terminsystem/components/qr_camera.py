"""The kiosk camera as a Reflex component: a local React component around @zxing/browser."""

import reflex as rx
from reflex_base.event import passthrough_event_spec


class QrCamera(rx.Component):
    library = f"$/public/{rx.asset('qr_camera.jsx', shared=True)}"
    tag = "QrCamera"
    lib_dependencies: list[str] = ["@zxing/browser@0.2.1", "@zxing/library@0.23.0"]

    label: rx.Var[str]
    on_scan: rx.EventHandler[passthrough_event_spec(str)]
    on_error: rx.EventHandler[passthrough_event_spec(str)]


qr_camera = QrCamera.create
