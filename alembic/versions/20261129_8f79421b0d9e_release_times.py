"""Fixed release times: the clock time at which a team's next day becomes bookable online.

Revision ID: 8f79421b0d9e
Revises: 5d75fe9e533a
Create Date: 2026-11-29 20:41:49.831871
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '8f79421b0d9e'
down_revision: Union[str, None] = '5d75fe9e533a'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.add_column(sa.Column('release_time', sa.Time(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.drop_column('release_time')

