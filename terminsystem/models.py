"""Database tables (SQLModel) and the plain read models that leave the backend.

Times are naive wall-clock times of the office (Europe/Berlin), as people read them on a letter.
Table classes never leave the services: states get the dataclasses at the bottom.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import date, datetime, time

import reflex as rx
import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from .domain import auth, status

# Reflex merges the metadata of every registered table class; all of ours share SQLModel.metadata,
# so each table is "copied" onto itself. Harmless, but it would warn once per table at startup.
warnings.filterwarnings("ignore", message=r"Table '\w+' already exists within the given MetaData")

_STATUS_LIST = ", ".join(f"'{s}'" for s in status.ALL)


@rx.ModelRegistry.register
class Team(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=40)
    name: str = Field(max_length=80)  # German name used by staff; public text is in the catalog


@rx.ModelRegistry.register
class Concern(SQLModel, table=True):
    """Anliegen: what a person comes for. Names, descriptions and documents are catalog texts
    under ``concern.<code>.*`` so that more languages are data, not code."""

    __table_args__ = (sa.CheckConstraint("duration_minutes > 0", name="ck_concern_duration"),)
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=40)
    team_id: int = Field(foreign_key="team.id", index=True)
    group_code: str = Field(max_length=40)
    duration_minutes: int
    sort_order: int = 0
    active: bool = True


@rx.ModelRegistry.register
class Room(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=40)  # what the waiting-room display shows
    floor: str = Field(default="", max_length=40)
    active: bool = True


@rx.ModelRegistry.register
class Staff(SQLModel, table=True):
    """Sachbearbeiter/in, team lead or admin. Login arrives with the staff-accounts issue."""

    __table_args__ = (
        sa.CheckConstraint(f"role IN ({', '.join(repr(r) for r in auth.ROLES)})", name="ck_staff_role"),
    )
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=60)
    display_name: str = Field(max_length=120)
    role: str = Field(max_length=20)
    team_id: int | None = Field(default=None, foreign_key="team.id")
    password_hash: str | None = Field(default=None, max_length=255)
    active: bool = True


@rx.ModelRegistry.register
class OpeningWindow(SQLModel, table=True):
    """Öffnungszeit of one team on one weekday, with slot length and parallel clerks."""

    __tablename__ = "opening_window"
    __table_args__ = (
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="ck_window_weekday"),
        sa.CheckConstraint("start_time < end_time", name="ck_window_order"),
        sa.CheckConstraint("slot_minutes > 0 AND parallel > 0", name="ck_window_positive"),
    )
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    weekday: int
    start_time: time
    end_time: time
    slot_minutes: int
    parallel: int


@rx.ModelRegistry.register
class BlockedDay(SQLModel, table=True):
    """A day without appointments (staff outing, works meeting); team_id NULL = whole office."""

    __tablename__ = "blocked_day"
    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    team_id: int | None = Field(default=None, foreign_key="team.id")
    reason: str = Field(default="", max_length=200)


@rx.ModelRegistry.register
class Appointment(SQLModel, table=True):
    """Termin. The only personal data kept: names, date of birth, optional e-mail."""

    __table_args__ = (
        sa.CheckConstraint(f"status IN ({_STATUS_LIST})", name="ck_appointment_status"),
        sa.CheckConstraint("starts_at < ends_at", name="ck_appointment_order"),
        sa.Index("ix_appointment_team_start", "team_id", "starts_at"),
        # A call number is given once per day; the database refuses a second holder.
        sa.UniqueConstraint("call_day", "call_number", name="uq_appointment_call_number"),
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
    called_at: NaiveDatetime | None = None
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


@rx.ModelRegistry.register
class SlotClaim(SQLModel, table=True):
    """One seat of one slot held by one appointment. The unique key is what makes capacity hold
    under concurrency: two bookings can never hold the same seat, on SQLite and PostgreSQL alike."""

    __tablename__ = "slot_claim"
    __table_args__ = (
        sa.UniqueConstraint("team_id", "slot_start", "seat", name="uq_slot_claim_seat"),
        sa.CheckConstraint("seat >= 1", name="ck_slot_claim_seat"),
    )
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id")
    slot_start: NaiveDatetime
    seat: int
    appointment_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("appointment.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )


@rx.ModelRegistry.register
class LiveClient(SQLModel, table=True):
    """An open page that wants pushes for a channel (a team's queue, the waiting-room board).
    Kept in the database so that every backend worker can reach every page. A staff page is tied
    to its login session, a display to its enrolled device: pushes reach a page only while that
    session or device is valid."""

    __tablename__ = "live_client"
    __table_args__ = (sa.UniqueConstraint("token", "channel", name="uq_live_client"),)
    id: int | None = Field(default=None, primary_key=True)
    token: str = Field(max_length=80)
    channel: str = Field(max_length=40, index=True)
    kind: str = Field(max_length=20)
    updated_at: NaiveDatetime
    session_id: int | None = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("staff_session.id", name="fk_live_client_session_id",
                                                      ondelete="CASCADE"), nullable=True),
    )
    device_id: int | None = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("device.id", name="fk_live_client_device_id",
                                                      ondelete="CASCADE"), nullable=True),
    )


DEVICE_KINDS = ("kiosk", "display")


@rx.ModelRegistry.register
class Device(SQLModel, table=True):
    """A kiosk or waiting-room display of the office. An admin creates it with a one-time enrolment
    code; the browser that redeems the code keeps a long-lived secret in an HttpOnly cookie. Only
    hashes of code and secret are stored. Date-of-birth lookups are counted per device
    (``budget_*``: the current minute and how many lookups it had)."""

    __tablename__ = "device"
    __table_args__ = (
        sa.CheckConstraint(f"kind IN ({', '.join(repr(k) for k in DEVICE_KINDS)})", name="ck_device_kind"),
        sa.CheckConstraint("budget_used >= 0", name="ck_device_budget"),
    )
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    name: str = Field(unique=True, max_length=60)
    place: str = Field(default="", max_length=120)
    created_at: NaiveDatetime
    enrol_code_hash: str | None = Field(default=None, unique=True, max_length=64)
    enrol_expires_at: NaiveDatetime | None = None
    secret_hash: str | None = Field(default=None, unique=True, max_length=64)
    enrolled_at: NaiveDatetime | None = None
    revoked_at: NaiveDatetime | None = None
    last_seen_at: NaiveDatetime | None = None
    budget_window: NaiveDatetime | None = None
    budget_used: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


@rx.ModelRegistry.register
class Attempt(SQLModel, table=True):
    """A failed attempt at something rate-limited per client (e.g. a wrong enrolment code)."""

    __tablename__ = "attempt"
    __table_args__ = (sa.Index("ix_attempt_kind_key_at", "kind", "key", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    key: str = Field(max_length=80)
    at: NaiveDatetime


@rx.ModelRegistry.register
class ServerSecret(SQLModel, table=True):
    """Random server-side keys shared by all workers (e.g. for the kiosk's decoy times)."""

    __tablename__ = "server_secret"
    name: str = Field(primary_key=True, max_length=40)
    value: str = Field(max_length=128)


@rx.ModelRegistry.register
class StaffSession(SQLModel, table=True):
    """A staff login. Only a hash of the session token is stored; logout sets ``ended_at``."""

    __tablename__ = "staff_session"
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, max_length=64)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    created_at: NaiveDatetime
    last_seen_at: NaiveDatetime
    ended_at: NaiveDatetime | None = None


@rx.ModelRegistry.register
class LoginFailure(SQLModel, table=True):
    """A failed login, counted per account and per client for the growing delay and the lock."""

    __tablename__ = "login_failure"
    __table_args__ = (
        sa.Index("ix_login_failure_username_at", "username", "at"),
        sa.Index("ix_login_failure_client_at", "client", "at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=60)
    client: str = Field(max_length=80)
    at: NaiveDatetime


@rx.ModelRegistry.register
class AuditEvent(SQLModel, table=True):
    """Who did what and when. Append-only: the application never updates or deletes rows."""

    __tablename__ = "audit_event"
    __table_args__ = (sa.Index("ix_audit_event_at", "at"), sa.Index("ix_audit_event_staff_at", "staff_id", "at"))
    id: int | None = Field(default=None, primary_key=True)
    at: NaiveDatetime
    action: str = Field(max_length=30)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    team_id: int | None = Field(default=None, foreign_key="team.id")
    appointment_id: int | None = Field(default=None, foreign_key="appointment.id")
    # How an appointment change came about: 'kiosk', 'staff' or 'system' (the automatic no-show).
    via: str | None = Field(default=None, max_length=10)
    reason: str | None = Field(default=None, max_length=30)  # a machine key, e.g. 'locked' (login while locked)
    to_team_id: int | None = Field(default=None, sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("team.id", name="fk_audit_event_to_team_id")))  # where a transfer went
    note: str | None = Field(default=None, max_length=200)  # free text, only ever shown: transfer note, urgent reason
    undoes_id: int | None = Field(default=None, sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("audit_event.id", name="fk_audit_event_undoes_id")))  # the row an undo took back
    target_kind: str | None = Field(default=None, max_length=10)  # unlock: 'account' or 'client'
    target: str | None = Field(default=None, max_length=80)  # unlock: the username or the client address
    # The appointment's version after the action: an undo applies only while it still holds.
    version_after: int | None = None
    # The appointment's fields before and after the action (JSON): undo writes "before" back;
    # "after" is what the action set (e.g. the room of a call).
    change: str | None = Field(default=None, max_length=1000)


# --- read models: plain data that states may hold -------------------------------------------


@dataclass(frozen=True)
class ConcernInfo:
    id: int
    code: str
    group_code: str
    duration_minutes: int


@dataclass(frozen=True)
class DayInfo:
    day: date
    state: str  # "available" | "full" | "closed"
    free: int


@dataclass(frozen=True)
class TimeInfo:
    start: datetime
    end: datetime
    free: int


@dataclass(frozen=True)
class BookingReceipt:
    """What the person sees after booking. The token is shown only as the QR code."""

    booking_code: str
    token: str
    concern_code: str
    starts_at: datetime
    ends_at: datetime
