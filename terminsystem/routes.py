"""Every route of the app in one place."""

BOOKING = "/"
KIOSK = "/kiosk"
CLERK = "/team"
OVERVIEW = "/team/uebersicht"
DISPLAY = "/anzeige"
LOGIN = "/anmelden"
DEVICE_SETUP = "/geraet"  # a browser becomes a kiosk or display here (one-time code from the admin)
ADMIN_DEVICES = "/admin/geraete"

# HTTP endpoints (not pages): they set and clear the HttpOnly cookies.
STAFF_LOGIN_POST = "/_staff/login"
STAFF_LOGOUT_POST = "/_staff/logout"
DEVICE_ENROL_POST = "/_device/enrol"
DEVICE_RENEW_POST = "/_device/renew"
