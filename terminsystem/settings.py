"""Office settings from the environment (TS_*), with the demo office's values as defaults."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from .domain.auth import AuthPolicy
from .domain.checkin import CheckinPolicy
from .domain.schedule import BookingLimits, BookingPolicy, Cooldown

TIMEZONE = ZoneInfo(os.environ.get("TS_TIMEZONE", "Europe/Berlin"))
OFFICE_ADDRESS = os.environ.get(
    "TS_OFFICE_ADDRESS", "Landratsamt Heilbronn, Ausländerbehörde, Lerchenstraße 40, 74072 Heilbronn"
)


def booking_policy() -> BookingPolicy:
    return BookingPolicy(
        min_days_ahead=int(os.environ.get("TS_BOOK_MIN_DAYS", "1")),
        max_days_ahead=int(os.environ.get("TS_BOOK_MAX_DAYS", "42")),
        lead_time=timedelta(hours=float(os.environ.get("TS_BOOK_LEAD_HOURS", "12"))),
        # Seat-slots per team and day that online booking and the waitlist leave for urgent offers.
        urgent_seats=max(0, int(os.environ.get("TS_URGENT_SEATS", "0"))),
    )


def now() -> datetime:
    """The office's wall-clock time, naive, as stored in the database."""
    return datetime.now(TIMEZONE).replace(tzinfo=None, microsecond=0)


def checkin_policy() -> CheckinPolicy:
    return CheckinPolicy(
        before=timedelta(minutes=float(os.environ.get("TS_CHECKIN_BEFORE_MIN", "60"))),
        after=timedelta(minutes=float(os.environ.get("TS_CHECKIN_AFTER_MIN", "15"))),
        lookups_per_minute=int(os.environ.get("TS_KIOSK_LOOKUPS_PER_MIN", "5")),
    )


def auth_policy() -> AuthPolicy:
    return AuthPolicy(
        idle_timeout=timedelta(minutes=float(os.environ.get("TS_STAFF_IDLE_MIN", "15"))),
        lifetime=timedelta(hours=float(os.environ.get("TS_STAFF_SESSION_HOURS", "10"))),
        alert_after=int(os.environ.get("TS_LOGIN_ALERT_AFTER", "20")),
    )


def long_wait_minutes() -> int:
    """Waiting longer than this is flagged on the dashboard."""
    return int(os.environ.get("TS_LONG_WAIT_MIN", "30"))


def undo_window() -> timedelta:
    """How long a clerk can take back their last action."""
    return timedelta(seconds=float(os.environ.get("TS_UNDO_SEC", "60")))


def auto_no_show_after() -> timedelta:
    """After the third call, a person who does not come is marked no-show after this time."""
    return timedelta(minutes=float(os.environ.get("TS_AUTO_NO_SHOW_MIN", "5")))


def sweep_seconds() -> float:
    """How often each backend worker looks for people to mark no-show automatically."""
    return float(os.environ.get("TS_SWEEP_SEC", "15"))


def public_url() -> str:
    """The address people use (``TS_PUBLIC_URL``, else ``REFLEX_API_URL``): links, the allowed
    origin of the websocket and HTTP routes and the allowed Host header all derive from it."""
    return (os.environ.get("TS_PUBLIC_URL") or os.environ.get("REFLEX_API_URL") or "http://localhost:8000").rstrip("/")


def public_origin() -> str:
    parts = urlsplit(public_url())
    return f"{parts.scheme}://{parts.netloc}"


def allowed_hosts() -> set[str]:
    """Host header values the app answers to: the public URL's, plus ``TS_EXTRA_HOSTS`` (comma list)."""
    extra = {h.strip() for h in os.environ.get("TS_EXTRA_HOSTS", "").split(",") if h.strip()}
    return {urlsplit(public_url()).netloc} | extra


def allowed_origins() -> list[str]:
    """Origins whose pages may use the websocket and the HTTP routes: the public one, and the extra
    host names with the same scheme."""
    scheme = urlsplit(public_url()).scheme
    return [public_origin(), *(f"{scheme}://{h}" for h in sorted(allowed_hosts() - {urlsplit(public_url()).netloc}))]


def secure_cookies() -> bool:
    """Cookies get the Secure flag when the public URL is https (behind TLS)."""
    return public_url().startswith("https://")


def trusted_proxy_hops() -> int:
    """How many reverse proxies in front of the app append to X-Forwarded-For (0: ignore the header)."""
    return int(os.environ.get("TS_TRUSTED_PROXY_HOPS", "0"))


# --- bookings people keep: links, mail, reminders ----------------------------------------------

_KEY_FILE_DEFAULT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "secret.key")


def secret_key() -> bytes:
    """The key the QR and manage-link tokens are derived from (``TS_SECRET_KEY``, at least 32
    characters). It never enters the database, so a copy of the database gives no token. Without
    it, a random key is created once in ``TS_SECRET_KEY_FILE`` (default: ``secret.key`` in the
    project folder) and shared by every worker on this machine."""
    if key := os.environ.get("TS_SECRET_KEY"):
        if len(key) < 32:
            raise RuntimeError("TS_SECRET_KEY must be at least 32 characters")
        return key.encode()
    return _key_file(os.environ.get("TS_SECRET_KEY_FILE", _KEY_FILE_DEFAULT))


def _key_file(path: str) -> bytes:
    import secrets as _secrets

    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:  # we won the race to create it; others read what we write
        with os.fdopen(fd, "w") as f:
            f.write(_secrets.token_urlsafe(48))
    for _ in range(50):
        with open(path, encoding="ascii") as f:
            key = f.read().strip()
        if len(key) >= 32:
            return key.encode()
        import time as _time

        _time.sleep(0.02)  # another worker is still writing it
    raise RuntimeError(f"{path} holds no usable key")


def manage_cutoff() -> timedelta:
    """Cancel and rebook are possible until this long before the start (``TS_MANAGE_CUTOFF_HOURS``)."""
    return timedelta(hours=float(os.environ.get("TS_MANAGE_CUTOFF_HOURS", "2")))


def open_appointments_per_person() -> int:
    """How many open future appointments one person (family name + date of birth) may hold."""
    return int(os.environ.get("TS_OPEN_PER_PERSON", "1"))


def max_persons() -> int:
    """How many persons (family members) one appointment may be for."""
    return int(os.environ.get("TS_MAX_PERSONS", "4"))


def reminder_before() -> timedelta:
    """The reminder e-mail goes out this long before the start (``TS_REMINDER_HOURS``, 0 = none)."""
    return timedelta(hours=float(os.environ.get("TS_REMINDER_HOURS", "24")))


def manage_lookups_per_hour() -> int:
    """Wrong booking code + date of birth attempts per client and hour on the manage page."""
    return int(os.environ.get("TS_MANAGE_ATTEMPTS_PER_HOUR", "10"))


def mail_poll_seconds() -> float:
    """How often each worker looks for mail to send (a booking in the same worker wakes it at once)."""
    return float(os.environ.get("TS_MAIL_POLL_SEC", "5"))


def mail_retry_seconds() -> float:
    """The pause before a failed mail is tried again; it doubles with every failure (at most 1 h)."""
    return float(os.environ.get("TS_MAIL_RETRY_SEC", "30"))


def office_contact() -> str:
    """How people reach the office about accessibility and data protection (``TS_OFFICE_CONTACT``:
    address, e-mail, phone; line breaks are kept)."""
    return os.environ.get(
        "TS_OFFICE_CONTACT", "Ausländerbehörde, Landratsamt Heilbronn, Lerchenstraße 40, 74072 Heilbronn"
    ).replace("\\n", "\n")


def retention_days() -> int:
    """Personal data of an appointment (names, dates of birth, e-mail, notes) is deleted this many
    days after the appointment, or after its cancellation (``TS_RETENTION_DAYS``)."""
    return max(1, int(os.environ.get("TS_RETENTION_DAYS", "30")))


def retention_interval_seconds() -> float:
    """How often the app looks for personal data due for deletion (``TS_RETENTION_INTERVAL_SEC``)."""
    return float(os.environ.get("TS_RETENTION_INTERVAL_SEC", "3600"))


def seat_cooldown() -> Cooldown:
    """A seat given back by a cancellation or a move is offered again after a random pause between
    ``TS_COOLDOWN_MIN_MINUTES`` (10) and ``TS_COOLDOWN_MAX_MINUTES`` (40); 0 and 0: at once."""
    return Cooldown(timedelta(minutes=float(os.environ.get("TS_COOLDOWN_MIN_MINUTES", "10"))),
                    timedelta(minutes=float(os.environ.get("TS_COOLDOWN_MAX_MINUTES", "40"))))


def booking_limits() -> BookingLimits:
    """Online bookings per client address and hour (``TS_BOOKINGS_PER_CLIENT_HOUR``) and of everybody
    together per minute (``TS_BOOKINGS_PER_MINUTE``)."""
    return BookingLimits(per_client_hour=int(os.environ.get("TS_BOOKINGS_PER_CLIENT_HOUR", "5")),
                         all_per_minute=int(os.environ.get("TS_BOOKINGS_PER_MINUTE", "30")))


def proof_cost() -> int:
    """Work of the proof asked before a booking or a lookup (``TS_POW_COST``: PBKDF2 iterations per
    try, 256 tries on average): 5000 takes a browser about half a second, a script that books in bulk
    that much per booking."""
    return max(1, int(os.environ.get("TS_POW_COST", "5000")))


def proof_minutes() -> int:
    """How long a challenge may be solved and sent (``TS_POW_MINUTES``); a new one is given after."""
    return max(1, int(os.environ.get("TS_POW_MINUTES", "60")))


def manage_lookups_per_minute() -> int:
    """Lookups by booking code + date of birth of everybody together per minute (``TS_MANAGE_LOOKUPS_PER_MINUTE``)."""
    return int(os.environ.get("TS_MANAGE_LOOKUPS_PER_MINUTE", "60"))


def urgent_policy():
    """Who may send an urgent request: the residence document expires within ``TS_URGENT_WEEKS``
    weeks (6), or expired at most ``TS_URGENT_PAST_DAYS`` days ago (14)."""
    from .domain.urgent_requests import UrgentPolicy

    return UrgentPolicy(weeks=int(os.environ.get("TS_URGENT_WEEKS", "6")),
                        past_days=int(os.environ.get("TS_URGENT_PAST_DAYS", "14")))


def urgent_limits() -> BookingLimits:
    """Urgent requests per client address and hour (``TS_URGENT_PER_CLIENT_HOUR``) and of everybody
    together per minute (``TS_URGENT_PER_MINUTE``)."""
    return BookingLimits(per_client_hour=int(os.environ.get("TS_URGENT_PER_CLIENT_HOUR", "3")),
                         all_per_minute=int(os.environ.get("TS_URGENT_PER_MINUTE", "10")))


def staff_booking_policy() -> BookingPolicy:
    """Staff booking for a person (an urgent request's offer): any time the team still offers from
    now on, within the booking horizon, whatever the release time."""
    return BookingPolicy(min_days_ahead=0, max_days_ahead=booking_policy().max_days_ahead,
                         lead_time=timedelta(0), follows_release=False)


def waitlist_rules():
    """The waitlist: an offer holds its seat ``TS_WAITLIST_OFFER_HOURS`` (2) hours, an entry lives at
    most ``TS_WAITLIST_DAYS`` (90) days; joins per client address and hour
    (``TS_WAITLIST_PER_CLIENT_HOUR``, 3) and of everybody together per minute (``TS_WAITLIST_PER_MINUTE``, 20)."""
    from .domain.waitlist import WaitlistRules

    return WaitlistRules(offer_hours=float(os.environ.get("TS_WAITLIST_OFFER_HOURS", "2")),
                         days=max(1, int(os.environ.get("TS_WAITLIST_DAYS", "90"))),
                         per_client_hour=int(os.environ.get("TS_WAITLIST_PER_CLIENT_HOUR", "3")),
                         all_per_minute=int(os.environ.get("TS_WAITLIST_PER_MINUTE", "20")))


def waitlist_interval_seconds() -> float:
    """How often each worker offers freed seats to the waitlist (``TS_WAITLIST_INTERVAL_SEC``); a
    cancellation or a declined offer starts a round at once."""
    return max(1.0, float(os.environ.get("TS_WAITLIST_INTERVAL_SEC", "60")))
