"""Every route of the app in one place."""

BOOKING = "/"
KIOSK = "/kiosk"
CLERK = "/team"
OVERVIEW = "/team/uebersicht"
DISPLAY = "/anzeige"
LOGIN = "/anmelden"
DEVICE_SETUP = "/geraet"  # a browser becomes a kiosk or display here (one-time code from the admin)
ADMIN_DEVICES = "/admin/geraete"
ADMIN_HOURS = "/team/zeiten"  # opening hours and closed days (team leads: their team)
ADMIN_CONCERNS = "/admin/anliegen"  # concerns with their texts in every language
ADMIN_OFFICE = "/admin/amt"  # teams and rooms
STATISTICS = "/team/statistik"  # figures over time (team leads: their team)
STAFF_BOOKINGS = "/team/termine"  # staff cancel or move a booking for a person
URGENT_TRIAGE = "/team/dringend"  # urgent requests of a team: offer a time, answer, close
ADMIN_STAFF = "/admin/mitarbeitende"  # staff accounts: create, role, team, deactivate, reset, unlock
PASSWORD = "/konto/passwort"  # replace the initial password (the first page after such a login)
PASSWORD_RESET = "/konto/neues-passwort"  # a one-time link from the admin (?t=…): set a new password

# HTTP endpoints (not pages): they set and clear the HttpOnly cookies.
STAFF_LOGIN_POST = "/_staff/login"
STAFF_LOGOUT_POST = "/_staff/logout"
DEVICE_ENROL_POST = "/_device/enrol"
DEVICE_RENEW_POST = "/_device/renew"

# A person's own booking: the manage page (by secret link or booking code + date of birth) and
# the confirmation's files, downloaded with the manage link's token.
MANAGE = "/termin"
CONFIRMATION_PDF = "/_termin/bestaetigung.pdf"
CONFIRMATION_ICS = "/_termin/termin.ics"
# A person's waitlist entry (``?t=…`` from the mail): position, the offer (accept/decline), leave.
WAITLIST = "/warteliste"
# The join form of a concern's waitlist (``?anliegen=<code>``, for a family ``&personen=<n>``),
# linked when no time is free.
WAITLIST_JOIN = "/warteliste/eintragen"
PERSONS_PARAM = "personen"
# The public form of an urgent request (the residence document expires soon, no time is free).
URGENT = "/dringend"
# The receipt of an urgent request, downloaded right after sending it with its token (``?t=``).
URGENT_RECEIPT_PDF = "/_dringend/eingangsbestaetigung.pdf"

# What the law asks for on every public page's footer.
ACCESSIBILITY = "/barrierefreiheit"  # Erklärung zur Barrierefreiheit (BITV 2.0 / § 10 L-BGG)
PRIVACY = "/datenschutz"  # Datenschutzhinweise (Art. 13 DSGVO)
