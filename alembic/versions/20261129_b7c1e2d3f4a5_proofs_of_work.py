"""Proofs of work: a used ALTCHA challenge is stored until it expires (single use).

Revision ID: b7c1e2d3f4a5
Revises: a34171fabfa3
Create Date: 2026-11-29 23:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'b7c1e2d3f4a5'
down_revision: Union[str, None] = 'a34171fabfa3'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'used_proof',
        sa.Column('digest', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('digest'),
    )
    with op.batch_alter_table('used_proof', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_used_proof_expires_at'), ['expires_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('used_proof', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_used_proof_expires_at'))
    op.drop_table('used_proof')
