"""Hypothesis strategies for input that arrives from outside: what a page sends, and what a
hand-made websocket event can put in its place (any JSON value), with the characters that break
careless code — control and bidi characters, invisible joiners, lone surrogates, full-width and
Arabic-Indic digits, stacks of combining marks — and strings far longer than any field."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import strategies as st

from terminsystem.domain import codes

# Characters that are not "just text": C0/C1 controls and NUL (PostgreSQL refuses NUL in text),
# bidi embeddings/overrides/isolates, zero-width characters, BOM, line/paragraph separators, lone
# surrogates (JSON can carry "\ud800"; strict UTF-8 cannot encode it), private use, noncharacters,
# combining marks, Hangul filler, tatweel, full-width and Arabic-Indic digits.
SPECIAL = (
    "\x00\x01\x07\x08\t\n\r\x0b\x0c\x1b\x7f\x85\x9b"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    "\u200b\u200c\u200d\u2060\ufeff\u2028\u2029\u00ad\u034f\u3164\u0640"
    "\ud800\udfff\ue000\uffff\U0010ffff\U000e0001"
    "\u0301\u0308\u0361\u20dd"
    "\uff10\uff11\uff19\uff21\uff41\u0660\u0665\u06f9\u0966"
)

special_chars = st.sampled_from(SPECIAL)
# Every code point, surrogates included (Hypothesis leaves them out unless asked).
any_char = st.one_of(st.characters(), st.characters(categories=["Cs"]), special_chars)


def _repeat(part: str, times: int) -> str:
    return part * times


# Strings far longer than any field (cheap to make: a short piece repeated).
huge_text = st.builds(_repeat, st.text(any_char, min_size=1, max_size=8), st.integers(100, 20_000))

hostile_text = st.one_of(
    st.text(any_char, max_size=40),
    st.text(special_chars, max_size=20),
    huge_text,
)

# Any value a JSON websocket message can carry in place of a string.
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True), hostile_text,
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def spiked(base: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``base`` with special characters put in at random places (a plausible value gone wrong)."""
    @st.composite
    def build(draw):
        text = list(draw(base))
        for _ in range(draw(st.integers(0, 3))):
            text.insert(draw(st.integers(0, len(text))), draw(special_chars))
        return "".join(text)
    return build()


# --- dates -----------------------------------------------------------------------------------

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _date_text(d: int, m: int, y: int, iso: bool) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}" if iso else f"{d:02d}.{m:02d}.{y:04d}"


# Well-formed, but impossible: 31.02., month 13, day 0, year 0 or 99999, …
impossible_date_texts = st.builds(_date_text, st.integers(0, 99), st.integers(0, 99), st.integers(0, 99_999),
                                  st.booleans())
real_date_texts = st.builds(lambda d, iso: d.isoformat() if iso else d.strftime("%d.%m.%Y"),
                            st.dates(date(1, 1, 1), date(9999, 12, 31)), st.booleans())
def other_digits(text: str) -> str:
    """The same date typed with Arabic-Indic digits."""
    return text.translate(_ARABIC_INDIC)


birth_date_texts = st.one_of(
    real_date_texts,
    real_date_texts.map(lambda t: t.translate(_ARABIC_INDIC)),
    real_date_texts.map(lambda t: t.translate(_FULL_WIDTH)),
    spiked(real_date_texts),
    impossible_date_texts,
    json_values,
)
plausible_birth_dates = st.dates(date(1910, 1, 1), date(2025, 12, 31))
# 0001-01-01 … 9999-12-31, with the ends of the calendar drawn often (the day after the last
# one overflows; Hypothesis alone rarely reaches it).
all_dates = st.one_of(st.dates(), st.sampled_from((date.min, date.max, date(9999, 12, 30), date(1, 1, 2))))
all_datetimes = st.one_of(st.datetimes(), st.sampled_from((datetime.min, datetime.max, datetime(9999, 12, 31, 9),
                                                           datetime(9999, 12, 30, 9), datetime(1, 1, 1, 9))))

# --- names, e-mail, booking codes, tokens ------------------------------------------------------

VALID_NAMES = ("Müller", "Nguyễn Thị", "O'Brien", "Al-Hassan", "نیک\u200cنام", "Şahin", "Ковальчук", "Ōta",
               "محمد", "Jean-Luc", "Zoë", "Ｍüｌｌｅｒ", "d\u0301", "李")
REAL_NAMES = (*VALID_NAMES, "ⅯⅯ", "X Æ A-12")
# Valid names with characters that are dropped (bidi marks, zero-width, BOM) or folded
# (full-width): they pass, and what is stored must be clean.
_DROPPED = st.sampled_from("\u202e\u202c\u2066\u2069\u200b\u200d\u200e\u2060\ufeff\u00ad\u034f")


@st.composite
def _with_dropped(draw):
    name = list(draw(st.sampled_from(VALID_NAMES)))
    for _ in range(draw(st.integers(0, 4))):
        name.insert(draw(st.integers(0, len(name))), draw(_DROPPED))
    return "".join(name)


passing_names = st.one_of(st.sampled_from(VALID_NAMES), _with_dropped())
name_texts = st.one_of(
    st.sampled_from(REAL_NAMES),
    spiked(st.sampled_from(REAL_NAMES)),
    st.text(st.characters(categories=["L", "M", "Zs", "Pd", "Cf", "Nd", "So"]), max_size=100),
    st.builds(_repeat, st.sampled_from(("a", "ä", "ب", "a\u0301", "a ")), st.integers(79, 820)),
    json_values,
)
email_texts = st.one_of(
    st.sampled_from(("", "erika@example.org", "ali@münchen.de", "ａ@example.org", "a@b", "a@@b.de",
                     "x" * 64 + "@example.org", "x" * 65 + "@example.org", "a@" + "b" * 250 + ".de")),
    st.emails(),
    spiked(st.emails()),
    json_values,
)
consents = st.one_of(st.just(True), st.just("on"), json_values)


def code_variants(code: str) -> st.SearchStrategy[object]:
    """How a real booking code may come back typed: lower case, without dash, spaced, full-width."""
    full_width = "".join(chr(ord(ch) + 0xFEE0) if ch != "-" else "－" for ch in code)
    return st.sampled_from((code, code.lower(), code.replace("-", ""), " ".join(code), full_width,
                            "\u202e" + code, code + "\x00", code[:-1], code + "A"))


booking_code_texts = st.one_of(
    st.text(st.sampled_from(codes.CODE_ALPHABET + "-"), min_size=8, max_size=10),
    json_values,
)
# Exactly the shape of a real token (43 URL-safe characters) but nobody's, plus anything else.
token_like = st.text(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                     min_size=codes.TOKEN_LENGTH, max_size=codes.TOKEN_LENGTH)
token_texts = st.one_of(token_like, spiked(token_like), json_values)

# Ids as they can reach a service: what ``inputs.lookup_id`` lets through (-1 … 999 999 999).
record_ids = st.one_of(st.integers(-1, 20), st.integers(-1, 10**9 - 1))


# --- the waitlist and urgent requests ----------------------------------------------------------

def date_texts(first: date, last: date) -> st.SearchStrategy[object]:
    """A day between ``first`` and ``last`` as a form sends it (ISO or German, in other digits,
    spiked), or anything a birth date field may get."""
    typed = st.builds(lambda d, iso: d.isoformat() if iso else d.strftime("%d.%m.%Y"), st.dates(first, last),
                      st.booleans())
    return st.one_of(typed, typed.map(other_digits), spiked(typed), birth_date_texts)


# What can arrive as the ticked weekdays: numbers and their text (also out of range), anything else.
weekday_lists = st.one_of(
    st.lists(st.one_of(st.integers(-1, 7), st.sampled_from(("0", "4", "6", " 1", "١", "０", "01", "7")), json_scalars),
             max_size=9),
    json_values,
)
# A team's answer to an urgent request: lines of any text, blank lines, or no text at all.
answer_texts = st.one_of(
    hostile_text,
    st.lists(st.one_of(st.just(""), st.sampled_from((" ", "\t", "\u2028")), hostile_text), max_size=30).map("\n".join),
    json_values,
)
