"""Sending one message over SMTP, with failures sorted into "try again later" and "never works".

Settings come from the environment (``TS_SMTP_*``, ``TS_MAIL_FROM``); without ``TS_SMTP_HOST``
mail is not configured and the outbox keeps its messages until it is.
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage

DEFAULT_FROM = "Ausländerbehörde Heilbronn <termine@localhost>"
TLS_MODES = ("none", "starttls", "ssl")
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
_ADDRESS = re.compile(r"<?[^\s<>@]+@[^\s<>@]+>?")


class TemporaryFailure(Exception):
    """Worth trying again later: server unreachable, timeout, 4xx answer, login refused (a setting
    an admin fixes). ``connection`` is True when the server or the settings failed, not this
    message (no connection, no greeting, login refused): the other messages would fail the same way."""

    def __init__(self, reason: str, *, connection: bool = False):
        super().__init__(reason)
        self.connection = connection


class PermanentFailure(Exception):
    """The server refused this message for good (5xx for sender, recipient or content)."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""  # empty: mail is not configured
    port: int = 25
    tls: str = "none"
    user: str = ""
    password: str = field(default="", repr=False)
    sender: str = DEFAULT_FROM
    timeout: float = 20.0

    @property
    def configured(self) -> bool:
        return bool(self.host)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SmtpSettings:
        """``TS_SMTP_TLS`` defaults to "none" for a server on this machine (a local relay or the
        catcher) and to "starttls" for any other, so mail never leaves the machine in clear text
        unless someone asks for it. ``TS_SMTP_PORT`` defaults to 465 for "ssl", else 25."""
        env = os.environ if env is None else env
        host = env.get("TS_SMTP_HOST", "").strip()
        tls = (env.get("TS_SMTP_TLS") or ("none" if host in _LOCAL_HOSTS else "starttls")).strip().lower()
        if tls not in TLS_MODES:
            raise ValueError(f"TS_SMTP_TLS must be one of {', '.join(TLS_MODES)}, not {tls!r}")
        return cls(
            host=host,
            port=int(env.get("TS_SMTP_PORT") or (465 if tls == "ssl" else 25)),
            tls=tls,
            user=env.get("TS_SMTP_USER", ""),
            password=env.get("TS_SMTP_PASSWORD", ""),
            sender=env.get("TS_MAIL_FROM") or DEFAULT_FROM,
            timeout=float(env.get("TS_SMTP_TIMEOUT_SEC") or 20),
        )


def reason(text: str) -> str:
    """A short error text to store: addresses that servers echo are removed (no personal data)."""
    return " ".join(_ADDRESS.sub("<address>", text).split())[:200]


def _answer(code: int, text: bytes | str) -> str:
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return reason(f"{code} {text}")


def _refused(recipients: dict) -> Exception:
    answers = list(recipients.values()) or [(0, b"")]
    why = "recipient refused: " + "; ".join(_answer(code, text) for code, text in answers)
    return PermanentFailure(reason(why)) if all(code >= 500 for code, _ in answers) else TemporaryFailure(reason(why))


def _converse(msg: EmailMessage, settings: SmtpSettings) -> dict:
    if settings.tls == "ssl":
        client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                  context=ssl.create_default_context())
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    with client:
        if settings.tls == "starttls":
            client.starttls(context=ssl.create_default_context())
        if settings.user:
            client.login(settings.user, settings.password)
        return client.send_message(msg)


def send(msg: EmailMessage, settings: SmtpSettings) -> None:
    """Hand ``msg`` to the server, or raise ``TemporaryFailure`` / ``PermanentFailure``."""
    try:
        refused = _converse(msg, settings)
    except smtplib.SMTPRecipientsRefused as e:
        raise _refused(e.recipients) from None
    except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as e:
        kind = "sender refused" if isinstance(e, smtplib.SMTPSenderRefused) else "message refused"
        why = f"{kind}: {_answer(e.smtp_code, e.smtp_error)}"
        raise (PermanentFailure(reason(why)) if e.smtp_code >= 500 else TemporaryFailure(reason(why))) from None
    except smtplib.SMTPResponseException as e:  # e.g. login refused: the setting, not the message
        raise TemporaryFailure(reason(f"{type(e).__name__}: {_answer(e.smtp_code, e.smtp_error)}"),
                               connection=True) from None
    except smtplib.SMTPServerDisconnected as e:
        raise TemporaryFailure(reason(f"disconnected: {e}"), connection=True) from None
    except (OSError, smtplib.SMTPException) as e:  # refused connection, timeout, TLS, DNS
        raise TemporaryFailure(reason(f"{type(e).__name__}: {e}"), connection=True) from None
    if refused:  # some recipients refused (we send to one, so rarely reached)
        raise _refused(refused)
