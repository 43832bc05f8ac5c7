"""Seat cooldown: a seat given back is held until a random time before it is offered again.

Revision ID: a34171fabfa3
Revises: 8f79421b0d9e
Create Date: 2026-11-29 20:52:25.727393
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'a34171fabfa3'
down_revision: Union[str, None] = '8f79421b0d9e'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('slot_claim', schema=None) as batch_op:
        batch_op.add_column(sa.Column('held_until', sa.DateTime(), nullable=True))



def downgrade() -> None:
    op.execute("DELETE FROM slot_claim WHERE held_until IS NOT NULL")  # else they would hold their seats for good
    with op.batch_alter_table('slot_claim', schema=None) as batch_op:
        batch_op.drop_column('held_until')

