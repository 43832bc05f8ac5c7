"""A local SMTP server that keeps every mail instead of delivering it: for the demo (``make run``
writes the mails to a folder, to be opened with any mail program) and for the tests.

``python -m terminsystem.mail.catcher --port 8025 --dir demo-mail`` runs it until Ctrl+C or SIGTERM.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import re
import signal
import socket
import threading
import unicodedata
from collections.abc import Iterable
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


def free_port() -> int:
    """aiosmtpd cannot listen on port 0 (its readiness check connects to the port it was given),
    so the system picks a free port here first."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def safe_name(subject: str) -> str:
    """A file name part from a subject: ASCII letters, digits and dashes only."""
    ascii_text = unicodedata.normalize("NFKD", subject).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")[:60] or "mail"


class _Handler:
    def __init__(self, catcher: Catcher):
        self._catcher = catcher

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self._catcher.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self._catcher._keep(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


class Catcher:
    """``refuse``: addresses answered with a permanent 550 (to test refused recipients)."""

    def __init__(self, port: int | None = None, folder: Path | None = None, refuse: Iterable[str] = ()):
        self.port = port or free_port()
        self.folder = Path(folder) if folder else None
        self.refuse = {a.lower() for a in refuse}
        self.messages: list[EmailMessage] = []
        self._arrived = threading.Condition()
        self._controller: Controller | None = None

    def start(self) -> Catcher:
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
        # A fixed server name: the default looks up this machine's name in DNS, which can be slow.
        self._controller = Controller(_Handler(self), hostname=HOST, port=self.port, server_hostname="localhost")
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> Catcher:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def wait_for(self, count: int, timeout: float = 5.0) -> bool:
        """Whether at least ``count`` mails arrived within ``timeout`` seconds."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.messages) >= count, timeout)

    def _keep(self, data: bytes) -> None:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        with self._arrived:
            self.messages.append(msg)
            if self.folder:
                self._write(msg, data)
            self._arrived.notify_all()

    def _write(self, msg: EmailMessage, data: bytes) -> None:
        taken = [int(p.name[:3]) for p in self.folder.glob("[0-9][0-9][0-9]-*.eml")]
        number = max(taken, default=0) + 1
        (self.folder / f"{number:03d}-{safe_name(str(msg.get('Subject', '')))}.eml").write_bytes(data)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Keep mails in a folder instead of sending them.")
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--dir", type=Path, default=Path("demo-mail"))
    args = parser.parse_args(argv)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with Catcher(port=args.port, folder=args.dir) as catcher:  # --port 0: any free port
        print(f"Mail catcher on {HOST}:{catcher.port}: mails are written to {args.dir.resolve()}/", flush=True)
        try:
            while not stop.wait(0.2):
                pass
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
