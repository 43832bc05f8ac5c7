"""Kiosks and displays as enrolled devices: one-time codes, secrets (hash only), revoke, and the
date-of-birth budget per device that holds under simultaneous lookups (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, select

from terminsystem import live
from terminsystem.domain import codes
from terminsystem.models import Device, LiveClient
from terminsystem.services import devices

from ..race import race

NOW = datetime(2026, 12, 2, 9, 0, 0)


def test_a_code_enrols_one_browser_once_and_only_hashes_are_stored(engine):
    device, code = devices.create(kind="kiosk", name="Eingang", place="EG", now=NOW, engine=engine)
    assert device.status == "pending" and device.code_expires_at == NOW + devices.CODE_VALID
    secret, enrolled = devices.enrol(code.lower().replace("-", " "), client="10.0.0.5", now=NOW, engine=engine)
    assert enrolled.status == "enrolled" and enrolled.name == "Eingang"
    assert devices.enrol(code, client="10.0.0.6", now=NOW, engine=engine) is None  # used up
    assert devices.resolve(secret, kind="kiosk", engine=engine).id == device.id
    assert devices.resolve(secret, kind="display", engine=engine) is None  # a kiosk is not a display
    with Session(engine) as s:
        row = s.get(Device, device.id)
    assert row.secret_hash == codes.token_hash(secret) and secret not in str(row.model_dump())
    assert row.enrol_code_hash is None


def test_expired_and_wrong_codes_fail_and_wrong_ones_are_limited_per_client(engine):
    _, code = devices.create(kind="display", name="Wartebereich", now=NOW, engine=engine)
    assert devices.enrol(code, client="c", now=NOW + devices.CODE_VALID + timedelta(seconds=1), engine=engine) is None
    _, code = devices.new_code(devices.by_name("Wartebereich", engine=engine).id, now=NOW, engine=engine)
    for n in range(devices.ENROL_FAILURES):
        assert devices.enrol(f"AAAA-AAAA-AA{n:02d}", client="attacker", now=NOW, engine=engine) is None
    # The attacker's address is refused now, even with the right code; another address is not.
    assert devices.enrol(code, client="attacker", now=NOW, engine=engine) is None
    assert devices.enrol(code, client="admin-pc", now=NOW, engine=engine) is not None


def test_revoke_ends_the_secret_and_the_pushes_and_a_new_code_enrols_again(engine):
    device, code = devices.create(kind="display", name="Flur 2", now=NOW, engine=engine)
    secret, _ = devices.enrol(code, client="c", now=NOW, engine=engine)
    live.subscribe("tab-1", live.BOARD, "display", NOW, device_id=device.id, engine=engine)
    assert [t for t, _ in live.subscribers(live.BOARD, now=NOW, engine=engine)] == ["tab-1"]
    assert devices.revoke(device.id, now=NOW, engine=engine).status == "revoked"
    assert devices.resolve(secret, engine=engine) is None
    assert live.subscribers(live.BOARD, now=NOW, engine=engine) == []
    with Session(engine) as s:
        assert s.exec(select(LiveClient)).all() == []
    _, code = devices.new_code(device.id, now=NOW, engine=engine)
    new_secret, info = devices.enrol(code, client="c", now=NOW, engine=engine)
    assert info.status == "enrolled" and devices.resolve(new_secret, engine=engine) is not None


def test_names_are_unique_and_kinds_known(engine):
    devices.create(kind="kiosk", name="Eingang", now=NOW, engine=engine)
    with pytest.raises(devices.DeviceError, match="devices.name_taken"):
        devices.create(kind="display", name=" Eingang ", now=NOW, engine=engine)
    with pytest.raises(devices.DeviceError, match="devices.kind_invalid"):
        devices.create(kind="printer", name="X", now=NOW, engine=engine)
    with pytest.raises(devices.DeviceError, match="devices.name_missing"):
        devices.create(kind="kiosk", name=["not", "a", "name"], now=NOW, engine=engine)


def test_the_lookup_budget_holds_under_simultaneous_lookups(engine, report, db_url):
    device, code = devices.create(kind="kiosk", name="Eingang", now=NOW, engine=engine)
    devices.enrol(code, client="c", now=NOW, engine=engine)
    results = race(engine, lambda own, _: devices.spend_lookup(device.id, now=NOW + timedelta(seconds=5),
                                                                per_minute=5, engine=own), 15)
    assert sorted(results) == [False] * 10 + [True] * 5
    report(f"[{db_url.split(':')[0]}] 15 simultaneous date-of-birth lookups, budget 5: {sum(results)} allowed")
    assert not devices.spend_lookup(device.id, now=NOW + timedelta(seconds=59), per_minute=5, engine=engine)
    assert devices.spend_lookup(device.id, now=NOW + timedelta(minutes=1), per_minute=5, engine=engine)


def test_a_display_shows_the_rooms_the_admin_chose(office):
    engine = office
    device, code = devices.create(kind="display", name="Anzeige 2. OG", now=NOW, engine=engine)
    secret, _ = devices.enrol(code, client="10.0.0.9", now=NOW, engine=engine)
    assert devices.resolve(secret, kind="display", engine=engine).rooms == ()  # none chosen: all rooms
    devices.set_rooms(device.id, ["2.02", "2.01", "2.01"], now=NOW, engine=engine)
    assert devices.resolve(secret, kind="display", engine=engine).rooms == ("2.01", "2.02")
    assert [d.rooms for d in devices.listing(engine=engine) if d.id == device.id] == [("2.01", "2.02")]
    with pytest.raises(devices.DeviceError) as e:
        devices.set_rooms(device.id, ["9.99"], now=NOW, engine=engine)
    assert e.value.key == "devices.unknown_room"
    kiosk, _ = devices.create(kind="kiosk", name="Eingang", now=NOW, engine=engine)
    with pytest.raises(devices.DeviceError):
        devices.set_rooms(kiosk.id, ["2.01"], now=NOW, engine=engine)
    devices.set_rooms(device.id, [], now=NOW, engine=engine)
    assert devices.resolve(secret, kind="display", engine=engine).rooms == ()
