"""The confirmation's files, downloaded with the manage link's token: the PDF (with the check-in QR
code) and the calendar file; the receipt PDF of an urgent request with its download token. Rendering runs in a thread, at most two at once, so a burst of
downloads does not hold up other pages' events."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import routes
from ..services import confirmations

_renders = asyncio.Semaphore(2)


def _confirmation(token: str):
    appointment_id = confirmations.by_manage_token(token)
    found = confirmations.for_appointment(appointment_id) if appointment_id is not None else None
    return found[0] if found and not found[0].cancelled else None


async def _file(request: Request, render, media_type: str, name: str, suffix: str) -> Response:
    token = request.query_params.get("t", "")[:100]
    confirmation = await asyncio.to_thread(_confirmation, token)
    if confirmation is None:
        return Response(status_code=404, headers={"Cache-Control": "no-store"})
    async with _renders:
        body = await asyncio.to_thread(render, confirmation)
    return Response(body, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{name}-{confirmation.booking_code}.{suffix}"',
        "Cache-Control": "no-store",
    })


async def confirmation_pdf(request: Request) -> Response:
    from ..documents import pdf

    return await _file(request, pdf.render, "application/pdf", "Terminbestaetigung", "pdf")


async def confirmation_ics(request: Request) -> Response:
    from ..documents import ics

    return await _file(request, ics.render, "text/calendar", "Termin", "ics")


async def urgent_receipt_pdf(request: Request) -> Response:
    """The receipt of an urgent request, with the token its page got when it was sent."""
    from ..services import urgent_requests

    token = request.query_params.get("t", "")[:100]
    async with _renders:
        found = await asyncio.to_thread(urgent_requests.receipt_pdf, token)
    if found is None:
        return Response(status_code=404, headers={"Cache-Control": "no-store"})
    name, body = found
    return Response(body, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store",
    })


ROUTES = [
    Route(routes.CONFIRMATION_PDF, confirmation_pdf, methods=["GET"]),
    Route(routes.CONFIRMATION_ICS, confirmation_ics, methods=["GET"]),
    Route(routes.URGENT_RECEIPT_PDF, urgent_receipt_pdf, methods=["GET"]),
]
