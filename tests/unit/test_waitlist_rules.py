"""The waitlist's rules without a database: the join form, the window of days, how long offers and
entries hold, and the mails in the person's language."""

import re
from datetime import date, datetime, timedelta

import pytest

from terminsystem.domain import waitlist as wl
from terminsystem.domain.errors import InvalidInput
from terminsystem.mail import waitlist as letters

TODAY = date(2026, 11, 27)  # a Friday


def test_the_form_is_checked_field_by_field():
    with pytest.raises(InvalidInput) as e:
        wl.validate_join(family_name="Muster", given_names="", birth_date="1.1.1990", email="", consent=True,
                         earliest=TODAY - timedelta(days=1), latest="1.1.2020", weekdays=[], today=TODAY, max_days=90)
    assert e.value.fields == {"email": "field.waitlist_email_required", "earliest": "field.waitlist_date_past",
                              "latest": "field.waitlist_latest_before_earliest",
                              "weekdays": "field.waitlist_weekdays_required"}
    with pytest.raises(InvalidInput) as e:
        wl.validate_join(family_name="", given_names="", birth_date="1.1.1990", email="a@example.org",
                         consent=False, earliest="kein Datum", latest=TODAY + timedelta(days=91),
                         weekdays=["0", 7, True], today=TODAY, max_days=90)
    assert e.value.fields == {"family_name": "field.required", "consent": "field.consent_required",
                              "earliest": "field.waitlist_date_invalid", "latest": "field.waitlist_latest_too_far",
                              "weekdays": "field.waitlist_weekdays_required"}
    person, window = wl.validate_join(family_name="Muster", given_names="Eva", birth_date="1.1.1990",
                                      email="eva@example.org", consent="on", earliest="2026-12-01",
                                      latest="24.12.2026", weekdays=["0", 2, "4"], today=TODAY, max_days=90)
    assert person.email == "eva@example.org"
    assert window == wl.Window(date(2026, 12, 1), date(2026, 12, 24), 0b10101)
    assert wl.weekdays_of(window.weekdays) == (0, 2, 4)
    for odd in (None, "0", {"0": 1}, [0] * 8, [-1], ["٣"]):
        with pytest.raises(InvalidInput) as e:
            wl.validate_window(earliest=TODAY, latest=TODAY, weekdays=odd, today=TODAY, max_days=90)
        assert e.value.fields == {"weekdays": "field.waitlist_weekdays_required"}


def test_a_window_is_its_days_and_weekdays():
    window = wl.Window(date(2026, 11, 30), date(2026, 12, 9), wl.weekday_mask([0, 2]))
    assert window.days(TODAY, date(2026, 12, 31)) == [date(2026, 11, 30), date(2026, 12, 2), date(2026, 12, 7),
                                                      date(2026, 12, 9)]
    assert window.days(date(2026, 12, 3), date(2026, 12, 8)) == [date(2026, 12, 7)]
    assert not window.fits(date(2026, 12, 1)) and window.fits(date(2026, 12, 2))
    with pytest.raises(ValueError):
        wl.Window(date(2026, 12, 2), date(2026, 12, 1), 1)
    with pytest.raises(ValueError):
        wl.Window(date(2026, 12, 1), date(2026, 12, 1), 0)


def test_offers_and_entries_hold_for_a_while_but_not_past_their_end():
    rules = wl.WaitlistRules(offer_hours=2, days=90)
    now = datetime(2026, 11, 27, 10, 0)
    assert rules.offer_expiry(now, datetime(2026, 11, 30, 9, 0)) == now + timedelta(hours=2)
    assert rules.offer_expiry(now, datetime(2026, 11, 27, 11, 0)) == datetime(2026, 11, 27, 11, 0)
    assert rules.entry_expiry(now, date(2026, 12, 10)) == datetime(2026, 12, 11, 0, 0)
    assert rules.entry_expiry(now, date(2027, 6, 1)) == now + timedelta(days=90)


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa", "tr", "uk", "ru", "fr"])
def test_the_mails_are_made_in_the_persons_language(lang):
    w = letters.WaitlistLetter(lang=lang, name="Erika Muster", concern_name="Blaue Karte", earliest=date(2026, 12, 1),
                               latest=date(2026, 12, 24), weekdays=(0, 2), position=3,
                               link="https://termine.example/warteliste?t=abc", starts_at=datetime(2026, 12, 7, 9),
                               ends_at=datetime(2026, 12, 7, 9, 30), expires_at=datetime(2026, 12, 3, 12, 0))
    for kind in (letters.JOINED, letters.OFFER):
        msg = letters.message(kind, w, to="erika@example.org", sender="amt@example.org", message_id="<x@y>")
        text = msg.get_body(preferencelist=("plain",)).get_content()
        html = msg.get_body(preferencelist=("html",)).get_content()
        assert "https://termine.example/warteliste?t=abc" in text and "warteliste?t=abc" in html
        assert not re.search(r"mail\.[a-z]", text) and "{" not in text  # every message found and filled in
        assert msg["Content-Language"] == lang
        assert ('dir="rtl"' in html) == (lang in ("ar", "fa"))
        if lang == "de":
            assert ("Ihr Platz: 3" in text) == (kind == letters.JOINED)
            assert ("Reserviert bis: Donnerstag, 3. Dezember 2026, 12:00 Uhr" in text) == (kind == letters.OFFER)
