"""kiosk lookups counted per device

Date-of-birth lookups are now counted per enrolled kiosk device, every lookup, in one conditional
UPDATE of ``device.budget_used`` (atomic under simultaneous lookups). The old table of failed
attempts per "client address + ?kiosk= name" (which a page could rotate) goes.

Revision ID: d5f7a9c1e3b5
Revises: c4e6a8b0d2f3
Create Date: 2026-11-29 17:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'd5f7a9c1e3b5'
down_revision: Union[str, None] = 'c4e6a8b0d2f3'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('checkin_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_checkin_attempt_kiosk_at')
    op.drop_table('checkin_attempt')


def downgrade() -> None:
    op.create_table('checkin_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kiosk', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('checkin_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_checkin_attempt_kiosk_at', ['kiosk', 'at'], unique=False)
