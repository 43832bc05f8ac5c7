"""Small helpers for tests: finding open days and concerns, a valid person."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from terminsystem.domain.personal import PersonalData
from terminsystem.models import Appointment, Concern, Team
from terminsystem.services import availability

# Figures measured during the run, printed in the "measured figures" section at the end.
FIGURES: list[str] = []

PERSON = PersonalData(family_name="Mustermann", given_names="Erika", birth_date=date(1964, 8, 12), email=None)


def concern_id(engine, code: str) -> int:
    with Session(engine) as s:
        return s.exec(select(Concern.id).where(Concern.code == code)).one()


def team_id(engine, code: str) -> int:
    with Session(engine) as s:
        return s.exec(select(Team.id).where(Team.code == code)).one()


def open_days(engine, concern: int, now: datetime, policy, skip: int = 0) -> list[date]:
    """Bookable days with free seats, in order, after skipping the first ``skip`` of them."""
    days = availability.days(concern_id=concern, now=now, policy=policy, engine=engine)
    return [d.day for d in days if d.state == "available"][skip:]


def monday_after(day: date, weeks: int = 1) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7 or 7) + timedelta(weeks=weeks - 1)


def appointments(engine) -> list[Appointment]:
    with Session(engine) as s:
        return list(s.exec(select(Appointment)).all())
