"""Booking codes and secret tokens."""

import re

from terminsystem.domain import codes


def test_booking_code_format_and_alphabet():
    for _ in range(200):
        code = codes.new_booking_code()
        assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)
        assert set(code.replace("-", "")) <= set(codes.CODE_ALPHABET)
    assert not set("0OQ1IL2Z5S8B6G") & set(codes.CODE_ALPHABET)


def test_booking_codes_are_unique_in_practice():
    generated = {codes.new_booking_code() for _ in range(20000)}
    assert len(generated) == 20000


def test_typed_codes_are_normalized():
    assert codes.normalize_booking_code(" k7ha 3mxq ") == "K7HA-3MXQ"
    assert codes.normalize_booking_code("K7HA-3MXQ") == "K7HA-3MXQ"


def test_token_has_at_least_128_bits_and_is_unique():
    tokens = {codes.new_token() for _ in range(5000)}
    assert len(tokens) == 5000
    token = tokens.pop()
    assert len(token) * 6 >= 128  # URL-safe base64: 6 bits per character
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token)


def test_only_a_hash_of_the_token_is_stored():
    token = codes.new_token()
    digest = codes.token_hash(token)
    assert len(digest) == 64 and token not in digest
    assert codes.token_hash(token) == digest
