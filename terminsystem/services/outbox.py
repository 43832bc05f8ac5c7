"""The outbox: mail to people is written in the same transaction as the booking, cancellation or
rebooking it tells about, and sent afterwards by a sender task in every worker. So a booking never
waits for, or fails with, the mail server, and no mail is lost when the server is down: it stays
here and is tried again with growing pauses.

Any number of workers may send at once; each message is claimed with one conditional UPDATE (a
lease), so only one of them sends it. A worker that dies mid-send leaves a lease that runs out;
the message is then sent again with the same Message-ID, so a duplicate is recognisable.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from email.message import EmailMessage
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlmodel import Session, select, update

from .. import db, settings
from ..mail import compose
from ..mail.smtp import PermanentFailure, SmtpSettings, TemporaryFailure, send
from ..models import MAIL_CANCELLATIONS, MAIL_KINDS, MailOutbox
from ..wakeup import Wakeup
from . import confirmations

log = logging.getLogger(__name__)
PENDING, SENT, DROPPED, FAILED = "pending", "sent", "dropped", "failed"
LEASE = timedelta(minutes=5)  # longer than one send may take (connect + TLS + data, each with a timeout)
_warned_unconfigured = False
_wakeup = Wakeup()

# Mails about something other than an appointment (a waitlist entry, an urgent request): the module
# that owns the subject registers, per mail kind, how to make the message from the outbox row. A
# maker returns the finished message, or a short reason why the mail is no longer to be sent.
Maker = Callable[[MailOutbox, datetime, str, str, "sa.Engine | None"], "EmailMessage | str"]
_MAKERS: dict[str, Maker] = {}


def register(kind: str, maker: Maker) -> None:
    """``maker(row, now, sender, message_id, engine)`` makes mails of ``kind`` (not about an appointment)."""
    if kind not in MAIL_KINDS:
        raise ValueError(f"unknown mail kind {kind!r}")
    _MAKERS[kind] = maker


# --- in the caller's transaction ------------------------------------------------------------------

def enqueue(session: Session, kind: str, appointment_id: int | None = None, *, now: datetime,
            due: datetime | None = None, **subject: int) -> None:
    """Add a mail to the caller's transaction (it is sent only if that commits). ``due``: not
    before this time (reminders). Only for subjects with an e-mail address: the caller checks.
    ``subject``: the other column naming what the mail is about, when it is not an appointment."""
    if kind not in MAIL_KINDS:
        raise ValueError(f"unknown mail kind {kind!r}")
    session.add(MailOutbox(kind=kind, appointment_id=appointment_id, status=PENDING, created_at=now,
                           next_try_at=due or now, **subject))


def drop_pending(session: Session, appointment_id: int, kinds: Iterable[str]) -> int:
    """Mails of these kinds not sent yet are not sent at all (a reminder of a cancelled
    appointment); how many. One being sent this very moment still goes out and ends as 'sent'."""
    result = session.exec(update(MailOutbox).where(
        MailOutbox.appointment_id == appointment_id, MailOutbox.kind.in_(list(kinds)), MailOutbox.status == PENDING,
    ).values(status=DROPPED))
    return result.rowcount


def reschedule(session: Session, appointment_id: int, kind: str, due: datetime) -> int:
    """Move the pending mails of a kind to ``due`` (the reminder after a rebooking); how many."""
    result = session.exec(update(MailOutbox).where(
        MailOutbox.appointment_id == appointment_id, MailOutbox.kind == kind, MailOutbox.status == PENDING,
    ).values(next_try_at=due))
    return result.rowcount


# --- sending ----------------------------------------------------------------------------------------

def backoff(attempts: int) -> timedelta:
    """``TS_MAIL_RETRY_SEC`` (30 s) after the first failure, doubling, at most an hour."""
    return timedelta(seconds=min(settings.mail_retry_seconds() * 2 ** max(attempts - 1, 0), 3600))


def message_id(outbox_id: int) -> str:
    """Stable per outbox row: a mail sent twice (lease ran out mid-send) is recognisably the same."""
    return f"<outbox-{outbox_id}@{urlsplit(settings.public_url()).hostname or 'terminsystem'}>"


def _claimable(now: datetime) -> tuple:
    return (MailOutbox.status == PENDING, MailOutbox.next_try_at <= now,
            sa.or_(MailOutbox.claimed_until.is_(None), MailOutbox.claimed_until < now))


def _claim(outbox_id: int, now: datetime, engine) -> tuple[MailOutbox, datetime] | None:
    """The row and our lease, if this worker got it; None if another one was first."""
    lease = now + LEASE
    with db.write_session(engine) as s:
        won = s.exec(update(MailOutbox).where(MailOutbox.id == outbox_id, *_claimable(now))
                     .values(claimed_until=lease, attempts=MailOutbox.attempts + 1)).rowcount == 1
        row = s.get(MailOutbox, outbox_id) if won else None
        s.commit()
    return (row, lease) if won else None


def _finish(outbox_id: int, lease: datetime, engine, **values) -> None:
    """Record the outcome, unless our lease was lost meanwhile (then another worker owns it)."""
    with db.write_session(engine) as s:
        s.exec(update(MailOutbox).where(MailOutbox.id == outbox_id, MailOutbox.claimed_until == lease)
               .values(**values))
        s.commit()


def _documents(kind: str, c) -> tuple[bytes | None, bytes | None]:
    """PDF and .ics for the mail: both for a (new) confirmation, the .ics for a reminder."""
    from ..documents import ics, pdf  # written alongside; imported when first needed

    if kind in ("confirmation", "rebooked"):
        return pdf.render(c), ics.render(c)
    if kind == "reminder":
        return None, ics.render(c)
    return None, None


def _stale(kind: str, c, now: datetime) -> str | None:
    """Why a mail no longer makes sense, if it does not."""
    if c.starts_at <= now:
        return "appointment has begun"
    if c.cancelled != (kind in MAIL_CANCELLATIONS):
        return "appointment status changed"
    return None


def _deliver_one(outbox_id: int, now: datetime, smtp: SmtpSettings, engine) -> bool:
    """True if sent. Raises ``TemporaryFailure`` with ``connection`` set after recording it, so
    the batch can stop: the other messages would meet the same unreachable server."""
    claimed = _claim(outbox_id, now, engine)
    if claimed is None:
        return False
    row, lease = claimed
    if row.appointment_id is None and row.kind in _MAKERS:
        return _deliver_made(row, lease, now, smtp, engine)
    found = confirmations.for_appointment(row.appointment_id, engine=engine) if row.appointment_id else None
    if found is None or not found[1]:
        _finish(row.id, lease, engine, status=DROPPED, claimed_until=None,
                last_error="no appointment, link or e-mail address")
        return False
    c, to = found
    if why := _stale(row.kind, c, now):
        _finish(row.id, lease, engine, status=DROPPED, claimed_until=None, last_error=why)
        return False

    def make() -> EmailMessage:
        pdf, ics = _documents(row.kind, c)
        return compose.message(row.kind, c, to=to, sender=smtp.sender, message_id=message_id(row.id), pdf=pdf, ics=ics)
    return _send(row, lease, now, smtp, engine, make)


class _Stale(Exception):
    """A registered maker found the mail no longer makes sense (its text says why)."""


def _deliver_made(row: MailOutbox, lease: datetime, now: datetime, smtp: SmtpSettings, engine) -> bool:
    """A mail of a registered kind (not about an appointment)."""
    def make() -> EmailMessage:
        made = _MAKERS[row.kind](row, now, smtp.sender, message_id(row.id), engine)
        if isinstance(made, str):
            raise _Stale(made)
        return made
    return _send(row, lease, now, smtp, engine, make)


def _send(row: MailOutbox, lease: datetime, now: datetime, smtp: SmtpSettings, engine,
          make: Callable[[], EmailMessage]) -> bool:
    """Make and send one claimed message and record the outcome."""
    try:
        msg = make()
        send(msg, smtp)
    except _Stale as e:
        _finish(row.id, lease, engine, status=DROPPED, claimed_until=None, last_error=str(e)[:200])
        return False
    except PermanentFailure as e:
        _finish(row.id, lease, engine, status=FAILED, claimed_until=None, last_error=str(e)[:200])
        log.warning("mail %s (%s) refused for good: %s", row.id, row.kind, e)
        return False
    except Exception as e:  # TemporaryFailure, or a bug in making the mail: try again later
        why = str(e) if isinstance(e, TemporaryFailure) else f"internal error: {type(e).__name__}"
        _finish(row.id, lease, engine, claimed_until=None, next_try_at=now + backoff(row.attempts),
                last_error=why[:200])
        if not isinstance(e, TemporaryFailure):
            log.exception("mail %s (%s) could not be made", row.id, row.kind)
            return False
        log.warning("mail %s (%s) not sent, attempt %s: %s", row.id, row.kind, row.attempts, e)
        raise
    _finish(row.id, lease, engine, status=SENT, claimed_until=None, sent_at=now)
    return True


def deliver_due(*, now: datetime, settings: SmtpSettings, engine: sa.Engine | None = None, limit: int = 20) -> int:
    """Send up to ``limit`` due mails; how many were sent. Synchronous (run it in a thread). One
    bad message never stops the others; an unreachable server ends the batch (next round)."""
    global _warned_unconfigured
    if not settings.configured:
        if not _warned_unconfigured:
            log.warning("TS_SMTP_HOST is not set: mails stay in the outbox until it is")
            _warned_unconfigured = True
        return 0
    with db.read_session(engine) as s:
        due = s.exec(select(MailOutbox.id).where(*_claimable(now))
                     .order_by(MailOutbox.next_try_at, MailOutbox.id).limit(limit)).all()
    clock = _clock(now)
    sent = 0
    for outbox_id in due:
        try:
            sent += _deliver_one(outbox_id, clock(), settings, engine)
        except TemporaryFailure as e:
            if e.connection:
                break
        except Exception:
            log.exception("mail %s: delivery failed", outbox_id)
    return sent


def _clock(start: datetime) -> Callable[[], datetime]:
    """``start`` plus the whole seconds passed since (times are stored in seconds, like
    ``settings.now()``): leases and retry times stay right in a long batch."""
    began = time.monotonic()
    return lambda: start + timedelta(seconds=int(time.monotonic() - began))


# --- the sender task ------------------------------------------------------------------------------

async def sender_loop() -> None:
    """The lifespan task of every worker: send what is due, then sleep until the next poll or
    until ``wake()`` (a booking in this worker wants its confirmation out now)."""
    _wakeup.attach()
    try:
        while True:
            try:
                await asyncio.to_thread(deliver_due, now=settings.now(), settings=SmtpSettings.from_env())
            except Exception:  # a database hiccup or a bad setting must not end the loop
                log.exception("mail sending failed")
            await _wakeup.sleep(settings.mail_poll_seconds())  # a wake() while sending: at once
    finally:
        _wakeup.detach()


def wake() -> None:
    """Send now rather than at the next poll. Callable from any thread (bookings run in threads);
    a no-op when no sender runs in this process."""
    _wakeup.set()
