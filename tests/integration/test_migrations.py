"""The schema is made by Alembic only, and the migrations match the table classes."""

from datetime import datetime

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from alembic import command
from terminsystem import cli, db

TABLES = {"team", "concern", "room", "staff", "opening_window", "blocked_day", "appointment", "slot_claim",
          "live_client", "staff_session", "login_failure", "audit_event",
          "device", "attempt", "used_proof", "server_secret", "appointment_person", "person_claim", "mail_outbox",
          "concern_text", "group_text", "team_room", "device_room", "task_lease",
          "waitlist_entry", "waitlist_person", "waitlist_offer", "urgent_request"}


def alembic_config(url: str) -> Config:
    config = Config(str(cli.ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(cli.ROOT / "alembic"))
    config.attributes.update(configure_logger=False, url=url)
    return config


def tables(url: str) -> set[str]:
    engine = db.make_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade_round_trip(tmp_path):
    url = f"sqlite:///{tmp_path / 'round.db'}"
    config = alembic_config(url)
    command.upgrade(config, "head")
    assert tables(url) == TABLES
    command.downgrade(config, "base")
    assert tables(url) == set()
    command.upgrade(config, "head")
    assert tables(url) == TABLES


def test_migrations_match_the_models(db_url):
    engine = db.make_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    engine.dispose()
    assert diff == []


OLD_DETAILS = {  # action, detail as the code before c4e6a8b0d2f3 wrote them
    1: ("check_in", "kiosk"), 2: ("check_in", "staff"), 3: ("no_show", "automatic"), 4: ("login_failed", "locked"),
    5: ("transfer", "to team {team}: Arbeitserlaubnis"), 6: ("undo", "transfer #5"), 7: ("unlock", "account l.weber"),
    8: ("unlock", "client 10.0.0.7"), 9: ("urgent", "Reise morgen"), 10: ("call", ""),
    11: ("transfer", "to team 999: Team gibt es nicht"),
}


def insert(conn, table: str, **values) -> int:
    names = ", ".join(values)
    return conn.execute(sa.text(f"INSERT INTO {table} ({names}) VALUES ({', '.join(':' + n for n in values)}) "
                                "RETURNING id"), values).scalar()


def test_the_audit_details_become_columns_and_come_back_on_downgrade(db_url):
    """Existing data survives the structured audit columns both ways (SQLite batch mode and
    PostgreSQL): text is turned into columns where it has a known shape, kept as a note otherwise;
    rebuilding a table on SQLite loses no rows that refer to it."""
    config, engine = alembic_config(db_url), db.make_engine(db_url)
    command.downgrade(config, "b2d4f6a8c0e1")
    at = datetime(2026, 11, 29, 9)
    with engine.begin() as conn:
        team = insert(conn, "team", code="t", name="Team T")
        concern = insert(conn, "concern", code="c", team_id=team, group_code="g", duration_minutes=30, sort_order=0,
                         active=True)
        appointment = insert(conn, "appointment", team_id=team, concern_id=concern, starts_at=at,
                             ends_at=at.replace(hour=10), status="done", family_name="Alt", given_names="",
                             birth_date=at.date(), booking_code="ABCD-EFGH", token_hash="0" * 64, created_at=at)
        insert(conn, "slot_claim", team_id=team, slot_start=at, seat=1, appointment_id=appointment)
        for row_id, (action, detail) in OLD_DETAILS.items():
            insert(conn, "audit_event", id=row_id, at=at, action=action, detail=detail.format(team=team),
                   appointment_id=appointment if action in ("check_in", "no_show", "transfer") else None)
    command.upgrade(config, "head")
    columns = "id, via, reason, to_team_id, note, undoes_id, target_kind, target, version_after"
    with engine.connect() as conn:
        rows = {r[0]: r[1:] for r in conn.execute(sa.text(f"SELECT {columns} FROM audit_event"))}
    assert rows == {
        1: ("kiosk", None, None, None, None, None, None, None),
        2: ("staff", None, None, None, None, None, None, None),
        3: ("system", None, None, None, None, None, None, None),
        4: (None, "locked", None, None, None, None, None, None),
        5: ("system", None, team, "Arbeitserlaubnis", None, None, None, None),
        6: ("system", None, None, None, 5, None, None, None),
        7: (None, None, None, None, None, "account", "l.weber", None),
        8: (None, None, None, None, None, "client", "10.0.0.7", None),
        9: ("system", None, None, "Reise morgen", None, None, None, None),
        10: ("system", None, None, None, None, None, None, None),
        11: ("system", None, None, "to team 999: Team gibt es nicht", None, None, None, None),
    }
    command.downgrade(config, "b2d4f6a8c0e1")
    with engine.connect() as conn:
        back = dict(conn.execute(sa.text("SELECT id, detail FROM audit_event")).all())
        claims = conn.execute(sa.text("SELECT appointment_id FROM slot_claim")).scalars().all()
    engine.dispose()
    assert back == {row_id: detail.format(team=team) for row_id, (_, detail) in OLD_DETAILS.items()}
    assert claims == [appointment]  # the appointment table was rebuilt without its seat being freed
