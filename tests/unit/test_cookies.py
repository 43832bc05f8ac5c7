"""The app's cookies: HttpOnly and SameSite=Strict always, Secure when the public address is https,
and reading them never fails on a malformed Cookie header."""

from __future__ import annotations

from starlette.responses import Response

from terminsystem.web import cookies


def set_cookie_header(monkeypatch, public_url: str) -> str:
    monkeypatch.setenv("TS_PUBLIC_URL", public_url)
    response = Response()
    cookies.put(response, cookies.STAFF, "secret-value")
    return response.headers["set-cookie"].lower()


def test_flags(monkeypatch):
    plain = set_cookie_header(monkeypatch, "http://127.0.0.1:8000")
    assert "httponly" in plain and "samesite=strict" in plain and "path=/" in plain and "secure" not in plain
    assert "secure" in set_cookie_header(monkeypatch, "https://termine.example")


def test_reading():
    assert cookies.read("a=1; ts_staff=abc; b=2", cookies.STAFF) == "abc"
    assert cookies.read("", cookies.STAFF) == "" and cookies.read("garbage;;==;", cookies.DEVICE) == ""
