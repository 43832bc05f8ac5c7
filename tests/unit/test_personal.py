"""Validation of what a person types in the booking form."""

from datetime import date

import pytest

from terminsystem.domain.errors import InvalidInput
from terminsystem.domain.personal import parse_birth_date, validate_personal_data

TODAY = date(2026, 11, 28)


def valid(**overrides):
    data = dict(family_name="Al-Khatib", given_names="Layla", birth_date="07.03.1991",
                email="", consent=True, today=TODAY)
    data.update(overrides)
    return validate_personal_data(**data)


def errors_of(**overrides) -> dict[str, str]:
    with pytest.raises(InvalidInput) as err:
        valid(**overrides)
    return err.value.fields


def test_valid_data_is_cleaned():
    person = valid(family_name="  Nguyen   Thi ", given_names="", email=" minh@example.org ")
    assert person.family_name == "Nguyen Thi"
    assert person.given_names == ""
    assert person.birth_date == date(1991, 3, 7)
    assert person.email == "minh@example.org"


@pytest.mark.parametrize("name", ["Yıldız", "O'Connor", "Müller-Lüdenscheidt", "محمد", "Ivanova", "St. John"])
def test_names_of_many_scripts_are_accepted(name):
    assert valid(family_name=name).family_name == name


@pytest.mark.parametrize("text,expected", [
    ("17.05.1990", date(1990, 5, 17)),
    ("7.5.1990", date(1990, 5, 7)),
    ("1990-05-17", date(1990, 5, 17)),
    (" 17 . 05 . 1990 ", date(1990, 5, 17)),
    ("31.02.1990", None),
    ("17/05/1990", None),
    ("", None),
    ("1990", None),
])
def test_birth_date_parsing(text, expected):
    assert parse_birth_date(text) == expected


def test_missing_required_fields_and_consent_are_reported_per_field():
    assert errors_of(family_name=" ", birth_date="", consent=False) == {
        "family_name": "field.required",
        "birth_date": "field.required",
        "consent": "field.consent_required",
    }


@pytest.mark.parametrize("birth,key", [
    ("31.02.1990", "field.birth_date_invalid"),
    ("28.11.2026", "field.birth_date_future"),
    ("01.01.2030", "field.birth_date_future"),
    ("01.01.1890", "field.birth_date_implausible"),
])
def test_birth_date_must_be_real_past_and_plausible(birth, key):
    assert errors_of(birth_date=birth) == {"birth_date": key}


@pytest.mark.parametrize("email", ["no-at-sign", "a@b", "a b@example.org", "a@example..org", "x" * 250 + "@ex.org"])
def test_bad_email_is_rejected(email):
    assert errors_of(email=email) == {"email": "field.email_invalid"}


@pytest.mark.parametrize("name,key", [("Anna3", "field.name_invalid"), ("<script>", "field.name_invalid"),
                                      ("---", "field.name_invalid"), ("A" * 81, "field.name_too_long")])
def test_bad_names_are_rejected(name, key):
    assert errors_of(family_name=name) == {"family_name": key}
    assert errors_of(given_names=name) == {"given_names": key}
