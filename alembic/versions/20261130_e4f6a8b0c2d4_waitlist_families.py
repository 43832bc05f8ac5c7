"""Waitlist for families: an entry's number of persons and its further persons.

Revision ID: e4f6a8b0c2d4
Revises: d9e3a4b5c6d7
Create Date: 2026-11-30 03:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'e4f6a8b0c2d4'
down_revision: Union[str, None] = 'd9e3a4b5c6d7'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('waitlist_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('persons', sa.Integer(), server_default='1', nullable=False))
        batch_op.create_check_constraint('ck_waitlist_entry_persons', 'persons >= 1')
    op.create_table('waitlist_person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('family_name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('given_names', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['waitlist_entry.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('entry_id', 'position', name='uq_waitlist_person_position')
    )
    with op.batch_alter_table('waitlist_person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waitlist_person_entry_id'), ['entry_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('waitlist_person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_waitlist_person_entry_id'))
    op.drop_table('waitlist_person')
    with op.batch_alter_table('waitlist_entry', schema=None) as batch_op:
        batch_op.drop_constraint('ck_waitlist_entry_persons', type_='check')
        batch_op.drop_column('persons')
