"""The app: pages wired to routes — nothing else."""

import reflex as rx

from . import routes
from .pages.booking import booking_page
from .state.booking import BookingState

app = rx.App(
    stylesheets=["/terminsystem.css"],
    head_components=[rx.el.meta(name="theme-color", content="#0b5cab")],
)
app.add_page(booking_page, route=routes.BOOKING, title="Terminbuchung – Ausländerbehörde Heilbronn", on_load=BookingState.load)
