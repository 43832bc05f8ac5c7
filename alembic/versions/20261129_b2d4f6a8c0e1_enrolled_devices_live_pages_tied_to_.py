"""enrolled devices, live pages tied to sessions and devices

Kiosks and displays become devices enrolled by an admin (only hashes of the one-time code and the
long-lived secret are stored; date-of-birth lookups are counted per device). A live page is tied to
its staff session or device, so pushes stop when either ends. Rate-limited failures per client, and
server-side secrets shared by all workers.

Revision ID: b2d4f6a8c0e1
Revises: 1b38e48d20bb
Create Date: 2026-11-29 15:00:14.995357
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'b2d4f6a8c0e1'
down_revision: Union[str, None] = '1b38e48d20bb'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.create_index('ix_attempt_kind_key_at', ['kind', 'key', 'at'], unique=False)

    op.create_table('device',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('place', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('enrol_code_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('enrol_expires_at', sa.DateTime(), nullable=True),
    sa.Column('secret_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('enrolled_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('last_seen_at', sa.DateTime(), nullable=True),
    sa.Column('budget_window', sa.DateTime(), nullable=True),
    sa.Column('budget_used', sa.Integer(), server_default='0', nullable=False),
    sa.CheckConstraint("kind IN ('kiosk', 'display')", name='ck_device_kind'),
    sa.CheckConstraint('budget_used >= 0', name='ck_device_budget'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('enrol_code_hash'),
    sa.UniqueConstraint('name'),
    sa.UniqueConstraint('secret_hash')
    )
    op.create_table('server_secret',
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    with op.batch_alter_table('live_client', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('device_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_live_client_device_id', 'device', ['device_id'], ['id'], ondelete='CASCADE')
        batch_op.create_foreign_key('fk_live_client_session_id', 'staff_session', ['session_id'], ['id'], ondelete='CASCADE')



def downgrade() -> None:
    with op.batch_alter_table('live_client', schema=None) as batch_op:
        batch_op.drop_constraint('fk_live_client_session_id', type_='foreignkey')
        batch_op.drop_constraint('fk_live_client_device_id', type_='foreignkey')
        batch_op.drop_column('device_id')
        batch_op.drop_column('session_id')

    op.drop_table('server_secret')
    op.drop_table('device')
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_attempt_kind_key_at')

    op.drop_table('attempt')
