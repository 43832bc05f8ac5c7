"""recall, priority, park, transfer

Columns for the clerk's queue tools; existing rows get call_count 0 and no priority.

Revision ID: 9ce9283a80a0
Revises: b680d0703eb6
Create Date: 2026-11-28 15:07:24.536126
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '9ce9283a80a0'
down_revision: Union[str, None] = 'b680d0703eb6'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('call_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('priority', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('parked_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('transfer_note', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_column('transfer_note')
        batch_op.drop_column('parked_at')
        batch_op.drop_column('priority')
        batch_op.drop_column('call_count')

