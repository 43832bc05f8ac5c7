"""The audit trail: append-only, written in the same transaction as the change it records.

Each fact has a column of its own (how, why, where to, which row an undo took back, whom an
unlock freed), so that nothing is ever parsed back out of a text; ``note`` is free text that is
only shown."""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session

from ..models import AuditEvent

ACTIONS = ("login", "login_failed", "login_alert", "logout", "unlock", "check_in", "call", "recall", "done",
           "no_show", "park", "unpark", "priority", "transfer", "urgent", "undo",
           "device_add", "device_code", "device_enrol", "device_revoke", "cancel", "rebook")
KIOSK, STAFF, SYSTEM, ONLINE = "kiosk", "staff", "system", "online"
VIA = (KIOSK, STAFF, SYSTEM, ONLINE)  # how an appointment change came about (online: the person on the manage page)
LOCKED = "locked"
REASONS = (LOCKED,)  # why: machine keys, shown through the catalogs (``audit.reason.<key>``)
TARGET_KINDS = ("account", "client", "device")  # whom an unlock freed or an alert names; which device
NOTE_MAX = 200


def record(session: Session, action: str, at: datetime, *, staff_id: int | None = None, team_id: int | None = None,
           appointment_id: int | None = None, via: str | None = None, reason: str | None = None,
           to_team_id: int | None = None, note: str | None = None, undoes_id: int | None = None,
           target_kind: str | None = None, target: str | None = None, version_after: int | None = None,
           change: dict | None = None) -> None:
    """Add one audit row. ``version_after``: the appointment's version after the change, and
    ``change``: its fields before and after (both for undo, see ``services.undo``)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if via is not None and via not in VIA:
        raise ValueError(f"unknown audit via {via!r}")
    if reason is not None and reason not in REASONS:
        raise ValueError(f"unknown audit reason {reason!r}")
    if (target_kind is None) != (target is None) or (target_kind is not None and target_kind not in TARGET_KINDS):
        raise ValueError(f"an unlock target needs a known kind and a value: {target_kind!r}")
    if (to_team_id is not None) != (action == "transfer") or (undoes_id is not None) != (action == "undo"):
        raise ValueError(f"{action!r} does not go with to_team_id={to_team_id!r}, undoes_id={undoes_id!r}")
    session.add(AuditEvent(at=at, action=action, staff_id=staff_id, team_id=team_id, appointment_id=appointment_id,
                           via=via, reason=reason, to_team_id=to_team_id, note=(note or "")[:NOTE_MAX] or None,
                           undoes_id=undoes_id, target_kind=target_kind, target=target,
                           version_after=version_after, change=json.dumps(change) if change else None))
