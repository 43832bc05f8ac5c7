"""Booking codes people can read out and type, and secret tokens for QR codes and links."""

import base64
import hashlib
import hmac
import math
import re
import secrets
import unicodedata

# No 0/O/Q, 1/I/L, 2/Z, 5/S, 8/B, G/6: symbols that are confused when read aloud or handwritten.
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
CODE_LENGTH = 8
TOKEN_BYTES = 24  # 192 bits, well above the 128 bits required
# token_urlsafe is unpadded URL-safe base64: 4 characters per 3 bytes.
TOKEN_LENGTH = math.ceil(TOKEN_BYTES * 4 / 3)
_TOKEN = re.compile(rf"[A-Za-z0-9_-]{{{TOKEN_LENGTH}}}")
_ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _draw(length: int) -> str:
    """``length`` random symbols of the alphabet, in groups of four: ``K7HA-3MXQ``."""
    return _grouped("".join(secrets.choice(CODE_ALPHABET) for _ in range(length)))


def _grouped(raw: str) -> str:
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def _typed(text: object) -> str:
    """The ASCII letters and digits of what a person typed (case, spaces, dashes and full-width
    keyboards do not matter), so whatever else arrives simply matches no code."""
    if not isinstance(text, str):
        return ""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).upper() if ch in _ASCII_ALNUM)


def new_booking_code() -> str:
    """A random code like ``K7HA-3MXQ``: 8 symbols of a 22-symbol alphabet (~35 bits).

    Drawn with ``secrets`` so a code cannot be guessed from others; that no two appointments
    share one is the database's unique key, not this function's promise.
    """
    return _draw(CODE_LENGTH)


def normalize_booking_code(text: object) -> str:
    """Accept codes typed in lower case, with spaces, without the dash or on a full-width keyboard."""
    raw = _typed(text)
    return _grouped(raw) if len(raw) == CODE_LENGTH else raw


ENROL_LENGTH = 12  # 22^12 ≈ 2^53: a one-time code, valid for a day, typed once when setting up a device


def new_enrolment_code() -> str:
    """A one-time code that turns a browser into an office kiosk or display, like ``K7HA-3MXQ-TR4C``.
    Only its hash is stored; wrong codes are counted per client."""
    return _draw(ENROL_LENGTH)


def normalize_enrolment_code(text: object) -> str:
    """The code as issued, whatever the person typed around it; "" if it cannot be one."""
    raw = _typed(text[:100] if isinstance(text, str) else text)
    return _grouped(raw) if len(raw) == ENROL_LENGTH else ""


INITIAL_LENGTH = 16  # 22^16 ≈ 2^71: read off the admin's screen and typed once, then replaced


def new_initial_password() -> str:
    """An initial password an admin hands over, like ``K7HA-3MXQ-TR4C-PJ9W``: no symbols that are
    confused when read out; the person must replace it at the first login."""
    return _draw(INITIAL_LENGTH)


def new_token() -> str:
    """A URL-safe secret for the QR code and the manage link; carries no personal data."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def looks_like_token(text: object) -> bool:
    """Whether ``text`` has the exact shape of ``new_token()``, so a scan of anything else
    (a foreign QR code, a typo, a hand-made request) is "unknown" without asking the database.
    Surrounding whitespace from a scanner is the caller's to strip."""
    return isinstance(text, str) and _TOKEN.fullmatch(text) is not None


def token_hash(token: str) -> str:
    """Only this hash is stored, so a copy of the database cannot be used to check in or cancel.

    Hashes the UTF-8 bytes, which for the ASCII tokens we issue are the bytes hashed ever since,
    so stored hashes keep matching. Any other string still hashes instead of raising — even a
    lone surrogate, which JSON can carry (``"\\ud800"``) and strict UTF-8 cannot encode.
    """
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def derived_token(key: bytes, nonce: str, purpose: str) -> str:
    """A token of the same shape as ``new_token()``, derived from an appointment's random nonce
    with the server key: ``purpose`` 'checkin' gives the QR code's token, 'manage' the manage
    link's. Only the nonce and the tokens' hashes are stored; without the key (which never enters
    the database) neither token can be computed, with it the office can print the QR code again
    or put the manage link into a reminder."""
    digest = hmac.new(key, f"{purpose}:{nonce}".encode(), hashlib.sha256).digest()[:TOKEN_BYTES]
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def new_nonce() -> str:
    return secrets.token_hex(16)
