"""The schema is made by Alembic only, and the migrations match the table classes."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from alembic import command
from terminsystem import cli, db

TABLES = {"team", "concern", "room", "staff", "opening_window", "blocked_day", "appointment", "slot_claim",
          "live_client", "checkin_attempt", "staff_session", "login_failure", "audit_event",
          "device", "attempt", "server_secret"}


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
