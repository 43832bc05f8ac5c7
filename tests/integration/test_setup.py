"""Office configuration and demo data."""

from datetime import datetime

from sqlmodel import Session, func, select

from terminsystem.models import Appointment, Concern, OpeningWindow, Room, SlotClaim, Team
from terminsystem.services import setup


def count(engine, model) -> int:
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(model)).one()


def test_configure_office_is_idempotent(office):
    setup.configure_office(engine=office)
    assert count(office, Team) == 2
    assert count(office, Room) == 12
    assert count(office, OpeningWindow) == 10
    with Session(office) as s:
        per_team = s.exec(select(Concern.team_id, func.count()).group_by(Concern.team_id)).all()
    assert len(per_team) == 2 and all(n >= 8 for _, n in per_team)


def test_demo_data_fills_seats_without_overbooking(office):
    monday = datetime(2026, 11, 30, 7, 0)
    booked = setup.seed_demo(now=monday, engine=office)
    assert booked > 100
    assert count(office, Appointment) == booked
    with Session(office) as s:
        today = s.exec(select(func.count()).select_from(Appointment).where(
            Appointment.starts_at >= datetime(2026, 11, 30), Appointment.starts_at < datetime(2026, 12, 1))).one()
        worst = s.exec(select(func.count()).select_from(SlotClaim).group_by(SlotClaim.team_id, SlotClaim.slot_start)
                       .order_by(func.count().desc())).first()
    assert 0 < today <= 40
    assert worst <= 2
    assert setup.seed_demo(now=monday, engine=office) == 0  # second run adds nothing
