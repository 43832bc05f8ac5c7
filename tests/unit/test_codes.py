"""Booking codes and secret tokens.

Whether two appointments could share a code is the database's unique key (tested with the
database); here we check what the generator promises, without tests that fail by chance.
"""

import hashlib
import re
import secrets
from itertools import pairwise

import pytest

from terminsystem.domain import codes


def test_booking_code_format_and_alphabet():
    for _ in range(200):
        code = codes.new_booking_code()
        assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)
        assert set(code.replace("-", "")) <= set(codes.CODE_ALPHABET)
    assert not set("0OQ1IL2Z5S8B6G") & set(codes.CODE_ALPHABET)
    assert len(set(codes.CODE_ALPHABET)) == len(codes.CODE_ALPHABET) == 22


def test_booking_codes_come_from_the_secrets_module(monkeypatch):
    """Not ``random``, whose state can be reconstructed from codes seen on other letters."""
    drawn = []

    def choice(seq):
        assert seq == codes.CODE_ALPHABET
        drawn.append(seq[len(drawn)])
        return drawn[-1]

    monkeypatch.setattr(secrets, "choice", choice)
    assert codes.new_booking_code() == "ACDE-FHJK"
    assert len(drawn) == codes.CODE_LENGTH


def test_booking_codes_are_uniform_and_unordered():
    """Every symbol appears about equally often in every position, and successive codes are
    not in order, so a counter or a biased generator fails.

    False-failure rate, computed exactly: with 2000 codes a symbol's count at one position is
    Binomial(2000, 1/22), mean 91; P(count < 35 or > 160) = 8.7e-12, times 22 symbols x 8
    positions < 1.6e-9. The number of rises between neighbours has mean ~999.5 and changes by
    at most 2 when one code changes, so by McDiarmid's inequality P(|rises - 999.5| >= 300)
    <= 2 exp(-2 * 300^2 / (2000 * 2^2)) = 3.4e-10. Together: below 2e-9 per run.
    """
    drawn = [codes.new_booking_code().replace("-", "") for _ in range(2000)]
    for position in range(codes.CODE_LENGTH):
        column = [code[position] for code in drawn]
        for symbol in codes.CODE_ALPHABET:
            assert 35 <= column.count(symbol) <= 160, (position, symbol)
    rises = sum(a < b for a, b in pairwise(drawn))
    assert 700 <= rises <= 1299


@pytest.mark.parametrize("typed,expected", [
    (" k7ha 3mxq ", "K7HA-3MXQ"),
    ("K7HA-3MXQ", "K7HA-3MXQ"),
    ("k7ha3mxq", "K7HA-3MXQ"),
    ("Ｋ７ＨＡ－３ＭＸＱ", "K7HA-3MXQ"),  # typed on a full-width keyboard
    ("K7HA-3MX", "K7HA3MX"),  # incomplete: left as typed, matches no code
    ("K7HA-3MX٣", "K7HA3MX"),  # not an ASCII letter or digit: dropped
    ("", ""),
    (None, ""),
    (["K7HA-3MXQ"], ""),
    (12345678, ""),
])
def test_typed_codes_are_normalized(typed, expected):
    assert codes.normalize_booking_code(typed) == expected


def test_token_has_at_least_128_bits_from_the_secrets_module(monkeypatch):
    token = codes.new_token()
    assert len(token) == codes.TOKEN_LENGTH
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
    assert codes.TOKEN_BYTES * 8 >= 128 and len(token) * 6 >= 128  # base64: 6 bits a character
    asked = []
    monkeypatch.setattr(secrets, "token_urlsafe", lambda n: asked.append(n) or "x" * codes.TOKEN_LENGTH)
    codes.new_token()
    assert asked == [codes.TOKEN_BYTES]


def test_only_the_hash_is_deterministic():
    # Two 192-bit tokens coincide with probability 2^-192: this cannot fail by chance in practice.
    first, second = codes.new_token(), codes.new_token()
    assert first != second
    digest = codes.token_hash(first)
    assert codes.token_hash(first) == digest != codes.token_hash(second)
    assert len(digest) == 64 and first not in digest


def test_hashes_of_issued_tokens_are_unchanged():
    """Stored hashes must keep matching: ASCII tokens hash exactly as they always did."""
    token = "Zq3_-k9XbT0aLmN2pQrS4tUvW5xYz6Ab"
    assert codes.token_hash(token) == hashlib.sha256(token.encode("ascii")).hexdigest()


@pytest.mark.parametrize("scan", ["", "ä", "Ｋ７ＨＡ", "\u202e", "\x00", "\ud800", "😀" * 40, "x" * 100_000])
def test_any_scanned_string_hashes_without_raising(scan):
    assert re.fullmatch(r"[0-9a-f]{64}", codes.token_hash(scan))


def test_a_real_token_looks_like_one():
    assert codes.looks_like_token(codes.new_token())


@pytest.mark.parametrize("scan", [
    "", "K7HA-3MXQ", "https://example.org/termin",
    "A" * (codes.TOKEN_LENGTH - 1), "A" * (codes.TOKEN_LENGTH + 1),
    "A" * (codes.TOKEN_LENGTH - 1) + "=", "A" * (codes.TOKEN_LENGTH - 1) + "+", "A" * (codes.TOKEN_LENGTH - 1) + "/",
    "A" * (codes.TOKEN_LENGTH - 1) + "ä", "A" * (codes.TOKEN_LENGTH - 1) + "٣", "A" * (codes.TOKEN_LENGTH - 1) + "\n",
    " " + "A" * (codes.TOKEN_LENGTH - 1), None, 42, ["A" * codes.TOKEN_LENGTH],
])
def test_anything_else_does_not_look_like_a_token(scan):
    assert not codes.looks_like_token(scan)
