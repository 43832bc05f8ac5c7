"""The audit trail: append-only, written in the same transaction as the change it records."""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session

from ..models import AuditEvent

ACTIONS = ("login", "login_failed", "logout", "unlock", "check_in", "call", "recall", "done", "no_show", "park",
           "unpark", "priority", "transfer", "urgent", "undo")


def record(session: Session, action: str, at: datetime, *, staff_id: int | None = None, team_id: int | None = None,
           appointment_id: int | None = None, detail: str = "", change: dict | None = None) -> None:
    """``change``: the appointment's fields before and after, for undo (see ``services.undo``)."""
    if action not in ACTIONS:
        raise ValueError(action)
    session.add(AuditEvent(at=at, action=action, staff_id=staff_id, team_id=team_id,
                           appointment_id=appointment_id, detail=detail[:300],
                           change=json.dumps(change) if change else None))
