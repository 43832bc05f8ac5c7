"""Server-side random keys shared by all workers and kept across restarts (in the database, never
sent to a page). The first worker that needs one creates it; a second one racing it loses on the
primary key and reads the winner's."""

from __future__ import annotations

import secrets
import weakref

import sqlalchemy as sa
from sqlmodel import select

from .. import db
from ..models import ServerSecret

# Per engine (its database) and name. Held weakly: an engine's id() may be reused by another engine
# once the first is gone, and would then hand out the wrong database's key.
_cache: weakref.WeakKeyDictionary[sa.Engine, dict[str, bytes]] = weakref.WeakKeyDictionary()
_default: dict[str, bytes] = {}  # engine=None: the app's own engine


def get(name: str, *, engine: sa.Engine | None = None) -> bytes:
    known = _default if engine is None else _cache.setdefault(engine, {})
    if name in known:
        return known[name]
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
    known[name] = bytes.fromhex(value)
    return known[name]
