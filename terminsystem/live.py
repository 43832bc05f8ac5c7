"""The one place that knows how a committed change reaches open pages.

Pages that show live data (a team's dashboards, the waiting-room displays) register their client
token for a channel in the database. After a service commits a change it calls ``changed(channel)``;
every registered page of that channel then reloads its own data from the database inside
``app.modify_state``. Reflex delivers the resulting delta to the browser, also when the browser's
websocket lives in another worker process (Redis state manager). No page ever receives data that is
not its own: the kiosk registers for nothing, the display only loads call numbers and rooms.
A page that missed a push is correct again after its next load or reconnect (it reloads then).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import delete, select

from . import db, settings
from .models import Device, LiveClient, StaffSession

log = logging.getLogger(__name__)
BOARD = "board"
_app = None
_kinds: dict[str, type] = {}
_tasks: set[asyncio.Task] = set()
_loop: asyncio.AbstractEventLoop | None = None


def team_channel(team_id: int) -> str:
    return f"team-{team_id}"


def bind(app) -> None:
    """Called once per worker by the app module."""
    global _app
    _app = app


def register(kind: str, state_cls: type) -> None:
    """``state_cls`` must have a synchronous ``_refresh(shared: dict | None = None)`` that reloads
    its data; pages of one push pass the same ``shared`` dict, so data that many pages show (one
    team's queue, the board) is read from the database once per push, not once per page."""
    _kinds[kind] = state_cls


def once(shared: dict | None, key, compute):
    """``compute()`` once per push for all pages that need the same data (see ``register``)."""
    if shared is None:
        return compute()
    if key not in shared:
        shared[key] = compute()
    return shared[key]


def subscribe(token: str, channel: str, kind: str, now: datetime, *, session_id: int | None = None,
              device_id: int | None = None, engine: sa.Engine | None = None) -> None:
    """Register an open page for a channel; a page has one channel at a time. A staff page is tied
    to its login session, a display to its device: pushes stop when either ends. Called on every
    load and heartbeat, so it only writes when the registration is missing or different."""
    wanted = (channel, kind, session_id, device_id)
    with db.read_session(engine) as s:
        current = s.exec(select(LiveClient.channel, LiveClient.kind, LiveClient.session_id, LiveClient.device_id)
                         .where(LiveClient.token == token)).all()
    if [tuple(row) for row in current] == [wanted]:
        return
    with db.write_session(engine) as s:
        s.exec(delete(LiveClient).where(LiveClient.token == token))
        s.add(LiveClient(token=token, channel=channel, kind=kind, updated_at=now, session_id=session_id,
                         device_id=device_id))
        s.commit()


def subscribers(channel: str, *, now: datetime, engine: sa.Engine | None = None) -> list[tuple[str, str]]:
    """The pages of ``channel`` that may still receive data: their staff session is valid or their
    device is enrolled and not revoked. A page tied to neither gets nothing."""
    from .services import auth  # (services import this module)

    session_ok = sa.and_(LiveClient.session_id.is_not(None), *auth.session_valid(now, settings.auth_policy()))
    device_ok = sa.and_(LiveClient.device_id.is_not(None), Device.secret_hash.is_not(None), Device.revoked_at.is_(None))
    with db.read_session(engine) as s:
        return list(s.exec(
            select(LiveClient.token, LiveClient.kind)
            .outerjoin(StaffSession, StaffSession.id == LiveClient.session_id)
            .outerjoin(Device, Device.id == LiveClient.device_id)
            .where(LiveClient.channel == channel, sa.or_(session_ok, device_ok))).all())


def forget(tokens: list[str], *, engine: sa.Engine | None = None) -> None:
    if tokens:
        with db.write_session(engine) as s:
            s.exec(delete(LiveClient).where(LiveClient.token.in_(tokens)))
            s.commit()


async def attach_loop() -> None:
    """Remember this worker's event loop (a lifespan task), so that services running in a thread
    (slow work is kept off the loop) can still start pushes."""
    global _loop
    _loop = asyncio.get_running_loop()


def changed(*channels: str) -> None:
    """Push a committed change to the pages of ``channels``, in that order (no-op outside the
    running app). Safe to call from the event loop and from worker threads."""
    if _app is None:
        return
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # a worker thread: hand the push over to the event loop
        if _loop is not None and not _loop.is_closed():
            _loop.call_soon_threadsafe(_start, channels)
        return
    _start(channels)


def _start(channels: tuple[str, ...]) -> None:
    # A task, not an await: the page that caused the change may be registered itself, and its
    # state is locked until its own event handler returns.
    task = asyncio.get_running_loop().create_task(publish(*channels))
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)


async def publish(*channels: str) -> None:
    now = settings.now()
    targets = list(dict.fromkeys((token, kind) for channel in channels
                                 for token, kind in subscribers(channel, now=now)))
    shared: dict = {}
    results = await asyncio.gather(*(_push(token, kind, shared) for token, kind in targets))
    forget([token for (token, _), reached in zip(targets, results, strict=True) if not reached])


async def _push(token: str, kind: str, shared: dict) -> bool:
    """Reload one page's data; False if the page is gone (its registration is then dropped)."""
    import reflex as rx

    state_cls = _kinds.get(kind)
    manager = _app.event_namespace._token_manager if _app.event_namespace else None
    if state_cls is None or (manager is not None and not await manager.is_token_connected(token)):
        return False
    try:
        async with _app.modify_state(rx.BaseStateToken(ident=token, cls=state_cls)) as root:
            page = await root.get_state(state_cls)
            page._refresh(shared)  # private: never callable as an event
    except Exception:  # one broken page must not stop the others
        log.exception("push to a %s page failed", kind)
    return True
