"""Kiosks and waiting-room displays as enrolled devices of the office.

An admin creates a device and gets a one-time enrolment code (CLI or admin page). The browser that
redeems the code receives a long-lived random secret, kept in an HttpOnly cookie and sent with every
websocket connection; only hashes of code and secret are stored. ``/kiosk`` and ``/anzeige`` work
only with a valid secret, and date-of-birth lookups are counted per device.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import delete, select, update

from .. import db, routes, settings
from ..domain import codes
from ..models import DEVICE_KINDS, Device, DeviceRoom, LiveClient, Room
from . import attempts, audit

CODE_VALID = timedelta(hours=24)
SEEN_EVERY = timedelta(minutes=5)  # how often "last seen" is written (not on every heartbeat)
MAX_NAME = 60
MAX_PLACE = 120
ENROL_FAILURES = 10  # wrong codes per client address within ENROL_WINDOW, then refused
ENROL_WINDOW = timedelta(minutes=15)


class DeviceError(ValueError):
    """A device cannot be created or changed; ``key`` names the message in the catalog."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class DeviceInfo:
    id: int
    kind: str
    name: str
    place: str
    status: str  # "pending" (code issued, not redeemed) | "enrolled" | "revoked"
    enrolled_at: datetime | None
    last_seen_at: datetime | None
    code_expires_at: datetime | None
    rooms: tuple[str, ...] = ()  # a display: the rooms whose calls it shows (none: all)


def _info(d: Device, rooms: tuple[str, ...] = ()) -> DeviceInfo:
    if d.revoked_at is not None:
        state = "revoked"
    elif d.secret_hash is not None:
        state = "enrolled"
    else:
        state = "pending"
    return DeviceInfo(d.id, d.kind, d.name, d.place, state, d.enrolled_at, d.last_seen_at,
                      d.enrol_expires_at if d.enrol_code_hash else None, rooms)


def _rooms(s, device_ids: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for device_id, name in s.exec(select(DeviceRoom.device_id, Room.name).join(Room, Room.id == DeviceRoom.room_id)
                                  .where(DeviceRoom.device_id.in_(device_ids)).order_by(Room.name)):
        found.setdefault(device_id, []).append(name)
    return {k: tuple(v) for k, v in found.items()}


def enrolment_link(code: str) -> str:
    """The link that enrols a browser with ``code`` (open it on the device, press "Einrichten")."""
    return f"{settings.public_url()}{routes.DEVICE_SETUP}?code={code}"


def _clean(text: object, limit: int) -> str:
    return " ".join(text.split())[:limit] if isinstance(text, str) else ""


def create(*, kind: str, name: str, place: str = "", now: datetime, by: int | None = None,
           engine: sa.Engine | None = None) -> tuple[DeviceInfo, str]:
    """A new device with a fresh enrolment code; returns the device and the code (shown once)."""
    name, place = _clean(name, MAX_NAME), _clean(place, MAX_PLACE)
    if kind not in DEVICE_KINDS:
        raise DeviceError("devices.kind_invalid")
    if not name:
        raise DeviceError("devices.name_missing")
    code = codes.new_enrolment_code()
    with db.write_session(engine) as s:
        if s.exec(select(Device.id).where(Device.name == name)).first() is not None:
            raise DeviceError("devices.name_taken")
        device = Device(kind=kind, name=name, place=place, created_at=now,
                        enrol_code_hash=codes.token_hash(code), enrol_expires_at=now + CODE_VALID)
        s.add(device)
        audit.record(s, "device_add", now, staff_id=by, target_kind="device", target=name)
        try:
            s.commit()
        except sa.exc.IntegrityError as err:  # the same name created at the same instant
            raise DeviceError("devices.name_taken") from err
        return _info(device), code


def new_code(device_id: int, *, now: datetime, by: int | None = None,
             engine: sa.Engine | None = None) -> tuple[DeviceInfo, str]:
    """A fresh enrolment code (e.g. for a replaced browser or a revoked device). The device's
    current secret stays valid until the new code is redeemed."""
    code = codes.new_enrolment_code()
    with db.write_session(engine) as s:
        result = s.exec(update(Device).where(Device.id == device_id).values(
            enrol_code_hash=codes.token_hash(code), enrol_expires_at=now + CODE_VALID))
        if result.rowcount != 1:
            raise DeviceError("devices.unknown")
        device = s.get(Device, device_id)
        audit.record(s, "device_code", now, staff_id=by, target_kind="device", target=device.name)
        s.commit()
        return _info(device), code


def enrol(code: str, *, client: str, now: datetime,
          engine: sa.Engine | None = None) -> tuple[str, DeviceInfo] | None:
    """Redeem an enrolment code: the device gets a new secret (returned once, for the cookie).
    None for a wrong, used or expired code, or when this client tried too many wrong codes."""
    code = codes.normalize_enrolment_code(code)
    with db.write_session(engine) as s:
        if attempts.too_many(s, "enrol", client, now=now, window=ENROL_WINDOW, limit=ENROL_FAILURES):
            return None
        secret = codes.new_token()
        # One conditional UPDATE: a code is redeemed once, even by two browsers at the same instant.
        result = s.exec(update(Device).where(
            Device.enrol_code_hash == codes.token_hash(code), Device.enrol_expires_at > now,
        ).values(secret_hash=codes.token_hash(secret), enrolled_at=now, revoked_at=None, last_seen_at=now,
                 enrol_code_hash=None, enrol_expires_at=None))
        if result.rowcount != 1:
            attempts.failed(s, "enrol", client, now=now)
            s.commit()
            return None
        device = s.exec(select(Device).where(Device.secret_hash == codes.token_hash(secret))).one()
        # A re-enrolled device's old pages lose their pushes with the old secret.
        s.exec(delete(LiveClient).where(LiveClient.device_id == device.id))
        audit.record(s, "device_enrol", now, target_kind="device", target=device.name)
        s.commit()
        return secret, _info(device)


def resolve(secret: str, *, kind: str | None = None, engine: sa.Engine | None = None) -> DeviceInfo | None:
    """The enrolled, not revoked device holding ``secret`` (of ``kind``, if given), or None."""
    if not secret or not codes.looks_like_token(secret):
        return None
    with db.read_session(engine) as s:
        device = s.exec(select(Device).where(Device.secret_hash == codes.token_hash(secret),
                                             Device.revoked_at.is_(None))).first()
        if device is None or (kind is not None and device.kind != kind):
            return None
        return _info(device, _rooms(s, [device.id]).get(device.id, ()))


def seen(device: DeviceInfo, *, now: datetime, engine: sa.Engine | None = None) -> None:
    """Note that the device is in use; written at most every few minutes, so that a display's
    heartbeat does not take the database's write lock each time."""
    if device.last_seen_at is not None and now - device.last_seen_at < SEEN_EVERY:
        return
    with db.write_session(engine) as s:
        s.exec(update(Device).where(Device.id == device.id).values(last_seen_at=now))
        s.commit()


def revoke(device_id: int, *, now: datetime, by: int | None = None, engine: sa.Engine | None = None) -> DeviceInfo:
    """The device's secret and any open code stop working at once; its pages get no more pushes."""
    with db.write_session(engine) as s:
        result = s.exec(update(Device).where(Device.id == device_id).values(
            revoked_at=now, secret_hash=None, enrol_code_hash=None, enrol_expires_at=None))
        if result.rowcount != 1:
            raise DeviceError("devices.unknown")
        s.exec(delete(LiveClient).where(LiveClient.device_id == device_id))
        device = s.get(Device, device_id)
        audit.record(s, "device_revoke", now, staff_id=by, target_kind="device", target=device.name)
        s.commit()
        return _info(device)


def listing(*, engine: sa.Engine | None = None) -> list[DeviceInfo]:
    with db.read_session(engine) as s:
        found = s.exec(select(Device).order_by(Device.kind, Device.name)).all()
        rooms = _rooms(s, [d.id for d in found])
        return [_info(d, rooms.get(d.id, ())) for d in found]


def set_rooms(device_id: int, names: list[str], *, now: datetime, by: int | None = None,
              engine: sa.Engine | None = None) -> DeviceInfo:
    """The rooms a display shows (an empty list: all rooms). Unknown room names are refused."""
    with db.write_session(engine) as s:
        device = s.get(Device, device_id)
        if device is None or device.kind != "display":
            raise DeviceError("devices.unknown")
        known = dict(s.exec(select(Room.name, Room.id)).all())
        if any(n not in known for n in names):
            raise DeviceError("devices.unknown_room")
        before = list(_rooms(s, [device_id]).get(device_id, ()))
        s.exec(delete(DeviceRoom).where(DeviceRoom.device_id == device_id))
        s.add_all(DeviceRoom(device_id=device_id, room_id=known[n]) for n in dict.fromkeys(names))
        s.flush()
        after = list(_rooms(s, [device_id]).get(device_id, ()))
        audit.record_admin(s, "admin_change", now, by=by, entity="device", entity_id=device_id,
                           before={"rooms": before}, after={"rooms": after})
        s.commit()
        return _info(device, tuple(after))


def by_name(name: str, *, engine: sa.Engine | None = None) -> DeviceInfo | None:
    with db.read_session(engine) as s:
        device = s.exec(select(Device).where(Device.name == name)).first()
        return _info(device) if device else None


def spend_lookup(device_id: int, *, now: datetime, per_minute: int, engine: sa.Engine | None = None) -> bool:
    """Count one date-of-birth lookup against the device's budget for the current minute; False
    when the budget is used up. One conditional UPDATE, so simultaneous lookups cannot overrun it
    (PostgreSQL re-checks the condition on the locked row; SQLite writers are serialised)."""
    window = now.replace(second=0, microsecond=0)
    same_window = Device.budget_window == window
    with db.write_session(engine) as s:
        result = s.exec(update(Device).where(
            Device.id == device_id, Device.secret_hash.is_not(None),
            sa.or_(Device.budget_window.is_(None), Device.budget_window != window, Device.budget_used < per_minute),
        ).values(budget_used=sa.case((same_window, Device.budget_used + 1), else_=1), budget_window=window))
        s.commit()
    return result.rowcount == 1
