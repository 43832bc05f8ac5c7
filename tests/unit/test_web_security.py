"""The HTTP hardening middleware on a tiny ASGI app: headers, the CSP's inline-script hashes, the
Host check and the public health answer. (e2e tests check the real pages in Chromium.)"""

from __future__ import annotations

import base64
import gzip
import hashlib

from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from terminsystem.web.security import SecurityMiddleware, inline_script_hashes

PAGE_MODULE = b"import '/y.js';"
PAGE = (b"<html><head><script>window.a = 1;</script><script src='/x.js'></script></head>"
        b"<body><script type='module'>" + PAGE_MODULE + b"</script></body></html>")


def sha(text: bytes) -> str:
    return base64.b64encode(hashlib.sha256(text).digest()).decode()


async def page(_request):
    return HTMLResponse(PAGE)


async def gzipped(_request):
    return Response(gzip.compress(PAGE), media_type="text/html", headers={"content-encoding": "gzip"})


async def health(_request):
    return JSONResponse({"status": True, "db": True, "redis": False})


async def slash(request):
    return RedirectResponse(str(request.url) + "/")


def client(host: str = "termine.example") -> TestClient:
    app = Starlette(routes=[Route("/", page), Route("/kiosk", page), Route("/gz", gzipped), Route("/_health", health),
                            Route("/ping", health), Route("/team", slash)])
    return TestClient(SecurityMiddleware(app, allowed_hosts={"termine.example"}), base_url=f"http://{host}")


def test_inline_scripts_are_hashed_exactly():
    assert inline_script_hashes(PAGE) == sorted([sha(b"window.a = 1;"), sha(PAGE_MODULE)])


def test_pages_get_a_csp_with_their_inline_script_hashes_and_the_other_headers():
    r = client().get("/")
    csp = r.headers["content-security-policy"]
    assert f"'sha256-{sha(b'window.a = 1;')}'" in csp and f"'sha256-{sha(PAGE_MODULE)}'" in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "'unsafe-eval'" not in csp and "'wasm-unsafe-eval'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"
    assert "camera=()" in r.headers["permissions-policy"]
    assert r.text == PAGE.decode()  # the body is unchanged


def test_only_the_kiosk_may_use_the_camera_and_webassembly():
    r = client().get("/kiosk")
    assert "camera=(self)" in r.headers["permissions-policy"]
    assert "'wasm-unsafe-eval'" in r.headers["content-security-policy"]


def test_precompressed_pages_are_hashed_as_the_browser_sees_them():
    r = client().get("/gz")
    assert f"'sha256-{sha(b'window.a = 1;')}'" in r.headers["content-security-policy"]


def test_another_host_is_refused_and_never_reflected():
    r = client("evil.example").get("/team", follow_redirects=False)
    assert r.status_code == 400 and "evil" not in r.text and "location" not in r.headers
    ok = client().get("/team", follow_redirects=False)
    assert ok.status_code == 307 and ok.headers["location"].startswith("http://termine.example/")


def test_health_says_only_ok_to_anyone():
    for host in ("termine.example", "127.0.0.1:8000"):
        r = client(host).get("/_health")
        assert r.status_code == 200 and r.text == "ok"
    assert client("127.0.0.1:8000").get("/ping").status_code == 200  # local checks need no Host


def test_a_websocket_for_another_host_is_closed():
    import pytest
    from starlette.websockets import WebSocketDisconnect

    with pytest.raises(WebSocketDisconnect):
        with client("evil.example").websocket_connect("/_event/"):
            pass


def test_pages_sent_by_path_are_hashed_too(tmp_path):
    """granian serves static files with the ASGI 'pathsend' extension: no body passes the middleware."""
    import asyncio
    import threading

    page_file = tmp_path / "index.html"
    page_file.write_bytes(PAGE)

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.pathsend", "path": str(page_file)})

    sent = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "path": "/", "headers": [(b"host", b"termine.example")]}
    middleware = SecurityMiddleware(app, allowed_hosts={"termine.example"})
    # In a thread of its own: another test tier may have an event loop running in this one.
    runner = threading.Thread(target=lambda: asyncio.run(middleware(scope, None, send)))
    runner.start()
    runner.join()
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.pathsend"]
    csp = dict(sent[0]["headers"])[b"content-security-policy"].decode()
    assert f"'sha256-{sha(b'window.a = 1;')}'" in csp


def test_a_not_modified_answer_keeps_the_cached_pages_csp():
    """A 304 has no body to hash; a CSP sent with it would replace the cached page's and block
    its inline scripts on the next visit (seen in Chromium)."""
    async def not_modified(_request):
        return Response(status_code=304)

    app = Starlette(routes=[Route("/", not_modified)])
    r = TestClient(SecurityMiddleware(app, allowed_hosts={"termine.example"}), base_url="http://termine.example").get("/")
    assert r.status_code == 304 and "content-security-policy" not in r.headers
    assert r.headers["x-content-type-options"] == "nosniff"
