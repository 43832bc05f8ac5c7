"""urgent entries

The reason of an urgent same-day entry made by staff ("individuelle Lösungen für dringende Fälle").

Revision ID: 6b8d7b259b99
Revises: 9ce9283a80a0
Create Date: 2026-11-28 15:40:20.397842
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '6b8d7b259b99'
down_revision: Union[str, None] = '9ce9283a80a0'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('urgent_reason', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_column('urgent_reason')

