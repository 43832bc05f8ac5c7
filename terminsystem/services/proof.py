"""Proof of work against automated bookings and lookups (ALTCHA, self-hosted: nothing leaves the
office's server). The page gets a signed challenge; the browser solves it (about half a second at
the default cost) and sends the solution with the form; the server checks the signature, the
solution and the expiry, and spends it: a solution counts once (the library keeps no record of
that, the ``used_proof`` table does, until the challenge expires)."""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, datetime, timedelta

import altcha
import sqlalchemy as sa

from .. import db, settings
from ..models import UsedProof
from . import secrets

log = logging.getLogger(__name__)
ALGORITHM = "PBKDF2/SHA-256"
MAX_PAYLOAD = 4096  # a real payload is about 600 characters
MISSING, INVALID, EXPIRED, USED = "proof.missing", "proof.invalid", "proof.expired", "proof.used"


def _secret(engine: sa.Engine | None) -> bytes:
    return secrets.get("proof-of-work", engine=engine)


def challenge(*, cost: int, minutes: int, engine: sa.Engine | None = None) -> str:
    """A new signed challenge for the widget, as JSON. It expires after ``minutes`` (real time: the
    library checks it against the system clock)."""
    made = altcha.create_challenge(ALGORITHM, cost, derive_key=altcha.derive_key_pbkdf2,
                                   expires_at=datetime.now(UTC) + timedelta(minutes=minutes),
                                   hmac_secret=_secret(engine))
    return json.dumps(made.to_dict(), separators=(",", ":"))


def spend(payload: object, *, engine: sa.Engine | None = None) -> str | None:
    """None if ``payload`` is a good solution of one of our challenges that was not spent before —
    it is spent now; else the message key saying what is wrong. Never raises for bad input."""
    if not isinstance(payload, str) or not payload.strip():
        return MISSING
    if len(payload) > MAX_PAYLOAD or not payload.isascii():
        return INVALID
    result = altcha.verify_solution(payload, _secret(engine), derive_key=altcha.derive_key_pbkdf2)
    if result.expired:
        return EXPIRED
    if not result.verified:
        return INVALID
    parsed = altcha.Payload.from_base64(payload)
    digest = hashlib.sha256(parsed.challenge.signature.encode()).hexdigest()
    expires = datetime.fromtimestamp(parsed.challenge.parameters.expires_at, settings.TIMEZONE).replace(tzinfo=None)
    try:
        with db.write_session(engine) as s:
            s.add(UsedProof(digest=digest, expires_at=expires))
            s.commit()
    except sa.exc.IntegrityError:
        return USED
    return None


def sweep(s, now: datetime) -> int:
    """Forget spent proofs whose challenge has expired (in the caller's transaction); how many."""
    return s.exec(sa.delete(UsedProof).where(UsedProof.expires_at < now)).rowcount
