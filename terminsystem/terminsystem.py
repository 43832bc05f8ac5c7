"""The app: pages wired to routes — nothing else."""

import reflex as rx

from . import background, live, routes
from .pages.booking import booking_page
from .pages.clerk import clerk_page
from .pages.display import display_page
from .pages.kiosk import kiosk_page
from .pages.login import login_page
from .pages.overview import overview_page
from .state.booking import BookingState
from .state.clerk import ClerkState
from .state.display import DisplayState
from .state.overview import OverviewState

app = rx.App(
    html_lang="de",
    stylesheets=["/terminsystem.css"],
    head_components=[rx.el.meta(name="theme-color", content="#0b5cab")],
)
# Pages show their own translated connection notice instead of Reflex's English toast.
app.app_wraps[(5, "Overlay")] = lambda stateful: None
live.bind(app)
app.register_lifespan_task(background.auto_no_show_loop)

TITLE = "Ausländerbehörde Heilbronn"
app.add_page(booking_page, route=routes.BOOKING, title=f"Terminbuchung – {TITLE}", on_load=BookingState.load)
app.add_page(kiosk_page, route=routes.KIOSK, title=f"Check-in – {TITLE}")
# The dashboard sets its own title (with the number of waiting people).
app.add_page(clerk_page, route=routes.CLERK, on_load=ClerkState.load)
app.add_page(login_page, route=routes.LOGIN, title=f"Anmeldung – {TITLE}")
app.add_page(display_page, route=routes.DISPLAY, title=f"Aufruf – {TITLE}", on_load=DisplayState.load)
app.add_page(overview_page, route=routes.OVERVIEW, title=f"Tagesübersicht – {TITLE}", on_load=OverviewState.load)
