"""Command line for operators: ``python -m terminsystem.cli prepare [--demo]``.

``prepare`` brings the schema to the newest migration, configures the office (teams, concerns,
opening hours, rooms) and, with ``--demo``, books demo appointments for today and the next days.
"""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path

from alembic.config import Config

from alembic import command

from . import office_data, settings
from .services import auth, setup

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
    args = parser.parse_args(argv)

    if args.command == "create-admin":
        migrate()
        setup.configure_office()
        password = os.environ.get("TS_ADMIN_PASSWORD") or getpass.getpass("Password (at least 10 characters): ")
        if not os.environ.get("TS_ADMIN_PASSWORD") and getpass.getpass("Repeat: ") != password:
            raise SystemExit("The passwords differ.")
        auth.create_staff(args.username, args.display_name, "admin", password)
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


if __name__ == "__main__":
    main()
