"""Every route of the app in one place."""

BOOKING = "/"
KIOSK = "/kiosk"
CLERK = "/team"
DISPLAY = "/anzeige"
LOGIN = "/anmelden"
