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
           "device_add", "device_code", "device_enrol", "device_revoke", "cancel", "rebook",
           "admin_add", "admin_change", "admin_remove", "anonymise")
ADMIN_ACTIONS = ("admin_add", "admin_change", "admin_remove")
# The steps of an urgent request (``entity`` 'urgent_request', ``entity_id`` its id; ``note`` its number).
REQUEST_ACTIONS = ("urgent_received", "urgent_offer", "urgent_answer", "urgent_close")
ACTIONS += REQUEST_ACTIONS
# The steps of a waitlist entry (``entity`` 'waitlist_entry', ``entity_id`` its id; no personal data).
WAITLIST_ACTIONS = ("waitlist_join", "waitlist_offer", "waitlist_accept", "waitlist_decline", "waitlist_leave",
                    "waitlist_expire")
ACTIONS += WAITLIST_ACTIONS
# The office records an administrator changes (``entity`` of an admin row).
ENTITIES = ("team", "concern", "concern_text", "group_text", "room", "opening_window", "blocked_day", "staff",
            "device")
KIOSK, STAFF, SYSTEM, ONLINE = "kiosk", "staff", "system", "online"
VIA = (KIOSK, STAFF, SYSTEM, ONLINE)  # how an appointment change came about (online: the person on the manage page)
LOCKED, OFFICE = "locked", "office"  # login while locked; the office cancelled (not the person)
REASONS = (LOCKED, OFFICE)  # why: machine keys, shown through the catalogs (``audit.reason.<key>``)
TARGET_KINDS = ("account", "client", "device")  # whom an unlock freed or an alert names; which device
NOTE_MAX = 200


def record(session: Session, action: str, at: datetime, *, staff_id: int | None = None, team_id: int | None = None,
           appointment_id: int | None = None, via: str | None = None, reason: str | None = None,
           to_team_id: int | None = None, note: str | None = None, undoes_id: int | None = None,
           target_kind: str | None = None, target: str | None = None, version_after: int | None = None,
           change: dict | None = None, entity: str | None = None, entity_id: int | None = None) -> None:
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
    entities = ENTITIES if action in ADMIN_ACTIONS else ("urgent_request",) if action in REQUEST_ACTIONS else \
        ("waitlist_entry",) if action in WAITLIST_ACTIONS else ()
    if (entity is not None) != bool(entities) or (entity is not None and entity not in entities):
        raise ValueError(f"{action!r} does not go with entity={entity!r}")
    session.add(AuditEvent(at=at, action=action, staff_id=staff_id, team_id=team_id, appointment_id=appointment_id,
                           via=via, reason=reason, to_team_id=to_team_id, note=(note or "")[:NOTE_MAX] or None,
                           undoes_id=undoes_id, target_kind=target_kind, target=target,
                           version_after=version_after, change=json.dumps(change, default=str) if change else None,
                           entity=entity, entity_id=entity_id))


def record_admin(session: Session, action: str, at: datetime, *, by: int | None, entity: str, entity_id: int | None,
                 before: dict | None = None, after: dict | None = None, team_id: int | None = None) -> None:
    """An administrator's change of an office record: ``admin_add`` / ``admin_change`` /
    ``admin_remove`` with the record's kind and id and its fields before and after (only the
    fields that changed, for a change). Dates and times are stored as ISO text."""
    if action == "admin_change" and before is not None and after is not None:
        keys = [k for k in after if before.get(k) != after.get(k)]
        before, after = {k: before.get(k) for k in keys}, {k: after[k] for k in keys}
    record(session, action, at, staff_id=by, team_id=team_id, entity=entity, entity_id=entity_id,
           change={"before": before, "after": after})
