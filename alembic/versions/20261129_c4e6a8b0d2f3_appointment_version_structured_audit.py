"""appointment version, structured audit trail

An appointment gets a ``version`` that every change raises: clerk actions apply only to the version
they were decided on, and an undo only while the appointment still has the version its action left
(``audit_event.version_after``), so an undo is refused after any later change by anyone – before,
it compared only the fields the undone action had written, and could rewind e.g. a colleague's
"done" after one's own recall.

The audit trail's free-text ``detail``, written in several places and parsed back by the day
overview, becomes columns of its own: ``via`` (kiosk, staff, system), ``reason`` (a machine key,
'locked'), ``to_team_id`` (transfer), ``note`` (free text that is only shown: transfer note, urgent
reason), ``undoes_id`` (the row an undo took back), ``target_kind``/``target`` (what an unlock
freed). Existing rows are converted as far as their text allows; text that fits no pattern is
kept as the note. Rows written before this revision have no ``version_after``, so those actions
can no longer be undone (undo is only possible for a minute anyway). The downgrade writes the
``detail`` strings back from the columns.

Revision ID: c4e6a8b0d2f3
Revises: b2d4f6a8c0e1
Create Date: 2026-11-29 15:04:59.414906
"""
import re
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'c4e6a8b0d2f3'
down_revision: Union[str, None] = 'b2d4f6a8c0e1'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Actions that change an appointment: they get a ``via``.
_APPOINTMENT_ACTIONS = {"check_in", "call", "recall", "done", "no_show", "park", "unpark", "priority", "transfer",
                        "urgent", "undo"}
_COLUMNS = ("via", "reason", "to_team_id", "note", "undoes_id", "target_kind", "target")
_audit = sa.table("audit_event", sa.column("id", sa.Integer), sa.column("action", sa.String),
                  sa.column("staff_id", sa.Integer), sa.column("detail", sa.String), sa.column("via", sa.String),
                  sa.column("reason", sa.String), sa.column("to_team_id", sa.Integer), sa.column("note", sa.String),
                  sa.column("undoes_id", sa.Integer), sa.column("target_kind", sa.String),
                  sa.column("target", sa.String))


def _structured(action: str, staff_id, detail: str, teams: set[int], events: set[int]) -> dict:
    """The new columns of one row, from the text the code of the previous revision wrote."""
    out = dict.fromkeys(_COLUMNS)
    if action in _APPOINTMENT_ACTIONS:
        out["via"] = "staff" if staff_id is not None else "system"
    transfer = re.fullmatch(r"to team (\d+): ?(.*)", detail, re.S)
    undone = re.fullmatch(r"\w+ #(\d+)", detail)
    unlocked = re.fullmatch(r"(account|client) (.+)", detail, re.S)
    if action == "check_in" and detail in ("kiosk", "staff"):
        out["via"] = detail
    elif action == "no_show" and detail == "automatic":
        out["via"] = "system"
    elif action == "login_failed" and detail == "locked":
        out["reason"] = "locked"
    elif action == "transfer" and transfer and int(transfer[1]) in teams:
        out["to_team_id"], out["note"] = int(transfer[1]), transfer[2][:200] or None
    elif action == "undo" and undone and int(undone[1]) in events:
        out["undoes_id"] = int(undone[1])
    elif action == "unlock" and unlocked:
        out["target_kind"], out["target"] = unlocked[1], unlocked[2][:80]
    elif detail:
        out["note"] = detail[:200]  # the urgent reason, or text that fits no pattern: kept to be shown
    return out


def _detail(row, actions: dict[int, str]) -> str:
    """The text the previous revision's code wrote for the facts of one row."""
    if row.action == "transfer" and row.to_team_id is not None:
        return f"to team {row.to_team_id}: {row.note or ''}"
    if row.action == "undo" and row.undoes_id is not None:
        return f"{actions.get(row.undoes_id, 'undo')} #{row.undoes_id}"
    if row.reason:
        return row.reason
    if row.target_kind:
        return f"{row.target_kind} {row.target}"
    if row.action == "check_in" and row.via in ("kiosk", "staff"):
        return row.via
    if row.action == "no_show" and row.via == "system":
        return "automatic"
    return row.note or ""


def upgrade() -> None:
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='0', nullable=False))

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('via', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True))
        batch_op.add_column(sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True))
        batch_op.add_column(sa.Column('to_team_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch_op.add_column(sa.Column('undoes_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('target_kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True))
        batch_op.add_column(sa.Column('target', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True))
        batch_op.add_column(sa.Column('version_after', sa.Integer(), nullable=True))

    conn = op.get_bind()
    teams = set(conn.execute(sa.text("SELECT id FROM team")).scalars())
    rows = conn.execute(sa.select(_audit.c.id, _audit.c.action, _audit.c.staff_id, _audit.c.detail)).all()
    events = {r.id for r in rows}
    structured = {r.id: _structured(r.action, r.staff_id, r.detail or "", teams, events) for r in rows}
    changes = [{"row_id": row_id, **values} for row_id, values in structured.items()
               if any(v is not None for v in values.values())]
    if changes:
        conn.execute(_audit.update().where(_audit.c.id == sa.bindparam("row_id"))
                     .values({c: sa.bindparam(c) for c in _COLUMNS}), changes)

    # The foreign keys only now: the values above refer to existing rows only.
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_foreign_key('fk_audit_event_to_team_id', 'team', ['to_team_id'], ['id'])
        batch_op.create_foreign_key('fk_audit_event_undoes_id', 'audit_event', ['undoes_id'], ['id'])
        batch_op.drop_column('detail')


def downgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('detail', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True))

    conn = op.get_bind()
    rows = conn.execute(sa.select(_audit)).all()
    actions = {r.id: r.action for r in rows}
    details = [{"row_id": r.id, "detail": _detail(r, actions)[:300]} for r in rows]
    if details:
        conn.execute(_audit.update().where(_audit.c.id == sa.bindparam("row_id"))
                     .values(detail=sa.bindparam("detail")), details)

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.alter_column('detail', existing_type=sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False)
        batch_op.drop_constraint('fk_audit_event_undoes_id', type_='foreignkey')
        batch_op.drop_constraint('fk_audit_event_to_team_id', type_='foreignkey')
        batch_op.drop_column('version_after')
        batch_op.drop_column('target')
        batch_op.drop_column('target_kind')
        batch_op.drop_column('undoes_id')
        batch_op.drop_column('note')
        batch_op.drop_column('to_team_id')
        batch_op.drop_column('reason')
        batch_op.drop_column('via')

    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_column('version')
