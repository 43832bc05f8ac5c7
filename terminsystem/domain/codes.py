"""Booking codes people can read out and type, and secret tokens for QR codes and links."""

import hashlib
import secrets

# No 0/O/Q, 1/I/L, 2/Z, 5/S, 8/B, G/6: symbols that are confused when read aloud or handwritten.
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
CODE_LENGTH = 8
TOKEN_BYTES = 24  # 192 bits, well above the 128 bits required


def new_booking_code() -> str:
    """A random code like ``K7HA-3MXQ``: 8 symbols of a 22-symbol alphabet (~35 bits)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalize_booking_code(text: str) -> str:
    """Accept codes typed in lower case, with spaces or without the dash."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == CODE_LENGTH else raw


def new_token() -> str:
    """A URL-safe secret for the QR code and the manage link; carries no personal data."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """Only this hash is stored, so a copy of the database cannot be used to check in or cancel."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()
