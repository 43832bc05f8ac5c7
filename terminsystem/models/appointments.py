"""Appointments and what they hold: seats, persons, mail."""

from __future__ import annotations

from datetime import date

import reflex as rx
import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from ..domain import status

_STATUS_LIST = ", ".join(f"'{s}'" for s in status.ALL)
# How a person was checked in: the kiosk's QR scanner, the kiosk's date-of-birth lookup, or a clerk.
CHECKIN_QR, CHECKIN_BIRTH_DATE, CHECKIN_STAFF = "qr", "birth_date", "staff"
CHECKIN_VIA = (CHECKIN_QR, CHECKIN_BIRTH_DATE, CHECKIN_STAFF)


@rx.ModelRegistry.register
class Appointment(SQLModel, table=True):
    """Termin. The only personal data kept: names, date of birth, optional e-mail."""

    __table_args__ = (
        sa.CheckConstraint(f"status IN ({_STATUS_LIST})", name="ck_appointment_status"),
        sa.CheckConstraint("starts_at < ends_at", name="ck_appointment_order"),
        sa.Index("ix_appointment_team_start", "team_id", "starts_at"),
        # A call number is given once per day; the database refuses a second holder.
        sa.UniqueConstraint("call_day", "call_number", name="uq_appointment_call_number"),
        sa.UniqueConstraint("manage_token_hash", name="uq_appointment_manage_token_hash"),
        sa.CheckConstraint(f"checkin_via IN ({', '.join(repr(v) for v in CHECKIN_VIA)})", name="ck_appointment_checkin_via"),
    )
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id")
    concern_id: int = Field(foreign_key="concern.id")
    starts_at: NaiveDatetime
    ends_at: NaiveDatetime
    status: str = Field(default=status.BOOKED, max_length=20)
    family_name: str = Field(max_length=80)
    given_names: str = Field(default="", max_length=80)
    birth_date: date = Field(index=True)
    email: str | None = Field(default=None, max_length=254)
    booking_code: str = Field(unique=True, max_length=9)
    token_hash: str = Field(unique=True, max_length=64)
    created_at: NaiveDatetime
    cancelled_at: NaiveDatetime | None = None
    # Arrival and call (Aufruf). The call number is what the waiting-room display shows.
    checked_in_at: NaiveDatetime | None = None
    call_day: date | None = None
    call_number: str | None = Field(default=None, max_length=4)
    called_at: NaiveDatetime | None = None  # the last call (a recall moves it)
    first_called_at: NaiveDatetime | None = None  # the first call: the end of the waiting time
    room_id: int | None = Field(
        default=None, sa_column=sa.Column(sa.Integer, sa.ForeignKey("room.id", name="fk_appointment_room_id"))
    )
    finished_at: NaiveDatetime | None = None
    # The clerk's tools: how often called (recall), priority, parked (e.g. fetching documents),
    # and the note of a transfer from the other team.
    call_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    priority: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    parked_at: NaiveDatetime | None = None
    transfer_note: str | None = Field(default=None, max_length=200)
    urgent_reason: str | None = Field(default=None, max_length=200)  # set for urgent same-day entries
    # Every change of the appointment raises it by one. A change applies only to the version it
    # was decided on, and an undo only to the version its action left behind: so nobody ever
    # overwrites a colleague's change they have not seen.
    version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # The QR code's and the manage link's tokens are derived from this random nonce with the server
    # key (``codes.derived_token``); only their hashes are stored. None: booked before there were
    # manage links (found by booking code + date of birth only).
    link_nonce: str | None = Field(default=None, max_length=32)
    manage_token_hash: str | None = Field(default=None, max_length=64)
    lang: str = Field(default="de", max_length=10, sa_column_kwargs={"server_default": "de"})  # of its mails
    persons: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # the first is the person above
    # Facts for the statistics that contain nobody's data and outlive the deletion of the personal
    # data: how the person checked in, and whether it was an urgent entry (its reason is deleted).
    checkin_via: str | None = Field(default=None, max_length=12)
    urgent: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    # When the names, dates of birth, e-mail and notes were replaced by anonymous values
    # (``services.retention``); the appointment's times and outcome stay for the statistics.
    anonymised_at: NaiveDatetime | None = Field(default=None, index=True)


@rx.ModelRegistry.register
class SlotClaim(SQLModel, table=True):
    """One seat of one slot held by one appointment (or by one waitlist offer). The unique key is
    what makes capacity hold under concurrency: two bookings can never hold the same seat, on SQLite
    and PostgreSQL alike."""

    __tablename__ = "slot_claim"
    __table_args__ = (
        sa.UniqueConstraint("team_id", "slot_start", "seat", name="uq_slot_claim_seat"),
        sa.CheckConstraint("seat >= 1", name="ck_slot_claim_seat"),
        # Held by an appointment or by a waitlist offer, never both, never neither.
        sa.CheckConstraint("(appointment_id IS NULL) <> (offer_id IS NULL)", name="ck_slot_claim_holder"),
    )
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id")
    slot_start: NaiveDatetime
    seat: int
    # A seat given back (cancelled or moved away) stays held until this time (a random cooldown),
    # so that it cannot be handed from one person to another by cancelling and booking at once.
    # None: held by its appointment.
    held_until: NaiveDatetime | None = None
    appointment_id: int | None = Field(
        default=None,
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("appointment.id", ondelete="CASCADE"), nullable=True, index=True
        )
    )
    # A seat held for a waitlist offer (``held_until``: a pause after the offer's expiry); accepting
    # the offer hands it to the new appointment.
    offer_id: int | None = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("waitlist_offer.id", name="fk_slot_claim_offer_id",
                                                      ondelete="CASCADE"), nullable=True, index=True),
    )


@rx.ModelRegistry.register
class AppointmentPerson(SQLModel, table=True):
    """A further person of a family appointment (position 2, 3, …; the first person's data is on
    the appointment itself). Any member's date of birth checks the group in at the kiosk."""

    __tablename__ = "appointment_person"
    __table_args__ = (
        sa.UniqueConstraint("appointment_id", "position", name="uq_appointment_person_position"),
        sa.CheckConstraint("position >= 2", name="ck_appointment_person_position"),
    )
    id: int | None = Field(default=None, primary_key=True)
    appointment_id: int = Field(
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("appointment.id", ondelete="CASCADE"), nullable=False)
    )
    position: int
    family_name: str = Field(max_length=80)
    given_names: str = Field(default="", max_length=80)
    birth_date: date = Field(index=True)


@rx.ModelRegistry.register
class PersonClaim(SQLModel, table=True):
    """One of the open appointments a person may hold (``n`` = 1 … the configured limit). The
    person is a keyed hash of the normalised family name and the date of birth. Like seats, the
    unique key is what holds under concurrency: two parallel bookings of one person cannot both
    take claim 1. Claims of appointments that are no longer open are removed when that person books."""

    __tablename__ = "person_claim"
    __table_args__ = (
        sa.UniqueConstraint("person_key", "n", name="uq_person_claim"),
        sa.CheckConstraint("n >= 1", name="ck_person_claim_n"),
    )
    id: int | None = Field(default=None, primary_key=True)
    person_key: str = Field(max_length=64)
    n: int
    appointment_id: int = Field(
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("appointment.id", ondelete="CASCADE"), nullable=False,
                            index=True)
    )


# "withdrawn": the office cancelled the appointment (a closed day, shorter hours, a concern ended).
MAIL_KINDS = ("confirmation", "rebooked", "cancelled", "reminder", "withdrawn",
              # Joining the waitlist (with the personal link) and the offer of a freed seat.
              "waitlist_joined", "waitlist_offer",
              # An urgent request's receipt (PDF attached) and the team's answer (``request_id``).
              "urgent_receipt", "urgent_answer")
MAIL_CANCELLATIONS = ("cancelled", "withdrawn")  # mails about an appointment that no longer holds
MAIL_STATUSES = ("pending", "sent", "dropped", "failed")


@rx.ModelRegistry.register
class MailOutbox(SQLModel, table=True):
    """A mail to a person, written in the same transaction as the change it tells about and sent
    later by the sender task of any worker. It holds no text and no token: the message is made
    from the appointment when it is sent. ``claimed_until`` is the lease of the worker sending it;
    a conditional UPDATE lets one worker claim it."""

    __tablename__ = "mail_outbox"
    __table_args__ = (
        sa.CheckConstraint(f"kind IN ({', '.join(repr(k) for k in MAIL_KINDS)})", name="ck_mail_kind"),
        sa.CheckConstraint(f"status IN ({', '.join(repr(k) for k in MAIL_STATUSES)})", name="ck_mail_status"),
        sa.Index("ix_mail_outbox_status_next", "status", "next_try_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    appointment_id: int | None = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("appointment.id", ondelete="CASCADE"), nullable=True,
                            index=True),
    )
    status: str = Field(default="pending", max_length=10)
    created_at: NaiveDatetime
    next_try_at: NaiveDatetime  # not before: the time it is due (reminders) or the next retry
    attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    claimed_until: NaiveDatetime | None = None
    sent_at: NaiveDatetime | None = None
    last_error: str | None = Field(default=None, max_length=200)
    # The waitlist entry a mail is about (joined, offer), and the offer (``waitlist_offer``).
    waitlist_entry_id: int | None = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("waitlist_entry.id", name="fk_mail_outbox_waitlist_entry_id",
                                                      ondelete="CASCADE"), nullable=True, index=True),
    )
    waitlist_offer_id: int | None = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("waitlist_offer.id", name="fk_mail_outbox_waitlist_offer_id",
                                                      ondelete="CASCADE"), nullable=True),
    )
    # The urgent request a mail is about (its receipt, the team's answer), instead of an appointment.
    request_id: int | None = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("urgent_request.id", name="fk_mail_outbox_request_id",
                                                      ondelete="CASCADE"), nullable=True, index=True),
    )
