"""Values from the browser: any JSON type may arrive where the page sends a string."""

import pytest

from terminsystem.domain import inputs

HOSTILE = [["1"], {"id": "1"}, 1.0, 1.5, None, True, False, b"1", object()]


@pytest.mark.parametrize("value", HOSTILE + [7])
def test_text_is_none_for_anything_but_a_string(value):
    assert inputs.text(value) is None


@pytest.mark.parametrize("value", ["", "  Anna ", "²"])
def test_text_keeps_a_string_as_it_is(value):
    assert inputs.text(value) == value


@pytest.mark.parametrize("value,expected", [
    ("1", 1),
    ("42", 42),
    ("007", 7),
    ("999999999", 999_999_999),  # nine digits: fits a PostgreSQL INTEGER
    (42, 42),  # a JSON number is fine if it is in range
])
def test_record_id_accepts_plain_ascii_digits(value, expected):
    assert inputs.record_id(value) == expected


@pytest.mark.parametrize("value", [
    "²",  # isdigit() is True, int() raises
    "٣",  # Arabic-Indic three: int() would quietly read it as 3
    "１２",  # full-width digits
    "12a", "", " 1", "1 ", "-1", "+1", "1.0", "1_000", "0x1F",
    "1" * 10,  # ten digits may exceed a PostgreSQL INTEGER
    "9" * 30,
    -1, 10**9, 2**31, True, False, 1.0, None, ["1"], {"id": 1},
])
def test_record_id_refuses_everything_else(value):
    assert inputs.record_id(value) is None


@pytest.mark.parametrize("value", [True, "on"])
def test_a_ticked_checkbox(value):
    assert inputs.checked(value) is True


@pytest.mark.parametrize("value", [1, "1", "true", "True", "yes", "ON", " on", 1.0, [True], {"on": True},
                                   ["on"], None, False, "", "off", 0])
def test_anything_else_is_not_ticked(value):
    assert inputs.checked(value) is False


def test_lookup_id_and_form_fields_never_raise():
    assert inputs.lookup_id("42") == 42 and inputs.lookup_id("0") == 0
    assert inputs.lookup_id("²") == -1 and inputs.lookup_id(None) == -1  # -1 matches no row
    assert inputs.field({"note": "x"}, "note") == "x" and inputs.field({}, "note") == ""
    assert inputs.field("not a form", "note") == "" and inputs.field(["note"], "note") == ""
