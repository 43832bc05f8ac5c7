"""What the app's log may hold: no client tokens and no personal data.

Reflex logs some messages with a tab's client token (e.g. "Lock for token … held too long") or an
event's data; a staff tab's token used to be enough to open its dashboard, and event data can hold
names. Every log record is therefore redacted where it is made (a record factory, so also records
of libraries and of every worker), and a failing event handler is logged as the exception's type
and the code lines of its traceback — not its message, which can quote the input.
"""

from __future__ import annotations

import logging
import re
import traceback

from reflex_base.event import EventSpec

from . import i18n

log = logging.getLogger(__name__)
_UUID = re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")
_TOKEN = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])")  # our secrets (may start or end with "-")
_DATA = re.compile(r"((?:event|state|form)?\s*data|payload|delta)\s*[:=].*", re.IGNORECASE | re.DOTALL)
_installed = False


def redact(text: str) -> str:
    text = _DATA.sub(lambda m: m.group(1) + ": <redacted>", text)
    return _TOKEN.sub("<secret>", _UUID.sub("<token>", text))


def install() -> None:
    """Redact every log record of this process from now on (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    make_record = logging.getLogRecordFactory()

    def factory(*args, **kwargs):
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what can be kept
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and _unknown_event(record.exc_info[1]):
            # A hand-made event for a handler that does not exist: refused, nothing to debug.
            record.msg, record.levelno, record.levelname = "refused an event for an unknown handler", \
                logging.WARNING, "WARNING"
            record.exc_info, record.exc_text = None, None
        if record.exc_info and record.exc_info[1] is not None:
            kind, exc, tb = record.exc_info
            record.msg += "\n" + "".join(traceback.format_tb(tb)) + f"{kind.__name__} (message not logged)"
            record.exc_info, record.exc_text = None, None
        return record

    logging.setLogRecordFactory(factory)


def _unknown_event(exc: BaseException | None) -> bool:
    return isinstance(exc, KeyError) and str(exc.args[0] if exc.args else "").startswith(
        "No registered handler found for event")


def backend_exception_handler(exception: Exception) -> EventSpec | None:
    """An event handler failed: log where (not what the input was) and tell the person neutrally."""
    from reflex_components_sonner.toast import toast

    frames = "".join(traceback.format_tb(exception.__traceback__))
    log.error("event handler failed: %s\n%s", type(exception).__name__, frames)
    text = " / ".join(i18n.translate(lang, "error.generic") for lang in (i18n.DEFAULT_LANGUAGE, "en"))
    return toast(text, level="error", position="top-center", id="backend_error")
