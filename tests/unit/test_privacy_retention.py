"""The privacy notice states the deletion period from the setting the deletion itself uses."""

import pytest

from terminsystem import i18n
from terminsystem.state.info import retention_text


@pytest.mark.parametrize("lang", i18n.ORDER)
def test_the_privacy_notice_names_the_configured_period(lang, monkeypatch):
    monkeypatch.setenv("TS_RETENTION_DAYS", "45")
    text = retention_text(lang)
    assert "45" in text and "{" not in text and "30" not in text
    monkeypatch.delenv("TS_RETENTION_DAYS")
    assert "30" in retention_text(lang)  # the default


def test_the_german_notice_says_what_goes_and_what_stays():
    text = retention_text("de")
    assert text.startswith("Ihre Namen, Geburtsdaten und Ihre E-Mail-Adresse löschen wir 30 Tage nach Ihrem Termin")
    assert "Statistik ohne Namen" in text
