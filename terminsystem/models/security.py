"""Live pages, devices, sessions, rate limits, server secrets and the audit trail."""

from __future__ import annotations

import reflex as rx
import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel


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
class DeviceRoom(SQLModel, table=True):
    """A room whose calls a display shows (a display without rooms shows all)."""

    __tablename__ = "device_room"
    __table_args__ = (sa.UniqueConstraint("device_id", "room_id", name="uq_device_room"),)
    id: int | None = Field(default=None, primary_key=True)
    device_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("device.id", ondelete="CASCADE"), nullable=False))
    room_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("room.id", ondelete="CASCADE"), nullable=False))


@rx.ModelRegistry.register
class TaskLease(SQLModel, table=True):
    """A scheduled task that one worker runs at a time (e.g. the deletion of old personal data): a
    worker acts only after a conditional UPDATE moved ``until`` past now for it."""

    __tablename__ = "task_lease"
    name: str = Field(primary_key=True, max_length=40)
    until: NaiveDatetime
    last_run_at: NaiveDatetime | None = None


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
class UsedProof(SQLModel, table=True):
    """A proof of work (ALTCHA solution) that was spent: each challenge counts once. Kept until the
    challenge expires (then it would be refused anyway) and swept after."""

    __tablename__ = "used_proof"
    digest: str = Field(primary_key=True, max_length=64)  # SHA-256 of the challenge's signature
    expires_at: NaiveDatetime = Field(index=True)


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
    change: str | None = Field(default=None, sa_column=sa.Column(sa.Text, nullable=True))
    # An administrator's change: which kind of office record (``audit.ENTITIES``) and which row;
    # ``change`` then holds its fields before and after.
    entity: str | None = Field(default=None, max_length=20)
    entity_id: int | None = None
