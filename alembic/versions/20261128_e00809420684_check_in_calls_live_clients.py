"""check-in, calls, live clients

Arrival and call columns on appointment (call numbers unique per day), the registry of open
pages that receive pushes, and failed kiosk attempts for rate limiting.

Revision ID: e00809420684
Revises: acacaf2baf08
Create Date: 2026-11-28 13:53:56.737263
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'e00809420684'
down_revision: Union[str, None] = 'acacaf2baf08'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('checkin_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kiosk', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('checkin_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_checkin_attempt_kiosk_at', ['kiosk', 'at'], unique=False)

    op.create_table('live_client',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token', 'channel', name='uq_live_client')
    )
    with op.batch_alter_table('live_client', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_live_client_channel'), ['channel'], unique=False)

    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checked_in_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('call_day', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('call_number', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True))
        batch_op.add_column(sa.Column('called_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('room_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('finished_at', sa.DateTime(), nullable=True))
        batch_op.create_unique_constraint('uq_appointment_call_number', ['call_day', 'call_number'])
        batch_op.create_foreign_key('fk_appointment_room_id', 'room', ['room_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_constraint('fk_appointment_room_id', type_='foreignkey')
        batch_op.drop_constraint('uq_appointment_call_number', type_='unique')
        batch_op.drop_column('finished_at')
        batch_op.drop_column('room_id')
        batch_op.drop_column('called_at')
        batch_op.drop_column('call_number')
        batch_op.drop_column('call_day')
        batch_op.drop_column('checked_in_at')

    with op.batch_alter_table('live_client', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_live_client_channel'))

    op.drop_table('live_client')
    with op.batch_alter_table('checkin_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_checkin_attempt_kiosk_at')

    op.drop_table('checkin_attempt')
