"""The app's own HTTP routes: they set and clear the HttpOnly cookies, which a websocket event
cannot do. Forms post here natively; every answer is a redirect to a page (303), with a message key
in the query when something went wrong (never an echo of the input).

Slow work (Argon2, database writes) runs in a thread so that other pages' events are not delayed.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .. import routes, settings
from ..services import auth, devices
from . import cookies

log = logging.getLogger(__name__)
MAX_FIELD = 200
# Argon2 is CPU-bound: more than this many at once would only starve the event loop of CPU.
_password_checks = asyncio.Semaphore(2)


def client_address(request: Request) -> str:
    """The client's address as Reflex determines it for the websocket: X-Forwarded-For is believed
    only through the configured number of trusted proxy hops."""
    peer = request.client.host if request.client else "unknown"
    hops = settings.trusted_proxy_hops()
    if hops:
        forwarded = [ip.strip() for ip in request.headers.get("x-forwarded-for", "").split(",") if ip.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops][:80]
    return peer[:80]


def _same_origin(request: Request) -> bool:
    """Form posts must come from our own pages (login CSRF); browsers always send Origin on POST."""
    origin = request.headers.get("origin")
    return origin is None or origin in settings.allowed_origins()


def _to(path: str, **query: str) -> RedirectResponse:
    """A redirect to one of our pages: a relative location, so it never carries a Host header's
    name (and the browser stays on the allowed address it came by)."""
    suffix = "&".join(f"{k}={v}" for k, v in query.items())
    return RedirectResponse(path + (f"?{suffix}" if suffix else ""), status_code=303)


async def _fields(request: Request, *names: str) -> dict[str, str]:
    form = await request.form(max_files=0, max_fields=10, max_part_size=4096)
    return {n: v[:MAX_FIELD] if isinstance(v := form.get(n, ""), str) else "" for n in names}


async def staff_login(request: Request) -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    form = await _fields(request, "username", "password")
    username, password = form["username"].strip().lower(), form["password"]
    if not username or not password:
        return _to(routes.LOGIN, meldung="fill_both")
    client, policy = client_address(request), settings.auth_policy()
    # A growing pause after failures of this account from this client makes guessing slow.
    await asyncio.sleep(await asyncio.to_thread(auth.login_delay, username, client, now=settings.now(), policy=policy))
    async with _password_checks:
        try:
            token, who = await asyncio.to_thread(auth.login, username, password, client=client,
                                                 now=settings.now(), policy=policy)
        except (auth.LoginRefused, auth.LoginLocked) as err:
            return _to(routes.LOGIN, meldung=err.key.removeprefix("auth."))
    # An initial password is replaced first: every staff page refuses until then.
    response = _to(routes.PASSWORD if who.must_change_password else routes.CLERK)
    cookies.put(response, cookies.STAFF, token)
    return response


async def staff_logout(request: Request) -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    token = request.cookies.get(cookies.STAFF, "")
    if token:
        await asyncio.to_thread(auth.logout, token, now=settings.now())
    response = _to(routes.LOGIN, meldung="logged_out")
    cookies.drop(response, cookies.STAFF)
    return response


async def device_enrol(request: Request) -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    code = (await _fields(request, "code"))["code"]
    found = await asyncio.to_thread(devices.enrol, code, client=client_address(request), now=settings.now())
    if found is None:
        return _to(routes.DEVICE_SETUP, meldung="invalid")
    secret, device = found
    log.info("device enrolled: %s (%s)", device.name, device.kind)
    response = _to(routes.KIOSK if device.kind == "kiosk" else routes.DISPLAY)
    cookies.put(response, cookies.DEVICE, secret, max_age=cookies.DEVICE_MAX_AGE)
    return response


async def device_renew(request: Request) -> Response:
    """The device's pages call this once per load, so an enrolled device's cookie never runs out."""
    if not _same_origin(request):
        return Response(status_code=403)
    secret = request.cookies.get(cookies.DEVICE, "")
    device = await asyncio.to_thread(devices.resolve, secret) if secret else None
    response = Response(status_code=204)
    if device is not None:
        cookies.put(response, cookies.DEVICE, secret, max_age=cookies.DEVICE_MAX_AGE)
    return response


ROUTES = [
    Route(routes.STAFF_LOGIN_POST, staff_login, methods=["POST"]),
    Route(routes.STAFF_LOGOUT_POST, staff_logout, methods=["POST"]),
    Route(routes.DEVICE_ENROL_POST, device_enrol, methods=["POST"]),
    Route(routes.DEVICE_RENEW_POST, device_renew, methods=["POST"]),
]
