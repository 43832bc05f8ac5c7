"""Every route of the app in one place."""

BOOKING = "/"
KIOSK = "/kiosk"
CLERK = "/team"
OVERVIEW = "/team/uebersicht"
DISPLAY = "/anzeige"
LOGIN = "/anmelden"
