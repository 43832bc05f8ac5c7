"""Server keys belong to their database: an engine made after another one was dropped gets its own
database's key, even where Python gives the new engine the old one's id()."""

from __future__ import annotations

import gc

import pytest
from sqlmodel import Session, select

from terminsystem import db
from terminsystem.models import ServerSecret
from terminsystem.services import secrets


def test_each_database_gets_its_own_key_when_engines_come_and_go(tmp_path):
    ids = set()
    for n in range(30):
        engine = db.make_engine(f"sqlite:///{tmp_path / f'{n}.db'}")
        ServerSecret.__table__.create(engine)
        ids.add(id(engine))
        key = secrets.get("person-key", engine=engine)
        with Session(engine) as s:
            stored = s.exec(select(ServerSecret.value).where(ServerSecret.name == "person-key")).one()
        assert key == bytes.fromhex(stored), f"database {n} was handed another database's key"
        engine.dispose()
        del engine
        gc.collect()
    if len(ids) == 30:  # where the allocator gave every engine a new id, there was nothing to confuse
        pytest.skip("no engine id was reused in this run: the keys were checked, the reuse case not reached")
