"""The database engine. SQLite (default) gets WAL, a busy timeout, foreign keys and
``BEGIN IMMEDIATE`` for writing transactions, so concurrent writers queue instead of failing."""

from __future__ import annotations

from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import Session

_WRITE = "terminsystem_write"


def make_engine(url: str) -> sa.Engine:
    if not url.startswith("sqlite"):
        return sa.create_engine(url, pool_pre_ping=True)
    engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        for pragma in ("journal_mode=WAL", "busy_timeout=30000", "foreign_keys=ON", "synchronous=NORMAL"):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # A writer takes the write lock up front; a deferred transaction that reads first and
        # writes later can fail with "database is locked" instead of waiting.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")

    return engine


@lru_cache(maxsize=4)
def engine_for(url: str) -> sa.Engine:
    return make_engine(url)


def app_engine() -> sa.Engine:
    """The engine for the configured ``db_url`` (``REFLEX_DB_URL`` overrides rxconfig)."""
    from reflex.config import get_config

    return engine_for(get_config().db_url)


def read_session(engine: sa.Engine | None = None) -> Session:
    return Session(engine or app_engine(), expire_on_commit=False)


def write_session(engine: sa.Engine | None = None) -> Session:
    """A session whose transaction is a writer from its first statement."""
    return Session((engine or app_engine()).execution_options(**{_WRITE: True}), expire_on_commit=False)
