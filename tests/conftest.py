"""Fixtures shared by the integration and e2e tiers: a real SQLite file made by the migrations."""

from __future__ import annotations

import pytest

from terminsystem import cli, db
from terminsystem.services import setup


@pytest.fixture
def db_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'terminsystem.db'}"
    cli.migrate(url)
    return url


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
