"""Server-side random keys shared by all workers and kept across restarts (in the database, never
sent to a page). The first worker that needs one creates it; a second one racing it loses on the
primary key and reads the winner's."""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from sqlmodel import select

from .. import db
from ..models import ServerSecret

_cache: dict[str, bytes] = {}


def get(name: str, *, engine: sa.Engine | None = None) -> bytes:
    key = (name, id(engine))
    if key in _cache:
        return _cache[key]
    with db.read_session(engine) as s:
        value = s.exec(select(ServerSecret.value).where(ServerSecret.name == name)).first()
    if value is None:
        try:
            with db.write_session(engine) as s:
                s.add(ServerSecret(name=name, value=secrets.token_hex(32)))
                s.commit()
        except sa.exc.IntegrityError:
            pass  # another worker created it at the same instant
        with db.read_session(engine) as s:
            value = s.exec(select(ServerSecret.value).where(ServerSecret.name == name)).one()
    _cache[key] = bytes.fromhex(value)
    return _cache[key]
