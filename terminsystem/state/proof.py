"""Proof of work on a public form (a state mixin): the page holds a fresh signed challenge; a
submit spends the solution the widget put into the form, and every spend — good or bad — brings a
new challenge, so the widget starts afresh for the next submit."""

from __future__ import annotations

import asyncio
import json

import reflex as rx

from .. import i18n, settings
from ..domain import inputs
from ..services import proof

# The widget's texts (its own keys) from our catalog: it shows them only while it works.
WIDGET_TEXTS = {
    "label": "proof.label", "verify": "proof.label", "verifying": "proof.verifying", "loading": "proof.verifying",
    "waitAlert": "proof.wait", "verified": "proof.verified", "verificationRequired": "proof.missing",
    "error": "proof.error", "expired": "proof.expired", "reload": "proof.error",
}


class ProofForm(rx.State, mixin=True):
    challenge: str = ""

    @rx.var
    def proof_texts(self) -> str:
        lang = i18n.normalize(self.lang)
        texts = {name: i18n.translate(lang, key) for name, key in WIDGET_TEXTS.items()}
        return json.dumps({**texts, "footer": "", "ariaLinkLabel": ""}, ensure_ascii=False)

    async def _new_challenge(self) -> None:
        self.challenge = await asyncio.to_thread(proof.challenge, cost=settings.proof_cost(),
                                                 minutes=settings.proof_minutes())

    async def _spend_proof(self, form: object) -> str | None:
        """None if the form carries a good, unspent proof (spent now); else the message key. A form
        without any (a second click while the widget still works) leaves the widget alone; after a
        checked one it starts afresh with a new challenge."""
        refused = await asyncio.to_thread(proof.spend, inputs.field(form, "altcha"))
        if refused != proof.MISSING:
            await self._new_challenge()
        return refused
