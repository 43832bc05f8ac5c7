"""HTTP hardening around the whole app (pages, assets, the websocket and our own routes), as one
ASGI middleware:

- requests for another host than the configured public one are refused (no Host reflection in
  redirects; ``/ping`` and ``/_health`` stay reachable for local health checks);
- ``/_health`` answers only "ok" (it used to tell anyone whether database and Redis were up);
- every response carries security headers; HTML pages get a Content-Security-Policy whose
  ``script-src`` lists the SHA-256 hashes of exactly the inline scripts of that page (the
  prerendered pages have a few, identical on every request), so no ``'unsafe-inline'`` and no
  ``'unsafe-eval'`` for scripts; the camera is allowed only on the kiosk page.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re

from .. import routes

_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
OPEN_PATHS = ("/ping", "/_health")  # answered whatever the Host header says
# The kiosk decodes QR codes with zxing-wasm: WebAssembly needs 'wasm-unsafe-eval' (not 'unsafe-eval').
WASM_PATHS = (routes.KIOSK,)
CAMERA_PATHS = (routes.KIOSK,)
_BASE_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # full URLs (they may hold a token) never leave the site
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def _under(path: str, prefixes: tuple[str, ...]) -> bool:
    return any(path == p or path.startswith(p + "/") or path.startswith(p + ".") for p in prefixes)


def content_security_policy(path: str, inline_script_hashes: list[str]) -> str:
    scripts = ["'self'", *(f"'sha256-{h}'" for h in inline_script_hashes)]
    if _under(path, WASM_PATHS):
        scripts.append("'wasm-unsafe-eval'")
    return "; ".join([
        "default-src 'self'",
        f"script-src {' '.join(scripts)}",
        # Radix Themes and emotion set inline styles at runtime; styles cannot run code.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "media-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def permissions_policy(path: str) -> str:
    camera = "(self)" if _under(path, CAMERA_PATHS) else "()"
    return (f"camera={camera}, microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
            "display-capture=(), interest-cohort=()")


def inline_script_hashes(html: bytes) -> list[str]:
    return sorted({base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode()
                   for m in _INLINE_SCRIPT.finditer(html)})


class SecurityMiddleware:
    """Wraps the whole ASGI app; ``allowed_hosts`` are the Host header values of the public URL."""

    def __init__(self, app, *, allowed_hosts: set[str]):
        self.app = app
        self.allowed_hosts = {h.lower() for h in allowed_hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        if scope["type"] == "http" and path == "/_health":
            return await _plain(send, 200, b"ok")
        host = _header(scope, b"host").lower()
        if path not in OPEN_PATHS and host not in self.allowed_hosts:
            if scope["type"] == "websocket":
                return await send({"type": "websocket.close", "code": 1008})
            return await _plain(send, 400, b"unknown host")
        if scope["type"] == "websocket":  # the Origin is checked by the socket server (configured origins)
            return await self.app(scope, receive, send)
        await self.app(scope, receive, _HeaderSender(send, path))


class _HeaderSender:
    """Adds the headers to the response; buffers HTML bodies to hash their inline scripts."""

    def __init__(self, send, path: str):
        self.send, self.path = send, path
        self.start: dict | None = None
        self.body: list[bytes] = []

    async def __call__(self, message):
        if message["type"] == "http.response.start":
            self.start = message
            if not _is_html(message):
                await self.send(self._with_headers(message, None))
            return
        if self.start is None or not _is_html(self.start):
            return await self.send(message)
        if message["type"] == "http.response.pathsend":  # granian sends static files by path
            with open(message["path"], "rb") as f:
                await self.send(self._with_headers(self.start, f.read()))
            return await self.send(message)
        if message["type"] != "http.response.body":
            return await self.send(message)
        self.body.append(message.get("body", b""))
        if message.get("more_body"):
            return
        body = b"".join(self.body)
        await self.send(self._with_headers(self.start, body))
        await self.send({"type": "http.response.body", "body": body})

    def _with_headers(self, start: dict, html: bytes | None) -> dict:
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in _REPLACED]
        headers += _BASE_HEADERS
        headers.append((b"permissions-policy", permissions_policy(self.path).encode()))
        # A 304 tells the browser to keep its cached page: it would also take over a CSP sent here,
        # and without the page's body this one could not name its inline scripts.
        if start.get("status") != 304:
            hashes = inline_script_hashes(_decoded(start, html)) if html is not None else []
            headers.append((b"content-security-policy", content_security_policy(self.path, hashes).encode()))
        if html is not None:
            headers.append((b"cache-control", b"no-cache"))
        return {**start, "headers": headers}


_REPLACED = {b"content-security-policy", b"permissions-policy", b"x-frame-options", b"referrer-policy",
             b"x-content-type-options", b"cross-origin-opener-policy"}


def _is_html(start: dict) -> bool:
    return any(k.lower() == b"content-type" and v.lower().startswith(b"text/html") for k, v in start.get("headers", []))


def _decoded(start: dict, body: bytes) -> bytes:
    """The page as the browser sees it (the static files may be served precompressed)."""
    encoding = next((v for k, v in start.get("headers", []) if k.lower() == b"content-encoding"), b"")
    if encoding.lower() == b"gzip" and body:
        return gzip.decompress(body)
    return body


def _header(scope, name: bytes) -> str:
    return next((v.decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == name), "")


async def _plain(send, status: int, text: bytes) -> None:
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(text)).encode()),
               (b"cache-control", b"no-store"), *_BASE_HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": text})
