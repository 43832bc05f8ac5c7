"""Small helpers for tests: finding open days and concerns, a valid person."""

from __future__ import annotations

import random
import string
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from terminsystem.domain.personal import PersonalData
from terminsystem.models import Appointment, Concern, Team
from terminsystem.services import availability

# Figures measured during the run, printed in the "measured figures" section at the end.
FIGURES: list[str] = []

PERSON = PersonalData(family_name="Mustermann", given_names="Erika", birth_date=date(1964, 8, 12), email=None)


def letters(n: int = 6) -> str:
    """Random lower-case letters: a unique name part (names hold no digits)."""
    return "".join(random.choices(string.ascii_lowercase, k=n))


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


def appointment_today(engine, concern_code: str, person: PersonalData,
                      companions: tuple[PersonalData, ...] = (), *, not_begun: bool = False) -> tuple[int, str, datetime]:
    """Put an appointment a few minutes from now (inside the check-in window) straight into the
    database, whatever the weekday: the online booking never offers today. ``companions``: further
    persons of a family appointment. ``not_begun``: it must still lie ahead (a test of changing it),
    also late in the evening. Returns id, QR token and start."""
    from terminsystem import settings

    now = settings.now()
    start = (now + timedelta(minutes=5) if now.hour < 23 else now - timedelta(minutes=5)).replace(second=0)
    if not_begun:
        start = (now + timedelta(minutes=2)).replace(second=0)
        if start.date() != now.date():
            import pytest

            pytest.skip("no time of today is left ahead")
    aid, _, token = insert_appointment(engine, concern_code, start, person, companions, created_at=now)
    return aid, token, start


def insert_appointment(engine, concern_code: str, start: datetime, person: PersonalData,
                       companions: tuple[PersonalData, ...] = (), *, created_at: datetime,
                       **columns) -> tuple[int, str, str]:
    """An appointment (30 minutes, with its further persons) straight into the database, without
    seats: for times the online booking never offers. ``columns``: further columns of the row
    (status, check-in, …). Returns id, booking code and QR token."""
    from terminsystem import db
    from terminsystem.domain import codes
    from terminsystem.models import AppointmentPerson

    token = codes.new_token()
    with db.write_session(engine) as s:  # a writer from the start, like the app's services
        concern = s.exec(select(Concern).where(Concern.code == concern_code)).one()
        a = Appointment(team_id=concern.team_id, concern_id=concern.id, starts_at=start,
                        ends_at=start + timedelta(minutes=30), family_name=person.family_name,
                        given_names=person.given_names, birth_date=person.birth_date, email=person.email,
                        booking_code=codes.new_booking_code(), token_hash=codes.token_hash(token),
                        created_at=created_at, persons=1 + len(companions), **columns)
        s.add(a)
        s.flush()
        for position, other in enumerate(companions, start=2):
            s.add(AppointmentPerson(appointment_id=a.id, position=position, family_name=other.family_name,
                                    given_names=other.given_names, birth_date=other.birth_date))
        s.commit()
        return a.id, a.booking_code, token


def shipped_texts(lang: str, code: str) -> dict:
    """The shipped name and documents of a concern (what the database is seeded with), for tests
    that build a ``Confirmation`` without a database."""
    from terminsystem.services import content

    texts = {**content.shipped("de"), **content.shipped(lang)}
    documents = texts[f"concern.{code}.documents"][0]
    return {"concern_name": texts[f"concern.{code}.name"][0],
            "documents": tuple(line.strip() for line in documents.split("\n") if line.strip())}
