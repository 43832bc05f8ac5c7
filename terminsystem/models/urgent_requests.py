"""Urgent requests: people whose residence document expires soon and who found no appointment."""

from __future__ import annotations

from datetime import date

import reflex as rx
import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from ..domain import urgent_requests as rules


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


@rx.ModelRegistry.register
class UrgentRequest(SQLModel, table=True):
    """One request, from its receipt to the team's answer or offered appointment. The personal data
    (names, date of birth, e-mail, the person's description and the team's answer) is replaced by
    anonymous values ``TS_RETENTION_DAYS`` after it was handled (``services.retention``); number,
    times, concern, team, document kind and expiry stay for the office's figures."""

    __tablename__ = "urgent_request"
    __table_args__ = (
        sa.CheckConstraint(_in("status", rules.STATUSES), name="ck_urgent_request_status"),
        sa.CheckConstraint(_in("permit_kind", rules.PERMIT_KINDS), name="ck_urgent_request_permit_kind"),
        sa.UniqueConstraint("receipt_token_hash", name="uq_urgent_request_receipt_token_hash"),
        sa.UniqueConstraint("appointment_id", name="uq_urgent_request_appointment_id"),  # offered once
        # The triage list: a team's requests by status and expiry.
        sa.Index("ix_urgent_request_team_status_expires", "team_id", "status", "permit_expires"),
    )
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=11)  # "D-K7HA-3MXQ", on the receipt
    team_id: int = Field(foreign_key="team.id")  # the concern's team when it was received
    concern_id: int = Field(foreign_key="concern.id")
    permit_kind: str = Field(max_length=20)
    permit_expires: date
    family_name: str = Field(max_length=80)
    given_names: str = Field(default="", max_length=80)
    birth_date: date
    email: str | None = Field(default=None, max_length=254)  # required when received; None once deleted
    lang: str = Field(default="de", max_length=10)  # of the receipt and the mails
    description: str | None = Field(default=None, max_length=rules.DESCRIPTION_MAX)
    received_at: NaiveDatetime = Field(index=True)
    # The receipt PDF can be downloaded right after sending with a random token; only its hash.
    receipt_token_hash: str | None = Field(default=None, max_length=64)
    status: str = Field(default=rules.OPEN, max_length=10)
    handled_at: NaiveDatetime | None = None  # the last step of the team (answer, offer, close)
    handled_by: int | None = Field(default=None, sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("staff.id", name="fk_urgent_request_handled_by"), nullable=True))
    answer: str | None = Field(default=None, max_length=rules.ANSWER_MAX)  # the team's message as sent
    appointment_id: int | None = Field(default=None, sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("appointment.id", name="fk_urgent_request_appointment_id"), nullable=True))
    anonymised_at: NaiveDatetime | None = Field(default=None, index=True)
