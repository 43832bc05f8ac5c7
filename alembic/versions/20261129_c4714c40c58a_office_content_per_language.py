"""office content per language

What people read about concerns and groups moves from the UI catalogs into the database, one row
per concern (group) and language, so the office can edit it; ``needs_review`` marks machine-assisted
translations until a sworn translator has checked them. The rows are seeded by
``cli prepare`` (``services.content.seed``), not here.

Revision ID: c4714c40c58a
Revises: 32e37ca183de
Create Date: 2026-11-29 18:08:00.034490
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'c4714c40c58a'
down_revision: Union[str, None] = '32e37ca183de'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('group_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('needs_review', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('group_code', 'lang', name='uq_group_text_lang')
    )
    op.create_table('concern_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('concern_id', sa.Integer(), nullable=False),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('documents', sqlmodel.sql.sqltypes.AutoString(length=3000), nullable=False),
    sa.Column('keywords', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('needs_review', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['concern_id'], ['concern.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('concern_id', 'lang', name='uq_concern_text_lang')
    )
    with op.batch_alter_table('concern_text', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concern_text_concern_id'), ['concern_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('concern_text', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concern_text_concern_id'))

    op.drop_table('concern_text')
    op.drop_table('group_text')
