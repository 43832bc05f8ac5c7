"""Deletion of personal data on schedule (Art. 5 (1) e and Art. 17 GDPR).

``TS_RETENTION_DAYS`` after an appointment (after its end, or after its cancellation) the names,
dates of birth, e-mail address, the transfer note and the urgent reason are deleted: on the
appointment they become anonymous values, the further persons and the person claims go, mail not
yet sent is dropped, and the audit trail keeps who did what but loses the free text and the
personal fields of its before/after records. Times, outcome, team, concern, check-in channel and
the urgent flag stay: the statistics are made from them. Urgent requests lose their personal data
the same period after they were handled (or received, if never handled). Waitlist entries lose
theirs the same period after they ended (booked, left or expired). Failed logins and rate-limited attempts
(they hold client addresses) go after the same period.

One sweep is one write transaction of set-based statements. The app runs it in the one worker
that claims the task's lease (``run_if_due``); an administrator can run it by hand
(``python -m terminsystem.cli purge``)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, delete, select, update

from .. import db
from ..domain import status
from ..models import (
    Appointment,
    AppointmentPerson,
    Attempt,
    AuditEvent,
    LoginFailure,
    MailOutbox,
    PersonClaim,
    SlotClaim,
    TaskLease,
    UrgentRequest,
    WaitlistEntry,
    WaitlistPerson,
)
from . import audit, outbox, proof

# birth_date is NOT NULL; this day stands for "deleted". It is older than any date of birth the
# booking accepts (at most 120 years); the lookup on the manage page skips anonymous appointments,
# and the kiosk looks only at today's.
ANONYMOUS_BIRTH_DATE = date(1900, 1, 1)
LEASE = "retention"
# Fields an audit row's before/after record may hold that are personal data of the client.
PERSONAL_FIELDS = ("family_name", "given_names", "birth_date", "email", "transfer_note", "urgent_reason")


@dataclass(frozen=True)
class Report:
    """What one sweep deleted or made anonymous (all zero: nothing was due)."""

    appointments: int = 0
    persons: int = 0  # further persons of family appointments
    person_claims: int = 0
    mails_dropped: int = 0
    audit_rows: int = 0  # audit rows whose note or before/after record was scrubbed
    attempts: int = 0
    login_failures: int = 0
    held_seats: int = 0  # seats whose cooldown after a cancellation is over (housekeeping)
    used_proofs: int = 0  # spent proofs of work whose challenge has expired (housekeeping)
    urgent_requests: int = 0  # urgent requests whose personal data was deleted
    waitlist_entries: int = 0  # waitlist entries whose personal data was deleted

    @property
    def total(self) -> int:
        return sum(asdict(self).values())

    def counts(self) -> dict[str, int]:
        return asdict(self)


def _due(now: datetime, days: int):
    """The appointments whose personal data is due for deletion at ``now``: not yet anonymous, and
    ended (or, if cancelled, cancelled) more than ``days`` days ago."""
    cutoff = now - timedelta(days=days)
    return sa.and_(Appointment.anonymised_at.is_(None), sa.or_(
        sa.and_(Appointment.status == status.CANCELLED,
                sa.func.coalesce(Appointment.cancelled_at, Appointment.ends_at) < cutoff),
        sa.and_(Appointment.status != status.CANCELLED, Appointment.ends_at < cutoff),
    ))


def sweep(*, now: datetime, days: int, engine: sa.Engine | None = None, by: int | None = None) -> Report:
    """Delete the personal data due at ``now`` (see the module); what was done. ``by``: the staff
    member who started it, None for the scheduled task and the command line. Running it again
    finds nothing and writes no audit row."""
    with db.write_session(engine) as s:
        report = _sweep(s, now, days, by)
        s.commit()
    return report


def run_if_due(*, now: datetime, interval: timedelta, days: int, engine: sa.Engine | None = None) -> Report | None:
    """The scheduled sweep, safe to call from every worker at once: only the caller that moves the
    task's lease past ``now`` (by ``interval``) sweeps; the others get None. Claim and sweep are one
    transaction, so a failed sweep leaves the lease as it was and the next call tries again."""
    try:
        with db.write_session(engine) as s:
            claimed = s.exec(update(TaskLease).where(TaskLease.name == LEASE, TaskLease.until <= now)
                             .values(until=now + interval, last_run_at=now)).rowcount == 1
            if not claimed:
                if s.get(TaskLease, LEASE) is not None:
                    return None  # not due yet, or another worker holds it
                # The first run ever: whoever inserts the row first has it; a racing insert fails.
                s.add(TaskLease(name=LEASE, until=now + interval, last_run_at=now))
                s.flush()
            report = _sweep(s, now, days, None)
            s.commit()
    except sa.exc.IntegrityError:
        return None
    return report


def _sweep(s: Session, now: datetime, days: int, by: int | None) -> Report:
    cutoff = now - timedelta(days=days)
    appointments = s.exec(update(Appointment).where(_due(now, days)).values(
        family_name="", given_names="", birth_date=ANONYMOUS_BIRTH_DATE, email=None, transfer_note=None,
        urgent_reason=None, link_nonce=None, manage_token_hash=None, anonymised_at=now,
    ).execution_options(synchronize_session=False)).rowcount
    # The appointments made anonymous just now. Rows of earlier sweeps that match (same ``now``)
    # were cleaned then: the statements below only touch what still holds personal data.
    fresh = select(Appointment.id).where(Appointment.anonymised_at == now)
    persons = _delete(s, delete(AppointmentPerson).where(AppointmentPerson.appointment_id.in_(fresh)))
    claims = _delete(s, delete(PersonClaim).where(PersonClaim.appointment_id.in_(fresh)))
    # Nothing may be sent for them any more (a mail whose sender read the address before this
    # commits may still go out; every later attempt finds none).
    mails = s.exec(update(MailOutbox).where(MailOutbox.appointment_id.in_(fresh), MailOutbox.status == outbox.PENDING)
                   .values(status=outbox.DROPPED).execution_options(synchronize_session=False)).rowcount
    # A mail server's refusal may quote the address.
    s.exec(update(MailOutbox).where(MailOutbox.appointment_id.in_(fresh), MailOutbox.last_error.is_not(None))
           .values(last_error=None).execution_options(synchronize_session=False))
    audit_rows = _scrub_audit(s, fresh)
    requests = _anonymise_requests(s, now, cutoff)
    mails += requests[1]
    waiting = _anonymise_waitlist(s, now, cutoff)
    mails += waiting[1]
    attempts = _delete(s, delete(Attempt).where(Attempt.at < cutoff))
    failures = _delete(s, delete(LoginFailure).where(LoginFailure.at < cutoff))
    held = _delete(s, delete(SlotClaim).where(SlotClaim.held_until.is_not(None), SlotClaim.held_until <= now))
    proofs = proof.sweep(s, now)
    report = Report(appointments=appointments, persons=persons, person_claims=claims, mails_dropped=mails,
                    audit_rows=audit_rows, attempts=attempts, login_failures=failures, held_seats=held,
                    used_proofs=proofs, urgent_requests=requests[0], waitlist_entries=waiting[0])
    if report.total:
        audit.record(s, "anonymise", now, staff_id=by, via=audit.STAFF if by else audit.SYSTEM,
                     change={"counts": report.counts(), "days": days})
    return report


def _anonymise_requests(s: Session, now: datetime, cutoff: datetime) -> tuple[int, int]:
    """Urgent requests handled (or, never handled, received) before ``cutoff`` lose names, date of
    birth, e-mail, description, the team's answer and the receipt's download; their mails not yet
    sent are dropped. Number, times, concern, team, document kind and expiry stay. Their audit
    rows hold only the request number. Returns (requests, mails dropped)."""
    requests = s.exec(update(UrgentRequest).where(
        UrgentRequest.anonymised_at.is_(None),
        sa.func.coalesce(UrgentRequest.handled_at, UrgentRequest.received_at) < cutoff,
    ).values(family_name="", given_names="", birth_date=ANONYMOUS_BIRTH_DATE, email=None, description=None,
             answer=None, receipt_token_hash=None, anonymised_at=now).execution_options(synchronize_session=False)
    ).rowcount
    fresh = select(UrgentRequest.id).where(UrgentRequest.anonymised_at == now)
    mails = s.exec(update(MailOutbox).where(MailOutbox.request_id.in_(fresh), MailOutbox.status == outbox.PENDING)
                   .values(status=outbox.DROPPED).execution_options(synchronize_session=False)).rowcount
    s.exec(update(MailOutbox).where(MailOutbox.request_id.in_(fresh), MailOutbox.last_error.is_not(None))
           .values(last_error=None).execution_options(synchronize_session=False))
    return requests, mails


def _anonymise_waitlist(s: Session, now: datetime, cutoff: datetime) -> tuple[int, int]:
    """Waitlist entries that ended (booked, left, expired; or whose time ran out) before ``cutoff``
    lose names, date of birth, e-mail, the person's hash and the personal link, and a family's further
    persons are deleted; their mails not yet
    sent are dropped. Concern, window, times and outcome stay; their offers and audit rows hold no
    personal data. Returns (entries, mails dropped)."""
    entries = s.exec(update(WaitlistEntry).where(
        WaitlistEntry.anonymised_at.is_(None),
        sa.func.coalesce(WaitlistEntry.ended_at, WaitlistEntry.expires_at) < cutoff,
    ).values(family_name="", given_names="", birth_date=ANONYMOUS_BIRTH_DATE, email=None, person_key=None,
             link_nonce=None, token_hash=None, anonymised_at=now).execution_options(synchronize_session=False)
    ).rowcount
    fresh = select(WaitlistEntry.id).where(WaitlistEntry.anonymised_at == now)
    _delete(s, delete(WaitlistPerson).where(WaitlistPerson.entry_id.in_(fresh)))  # a family's further persons
    mails = s.exec(update(MailOutbox).where(MailOutbox.waitlist_entry_id.in_(fresh),
                                            MailOutbox.status == outbox.PENDING)
                   .values(status=outbox.DROPPED).execution_options(synchronize_session=False)).rowcount
    s.exec(update(MailOutbox).where(MailOutbox.waitlist_entry_id.in_(fresh), MailOutbox.last_error.is_not(None))
           .values(last_error=None).execution_options(synchronize_session=False))
    return entries, mails


def _delete(s: Session, statement) -> int:
    return s.exec(statement.execution_options(synchronize_session=False)).rowcount


def _scrub_audit(s: Session, appointment_ids) -> int:
    """The audit rows of these appointments lose their free text (transfer note, urgent reason) and
    the personal fields of their before/after record; the rest (who, what, when, which version,
    the other fields) stays. JSON functions differ between SQLite and PostgreSQL, so the few
    records are rewritten here and written back in one batched statement."""
    mentions = sa.or_(*(AuditEvent.change.like(f'%"{field}"%') for field in PERSONAL_FIELDS))
    rows = s.exec(select(AuditEvent.id, AuditEvent.change).where(
        AuditEvent.appointment_id.in_(appointment_ids), sa.or_(AuditEvent.note.is_not(None), mentions))).all()
    if rows:
        s.connection().execute(
            sa.update(AuditEvent.__table__).where(AuditEvent.__table__.c.id == sa.bindparam("row_id"))
            .values(note=None, change=sa.bindparam("scrubbed")),
            [{"row_id": row_id, "scrubbed": _without_personal(change)} for row_id, change in rows],
        )
    return len(rows)


def _without_personal(change: str | None) -> str | None:
    if not change:
        return change
    record = json.loads(change)
    if not isinstance(record, dict):
        return change
    for part in record.values():
        if isinstance(part, dict):
            for field in PERSONAL_FIELDS:
                part.pop(field, None)
    return json.dumps(record, default=str)
