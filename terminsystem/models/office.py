"""The office: teams, concerns, rooms, staff, opening hours and closed days."""

from __future__ import annotations

from datetime import date, time

import reflex as rx
import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from ..domain import auth


@rx.ModelRegistry.register
class Team(SQLModel, table=True):
    """A team of clerks; the public never sees its name (people choose concerns, not teams)."""

    __table_args__ = (sa.UniqueConstraint("name", name="uq_team_name"),)
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=40)
    name: str = Field(max_length=80)  # shown to staff only
    active: bool = Field(default=True, sa_column_kwargs={"server_default": sa.true()})
    # The clock time at which the team's next day becomes bookable online (None: at midnight).
    release_time: time | None = None


@rx.ModelRegistry.register
class TeamRoom(SQLModel, table=True):
    """A room a team calls people to (the clerk's room choice offers these)."""

    __tablename__ = "team_room"
    __table_args__ = (sa.UniqueConstraint("team_id", "room_id", name="uq_team_room"),)
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("team.id", ondelete="CASCADE"), nullable=False))
    room_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("room.id", ondelete="CASCADE"), nullable=False))


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
        sa.UniqueConstraint("reset_token_hash", name="uq_staff_reset_token_hash"),
    )
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=60)
    display_name: str = Field(max_length=120)
    role: str = Field(max_length=20)
    team_id: int | None = Field(default=None, foreign_key="team.id")
    password_hash: str | None = Field(default=None, max_length=255)
    active: bool = True
    # An initial password set by the admin must be replaced at the first login.
    must_change_password: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    # A one-time link to set a new password: only the hash of its token, and until when it works.
    reset_token_hash: str | None = Field(default=None, max_length=64)
    reset_expires_at: NaiveDatetime | None = None


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
class ConcernText(SQLModel, table=True):
    """What people read about a concern, per language: office content, edited by the office (seeded
    from the shipped texts). ``documents``: one document per line. ``needs_review``: a
    machine-assisted translation not yet checked by a sworn translator."""

    __tablename__ = "concern_text"
    __table_args__ = (sa.UniqueConstraint("concern_id", "lang", name="uq_concern_text_lang"),)
    id: int | None = Field(default=None, primary_key=True)
    concern_id: int = Field(
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("concern.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    lang: str = Field(max_length=10)
    name: str = Field(max_length=200)
    description: str = Field(default="", max_length=1000)
    documents: str = Field(default="", max_length=3000)
    keywords: str = Field(default="", max_length=1000)
    needs_review: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})


@rx.ModelRegistry.register
class GroupText(SQLModel, table=True):
    """The name of a group of concerns (work, family, …) per language, like ``ConcernText``."""

    __tablename__ = "group_text"
    __table_args__ = (sa.UniqueConstraint("group_code", "lang", name="uq_group_text_lang"),)
    id: int | None = Field(default=None, primary_key=True)
    group_code: str = Field(max_length=40)
    lang: str = Field(max_length=10)
    name: str = Field(max_length=200)
    needs_review: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
