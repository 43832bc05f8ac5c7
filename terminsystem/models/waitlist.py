"""The waitlist: people waiting for a freed seat of a concern, and the offers of such seats.

An offer holds its seats with ``slot_claim`` rows (``offer_id`` instead of ``appointment_id``, held
until a pause after the offer's expiry), so that capacity holds by the same unique key as bookings.
"""

from __future__ import annotations

from datetime import date

import reflex as rx
import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from ..domain import waitlist as rules

_ENTRY_LIST = ", ".join(f"'{s}'" for s in rules.ENTRY_STATUSES)
_OFFER_LIST = ", ".join(f"'{s}'" for s in rules.OFFER_STATUSES)
_OPEN = sa.text(", ".join(f"'{s}'" for s in rules.OPEN).join(("status IN (", ")")))


@rx.ModelRegistry.register
class WaitlistEntry(SQLModel, table=True):
    """Somebody waiting for a time of one concern within a window of days and weekdays. Personal
    data: names, date of birth, e-mail (deleted ``TS_RETENTION_DAYS`` after the entry ended)."""

    __tablename__ = "waitlist_entry"
    __table_args__ = (
        sa.CheckConstraint(f"status IN ({_ENTRY_LIST})", name="ck_waitlist_entry_status"),
        sa.CheckConstraint(f"weekdays >= 1 AND weekdays <= {rules.ALL_WEEKDAYS}", name="ck_waitlist_entry_weekdays"),
        sa.CheckConstraint("earliest <= latest", name="ck_waitlist_entry_window"),
        sa.CheckConstraint("persons >= 1", name="ck_waitlist_entry_persons"),
        sa.UniqueConstraint("token_hash", name="uq_waitlist_entry_token_hash"),
        # One open entry per person and concern; an ended one does not count (partial index,
        # SQLite and PostgreSQL alike).
        sa.Index("uq_waitlist_entry_open_person", "person_key", "concern_id", unique=True,
                 sqlite_where=_OPEN, postgresql_where=_OPEN),
        sa.Index("ix_waitlist_entry_status_created", "status", "created_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    concern_id: int = Field(foreign_key="concern.id")
    family_name: str = Field(max_length=80)
    given_names: str = Field(default="", max_length=80)
    birth_date: date
    email: str | None = Field(default=None, max_length=254)  # required to join; None once deleted
    lang: str = Field(default="de", max_length=10)
    earliest: date
    latest: date
    weekdays: int  # bit 0 = Monday … bit 6 = Sunday
    # A family waits together for one appointment (the concern's duration once per person); the
    # further persons are ``waitlist_person`` rows.
    persons: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    status: str = Field(default=rules.WAITING, max_length=10)
    created_at: NaiveDatetime
    expires_at: NaiveDatetime  # the entry ends then at the latest (TS_WAITLIST_DAYS, or after ``latest``)
    ended_at: NaiveDatetime | None = None  # booked, left or expired
    # The personal link's token is derived from this nonce with the server key (like an
    # appointment's manage link); only its hash is stored. Both None once deleted.
    link_nonce: str | None = Field(default=None, max_length=32)
    token_hash: str | None = Field(default=None, max_length=64)
    person_key: str | None = Field(default=None, max_length=64)  # keyed hash of family name + date of birth
    appointment_id: int | None = Field(
        default=None, sa_column=sa.Column(sa.Integer, sa.ForeignKey("appointment.id", name="fk_waitlist_entry_appointment_id"),
                                          nullable=True))
    anonymised_at: NaiveDatetime | None = None


@rx.ModelRegistry.register
class WaitlistPerson(SQLModel, table=True):
    """A further person of a family's entry (position 2, 3, …). Personal data: deleted with the
    entry's on the retention schedule."""

    __tablename__ = "waitlist_person"
    __table_args__ = (sa.UniqueConstraint("entry_id", "position", name="uq_waitlist_person_position"),)
    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("waitlist_entry.id", ondelete="CASCADE"),
                                              nullable=False, index=True))
    position: int
    family_name: str = Field(max_length=80)
    given_names: str = Field(default="", max_length=80)
    birth_date: date


@rx.ModelRegistry.register
class WaitlistOffer(SQLModel, table=True):
    """A freed time offered to one entry, held for it until ``expires_at``. No personal data."""

    __tablename__ = "waitlist_offer"
    __table_args__ = (
        sa.CheckConstraint(f"status IN ({_OFFER_LIST})", name="ck_waitlist_offer_status"),
        sa.CheckConstraint("starts_at < ends_at", name="ck_waitlist_offer_order"),
        sa.Index("ix_waitlist_offer_status_expires", "status", "expires_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("waitlist_entry.id", ondelete="CASCADE"),
                                              nullable=False, index=True))
    team_id: int = Field(foreign_key="team.id")
    starts_at: NaiveDatetime
    ends_at: NaiveDatetime
    status: str = Field(default=rules.OFFERED, max_length=10)
    created_at: NaiveDatetime
    expires_at: NaiveDatetime
    decided_at: NaiveDatetime | None = None
    appointment_id: int | None = Field(
        default=None, sa_column=sa.Column(sa.Integer, sa.ForeignKey("appointment.id", name="fk_waitlist_offer_appointment_id"),
                                          nullable=True))
