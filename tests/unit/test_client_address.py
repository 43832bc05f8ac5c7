"""The client address behind reverse proxies: X-Forwarded-For counts only through the configured
number of trusted proxy hops (else anyone could claim any address, and the per-client limits would
be void; or, behind a proxy, everybody would share the proxy's address)."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from terminsystem.web.endpoints import client_address


def request(peer: str, forwarded: str | None) -> Request:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded is not None else []
    return Request({"type": "http", "client": (peer, 5000), "headers": headers})


@pytest.mark.parametrize("hops,forwarded,expected", [
    (0, "6.6.6.6", "10.0.0.1"),  # no proxy configured: the header is the client's own claim
    (1, "203.0.113.7", "203.0.113.7"),  # one proxy: the address it saw
    (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # a forged first entry is ignored
    (2, "6.6.6.6, 203.0.113.7, 10.9.9.9", "203.0.113.7"),  # two proxies
    (2, "203.0.113.7", "10.0.0.1"),  # fewer entries than proxies: not trusted
    (1, None, "10.0.0.1"),
])
def test_forwarded_for_only_through_trusted_hops(monkeypatch, hops, forwarded, expected):
    monkeypatch.setenv("TS_TRUSTED_PROXY_HOPS", str(hops))
    assert client_address(request("10.0.0.1", forwarded)) == expected
