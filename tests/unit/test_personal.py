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


# --- Hostile input: whatever arrives over the websocket gives a field error, never an exception.

WRONG_TYPES = [["Anna"], {"name": "Anna"}, 1, 1.5, None, True, False]
FIELD_ERROR = {"family_name": "field.name_invalid", "given_names": "field.name_invalid",
               "birth_date": "field.birth_date_invalid", "email": "field.email_invalid"}


@pytest.mark.parametrize("field", sorted(FIELD_ERROR))
@pytest.mark.parametrize("value", WRONG_TYPES, ids=repr)
def test_a_field_of_the_wrong_type_gets_that_fields_error(field, value):
    assert errors_of(**{field: value}) == {field: FIELD_ERROR[field]}


@pytest.mark.parametrize("consent", [1, 1.0, "1", "true", "yes", ["on"], {"on": True}, None, False, ""], ids=repr)
def test_consent_is_only_a_ticked_box(consent):
    assert errors_of(consent=consent) == {"consent": "field.consent_required"}


def test_consent_as_the_html_form_sends_it():
    assert valid(consent="on").family_name == "Al-Khatib"


@pytest.mark.parametrize("value", [None, 17051990, ["17.05.1990"], {"d": 1}, 1.5, True])
def test_birth_date_parsing_of_non_text_is_none(value):
    assert parse_birth_date(value) is None


@pytest.mark.parametrize("name,stored", [
    ("Mül\u200bler", "Müller"),  # zero width space
    ("\u202eAnna", "Anna"),  # right-to-left override
    ("\u2066Anna\u2069", "Anna"),  # left-to-right isolate ... pop directional isolate
    ("\u2067Anna\u2068\u2069", "Anna"),  # right-to-left and first strong isolate
    ("\ufeffAnna", "Anna"),  # byte order mark / zero width no-break space
    ("An\u00adna", "Anna"),  # soft hyphen
    ("An\u200dna", "Anna"),  # zero width joiner
    ("An\u2060na", "Anna"),  # word joiner
    ("Anna\U000e0041", "Anna"),  # tag character
    ("Kim\u3164", "Kim"),  # Hangul filler: a "letter" that shows nothing
    ("An\u034fna", "Anna"),  # combining grapheme joiner
    ("Anna\ufe0f", "Anna"),  # variation selector
    ("Anna\u200cMaria", "AnnaMaria"),  # ZWNJ between Latin letters changes nothing visible
    ("\u200cنیک", "نیک"),  # ZWNJ not between two letters
    ("Ｍüｌｌｅｒ", "Müller"),  # full-width look-alikes
    ("Ａｎｎａ\u3000Ｍａｒｉａ", "Anna Maria"),  # ideographic (full-width) space
    ("ﾔﾏﾀﾞ", "ヤマダ"),  # half-width katakana; the voicing mark composes
    ("𝐌üller", "Müller"),  # mathematical bold
    ("ﻣﺤﻤﺪ", "محمد"),  # Arabic presentation forms
    ("Mu\u0308ller", "Müller"),  # decomposed umlaut → NFC
    ("Anna\tMaria\r\n", "Anna Maria"),  # pasted with a tab and a line break
])
def test_invisible_and_look_alike_characters_are_normalised(name, stored):
    assert valid(family_name=name).family_name == stored
    assert valid(family_name="Al-Khatib", given_names=name).given_names == stored


@pytest.mark.parametrize("name,key", [
    ("\u0640", "field.name_invalid"),  # only Arabic tatweel (category Lm)
    ("\u0640\u0640\u0640", "field.name_invalid"),
    ("\u02bc\u02bb", "field.name_invalid"),  # only modifier letters
    ("a" + "\u0301" * 79, "field.name_invalid"),  # 79 combining marks on one letter
    ("q\u0308\u0301\u0300\u0302", "field.name_invalid"),  # four marks that do not compose
    ("\u0301Anna", "field.name_invalid"),  # a mark with no letter under it
    ("Anna \u0301", "field.name_invalid"),
    ("A\u20dd", "field.name_invalid"),  # enclosing circle
    ("Anna\x00", "field.name_invalid"),  # NUL
    ("Anna\x1b[31m", "field.name_invalid"),  # escape sequence
    ("Anna\x85", "field.name_invalid"),  # C1 control "next line"
    ("Anna\ud800", "field.name_invalid"),  # lone surrogate, possible in JSON
    ("Anna\ue000", "field.name_invalid"),  # private use
    ("Anna😀", "field.name_invalid"),
    ("\u200b\u202e\ufeff", "field.required"),  # nothing visible left
    ("\u3164", "field.required"),
    ("Ａ" * 81, "field.name_too_long"),  # counted after folding
    ("A" * 1000, "field.name_too_long"),
])
def test_hostile_names_are_rejected(name, key):
    assert errors_of(family_name=name) == {"family_name": key}
    expected_given = {} if key == "field.required" else {"given_names": key}
    if expected_given:
        assert errors_of(given_names=name) == expected_given
    else:  # given names are optional: nothing visible means none given
        assert valid(given_names=name).given_names == ""


@pytest.mark.parametrize("name", [
    "Müller", "Zoë", "Łukasz", "Þórunn", "Ngũgĩ", "Yıldız", "D'Artagnan", "O’Brien", "Kaʻahumanu",
    "Nguyễn Thị Hồng", "Đặng",  # Vietnamese
    "محمد", "مُحَمَّد",  # Arabic, with harakat
    "نیک\u200cنام",  # Persian, keeps its zero width non-joiner
    "فاطمه\u200cزهرا",
    "Иванова", "Мар'яна",  # Cyrillic
    "Παπαδόπουλος",  # Greek
    "张伟", "山田 太郎", "やまだ",  # Chinese, Japanese
    "김민준",  # Korean
    "ተስፋይ", "ሃይለ",  # Tigrinya
    "გიორგი", "Արամ",  # Georgian, Armenian
    "מֹשֶׁה",  # Hebrew with niqqud
    "राम", "अंजलि",  # Hindi (with spacing vowel signs, category Mc)
    "রবীন্দ্রনাথ", "முருகன்", "สมชาย", "အောင်",  # Bengali, Tamil, Thai, Burmese
    "ǅemal",  # title-case digraph
    "A" * 80,
])
def test_legitimate_names_stay_as_they_are(name):
    assert valid(family_name=name).family_name == name
    assert valid(given_names=name).given_names == name


@pytest.mark.parametrize("email", [
    "<script>@x.de", "a@-.-", "a@b", "a@localhost", "a b@example.org", "a\n@example.org",
    "a@exam\nple.org", "a@example.org\nBcc: x@example.org", "a\u200b@example.org", "ａ@example.org",
    "a@[127.0.0.1]", '"a b"@example.org', "@example.org", "a@", "a@@example.org",
    "x" * 65 + "@example.org",  # more than mail servers take before the @
    "a@" + "x" * 250 + ".de",
])
def test_hostile_email_is_rejected(email):
    assert errors_of(email=email) == {"email": "field.email_invalid"}


@pytest.mark.parametrize("email,stored", [
    ("erika.mustermann@example.org", "erika.mustermann@example.org"),
    ("ali@münchen.de", "ali@münchen.de"),  # internationalised domain
    ("Ali@MÜNCHEN.DE", "Ali@münchen.de"),  # the domain is stored in lower case
    (" yonas@example.org\n", "yonas@example.org"),  # surrounding white space from pasting
    ("", None),
    ("   ", None),
])
def test_valid_email_is_stored_normalized(email, stored):
    assert valid(email=email).email == stored
