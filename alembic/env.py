"""Alembic environment bound to the app's tables and database URL.

``alembic upgrade head`` runs this file; ``reflex db migrate`` applies the same scripts.
"""

from contextlib import contextmanager
from logging.config import fileConfig

from reflex.config import get_config
from sqlmodel import SQLModel

import terminsystem.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from alembic import context
from terminsystem.db import make_engine

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata


def _url() -> str:
    return config.attributes.get("url") or get_config().db_url


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url())
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:
    with _sqlite_foreign_keys_off(connection):
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
            if connection.dialect.name == "sqlite":
                _check_foreign_keys(connection)


@contextmanager
def _sqlite_foreign_keys_off(connection):
    """SQLite's batch mode changes a table by copying it, dropping the old one and renaming the
    copy. With foreign keys enforced (the app's engine turns them on), dropping the old table
    would cascade to the rows that refer to it (an appointment's slot claims) or fail on them (an
    undo's audit row refers to the row it took back). So, as SQLite's documentation prescribes for
    such changes, enforcement is off while migrating and the result is checked before the commit.
    The pragma only takes effect outside a transaction, hence on the driver's connection first."""
    if connection.dialect.name != "sqlite" or connection.in_transaction():
        yield
        return
    raw = connection.connection.driver_connection
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        raise RuntimeError(f"the migration left rows with dangling foreign keys: {broken[:5]}")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
