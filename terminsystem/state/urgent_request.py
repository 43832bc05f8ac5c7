"""State of the public urgent-request page: a person whose residence document expires soon and who
finds no appointment asks the team. Personal data never lands in a var: the form keeps it in the
browser until it is sent, and the service stores it."""

from __future__ import annotations

import asyncio
from datetime import datetime
from urllib.parse import quote

import reflex as rx

from .. import i18n, routes, settings
from ..domain import urgent_requests as rules
from ..domain.errors import InvalidInput, TooManyUrgentRequests
from ..models import ConcernInfo
from ..services import availability, content, urgent_requests
from .lang import LangState
from .proof import ProofForm


class UrgentRequestState(ProofForm, LangState):
    errors: dict[str, str] = {}  # field → message key
    notice: str = ""
    number: str = ""  # set once the request is in
    received: str = ""  # ISO time of receipt
    concern_code: str = ""
    pdf_token: str = ""  # fetches the receipt PDF once more (only its hash is stored)
    _concerns: list[ConcernInfo] = []

    @rx.var
    def concern_options(self) -> list[dict[str, str]]:
        texts = content.concerns(self.lang, need=[c.code for c in self._concerns])
        return [{"value": str(c.id), "label": texts[c.code].name if c.code in texts else c.code}
                for c in self._concerns]

    @rx.var
    def kind_options(self) -> list[dict[str, str]]:
        return [{"value": kind, "label": i18n.translate(self.lang, f"urgent.kind.{kind}")} for kind in rules.PERMIT_KINDS]

    @rx.var
    def intro(self) -> str:
        return i18n.translate(self.lang, "urgent.page.intro", weeks=settings.urgent_policy().weeks)

    @rx.var
    def received_label(self) -> str:
        if not self.received:
            return ""
        moment = datetime.fromisoformat(self.received)
        return i18n.translate(self.lang, "urgent.done.received", day=i18n.long_date(moment.date(), self.lang),
                              time=moment.strftime("%H:%M"))

    @rx.var
    def concern_name(self) -> str:
        return content.concern(self.lang, self.concern_code).name if self.concern_code else ""

    @rx.var
    def pdf_href(self) -> str:
        return f"{routes.URGENT_RECEIPT_PDF}?t={quote(self.pdf_token)}" if self.pdf_token else ""

    @rx.event
    async def load(self):
        self._pick_language()
        self._concerns = await asyncio.to_thread(availability.concerns)
        self.errors, self.notice = {}, ""
        await self._new_challenge()

    @rx.event
    async def submit(self, form: dict):
        """Check every field, then the proof of work, then store; bad input stores nothing."""
        if self.number or not isinstance(form, dict):
            return  # sent already (a second click)
        now = settings.now()
        try:
            data = rules.validate(
                concern_id=form.get("concern", ""), permit_kind=form.get("permit_kind", ""),
                permit_expires=form.get("permit_expires", ""), family_name=form.get("family_name", ""),
                given_names=form.get("given_names", ""), birth_date=form.get("birth_date", ""),
                email=form.get("email", ""), description=form.get("description", ""),
                consent=form.get("consent"), today=now.date(), policy=settings.urgent_policy())
        except InvalidInput as err:
            self.errors, self.notice = err.fields, "urgent.invalid"
            return
        if refused := await self._spend_proof(form):
            self.errors, self.notice = {}, refused
            return
        try:
            done = await asyncio.to_thread(
                urgent_requests.submit, data, lang=i18n.normalize(self.lang),
                client=self.router.session.client_ip or "unknown", now=now, limits=settings.urgent_limits())
        except InvalidInput as err:
            self.errors, self.notice = err.fields, "urgent.invalid"
            return
        except TooManyUrgentRequests as err:
            self.errors, self.notice = {}, err.key
            return
        self.errors, self.notice = {}, ""
        self.number, self.received, self.concern_code = done.number, done.received_at.isoformat(), done.concern_code
        self.pdf_token = done.download_token

    @rx.event
    async def restart(self):
        self.number = self.received = self.concern_code = self.pdf_token = ""
        self.errors, self.notice = {}, ""
        await self._new_challenge()
