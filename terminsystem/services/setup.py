"""Configuring the office and loading demo data (idempotent: running twice changes nothing)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import select

from .. import db, office_data
from ..domain import codes, schedule
from ..domain.errors import SlotNotBookable, SlotTaken
from ..domain.personal import PersonalData
from ..models import Appointment, Concern, OpeningWindow, Room, Staff, Team
from . import auth, booking, content, devices
from . import schedule as sched


def configure_office(*, engine: sa.Engine | None = None) -> None:
    """Create teams, concerns (with their texts in every language), opening hours, rooms and staff
    records that do not exist yet."""
    with db.write_session(engine) as s:
        teams = {t.code: t for t in s.exec(select(Team)).all()}
        for code, name in office_data.TEAMS:
            if code not in teams:
                teams[code] = Team(code=code, name=name)
                s.add(teams[code])
        s.flush()
        known = set(s.exec(select(Concern.code)).all())
        for order, (code, team, group, minutes) in enumerate(office_data.CONCERNS):
            if code not in known:
                s.add(Concern(code=code, team_id=teams[team].id, group_code=group,
                              duration_minutes=minutes, sort_order=order))
        if not s.exec(select(OpeningWindow)).first():
            for team, weekday, start, end, slot, parallel in office_data.OPENING:
                s.add(OpeningWindow(team_id=teams[team].id, weekday=weekday, start_time=start,
                                    end_time=end, slot_minutes=slot, parallel=parallel))
        rooms = set(s.exec(select(Room.name)).all())
        for name, floor in office_data.ROOMS:
            if name not in rooms:
                s.add(Room(name=name, floor=floor))
        s.flush()
        content.seed(s)
        staff = set(s.exec(select(Staff.username)).all())
        for username, display, role, team in office_data.STAFF:
            if username not in staff:
                s.add(Staff(username=username, display_name=display, role=role,
                            team_id=teams[team].id if team else None))
        s.commit()


def demo_accounts(*, engine: sa.Engine | None = None) -> list[tuple[str, str, str]]:
    """Give the shipped staff records the demo password (only those without a password).
    Returns (username, role, team) of every demo account."""
    with db.read_session(engine) as s:
        without = set(s.exec(select(Staff.username).where(Staff.password_hash.is_(None))).all())
    for username in without & {u for u, *_ in office_data.STAFF}:
        auth.set_password(username, office_data.DEMO_PASSWORD, engine=engine)
    return [(u, role, team or "") for u, _, role, team in office_data.STAFF]


DEMO_DEVICES = [("kiosk", "Demo-Kiosk Eingang", "Foyer"), ("display", "Demo-Anzeige Wartebereich", "Wartebereich")]


def demo_devices(*, now: datetime, engine: sa.Engine | None = None) -> list[tuple[str, str, str]]:
    """A demo kiosk and display, each with a fresh one-time enrolment code (kind, name, code)."""
    issued = []
    for kind, name, place in DEMO_DEVICES:
        found = devices.by_name(name, engine=engine)
        info, code = (devices.new_code(found.id, now=now, engine=engine) if found else
                      devices.create(kind=kind, name=name, place=place, now=now, engine=engine))
        issued.append((kind, info.name, code))
    return issued


_FAMILY = ["Ahmadi", "Haidari", "Osman", "Tesfaye", "Kovalenko", "Nguyen", "Yıldız", "Rahimi",
           "Hussein", "Mensah", "Petrović", "Singh", "Popescu", "Al-Khatib", "Sharma", "Okafor",
           "Ivanova", "Silva", "Kaya", "Barzani", "Mohammadi", "Gebremedhin", "Kowalski", "Chen"]
_GIVEN = ["Amina", "Farid", "Samira", "Yonas", "Olena", "Minh", "Elif", "Reza", "Layla", "Kwame",
          "Milan", "Harpreet", "Ioana", "Omar", "Priya", "Chinedu", "Daria", "Lucas", "Emre", "Nesrin"]


def demo_person(rng: random.Random) -> PersonalData:
    born = date(rng.randint(1955, 2006), rng.randint(1, 12), rng.randint(1, 28))
    family, given = rng.choice(_FAMILY), rng.choice(_GIVEN)
    # No e-mail: the demo's mail folder is for the mails of the bookings a visitor makes.
    return PersonalData(family_name=family, given_names=given, birth_date=born, email=None)


def seed_demo(*, now: datetime, days: int = 10, fill: float = 0.6, seed: int = 7,
              engine: sa.Engine | None = None) -> int:
    """Book demo appointments for today and the next ``days`` days (about ``fill`` of the seats),
    unless there are appointments already. Returns how many were booked.

    Today is never bookable online (the horizon starts tomorrow), so today's demo appointments are
    placed directly, every 30 minutes from 08:00 to 17:30, also on a weekend or holiday: the kiosk,
    dashboards and display then have something to show whenever the demo is run."""
    with db.read_session(engine) as s:
        if s.exec(select(Appointment.id)).first() is not None:
            return 0
        concerns = s.exec(select(Concern).where(Concern.active)).all()
        by_team = {}
        for c in concerns:
            by_team.setdefault(c.team_id, []).append(c)
        plan = []
        for team_id, team_concerns in by_team.items():
            windows = sched.windows(s, team_id)
            for offset in range(1, days + 1):
                day = now.date() + timedelta(days=offset)
                if schedule.is_closed(day, windows, set()):
                    continue
                for w in (w for w in windows if w.weekday == day.weekday()):
                    plan.extend((team_concerns, start, w.parallel) for start in w.slot_starts(day))
    rng = random.Random(seed)
    booked = _seed_today(now, by_team, rng, engine)
    for team_concerns, start, parallel in plan:
        for _seat in range(parallel):
            if rng.random() > fill:
                continue
            try:
                booking.book(concern_id=rng.choice(team_concerns).id, start=start,
                             person=demo_person(rng), now=now, policy=None, engine=engine)
                booked += 1
            except (SlotTaken, SlotNotBookable):
                pass
    return booked


def _seed_today(now: datetime, by_team: dict[int, list[Concern]], rng: random.Random, engine) -> int:
    day = datetime.combine(now.date(), time(8))
    with db.write_session(engine) as s:
        count = 0
        for team_id, team_concerns in by_team.items():
            for slot in range(20):
                if rng.random() > 0.8:
                    continue
                concern = rng.choice(team_concerns)
                start = day + timedelta(minutes=30 * slot)
                person = demo_person(rng)
                s.add(Appointment(team_id=team_id, concern_id=concern.id, starts_at=start,
                                  ends_at=start + timedelta(minutes=concern.duration_minutes),
                                  family_name=person.family_name, given_names=person.given_names,
                                  birth_date=person.birth_date, email=person.email,
                                  booking_code=codes.new_booking_code(), token_hash=codes.token_hash(codes.new_token()),
                                  created_at=now))
                count += 1
        s.commit()
    return count
