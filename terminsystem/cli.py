"""Command line for operators: ``python -m terminsystem.cli prepare [--demo]``.

``prepare`` brings the schema to the newest migration, configures the office (teams, concerns,
opening hours, rooms) and, with ``--demo``, books demo appointments for today and the next days and
prints enrolment links for a demo kiosk and display. ``device add|code|list|revoke`` manages the
kiosks and displays (the admin page does the same). ``purge [--days N]`` deletes the personal data
of appointments that ended (or were cancelled) more than ``TS_RETENTION_DAYS`` days ago, as the
app does on its own every ``TS_RETENTION_INTERVAL_SEC``.
"""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path

from alembic.config import Config

from alembic import command

from . import i18n, office_data, settings
from .domain.auth import ADMIN
from .models import DEVICE_KINDS
from .services import auth, devices, retention, setup

ROOT = Path(__file__).resolve().parent.parent


def migrate(url: str | None = None) -> None:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.attributes["configure_logger"] = False
    if url:
        config.attributes["url"] = url
    command.upgrade(config, "head")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="terminsystem")
    sub = parser.add_subparsers(dest="command", required=True)
    prepare = sub.add_parser("prepare", help="migrate the database and configure the office")
    prepare.add_argument("--demo", action="store_true", help="also book demo appointments and set demo passwords")
    admin = sub.add_parser("create-admin", help="create an administrator account (first run)")
    admin.add_argument("username")
    admin.add_argument("display_name")
    device = sub.add_parser("device", help="kiosks and displays: add, new enrolment code, list, revoke")
    device_sub = device.add_subparsers(dest="action", required=True)
    add = device_sub.add_parser("add", help="a new device; prints its one-time enrolment code and link")
    add.add_argument("name")
    add.add_argument("--kind", choices=DEVICE_KINDS, required=True)
    add.add_argument("--place", default="")
    for action, text in (("code", "a new one-time enrolment code"), ("revoke", "the device stops working at once")):
        device_sub.add_parser(action, help=text).add_argument("name")
    device_sub.add_parser("list", help="all devices and their state")
    purge = sub.add_parser("purge", help="delete the personal data of old appointments now")
    purge.add_argument("--days", type=_positive, default=None,
                       help="after how many days (default: TS_RETENTION_DAYS, %d)" % settings.retention_days())
    sub.add_parser("translations", help="per language: messages, and how many still need a sworn translator's review")
    args = parser.parse_args(argv)

    if args.command == "translations":
        for lang in i18n.languages():
            print(f"{lang}  {i18n.language_name(lang):<12} {len(i18n.catalog(lang)):>4} messages, "
                  f"{i18n.needs_review(lang):>4} flagged needs-review")
        return

    if args.command == "purge":
        migrate()
        days = args.days or settings.retention_days()
        report = retention.sweep(now=settings.now(), days=days)
        print(f"Personal data older than {days} days deleted:")
        for name, count in report.counts().items():
            print(f"  {name:<16} {count:>6}")
        return

    if args.command == "device":
        migrate()
        _device(args)
        return

    if args.command == "create-admin":
        migrate()
        setup.configure_office()
        password = os.environ.get("TS_ADMIN_PASSWORD") or getpass.getpass("Password (at least 10 characters): ")
        if not os.environ.get("TS_ADMIN_PASSWORD") and getpass.getpass("Repeat: ") != password:
            raise SystemExit("The passwords differ.")
        auth.create_staff(args.username, args.display_name, ADMIN, password)
        print(f"Administrator {args.username} created.")
        return

    if args.command == "prepare":
        migrate()
        setup.configure_office()
        print("Database migrated, office configured.")
        if args.demo:
            booked = setup.seed_demo(now=settings.now())
            print(f"Demo appointments booked: {booked}" if booked else "Demo appointments already present.")
            print(f"Demo staff accounts (password {office_data.DEMO_PASSWORD}):")
            for username, role, team in setup.demo_accounts():
                print(f"  {username:<10} {role:<9} {team}")
            print("Open each link once in the browser window that is to be the kiosk or display (one-time codes):")
            for kind, name, code in setup.demo_devices(now=settings.now()):
                print(f"  {kind:<8} {name:<22} {devices.enrolment_link(code)}")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("at least 1")
    return value


def _device(args) -> None:
    now = settings.now()
    if args.action == "list":
        for d in devices.listing():
            seen = d.last_seen_at.strftime("%Y-%m-%d %H:%M") if d.last_seen_at else "-"
            print(f"{d.kind:<8} {d.name:<24} {d.status:<9} last seen {seen}  {d.place}")
        return
    try:
        if args.action == "add":
            info, code = devices.create(kind=args.kind, name=args.name, place=args.place, now=now)
        else:
            found = devices.by_name(args.name)
            if found is None:
                raise devices.DeviceError("devices.unknown")
            if args.action == "revoke":
                devices.revoke(found.id, now=now)
                print(f"{found.name} revoked.")
                return
            info, code = devices.new_code(found.id, now=now)
    except devices.DeviceError as err:
        raise SystemExit(i18n.translate("en", err.key)) from err
    print(f"Enrolment code for {info.name} ({info.kind}), once, until {info.code_expires_at:%Y-%m-%d %H:%M}: {code}")
    print(f"Open on the device: {devices.enrolment_link(code)}")


if __name__ == "__main__":
    main()
