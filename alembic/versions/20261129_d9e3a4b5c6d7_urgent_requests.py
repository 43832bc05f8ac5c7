"""Urgent requests: people whose permit expires soon, sorted by expiry for the team's triage.

Revision ID: d9e3a4b5c6d7
Revises: c8d2f3e4a5b6
Create Date: 2026-11-29 23:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'd9e3a4b5c6d7'
down_revision: Union[str, None] = 'c8d2f3e4a5b6'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


# The mail kinds after this revision (models.MAIL_KINDS) and before it (the waitlist's revision).
KINDS = ('confirmation', 'rebooked', 'cancelled', 'reminder', 'withdrawn', 'waitlist_joined', 'waitlist_offer',
         'urgent_receipt', 'urgent_answer')
KINDS_BEFORE = KINDS[:-2]


def _kinds(kinds) -> str:
    return f"kind IN ({', '.join(repr(k) for k in kinds)})"


def upgrade() -> None:
    op.create_table('urgent_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=11), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('concern_id', sa.Integer(), nullable=False),
    sa.Column('permit_kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('permit_expires', sa.Date(), nullable=False),
    sa.Column('family_name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('given_names', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('receipt_token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('handled_at', sa.DateTime(), nullable=True),
    sa.Column('handled_by', sa.Integer(), nullable=True),
    sa.Column('answer', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('anonymised_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('open', 'offered', 'answered', 'closed')", name='ck_urgent_request_status'),
    sa.CheckConstraint("permit_kind IN ('residence_title', 'fiktion', 'duldung', 'gestattung', 'other')",
                       name='ck_urgent_request_permit_kind'),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name='fk_urgent_request_appointment_id'),
    sa.ForeignKeyConstraint(['concern_id'], ['concern.id'], ),
    sa.ForeignKeyConstraint(['handled_by'], ['staff.id'], name='fk_urgent_request_handled_by'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('appointment_id', name='uq_urgent_request_appointment_id'),
    sa.UniqueConstraint('number'),
    sa.UniqueConstraint('receipt_token_hash', name='uq_urgent_request_receipt_token_hash')
    )
    with op.batch_alter_table('urgent_request', schema=None) as batch_op:
        batch_op.create_index('ix_urgent_request_team_status_expires', ['team_id', 'status', 'permit_expires'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_urgent_request_anonymised_at'), ['anonymised_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_urgent_request_received_at'), ['received_at'], unique=False)

    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('request_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_mail_outbox_request_id'), ['request_id'], unique=False)
        batch_op.create_foreign_key('fk_mail_outbox_request_id', 'urgent_request', ['request_id'], ['id'],
                                    ondelete='CASCADE')
        batch_op.drop_constraint('ck_mail_kind', type_='check')
        batch_op.create_check_constraint('ck_mail_kind', _kinds(KINDS))


def downgrade() -> None:
    op.execute("DELETE FROM mail_outbox WHERE kind IN ('urgent_receipt', 'urgent_answer') OR request_id IS NOT NULL")
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_constraint('ck_mail_kind', type_='check')
        batch_op.create_check_constraint('ck_mail_kind', _kinds(KINDS_BEFORE))
        batch_op.drop_constraint('fk_mail_outbox_request_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_mail_outbox_request_id'))
        batch_op.drop_column('request_id')

    with op.batch_alter_table('urgent_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_urgent_request_received_at'))
        batch_op.drop_index(batch_op.f('ix_urgent_request_anonymised_at'))
        batch_op.drop_index('ix_urgent_request_team_status_expires')

    op.drop_table('urgent_request')
