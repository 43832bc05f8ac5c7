"""The log keeps no client tokens, secrets or event data, and no exception message (which can
quote input); a forged event for an unknown handler is a one-line warning, not a traceback."""

from __future__ import annotations

import io
import logging

import pytest

from terminsystem import logs
from terminsystem.domain import codes

TOKEN = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


@pytest.fixture
def log():
    logs.install()
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    logger = logging.getLogger("test.logs")
    logger.addHandler(handler)
    yield logger, out
    logger.removeHandler(handler)


@pytest.mark.parametrize("secret", [codes.new_token(), "-" + codes.new_token()[1:-1] + "-"])
def test_tokens_secrets_and_event_data_are_redacted(log, secret):
    logger, out = log
    logger.warning("Lock for token %s was held too long", TOKEN)
    logger.warning("session %s", secret)
    logger.warning("Received event from session x with no associated token. Event data: {'family_name': 'Müller'}")
    text = out.getvalue()
    assert TOKEN not in text and secret not in text and "Müller" not in text
    assert "Lock for token <token> was held too long" in text


def test_exceptions_keep_their_place_but_not_their_message(log):
    logger, out = log
    typed = "".join(["Mül", "ler"])  # as if it came from a form (a source line may quote a literal)
    try:
        int(typed)
    except ValueError:
        logger.exception("a handler failed")
    text = out.getvalue()
    assert "test_logs.py" in text and "ValueError" in text and "Müller" not in text


def test_an_event_for_an_unknown_handler_is_one_warning(log):
    logger, out = log
    try:
        raise KeyError("No registered handler found for event: x.y")
    except KeyError:
        logger.exception("Error processing event queue entry for Event(name='x.y', payload={'a': 1})")
    assert out.getvalue().strip() == "refused an event for an unknown handler"
