"""Fixtures shared by the integration and e2e tiers: a real database made by the migrations.

Integration tests run on a SQLite file and, when ``TS_TEST_POSTGRES_URL`` points at a server
(``scripts/test.sh`` starts a private one), on a fresh PostgreSQL database as well.
"""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa

from terminsystem import cli, db
from terminsystem.services import setup

from .helpers import FIGURES

POSTGRES_URL = os.environ.get("TS_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'terminsystem.db'}"
        cli.migrate(url)
        yield url
        return
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must test PostgreSQL: TS_TEST_POSTGRES_URL is not set")
        pytest.skip("TS_TEST_POSTGRES_URL not set (scripts/test.sh starts a PostgreSQL server)")
    name = f"ts_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = POSTGRES_URL.rsplit("/", 1)[0] + "/" + name
    cli.migrate(url)
    yield url
    db.engine_for.cache_clear()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture
def engine(db_url):
    engine = db.make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def office(engine):
    """A migrated database with the office configured (teams, concerns, hours, rooms)."""
    setup.configure_office(engine=engine)
    return engine


@pytest.fixture
def report():
    """Record a measured figure; all figures are printed at the end of the run."""
    return FIGURES.append


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("measured figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
