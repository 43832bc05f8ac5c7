"""The app: pages wired to routes, HTTP hardening and endpoints, lifespan tasks — nothing else."""

import reflex as rx
from starlette.applications import Starlette

from . import background, live, logs, routes, settings
from .pages.admin_concerns import concerns_page
from .pages.admin_hours import hours_page
from .pages.admin_office import office_page
from .pages.booking import booking_page
from .pages.clerk import clerk_page
from .pages.device_setup import device_setup_page
from .pages.devices import devices_page
from .pages.display import display_page
from .pages.info import accessibility_page, privacy_page
from .pages.kiosk import kiosk_page
from .pages.login import login_page
from .pages.manage import manage_page
from .pages.overview import overview_page
from .pages.password import password_change_page, password_reset_page
from .pages.staff_admin import staff_admin_page
from .pages.staff_booking import staff_booking_page
from .pages.statistics import statistics_page
from .pages.urgent_request import urgent_request_page
from .pages.urgent_triage import urgent_triage_page
from .pages.waitlist import waitlist_page
from .pages.waitlist_join import waitlist_join_page
from .services import outbox, urgent_requests  # noqa: F401 - urgent_requests registers its mails
from .state.admin_concerns import ConcernAdminState
from .state.admin_hours import HoursState
from .state.admin_office import OfficeAdminState
from .state.auth import AuthState
from .state.booking import BookingState
from .state.clerk import ClerkState
from .state.device import DeviceSetupState
from .state.devices import DeviceAdminState
from .state.display import DisplayState
from .state.info import InfoState
from .state.kiosk import KioskState
from .state.manage import ManageState
from .state.middleware import EventGuardMiddleware, staff_page
from .state.overview import OverviewState
from .state.password import PasswordState
from .state.staff_admin import StaffAdminState
from .state.staff_booking import StaffBookingState
from .state.statistics import StatisticsState
from .state.urgent_request import UrgentRequestState
from .state.urgent_triage import UrgentTriageState
from .state.waitlist import WaitlistState
from .state.waitlist_join import WaitlistJoinState
from .web import downloads, endpoints
from .web.security import SecurityMiddleware

logs.install()

app = rx.App(
    html_lang="de",
    stylesheets=["/terminsystem.css"],
    head_components=[rx.el.meta(name="theme-color", content="#0b5cab"), rx.el.link(rel="icon", href="/logo.svg")],
    # Our own routes first (they set the HttpOnly cookies); then every request, page, asset and the
    # websocket pass the security middleware (allowed hosts, headers, CSP).
    api_transformer=[
        Starlette(routes=endpoints.ROUTES + downloads.ROUTES),
        lambda asgi: SecurityMiddleware(asgi, allowed_hosts=settings.allowed_hosts()),
    ],
    backend_exception_handler=logs.backend_exception_handler,
)
# Pages show their own translated connection notice instead of Reflex's English toast.
app.app_wraps[(5, "Overlay")] = lambda stateful: None
live.bind(app)
for staff_state in (ClerkState, OverviewState, DeviceAdminState, StaffBookingState, StaffAdminState, HoursState,
                    ConcernAdminState, OfficeAdminState, StatisticsState, UrgentTriageState):
    staff_page(staff_state)
app.add_middleware(EventGuardMiddleware())
app.register_lifespan_task(live.attach_loop)
app.register_lifespan_task(background.auto_no_show_loop)
app.register_lifespan_task(background.retention_loop)
app.register_lifespan_task(background.waitlist_loop)
app.register_lifespan_task(outbox.sender_loop)

TITLE = "Ausländerbehörde Heilbronn"
app.add_page(booking_page, route=routes.BOOKING, title=f"Terminbuchung – {TITLE}", on_load=BookingState.load)
app.add_page(kiosk_page, route=routes.KIOSK, title=f"Check-in – {TITLE}", on_load=KioskState.load)
# The dashboard sets its own title (with the number of waiting people).
app.add_page(clerk_page, route=routes.CLERK, on_load=ClerkState.load)
app.add_page(login_page, route=routes.LOGIN, title=f"Anmeldung – {TITLE}", on_load=AuthState.load_login)
app.add_page(display_page, route=routes.DISPLAY, title=f"Aufruf – {TITLE}", on_load=DisplayState.load)
app.add_page(overview_page, route=routes.OVERVIEW, title=f"Tagesübersicht – {TITLE}", on_load=OverviewState.load)
app.add_page(statistics_page, route=routes.STATISTICS, title=f"Statistik – {TITLE}", on_load=StatisticsState.load)
app.add_page(urgent_triage_page, route=routes.URGENT_TRIAGE, title=f"Dringende Anfragen – {TITLE}",
             on_load=UrgentTriageState.load)
app.add_page(device_setup_page, route=routes.DEVICE_SETUP, title=f"Gerät einrichten – {TITLE}",
             on_load=DeviceSetupState.load)
app.add_page(devices_page, route=routes.ADMIN_DEVICES, title=f"Geräte – {TITLE}", on_load=DeviceAdminState.load)
app.add_page(manage_page, route=routes.MANAGE, title=f"Mein Termin – {TITLE}", on_load=ManageState.load)
app.add_page(waitlist_page, route=routes.WAITLIST, title=f"Warteliste – {TITLE}", on_load=WaitlistState.load)
app.add_page(waitlist_join_page, route=routes.WAITLIST_JOIN, title=f"Auf die Warteliste – {TITLE}",
             on_load=WaitlistJoinState.load)
app.add_page(urgent_request_page, route=routes.URGENT, title=f"Dringende Anfrage – {TITLE}",
             on_load=UrgentRequestState.load)
app.add_page(staff_booking_page, route=routes.STAFF_BOOKINGS, title=f"Termine verwalten – {TITLE}",
             on_load=StaffBookingState.load)
app.add_page(accessibility_page, route=routes.ACCESSIBILITY, title=f"Erklärung zur Barrierefreiheit – {TITLE}",
             on_load=InfoState.load)
app.add_page(privacy_page, route=routes.PRIVACY, title=f"Datenschutz – {TITLE}", on_load=InfoState.load)
app.add_page(staff_admin_page, route=routes.ADMIN_STAFF, title=f"Mitarbeitende – {TITLE}", on_load=StaffAdminState.load)
app.add_page(password_change_page, route=routes.PASSWORD, title=f"Passwort festlegen – {TITLE}",
             on_load=PasswordState.load_change)
app.add_page(password_reset_page, route=routes.PASSWORD_RESET, title=f"Neues Passwort – {TITLE}",
             on_load=PasswordState.load_link)
app.add_page(hours_page, route=routes.ADMIN_HOURS, title=f"Öffnungszeiten – {TITLE}", on_load=HoursState.load)
app.add_page(concerns_page, route=routes.ADMIN_CONCERNS, title=f"Anliegen – {TITLE}", on_load=ConcernAdminState.load)
app.add_page(office_page, route=routes.ADMIN_OFFICE, title=f"Teams und Räume – {TITLE}", on_load=OfficeAdminState.load)
