"""undo data in the audit trail

The appointment's fields before and after each clerk action, so that a clerk can undo their last one.

Revision ID: 1b38e48d20bb
Revises: 6b8d7b259b99
Create Date: 2026-11-28 16:07:18.436954
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '1b38e48d20bb'
down_revision: Union[str, None] = '6b8d7b259b99'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('change', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True))
        batch_op.create_index('ix_audit_event_staff_at', ['staff_id', 'at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_staff_at')
        batch_op.drop_column('change')

